%% Holds this node's global name {meshproof_agent, node()}, so that the
%% cluster has global names whose convergence the harness can judge. It
%% registers once, after init (registering takes global's locks on every
%% connected node, which must not hold up the supervisor), and never repairs
%% the name: when global's conflict resolution kills it, the supervisor starts
%% a new one, which registers again.
-module(meshproof_global_name).
-behaviour(gen_server).

-include_lib("kernel/include/logger.hrl").

-export([start_link/0]).
-export([init/1, handle_continue/2, handle_call/3, handle_cast/2]).

-spec start_link() -> {ok, pid()} | {error, term()}.
start_link() ->
    gen_server:start_link(?MODULE, [], []).

-spec init([]) -> {ok, undefined, {continue, register}}.
init([]) ->
    {ok, undefined, {continue, register}}.

-spec handle_continue(register, undefined) -> {noreply, undefined}.
handle_continue(register, State) ->
    Name = {meshproof_agent, node()},
    case global:register_name(Name, self()) of
        yes -> ok;
        no -> ?LOG_WARNING("global name ~0p is held by ~0p", [Name, global:whereis_name(Name)])
    end,
    {noreply, State}.

-spec handle_call(term(), gen_server:from(), undefined) -> {reply, ok, undefined}.
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), undefined) -> {noreply, undefined}.
handle_cast(_Request, State) ->
    {noreply, State}.
