import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { attachOptionsOf } from "../../src/cli/attach-flags.js";
import { checkOptionsOf } from "../../src/cli/commands/check.js";
import { flagName } from "../../src/cli/flags.js";
import { meshproofProgram } from "../../src/cli/program.js";
import { scenarioOverrides } from "../../src/cli/scenario-flags.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { positiveDurationMs } from "../../src/config/duration.js";
import { otpReleaseSchema } from "../../src/config/otp.js";
import { parseInput } from "../../src/config/parse.js";
import { silentProgress } from "../../src/progress.js";
import { readScenarioFile, resolveScenario } from "../../src/scenario/load-scenario.js";
import { anchorsOf, commandsInFence, docFiles, fencesOf, inlineCode, inlineCommands, isSynopsis, linksOf, ROOT, type ShownCommand } from "./docs-examples.js";

/*
 * The docs cannot drift from the code: every scenario they show passes the
 * scenario schema and its rules, every `meshproof` command they show parses
 * against the real CLI program and its values pass the commands' own option
 * schemas, every page is linked from the README, and every link resolves.
 */

const docs = docFiles();
const fences = docs.flatMap(fencesOf);
const fencedCommands = fences.flatMap(commandsInFence);
const inline = docs.flatMap(inlineCommands);
const where = (c: { file: string; line: number }) => `${c.file}:${c.line}`;

/** A run id where the docs write a placeholder or the shell variable the worked example sets. */
const PLACEHOLDERS: Record<string, string> = { ID: "03ad0189", $ID: "03ad0189" };

interface Parsed {
  command: string;
  args: string[];
  opts: Record<string, unknown>;
}

