%% Supervision tree of the node agent: the event recorder first, so that it
%% logs everything after, then the pg scope with its pool workers, the holder
%% of the node's global name, and the mesh keeper that connects to the peers.
%% one_for_one: none of them depends on another's pid.
-module(meshproof_agent_sup).
-behaviour(supervisor).

-export([start_link/1]).
-export([init/1]).

%% on the container's filesystem: a VM restarted in the same container reads it again
-define(EVENT_LOG, "/tmp/meshproof-events").

-spec start_link(meshproof_agent_config:config()) -> {ok, pid()} | {error, term()}.
start_link(Config) ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, Config).

-spec init(meshproof_agent_config:config()) ->
    {ok, {supervisor:sup_flags(), [supervisor:child_spec()]}}.
init(Config) ->
    Recorder = #{id => meshproof_recorder,
                 start => {meshproof_recorder, start_link, [?EVENT_LOG]}},
    Pool = #{id => meshproof_pool_sup,
             start => {meshproof_pool_sup, start_link, [Config]},
             type => supervisor},
    GlobalName = #{id => meshproof_global_name,
                   start => {meshproof_global_name, start_link, [Config]}},
    Keeper = #{id => meshproof_mesh_keeper,
               start => {meshproof_mesh_keeper, start_link, [Config]}},
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10}, [Recorder, Pool, GlobalName, Keeper]}}.
