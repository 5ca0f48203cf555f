import { readFile } from "node:fs/promises";
import { describe, it, expect } from "vitest";
import { cellSummary, matrixConsoleTable, matrixMarkdown } from "../../src/matrix/matrix-table.js";
import type { CellResult, MatrixResult } from "../../src/matrix/run-matrix.js";
import type { OtpRelease } from "../../src/otp-releases.js";
import { insideOtpWindow } from "../../src/matrix/otp-window.js";

function cell(name: string, overrides: Partial<CellResult> = {}): CellResult {
  const [a, b = a] = name.split("-").map(Number) as [OtpRelease, OtpRelease?];
  return {
    cell: name,
    releases: [a, b!],
    dist: "tcp",
    nodes: [],
    meshFormed: true,
    pgConverged: true,
    verdict: "pass",
    healP95Ms: 100,
    reason: null,
    logLines: [],
    required: false,
    otpWindow: insideOtpWindow([a, b!]) ? "inside" : "outside",
    ...overrides,
  };
}

describe("cellSummary", () => {
  it("gives nothing for a cell without a result", () => {
    expect(cellSummary(undefined)).toBe("");
  });

  it("gives a pass with its heal p95", () => {
    expect(cellSummary(cell("27", { healP95Ms: 812 }))).toBe("ok: mesh, pg, heal p95 812 ms");
  });

  it("gives a pass without heal timings a dash", () => {
    expect(cellSummary(cell("27", { healP95Ms: null }))).toBe("ok: mesh, pg, heal p95 -");
  });

  it("marks a required cell, whether it passed or not", () => {
    expect(cellSummary(cell("27-29", { healP95Ms: 40, required: true }))).toBe("ok: mesh, pg, heal p95 40 ms (required)");
    expect(cellSummary(cell("27-29", { verdict: "fail", meshFormed: false, pgConverged: false, required: true }))).toBe("FAIL: no mesh (required)");
    expect(cellSummary(cell("27-29", { verdict: "unknown", required: true }))).toBe("UNKNOWN: heal not judged (required)");
  });

  it("says no mesh before anything else", () => {
    expect(cellSummary(cell("27-29", { verdict: "fail", meshFormed: false, pgConverged: false, healP95Ms: null }))).toBe("FAIL: no mesh");
  });

  it("says pg did not converge when the mesh formed", () => {
    expect(cellSummary(cell("27-29", { verdict: "fail", pgConverged: false, healP95Ms: null }))).toBe("FAIL: pg did not converge");
  });

  it("says a formed cluster that failed its run did not heal", () => {
    expect(cellSummary(cell("25-27", { verdict: "fail", reason: "3 of 10 iterations failed" }))).toBe("FAIL: did not heal");
  });

  it("says unknown for a formed cluster whose run was inconclusive", () => {
    expect(cellSummary(cell("25-27", { verdict: "unknown", required: true }))).toBe("UNKNOWN: heal not judged (required)");
  });

  it("says unknown, not no mesh, for a cell whose run broke (a harness error)", () => {
    expect(cellSummary(cell("25-27", { verdict: "unknown", meshFormed: false, pgConverged: false }))).toBe("UNKNOWN: the run broke");
  });
});

describe("cellSummary of a pair outside OTP's compatibility window", () => {
  it("says it failed outside the window, and what failed, not FAIL", () => {
    expect(cellSummary(cell("25-29", { verdict: "fail", meshFormed: false, pgConverged: false, healP95Ms: null }))).toBe(
      "outside OTP's compatibility window: failed (no mesh)",
    );
    expect(cellSummary(cell("25-29", { verdict: "fail", healP95Ms: null }))).toBe("outside OTP's compatibility window: failed (did not heal)");
  });

  it("says it passed outside the window, with its heal p95", () => {
    expect(cellSummary(cell("25-29", { healP95Ms: 1322 }))).toBe("outside OTP's compatibility window: passed (mesh, pg, heal p95 1322 ms)");
  });

  it("says unknown as inside: the table has a hole either way", () => {
    expect(cellSummary(cell("25-29", { verdict: "unknown", meshFormed: false, pgConverged: false }))).toBe("UNKNOWN: the run broke");
  });
});

/** 25, 27, 29 and their pairs: 25-29 (outside OTP's window) never formed (with log lines), 27-29 did not converge pg, the rest passed. */
function sample(): MatrixResult {
  return {
    releases: [25, 27, 29],
    dists: ["tcp"],
    seed: 4242,
    verdict: "fail",
    cells: [
      cell("25", { healP95Ms: 101 }),
      cell("27", { healP95Ms: 102 }),
      cell("29", { healP95Ms: 103 }),
      cell("25-27", { healP95Ms: 104, required: true }),
      cell("25-29", {
        verdict: "fail",
        meshFormed: false,
        pgConverged: false,
        healP95Ms: null,
        reason: "mesh: app@n1 sees 2 of 4 peers",
        logLines: ["app@n1: ** Generic server pg terminating", "app@n1: ** Last message in was {discover,<0.9.0>}"],
      }),
      cell("27-29", { verdict: "fail", pgConverged: false, healP95Ms: null, required: true, reason: "pg converged: pool has 8 of 10 members" }),
    ],
  };
}

