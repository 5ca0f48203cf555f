import { Command, Option } from "commander";
import { FAULT_KINDS } from "../faults/index.js";
import { PARTITION_SHAPES } from "../schedule/partition-shapes.js";
import { version } from "../version.js";
import type { CommandContext } from "./command-context.js";
import { checkCommand } from "./commands/check.js";
import { composeCommand } from "./commands/compose.js";
import { downCommand } from "./commands/down.js";
import { imageBuildCommand } from "./commands/image-build.js";
import { matrixCommand } from "./commands/matrix.js";
import { replayCommand } from "./commands/replay.js";
import { reportCommand } from "./commands/report.js";
import { runCommand } from "./commands/run.js";
import { shrinkCommand, type ShrinkFlags } from "./commands/shrink.js";
import { upCommand } from "./commands/up.js";

/* The command table. Commands hold the logic; this file only wires flags to them (main.ts turns errors into exit codes). */

const INVARIANT_HELP =
  "an invariant judged on every node with every layer, repeatable: RULE:EXPRESSION with RULE equal (same value on all nodes), unique (no value on two) or true; the expression is Erlang (no trailing dot) or module:function, e.g. equal:lists:sort([node() | nodes()])";

/** A repeatable option's values, in the order given. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const OTP_HELP = "OTP release of the debootstrapped base: 25 (bookworm), 27 (trixie), 29 (sid); default 27";

function imageOptions(cmd: Command, otpHelp = OTP_HELP): Command {
  return cmd
    .addOption(new Option("--otp <release>", otpHelp))
    .option("--base-image <ref>", "use this image (already in the engine, with erl and escript) instead of debootstrap")
    .option("--mirror <url>", "Debian mirror for debootstrap (default: debootstrap's own)");
}

/* No commander defaults: an unset flag must not override the scenario file (the defaults live in the zod schemas). */
const DIST_HELP = "Erlang distribution: tcp, or tls (inet_tls with a fresh CA and a certificate per node, peers verified both ways) (default tcp)";

function clusterOptions(cmd: Command, otpHelp = `${OTP_HELP}; or a mix such as 27:3,29:2 (n1-n3 on 27, n4-n5 on 29)`, distHelp = DIST_HELP): Command {
  return imageOptions(cmd, otpHelp)
    .option("--nodes <n>", "number of Erlang nodes (default 5)")
    .option("--image <ref>", "run the nodes from your own image (with sh and escript) instead of meshproof's; needs --node-cmd")
    .option("--node-cmd <template>", "with --image: the shell command that starts a node; {node}, {name}, {host}, {peers}, {net_ticktime} are filled in (the cookie is in $HOME/.erlang.cookie)")
    .option("--escript <path>", "with --image: escript's path in the image when it is not on its PATH")
    .option("--pg-scope <atom>", "the pg scope the checks read (default meshproof)")
    .option("--pg-groups <list>", "pg groups and members each node contributes, e.g. pool:2,jobs:1, or none (default pool:2)")
    .option("--engine <docker|swarm>", "docker: a container per node, restarted by the harness after a kill; swarm: a service per node, restarted by swarm itself (needs a swarm manager) (default docker)")
    .option("--node-api <url>", "with --engine swarm on several hosts: how to reach each swarm node's engine, a pattern filled with each node's {addr}, {hostname} or {id} (tcp://{addr}:2375), or NODE=URL for one node (tcp://, ssh://USER@HOST, unix://); repeatable (default: only the manager's engine, DOCKER_HOST)", collect)
    .option("--net-ticktime <seconds>", "net_ticktime on every node; a silent peer is noticed after 0.75-1.25x this (default 5)")
    .option("--agent-reconnect <on|off|ms>", "the node agent's reconnect interval; off = connect only on a node's first start (default on = 1000)")
    .option("--pg-rejoin <on|off>", "off = pool workers join pg only on a node's first start, so pg cannot converge after a restart (default on)")
    .option("--prevent-overlapping-partitions <true|false>", "OTP's global option on every node (default true, as in OTP 25+)")
    .option("--ready-deadline <duration>", "how long the cluster may take to become ready (default 60s)")
    .option("--probe-timeout <duration>", "deadline of one probe request (default 10s)")
    .option("--probe-mode <session|oneshot>", "session: one long-lived probe per node, milliseconds per request; oneshot: a probe VM per request (default session)")
    .option("--dist <tcp|tls>", distHelp)
    .option("--dist-optfile <path>", "with --dist tls and --image or --attach: the ssl_dist_optfile the nodes run with, a path inside the containers; the probe uses it too");
}

