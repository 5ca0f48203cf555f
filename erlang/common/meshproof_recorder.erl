%% The node's event log, read by the harness between its looks: nodeup and
%% nodedown with their reason, Mnesia's own failure signals (mnesia_down,
%% inconsistent_database: it ran on both sides of a partition and will not
%% merge them by itself), and every change of the node's view of the layers
%% above its connections, as a digest: each pg scope's groups and members,
%% global's name table, Mnesia's running db nodes. Looks see moments; this
%% log is what happened between them, so the harness can find two connected
%% nodes whose views disagreed longer than a change takes to spread.
%%
%% Views are polled every ?WATCH_MS (more in big clusters; pg and global tell
%% no one of changes on every supported release), so a change is logged up to
%% that late. Digests
%% are erlang:phash2 of the view with pids as {Node, Id, Serial, Creation}:
%% equal views give equal digests on every node and every release.
%%
%% The log is capped; what falls off is folded into the state it leaves
%% (the peers connected and the views), so `events/1' can still say the state
%% at any moment after the log began; it says when the log began and when the
%% newest event it lost happened: a window that starts before either has a gap.
%%
%% meshproof's agent runs it in its supervision tree, with a file on the
%% container's filesystem that every event is appended to: a VM killed and
%% restarted in the same container finds its log there, and goes on from it
%% after a `restarted' event (peers and views unknown until seen again). On other nodes (a
%% user's image, an attached cluster) the probe loads this module (and the
%% shared modules it calls, meshproof_pg_scopes and meshproof_pid) into the
%% running node over distribution (code:load_binary, nothing written to the
%% container's disk) and starts it with start/0: a registered gen_server
%% outside any supervision tree and linked to nothing, so it outlives the
%% probe that started it and dies with the node. The probe's `unrecord' stops
%% it and purges and deletes the modules it loaded, which leaves nothing of meshproof in
%% the node.
-module(meshproof_recorder).
-behaviour(gen_server).

-export([start/0, start_link/1, events/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% a node logs a few view changes a second in a churning application: a run's iteration fits
-define(MAX_EVENTS, 20000).
-define(START_TIMEOUT_MS, 5000).
-define(CALL_TIMEOUT_MS, 5000).
%% how often the recorder looks for a Mnesia started (or restarted) since, to subscribe to it
-define(MNESIA_CHECK_MS, 1000).
%% how often the views are polled: every ?WATCH_MS, and ?WATCH_MS_PER_PEER
%% more for each connected node, since the views grow with the cluster and a
%% 100-node cluster's polls would otherwise take most of 2 cores
-define(WATCH_MS, 50).
-define(WATCH_MS_PER_PEER, 2).
%% how many polls apart pg scopes are looked for
-define(SCOPES_EVERY, 20).

%% inconsistent_database and mnesia_down: `node' is the other node, `reason'
%% Mnesia's context (e.g. running_partitioned_network). view: `node' is this
%% node, `layer' the view's name (<<"pg SCOPE">>, <<"global">>, <<"mnesia">>),
%% `digest' null once the layer no longer runs here.
%% restarted: `node' is this node, whose VM started again.
-type event_kind() :: nodeup | nodedown | inconsistent_database | mnesia_down | view | restarted.
-type event() :: #{kind := event_kind(), node := node(), reason := binary(), at_ms := integer(),
                   layer => binary(), digest => non_neg_integer() | null}.
-type views() :: #{binary() => non_neg_integer() | null}.

-record(state, {
    %% when this recorder began to record (erlang:system_time(millisecond))
    since_ms :: integer(),
    %% oldest first, at most ?MAX_EVENTS
    events = queue:new() :: queue:queue(event()),
    count = 0 :: non_neg_integer(),
    %% the newest event that fell off the log, if any
    lost_until_ms = null :: integer() | null,
    %% the peers and views as of just before the oldest event kept
    base_peers :: [node()],
    base_views = #{} :: views(),
    %% the views as last polled
    views = #{} :: views(),
    scopes = [] :: [atom()],
    polls = 0 :: non_neg_integer(),
    %% the monitor of mnesia_subscr while subscribed to Mnesia's system events
    mnesia = none :: reference() | none,
    %% the file every event is appended to, if any
    file = none :: file:io_device() | none
}).

%% Starts the recorder unless one runs; either way says since when it records
%% and whether this call started it. The probe calls it with every request, so
%% a running recorder is answered without starting anything.
-spec start() -> #{new := boolean(), since_ms := integer()}.
start() ->
    case whereis(?MODULE) of
        undefined ->
            case gen_server:start({local, ?MODULE}, ?MODULE, [], [{timeout, ?START_TIMEOUT_MS}]) of
                {ok, Pid} -> #{new => true, since_ms => since(Pid)};
                {error, {already_started, Pid}} -> #{new => false, since_ms => since(Pid)}
            end;
        Pid ->
            #{new => false, since_ms => since(Pid)}
    end.

%% The recorder as a child of meshproof's agent, keeping its log in `File'.
-spec start_link(file:filename()) -> {ok, pid()} | {error, term()}.
start_link(File) ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [File], []).

%% The events since `SinceMs' (erlang:system_time(millisecond)), oldest first,
%% the view changes among them only if `WithViews' (a look needs only the signals);
%% the peers and views at `SinceMs'; since when it records, and the time of
%% the newest event that fell off its cap (null: none did).
-spec events(integer(), boolean()) -> #{events := [event()], since_ms := integer(), lost_until_ms := integer() | null,
                                        at_start := #{peers := [node()], views := [map()]}}.
events(SinceMs, WithViews) ->
    gen_server:call(?MODULE, {events, SinceMs, WithViews}, ?CALL_TIMEOUT_MS).

-spec since(pid()) -> integer().
since(Pid) ->
    gen_server:call(Pid, since, ?CALL_TIMEOUT_MS).

-spec init([] | [file:filename()]) -> {ok, #state{}}.
init(Args) ->
    %% started from the probe's remote call, it would inherit the probe's group
    %% leader, and logger drops the reports of processes whose group leader is
    %% on another node: take the node's own
    case whereis(user) of
        undefined -> ok;
        User -> group_leader(User, self())
    end,
    ok = net_kernel:monitor_nodes(true, [nodedown_reason]),
    %% Mnesia links its subscribers: its end must not end the recorder
    process_flag(trap_exit, true),
    self() ! check_mnesia,
    self() ! watch,
    New = #state{since_ms = erlang:system_time(millisecond), base_peers = nodes()},
    case Args of
        [] -> {ok, New};
        [File] -> {ok, reopen(File, New)}
    end.

%% The log kept in the file, if there is one, then a `restarted' event; the
%% file rewritten with what is kept, and open to append to.
-spec reopen(file:filename(), #state{}) -> #state{}.
reopen(File, New) ->
    Kept = case file:read_file(File) of
               {ok, Bin} -> restore(terms(Bin), New);
               {error, _} -> New
           end,
    Head = {log, Kept#state.since_ms, Kept#state.lost_until_ms, Kept#state.base_peers, Kept#state.base_views},
    %% a file that cannot be written leaves a log that dies with the VM, as on other images
    Fd = case file:write_file(File, [frame(T) || T <- [Head | queue:to_list(Kept#state.events)]]) of
             ok -> case file:open(File, [append, raw, binary]) of {ok, Opened} -> Opened; {error, _} -> none end;
             {error, _} -> none
         end,
    Restarted = case Kept of
                    New -> Kept;
                    _ -> record(#{kind => restarted, node => node(), reason => <<>>}, Kept)
                end,
    Restarted#state{file = Fd}.

-spec restore([term()], #state{}) -> #state{}.
restore([{log, Since, Lost, Peers, Views} | Events], New) ->
    lists:foldl(fun keep/2, New#state{since_ms = Since, lost_until_ms = Lost, base_peers = Peers, base_views = Views}, Events);
restore(_Unreadable, New) ->
    New.

%% The terms framed in the file; a frame cut short by the VM's end is dropped.
-spec terms(binary()) -> [term()].
terms(<<Size:32, Term:Size/binary, Rest/binary>>) -> [binary_to_term(Term) | terms(Rest)];
terms(_End) -> [].

-spec frame(term()) -> iodata().
frame(Term) ->
    Bin = term_to_binary(Term),
    [<<(byte_size(Bin)):32>>, Bin].

-spec handle_call(term(), gen_server:from(), #state{}) -> {reply, term(), #state{}}.
handle_call({events, SinceMs, WithViews}, _From, State) ->
    {reply, answer(SinceMs, WithViews, State), State};
handle_call(since, _From, #state{since_ms = Since} = State) ->
    {reply, Since, State};
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), #state{}) -> {noreply, #state{}}.
handle_cast(_Request, State) ->
    {noreply, State}.

-spec handle_info(term(), #state{}) -> {noreply, #state{}}.
handle_info({nodeup, Node, _Info}, State) ->
    {noreply, record(#{kind => nodeup, node => Node, reason => <<>>}, State)};
handle_info({nodedown, Node, Info}, State) ->
    Reason = proplists:get_value(nodedown_reason, Info),
    {noreply, record(#{kind => nodedown, node => Node, reason => text(Reason)}, State)};
handle_info({mnesia_system_event, {inconsistent_database, Context, Node}}, State) ->
    {noreply, record(#{kind => inconsistent_database, node => Node, reason => text(Context)}, State)};
handle_info({mnesia_system_event, {mnesia_down, Node}}, State) ->
    {noreply, record(#{kind => mnesia_down, node => Node, reason => <<>>}, State)};
handle_info(check_mnesia, State) ->
    erlang:send_after(?MNESIA_CHECK_MS, self(), check_mnesia),
    {noreply, subscribe_mnesia(State)};
handle_info(watch, State) ->
    erlang:send_after(?WATCH_MS + ?WATCH_MS_PER_PEER * length(nodes()), self(), watch),
    {noreply, watch(State)};
handle_info({'DOWN', Ref, process, _, _}, #state{mnesia = Ref} = State) ->
    %% Mnesia stopped: subscribe again once it runs again
    {noreply, State#state{mnesia = none}};
handle_info(_Other, State) ->
    {noreply, State}.

-spec answer(integer(), boolean(), #state{}) -> map().
answer(SinceMs, WithViews, #state{events = Events, since_ms = Start, lost_until_ms = Lost,
                                  base_peers = Peers0, base_views = Views0}) ->
    {Before, After} = lists:partition(fun(#{at_ms := At}) -> At < SinceMs end, queue:to_list(Events)),
    {Peers, Views} = lists:foldl(fun apply_event/2, {Peers0, Views0}, Before),
    #{events => [E || #{kind := Kind} = E <- After, WithViews orelse Kind =/= view],
      since_ms => Start,
      lost_until_ms => Lost,
      at_start => #{peers => lists:sort(Peers),
                    views => [#{layer => L, digest => D} || {L, D} <- lists:sort(maps:to_list(Views))]}}.

%% The peers and views after an event.
-spec apply_event(event(), {[node()], views()}) -> {[node()], views()}.
apply_event(#{kind := nodeup, node := Node}, {Peers, Views}) -> {[Node | Peers -- [Node]], Views};
apply_event(#{kind := nodedown, node := Node}, {Peers, Views}) -> {Peers -- [Node], Views};
apply_event(#{kind := view, layer := Layer, digest := Digest}, {Peers, Views}) -> {Peers, Views#{Layer => Digest}};
apply_event(#{kind := restarted}, _Before) -> {[], #{}};
apply_event(_Signal, Acc) -> Acc.

%% Polls the views and logs those that changed (and, as null, the layers gone).
-spec watch(#state{}) -> #state{}.
watch(#state{polls = Polls, scopes = Known} = State) ->
    Scopes = case Polls rem ?SCOPES_EVERY of
                 0 -> meshproof_pg_scopes:all();
                 _ -> Known
             end,
    Now = views(Scopes),
    Gone = maps:from_list([{L, null} || {L, D} <- maps:to_list(State#state.views), D =/= null,
                                        not maps:is_key(L, Now)]),
    Changed = maps:filter(fun(L, D) -> maps:get(L, State#state.views, null) =/= D end, maps:merge(Now, Gone)),
    Logged = maps:fold(fun(L, D, S) -> record(#{kind => view, node => node(), reason => <<>>, layer => L, digest => D}, S) end,
                       State, Changed),
    Logged#state{views = maps:merge(State#state.views, Changed), scopes = Scopes, polls = Polls + 1}.

-spec views([atom()]) -> views().
views(Scopes) ->
    Pg = [{<<"pg ", (atom_to_binary(S, utf8))/binary>>, digest(V)} || S <- Scopes, V <- pg_view(S)],
    Mnesia = case mnesia_running_db_nodes() of
                 none -> [];
                 Nodes -> [{<<"mnesia">>, digest(Nodes)}]
             end,
    maps:from_list([{<<"global">>, digest(global_names())} | Pg ++ Mnesia]).

-spec digest(term()) -> non_neg_integer().
digest(View) ->
    erlang:phash2(View, 1 bsl 32).

%% The scope's groups with their members, sorted; [] when the scope stopped.
-spec pg_view(atom()) -> [[{term(), [tuple()]}]].
pg_view(Scope) ->
    try pg:which_groups(Scope) of
        Groups -> [lists:sort([{G, lists:sort([meshproof_pid:parts(P) || P <- pg:get_members(Scope, G)])} || G <- Groups])]
    catch
        error:badarg -> []
    end.

-spec global_names() -> [{term(), tuple()}].
global_names() ->
    lists:sort([{Name, meshproof_pid:parts(Pid)} || Name <- global:registered_names(), Pid <- [global:whereis_name(Name)], is_pid(Pid)]).

%% none unless Mnesia runs here (mnesia_sup is registered only while it does)
-spec mnesia_running_db_nodes() -> [node()] | none.
mnesia_running_db_nodes() ->
    case whereis(mnesia_sup) of
        undefined -> none;
        _ -> try lists:sort(mnesia:system_info(running_db_nodes)) catch exit:_ -> none end
    end.

%% Subscribes to Mnesia's system events once its subscription server runs
%% (from early in Mnesia's start, so that events of its start are not missed).
%% Only then is the mnesia module called: a node may not have it at all.
-spec subscribe_mnesia(#state{}) -> #state{}.
subscribe_mnesia(#state{mnesia = none} = State) ->
    case whereis(mnesia_subscr) of
        undefined ->
            State;
        Subscr ->
            Ref = monitor(process, Subscr),
            Subscribed = try mnesia:subscribe(system) of
                             {ok, _Node} -> true;
                             {error, _NotRunning} -> false
                         catch
                             exit:_StoppedMeanwhile -> false
                         end,
            case Subscribed of
                true ->
                    State#state{mnesia = Ref};
                false ->
                    demonitor(Ref, [flush]),
                    State
            end
    end;
subscribe_mnesia(Subscribed) ->
    Subscribed.

-spec text(term()) -> binary().
text(Term) ->
    iolist_to_binary(io_lib:format("~0p", [Term])).

%% Logs the event now (and appends it to the file).
-spec record(map(), #state{}) -> #state{}.
record(Event0, #state{file = File} = State) ->
    Event = Event0#{at_ms => erlang:system_time(millisecond)},
    File =:= none orelse file:write(File, frame(Event)),
    keep(Event, State).

%% Keeps the event; one that falls off the log is folded into the base state.
-spec keep(event(), #state{}) -> #state{}.
keep(Event, #state{events = Events, count = Count} = State) ->
    Logged = State#state{events = queue:in(Event, Events), count = Count + 1},
    case Count + 1 > ?MAX_EVENTS of
        false ->
            Logged;
        true ->
            {{value, #{at_ms := At} = Old}, Rest} = queue:out(Logged#state.events),
            {Peers, Views} = apply_event(Old, {Logged#state.base_peers, Logged#state.base_views}),
            Logged#state{events = Rest, count = Count, lost_until_ms = At, base_peers = Peers, base_views = Views}
    end.
