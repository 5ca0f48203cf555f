%% The event recorder, for nodes that do not run meshproof's agent (a user's
%% image, an attached cluster): it keeps the node's latest nodeup/nodedown
%% events with their reason and wall-clock time, as meshproof_mesh_keeper
%% does, so the harness reads the same events from either. Where Mnesia runs,
%% it also keeps Mnesia's inconsistent_database events: Mnesia's own word that
%% it ran on both sides of a partition and will not merge them by itself.
%%
%% The probe loads this module into the running node over distribution
%% (code:load_binary, nothing written to the container's disk) and starts it
%% with start/0: a registered gen_server outside any supervision tree and
%% linked to nothing, so it outlives the probe that started it and dies with
%% the node. The probe's `unrecord' stops it and purges and deletes the
%% module, which leaves nothing of meshproof in the node.
-module(meshproof_recorder).
-behaviour(gen_server).

-export([start/0, events/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(MAX_EVENTS, 500).
-define(START_TIMEOUT_MS, 5000).
-define(CALL_TIMEOUT_MS, 5000).
%% how often the recorder looks for a Mnesia started (or restarted) since, to subscribe to it
-define(MNESIA_CHECK_MS, 1000).

%% inconsistent_database: `node' is the other node, `reason' Mnesia's context
%% (e.g. running_partitioned_network)
-type event_kind() :: nodeup | nodedown | inconsistent_database.
-type event() :: #{kind := event_kind(), node := node(),
                   reason := binary(), at_ms := integer()}.

-record(state, {
    %% when this recorder began to record (erlang:system_time(millisecond))
    since_ms :: integer(),
    %% newest first, at most ?MAX_EVENTS
    events = [] :: [event()],
    %% the monitor of mnesia_subscr while subscribed to Mnesia's system events
    mnesia = none :: reference() | none
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

%% The events since `SinceMs' (erlang:system_time(millisecond)), oldest first.
-spec events(integer()) -> [event()].
events(SinceMs) ->
    gen_server:call(?MODULE, {events, SinceMs}, ?CALL_TIMEOUT_MS).

-spec since(pid()) -> integer().
since(Pid) ->
    gen_server:call(Pid, since, ?CALL_TIMEOUT_MS).

-spec init([]) -> {ok, #state{}}.
init([]) ->
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
    {ok, #state{since_ms = erlang:system_time(millisecond)}}.

-spec handle_call(term(), gen_server:from(), #state{}) -> {reply, term(), #state{}}.
handle_call({events, SinceMs}, _From, #state{events = Events} = State) ->
    {reply, lists:reverse([E || #{at_ms := At} = E <- Events, At >= SinceMs]), State};
handle_call(since, _From, #state{since_ms = Since} = State) ->
    {reply, Since, State};
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), #state{}) -> {noreply, #state{}}.
handle_cast(_Request, State) ->
    {noreply, State}.

-spec handle_info(term(), #state{}) -> {noreply, #state{}}.
handle_info({nodeup, Node, _Info}, State) ->
    {noreply, record(nodeup, Node, <<>>, State)};
handle_info({nodedown, Node, Info}, State) ->
    Reason = proplists:get_value(nodedown_reason, Info),
    {noreply, record(nodedown, Node, iolist_to_binary(io_lib:format("~0p", [Reason])), State)};
handle_info({mnesia_system_event, {inconsistent_database, Context, Node}}, State) ->
    {noreply, record(inconsistent_database, Node, iolist_to_binary(io_lib:format("~0p", [Context])), State)};
handle_info(check_mnesia, State) ->
    erlang:send_after(?MNESIA_CHECK_MS, self(), check_mnesia),
    {noreply, subscribe_mnesia(State)};
handle_info({'DOWN', Ref, process, _, _}, #state{mnesia = Ref} = State) ->
    %% Mnesia stopped: subscribe again once it runs again
    {noreply, State#state{mnesia = none}};
handle_info(_Other, State) ->
    {noreply, State}.

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

-spec record(event_kind(), node(), binary(), #state{}) -> #state{}.
record(Kind, Node, Reason, #state{events = Events} = State) ->
    Event = #{kind => Kind, node => Node, reason => Reason,
              at_ms => erlang:system_time(millisecond)},
    State#state{events = lists:sublist([Event | Events], ?MAX_EVENTS)}.
