/**
 * Bare OTP nodes, the experiment's control: plain `erl -sname` nodes, no
 * meshproof code, each pinging every peer it is not connected to every 500 ms
 * (each ping in its own process, so that one hanging on an unreachable peer
 * delays no other). Run on meshproof's debootstrapped base image as a user's image.
 */
const PING_LOOP =
  'Peers = [list_to_atom(P) || P <- string:lexemes(os:getenv("PEERS"), " "), list_to_atom(P) =/= node()], ' +
  "spawn(fun() -> Loop = fun Loop() -> [spawn(net_adm, ping, [P]) || P <- Peers -- nodes()], timer:sleep(500), Loop() end, Loop() end)";

/** Each node also holds one global name from its start, as meshproof's agent holds {meshproof_agent, Node}: global then has names to exchange at every reconnect. */
const NAME_HOLDER = "yes = global:register_name({bare, node()}, spawn(fun() -> receive stop -> ok end end))";

const bareNodeCmd = (eval_: string) => `PEERS="{peers}" exec erl -sname {name} -noshell -kernel net_ticktime {net_ticktime} -eval '${eval_}'`;

export const BARE_NODE_CMD = bareNodeCmd(PING_LOOP);
export const BARE_NAMED_NODE_CMD = bareNodeCmd(`${PING_LOOP}, ${NAME_HOLDER}`);
