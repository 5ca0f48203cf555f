%% The layer reads on a bare local node (not distributed): the pg scopes the
%% node runs, whoever started them, their groups and members, global's names
%% and its own state, and no Mnesia where it does not run.
-module(meshproof_layers_tests).

-include_lib("eunit/include/eunit.hrl").

layers_test_() ->
    {setup, fun start/0, fun stop/1, fun(Started) -> [finds_scopes(Started), reads_groups(Started), reads_global(Started)] end}.

start() ->
    {ok, Scope} = pg:start(meshproof_eunit_scope),
    Member = spawn(fun() -> receive stop -> ok end end),
    ok = pg:join(meshproof_eunit_scope, workers, Member),
    %% a registered process that is no pg scope
    NotAScope = spawn(fun() -> receive stop -> ok end end),
    true = register(meshproof_eunit_other, NotAScope),
    Holder = spawn(fun() -> receive stop -> ok end end),
    yes = global:register_name({meshproof_eunit, name}, Holder),
    #{scope => Scope, member => Member, others => [NotAScope, Holder]}.

stop(#{scope := Scope, member := Member, others := Others}) ->
    _ = global:unregister_name({meshproof_eunit, name}),
    [P ! stop || P <- [Member | Others]],
    unlink(Scope),
    exit(Scope, shutdown).

finds_scopes(_Started) ->
    Scopes = meshproof_pg_scopes:all(),
    [?_assert(lists:member(meshproof_eunit_scope, Scopes)),
     ?_assertNot(lists:member(meshproof_eunit_other, Scopes)),
     ?_assertEqual(lists:sort(Scopes), Scopes)].

reads_groups(#{member := Member}) ->
    #{pg := Views} = meshproof_layers:view(false),
    [?_assertEqual([#{scope => meshproof_eunit_scope, groups => [#{group => workers, members => [Member], local => [Member]}]}],
                   [V || #{scope := meshproof_eunit_scope} = V <- Views])].

reads_global(#{others := [_, Holder]}) ->
    #{global := Global, mnesia := Mnesia} = meshproof_layers:view(true),
    #{names := Names, sync := Sync, state := State} = Global,
    [?_assert(lists:member(#{name => {meshproof_eunit, name}, pid => Holder, alive => true}, Names)),
     ?_assert(is_integer(Sync)),
     %% a node alone has synced with no one, and no sync holds global's lock
     ?_assertEqual(#{known => [], pending => [], lock_holders => []}, State),
     ?_assertEqual(null, Mnesia),
     ?_assertEqual(skipped, maps:get(sync, maps:get(global, meshproof_layers:view(false))))].
