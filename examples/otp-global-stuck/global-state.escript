#!/usr/bin/env escript
%%! -hidden
%% Prints what OTP's global holds on one node, asked from outside the mesh:
%% a hidden node (global ignores hidden nodes) started inside the node's
%% container, which rpc-calls the node. global:sync() runs on the node with
%% a deadline: a hang is reported as such, never waited for.
%%
%% usage: escript global-state.escript NODE [SYNC_DEADLINE_MS]
%% The cookie is read from $HOME/.erlang.cookie, as the node reads it.
%% NET_TICKTIME (default 5) must be the node's: with the default 60 s this
%% node would tick too rarely for the node, which would drop the connection
%% while global:sync() is hanging (seen as {badrpc,nodedown} after ~5 s).
-mode(compile).

-define(CALL_TIMEOUT_MS, 5000).
-define(DEFAULT_SYNC_DEADLINE_MS, 10000).

-spec main([string()]) -> no_return().
main([Node]) -> main([Node, integer_to_list(?DEFAULT_SYNC_DEADLINE_MS)]);
main([Node0, Deadline0]) ->
    Node = list_to_atom(Node0),
    Deadline = list_to_integer(Deadline0),
    Me = list_to_atom("global_state_" ++ os:getpid()),
    ok = application:set_env(kernel, net_ticktime, list_to_integer(os:getenv("NET_TICKTIME", "5"))),
    {ok, _} = net_kernel:start(Me, #{name_domain => shortnames, hidden => true}),
    case net_kernel:hidden_connect_node(Node) of
        true -> halt(report(Node, Deadline));
        _ -> io:format("cannot reach ~p~n", [Node]), halt(2)
    end;
main(_) ->
    io:format("usage: escript global-state.escript NODE [SYNC_DEADLINE_MS]~n"),
    halt(2).

-spec report(node(), pos_integer()) -> 0 | 1.
report(Node, Deadline) ->
    Call = fun(M, F, A) -> rpc:call(Node, M, F, A, ?CALL_TIMEOUT_MS) end,
    Nodes = Call(erlang, nodes, []),
    Info = Call(global, info, []),
    Names = Call(global, registered_names, []),
    Started = erlang:monotonic_time(millisecond),
    Sync = rpc:call(Node, global, sync, [], Deadline),
    Took = erlang:monotonic_time(millisecond) - Started,
    io:format("node: ~p~n", [Node]),
    io:format("otp: ~s, kernel ~s~n", [Call(erlang, system_info, [otp_release]), kernel_vsn(Call(application, which_applications, []))]),
    io:format("nodes(): ~p~n", [lists:sort(Nodes)]),
    io:format("global:registered_names(): ~p~n", [lists:sort(Names)]),
    io:format("global:info(): ~p~n", [Info]),
    case Sync of
        ok -> io:format("global:sync(): ok in ~b ms~n", [Took]), 0;
        {badrpc, timeout} -> io:format("global:sync(): no answer within ~b ms (hung)~n", [Deadline]), 1;
        Other -> io:format("global:sync(): ~p after ~b ms~n", [Other, Took]), 1
    end.

-spec kernel_vsn(term()) -> string().
kernel_vsn(Apps) when is_list(Apps) -> hd([Vsn || {kernel, _, Vsn} <- Apps] ++ ["?"]);
kernel_vsn(_) -> "?".