/* A cluster meshproof did not start: found by label, probed with a probe copied in, never removed. */
function attachOptions(cmd: Command): Command {
  return cmd
    .option("--attach <compose:PROJECT|label:KEY=VALUE>", "work on running containers meshproof did not start: a compose project, or every container with a label")
    .option("--node-name <pattern>", "with --attach: the Erlang node name of each container, from {hostname}, {service}, {container} (default: its MESHPROOF_NODE, RELEASE_NODE or NODE_NAME, else the one node epmd in the container knows, at its hostname)")
    .option("--cookie-file <path>", "with --attach: a file holding the cluster's cookie (default: the containers' MESHPROOF_COOKIE_FILE, RELEASE_COOKIE or ERLANG_COOKIE, else $HOME/.erlang.cookie in them)")
    .option("--cookie-env <name>", "with --attach: an environment variable of this shell holding the cookie");
}

/* The faults of a scenario, as flags that override its file. */
function faultOptions(cmd: Command): Command {
  return cmd
    .option("--scenario <file>", "a scenario file (YAML or JSON); flags given here override its fields")
    .option("--faults <list>", `fault kinds to draw from: ${FAULT_KINDS.join(", ")}; values after a kind fill its fields in order or by name (partition:${PARTITION_SHAPES.join("|")}:inbound|outbound|both:iptables|reset, partition:method=reset, loss:0.1, bandwidth:1mbit, kill-process:NAME, cpu:0.05)`)
    .option("--count <n>", "number of faults (default 10)")
    .option("--order <random|cycle>", "draw each fault at random from the list, or cycle through it in order (default random)")
    .option("--kills <n>", "short for --faults kill --count N")
    .option("--seed <n>", "seed of every random choice (default: random, printed)")
    .option("--downtime <duration>", "how long killed or stopped nodes stay down (default 1s)")
    .option("--fault-duration <duration>", "how long a pause, partition, delay or loss lasts (default 3 net ticks)")
    .option("--interval <duration>", "wait between faults (default 0)")
    .option("--stagger", "make each wait random in [0, 2 x interval]")
    .option("--detect-deadline <duration>", "how long nodes may take to notice a kill, stop or crash (default 15s or 3 ticks)")
    .option("--heal-deadline <duration>", "how long the cluster may take to heal after a fault is lifted (default 30s)")
    .option("--stable-for <duration>", "how long every layer must hold, look after look, before healthy or healed counts (default 1s, at least two looks)")
    .option("--recovery-window <duration>", "how long the final heal may take (default 30s)")
    .option("--heal-p95-budget <duration>", "fail the run if the p95 time to heal exceeds this")
    .option("--invariant <rule:expression>", INVARIANT_HELP, collect)
    .option("--workload <name>", "global-names: during each split, register one global name on both sides; after the heal, global must have resolved it to one owner");
}