/** Parses argv with the real program, its actions swapped for a capture: nothing runs, unknown flags and missing values throw. */
function parseWithCli(argv: string[]): Parsed {
  const program = meshproofProgram({ signal: new AbortController().signal, progress: silentProgress, out: () => {}, say: () => {} });
  let parsed: Parsed | undefined;
  const capture = (cmd: Command, path: string) => {
    cmd.configureOutput({ writeOut: () => {}, writeErr: () => {} });
    if (cmd !== program) cmd.action((...params: unknown[]) => void (parsed = { command: path, args: params.slice(0, -2) as string[], opts: cmd.opts() }));
    for (const sub of cmd.commands) capture(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  capture(program, "");
  program.parse(argv.map((word) => PLACEHOLDERS[word] ?? word), { from: "user" });
  if (!parsed) throw new Error(`no command ran: meshproof ${argv.join(" ")}`);
  return parsed;
}

/** The values checked as each command checks them before it starts anything (where its schema is reachable). */
async function validateValues({ command, opts }: Parsed): Promise<void> {
  if (command === "run" || command === "matrix") {
    const { scenario, otp, dist, require: _required, report: _report, keep: _keep, attach, nodeName, cookieFile, cookieEnv, ...flags } = opts as Record<string, string | undefined>;
    const path = scenario && existsSync(join(ROOT, scenario)) ? join(ROOT, scenario) : undefined;
    const file = path ? { path, data: await readScenarioFile(path) } : undefined;
    const { overrides, flagOf } = scenarioOverrides(command === "run" ? { ...flags, otp, dist } : flags, file?.data.faults);
    resolveScenario(file, overrides, flagOf);
    attachOptionsOf({ attach, nodeName, cookieFile, cookieEnv });
  } else if (command === "up" || command === "compose") {
    const { out: _out, ...cluster } = opts;
    parseInput(clusterOptionsSchema, cluster, flagName);
  } else if (command === "check") {
    const { attach, nodeName, cookieFile, cookieEnv, ...check } = opts as Record<string, string | undefined>;
    checkOptionsOf(check);
    attachOptionsOf({ attach, nodeName, cookieFile, cookieEnv });
  } else if (command === "shrink" && opts.budget !== undefined) {
    parseInput(positiveDurationMs, opts.budget, () => "--budget");
  } else if (command === "image build") {
    parseInput(otpReleaseSchema.optional(), opts.otp, () => "--otp");
  }
}

const label = (c: ShownCommand) => `${where(c)}: ${c.text}`;

describe("the docs", () => {
  it("keep the README to at most 300 lines", () => {
    expect(docs[0]!.text.trimEnd().split("\n").length).toBeLessThanOrEqual(300);
  });

  it("link every docs/ page from the README", () => {
    const linked = new Set(linksOf(docs[0]!).map((link) => link.target.split("#")[0]));
    const pages = docs.slice(1).map((doc) => doc.path);
    expect(pages.length).toBeGreaterThanOrEqual(14);
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it("have only relative links that resolve, to a file and to a heading in it", () => {
    const broken = docs.flatMap((doc) =>
      linksOf(doc)
        .filter((link) => !/^[a-z]+:/.test(link.target))
        .flatMap((link) => {
          const [file, anchor] = link.target.split("#");
          const target = file ? normalize(join(dirname(link.file), file)) : link.file;
          if (!existsSync(join(ROOT, target))) return [`${where(link)}: ${link.target}: no such file`];
          if (anchor && target.endsWith(".md") && !anchorsOf(readFileSync(join(ROOT, target), "utf8")).has(anchor)) return [`${where(link)}: ${link.target}: no such heading`];
          return [];
        }),
    );
    expect(broken).toEqual([]);
  });

  it("say of every block with a meshproof command whether the docs test runs it", () => {
    const blocks = fences.filter((fence) => commandsInFence(fence).length > 0);
    expect(blocks.filter((b) => b.marker === "runs").length).toBeGreaterThan(0);
    expect(blocks.filter((b) => !(b.marker === "runs" || b.marker?.startsWith("not run"))).map(where)).toEqual([]);
  });

  it("give as the README's test command the one .ci/run runs", () => {
    const quickStart = fences.find((fence) => fence.file === "README.md" && /^npm test\b/m.test(fence.body));
    expect(quickStart, "a README block with npm test").toBeDefined();
    expect(readFileSync(join(ROOT, ".ci/run"), "utf8")).toMatch(/^(\w+="[^"]*" )*npm test( --.*)?$/m);
  });

  const scenarios = fences.filter((fence) => fence.lang === "yaml");
  it.each(scenarios.map((fence) => [where(fence), fence] as const))("show a valid scenario at %s", (path, fence) => {
    const data = parseYaml(fence.body) as Record<string, unknown>;
    expect(() => resolveScenario({ path, data }, {}, () => undefined)).not.toThrow();
  });

  it("show commands in fenced blocks and inline", () => {
    expect(fencedCommands.length).toBeGreaterThan(10);
    expect(inline.filter((c) => !isSynopsis(c)).length).toBeGreaterThan(10);
  });

  const commandLines = [...fencedCommands, ...inline.filter((c) => !isSynopsis(c))].filter((c) => c.argv.length > 1);
  it.each(commandLines.map((c) => [label(c), c] as const))("show %s, which the CLI takes", async (_, command) => {
    await validateValues(parseWithCli(command.argv));
  });

  // usage notation (`meshproof run [--seed N]`, the synopsis in cli.md) and commands named in prose (`meshproof shrink`)
  const usages = [...fences.flatMap(usageLines), ...inline.filter((c) => isSynopsis(c) || c.argv.length === 1)];
  it.each(usages.map((c) => [label(c), c] as const))("name at %s a command the CLI has, with flags it has", (_, usage) => {
    const words = usage.argv.filter((word) => !word.startsWith("-"));
    const command = commandAt(words);
    expect(command, `a meshproof command in: ${usage.text}`).toBeDefined();
    const flags = new Set(command!.options.flatMap((option) => [option.long, option.short]));
    expect(usage.text.match(/--[a-z][a-z0-9-]*/g)?.filter((flag) => !flags.has(flag)) ?? []).toEqual([]);
  });

  it("name in inline code only flags that some meshproof command has", () => {
    const flags = new Set(allCommands(commandAt([])!).flatMap((command) => command.options.map((option) => option.long)));
    const shown = docs.flatMap((doc) =>
      inlineCode(doc)
        .filter(({ code }) => !/^(docker|dockerd|npm run bench)\b/.test(code))
        .flatMap(({ line, code }) => (code.match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? []).map((flag) => ({ file: doc.path, line, flag }))),
    );
    expect(shown.length).toBeGreaterThan(50);
    expect(shown.filter(({ flag }) => !flags.has(flag) && !OTHER_TOOLS_FLAGS.has(flag)).map((s) => `${where(s)}: ${s.flag}`)).toEqual([]);
  });
});

/** Flags the docs show in prose that belong to other tools: commander's own, and bench:global's (docs/benchmark.md). */
const OTHER_TOOLS_FLAGS = new Set(["--help", "--runs", "--partitions", "--tick", "--shape", "--cluster", "--lock"]);

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** The deepest command that the leading words name (`image build`); the program itself for no words. */
function commandAt(words: string[]): Command | undefined {
  let command: Command | undefined = meshproofProgram({ signal: new AbortController().signal, progress: silentProgress, out: () => {}, say: () => {} });
  let found: Command | undefined = words.length ? undefined : command;
  for (const word of words) {
    command = command?.commands.find((sub) => sub.name() === word);
    if (!command) break;
    found = command;
  }
  return found;
}

/** The lines of a ```text synopsis that start with `meshproof`, each with its indented continuation lines. */
function usageLines(fence: { file: string; line: number; lang: string; body: string }): ShownCommand[] {
  if (fence.lang !== "text") return [];
  const usages: ShownCommand[] = [];
  fence.body.split("\n").forEach((text, i) => {
    if (text.startsWith("meshproof ")) usages.push({ file: fence.file, line: fence.line + 1 + i, text, argv: text.slice("meshproof ".length).split(/\s+/) });
    else if (usages.length && /^\s+\[?-/.test(text)) usages.at(-1)!.text += ` ${text.trim()}`;
  });
  return usages;
}

describe("the docs test's own checks", () => {
  it("refuse an unknown flag, a missing value and a bad value", async () => {
    expect(() => parseWithCli(["run", "--nodez", "3"])).toThrow(CommanderError);
    expect(() => parseWithCli(["check", "--run"])).toThrow(/argument missing/);
    await expect(validateValues(parseWithCli(["run", "--nodes", "3.5"]))).rejects.toThrow(/--nodes: must be a whole number/);
    await expect(validateValues(parseWithCli(["up", "--nodes", "1"]))).rejects.toThrow();
    await expect(validateValues(parseWithCli(["check", "--run", "ID", "--probe-timeout", "10"]))).rejects.toThrow(/--probe-timeout/);
  });

  it("refuse a scenario with a key it does not know", () => {
    expect(() => resolveScenario({ path: "x", data: { cluster: { node: 3 } } }, {}, () => undefined)).toThrow(/did you mean nodes/);
  });

  it("find commands, blocks and links as a reader sees them", () => {
    const doc = {
      path: "docs/x.md",
      text: "see `meshproof down --all` and [a](../README.md#quick-start)\n\n<!-- runs -->\n```sh\nID=$(npx meshproof up --nodes 3 | tail -n 1)\nDOCKER_HOST=tcp://h:2376 meshproof run \\\n  --kills 1   # one\n```\n",
    };
    const [fence] = fencesOf(doc);
    expect(fence!.marker).toBe("runs");
    expect(commandsInFence(fence!).map((c) => c.argv)).toEqual([
      ["up", "--nodes", "3"],
      ["run", "--kills", "1"],
    ]);
    expect(inlineCommands(doc).map((c) => c.argv)).toEqual([["down", "--all"]]);
    expect(linksOf(doc).map((l) => l.target)).toEqual(["../README.md#quick-start"]);
    expect(anchorsOf("# A: `b` c\n## A: `b` c")).toEqual(new Set(["a-b-c", "a-b-c-1"]));
  });
});
