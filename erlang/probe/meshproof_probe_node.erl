%% Calls on the local node that several handlers make: calling one of the
%% modules this probe carries (loading them into the node when it lacks
%% them), taking them out again, killing a process, and calls in parallel.
-module(meshproof_probe_node).

-export([call_loaded/5, loaded_by_probe/3, remove_module/3, carried/0, kill/3, pmap/2]).

%% what code:which says on a node of a module this probe loaded: from no file there
-define(LOADED_FILE(Module), atom_to_list(Module) ++ " (loaded by meshproof's probe)").

%% The modules the probe loads into nodes, each after those it calls.
-spec carried() -> [module()].
carried() ->
    [meshproof_pid, meshproof_pg_scopes, meshproof_layers, meshproof_recorder].

%% Calls one of the carried modules on the node, loading those the node lacks
%% first if it lacks it: one round trip when it is there, as it is at every
%% request after the first. All of them at once, since the recorder calls the
%% others from its own process, where an undef would end it.
-spec call_loaded(node(), module(), atom(), [term()], pos_integer()) -> term().
call_loaded(Node, Module, Function, Args, T) ->
    try
        erpc:call(Node, Module, Function, Args, T)
    catch
        error:{exception, undef, [{Module, Function, Args, _} | _]} ->
            [ensure_loaded(Node, M, T) || M <- carried()],
            erpc:call(Node, Module, Function, Args, T)
    end.

%% The node's own copy if it has one in its code path (meshproof's image),
%% else the module's object code as this probe carries it (a node of the
%% probe's release or a newer one loads it).
-spec ensure_loaded(node(), module(), pos_integer()) -> ok.
ensure_loaded(Node, Module, T) ->
    case erpc:call(Node, code, ensure_loaded, [Module], T) of
        {module, Module} ->
            ok;
        {error, _NotInItsPath} ->
            {Module, Beam, _File} = code:get_object_code(Module),
            {module, Module} = erpc:call(Node, code, load_binary, [Module, ?LOADED_FILE(Module), Beam], T),
            ok
    end.

%% Whether the node runs the module as this probe loaded it (and not from its own code path).
-spec loaded_by_probe(node(), module(), pos_integer()) -> boolean().
loaded_by_probe(Node, Module, T) ->
    erpc:call(Node, code, is_loaded, [Module], T) =:= {file, ?LOADED_FILE(Module)}.

%% Whether the node had the module loaded.
-spec remove_module(node(), module(), pos_integer()) -> boolean().
remove_module(Node, Module, T) ->
    Loaded = erpc:call(Node, code, is_loaded, [Module], T) =/= false,
    %% purge any old code first, else delete refuses; then delete the current and purge it too
    _ = erpc:call(Node, code, purge, [Module], T),
    _ = erpc:call(Node, code, delete, [Module], T),
    _ = erpc:call(Node, code, purge, [Module], T),
    Loaded.

-spec kill(node(), pid(), pos_integer()) -> true.
kill(Node, Pid, T) ->
    erpc:call(Node, erlang, exit, [Pid, kill], T).

%% Raises in the caller what Fun raised, so a failing request becomes an
%% error answer instead of taking the serving process down with a link.
-spec pmap(fun((A) -> B), [A]) -> [B].
pmap(Fun, List) ->
    Parent = self(),
    Refs = [begin
                Ref = make_ref(),
                spawn(fun() ->
                          Parent ! {Ref, try {ok, Fun(X)} catch C:R:S -> {raised, C, R, S} end}
                      end),
                Ref
            end || X <- List],
    [receive
         {Ref, {ok, Result}} -> Result;
         {Ref, {raised, C, R, S}} -> erlang:raise(C, R, S)
     end || Ref <- Refs].
