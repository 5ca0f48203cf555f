import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type StartedCluster } from "../../src/index.js";
import { evalOnNode, meshproofCli } from "./harness.js";

/*
 * OTP's global stuck as in erlang/otp #9112: a lock on `global` (the lock its
 * own syncs take) held and never released, so a node that reconnects stays
 * {pending, ...} on both sides with every nodes() full. Made deterministic by
 * holding that lock on app@n1 from a process on app@n2, then cutting app@n3
 * off (its agent redials). `meshproof check` must name it by global's state,
 * not as any failure of global; OTP's remedy, as the check names it, heals it.
 */

const meshproof = meshproofCli(120_000);
type Check = Awaited<ReturnType<typeof meshproof>>;
const LAYER_ROWS = ["mesh", "pg", "global", "mnesia", "invariants", "reachability"];

/** Each row of check's table as [check, verdict]. */
function verdicts(check: Check): string[][] {
  return LAYER_ROWS.map((layer) => [layer, new RegExp(`│ ${layer}\\s*│ (pass|fail|unknown|not present)\\s*│`).exec(check.stdout)?.[1] ?? "missing"]);
}

/** Runs check until `done` says so or the deadline passes; the last check either way. */
async function checkUntil(runId: string, done: (check: Check) => boolean, deadlineMs = 90_000): Promise<Check> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const check = await meshproof("check", "--run", runId);
    if (done(check) || Date.now() > until) return check;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe.each([
  // bookworm's OTP 25.2.3 predates the fix; sid's OTP 29 (kernel 11) has it
  [25, /kernel 8\.5\.3 lacks the fix of OTP-19381 \(erlang\/otp #9112\): OTP 25\.3\.2\.17 \(kernel 8\.5\.4\.4\) or later has it/],
  [29, /kernel 11\.[\d.]+ carries the fix of OTP-19381 \(erlang\/otp #9112\), so upgrading to it is no remedy/],
] as const)("global stuck on OTP %s", (otp, fixSentence) => {
  let cluster: StartedCluster;
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, otp });
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it("check names what each node waits on, from global's own state, and OTP's remedy it names makes global converge", async () => {
    const healthy = await meshproof("check", "--run", cluster.runId);
    expect(healthy.exitCode, healthy.stdout).toBe(0);
    expect(healthy.stdout).toMatch(/global:sync\(\) took at most \d+ ms/);

    const held = await evalOnNode(
      await cluster.container("app@n2"),
      "app@n2",
      "Self = self(), spawn(fun() -> Self ! {held, global:set_lock({global, self()}, ['app@n1'], 10)}, timer:sleep(infinity) end), receive {held, R} -> R after 5000 -> timeout end",
    );
    expect(held).toBe("true");
    await evalOnNode(await cluster.container("app@n3"), "app@n3", "erlang:disconnect_node('app@n1'), erlang:disconnect_node('app@n2')");

    // stuck with the mesh whole again: app@n3's agent redials its peers after a jitter of up to 2 s
    const meshWhole = (check: Check) => verdicts(check).some(([layer, verdict]) => layer === "mesh" && verdict === "pass");
    const stuck = await checkUntil(cluster.runId, (check) => check.stdout.includes("global stuck:") && meshWhole(check));
    const output = `${stuck.stdout}\n${stuck.stderr}`;
    expect(stuck.exitCode, output).toBe(1);
    expect(verdicts(stuck), output).toEqual([
      ["mesh", "pass"],
      ["pg", "pass"],
      ["global", "fail"],
      ["mnesia", "not present"],
      ["invariants", "not present"],
      ["reachability", "pass"],
    ]);
    const hint = stuck.stdout.split("\n").find((line) => line.startsWith("global stuck:"))!;
    expect(hint).toContain(
      "global stuck: app@n1 waits on a sync with app@n3, has not synced with app@n3 of its nodes(), global's lock held there by a process on app@n2; " +
        "app@n2 waits on a sync with app@n3, has not synced with app@n3 of its nodes(); " +
        "app@n3 waits on a sync with app@n1, app@n2, has not synced with app@n1, app@n2 of its nodes()",
    );
    expect(hint).toMatch(fixSentence);

    // stuck, not slow: a look 5 s later finds the same syncs pending (who holds global's lock at that instant may
    // differ: a stuck node's locker takes it for a moment each time it tries its sync again)
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const later = await meshproof("check", "--run", cluster.runId);
    const pendingSyncs = (line: string | undefined) => line?.replace(/, global's lock held there by a process on [^;.]+/g, "");
    expect(pendingSyncs(later.stdout.split("\n").find((line) => line.startsWith("global stuck:"))), later.stdout).toBe(pendingSyncs(hint));

    // the operator's remedy, as the check names it: each node's disconnect_node calls
    const remedy = /remedy \(OTP's own; meshproof applies none\): (.*); global syncs again when they reconnect/.exec(hint)?.[1];
    expect(remedy, hint).toBe(
      "on app@n1 erlang:disconnect_node('app@n2'), erlang:disconnect_node('app@n3'); on app@n2 erlang:disconnect_node('app@n3'); on app@n3 erlang:disconnect_node('app@n1'), erlang:disconnect_node('app@n2')",
    );
    for (const step of remedy!.split("; ")) {
      const [, node, calls] = /^on (\S+) (.*)$/.exec(step)!;
      await evalOnNode(await cluster.container(node!), node!, calls!);
    }

    const healed = await checkUntil(cluster.runId, (check) => check.exitCode === 0);
    expect(healed.exitCode, healed.stdout).toBe(0);
    expect(verdicts(healed).find(([layer]) => layer === "global")).toEqual(["global", "pass"]);
  });
});