describe("matrixConsoleTable", () => {
  const text = matrixConsoleTable(sample());
  const lines = text.split("\n");
  /** The table's row of a release (table rows start with a border, the reasons below do not). */
  const row = (release: number) => lines.find((line) => new RegExp(`^│ ${release}\\b`).test(line))!;

  it("heads the columns with the releases", () => {
    expect(lines.find((line) => line.includes("OTP"))).toMatch(/OTP\W+25\W+27\W+29/);
  });

  it("fills the upper triangle only, each pair once", () => {
    expect(row(25)).toMatch(/^│ 25\s+│ ok: mesh, pg, heal p95 101 ms\s+│ ok: mesh, pg, heal p95 104 ms \(required\)\s+│ outside OTP's compatibility window: failed \(no mesh\)\s+│$/);
    expect(row(27)).toMatch(/^│ 27\s+│\s+│ ok: mesh, pg, heal p95 102 ms\s+│ FAIL: pg did not converge \(required\)\s+│$/);
    expect(row(29)).toMatch(/^│ 29\s+│\s+│\s+│ ok: mesh, pg, heal p95 103 ms\s+│$/);
    for (const summary of ["heal p95 104 ms", "failed (no mesh)", "FAIL: pg did not converge"]) {
      expect(text.split(summary)).toHaveLength(2);
    }
  });

  it("lists the reason of every failing cell, with its log lines under it", () => {
    const at = lines.indexOf("25-29 (outside OTP's compatibility window): mesh: app@n1 sees 2 of 4 peers");
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual(["    app@n1: ** Generic server pg terminating", "    app@n1: ** Last message in was {discover,<0.9.0>}"]);
    expect(lines).toContain("27-29: pg converged: pool has 8 of 10 members");
  });

  it("lists no reasons for cells that passed", () => {
    expect(lines.filter((line) => /^\d+(-\d+)?( \(.*\))?: /.test(line))).toEqual([
      "25-29 (outside OTP's compatibility window): mesh: app@n1 sees 2 of 4 peers",
      "27-29: pg converged: pool has 8 of 10 members",
    ]);
  });

  it("shows at most 10 log lines of a cell", () => {
    const matrix = sample();
    matrix.cells[4]!.logLines = Array.from({ length: 14 }, (_, i) => `app@n1: line ${i}`);
    const shown = matrixConsoleTable(matrix).split("\n").filter((line) => line.startsWith("    app@n1: line "));
    expect(shown).toHaveLength(10);
    expect(shown[0]).toBe("    app@n1: line 0");
  });
});

describe("matrixMarkdown", () => {
  const markdown = matrixMarkdown(sample());
  const lines = markdown.split("\n");

  it("heads the page with the seed and the verdict", () => {
    expect(lines[0]).toBe("# OTP compatibility matrix (seed 4242): fail");
    const passed = { ...sample(), verdict: "pass" as const, seed: 7 };
    expect(matrixMarkdown(passed).split("\n")[0]).toBe("# OTP compatibility matrix (seed 7): pass");
  });

  it("gives a table with a column per release and the upper triangle filled", () => {
    const table = lines.filter((line) => line.startsWith("|"));
    expect(table).toEqual([
      "| OTP | 25 | 27 | 29 |",
      "|---|---|---|---|",
      "| **25** | ok: mesh, pg, heal p95 101 ms | ok: mesh, pg, heal p95 104 ms (required) | outside OTP's compatibility window: failed (no mesh) |",
      "| **27** |  | ok: mesh, pg, heal p95 102 ms | FAIL: pg did not converge (required) |",
      "| **29** |  |  | ok: mesh, pg, heal p95 103 ms |",
    ]);
  });

  it("lists each failing cell's reason as an item, its log lines indented under it", () => {
    const notes = lines.slice(lines.indexOf("| **29** |  |  | ok: mesh, pg, heal p95 103 ms |") + 1).filter((line) => line !== "");
    expect(notes).toEqual([
      "- 25-29 (outside OTP's compatibility window): mesh: app@n1 sees 2 of 4 peers",
      "    app@n1: ** Generic server pg terminating",
      "    app@n1: ** Last message in was {discover,<0.9.0>}",
      "- 27-29: pg converged: pool has 8 of 10 members",
    ]);
  });

  it("ends with a newline and lists no notes when every cell passed", () => {
    const matrix: MatrixResult = { releases: [27], dists: ["tcp"], seed: 1, verdict: "pass", cells: [cell("27", { healP95Ms: 9 })] };
    expect(matrixMarkdown(matrix)).toBe(["# OTP compatibility matrix (seed 1): pass", "", "| OTP | 27 |", "|---|---|", "| **27** | ok: mesh, pg, heal p95 9 ms |", "", ""].join("\n"));
  });

  it("leaves a cell with no result blank", () => {
    const matrix: MatrixResult = { releases: [25, 27], dists: ["tcp"], seed: 1, verdict: "pass", cells: [cell("25"), cell("27")] };
    expect(matrixMarkdown(matrix)).toContain("| **25** | ok: mesh, pg, heal p95 100 ms |  |");
  });
});

describe("a cell whose reason is a node's whole log", async () => {
  // an OTP 25 node's log tail: the crash report of its pg scope, 7 KB over 150 lines
  const tail = await readFile(new URL("fixtures/otp25-pg-crash-tail.txt", import.meta.url), "utf8");
  const longLine = `app@n1: reason: {badarg,[{pg,handle_info,2,[{file,"pg.erl"},{line,447}]},${" ".repeat(300)}{gen_server,try_dispatch,4}]}`;
  const matrix = sample();
  Object.assign(matrix.cells[4]!, { reason: tail, logLines: [longLine, "app@n1: ** Last message in was {discover,<9080.94.0>,1}"] });
  const notes = matrixMarkdown(matrix)
    .split("\n")
    .filter((line) => line.startsWith("- ") || line.startsWith("    "));

  it("gives the reason one short line: its first line, an ellipsis and where the rest is", () => {
    expect(notes[0]).toBe("- 25-29 (outside OTP's compatibility window): exception error: bad argument… (the whole reason is in matrix.json)");
  });

  it("cuts a long log line, with an ellipsis, and keeps the short one whole", () => {
    expect(notes.slice(1, 3)).toEqual([`    ${longLine.slice(0, 200).trimEnd()}…`, "    app@n1: ** Last message in was {discover,<9080.94.0>,1}"]);
    expect(notes.every((line) => line.length < 260)).toBe(true);
  });

  it("keeps the next cell's reason on its own line", () => {
    expect(notes[3]).toBe("- 27-29: pg converged: pool has 8 of 10 members");
    expect(notes).toHaveLength(4);
  });

  it("cuts a one-line reason past 200 characters", () => {
    const long = sample();
    long.cells[5]!.reason = `pg converged: ${"pool has 8 of 10 members; ".repeat(20)}`;
    const line = matrixMarkdown(long).split("\n").find((l) => l.startsWith("- 27-29: "))!;
    expect(line).toBe(`- 27-29: ${long.cells[5]!.reason.slice(0, 200).trimEnd()}… (the whole reason is in matrix.json)`);
  });
});

describe("a matrix over tcp and tls", () => {
  const matrix: MatrixResult = {
    releases: [25, 27],
    dists: ["tcp", "tls"],
    seed: 3,
    verdict: "pass",
    cells: [
      cell("25", { healP95Ms: 11 }),
      cell("27", { healP95Ms: 12 }),
      cell("25-27", { healP95Ms: 13 }),
      cell("25", { dist: "tls", healP95Ms: 21 }),
      cell("27", { dist: "tls", healP95Ms: 22 }),
      cell("25-27", { dist: "tls", verdict: "fail", meshFormed: false, pgConverged: false, healP95Ms: null, reason: "mesh: app@n1 sees 1 of 3 peers" }),
    ],
  };

  it("gives a table per distribution, each with its own cells", () => {
    const table = matrixMarkdown(matrix)
      .split("\n")
      .filter((line) => line.startsWith("|"));
    expect(table).toEqual([
      "| OTP over tcp | 25 | 27 |",
      "|---|---|---|",
      "| **25** | ok: mesh, pg, heal p95 11 ms | ok: mesh, pg, heal p95 13 ms |",
      "| **27** |  | ok: mesh, pg, heal p95 12 ms |",
      "| OTP over tls | 25 | 27 |",
      "|---|---|---|",
      "| **25** | ok: mesh, pg, heal p95 21 ms | FAIL: no mesh |",
      "| **27** |  | ok: mesh, pg, heal p95 22 ms |",
    ]);
  });

  it("names the distribution of a failing cell in its reason", () => {
    expect(matrixConsoleTable(matrix).split("\n")).toContain("25-27 over tls: mesh: app@n1 sees 1 of 3 peers");
  });

  it("says so in the corner of a matrix over tls alone", () => {
    const tlsOnly: MatrixResult = { ...matrix, dists: ["tls"], cells: matrix.cells.filter((c) => c.dist === "tls") };
    expect(matrixMarkdown(tlsOnly)).toContain("| OTP over tls | 25 | 27 |");
  });
});
