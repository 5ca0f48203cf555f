%% Handlers of the mesh: what the node is (`info'), whom it is connected to
%% (`mesh'), whom it can reach (`ping', which does open connections: the
%% explicit reachability check), and which nodes epmd knows in this container
%% (`discover', which needs no node).
-module(meshproof_probe_mesh).

-export([info/2, mesh/2, ping/2, discover/2]).

%% The node's OTP release and version, its kernel application's version (global
%% ships in it, and its fixes are known by it), its incarnation and OS pid.
-spec info(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
info(#{}, #{node := Node, timeout := T}) ->
    Otp = erpc:call(Node, erlang, system_info, [otp_release], T),
    #{otp => list_to_binary(Otp),
      otp_version => otp_version(Node, Otp, T),
      kernel => kernel_version(Node, T),
      creation => erpc:call(Node, erlang, system_info, [creation], T),
      os_pid => list_to_binary(erpc:call(Node, os, getpid, [], T))}.

-spec mesh(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
mesh(#{}, #{node := Node, timeout := T}) ->
    #{nodes => lists:sort([meshproof_probe_terms:node_name(N) || N <- erpc:call(Node, erlang, nodes, [], T)])}.

-spec ping(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
ping(#{peers := Peers}, #{node := Node, timeout := T}) ->
    #{results => meshproof_probe_node:pmap(fun(Peer) -> ping(Node, Peer, T) end, Peers)}.

-spec discover(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
discover(#{}, _Context) ->
    {ok, Host} = inet:gethostname(),
    [Short | _] = string:split(Host, "."),
    #{host => list_to_binary(Short), names => epmd_names()}.

-spec ping(node(), node(), pos_integer()) -> meshproof_json:value().
ping(Node, Peer, T) ->
    Start = erlang:monotonic_time(millisecond),
    %% a connection attempt to a vanished address can outlast the deadline:
    %% no pong within it is a pang
    Pong = try erpc:call(Node, net_adm, ping, [Peer], T) =:= pong
           catch error:{erpc, timeout} -> false
           end,
    #{peer => meshproof_probe_terms:node_name(Peer), pong => Pong,
      ms => erlang:monotonic_time(millisecond) - Start}.

%% The names of the nodes epmd knows in this container, without the probes'.
-spec epmd_names() -> [binary()].
epmd_names() ->
    case net_adm:names("localhost") of
        {ok, Names} ->
            lists:sort([list_to_binary(Name) || {Name, _Port} <- Names, not meshproof_probe_connect:is_probe_name(Name)]);
        {error, address} ->
            %% no epmd runs here, so no node does
            []
    end.

-spec otp_version(node(), string(), pos_integer()) -> binary() | null.
otp_version(Node, Otp, T) ->
    Root = erpc:call(Node, code, root_dir, [], T),
    case erpc:call(Node, file, read_file, [filename:join([Root, "releases", Otp, "OTP_VERSION"])], T) of
        {ok, Version} -> string:trim(Version);
        {error, _} -> null
    end.

-spec kernel_version(node(), pos_integer()) -> binary() | null.
kernel_version(Node, T) ->
    case erpc:call(Node, application, get_key, [kernel, vsn], T) of
        {ok, Vsn} -> list_to_binary(Vsn);
        undefined -> null
    end.
