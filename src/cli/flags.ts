/** An option's path as the flag the user typed: agentReconnect -> --agent-reconnect. */
export function flagName(path: PropertyKey[]): string {
  const [first] = path;
  return typeof first === "string" ? `--${first.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : path.join(".");
}
