%% The probe's one op table: each op's name, its arguments (name, type, one or
%% many) and its handler. Parsing a command line or a request line, the usage
%% text, dispatch and the `ops' answer (the table as JSON, which the harness
%% checks its own table against) all read it.
%%
%% Argument types: atom (any word, e.g. a scope or a registered name), node
%% (NAME@HOST), integer, flag (the word NAME or noNAME, e.g. sync | nosync)
%% and base64 (a word decoded by the handler, e.g. an invariant's UTF-8 text).
%% A `many' argument takes the words after it while they fit: node words
%% while they hold an @, other words up to the next op's name (no base64 word
%% is one: none of those decodes to UTF-8 text).
-module(meshproof_probe_ops).

-export([table/0, parse_words/1, parse_request/2, usage/0, table_json/0]).
-export([needs_node/1, blocks/1, handle/2]).
-export_type([request/0, args/0, context/0]).

-type arg_type() :: atom | node | integer | flag | base64.
-type arg() :: {Name :: atom(), arg_type(), one | many}.
-type args() :: #{atom() => term()}.
%% the local node a request is about, and the request's deadline
-type context() :: #{node := node(), timeout := pos_integer()}.
-type op() :: #{name := atom(), args := [arg()], handler := fun((args(), context()) -> meshproof_json:value()),
                %% `discover' and `ops' answer without the local node
                needs_node := boolean(),
                %% answered in a process of its own while a session serves other requests
                blocks := fun((args()) -> boolean())}.
-type request() :: #{op := atom(), args := args()}.

