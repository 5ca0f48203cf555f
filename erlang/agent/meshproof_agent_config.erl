%% The agent's settings, read once from the OS environment. The harness sets
%% these variables on the container; defaults make a healing 2-worker node.
%%
%% `first_start' tells the node's first start from a restart of the same
%% container: a marker file in the container's filesystem outlives restarts.
%% The negative controls use it (reconnect off, pg rejoin off).
-module(meshproof_agent_config).

-export([from_env/0]).
-export_type([config/0]).

-type config() :: #{
    cluster := [node()],
    peers := [node()],
    reconnect := pos_integer() | off,
    scope := atom(),
    groups := [{atom(), non_neg_integer()}],
    pg_rejoin := boolean(),
    first_start := boolean()
}.

-define(DEFAULT_RECONNECT_MS, 1000).
-define(DEFAULT_SCOPE, "meshproof").
-define(DEFAULT_GROUPS, "pool:2").
-define(DEFAULT_STATE_DIR, "/var/lib/meshproof").
-define(STARTED_MARKER, "started").

-spec from_env() -> config().
from_env() ->
    Cluster = [list_to_atom(P) || P <- string:lexemes(env("MESHPROOF_PEERS", ""), " ,")],
    #{cluster => Cluster,
      peers => dialed_peers(Cluster),
      reconnect => reconnect(env("MESHPROOF_RECONNECT_MS", integer_to_list(?DEFAULT_RECONNECT_MS))),
      scope => list_to_atom(env("MESHPROOF_PG_SCOPE", ?DEFAULT_SCOPE)),
      groups => groups(env("MESHPROOF_PG_GROUPS", ?DEFAULT_GROUPS)),
      pg_rejoin => env("MESHPROOF_PG_REJOIN", "on") =/= "off",
      first_start => claim_first_start(env("MESHPROOF_STATE_DIR", ?DEFAULT_STATE_DIR))}.

%% The peers before this node in the cluster's list: each pair of nodes has one
%% dialer, the later one, as a node joining an existing cluster dials those
%% already there. So whether a node's links come back is up to that node's own
%% reconnect setting, and reconnect `off' on one node makes a cluster where that
%% node, and only it, does not heal. (A node missing from the list dials all.)
-spec dialed_peers([node()]) -> [node()].
dialed_peers(All) ->
    lists:takewhile(fun(Peer) -> Peer =/= node() end, All).

%% True exactly once per container: on the start that creates the marker.
-spec claim_first_start(file:filename()) -> boolean().
claim_first_start(StateDir) ->
    Marker = filename:join(StateDir, ?STARTED_MARKER),
    case filelib:is_regular(Marker) of
        true ->
            false;
        false ->
            ok = filelib:ensure_dir(Marker),
            ok = file:write_file(Marker, <<"started\n">>),
            true
    end.

-spec env(string(), string()) -> string().
env(Name, Default) ->
    case os:getenv(Name) of
        false -> Default;
        "" -> Default;
        Value -> Value
    end.

-spec reconnect(string()) -> pos_integer() | off.
reconnect("off") -> off;
reconnect(Ms) -> list_to_integer(Ms).

%% "pool:2,cache:1" -> [{pool, 2}, {cache, 1}]
-spec groups(string()) -> [{atom(), non_neg_integer()}].
groups(Spec) ->
    [begin
         [Name, Count] = string:split(Entry, ":"),
         {list_to_atom(Name), list_to_integer(Count)}
     end || Entry <- string:lexemes(Spec, ",")].
