%% What a node sees of the layers above its connections: every pg scope that
%% runs there, global's names (and, when asked, how long global:sync() takes),
%% and Mnesia where it runs. Read on the node in one call, as raw terms: the
%% probe turns them into JSON.
%%
%% The probe loads this module into the node over distribution
%% (code:load_binary, nothing written to the container's disk), as it loads
%% meshproof_recorder, and `unrecord' removes it again. So it calls only what
%% every node has (kernel, stdlib) or the probe loads with it
%% (meshproof_pg_scopes), and Mnesia only where it runs.
-module(meshproof_layers).

-export([view/1]).
-export_type([view/0]).

%% global:sync() waits for every node global knows of; a partition can stall it
-define(SYNC_DEADLINE_MS, 2000).
%% global_name_server answers `info' at once unless it is itself blocked
-define(STATE_DEADLINE_MS, 1000).
%% the lock global's own syncs take on every node of both sides (global.erl's ?GLOBAL_RID)
-define(GLOBAL_RESOURCE, global).

-type pg_view() :: #{scope := atom(),
                     groups := [#{group := term(), members := [pid()], local := [pid()]}]}.
%% global's own record of its peers (global:info/0, the same on OTP 25 to 29):
%% the nodes it has synced with (`known'), those a sync with is under way
%% (`pending'), and who holds the lock its syncs need; null if unreadable.
-type global_state() :: #{known := [node()], pending := [node()], lock_holders := [pid()]}.
-type global_view() :: #{names := [#{name := term(), pid := pid(), alive := boolean() | null}],
                         sync := non_neg_integer() | timeout | skipped,
                         state := global_state() | null}.
%% A table as this node sees it: the nodes meant to hold a copy (its schema's
%% ram, disc and disc-only copies), whether each node keeps its own content,
%% the replicas active now, and where this node reads it (nowhere: not loaded
%% here, and no holder it could read from is running).
-type mnesia_table() :: #{name := atom(), ram_copies := [node()], disc_copies := [node()],
                          disc_only_copies := [node()], local_content := boolean(),
                          active_replicas := [node()], where_to_read := node() | nowhere}.
-type mnesia_view() :: #{db_nodes := [node()], running_db_nodes := [node()], tables := [mnesia_table()]}.
-type view() :: #{pg := [pg_view()], global := global_view(), mnesia := mnesia_view() | null}.

-spec view(boolean()) -> view().
view(Sync) ->
    %% synced before the names are read (a map's values have no order of evaluation)
    SyncMs = global_sync(Sync),
    #{pg => [V || Scope <- meshproof_pg_scopes:all(), V <- pg_view(Scope)],
      global => #{names => global_names(), sync => SyncMs, state => global_state()},
      mnesia => mnesia_view()}.

%% [] when the scope stopped since it was found: its table went with it
-spec pg_view(atom()) -> [pg_view()].
pg_view(Scope) ->
    try lists:sort(pg:which_groups(Scope)) of
        Groups ->
            [#{scope => Scope,
               groups => [#{group => G,
                            members => pg:get_members(Scope, G),
                            local => pg:get_local_members(Scope, G)} || G <- Groups]}]
    catch
        error:badarg -> []
    end.

%% A name whose process died since registered_names/0 is left out.
-spec global_names() -> [#{name := term(), pid := pid(), alive := boolean() | null}].
global_names() ->
    [#{name => Name, pid => Pid, alive => alive(Pid)}
     || Name <- global:registered_names(), Pid <- [global:whereis_name(Name)], is_pid(Pid)].

-spec alive(pid()) -> boolean() | null.
alive(Pid) when node(Pid) =:= node() -> is_process_alive(Pid);
alive(_RemotePid) -> null.

%% In a process of its own, so that a sync stalled by a partition is killed at
%% the deadline instead of holding the probe's request.
-spec global_sync(boolean()) -> non_neg_integer() | timeout | skipped.
global_sync(false) ->
    skipped;
global_sync(true) ->
    Start = erlang:monotonic_time(millisecond),
    {Pid, Ref} = spawn_monitor(global, sync, []),
    receive
        {'DOWN', Ref, process, Pid, _} -> erlang:monotonic_time(millisecond) - Start
    after ?SYNC_DEADLINE_MS ->
        exit(Pid, kill),
        receive {'DOWN', Ref, process, Pid, _} -> timeout end
    end.

%% global:info/0 is undocumented and calls with no deadline: its call, with
%% one, and its #state{} read by position (connect_all conf, then known, a map
%% whose node keys are synced peers and {pending, Node} keys syncs under way).
-spec global_state() -> global_state() | null.
global_state() ->
    try gen_server:call(global_name_server, info, ?STATE_DEADLINE_MS) of
        State when is_tuple(State), tuple_size(State) >= 3, is_map(element(3, State)) ->
            Keys = maps:keys(element(3, State)),
            #{known => lists:sort([N || N <- Keys, is_atom(N)]),
              pending => lists:sort([N || {pending, N} <- Keys]),
              lock_holders => global_lock_holders()};
        _OtherShape ->
            null
    catch
        exit:_ -> null
    end.

-spec global_lock_holders() -> [pid()].
global_lock_holders() ->
    [Pid || {_Resource, _Requester, Holders} <- ets:lookup(global_locks, ?GLOBAL_RESOURCE), {Pid, _Ref} <- Holders].

%% null unless Mnesia runs here; mnesia_sup is registered only while its
%% application is, so a node without Mnesia never calls the mnesia module.
-spec mnesia_view() -> mnesia_view() | null.
mnesia_view() ->
    case whereis(mnesia_sup) =/= undefined andalso mnesia:system_info(is_running) =:= yes of
        true -> mnesia_running_view();
        false -> null
    end.

%% null when Mnesia stopped in the middle of the reading
-spec mnesia_running_view() -> mnesia_view() | null.
mnesia_running_view() ->
    try
        #{db_nodes => lists:sort(mnesia:system_info(db_nodes)),
          running_db_nodes => lists:sort(mnesia:system_info(running_db_nodes)),
          tables => [T || Tab <- lists:sort(mnesia:system_info(tables)), Tab =/= schema, T <- mnesia_table(Tab)]}
    catch
        exit:{aborted, _} -> null
    end.

%% [] when the table was deleted since it was listed
-spec mnesia_table(atom()) -> [mnesia_table()].
mnesia_table(Tab) ->
    try
        [#{name => Tab,
           ram_copies => nodes_of(Tab, ram_copies),
           disc_copies => nodes_of(Tab, disc_copies),
           disc_only_copies => nodes_of(Tab, disc_only_copies),
           local_content => mnesia:table_info(Tab, local_content),
           active_replicas => nodes_of(Tab, active_replicas),
           where_to_read => mnesia:table_info(Tab, where_to_read)}]
    catch
        exit:{aborted, _} -> []
    end.

-spec nodes_of(atom(), ram_copies | disc_copies | disc_only_copies | active_replicas) -> [node()].
nodes_of(Tab, Item) ->
    lists:sort(mnesia:table_info(Tab, Item)).