/** The meshproof program: every command and flag, each action run with ctx. Nothing runs until it is parsed. */
export function meshproofProgram(ctx: CommandContext): Command {
  function action<O>(command: (options: O, ctx: CommandContext) => Promise<number>) {
    return async (options: O) => {
      process.exitCode = await command(options, ctx);
    };
  }

  const program = new Command("meshproof")
    .description("Prove that an Erlang/OTP cluster heals: start named nodes in Docker, inject seeded faults, measure detection and heal.")
    .version(version)
    .exitOverride()
    .showHelpAfterError();

  faultOptions(attachOptions(clusterOptions(program.command("run"))))
    .description("start a cluster, inject faults at random (seeded), verify each is detected and healed; default: 10 kills of 5 nodes")
    .option("--report <dir>", "where report.json, junit.xml and history.ndjson go (default runs/<run id>)")
    .option("--keep", "leave the cluster running at the end (remove it with meshproof down)")
    .action(action(runCommand));

  program
    .command("replay")
    .description("run the scenario and the exact schedule of an earlier report again, on a fresh cluster")
    .argument("<report.json>", "a report written by meshproof run")
    .option("--report <dir>", "where the new report goes (default runs/<run id>)")
    .option("--keep", "leave the cluster running at the end")
    .action(async (path: string, options: { report?: string; keep?: boolean }) => {
      process.exitCode = await replayCommand(path, options, ctx);
    });

  attachOptions(
    program
      .command("shrink")
      .description(
        "make a failed run's schedule as small as it can be while it still fails the same check (delta debugging: drop faults, fewer nodes, no waits, shorter faults; " +
          "each candidate on a fresh cluster, tried up to --tries times so a flaky failure is kept), measure how often the smallest fails, and write DIR/shrink.json and " +
          "a bundle DIR/repro (scenario.yaml that `meshproof run --scenario` replays alone, compose.yml, README.md); exit 0 when it reproduced, 1 when the failure never showed in the tries (flaky, or the environment's)",
      )
      .argument("<report.json>", "the report of a failed run (meshproof run or replay)")
      .option("--tries <n>", "how many times each candidate may be tried before it counts as passing (default 3)")
      .option("--budget <duration>", "stop searching after this long and keep the smallest failing schedule found (default 30m)")
      .option("--report <dir>", "where shrink.json, repro/ and each try's report go (default: next to the report, shrink-<time>)"),
  ).action(async (path: string, options: ShrinkFlags) => {
    process.exitCode = await shrinkCommand(path, options, ctx);
  });

  program
    .command("report")
    .description("(re)build DIR/report.html from a run's report.json and history.ndjson: one self-contained page, opens offline")
    .argument("<dir>", "a run's report directory (runs/<run id>, or what --report named)")
    .action(async (dir: string) => {
      process.exitCode = await reportCommand(dir, ctx);
    });

  clusterOptions(program.command("up"))
    .description("start a cluster and wait until it is ready; prints the run id as the last line")
    .action(action(upCommand));

  faultOptions(
    clusterOptions(
      program.command("matrix"),
      "the releases to cross, e.g. 25,27,29 (default): the scenario runs on each alone and on each pair mixed",
      "the distributions to run each cell on: tcp, tls or tcp,tls (default tcp)",
    ),
  )
    .description("an OTP compatibility table: the scenario on every release alone and every pair of releases mixed, from real runs")
    .option("--require <cells>", "cells that must pass, e.g. 27-29 or 27,25-27 (inside OTP's compatibility window): exit 1 only if one of them fails")
    .option("--report <dir>", "where matrix.json, matrix.md and each cell's run reports go (default runs/matrix-<seed>)")
    .action(action(matrixCommand));

  clusterOptions(program.command("compose"))
    .description("write the cluster as a Compose file (cluster.yml) and a swarm stack file (stack.yml), and a cookie file if there is none")
    .option("--out <dir>", "where the files go (default compose)")
    .action(action(composeCommand));

  attachOptions(
    program
      .command("check")
      .description("probe a running cluster once: every layer (mesh, pg, global, Mnesia, your invariants), then reachability; exit 0 if all pass")
      .option("--run <id>", "run id printed by meshproof up")
      .option("--probe-timeout <duration>", "deadline of one probe", "10s")
      .option("--pg-scope <atom>", "the pg scope the checks read (default: the cluster's meshproof.pg-scope label, else meshproof)")
      .option("--pg-groups <list>", "pg groups and members each node contributes, e.g. pool:2,jobs:1, or none (default: the cluster's meshproof.pg-groups label, else none: every pg scope found is judged without member counts)")
      .option("--invariant <rule:expression>", INVARIANT_HELP, collect)
      .option("--dist <tcp|tls>", "with --attach: the cluster's Erlang distribution (default tcp; a run of meshproof up keeps its own in its labels)")
      .option("--dist-optfile <path>", "with --attach and --dist tls: the ssl_dist_optfile the nodes run with, a path inside the containers; the probe uses it too"),
  ).action(action(checkCommand));

  program
    .command("down")
    .description("remove the services, containers, networks and secrets of a run (--run ID) or of every run (--all); never what meshproof did not create")
    .option("--run <id>", "run id")
    .option("--all", "every meshproof run on this engine")
    .action(action(downCommand));

  imageOptions(program.command("image").description("the node image").command("build"))
    .description("build the node image (or find it already built) and print its tag")
    .action(action(imageBuildCommand));

  return program;
}
