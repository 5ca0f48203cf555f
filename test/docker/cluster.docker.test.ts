import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFaultApplied } from "../../src/checks/fault-applied.js";
import { expectationOf, type FaultKindName, type FaultPlan } from "../../src/faults/index.js";
import { checkNoCascade } from "../../src/checks/no-cascade.js";
import { incarnationsOf } from "../../src/checks/incarnations.js";
import { checkReachability } from "../../src/checks/reachability.js";
import { docker } from "../../src/docker/client.js";
import { execInContainer } from "../../src/docker/exec.js";
import { parseAnswerLines } from "../../src/probe/protocol.js";
import { pingSchema } from "../../src/probe/replies.js";
import { PROBE_PATH } from "../../src/probe/run-probe.js";
import { expectationsOf, judgeHealthy, startCluster, waitForHeal, type StartedCluster } from "../../src/index.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { History } from "../../src/history/history.js";

const deadlines = { detectMs: 15_000, healMs: 30_000, stableMs: 1_000 };
const history = new History();
const plan = (kind: FaultKindName, targets: string[], extra: Partial<FaultPlan> = {}): FaultPlan => ({
  index: 1,
  kind,
  targets,
  durationMs: 500,
  waitBeforeMs: 0,
  ...extra,
}) as FaultPlan;

/* One healthy 3-node cluster; every test leaves it healthy again. */
let cluster: StartedCluster;
beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});
afterAll(async () => {
  await cluster?.down();
});

async function restoreHealth(): Promise<void> {
  await Promise.all(cluster.nodeNames.map((node) => cluster.restart(node)));
  const healthy = await waitForHeal(cluster, { deadlineMs: 30_000 });
  expect(healthy.passed).toBe(true);
}

