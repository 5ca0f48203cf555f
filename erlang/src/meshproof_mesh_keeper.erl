%% The cluster's own discovery: connects this node to its configured peers and
%% logs every nodeup/nodedown with its reason.
%%
%% With a reconnect interval it retries missing peers forever, so the mesh heals
%% after any fault. With reconnect `off' it connects only on the node's very
%% first start, until it has seen every peer once, and never again, not even
%% after a restart: a cluster that forms once and cannot heal, which the
%% harness must report as not healed.
-module(meshproof_mesh_keeper).
-behaviour(gen_server).

-include_lib("kernel/include/logger.hrl").

-export([start_link/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(FIRST_FORMATION_RETRY_MS, 1000).

-record(state, {
    peers :: [node()],
    reconnect :: pos_integer() | off,
    %% connect attempts in flight; a paused peer can block one for net_setuptime
    pending = #{} :: #{reference() => node()}
}).

-spec start_link(meshproof_agent_config:config()) -> {ok, pid()} | {error, term()}.
start_link(Config) ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, Config, []).

-spec init(meshproof_agent_config:config()) -> {ok, #state{}}.
init(#{peers := Peers, reconnect := Reconnect, first_start := FirstStart}) ->
    ok = net_kernel:monitor_nodes(true, [nodedown_reason]),
    case Reconnect =:= off andalso not FirstStart of
        true ->
            ?LOG_NOTICE("reconnect off and this is a restart: not connecting");
        false ->
            self() ! tick
    end,
    {ok, #state{peers = Peers, reconnect = Reconnect}}.

-spec handle_call(term(), gen_server:from(), #state{}) -> {reply, ok, #state{}}.
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), #state{}) -> {noreply, #state{}}.
handle_cast(_Request, State) ->
    {noreply, State}.

-spec handle_info(term(), #state{}) -> {noreply, #state{}}.
handle_info(tick, #state{reconnect = off} = State) ->
    case State#state.peers -- nodes() of
        [] ->
            ?LOG_NOTICE("mesh formed once; reconnect is off, no further connects"),
            {noreply, State};
        Missing ->
            erlang:send_after(?FIRST_FORMATION_RETRY_MS, self(), tick),
            {noreply, connect(Missing, State)}
    end;
handle_info(tick, #state{reconnect = IntervalMs} = State) ->
    erlang:send_after(IntervalMs, self(), tick),
    {noreply, connect(State#state.peers -- nodes(), State)};
handle_info({'DOWN', Ref, process, _Pid, _Reason}, #state{pending = Pending} = State) ->
    {noreply, State#state{pending = maps:remove(Ref, Pending)}};
handle_info({nodeup, Node, _Info}, State) ->
    ?LOG_NOTICE("nodeup ~s", [Node]),
    {noreply, State};
handle_info({nodedown, Node, Info}, State) ->
    ?LOG_NOTICE("nodedown ~s reason=~0p", [Node, proplists:get_value(nodedown_reason, Info)]),
    {noreply, State};
handle_info(_Other, State) ->
    {noreply, State}.

%% One attempt per missing peer at a time, each in its own process so that a
%% peer that does not answer cannot stall the others.
-spec connect([node()], #state{}) -> #state{}.
connect(Missing, #state{pending = Pending} = State) ->
    InFlight = maps:values(Pending),
    New = maps:from_list([spawn_monitor_connect(Peer) || Peer <- Missing,
                                                         not lists:member(Peer, InFlight)]),
    State#state{pending = maps:merge(Pending, New)}.

-spec spawn_monitor_connect(node()) -> {reference(), node()}.
spawn_monitor_connect(Peer) ->
    {_Pid, Ref} = spawn_monitor(net_kernel, connect_node, [Peer]),
    {Ref, Peer}.
