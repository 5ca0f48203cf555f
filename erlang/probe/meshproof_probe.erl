%% The probe: runs inside a node's own container (docker exec), starts a hidden
%% node with a unique name (meshproof_probe_connect), talks only to the local
%% node, and writes one JSON line per request. This module is its transport;
%% what it can be asked is the op table (meshproof_probe_ops), whose handlers
%% say what each op does. It only observes, except for `ping' (the explicit
%% reachability check opens connections), `register'/`unregister' (global
%% names put on the cluster and taken off), `record'/`unrecord' and the
%% process faults.
%%
%%   probe [--node NAME] [--timeout MS] REQUEST...
%%   probe [--node NAME] [--timeout MS] serve
%%   (`probe ops' prints the op table, and a bad command line the usage)
%%
%% Several requests share one VM start, e.g. probe info mesh pg meshproof,
%% each quoted as one argument or not. Every answer is {"op", "ok", "node",
%% "result" | "error"}. Exit status: 0 all answered, 1 a request crashed (or
%% bad usage), 2 local node unreachable or no answer within the timeout.
%%
%% `serve' keeps one VM (and one docker exec) per node: it answers
%% {"op":"serve","ok":true} once it is up, then one answer line (with the
%% request's "id") per request line {"id":N,"op":"mesh","args":[...]} on stdin,
%% each within the timeout, until stdin closes.
-module(meshproof_probe).

-export([main/1]).

-define(EXIT_OK, 0).
-define(EXIT_CRASHED, 1).
-define(EXIT_UNREACHABLE, 2).
-define(DEFAULT_TIMEOUT_MS, 10000).

-spec main([string()]) -> no_return().
main(Args) ->
    erlang:halt(run(Args)).

-spec run([string()]) -> non_neg_integer().
run(Args) ->
    try parse(Args, #{node => meshproof_probe_connect:default_node(), timeout => ?DEFAULT_TIMEOUT_MS}) of
        {#{node := Node, timeout := Timeout}, serve} ->
            serve(Node, Timeout);
        {#{node := Node, timeout := Timeout}, Requests} ->
            start_watchdog(Node, Timeout),
            Connection = case lists:any(fun meshproof_probe_ops:needs_node/1, Requests) of
                             true -> meshproof_probe_connect:start(Node);
                             false -> ok
                         end,
            lists:max([answer(R, Node, Timeout, Connection) || R <- Requests])
    catch
        throw:{usage, Message} ->
            io:format(standard_error, "probe: ~s~n~s", [Message, meshproof_probe_ops:usage()]),
            ?EXIT_CRASHED
    end.

-spec parse([string()], map()) -> {map(), [meshproof_probe_ops:request()] | serve}.
parse(["--node", Node | Rest], Opts) -> parse(Rest, Opts#{node => list_to_atom(Node)});
parse(["--timeout", Ms | Rest], Opts) -> parse(Rest, Opts#{timeout => list_to_integer(Ms)});
parse([], _Opts) -> throw({usage, "no request"});
parse(["serve"], Opts) -> {Opts, serve};
parse(Args, Opts) -> {Opts, meshproof_probe_ops:parse_words(lists:append([string:lexemes(A, " ") || A <- Args]))}.

%% `Connection': whether this probe reached the node, for requests that need it.
-spec answer(meshproof_probe_ops:request(), node(), pos_integer(), ok | {error, binary()}) -> non_neg_integer().
answer(Request, Node, Timeout, Connection) ->
    case {meshproof_probe_ops:needs_node(Request), Connection} of
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

%% The long-lived mode: one line in, one line out, until stdin closes. The
%% local node may come and go; each request connects again if it must.
-spec serve(node(), pos_integer()) -> non_neg_integer().
serve(Node, Timeout) ->
    _ = meshproof_probe_connect:start(Node),
    emit(#{op => serve, ok => true, node => atom_to_binary(Node, utf8), result => #{}}),
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

%% A request that blocks (see meshproof_probe_ops) is answered in a process
%% of its own, so that the session keeps answering other requests meanwhile
%% (each answer is one line, tagged with its request's id).
-spec serve_line(binary(), node(), pos_integer()) -> ok.
serve_line(Line, Node, Timeout) ->
    case decode_request(string:trim(Line)) of
        {ok, Id, Request} ->
            Connection = case meshproof_probe_ops:needs_node(Request) of
                             true -> meshproof_probe_connect:ensure_connected(Node);
                             false -> ok
                         end,
            case {Connection, meshproof_probe_ops:blocks(Request)} of
                {ok, true} -> _ = spawn(fun() -> emit((answer_line(Request, Node, Timeout))#{id => Id}) end), ok;
                {ok, false} -> emit((answer_line(Request, Node, Timeout))#{id => Id});
                {{error, Reason}, _} -> emit((error_line(Request, Node, Reason))#{id => Id})
            end;
        {bad, Id, Op, Reason} ->
            emit((error_line(#{op => Op}, Node, Reason))#{id => Id});
        {error, Reason} ->
            emit(#{op => serve, ok => false, node => atom_to_binary(Node, utf8), error => Reason})
    end.

%% A line with an id and an op whose arguments do not fit is answered under its id.
-spec decode_request(binary()) -> {ok, integer(), meshproof_probe_ops:request()}
                                  | {bad, integer(), binary(), iodata()} | {error, binary()}.
decode_request(Line) ->
    case meshproof_json:decode(Line) of
        {ok, #{<<"id">> := Id, <<"op">> := Op} = Json} when is_integer(Id), is_binary(Op) ->
            try meshproof_probe_ops:parse_request(binary_to_list(Op), [binary_to_list(A) || A <- maps:get(<<"args">>, Json, [])]) of
                Request -> {ok, Id, Request}
            catch
                throw:{usage, Message} -> {bad, Id, Op, Message};
                error:_NotAListOfStrings -> {bad, Id, Op, <<"bad args">>}
            end;
        _ ->
            {error, <<"bad request line">>}
    end.

-spec answer_line(meshproof_probe_ops:request(), node(), pos_integer()) -> map().
answer_line(Request, Node, Timeout) ->
    try meshproof_probe_ops:handle(Request, #{node => Node, timeout => Timeout}) of
        Result -> ok_line(Request, Node, Result)
    catch
        Class:Reason -> error_line(Request, Node, io_lib:format("~p:~0p", [Class, Reason]))
    end.

-spec ok_line(meshproof_probe_ops:request(), node(), meshproof_json:value()) -> map().
ok_line(#{op := Op}, Node, Result) ->
    #{op => Op, ok => true, node => atom_to_binary(Node, utf8), result => Result}.

-spec error_line(#{op := atom() | binary()}, node(), iodata()) -> map().
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
