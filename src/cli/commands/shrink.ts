import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import ms from "ms";
import { z } from "zod";
import { positiveDurationMs } from "../../config/duration.js";
import { integer } from "../../config/integer.js";
import { parseInput } from "../../config/parse.js";
import { UsageError } from "../../errors.js";
import { shortestMs, type FaultPlan } from "../../faults/index.js";
import { readReport } from "../../report/read-report.js";
import { violatedCheck } from "../../report/violated-check.js";
import { requireAttachedHealed } from "../../shrink/attached-heals.js";
import { runnableSchedule, type TryOutcome } from "../../shrink/candidate.js";
import { writeReproBundle } from "../../shrink/repro-bundle.js";
import { reproScenario } from "../../shrink/repro-scenario.js";
import { runCandidate } from "../../shrink/run-candidate.js";
import { shrinkReportSchema, type ShrinkReportInput } from "../../shrink/shrink-report-schema.js";
import { failureRate, otherFailures, shrinkSchedule, type ShrinkProgress } from "../../shrink/shrink-schedule.js";
import { version } from "../../version.js";
import { attachOptionsOf, type AttachFlags } from "../attach-flags.js";
import { EXIT } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

const shrinkFlagsSchema = z.object({
  tries: integer(1, 100).default(3),
  budget: positiveDurationMs.default(30 * 60_000),
  report: z.string().min(1).optional(),
});

export type ShrinkFlags = z.input<typeof shrinkFlagsSchema> & AttachFlags;

/**
 * `meshproof shrink REPORT.json`: the failed run's schedule, made as small as
 * it can be while it still fails the same check (delta debugging, each
 * candidate on a fresh cluster), its failure rate, and a bundle that replays it.
 */
export async function shrinkCommand(path: string, flags: ShrinkFlags, ctx: CommandContext): Promise<number> {
  const { tries, budget, report: reportFlag } = parseInput(shrinkFlagsSchema, { tries: flags.tries, budget: flags.budget, report: flags.report }, flagName);
  const attach = attachOptionsOf(flags);
  const failed = await readReport(path);
  const violated = violatedCheck(failed);
  if (failed.verdict !== "fail" || !violated) throw new UsageError(`${path}: run ${failed.runId} ended ${failed.verdict}: only a failed run can be shrunk`);
  if (/\s--attach[\s=]/.test(failed.reproduce) && !attach) throw new UsageError(`${path}: run ${failed.runId} ran against an attached cluster: give the same --attach (and --node-name, --cookie-file) again`);
  const dir = reportFlag ?? join(dirname(path), `shrink-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const { scenario, seed } = failed;
  // the failing nodes: those the failing fault hit (a check's detail names every observer, which would keep them all)
  const failingTargets = failed.iterations.find((it) => it.verdict === "fail")?.targets ?? [];
  ctx.say(`shrinking run ${failed.runId} (seed ${seed}): ${failed.schedule.length} faults on ${failed.nodes.length} nodes that failed ${violated.name}; up to ${tries} tries a candidate, ${ms(budget)} budget`);

  const sameFailure = (outcome: TryOutcome) => outcome.verdict === "fail" && outcome.violated?.name === violated.name;
  let attachedTried = false;
  const result = await shrinkSchedule({
    original: { nodes: failed.nodes.length, schedule: failed.schedule },
    tries,
    budgetMs: budget,
    now: () => performance.now(),
    limits: { floorMs: (plan) => shortestMs(plan, scenario.cluster.netTicktime), keepNodes: failingTargets, canDropNodes: !attach },
    sameFailure,
    tryCandidate: async (candidate, at) => {
      const step = ctx.progress.start(progressLine(at));
      try {
        if (attach && attachedTried) await requireAttachedHealed(attach, scenario, ctx.progress, ctx.signal);
        attachedTried = true;
        const outcome = await runCandidate(candidate, at, { scenario, seed, attach, dir, signal: ctx.signal });
        step.succeed(`${progressLine(at)}: ${outcome.verdict}${outcome.violated ? ` (${outcome.violated.name})` : ""}${sameFailure(outcome) ? "" : outcome.verdict === "fail" ? ", another failure" : ""}`);
        return outcome;
      } catch (error) {
        step.fail();
        throw error;
      }
    },
  });

  const minimalSchedule = runnableSchedule(result.minimal);
  const rate = failureRate(result.minimalTries, sameFailure);
  const others = otherFailures(result.candidates);
  const shrink: ShrinkReportInput = {
    meshproofVersion: version,
    from: { report: path, runId: failed.runId, seed },
    violated,
    tries,
    budgetMs: budget,
    stoppedBy: result.stoppedBy,
    original: { faults: failed.schedule.length, nodes: failed.nodes.length },
    minimal: { faults: minimalSchedule.length, nodes: result.minimal.nodes, fromOriginal: result.minimal.schedule.map((plan) => plan.index), schedule: minimalSchedule },
    failureRate: { ...rate, rate: rate.tries ? rate.failed / rate.tries : null },
    candidates: result.candidates,
    otherFailures: others,
  };
  if (result.reproduced) {
    const repro = reproScenario(scenario, seed, result.minimal, `shrunk from run ${failed.runId}`);
    shrink.repro = { dir: join(dir, "repro"), inexact: repro.inexact };
    const minimalReport = result.minimalTries.findLast(sameFailure)?.reportDir;
    await writeReproBundle(join(dir, "repro"), repro, shrinkReportSchema.parse(shrink), minimalReport && join(minimalReport, "report.json"));
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "shrink.json"), `${JSON.stringify(shrinkReportSchema.parse(shrink), null, 2)}\n`);
  ctx.out(join(dir, "shrink.json"));

  if (others.candidates) {
    ctx.say(`${others.candidates} of ${result.candidates.length} candidates failed another check than ${violated.name} (${others.checks.join(", ")}), and were taken for passing: see their reports in shrink.json`);
  }
  if (!result.reproduced) {
    ctx.say(`the failure (${violated.name}) did not show in ${result.minimalTries.length} tries of the original schedule: it is flaky (try more --tries) or came from the run's environment${result.stoppedBy === "budget" ? "; the budget ran out first" : ""}`);
    return EXIT.fail;
  }
  ctx.say(`before: ${failed.schedule.length} faults on ${failed.nodes.length} nodes: ${describe(failed.schedule)}`);
  ctx.say(`after:  ${minimalSchedule.length} faults on ${result.minimal.nodes} nodes: ${describe(minimalSchedule)}`);
  ctx.say(`it failed ${violated.name} in ${rate.failed} of ${rate.tries} tries; ${result.stoppedBy === "budget" ? "the budget ran out before no smaller schedule failed" : "no one-step-smaller schedule failed"}`);
  ctx.say(`replay it: meshproof run --scenario ${join(dir, "repro", "scenario.yaml")}`);
  return EXIT.pass;
}

function progressLine(at: ShrinkProgress): string {
  return `candidate ${at.candidate} (${at.step}), try ${at.attempt}/${at.tries}, ${at.failures} failing so far, ${ms(Math.max(0, Math.round(at.timeLeftMs)))} left`;
}

function describe(schedule: readonly FaultPlan[]): string {
  return schedule.map((plan) => `${plan.kind} ${plan.targets.join("+")}`).join(", ");
}
