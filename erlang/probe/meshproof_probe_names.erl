%% Handlers that put global names on the cluster (a workload) and take them
%% off: `register' spawns a holder on the node and registers it under the
%% name, `unregister' kills the holder the node sees and unregisters the name.
-module(meshproof_probe_names).

-export([register_global/2, unregister_global/2]).

-spec register_global(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
register_global(#{name := Name}, #{node := Node, timeout := T}) ->
    %% a holder of the name that lives until killed, spawned by the node itself
    Holder = erpc:call(Node, erlang, spawn, [timer, sleep, [infinity]], T),
    case register_name(Node, Name, Holder, T) of
        yes ->
            #{pid => meshproof_probe_terms:pid(Holder), registered => true};
        no ->
            meshproof_probe_node:kill(Node, Holder, T),
            #{pid => meshproof_probe_terms:pid(Holder), registered => false}
    end.

-spec unregister_global(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
unregister_global(#{name := Name}, #{node := Node, timeout := T}) ->
    case erpc:call(Node, global, whereis_name, [Name], T) of
        undefined ->
            #{killed => false};
        Holder ->
            meshproof_probe_node:kill(Node, Holder, T),
            _ = erpc:call(Node, global, unregister_name, [Name], T),
            #{killed => true}
    end.

%% A holder whose registration failed is killed, so that none is left behind.
-spec register_name(node(), atom(), pid(), pos_integer()) -> yes | no.
register_name(Node, Name, Holder, T) ->
    try
        erpc:call(Node, global, register_name, [Name, Holder], T)
    catch
        Class:Reason:Stack ->
            meshproof_probe_node:kill(Node, Holder, T),
            erlang:raise(Class, Reason, Stack)
    end.
