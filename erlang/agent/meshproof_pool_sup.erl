%% The agent's pg scope and the pool workers that join it. rest_for_one: a
%% new scope starts empty, so when the scope dies its workers are started
%% again after it and join the new one (a worker that outlived its scope is
%% in no group at all).
-module(meshproof_pool_sup).
-behaviour(supervisor).

-export([start_link/1]).
-export([init/1]).

-spec start_link(meshproof_agent_config:config()) -> {ok, pid()} | {error, term()}.
start_link(Config) ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, Config).

-spec init(meshproof_agent_config:config()) ->
    {ok, {supervisor:sup_flags(), [supervisor:child_spec()]}}.
init(#{scope := Scope, groups := Groups} = Config) ->
    ScopeSpec = #{id => pg, start => {pg, start_link, [Scope]}},
    Join = join_pg(Config),
    Workers = [#{id => {worker, Group, N},
                 start => {meshproof_pool_worker, start_link, [Scope, Group, Join]}}
               || {Group, Count} <- Groups, N <- lists:seq(1, Count)],
    {ok, {#{strategy => rest_for_one, intensity => 5, period => 10}, [ScopeSpec | Workers]}}.

%% With pg rejoin off, workers join their group only on the node's first start:
%% after a restart pg cannot converge (a negative control for the pg checks).
-spec join_pg(meshproof_agent_config:config()) -> boolean().
join_pg(#{pg_rejoin := Rejoin, first_start := FirstStart}) ->
    Rejoin orelse FirstStart.
