%% The cluster's own discovery: connects this node to the peers it dials (those
%% before it in the cluster's list, see meshproof_agent_config) and logs every
%% nodeup/nodedown with its reason (the harness reads them from
%% meshproof_recorder, which the agent runs next to it).
%%
%% With a reconnect interval it retries missing peers forever, so the mesh heals
%% after any fault. Each tick it dials only a few missing peers, at random, and
%% on a first start the first tick comes after a random part of the interval: OTP's global makes
%% the mesh whole from there, and 50 nodes starting at once do not all dial all
%% at once (a connect storm that prevent_overlapping_partitions turns into a
%% disconnect storm). With reconnect `off' it connects only on the node's very
%% first start, each peer until it has been up once (a peer lost after that is
%% never dialed again), and not at all after a restart: a cluster that forms
%% once and cannot heal, which the harness must report as not healed.
%%
%% A dial is made only once the peer's epmd answers (erl_epmd:port_please, which
%% asks the peer host's epmd for the node's port without connecting to the node),
%% and a peer it lost is dialed after a further random ?REDIAL_JITTER_MIN_MS to
%% ?REDIAL_JITTER_MAX_MS. Dials in flight while a peer was paused or cut off used
%% to hang and then all complete within about a second of the fault's end, on
%% every node at once: a redial storm at the fault's end, which bare OTP nodes do
%% not make, in the very moment OTP's global resyncs (the reference cluster must
%% not provoke what it measures). Now a peer that cannot be reached costs an
%% epmd query that times out, and lost links come back spread over ~2 s.
%% With reconnect `off' a lost peer is barred from auto-connect (kernel's
%% dist_auto_connect `once') so that nothing else heals it either: OTP's
%% global, telling its peers about a lost node (prevent_overlapping_partitions),
%% sends to that node, and a send to a node that is not connected dials it.
-module(meshproof_mesh_keeper).
-behaviour(gen_server).

-include_lib("kernel/include/logger.hrl").

-export([start_link/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(FIRST_FORMATION_RETRY_MS, 1000).
-define(CONNECTS_PER_TICK, 3).
-define(EPMD_TIMEOUT_MS, 1000).
-define(REDIAL_JITTER_MIN_MS, 300).
-define(REDIAL_JITTER_MAX_MS, 2000).

-record(state, {
    peers :: [node()],
    reconnect :: pos_integer() | off,
    %% connect attempts in flight; a paused peer can block one for net_setuptime
    pending = #{} :: #{reference() => node()},
    %% peers that have been up at least once (what reconnect `off' never dials again)
    seen = [] :: [node()],
    %% when each peer was last lost (erlang:monotonic_time(millisecond)): a lost peer is redialed after a jitter
    lost = #{} :: #{node() => integer()}
}).

-spec start_link(meshproof_agent_config:config()) -> {ok, pid()} | {error, term()}.
start_link(Config) ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, Config, []).

-spec init(meshproof_agent_config:config()) -> {ok, #state{}}.
init(#{peers := Peers, reconnect := Reconnect, first_start := FirstStart}) ->
    ok = net_kernel:monitor_nodes(true, [nodedown_reason]),
    case Reconnect of
        off -> ok = application:set_env(kernel, dist_auto_connect, once);
        _ -> ok
    end,
    case Reconnect =:= off andalso not FirstStart of
        true ->
            ?LOG_NOTICE("reconnect off and this is a restart: not connecting");
        false ->
            erlang:send_after(first_delay(FirstStart, Reconnect), self(), tick)
    end,
    {ok, #state{peers = Peers, reconnect = Reconnect}}.

-spec handle_call(term(), gen_server:from(), #state{}) -> {reply, term(), #state{}}.
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), #state{}) -> {noreply, #state{}}.
handle_cast(_Request, State) ->
    {noreply, State}.

-spec handle_info(term(), #state{}) -> {noreply, #state{}}.
handle_info(tick, #state{reconnect = off, peers = Peers, seen = Seen} = State) ->
    case Peers -- (nodes() ++ Seen) of
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
handle_info({nodeup, Node, _Info}, #state{seen = Seen} = State) ->
    ?LOG_NOTICE("nodeup ~s", [Node]),
    {noreply, State#state{seen = lists:usort([Node | Seen])}};
handle_info({nodedown, Node, Info}, State) ->
    Reason = proplists:get_value(nodedown_reason, Info),
    ?LOG_NOTICE("nodedown ~s reason=~0p", [Node, Reason]),
    Lost = maps:put(Node, erlang:monotonic_time(millisecond), State#state.lost),
    {noreply, State#state{lost = Lost}};
handle_info(_Other, State) ->
    {noreply, State}.

%% Spread the first dials of a cluster that starts all at once; a restarted node dials at once.
-spec first_delay(boolean(), pos_integer() | off) -> non_neg_integer().
first_delay(false, _) -> 0;
first_delay(true, off) -> rand:uniform(?FIRST_FORMATION_RETRY_MS);
first_delay(true, IntervalMs) -> rand:uniform(IntervalMs).

%% A few of the missing peers, at random, one attempt per peer at a time, each
%% in its own process so that a peer that does not answer stalls nothing.
-spec connect([node()], #state{}) -> #state{}.
connect(Missing, #state{pending = Pending, lost = Lost} = State) ->
    InFlight = maps:values(Pending),
    Candidates = [Peer || {_, Peer} <- lists:sort([{rand:uniform(), P} || P <- Missing,
                                                                         not lists:member(P, InFlight)])],
    New = maps:from_list([spawn_monitor_dial(Peer, maps:is_key(Peer, Lost))
                          || Peer <- lists:sublist(Candidates, ?CONNECTS_PER_TICK)]),
    State#state{pending = maps:merge(Pending, New)}.

-spec spawn_monitor_dial(node(), boolean()) -> {reference(), node()}.
spawn_monitor_dial(Peer, WasLost) ->
    {_Pid, Ref} = spawn_monitor(fun() -> dial_when_reachable(Peer, WasLost) end),
    {Ref, Peer}.

%% Dials only a peer whose epmd answers; a lost one after a random jitter.
-spec dial_when_reachable(node(), boolean()) -> boolean() | unreachable.
dial_when_reachable(Peer, WasLost) ->
    [Name, Host] = string:split(atom_to_list(Peer), "@"),
    case erl_epmd:port_please(Name, Host, ?EPMD_TIMEOUT_MS) of
        {port, _Port, _Version} ->
            ok = timer:sleep(jitter_ms(WasLost)),
            net_kernel:connect_node(Peer);
        _NoPortOrError ->
            unreachable
    end.

%% Nodes that lost each other at one fault's end do not all redial at once.
-spec jitter_ms(boolean()) -> non_neg_integer().
jitter_ms(false) -> 0;
jitter_ms(true) -> ?REDIAL_JITTER_MIN_MS + rand:uniform(?REDIAL_JITTER_MAX_MS - ?REDIAL_JITTER_MIN_MS).

