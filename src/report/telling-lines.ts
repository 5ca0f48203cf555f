/** Log lines that tell why nodes did not get along: a crashing process and what it received, a refused connection, a TLS alert (unknown CA). */
const TELLING = /terminating|Last message in|Reason for termination|exception|badarg|function_clause|handshake|rejected|disallowed|nodedown|ALERT: Fatal/i;
const LINES_PER_NODE = 8;
/** The first line of each report in OTP's default log format, e.g. `=ERROR REPORT==== 28-Nov-2026::09:52:50.406969 ===`. */
const REPORT_HEADER = /^=[A-Z ]+REPORT====/;

/**
 * The first telling lines of a node's log tail, from its first whole report
 * on: the tail usually starts inside a report, and that report's tail end
 * (a supervisor's reason) lacks its head (what the crashing process received).
 */
export function tellingLines(tail: string): string[] {
  const lines = tail.split("\n");
  const whole = lines.slice(Math.max(0, lines.findIndex((line) => REPORT_HEADER.test(line))));
  return [...new Set(whole.filter((line) => TELLING.test(line)).map((line) => line.trim()))].slice(0, LINES_PER_NODE);
}
