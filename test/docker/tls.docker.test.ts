import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCluster } from "../../src/index.js";
import { TLS_PATHS } from "../../src/cluster/tls/dist-optfile.js";
import { execInContainer } from "../../src/docker/exec.js";
import { docker } from "../../src/docker/client.js";
import { logTail } from "../../src/docker/logs.js";
import { containerByName } from "../../src/docker/containers.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { newTlsMaterial } from "../../src/cluster/tls/certificates.js";
import { buildDemo, buildDemoWithTls, DEMO_TLS_NODE_CMD, DEMO_TLS_OPTFILE, removeImages, DEMO_OTP } from "./demo-release.js";
import { meshproofCli } from "./harness.js";
import { tlsClusterByHand } from "./tls-cluster-by-hand.js";

/* TLS distribution: a TLS cluster heals like a TCP one, and strangers (another CA, plain TCP) stay out and fail the run, with the reason. */

const meshproof = meshproofCli(240_000);
const OPTFILE = ["--dist", "tls", "--dist-optfile", TLS_PATHS.optfile];

/** Evaluates an expression on the node from a VM in its container, over TCP or with the node's TLS options. */
async function evalFrom(container: string, node: string, expression: string, tls: boolean) {
  const flags = tls ? `-proto_dist inet_tls -ssl_dist_optfile ${TLS_PATHS.optfile}` : "";
  const evaluate = `R = case net_kernel:connect_node(${node}) of true -> erpc:call(${node}, fun() -> ${expression} end); false -> not_connected end, io:format("~p", [R]), halt().`;
  const result = await execInContainer(containerByName(container), ["sh", "-c", `exec erl -noshell -hidden -sname look$$ ${flags} -eval '${evaluate}'`], { timeoutMs: 30_000 });
  return result.kind === "exited" ? result.stdout.trim() : result.kind;
}

async function filesUnder(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true });
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), "utf8").catch(() => "")));
  return texts.join("\n");
}

describe("--dist tls on meshproof's image", () => {
  it("starts nodes that speak only TLS, with their key material 0400 and nowhere else, and a probe that speaks it too", async () => {
    await using cluster = await startCluster({ nodes: 3, dist: "tls", netTicktime: 3 });
    const n1 = cluster.node("app@n1").containerName;

    expect(await evalFrom(n1, "app@n1", "init:get_argument(proto_dist)", true)).toBe('{ok,[["inet_tls"]]}');
    expect(await evalFrom(n1, "app@n1", "node()", false), "a plain TCP VM reached a TLS node").toBe("not_connected");

    const listing = await execInContainer(containerByName(n1), ["sh", "-c", `stat -c '%a %U %n' ${Object.values(TLS_PATHS).join(" ")}`], { timeoutMs: 10_000 });
    expect(listing.kind === "exited" ? listing.stdout.trim().split("\n") : listing).toEqual(Object.values(TLS_PATHS).map((path) => `400 root ${path}`));

    const facts = await docker().getContainer(n1).inspect();
    const visible = JSON.stringify([facts.Config.Env, facts.Config.Labels, facts.Config.Cmd, facts.Config.Entrypoint, facts.Args]);
    expect(visible).not.toMatch(/BEGIN|PRIVATE/);

    // the probe sessions answered for every node, or the cluster would not have become ready; check --run finds the options by the label
    const check = await meshproof("check", "--run", cluster.runId);
    expect(check.exitCode, `${check.stdout}\n${check.stderr}`).toBe(0);
  });

  // partitions with whole sides: after partial ones OTP 27's global can stay stuck, TLS or not (docs/limitations.md; the partition tests hold that verdict to its proof)
  it("passes a run of kills and partitions, and its reports say tls and hold no key material", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-tls-"));
    const run = await meshproof("run", "--dist", "tls", "--nodes", "3", "--net-ticktime", "3", "--faults", "kill,partition:isolate", "--count", "4", "--order", "cycle", "--seed", "17", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toContain("seed 17 (repeat these choices with --seed 17), distribution tls");
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.verdict).toBe("pass");
    expect(report.scenario.cluster.dist).toBe("tls");
    expect(report.iterations.map((it) => it.fault)).toEqual(["kill", "partition", "kill", "partition"]);
    expect(await filesUnder(dir)).not.toMatch(/BEGIN|PRIVATE KEY/);
  });
});

describe("strangers stay out of a TLS cluster, and the run fails saying so", () => {
  it.each([
    ["a node whose certificate comes from another CA", "foreign-ca" as const, "TLS server: In state certify received CLIENT ALERT: Fatal - Unknown CA"],
    ["a node that runs plain TCP", "plain-tcp" as const, "generated SERVER ALERT: Fatal - Unexpected Message"],
  ])("%s", async (_name, last, alert) => {
    const cluster = await tlsClusterByHand(3, last);
    try {
      const dir = await mkdtemp(join(tmpdir(), "meshproof-tls-stranger-"));
      const run = await meshproof("run", "--attach", cluster.selector, ...OPTFILE, "--kills", "1", "--heal-deadline", "15s", "--report", dir);
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
      const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
      expect(report.verdict).toBe("fail");
      expect(report.summary).toMatch(/app@n[12] does not see app@n3/);
      // the stranger dialed a member (the later node dials), and the member's log says why it got no connection
      expect(await logTail(containerByName(cluster.containers[0]!), 200)).toContain(alert);
    } finally {
      await cluster.remove();
    }
  });
});

describe("a cluster that runs TLS distribution of its own, with --dist-optfile", () => {
  it("an attached one: check passes with the probe on the nodes' own options file", async () => {
    const cluster = await tlsClusterByHand(3, "member");
    try {
      const check = await meshproof("check", "--attach", cluster.selector, ...OPTFILE);
      expect(check.exitCode, `${check.stdout}\n${check.stderr}`).toBe(0);
      expect(check.stdout).toContain("3 nodes see exactly their planned peers");
      const withoutOptfile = await meshproof("check", "--attach", cluster.selector, "--dist", "tls");
      expect(withoutOptfile.exitCode).toBe(2);
      expect(withoutOptfile.stderr).toContain("with --dist tls needs --dist-optfile");
    } finally {
      await cluster.remove();
    }
  });

  it("a user's image whose node command starts TLS: a run of kills passes", async () => {
    const [demo, demoTls] = ["meshproof-test/demo-tls-base:1", "meshproof-test/demo-tls:1"];
    try {
      await buildDemo(demo, DEMO_OTP);
      await buildDemoWithTls(demoTls, demo, await newTlsMaterial(["n1", "n2", "n3"], "the demo's CA"));
      const run = await meshproof("run", "--image", demoTls, "--node-cmd", DEMO_TLS_NODE_CMD, "--dist", "tls", "--dist-optfile", DEMO_TLS_OPTFILE,
        "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "3", "--kills", "2", "--seed", "5");
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stderr).toContain("distribution tls");
    } finally {
      await removeImages(demoTls, demo);
    }
  });
});
