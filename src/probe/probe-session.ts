import { PassThrough, type Duplex } from "node:stream";
import { createInterface } from "node:readline";
import type { ContainerHandle } from "../docker/client.js";
import { demux, startExec } from "../docker/exec.js";
import { outcomeOf, type ProbeOutcome } from "./probe-outcome.js";
import { parseAnswerLines, type ProbeAnswer } from "./protocol.js";
import { requestWords, type ProbeRequest } from "./ops.js";
import { probeCommand, type ProbeLaunch } from "./run-probe.js";

/** The probe answers a request that hit its own deadline (e.g. pang); this margin only catches a probe that hangs. */
const ANSWER_MARGIN_MS = 1_000;

/**
 * A long-lived probe in one node's container: one docker exec running
 * `probe serve`, requests written to its stdin as JSON lines, answers read
 * from its stdout by id. It dies with the container; then every pending and
 * later request is answered "unreachable" and the owner opens a new one.
 */
export class ProbeSession {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: ProbeAnswer | undefined) => void>();
  private stderrTail = "";
  closed = false;

  private constructor(
    private readonly stream: Duplex,
    private readonly timeoutMs: number,
  ) {}

  /** Starts `probe serve` and waits for its ready line; a container that is not running gives "unreachable". */
  static async open(container: ContainerHandle, options: { timeoutMs: number; launch: ProbeLaunch }): Promise<ProbeSession | ProbeOutcome> {
    const cmd = probeCommand(options.launch, ["--timeout", String(options.timeoutMs), "serve"]);
    const started = await startExec(container, cmd, { stdin: true, env: options.launch.env });
    if (started.kind === "not-running") return { status: "unreachable", reason: started.reason, answers: [] };
    const session = new ProbeSession(started.stream, options.timeoutMs);
    const ready = await session.listen(options.timeoutMs + 5_000);
    if (ready) return session;
    session.close();
    return { status: "unreachable", reason: `probe session did not start${session.stderrTail ? `: ${session.stderrTail}` : ""}`, answers: [] };
  }

  /** Sends the requests and waits for all their answers, within the session's timeout. */
  async request(requests: ProbeRequest[]): Promise<ProbeOutcome> {
    if (this.closed) return { status: "unreachable", reason: "probe session closed (container stopped)", answers: [] };
    const waits = requests.map((request) => {
      const id = this.nextId++;
      const [op, ...args] = requestWords(request);
      const answer = new Promise<ProbeAnswer | undefined>((resolve) => this.pending.set(id, resolve));
      this.stream.write(`${JSON.stringify({ id, op, args })}\n`);
      return { id, answer };
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), this.timeoutMs + ANSWER_MARGIN_MS)));
    const answers = await Promise.race([Promise.all(waits.map((w) => w.answer)), timedOut]);
    clearTimeout(timer);
    if (answers === "timeout") {
      // a late answer must not be taken for a later request's: this session is done
      this.close();
      return { status: "timeout", reason: `no answer within ${this.timeoutMs} ms`, answers: [] };
    }
    if (answers.some((a) => a === undefined)) return { status: "unreachable", reason: "probe session closed (container stopped)", answers: [] };
    return outcomeOf(answers as ProbeAnswer[]);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.end();
    this.stream.destroy();
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }

  /** Routes answer lines to their requests; resolves true on the ready line, false if the stream ends first. */
  private listen(readyTimeoutMs: number): Promise<boolean> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    demux(this.stream, stdout, stderr);
    stderr.on("data", (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-500)));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), readyTimeoutMs);
      createInterface({ input: stdout }).on("line", (line) => {
        const [answer] = safeParse(line);
        if (!answer) return;
        if (answer.op === "serve") {
          clearTimeout(timer);
          resolve(answer.ok);
          return;
        }
        if (answer.id !== undefined) {
          this.pending.get(answer.id)?.(answer);
          this.pending.delete(answer.id);
        }
      });
      const ended = () => {
        clearTimeout(timer);
        resolve(false);
        this.close();
      };
      this.stream.on("end", ended).on("close", ended).on("error", ended);
    });
  }
}

function safeParse(line: string): ProbeAnswer[] {
  try {
    return parseAnswerLines(line);
  } catch {
    return [];
  }
}
