%% The probe: runs inside a node's own container (docker exec), starts a hidden
%% node with a unique name, talks only to the local node, and writes one JSON
%% line per request. It only observes, except for `ping', which is the explicit
%% reachability check and does open connections, `register'/`unregister',
%% which put global names on the cluster (a workload) and take them off, and
%% the process faults: `kill-process', `suspend' and `resume'.
%%
%%   probe [--node NAME] [--timeout MS] REQUEST...
%%   REQUEST: info | mesh | ping PEER... | pg SCOPE | events SINCE_MS | views SINCE_MS
%%            | layers sync|nosync [BASE64...] | register NAME | unregister NAME
%%            | discover | record | unrecord
%%            | whereis NAME | kill-process NAME | suspend NAME | sys-state NAME | resume
%%            (quoted as one argument or not; `events' reads the node's
%%            meshproof_recorder, which meshproof's agent runs and `record'
%%            starts elsewhere, else answers null; `views' also its views' changes)
%%
%%   probe [--node NAME] [--timeout MS] serve
%%
%% Several requests share one VM start, e.g. probe info mesh pg meshproof.
%% Every answer is {"op", "ok", "node", "result" | "error"}; `info' names the
%% node's OTP release and version and its kernel application's version.
%% `layers' reads every pg scope, global's names and its own state of its
%% peers (with `sync', also how long global:sync() takes) and Mnesia through meshproof_layers, which it loads
%% into the node, and evaluates each BASE64 word (an Erlang expression, UTF-8,
%% no trailing dot) on the node, answering its value as canonical text (see
%% meshproof_term_text). `discover' needs no node: it lists the node names
%% epmd knows in this container.
%% `record' loads meshproof_recorder into the node and starts it (a second
%% `record' leaves the running one and its events); `unrecord' stops the
%% recorder it loaded (never one the node's own code runs, as meshproof's
%% agent does) and removes it and meshproof_layers from the node.
%% `whereis' answers the pid registered under NAME on the node (or null);
%% `kill-process' kills it (exit kill) and names its supervisor; `suspend'
%% suspends it (sys:suspend), keeping its pid on the node so that `resume'
%% (every process this probe suspended there) finds it even if the harness
%% that suspended it is gone; `sys-state' is sys's own word for it
%% (suspended or running) and its message queue's length.
%% Exit status: 0 all answered, 1 a request crashed (or bad usage), 2 local
%% node unreachable or no answer within the timeout.
%%
%% `serve' keeps one VM (and one docker exec) per node: it answers
%% {"op":"serve","ok":true} once it is up, then one answer line (with the
%% request's "id") per request line {"id":N,"op":"mesh","args":[...]} on stdin,
%% each within the timeout, until stdin closes.
-module(meshproof_probe).

-export([main/1]).
-export([handle/2]).

-define(EXIT_OK, 0).
-define(EXIT_CRASHED, 1).
-define(EXIT_UNREACHABLE, 2).
-define(DEFAULT_TIMEOUT_MS, 10000).
-define(DEFAULT_NODE_NAME, "app").
-define(RECORDER, meshproof_recorder).
-define(LAYERS, meshproof_layers).
%% what code:which says on a node of a module this probe loaded: from no file there
-define(LOADED_FILE(Module), atom_to_list(Module) ++ " (loaded by meshproof's probe)").
%% what the probe's own hidden nodes call themselves in epmd
-define(PROBE_NAME_PREFIX, "meshproof_probe_").
%% the persistent term on a node that lists the processes meshproof suspended there
-define(SUSPENDED, meshproof_suspended).
-define(USAGE, "usage: probe [--node NAME] [--timeout MS] REQUEST...~n"
               "  REQUEST: info | mesh | ping PEER... | pg SCOPE | events SINCE_MS | views SINCE_MS~n"
               "           | layers sync|nosync [BASE64...] | register NAME | unregister NAME~n"
               "           | discover | record | unrecord~n"
               "           | whereis NAME | kill-process NAME | suspend NAME | sys-state NAME | resume~n").
%% Erlang's cookie is an atom: at most 255 characters
-define(MAX_COOKIE_LENGTH, 255).

-type request() :: #{op := atom(), args := [string()]}.

-spec main([string()]) -> no_return().
main(Args) ->
    erlang:halt(run(Args)).

-spec run([string()]) -> non_neg_integer().
run(Args) ->
    try parse(Args, #{node => default_node(), timeout => ?DEFAULT_TIMEOUT_MS}) of
        {#{node := Node, timeout := Timeout}, serve} ->
            serve(Node, Timeout);
        {#{node := Node, timeout := Timeout}, Requests} ->
            start_watchdog(Node, Timeout),
            Connection = case lists:any(fun needs_node/1, Requests) of
                             true -> start_distribution(Node);
                             false -> ok
                         end,
            lists:max([answer(R, Node, Timeout, Connection) || R <- Requests])
    catch
        throw:{usage, Message} ->
            io:format(standard_error, "probe: ~s~n" ?USAGE, [Message]),
            ?EXIT_CRASHED
    end.

%% `discover' asks epmd, not the node: it must answer where no node runs yet,
%% or where the node's name is not known.
-spec needs_node(request()) -> boolean().
needs_node(#{op := Op}) -> Op =/= discover.

-spec parse([string()], map()) -> {map(), [request()] | serve}.
parse(["--node", Node | Rest], Opts) -> parse(Rest, Opts#{node => list_to_atom(Node)});
parse(["--timeout", Ms | Rest], Opts) -> parse(Rest, Opts#{timeout => list_to_integer(Ms)});
parse([], _Opts) -> throw({usage, "no request"});
parse(["serve"], Opts) -> {Opts, serve};
parse(Args, Opts) -> {Opts, [request(R) || R <- split_requests(lists:append([string:lexemes(A, " ") || A <- Args]))]}.

%% The command line's words, one list per request, whether each request came
%% quoted ("ping app@n2 app@n3") or not (ping app@n2 app@n3 pg meshproof):
%% pg, events, views, register, unregister and the process ops take one word, ping every node name
%% (NAME@HOST) after it, layers every word up to the next op (no base64 word
%% is an op's name: none of those decodes to UTF-8 text).
-spec split_requests([string()]) -> [[string()]].
split_requests([]) -> [];
split_requests(["ping" | Rest]) ->
    {Peers, Next} = lists:splitwith(fun(Word) -> lists:member($@, Word) end, Rest),
    [["ping" | Peers] | split_requests(Next)];
split_requests(["layers" | Rest]) ->
    {Words, Next} = lists:splitwith(fun(Word) -> not lists:member(Word, ops()) end, Rest),
    [["layers" | Words] | split_requests(Next)];
split_requests([Op, Arg | Rest]) when Op =:= "pg"; Op =:= "events"; Op =:= "views"; Op =:= "register"; Op =:= "unregister";
                                      Op =:= "whereis"; Op =:= "kill-process"; Op =:= "suspend"; Op =:= "sys-state" ->
    [[Op, Arg] | split_requests(Rest)];
split_requests([Word | Rest]) -> [[Word] | split_requests(Rest)].

-spec ops() -> [string()].
ops() ->
    ["info", "mesh", "ping", "pg", "events", "views", "layers", "register", "unregister", "discover", "record", "unrecord",
     "whereis", "kill-process", "suspend", "sys-state", "resume"].

-spec request([string()]) -> request().
request(["info"]) -> #{op => info, args => []};
request(["mesh"]) -> #{op => mesh, args => []};
request(["ping" | Peers]) -> #{op => ping, args => Peers};
request(["pg", Scope]) -> #{op => pg, args => [Scope]};
request(["events", SinceMs]) -> #{op => events, args => [SinceMs]};
request(["views", SinceMs]) -> #{op => views, args => [SinceMs]};
request(["layers", Sync | Invariants]) when Sync =:= "sync"; Sync =:= "nosync" ->
    #{op => layers, args => [Sync | Invariants]};
request(["register", Name]) -> #{op => register, args => [Name]};
request(["unregister", Name]) -> #{op => unregister, args => [Name]};
request(["discover"]) -> #{op => discover, args => []};
request(["record"]) -> #{op => record, args => []};
request(["unrecord"]) -> #{op => unrecord, args => []};
request([Op, Name]) when Op =:= "whereis"; Op =:= "kill-process"; Op =:= "suspend"; Op =:= "sys-state" ->
    #{op => list_to_atom(Op), args => [Name]};
request(["resume"]) -> #{op => resume, args => []};
request(Other) -> throw({usage, io_lib:format("bad request \"~s\"", [lists:join(" ", Other)])}).

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

%% A hidden node (the escript runs with -hidden) with a name unique in this
%% container, so probes never join the mesh under test nor collide; then a
%% connection to the local node.
-spec start_distribution(node()) -> ok | {error, binary()}.
start_distribution(Target) ->
    Name = list_to_atom(?PROBE_NAME_PREFIX ++ os:getpid() ++ "_"
                        ++ integer_to_list(erlang:unique_integer([positive]))),
    case net_kernel:start([Name, name_domain(Target)]) of
        {ok, _} ->
            set_cookie(os:getenv("MESHPROOF_COOKIE_FILE"), Target);
        {error, Reason} ->
            {error, iolist_to_binary(io_lib:format("distribution did not start: ~0p", [Reason]))}
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

%% Distribution may not have started yet (the container was just restarted).
-spec ensure_connected(node()) -> ok | {error, binary()}.
ensure_connected(Node) ->
    case node() of
        nonode@nohost -> start_distribution(Node);
        _ -> connect(Node)
    end.

%% The long-lived mode: one line in, one line out, until stdin closes. The
%% local node may come and go; each request connects again if it must.
-spec serve(node(), pos_integer()) -> non_neg_integer().
serve(Node, Timeout) ->
    _ = start_distribution(Node),
    emit(ok_line(#{op => serve}, Node, #{})),
    serve_loop(Node, Timeout).

-spec serve_loop(node(), pos_integer()) -> non_neg_integer().
serve_loop(Node, Timeout) ->
    case io:get_line(standard_io, "") of
        Line when is_list(Line); is_binary(Line) ->
            serve_line(unicode:characters_to_binary(Line), Node, Timeout),
            serve_loop(Node, Timeout);
        _EofOrError ->
            ?EXIT_OK
    end.

-spec serve_line(binary(), node(), pos_integer()) -> ok.
serve_line(Line, Node, Timeout) ->
    case decode_request(string:trim(Line)) of
        {ok, Id, Request} ->
            Connection = case needs_node(Request) of
                             true -> ensure_connected(Node);
                             false -> ok
                         end,
            case {Connection, blocks(Request)} of
                {ok, true} -> _ = spawn(fun() -> emit((answer_line(Request, Node, Timeout))#{id => Id}) end), ok;
                {ok, false} -> emit((answer_line(Request, Node, Timeout))#{id => Id});
                {{error, Reason}, _} -> emit((error_line(Request, Node, Reason))#{id => Id})
            end;
        {error, Reason} ->
            emit(#{op => serve, ok => false, node => atom_to_binary(Node, utf8), error => Reason})
    end.

%% global:sync() may wait seconds for a node still joining: answered in a
%% process of its own, so that the session keeps answering other requests
%% meanwhile (each answer is one line, tagged with its request's id).
-spec blocks(request()) -> boolean().
blocks(#{op := layers, args := ["sync" | _]}) -> true;
blocks(_Request) -> false.

-spec decode_request(binary()) -> {ok, integer(), request()} | {error, binary()}.
decode_request(Line) ->
    try meshproof_json:decode(Line) of
        {ok, #{<<"id">> := Id, <<"op">> := Op} = Json} when is_integer(Id) ->
            Args = [binary_to_list(A) || A <- maps:get(<<"args">>, Json, [])],
            {ok, Id, request([binary_to_list(Op) | Args])};
        _ ->
            {error, <<"bad request line">>}
    catch
        throw:{usage, Message} -> {error, iolist_to_binary(Message)}
    end.

-spec name_domain(node()) -> shortnames | longnames.
name_domain(Node) ->
    [_, Host] = string:split(atom_to_list(Node), "@"),
    case lists:member($., Host) of
        true -> longnames;
        false -> shortnames
    end.

%% `Connection': whether this probe reached the node, for requests that need it.
-spec answer(request(), node(), pos_integer(), ok | {error, binary()}) -> non_neg_integer().
answer(Request, Node, Timeout, Connection) ->
    case {needs_node(Request), Connection} of
        {true, {error, Reason}} ->
            emit(error_line(Request, Node, Reason)),
            ?EXIT_UNREACHABLE;
        _ ->
            Line = answer_line(Request, Node, Timeout),
            emit(Line),
            case Line of
                #{ok := true} -> ?EXIT_OK;
                #{ok := false} -> ?EXIT_CRASHED
            end
    end.

-spec answer_line(request(), node(), pos_integer()) -> map().
answer_line(Request, Node, Timeout) ->
    try handle(Request#{timeout => Timeout}, Node) of
        Result -> ok_line(Request, Node, Result)
    catch
        Class:Reason -> error_line(Request, Node, io_lib:format("~p:~0p", [Class, Reason]))
    end.

%% One request against the local node; raises on failure.
-spec handle(map(), node()) -> meshproof_json:value().
handle(#{op := info, timeout := T}, Node) ->
    Otp = erpc:call(Node, erlang, system_info, [otp_release], T),
    #{otp => list_to_binary(Otp),
      otp_version => otp_version(Node, Otp, T),
      kernel => kernel_version(Node, T),
      creation => erpc:call(Node, erlang, system_info, [creation], T),
      os_pid => list_to_binary(erpc:call(Node, os, getpid, [], T))};
handle(#{op := mesh, timeout := T}, Node) ->
    #{nodes => lists:sort([atom_to_binary(N, utf8) || N <- erpc:call(Node, erlang, nodes, [], T)])};
handle(#{op := ping, args := Peers, timeout := T}, Node) ->
    #{results => pmap(fun(Peer) -> ping(Node, list_to_atom(Peer), T) end, Peers)};
handle(#{op := pg, args := [ScopeName], timeout := T}, Node) ->
    Scope = list_to_atom(ScopeName),
    %% a node without that scope has no groups in it (the checks say which are missing)
    Groups = case erpc:call(Node, erlang, whereis, [Scope], T) of
                 undefined -> [];
                 _ -> erpc:call(Node, pg, which_groups, [Scope], T)
             end,
    #{scope => atom_to_binary(Scope, utf8),
      groups => [group_json(G, erpc:call(Node, pg, get_members, [Scope, G], T),
                            erpc:call(Node, pg, get_local_members, [Scope, G], T))
                 || G <- lists:sort(Groups)]};
handle(#{op := layers, args := [Sync | Invariants], timeout := T}, Node) ->
    View = call_loaded(Node, ?LAYERS, view, [Sync =:= "sync"], T),
    (layers_json(View))#{invariants => pmap(fun(Word) -> invariant(Node, Word, T) end, Invariants)};
handle(#{op := register, args := [NameText], timeout := T}, Node) ->
    Name = list_to_atom(NameText),
    %% a holder of the name that lives until killed, spawned by the node itself
    Holder = erpc:call(Node, erlang, spawn, [timer, sleep, [infinity]], T),
    case register_name(Node, Name, Holder, T) of
        yes ->
            #{pid => pid(Holder), registered => true};
        no ->
            kill(Node, Holder, T),
            #{pid => pid(Holder), registered => false}
    end;
handle(#{op := unregister, args := [NameText], timeout := T}, Node) ->
    Name = list_to_atom(NameText),
    case erpc:call(Node, global, whereis_name, [Name], T) of
        undefined ->
            #{killed => false};
        Holder ->
            kill(Node, Holder, T),
            _ = erpc:call(Node, global, unregister_name, [Name], T),
            #{killed => true}
    end;
handle(#{op := discover}, _Node) ->
    {ok, Host} = inet:gethostname(),
    [Short | _] = string:split(Host, "."),
    #{host => list_to_binary(Short), names => epmd_names()};
handle(#{op := Op, args := [SinceMs], timeout := T}, Node) when Op =:= events; Op =:= views ->
    case erpc:call(Node, erlang, whereis, [?RECORDER], T) of
        undefined ->
            %% neither meshproof's agent nor a recorder the probe started runs there: no event log to read
            #{events => null};
        _ ->
            erpc:call(Node, ?RECORDER, events, [list_to_integer(SinceMs), Op =:= views], T)
    end;
handle(#{op := record, timeout := T}, Node) ->
    call_loaded(Node, ?RECORDER, start, [], T);
handle(#{op := unrecord, timeout := T}, Node) ->
    %% a recorder the node's own code runs (meshproof's agent) is the node's, not the probe's to take
    Ours = [M || M <- [?RECORDER, ?LAYERS], M =:= ?LAYERS orelse loaded_by_probe(Node, M, T)],
    Stopped = lists:member(?RECORDER, Ours) andalso stop_recorder(Node, T),
    Removed = [remove_module(Node, M, T) || M <- Ours],
    #{removed => lists:member(true, [Stopped | Removed])};
handle(#{op := whereis, args := [Name], timeout := T}, Node) ->
    #{pid => pid_or_null(registered(Node, Name, T))};
handle(#{op := 'kill-process', args := [Name], timeout := T}, Node) ->
    case registered(Node, Name, T) of
        undefined ->
            #{killed => null, supervisor => null};
        Pid ->
            Supervisor = supervisor_of(Node, Pid, T),
            kill(Node, Pid, T),
            #{killed => pid(Pid), supervisor => Supervisor}
    end;
handle(#{op := suspend, args := [Name], timeout := T}, Node) ->
    case registered(Node, Name, T) of
        undefined ->
            #{suspended => null};
        Pid ->
            %% kept first: a suspend that times out may still take effect later
            Suspended = erpc:call(Node, persistent_term, get, [?SUSPENDED, []], T),
            ok = erpc:call(Node, persistent_term, put, [?SUSPENDED, lists:usort([Pid | Suspended])], T),
            ok = erpc:call(Node, sys, suspend, [Pid, T div 2], T),
            #{suspended => pid(Pid)}
    end;
handle(#{op := 'sys-state', args := [Name], timeout := T}, Node) ->
    case registered(Node, Name, T) of
        undefined ->
            #{pid => null, state => null, messages => null};
        Pid ->
            %% a suspended process still answers system messages: this is sys's own record of it
            {status, Pid, _Module, [_Dictionary, SysState | _]} = erpc:call(Node, sys, get_status, [Pid, T div 2], T),
            {message_queue_len, Messages} = erpc:call(Node, erlang, process_info, [Pid, message_queue_len], T),
            #{pid => pid(Pid), state => SysState, messages => Messages}
    end;
handle(#{op := resume, timeout := T}, Node) ->
    Suspended = erpc:call(Node, persistent_term, get, [?SUSPENDED, []], T),
    Resumed = [pid(Pid) || Pid <- Suspended, resume(Node, Pid, T)],
    _ = erpc:call(Node, persistent_term, erase, [?SUSPENDED], T),
    #{resumed => Resumed}.

%% The process registered under the name on the node (a registered port is no process).
-spec registered(node(), string(), pos_integer()) -> pid() | undefined.
registered(Node, Name, T) ->
    case erpc:call(Node, erlang, whereis, [list_to_atom(Name)], T) of
        Pid when is_pid(Pid) -> Pid;
        _UndefinedOrPort -> undefined
    end.

-spec pid_or_null(pid() | undefined) -> meshproof_json:value().
pid_or_null(undefined) -> null;
pid_or_null(Pid) -> pid(Pid).

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
-spec resume(node(), pid(), pos_integer()) -> boolean().
resume(Node, Pid, T) ->
    try erpc:call(Node, sys, resume, [Pid, T div 2], T) of
        ok -> true
    catch
        _:_ -> false
    end.

%% Calls one of the modules this probe carries on the node, loading it there
%% first if the node does not have it: one round trip when it is there, as it
%% is at every request after the first.
-spec call_loaded(node(), module(), atom(), [term()], pos_integer()) -> term().
call_loaded(Node, Module, Function, Args, T) ->
    try
        erpc:call(Node, Module, Function, Args, T)
    catch
        error:{exception, undef, [{Module, Function, Args, _} | _]} ->
            load(Node, Module, T),
            erpc:call(Node, Module, Function, Args, T)
    end.

%% The module's object code, as this probe carries it, loaded into the node
%% (a node of the probe's release or a newer one loads it).
-spec load(node(), module(), pos_integer()) -> ok.
load(Node, Module, T) ->
    {Module, Beam, _File} = code:get_object_code(Module),
    {module, Module} = erpc:call(Node, code, load_binary, [Module, ?LOADED_FILE(Module), Beam], T),
    ok.

%% Whether the node runs the module as this probe loaded it (and not from its own code path).
-spec loaded_by_probe(node(), module(), pos_integer()) -> boolean().
loaded_by_probe(Node, Module, T) ->
    erpc:call(Node, code, is_loaded, [Module], T) =:= {file, ?LOADED_FILE(Module)}.

%% Whether the node had the module loaded.
-spec remove_module(node(), module(), pos_integer()) -> boolean().
remove_module(Node, Module, T) ->
    Loaded = erpc:call(Node, code, is_loaded, [Module], T) =/= false,
    %% purge any old code first, else delete refuses; then delete the current and purge it too
    _ = erpc:call(Node, code, purge, [Module], T),
    _ = erpc:call(Node, code, delete, [Module], T),
    _ = erpc:call(Node, code, purge, [Module], T),
    Loaded.

-spec stop_recorder(node(), pos_integer()) -> boolean().
stop_recorder(Node, T) ->
    try erpc:call(Node, gen_server, stop, [?RECORDER, normal, T], T) of
        ok -> true
    catch
        exit:{exception, noproc} -> false
    end.

%% The node's view from meshproof_layers as JSON: pids as data, global's
%% names as canonical text and sorted by it.
-spec layers_json(map()) -> map().
layers_json(#{pg := Scopes, global := #{names := Names, sync := Sync, state := State}, mnesia := Mnesia}) ->
    #{pg => [#{scope => atom_to_binary(Scope, utf8),
               groups => [group_json(G, M, L) || #{group := G, members := M, local := L} <- Groups]}
             || #{scope := Scope, groups := Groups} <- Scopes],
      global => #{names => [Json || {_Text, Json} <- lists:sort([global_name_json(N) || N <- Names])],
                  sync => Sync,
                  state => global_state_json(State)},
      mnesia => Mnesia}.

-spec global_state_json(map() | null) -> meshproof_json:value().
global_state_json(null) ->
    null;
global_state_json(#{known := Known, pending := Pending, lock_holders := Holders}) ->
    #{known => [atom_to_binary(N, utf8) || N <- Known],
      pending => [atom_to_binary(N, utf8) || N <- Pending],
      lock_holders => [pid(P) || P <- Holders]}.

-spec global_name_json(map()) -> {binary(), map()}.
global_name_json(#{name := Name, pid := Pid, alive := Alive}) ->
    Text = meshproof_term_text:text(Name),
    {Text, #{name => Text, pid => pid(Pid), alive => Alive}}.

-spec group_json(term(), [pid()], [pid()]) -> map().
group_json(Group, Members, Local) ->
    #{group => group_name(Group), members => [pid(P) || P <- Members], local => [pid(P) || P <- Local]}.

%% One invariant: its value on the node as canonical text, or why there is none.
-spec invariant(node(), string(), pos_integer()) -> #{value := binary()} | #{error := binary()}.
invariant(Node, Base64, T) ->
    case parse_invariant(Base64) of
        {ok, Exprs} -> evaluate(Node, Exprs, T);
        {error, Why} -> #{error => unicode:characters_to_binary(["does not parse: ", Why])}
    end.

-spec parse_invariant(string()) -> {ok, [erl_parse:abstract_expr()]} | {error, unicode:chardata()}.
parse_invariant(Base64) ->
    try unicode:characters_to_list(base64:decode(Base64)) of
        %% on a line of its own, so that a comment at the end does not swallow the dot
        Text when is_list(Text) -> parse_exprs(Text ++ "\n.");
        _NotUtf8 -> {error, "not UTF-8"}
    catch
        error:_ -> {error, "not base64"}
    end.

-spec parse_exprs(string()) -> {ok, [erl_parse:abstract_expr()]} | {error, unicode:chardata()}.
parse_exprs(Text) ->
    case erl_scan:string(Text) of
        {ok, Tokens, _End} ->
            case erl_parse:parse_exprs(Tokens) of
                {ok, Exprs} -> {ok, Exprs};
                {error, {_Location, Module, Descriptor}} -> {error, Module:format_error(Descriptor)}
            end;
        {error, {_Location, Module, Descriptor}, _End} ->
            {error, Module:format_error(Descriptor)}
    end.

%% Evaluated on the node; what the expression raised there reads as Class:Reason.
-spec evaluate(node(), [erl_parse:abstract_expr()], pos_integer()) -> #{value := binary()} | #{error := binary()}.
evaluate(Node, Exprs, T) ->
    try erpc:call(Node, erl_eval, exprs, [Exprs, []], T) of
        {value, Value, _Bindings} -> #{value => meshproof_term_text:text(Value)}
    catch
        error:{exception, Reason, _Stack} -> raised(error, Reason);
        exit:{exception, Reason} -> raised(exit, Reason);
        Class:Reason -> raised(Class, Reason)
    end.

-spec raised(error | exit | throw, term()) -> #{error := binary()}.
raised(Class, Reason) ->
    #{error => <<(atom_to_binary(Class, utf8))/binary, ":", (meshproof_term_text:text(Reason))/binary>>}.

%% A holder whose registration failed is killed, so that none is left behind.
-spec register_name(node(), atom(), pid(), pos_integer()) -> yes | no.
register_name(Node, Name, Holder, T) ->
    try
        erpc:call(Node, global, register_name, [Name, Holder], T)
    catch
        Class:Reason:Stack ->
            kill(Node, Holder, T),
            erlang:raise(Class, Reason, Stack)
    end.

-spec kill(node(), pid(), pos_integer()) -> true.
kill(Node, Pid, T) ->
    erpc:call(Node, erlang, exit, [Pid, kill], T).

%% The names of the nodes epmd knows in this container, without the probes'.
-spec epmd_names() -> [binary()].
epmd_names() ->
    case net_adm:names("localhost") of
        {ok, Names} ->
            lists:sort([list_to_binary(Name) || {Name, _Port} <- Names, not lists:prefix(?PROBE_NAME_PREFIX, Name)]);
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

%% kernel's version: global ships in it, and its fixes are known by it
-spec kernel_version(node(), pos_integer()) -> binary() | null.
kernel_version(Node, T) ->
    case erpc:call(Node, application, get_key, [kernel, vsn], T) of
        {ok, Vsn} -> list_to_binary(Vsn);
        undefined -> null
    end.

-spec ping(node(), node(), pos_integer()) -> meshproof_json:value().
ping(Node, Peer, T) ->
    Start = erlang:monotonic_time(millisecond),
    %% a connection attempt to a vanished address can outlast the deadline:
    %% no pong within it is a pang
    Pong = try erpc:call(Node, net_adm, ping, [Peer], T) =:= pong
           catch error:{erpc, timeout} -> false
           end,
    #{peer => atom_to_binary(Peer, utf8), pong => Pong,
      ms => erlang:monotonic_time(millisecond) - Start}.

%% Raises in the caller what Fun raised, so a failing request becomes an
%% error answer instead of taking the serving process down with a link.
-spec pmap(fun((A) -> B), [A]) -> [B].
pmap(Fun, List) ->
    Parent = self(),
    Refs = [begin
                Ref = make_ref(),
                spawn(fun() ->
                          Parent ! {Ref, try {ok, Fun(X)} catch C:R:S -> {raised, C, R, S} end}
                      end),
                Ref
            end || X <- List],
    [receive
         {Ref, {ok, Result}} -> Result;
         {Ref, {raised, C, R, S}} -> erlang:raise(C, R, S)
     end || Ref <- Refs].

%% A pid as plain data: its node, its number and its node's incarnation
%% (creation), read from the external format so a pid of a killed incarnation
%% can be told from one of the current incarnation.
-spec pid(pid()) -> meshproof_json:value().
pid(Pid) ->
    Bin = term_to_binary(Pid),
    <<_:(byte_size(Bin) - 12)/binary, Id:32, Serial:32, Creation:32>> = Bin,
    #{node => atom_to_binary(node(Pid), utf8),
      id => iolist_to_binary([integer_to_list(Id), $., integer_to_list(Serial)]),
      creation => Creation}.

-spec group_name(term()) -> binary().
group_name(G) when is_atom(G) -> atom_to_binary(G, utf8);
group_name(G) when is_binary(G) -> G;
group_name(G) -> iolist_to_binary(io_lib:format("~0p", [G])).

-spec ok_line(request(), node(), meshproof_json:value()) -> map().
ok_line(#{op := Op}, Node, Result) ->
    #{op => Op, ok => true, node => atom_to_binary(Node, utf8), result => Result}.

-spec error_line(request(), node(), iodata()) -> map().
error_line(#{op := Op}, Node, Reason) ->
    #{op => Op, ok => false, node => atom_to_binary(Node, utf8), error => iolist_to_binary(Reason)}.

-spec emit(meshproof_json:value()) -> ok.
emit(Line) ->
    io:put_chars(standard_io, [meshproof_json:encode(Line), $\n]).

%% Every probe has a deadline: past it the probe says so and exits 2.
-spec start_watchdog(node(), pos_integer()) -> pid().
start_watchdog(Node, Timeout) ->
    spawn(fun() ->
                  timer:sleep(Timeout),
                  emit(error_line(#{op => probe}, Node, <<"timeout">>)),
                  erlang:halt(?EXIT_UNREACHABLE)
          end).