describe("a started cluster", () => {
  it("forms a full mesh of app@nK nodes and converges pg and global, as observed by every node; Mnesia is not there", async () => {
    const observations = await cluster.probe(cluster.nodeNames, { syncGlobal: true });
    expect(cluster.nodeNames).toEqual(["app@n1", "app@n2", "app@n3"]);
    const health = judgeHealthy(observations, cluster.nodeNames, expectationsOf(cluster.options));
    expect([health.mesh.verdict, health.pg?.verdict, health.global?.verdict, health.mnesia, health.invariants]).toEqual(["pass", "pass", "pass", undefined, undefined]);
    // every agent holds one global name, seen alike by all
    expect(health.global?.detail).toMatch(/^3 nodes agree on 3 global names; global:sync\(\) took at most \d+ ms \(app@n[123]\)$/);
    for (const o of observations) {
      expect(o.info?.otpRelease).toBe("27");
      expect(o.mesh).toEqual(cluster.nodeNames.filter((n) => n !== o.node));
    }
  });

  it("keeps the cookie in a 0400 file: not in the container config, not on any command line", async () => {
    const container = await cluster.container("app@n1");
    const read = await execInContainer(container, ["sh", "-c", "stat -c %a /root/.erlang.cookie; cat /root/.erlang.cookie; echo; ps -eo args"], { timeoutMs: 10_000 });
    expect(read.kind).toBe("exited");
    const [mode, cookie, ...processes] = read.kind === "exited" ? read.stdout.split("\n") : [];
    expect(mode).toBe("400");
    expect(cookie).toMatch(/^[0-9a-f]{48}$/);
    expect(processes.join("\n")).toContain("beam");
    expect(processes.join("\n")).not.toContain(cookie);
    expect(JSON.stringify(await docker().getContainer(container.id).inspect())).not.toContain(cookie);
  });

  it("runs the probe by hand with its requests as plain words, and refuses a request missing its argument", async () => {
    const container = await cluster.container("app@n1");
    const probe = (...args: string[]) => execInContainer(container, [PROBE_PATH, ...args], { timeoutMs: 20_000 });

    const words = await probe("info", "ping", "app@n2", "app@n3", "pg", "meshproof", "mesh");
    expect(words.kind === "exited" && words.exitCode).toBe(0);
    const answers = words.kind === "exited" ? parseAnswerLines(words.stdout) : [];
    expect(answers.map((a) => [a.op, a.ok])).toEqual([["info", true], ["ping", true], ["pg", true], ["mesh", true]]);
    const ping = answers[1]?.ok ? pingSchema.parse(answers[1].result) : [];
    expect(ping.map((r) => [r.peer, r.pong])).toEqual([["app@n2", true], ["app@n3", true]]);

    const missingScope = await probe("mesh", "pg");
    expect(missingScope.kind === "exited" && missingScope.exitCode).toBe(1);
    expect(missingScope.kind === "exited" && missingScope.stderr).toContain('bad request "pg"');
  });

  it("heals after a kill and a restart, and says how fast, from the agents' own nodedown times", async () => {
    const result = await runFaultIteration({ cluster, history, deadlines }, plan("kill", ["app@n2"]));
    expect(result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    expect(result.verdict).toBe("pass");
    expect(result.detectMs).toBeGreaterThanOrEqual(0);
    expect(result.detectMs).toBeLessThan(5_000);
    expect(result.healMs).toBeGreaterThan(0);
    expect(result.checks.map((c) => c.name)).toEqual([
      "healthy before fault: mesh",
      "healthy before fault: pg converged",
      "healthy before fault: global converged",
      "fault applied",
      "mesh healed",
      "pg converged",
      "global converged",
      "no unexpected disconnect",
      "views agreed between looks",
      "reachability",
      "no cascade",
    ]);
  });
});

describe("negative controls on a live cluster", () => {
  it("fault applied: a kill that did not happen is not reported as applied", async () => {
    const expectation = expectationOf(plan("kill", ["app@n3"]), cluster.nodeNames, cluster.restarter);
    const faultAtMs = performance.now();
    const evidence = {
      observations: await cluster.probe(expectation.observable, { eventsSinceMs: faultAtMs }),
      containers: await cluster.containerStates(),
      engineRestarts: {},
      faultAtMs,
    };
    const check = checkFaultApplied(expectation, evidence);
    expect(check.verdict).toBe("fail");
    expect(check.detail).toContain("the container of app@n3 is still running");
    expect(check.detail).toContain("app@n1 still sees app@n3");
    // the agents' logs alone also tell: nobody logged a nodedown
    const fromLogsOnly = checkFaultApplied({ ...expectation, stopped: [], view: null }, evidence);
    expect(fromLogsOnly.verdict).toBe("fail");
    expect(fromLogsOnly.detail).toBe("app@n1 logged no nodedown of app@n3; app@n2 logged no nodedown of app@n3");
  });

  it("fault applied: a partition whose rules were never written is not reported as applied", async () => {
    const partition = plan("partition", ["app@n1"], { shape: "isolate", method: "iptables", view: { "app@n1": [], "app@n2": ["app@n3"], "app@n3": ["app@n2"] } });
    const expectation = expectationOf(partition, cluster.nodeNames, cluster.restarter);
    const faultAtMs = performance.now();
    const check = checkFaultApplied(expectation, {
      observations: await cluster.probe(expectation.observable, { eventsSinceMs: faultAtMs }),
      containers: await cluster.containerStates(),
      engineRestarts: {},
      faultAtMs,
    });
    expect(check.verdict).toBe("fail");
    expect(check.detail).toContain("app@n1 still sees app@n2, app@n3");
  });

  it("no cascade: a node that went down with the target is caught", async () => {
    const before = incarnationsOf(await cluster.probe());
    await Promise.all([cluster.kill("app@n2"), cluster.kill("app@n3")]);
    await restoreHealth();
    const expectation = expectationOf(plan("kill", ["app@n2"]), cluster.nodeNames, cluster.restarter);
    const check = checkNoCascade(expectation, await cluster.probe(), before, {});
    expect(check.verdict).toBe("fail");
    expect(check.detail).toMatch(/app@n3 restarted though the fault did not target it \(creation \d+ -> \d+/);
    expect(check.detail).not.toContain("app@n2");
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
