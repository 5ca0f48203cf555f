import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { newCookie } from "../cluster/cookie.js";
import { COOKIE_FILE, composeFiles } from "../compose/compose-files.js";
import { userImageCompose } from "../compose/user-image-compose.js";
import { nodeImageAlias } from "../image/node-image.js";
import type { ShrinkReport } from "./shrink-report-schema.js";
import type { ReproScenario } from "./repro-scenario.js";

/**
 * DIR/repro: the minimal schedule as a scenario that `meshproof run
 * --scenario` replays alone, the cluster as a Compose file (with a cookie
 * file of its own), and a README that says how and what it shows.
 */
export async function writeReproBundle(dir: string, repro: ReproScenario, shrink: ShrinkReport, minimalReport: string | undefined): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { cluster } = repro.scenario;
  await writeFile(
    join(dir, "scenario.yaml"),
    // a header of its own: the one of before durations needed units marks a file whose bare numbers are ms
    `# A reproduction by \`meshproof shrink\`: the smallest schedule that still fails ${shrink.violated.name}.\n# Replay it with: meshproof run --scenario ${join(dir, "scenario.yaml")}\n` +
      stringify(repro.input, { aliasDuplicateObjects: false }),
  );
  const compose =
    cluster.image && cluster.nodeCmd
      ? userImageCompose({ ...cluster, image: cluster.image, nodeCmd: cluster.nodeCmd })
      : composeFiles(cluster, (release) => nodeImageAlias(release)).cluster;
  await writeFile(join(dir, "compose.yml"), compose);
  await writeFile(join(dir, COOKIE_FILE), newCookie(), { mode: 0o600 });
  await writeFile(join(dir, "README.md"), readme(dir, repro, shrink, minimalReport));
}

function readme(dir: string, repro: ReproScenario, shrink: ShrinkReport, minimalReport: string | undefined): string {
  const { minimal, failureRate, original } = shrink;
  const faults = minimal.schedule.map((plan) => `${plan.index}. ${plan.kind} of ${plan.targets.join(", ")} (${plan.durationMs} ms${plan.waitBeforeMs ? `, after waiting ${plan.waitBeforeMs} ms` : ""})`);
  const rate = failureRate.tries ? `${failureRate.failed} of ${failureRate.tries} tries` : "not measured (the budget ran out)";
  return [
    "# A reproduction found by `meshproof shrink`",
    "",
    `Run ${shrink.from.runId} (seed ${shrink.from.seed}) failed with ${original.faults} faults on ${original.nodes} nodes.`,
    `These ${minimal.faults} faults on ${minimal.nodes} nodes (${minimal.fromOriginal.map((i) => `#${i}`).join(", ")} of the original) still fail it:`,
    "",
    ...faults,
    "",
    `What fails: **${shrink.violated.name}**: ${shrink.violated.detail}`,
    "",
    `It failed in ${rate}.${shrink.stoppedBy === "budget" ? " The budget ran out before the search was done: a smaller schedule may still fail." : " No single step smaller (one fault fewer, a node fewer, no wait, a shorter fault) failed in the tries given."}`,
    "",
    "## Replay it",
    "",
    "```sh",
    `meshproof run --scenario ${join(dir, "scenario.yaml")}`,
    "```",
    "",
    "exits 1 with the failure above when it reproduces (run it a few times if the failure is flaky).",
    ...(repro.inexact.length
      ? ["", `The scenario plans ${repro.inexact.join(", ")} from its seed, not exactly as shrink ran it;${minimalReport ? ` \`meshproof replay ${minimalReport}\` runs the exact schedule.` : ""}`]
      : []),
    "",
    "## The cluster by hand",
    "",
    "`compose.yml` is the same cluster (without meshproof's run label), with its own cookie in `cookie`:",
    "",
    "```sh",
    `docker-compose -f ${join(dir, "compose.yml")} -p repro up -d`,
    "meshproof check --attach compose:repro",
    "```",
    "",
  ].join("\n");
}
