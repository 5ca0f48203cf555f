%% Erlang terms as the probe's JSON answers show them.
-module(meshproof_probe_terms).

-export([pid/1, pid_or_null/1, node_name/1, group_name/1]).

%% A pid as plain data: its node, its number and its node's incarnation (see meshproof_pid).
-spec pid(pid()) -> meshproof_json:value().
pid(Pid) ->
    {Node, Id, Serial, Creation} = meshproof_pid:parts(Pid),
    #{node => node_name(Node),
      id => iolist_to_binary([integer_to_list(Id), $., integer_to_list(Serial)]),
      creation => Creation}.

-spec pid_or_null(pid() | undefined) -> meshproof_json:value().
pid_or_null(undefined) -> null;
pid_or_null(Pid) -> pid(Pid).

-spec node_name(node()) -> binary().
node_name(Node) ->
    atom_to_binary(Node, utf8).

-spec group_name(term()) -> binary().
group_name(G) when is_atom(G) -> atom_to_binary(G, utf8);
group_name(G) when is_binary(G) -> G;
group_name(G) -> iolist_to_binary(io_lib:format("~0p", [G])).
