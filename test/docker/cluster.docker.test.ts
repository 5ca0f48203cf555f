import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkKillApplied } from "../../src/checks/kill-applied.js";
import { checkNoCascade } from "../../src/checks/no-cascade.js";
import { incarnationsOf } from "../../src/checks/incarnations.js";
import { checkReachability } from "../../src/checks/reachability.js";
import { execInContainer } from "../../src/docker/exec.js";
import { judgeHealthy, startCluster, type StartedCluster } from "../../src/index.js";
import { runKillIteration } from "../../src/run/kill-iteration.js";

const timing = { downtimeMs: 500, detectDeadlineMs: 15_000, healDeadlineMs: 30_000 };

/* One healthy 3-node cluster; every test leaves it healthy again. */
let cluster: StartedCluster;
beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});
afterAll(async () => {
  await cluster?.down();
});

async function restoreHealth(): Promise<void> {
  await Promise.all(cluster.nodeNames.map((node) => cluster.start(node)));
  const healthy = await cluster.waitUntilHealthy({ deadlineMs: 30_000 });
  expect(healthy.passed).toBe(true);
}

describe("a started cluster", () => {
  it("forms a full mesh of app@nK nodes and converges pg, as observed by every node", async () => {
    const observations = await cluster.observe();
    expect(cluster.nodeNames).toEqual(["app@n1", "app@n2", "app@n3"]);
    expect(judgeHealthy(observations, cluster.nodeNames, { pool: 2 }).map((c) => c.verdict)).toEqual(["pass", "pass"]);
    for (const o of observations) {
      expect(o.info?.otpRelease).toBe("25");
      expect(o.mesh).toEqual(cluster.nodeNames.filter((n) => n !== o.node));
    }
  });

  it("keeps the cookie in a 0400 file: not in the container config, not on any command line", async () => {
    const container = cluster.container("app@n1");
    const read = await execInContainer(container, ["sh", "-c", "stat -c %a /root/.erlang.cookie; cat /root/.erlang.cookie; echo; ps -eo args"], { timeoutMs: 10_000 });
    expect(read.kind).toBe("exited");
    const [mode, cookie, ...processes] = read.kind === "exited" ? read.stdout.split("\n") : [];
    expect(mode).toBe("400");
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(processes.join("\n")).toContain("beam");
    expect(processes.join("\n")).not.toContain(cookie);
    expect(JSON.stringify(await container.inspect())).not.toContain(cookie);
  });

  it("heals after a kill and a restart, and says how fast", async () => {
    const result = await runKillIteration(cluster, { index: 1, fault: "kill", target: "app@n2" }, timing);
    expect(result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    expect(result.verdict).toBe("pass");
    expect(result.detectMs).toBeGreaterThan(0);
    expect(result.healMs).toBeGreaterThan(0);
    expect(result.checks.map((c) => c.name)).toEqual([
      "healthy before fault: mesh",
      "healthy before fault: pg converged",
      "fault applied",
      "no cascade",
      "mesh healed",
      "pg converged",
      "reachability",
    ]);
  });
});

describe("negative controls on a live cluster", () => {
  it("fault applied: a kill that did not happen is not reported as detected", async () => {
    const survivors = ["app@n1", "app@n2"];
    const observations = await cluster.observe(survivors);
    const check = checkKillApplied(observations, "app@n3", survivors, await cluster.isRunning("app@n3"));
    expect(check.verdict).toBe("fail");
    expect(check.detail).toContain("the container of app@n3 is still running");
    expect(check.detail).toContain("app@n1 still sees app@n3");
  });

  it("no cascade: a survivor that went down with the target is caught", async () => {
    const before = incarnationsOf(await cluster.observe());
    await Promise.all([cluster.kill("app@n2"), cluster.kill("app@n3")]);
    try {
      const check = checkNoCascade(await cluster.observe(["app@n1", "app@n3"]), before, ["app@n1", "app@n3"]);
      expect(check.verdict).toBe("fail");
      expect(check.detail).toContain("app@n3 did not answer (unreachable");
    } finally {
      await restoreHealth();
    }
    const after = checkNoCascade(await cluster.observe(), before, cluster.nodeNames);
    expect(after.verdict).toBe("fail");
    expect(after.detail).toMatch(/app@n2 restarted \(creation \d+ -> \d+/);
  });

  it("reachability: a peer that is down answers pang", async () => {
    await cluster.kill("app@n3");
    try {
      const check = checkReachability(await cluster.pingMatrix());
      expect(check.verdict).toBe("fail");
      expect(check.detail).toContain("app@n1 gets pang from app@n3");
      expect(check.detail).toContain("app@n3 could not ping");
    } finally {
      await restoreHealth();
    }
  });
});
