#!/bin/sh
# One bare OTP node: -sname $NODE_NAME, net_ticktime $NET_TICKTIME, and a
# process that dials every peer in $PEERS it is not connected to every 500 ms
# (what any discovery does). The cookie comes from the compose secret.
set -eu
mkdir -p "$HOME"
cp /run/secrets/erlang_cookie "$HOME/.erlang.cookie"
chmod 400 "$HOME/.erlang.cookie"
exec erl -sname "$NODE_NAME" -noshell -kernel net_ticktime "$NET_TICKTIME" -eval '
  spawn(fun() ->
      Peers = [list_to_atom(P) || P <- string:lexemes(os:getenv("PEERS"), " ")],
      Dial = fun Dial() ->
                 [net_kernel:connect_node(P) || P <- Peers -- [node() | nodes()]],
                 timer:sleep(500),
                 Dial()
             end,
      Dial()
  end)'
