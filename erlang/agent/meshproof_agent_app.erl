%% The node agent's application: reads its settings from the OS environment
%% (set by the harness on the container) and starts the supervision tree.
-module(meshproof_agent_app).
-behaviour(application).

-export([boot/0]).
-export([start/2, stop/1]).

%% Called by the container's entrypoint. The agent is a permanent application,
%% so if it ever stops the node stops with it and the container exits.
-spec boot() -> ok.
boot() ->
    case application:ensure_all_started(meshproof_agent, permanent) of
        {ok, _} ->
            ok;
        {error, Reason} ->
            io:format(standard_error, "meshproof agent failed to start: ~p~n", [Reason]),
            erlang:halt(1)
    end.

-spec start(application:start_type(), term()) -> {ok, pid()} | {error, term()}.
start(_Type, _Args) ->
    meshproof_agent_sup:start_link(meshproof_agent_config:from_env()).

-spec stop(term()) -> ok.
stop(_State) ->
    ok.
