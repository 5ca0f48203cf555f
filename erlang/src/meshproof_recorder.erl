%% The event recorder, for nodes that do not run meshproof's agent (a user's
%% image, an attached cluster): it keeps the node's latest nodeup/nodedown
%% events with their reason and wall-clock time, as meshproof_mesh_keeper
%% does, so the harness reads the same events from either.
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

-type event() :: #{kind := nodeup | nodedown, node := node(), reason := binary(),
                   at_ms := integer()}.

-record(state, {
    %% when this recorder began to record (erlang:system_time(millisecond))
    since_ms :: integer(),
    %% newest first, at most ?MAX_EVENTS
    events = [] :: [event()]
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

%% The nodeup/nodedown events since `SinceMs' (erlang:system_time(millisecond)), oldest first.
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
handle_info(_Other, State) ->
    {noreply, State}.

-spec record(nodeup | nodedown, node(), binary(), #state{}) -> #state{}.
record(Kind, Node, Reason, #state{events = Events} = State) ->
    Event = #{kind => Kind, node => Node, reason => Reason,
              at_ms => erlang:system_time(millisecond)},
    State#state{events = lists:sublist([Event | Events], ?MAX_EVENTS)}.
