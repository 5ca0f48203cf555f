#!/usr/bin/env node
import { Command, CommanderError, Option } from "commander";
import { UsageError } from "../errors.js";
import { version } from "../version.js";
import type { CommandContext } from "./command-context.js";
import { checkCommand } from "./commands/check.js";
import { downCommand } from "./commands/down.js";
import { imageBuildCommand } from "./commands/image-build.js";
import { runCommand } from "./commands/run.js";
import { upCommand } from "./commands/up.js";
import { EXIT } from "./exit-codes.js";
import { Interrupted, interruptSignal } from "./interrupt.js";
import { oraProgress } from "./ora-progress.js";

/* The command table. Commands hold the logic; this file only wires flags to them and exit codes to the process. */

const ctx: CommandContext = {
  signal: interruptSignal((signal) => process.stderr.write(`\n${signal}: stopping and removing what this command made...\n`)),
  progress: oraProgress(),
  out: (line) => process.stdout.write(`${line}\n`),
  say: (line) => process.stderr.write(`${line}\n`),
};

function action<O>(command: (options: O, ctx: CommandContext) => Promise<number>) {
  return async (options: O) => {
    process.exitCode = await command(options, ctx);
  };
}

function imageOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--otp <release>", "OTP release of the debootstrapped base: 25 (bookworm), 27 (trixie), 29 (sid)").default("25"))
    .option("--base-image <ref>", "use this image (already in the engine, with erl and escript) instead of debootstrap")
    .option("--mirror <url>", "Debian mirror for debootstrap (default: debootstrap's own)");
}

function clusterOptions(cmd: Command): Command {
  return imageOptions(cmd)
    .option("--nodes <n>", "number of Erlang nodes", "5")
    .option("--net-ticktime <seconds>", "net_ticktime on every node; a silent peer is noticed after 0.75-1.25x this", "5")
    .option("--agent-reconnect <on|off|ms>", "the node agent's reconnect interval; off = connect only on a node's first start", "on")
    .option("--pg-rejoin <on|off>", "off = pool workers join pg only on a node's first start (a cluster whose pg cannot converge)", "on")
    .option("--ready-deadline <duration>", "how long the cluster may take to become ready", "60s")
    .option("--probe-timeout <duration>", "deadline of one probe", "10s");
}

const program = new Command("meshproof")
  .description("Prove that an Erlang/OTP cluster heals: start named nodes in Docker, kill them at random, measure the heal.")
  .version(version)
  .exitOverride()
  .showHelpAfterError();

clusterOptions(program.command("run"))
  .description("start a cluster, kill random nodes (seeded), verify that every kill is detected and healed")
  .option("--kills <n>", "number of kills", "10")
  .option("--seed <n>", "seed of the random choices (default: random, printed)")
  .option("--downtime <duration>", "how long a killed node stays down", "1s")
  .option("--detect-deadline <duration>", "how long survivors may take to notice a kill", "15s")
  .option("--heal-deadline <duration>", "how long the cluster may take to heal after a restart", "30s")
  .option("--report <dir>", "write DIR/report.json")
  .option("--keep", "leave the cluster running at the end (remove it with meshproof down)")
  .action(action(runCommand));

clusterOptions(program.command("up"))
  .description("start a cluster and wait until it is ready; prints the run id as the last line")
  .action(action(upCommand));

program
  .command("check")
  .description("probe a running cluster once: mesh, pg, reachability; exit 0 if all pass")
  .requiredOption("--run <id>", "run id printed by meshproof up")
  .option("--probe-timeout <duration>", "deadline of one probe", "10s")
  .action(action(checkCommand));

program
  .command("down")
  .description("remove the containers and networks of a run (--run ID) or of every run (--all)")
  .option("--run <id>", "run id")
  .option("--all", "every meshproof run on this engine")
  .action(action(downCommand));

imageOptions(program.command("image").description("the node image").command("build"))
  .description("build the node image (or find it already built) and print its tag")
  .action(action(imageBuildCommand));

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = report(error);
}

/** The one place where errors become messages and exit codes. */
function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.pass : EXIT.error;
  if (error instanceof Interrupted || (error as { name?: string })?.name === "AbortError") {
    process.stderr.write("meshproof: interrupted; what this command started was removed\n");
    return EXIT.interrupted;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`meshproof: ${error.message}\n`);
    return EXIT.error;
  }
  process.stderr.write(`meshproof: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.error;
}
