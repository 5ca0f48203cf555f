/**
 * The global names meshproof's agent holds, one per node
 * (erlang/agent/meshproof_global_name.erl), written as the probe prints
 * terms: a cluster of meshproof's image has converged only once every live
 * node's is registered, so that no fault starts while one is being
 * registered (a registration caught by a partition can leave OTP's global
 * stuck).
 */
export function agentGlobalNames(nodes: readonly string[]): string[] {
  return nodes.map((node) => `{meshproof_agent,${atomText(node)}}`);
}

/** An atom as Erlang prints it: quoted unless it is a lowercase word (letters, digits, _ and @). */
function atomText(atom: string): string {
  return /^[a-z][A-Za-z0-9_@]*$/.test(atom) ? atom : `'${atom.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
