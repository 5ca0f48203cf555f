%% Supervision tree of the node agent: the pg scope first, then the pool
%% workers that join it, the holder of the node's global name, then the mesh
%% keeper that connects to the peers.
-module(meshproof_agent_sup).
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
    GlobalName = #{id => meshproof_global_name,
                   start => {meshproof_global_name, start_link, []}},
    Keeper = #{id => meshproof_mesh_keeper,
               start => {meshproof_mesh_keeper, start_link, [Config]}},
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [ScopeSpec | Workers] ++ [GlobalName, Keeper]}}.

%% With pg rejoin off, workers join their group only on the node's first start:
%% after a restart pg cannot converge (a negative control for the pg checks).
-spec join_pg(meshproof_agent_config:config()) -> boolean().
join_pg(#{pg_rejoin := Rejoin, first_start := FirstStart}) ->
    Rejoin orelse FirstStart.
