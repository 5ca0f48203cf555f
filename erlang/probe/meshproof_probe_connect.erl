%% The probe's connection to the local node: a hidden node (the escript runs
%% with -hidden) with a name unique in this container, so probes never join
%% the mesh under test nor collide, with the node's cookie, and the node's
%% tick time.
-module(meshproof_probe_connect).

-export([default_node/0, start/1, ensure_connected/1, is_probe_name/1]).

-define(DEFAULT_NODE_NAME, "app").
%% what the probe's own hidden nodes call themselves in epmd
-define(PROBE_NAME_PREFIX, "meshproof_probe_").
%% Erlang's cookie is an atom: at most 255 characters
-define(MAX_COOKIE_LENGTH, 255).

%% The node this container runs: MESHPROOF_NODE, else app@<short hostname>.
-spec default_node() -> node().
default_node() ->
    case os:getenv("MESHPROOF_NODE") of
        Name when Name =/= false, Name =/= "" ->
            list_to_atom(Name);
        _ ->
            {ok, Host} = inet:gethostname(),
            list_to_atom(?DEFAULT_NODE_NAME ++ "@" ++ Host)
    end.

-spec is_probe_name(string()) -> boolean().
is_probe_name(Name) ->
    lists:prefix(?PROBE_NAME_PREFIX, Name).

%% Distribution, then a connection to the local node.
-spec start(node()) -> ok | {error, binary()}.
start(Target) ->
    Name = list_to_atom(?PROBE_NAME_PREFIX ++ os:getpid() ++ "_"
                        ++ integer_to_list(erlang:unique_integer([positive]))),
    case net_kernel:start([Name, name_domain(Target)]) of
        {ok, _} ->
            set_cookie(os:getenv("MESHPROOF_COOKIE_FILE"), Target);
        {error, Reason} ->
            {error, iolist_to_binary(io_lib:format("distribution did not start: ~0p", [Reason]))}
    end.

%% Distribution may not have started yet (the container was just restarted).
-spec ensure_connected(node()) -> ok | {error, binary()}.
ensure_connected(Node) ->
    case node() of
        nonode@nohost -> start(Node);
        _ -> connect(Node)
    end.

-spec name_domain(node()) -> shortnames | longnames.
name_domain(Node) ->
    [_, Host] = string:split(atom_to_list(Node), "@"),
    case lists:member($., Host) of
        true -> longnames;
        false -> shortnames
    end.

%% The node's cookie from a file when one is named (a secret, or the file the
%% harness put into a container it attached to); else Erlang's own
%% $HOME/.erlang.cookie. Never from the command line, and never shown: a file
%% that holds no valid cookie is named, its content is not. Without the
%% cookie, distribution stops again, so that a serving probe does not go on
%% with Erlang's own and says why at every request.
-spec set_cookie(string() | false, node()) -> ok | {error, binary()}.
set_cookie(File, Target) when File =:= false; File =:= "" ->
    connect(Target);
set_cookie(File, Target) ->
    Cookie = case file:read_file(File) of
                 {ok, Content} ->
                     cookie(Content, File);
                 {error, Reason} ->
                     {error, iolist_to_binary(io_lib:format("cannot read the cookie file ~s: ~0p", [File, Reason]))}
             end,
    case Cookie of
        {ok, Atom} ->
            true = erlang:set_cookie(Atom),
            connect(Target);
        {error, _} = Error ->
            _ = net_kernel:stop(),
            Error
    end.

%% What Erlang itself takes from a cookie file: printable ASCII characters,
%% then only line ends and spaces; and an atom's length at most.
-spec cookie(binary(), string()) -> {ok, atom()} | {error, binary()}.
cookie(Content, File) ->
    Text = trim_trailing(Content),
    Printable = lists:all(fun(C) -> C >= $\s andalso C =< $~ end, binary_to_list(Text)),
    case Printable andalso byte_size(Text) > 0 andalso byte_size(Text) =< ?MAX_COOKIE_LENGTH of
        true -> {ok, binary_to_atom(Text, latin1)};
        false -> {error, iolist_to_binary(io_lib:format("the cookie file ~s holds no valid Erlang cookie", [File]))}
    end.

-spec trim_trailing(binary()) -> binary().
trim_trailing(<<>>) ->
    <<>>;
trim_trailing(Bin) ->
    case binary:last(Bin) of
        C when C =:= $\n; C =:= $\r; C =:= $\s -> trim_trailing(binary:part(Bin, 0, byte_size(Bin) - 1));
        _ -> Bin
    end.

-spec connect(node()) -> ok | {error, binary()}.
connect(Target) ->
    case net_kernel:connect_node(Target) of
        true -> match_ticktime(Target);
        _ -> {error, <<"unreachable">>}
    end.

%% A connection's two ends each drop it after hearing nothing for their own
%% net_ticktime, and tick every quarter of it: with the default 60 s here and
%% 5 s on the node, the node would drop this probe in the middle of a slow
%% request (a ping to a dead peer). So take the node's tick time.
-spec match_ticktime(node()) -> ok.
match_ticktime(Target) ->
    case erpc:call(Target, net_kernel, get_net_ticktime, []) of
        Seconds when is_integer(Seconds) ->
            _ = net_kernel:set_net_ticktime(Seconds, 0),
            ok;
        _ChangingOrIgnored ->
            ok
    end.
