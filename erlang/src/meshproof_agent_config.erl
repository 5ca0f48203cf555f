%% The agent's settings, read once from the OS environment. The harness sets
%% these variables on the container; defaults make a healing 2-worker node.
-module(meshproof_agent_config).

-export([from_env/0]).
-export_type([config/0]).

-type config() :: #{
    peers := [node()],
    reconnect := pos_integer() | off,
    scope := atom(),
    groups := [{atom(), non_neg_integer()}],
    state_dir := file:filename()
}.

-define(DEFAULT_RECONNECT_MS, 1000).
-define(DEFAULT_SCOPE, "meshproof").
-define(DEFAULT_GROUPS, "pool:2").
-define(DEFAULT_STATE_DIR, "/var/lib/meshproof").

-spec from_env() -> config().
from_env() ->
    #{peers => [list_to_atom(P) || P <- string:lexemes(env("MESHPROOF_PEERS", ""), " ,"),
                                   list_to_atom(P) =/= node()],
      reconnect => reconnect(env("MESHPROOF_RECONNECT_MS", integer_to_list(?DEFAULT_RECONNECT_MS))),
      scope => list_to_atom(env("MESHPROOF_PG_SCOPE", ?DEFAULT_SCOPE)),
      groups => groups(env("MESHPROOF_PG_GROUPS", ?DEFAULT_GROUPS)),
      state_dir => env("MESHPROOF_STATE_DIR", ?DEFAULT_STATE_DIR)}.

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
