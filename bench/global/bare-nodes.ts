/**
 * Bare OTP nodes, the experiment's control: plain `erl -sname` nodes, no
 * meshproof code, each pinging every peer it is not connected to every 500 ms
 * (each ping in its own process, so that one hanging on an unreachable peer
 * delays no other). Run on meshproof's debootstrapped base image as a user's image.
 */
const PING_LOOP =
  'Peers = [list_to_atom(P) || P <- string:lexemes(os:getenv("PEERS"), " "), list_to_atom(P) =/= node()], ' +
  "spawn(fun() -> Loop = fun Loop() -> [spawn(net_adm, ping, [P]) || P <- Peers -- nodes()], timer:sleep(500), Loop() end, Loop() end)";

export const BARE_NODE_CMD = `PEERS="{peers}" exec erl -sname {name} -noshell -kernel net_ticktime {net_ticktime} -eval '${PING_LOOP}'`;
