%% The probe's op table: every op's arguments parsed from words (a command
%% line, a request line), bad ones refused with a usage message, the usage
%% text and the `ops' answer built from the table.
-module(meshproof_probe_ops_tests).

-include_lib("eunit/include/eunit.hrl").

-define(OPS, meshproof_probe_ops).

parse_each_op_test_() ->
    Cases = [{["info"], [#{op => info, args => #{}}]},
             {["mesh"], [#{op => mesh, args => #{}}]},
             {["ping", "app@n2", "app@n3"], [#{op => ping, args => #{peers => ['app@n2', 'app@n3']}}]},
             {["ping"], [#{op => ping, args => #{peers => []}}]},
             {["discover"], [#{op => discover, args => #{}}]},
             {["pg", "demo"], [#{op => pg, args => #{scope => demo}}]},
             {["layers", "sync"], [#{op => layers, args => #{sync => true, invariants => []}}]},
             {["layers", "nosync", "b2s=", "bm9kZSgp"], [#{op => layers, args => #{sync => false, invariants => ["b2s=", "bm9kZSgp"]}}]},
             {["register", "job_1"], [#{op => register, args => #{name => job_1}}]},
             {["unregister", "job_1"], [#{op => unregister, args => #{name => job_1}}]},
             {["events", "1700000000123"], [#{op => events, args => #{since_ms => 1700000000123}}]},
             {["views", "0"], [#{op => views, args => #{since_ms => 0}}]},
             {["record"], [#{op => record, args => #{}}]},
             {["unrecord"], [#{op => unrecord, args => #{}}]},
             {["whereis", "global_name_server"], [#{op => whereis, args => #{name => global_name_server}}]},
             {["kill-process", "Elixir.MyApp.Cache"], [#{op => 'kill-process', args => #{name => 'Elixir.MyApp.Cache'}}]},
             {["suspend", "meshproof"], [#{op => suspend, args => #{name => meshproof}}]},
             {["sys-state", "meshproof"], [#{op => 'sys-state', args => #{name => meshproof}}]},
             {["resume"], [#{op => resume, args => #{}}]},
             {["ops"], [#{op => ops, args => #{}}]}],
    Tested = lists:usort([Op || {_Words, [#{op := Op}]} <- Cases]),
    [?_assertEqual(lists:sort([Name || #{name := Name} <- ?OPS:table()]), Tested)
     | [{string:join(Words, " "), ?_assertEqual(Requests, ?OPS:parse_words(Words))} || {Words, Requests} <- Cases]].

several_requests_on_one_command_line_test() ->
    ?assertEqual([#{op => info, args => #{}},
                  #{op => ping, args => #{peers => ['app@n2', 'app@n3']}},
                  #{op => pg, args => #{scope => meshproof}},
                  #{op => layers, args => #{sync => true, invariants => ["b2s="]}},
                  #{op => mesh, args => #{}}],
                 ?OPS:parse_words(["info", "ping", "app@n2", "app@n3", "pg", "meshproof", "layers", "sync", "b2s=", "mesh"])).

a_request_line_takes_exactly_its_arguments_test() ->
    ?assertEqual(#{op => events, args => #{since_ms => 42}}, ?OPS:parse_request("events", ["42"])),
    ?assertEqual(#{op => ping, args => #{peers => []}}, ?OPS:parse_request("ping", [])),
    ?assertEqual("bad request \"mesh\": unexpected \"extra\"", usage_of(fun() -> ?OPS:parse_request("mesh", ["extra"]) end)),
    ?assertEqual("bad request \"ping\": unexpected \"n2\"", usage_of(fun() -> ?OPS:parse_request("ping", ["n2"]) end)).

refuses_bad_requests_test_() ->
    [?_assertEqual(Message, usage_of(fun() -> ?OPS:parse_words(Words) end))
     || {Words, Message} <- [{["nope"], "bad request \"nope\""},
                             {["mesh", "pg"], "bad request \"pg\": it needs SCOPE"},
                             {["events"], "bad request \"events\": it needs SINCE_MS"},
                             {["events", "soon"], "bad request \"events\": since_ms: \"soon\" is no integer"},
                             {["layers"], "bad request \"layers\": it needs sync|nosync"},
                             {["layers", "maybe"], "bad request \"layers\": \"maybe\" is neither sync|nosync"},
                             {["kill-process"], "bad request \"kill-process\": it needs NAME"}]].

usage_lists_every_op_with_its_arguments_test() ->
    Usage = lists:flatten(io_lib:format("~s", [?OPS:usage()])),
    ?assertEqual("usage: probe [--node NAME] [--timeout MS] REQUEST... | serve\n"
                 "  REQUEST: info | mesh | ping [PEERS...] | discover | pg SCOPE | layers sync|nosync [INVARIANTS...]"
                 " | register NAME | unregister NAME | events SINCE_MS | views SINCE_MS | record | unrecord"
                 " | whereis NAME | kill-process NAME | suspend NAME | sys-state NAME | resume | ops\n",
                 Usage).

the_ops_answer_is_the_table_test() ->
    #{ops := Ops} = ?OPS:table_json(),
    ?assertEqual([Name || #{name := Name} <- ?OPS:table()], [Op || #{op := Op} <- Ops]),
    ?assertEqual([#{name => sync, type => flag, many => false}, #{name => invariants, type => base64, many => true}],
                 hd([Args || #{op := layers, args := Args} <- Ops])),
    %% and it is valid JSON as the probe prints it
    ?assertMatch({ok, #{<<"ops">> := [_ | _]}}, meshproof_json:decode(iolist_to_binary(meshproof_json:encode(?OPS:table_json())))).

only_discover_and_ops_need_no_node_test() ->
    ?assertEqual([discover, ops], [Name || #{name := Name} <- ?OPS:table(), not ?OPS:needs_node(#{op => Name, args => #{}})]).

only_a_synced_layers_blocks_test() ->
    ?assert(?OPS:blocks(#{op => layers, args => #{sync => true, invariants => []}})),
    ?assertNot(?OPS:blocks(#{op => layers, args => #{sync => false, invariants => []}})),
    ?assertNot(?OPS:blocks(#{op => mesh, args => #{}})).

%% `ops' answers from the table itself, with no node to ask
handle_dispatches_through_the_table_test() ->
    ?assertEqual(?OPS:table_json(), ?OPS:handle(#{op => ops, args => #{}}, #{node => nonode@nohost, timeout => 1000})).

usage_of(Fun) ->
    try Fun() of
        Parsed -> {parsed, Parsed}
    catch
        throw:{usage, Message} -> lists:flatten(io_lib:format("~s", [Message]))
    end.
