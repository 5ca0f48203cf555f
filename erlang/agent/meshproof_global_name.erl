%% Holds this node's global name {meshproof_agent, node()}, so that the
%% cluster has global names whose convergence the harness can judge. It
%% registers once, after init (registering takes global's locks on every
%% connected node, which must not hold up the supervisor), and never repairs
%% the name: when global's conflict resolution kills it, the supervisor starts
%% a new one, which registers again.
%%
%% It registers once this node has joined the mesh: connected to every other
%% node of the cluster and synced with them by global (or after ?JOIN_WAIT_MS,
%% for a node started apart from some of its peers). A name registered while
%% global's syncs with dozens of peers are still under way was, on OTP 27,
%% missing for good on a few nodes in 2 of 4 formations of 50 nodes, with no
%% sync pending anywhere: a race of global's that the reference cluster must
%% not provoke on every start (an application that registers mid-formation
%% meets it, and meshproof reports it as a failed global layer).
-module(meshproof_global_name).
-behaviour(gen_server).

-include_lib("kernel/include/logger.hrl").

-export([start_link/1]).
-export([init/1, handle_continue/2, handle_call/3, handle_cast/2, handle_info/2]).

-define(JOIN_POLL_MS, 100).
-define(JOIN_WAIT_MS, 30000).

-spec start_link(meshproof_agent_config:config()) -> {ok, pid()} | {error, term()}.
start_link(Config) ->
    gen_server:start_link(?MODULE, Config, []).

-spec init(meshproof_agent_config:config()) -> {ok, integer()}.
init(#{cluster := Cluster}) ->
    self() ! {joined, Cluster -- [node()]},
    {ok, erlang:monotonic_time(millisecond) + ?JOIN_WAIT_MS}.

-spec handle_continue(register, integer()) -> {noreply, integer()}.
handle_continue(register, Deadline) ->
    Name = {meshproof_agent, node()},
    case global:register_name(Name, self()) of
        yes -> ok;
        no -> ?LOG_WARNING("global name ~0p is held by ~0p", [Name, global:whereis_name(Name)])
    end,
    {noreply, Deadline}.

-spec handle_info({joined, [node()]}, integer()) -> {noreply, integer()} | {noreply, integer(), {continue, register}}.
handle_info({joined, Peers}, Deadline) ->
    case Peers -- nodes() =:= [] orelse erlang:monotonic_time(millisecond) >= Deadline of
        true ->
            _ = global:sync(),
            {noreply, Deadline, {continue, register}};
        false ->
            erlang:send_after(?JOIN_POLL_MS, self(), {joined, Peers}),
            {noreply, Deadline}
    end.

-spec handle_call(term(), gen_server:from(), integer()) -> {reply, ok, integer()}.
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), integer()) -> {noreply, integer()}.
handle_cast(_Request, State) ->
    {noreply, State}.
