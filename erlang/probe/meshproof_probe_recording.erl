%% Handlers of the node's event log: `events' and `views' read the node's
%% meshproof_recorder (which meshproof's agent runs and `record' starts
%% elsewhere; none: null), `views' with its views' changes; `record' loads the
%% recorder into the node and starts it (a second `record' leaves the running
%% one and its events); `unrecord' stops the recorder it loaded (never one the
%% node's own code runs, as meshproof's agent does) and removes every module
%% the probe loaded into the node.
-module(meshproof_probe_recording).

-export([events/2, views/2, record/2, unrecord/2]).

-define(RECORDER, meshproof_recorder).

-spec events(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
events(#{since_ms := SinceMs}, Context) ->
    read(SinceMs, false, Context).

-spec views(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
views(#{since_ms := SinceMs}, Context) ->
    read(SinceMs, true, Context).

-spec record(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
record(#{}, #{node := Node, timeout := T}) ->
    meshproof_probe_node:call_loaded(Node, ?RECORDER, start, [], T).

-spec unrecord(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
unrecord(#{}, #{node := Node, timeout := T}) ->
    %% a recorder the node's own code runs (meshproof's agent) is the node's, not the probe's to take
    Ours = [M || M <- meshproof_probe_node:carried(), meshproof_probe_node:loaded_by_probe(Node, M, T)],
    Stopped = lists:member(?RECORDER, Ours) andalso stop_recorder(Node, T),
    Removed = [meshproof_probe_node:remove_module(Node, M, T) || M <- lists:reverse(Ours)],
    #{removed => lists:member(true, [Stopped | Removed])}.

-spec read(integer(), boolean(), meshproof_probe_ops:context()) -> meshproof_json:value().
read(SinceMs, WithViews, #{node := Node, timeout := T}) ->
    case erpc:call(Node, erlang, whereis, [?RECORDER], T) of
        undefined ->
            %% neither meshproof's agent nor a recorder the probe started runs there: no event log to read
            #{events => null};
        _ ->
            erpc:call(Node, ?RECORDER, events, [SinceMs, WithViews], T)
    end.

-spec stop_recorder(node(), pos_integer()) -> boolean().
stop_recorder(Node, T) ->
    try erpc:call(Node, gen_server, stop, [?RECORDER, normal, T], T) of
        ok -> true
    catch
        exit:{exception, noproc} -> false
    end.
