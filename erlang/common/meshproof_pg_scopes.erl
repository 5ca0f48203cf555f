%% The pg scopes that run on this node, whatever the application that started
%% them: what the probe's layer reads and the recorder's view digests both
%% look at. A scope is a process registered under the scope's name
%% (pg:start_link/1 names it so).
-module(meshproof_pg_scopes).

-export([all/0]).

-spec all() -> [atom()].
all() ->
    lists:sort([Name || Name <- registered(), is_pg_scope(Name, whereis(Name))]).

%% Up to OTP 28 a scope runs pg's own gen_server. OTP 29 runs pg as a callback
%% of data_publisher, which tells no callback module; there a scope is the
%% data_publisher that owns the table named after it, where pg keeps its groups.
-spec is_pg_scope(atom(), pid() | port() | undefined) -> boolean().
is_pg_scope(Name, Pid) when is_pid(Pid) ->
    case proc_lib:translate_initial_call(Pid) of
        {pg, init, 1} -> true;
        {data_publisher, init, 1} -> ets:info(Name, owner) =:= Pid;
        _ -> false
    end;
is_pg_scope(_Name, _PortOrGone) ->
    false.
