%% Handlers of the process faults, each about the process registered under
%% NAME on the node: `whereis' answers its pid (or null); `kill-process' kills
%% it (exit kill) and names its supervisor; `suspend' suspends it
%% (sys:suspend), keeping its pid on the node so that `resume' (every process
%% the probe suspended there) finds it even if the harness that suspended it is
%% gone; `sys-state' is sys's own word for it (suspended or running) and its
%% message queue's length.
-module(meshproof_probe_process).

-export([whereis/2, kill_process/2, suspend/2, sys_state/2, resume/2]).

%% the persistent term on a node that lists the processes meshproof suspended there
-define(SUSPENDED, meshproof_suspended).

-spec whereis(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
whereis(#{name := Name}, #{node := Node, timeout := T}) ->
    #{pid => meshproof_probe_terms:pid_or_null(registered(Node, Name, T))}.

-spec kill_process(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
kill_process(#{name := Name}, #{node := Node, timeout := T}) ->
    case registered(Node, Name, T) of
        undefined ->
            #{killed => null, supervisor => null};
        Pid ->
            Supervisor = supervisor_of(Node, Pid, T),
            meshproof_probe_node:kill(Node, Pid, T),
            #{killed => meshproof_probe_terms:pid(Pid), supervisor => Supervisor}
    end.

-spec suspend(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
suspend(#{name := Name}, #{node := Node, timeout := T}) ->
    case registered(Node, Name, T) of
        undefined ->
            #{suspended => null};
        Pid ->
            %% kept first: a suspend that times out may still take effect later
            Suspended = erpc:call(Node, persistent_term, get, [?SUSPENDED, []], T),
            ok = erpc:call(Node, persistent_term, put, [?SUSPENDED, lists:usort([Pid | Suspended])], T),
            ok = erpc:call(Node, sys, suspend, [Pid, T div 2], T),
            #{suspended => meshproof_probe_terms:pid(Pid)}
    end.

-spec sys_state(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
sys_state(#{name := Name}, #{node := Node, timeout := T}) ->
    case registered(Node, Name, T) of
        undefined ->
            #{pid => null, state => null, messages => null};
        Pid ->
            %% a suspended process still answers system messages: this is sys's own record of it
            {status, Pid, _Module, [_Dictionary, SysState | _]} = erpc:call(Node, sys, get_status, [Pid, T div 2], T),
            {message_queue_len, Messages} = erpc:call(Node, erlang, process_info, [Pid, message_queue_len], T),
            #{pid => meshproof_probe_terms:pid(Pid), state => SysState, messages => Messages}
    end.

-spec resume(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
resume(#{}, #{node := Node, timeout := T}) ->
    Suspended = erpc:call(Node, persistent_term, get, [?SUSPENDED, []], T),
    Resumed = [meshproof_probe_terms:pid(Pid) || Pid <- Suspended, resumed(Node, Pid, T)],
    _ = erpc:call(Node, persistent_term, erase, [?SUSPENDED], T),
    #{resumed => Resumed}.

%% The process registered under the name on the node (a registered port is no process).
-spec registered(node(), atom(), pos_integer()) -> pid() | undefined.
registered(Node, Name, T) ->
    case erpc:call(Node, erlang, whereis, [Name], T) of
        Pid when is_pid(Pid) -> Pid;
        _UndefinedOrPort -> undefined
    end.

%% Who restarts the process, as its proc_lib ancestors say (a registered
%% name, else the pid as the node writes it); null for a process started otherwise.
-spec supervisor_of(node(), pid(), pos_integer()) -> meshproof_json:value().
supervisor_of(Node, Pid, T) ->
    case erpc:call(Node, erlang, process_info, [Pid, dictionary], T) of
        {dictionary, Dictionary} ->
            case proplists:get_value('$ancestors', Dictionary) of
                [Parent | _] when is_atom(Parent) -> atom_to_binary(Parent, utf8);
                [Parent | _] when is_pid(Parent) -> list_to_binary(erpc:call(Node, erlang, pid_to_list, [Parent], T));
                _ -> null
            end;
        undefined ->
            null
    end.

%% Whether a process meshproof suspended was there to resume (a dead one is not).
-spec resumed(node(), pid(), pos_integer()) -> boolean().
resumed(Node, Pid, T) ->
    try erpc:call(Node, sys, resume, [Pid, T div 2], T) of
        ok -> true
    catch
        _:_ -> false
    end.
