%% A pool worker: a process that joins one pg group of the agent's scope and
%% stays there (unless told not to join). pg removes it by itself when the
%% process or its node dies.
-module(meshproof_pool_worker).
-behaviour(gen_server).

-export([start_link/3]).
-export([init/1, handle_call/3, handle_cast/2]).

-record(state, {scope :: atom(), group :: atom()}).

-spec start_link(atom(), atom(), boolean()) -> {ok, pid()} | {error, term()}.
start_link(Scope, Group, Join) ->
    gen_server:start_link(?MODULE, {Scope, Group, Join}, []).

-spec init({atom(), atom(), boolean()}) -> {ok, #state{}}.
init({Scope, Group, Join}) ->
    case Join of
        true -> ok = pg:join(Scope, Group, self());
        false -> ok
    end,
    {ok, #state{scope = Scope, group = Group}}.

-spec handle_call(term(), gen_server:from(), #state{}) -> {reply, ok, #state{}}.
handle_call(_Request, _From, State) ->
    {reply, ok, State}.

-spec handle_cast(term(), #state{}) -> {noreply, #state{}}.
handle_cast(_Request, State) ->
    {noreply, State}.