-spec table() -> [op()].
table() ->
    [op(info, [], fun meshproof_probe_mesh:info/2),
     op(mesh, [], fun meshproof_probe_mesh:mesh/2),
     op(ping, [{peers, node, many}], fun meshproof_probe_mesh:ping/2),
     (op(discover, [], fun meshproof_probe_mesh:discover/2))#{needs_node := false},
     op(pg, [{scope, atom, one}], fun meshproof_probe_layers:pg/2),
     %% global:sync() may wait seconds for a node still joining
     (op(layers, [{sync, flag, one}, {invariants, base64, many}], fun meshproof_probe_layers:layers/2))#{blocks := fun(#{sync := Sync}) -> Sync end},
     op(register, [{name, atom, one}], fun meshproof_probe_names:register_global/2),
     op(unregister, [{name, atom, one}], fun meshproof_probe_names:unregister_global/2),
     op(events, [{since_ms, integer, one}], fun meshproof_probe_recording:events/2),
     op(views, [{since_ms, integer, one}], fun meshproof_probe_recording:views/2),
     op(record, [], fun meshproof_probe_recording:record/2),
     op(unrecord, [], fun meshproof_probe_recording:unrecord/2),
     op(whereis, [{name, atom, one}], fun meshproof_probe_process:whereis/2),
     op('kill-process', [{name, atom, one}], fun meshproof_probe_process:kill_process/2),
     op(suspend, [{name, atom, one}], fun meshproof_probe_process:suspend/2),
     op('sys-state', [{name, atom, one}], fun meshproof_probe_process:sys_state/2),
     op(resume, [], fun meshproof_probe_process:resume/2),
     (op(ops, [], fun(_Args, _Context) -> table_json() end))#{needs_node := false}].

-spec op(atom(), [arg()], fun((args(), context()) -> meshproof_json:value())) -> op().
op(Name, Args, Handler) ->
    #{name => Name, args => Args, handler => Handler, needs_node => true, blocks => fun(_) -> false end}.

%% The table as the `ops' request answers it.
-spec table_json() -> meshproof_json:value().
table_json() ->
    #{ops => [#{op => Name, args => [#{name => A, type => Type, many => Many =:= many} || {A, Type, Many} <- Args]}
              || #{name := Name, args := Args} <- table()]}.

%% One request per op word on a command line, each with the words after it
%% that its arguments take; throws {usage, Message}.
-spec parse_words([string()]) -> [request()].
parse_words([]) ->
    [];
parse_words([Word | Rest]) ->
    #{name := Name, args := Specs} = find(Word),
    {Args, Next} = take(Word, Specs, Rest, #{}),
    [#{op => Name, args => Args} | parse_words(Next)].

%% A request line's op and its argument words, every one of which its arguments must take.
-spec parse_request(string(), [string()]) -> request().
parse_request(Word, Words) ->
    #{name := Name, args := Specs} = find(Word),
    case take(Word, Specs, Words, #{}) of
        {Args, []} -> #{op => Name, args => Args};
        {_Args, Extra} -> bad(Word, io_lib:format("unexpected \"~s\"", [lists:join(" ", Extra)]))
    end.

-spec find(string()) -> op().
find(Word) ->
    case [Op || #{name := Name} = Op <- table(), atom_to_list(Name) =:= Word] of
        [Op] -> Op;
        [] -> throw({usage, io_lib:format("bad request \"~s\"", [Word])})
    end.

-spec take(string(), [arg()], [string()], args()) -> {args(), [string()]}.
take(_Op, [], Words, Args) ->
    {Args, Words};
take(Op, [{Name, Type, one} | Specs], [Word | Rest], Args) ->
    take(Op, Specs, Rest, Args#{Name => value(Op, Name, Type, Word)});
take(Op, [{Name, Type, one} | _], [], _Args) ->
    bad(Op, ["it needs ", shape(Name, Type)]);
take(Op, [{Name, Type, many} | Specs], Words, Args) ->
    {Taken, Rest} = lists:splitwith(fun(Word) -> fits(Type, Word) end, Words),
    take(Op, Specs, Rest, Args#{Name => [value(Op, Name, Type, W) || W <- Taken]}).

-spec fits(arg_type(), string()) -> boolean().
fits(node, Word) -> lists:member($@, Word);
fits(_Type, Word) -> not lists:any(fun(#{name := Name}) -> atom_to_list(Name) =:= Word end, table()).

-spec value(string(), atom(), arg_type(), string()) -> term().
value(_Op, _Name, atom, Word) ->
    list_to_atom(Word);
value(Op, Name, node, Word) ->
    case lists:member($@, Word) of
        true -> list_to_atom(Word);
        false -> bad(Op, io_lib:format("~s: \"~s\" is no NAME@HOST", [Name, Word]))
    end;
value(Op, Name, integer, Word) ->
    try list_to_integer(Word)
    catch error:badarg -> bad(Op, io_lib:format("~s: \"~s\" is no integer", [Name, Word]))
    end;
value(Op, Name, flag, Word) ->
    case {Word =:= atom_to_list(Name), Word =:= "no" ++ atom_to_list(Name)} of
        {true, _} -> true;
        {_, true} -> false;
        _ -> bad(Op, io_lib:format("\"~s\" is neither ~s", [Word, shape(Name, flag)]))
    end;
value(_Op, _Name, base64, Word) ->
    Word.

-spec bad(string(), iodata()) -> no_return().
bad(Op, Why) ->
    throw({usage, io_lib:format("bad request \"~s\": ~s", [Op, Why])}).

%% "REQUEST: info | mesh | ping [PEERS...] | ...", from the table.
-spec usage() -> iodata().
usage() ->
    Requests = [lists:join(" ", [atom_to_list(Name) | [arg_usage(A) || A <- Args]]) || #{name := Name, args := Args} <- table()],
    ["usage: probe [--node NAME] [--timeout MS] REQUEST... | serve\n",
     "  REQUEST: ", lists:join(" | ", Requests), "\n"].

-spec arg_usage(arg()) -> iodata().
arg_usage({Name, Type, one}) -> shape(Name, Type);
arg_usage({Name, Type, many}) -> ["[", shape(Name, Type), "...]"].

-spec shape(atom(), arg_type()) -> string().
shape(Name, flag) -> atom_to_list(Name) ++ "|no" ++ atom_to_list(Name);
shape(Name, _Type) -> string:uppercase(atom_to_list(Name)).

-spec entry(atom()) -> op().
entry(Name) ->
    {value, Op} = lists:search(fun(#{name := N}) -> N =:= Name end, table()),
    Op.

-spec needs_node(request()) -> boolean().
needs_node(#{op := Name}) ->
    maps:get(needs_node, entry(Name)).

-spec blocks(request()) -> boolean().
blocks(#{op := Name, args := Args}) ->
    (maps:get(blocks, entry(Name)))(Args).

%% The request's answer from its handler; raises what the handler raised.
-spec handle(request(), context()) -> meshproof_json:value().
handle(#{op := Name, args := Args}, Context) ->
    (maps:get(handler, entry(Name)))(Args, Context).
