%% The probe's JSON codec: what it writes is what a JSON reader reads, and it
%% reads the request lines the harness writes.
-module(meshproof_json_tests).

-include_lib("eunit/include/eunit.hrl").

encode(Value) -> iolist_to_binary(meshproof_json:encode(Value)).

encodes_values_test_() ->
    [?_assertEqual(Json, encode(Value))
     || {Value, Json} <- [{true, <<"true">>}, {false, <<"false">>}, {null, <<"null">>},
                          {ok, <<"\"ok\"">>}, {'kill-process', <<"\"kill-process\"">>},
                          {<<"app@n1">>, <<"\"app@n1\"">>}, {42, <<"42">>}, {-7, <<"-7">>}, {1.5, <<"1.5">>},
                          {[], <<"[]">>}, {[1, <<"a">>], <<"[1,\"a\"]">>}, {#{}, <<"{}">>},
                          %% keys sorted, so that equal maps print alike
                          {#{b => 1, a => [true]}, <<"{\"a\":[true],\"b\":1}">>},
                          {#{<<"b">> => 1, <<"a">> => null}, <<"{\"a\":null,\"b\":1}">>}]].

escapes_what_json_needs_test() ->
    ?assertEqual(<<"\"say \\\"hi\\\"\\\\\\n\\r\\t\\u0001\"">>, encode(<<"say \"hi\"\\\n\r\t", 1>>)),
    %% UTF-8 passes as it is
    ?assertEqual(<<"\"", "ü"/utf8, "\"">>, encode(<<"ü"/utf8>>)).

decodes_a_request_line_test() ->
    ?assertEqual({ok, #{<<"id">> => 7, <<"op">> => <<"layers">>, <<"args">> => [<<"sync">>, <<"b2s=">>]}},
                 meshproof_json:decode(<<" {\"id\": 7, \"op\":\"layers\",\"args\":[\"sync\",\"b2s=\"]} ">>)).

decodes_values_test_() ->
    [?_assertEqual({ok, Value}, meshproof_json:decode(Json))
     || {Json, Value} <- [{<<"null">>, null}, {<<"true">>, true}, {<<"false">>, false},
                          {<<"[]">>, []}, {<<"{}">>, #{}}, {<<"-12">>, -12}, {<<"2.5">>, 2.5}, {<<"1e3">>, 1.0e3},
                          {<<"\"a\\\"b\\\\c\\/d\\n\"">>, <<"a\"b\\c/d\n">>},
                          {<<"\"\\u00fc\"">>, <<"ü"/utf8>>},
                          {<<"[1,[2,{\"k\":null}]]">>, [1, [2, #{<<"k">> => null}]]}]].

round_trips_test() ->
    Value = #{<<"node">> => <<"app@n1">>, <<"ok">> => true, <<"result">> => #{<<"nodes">> => [<<"app@n2">>], <<"ms">> => 3}},
    ?assertEqual({ok, Value}, meshproof_json:decode(encode(Value))).

refuses_what_is_not_json_test_() ->
    [?_assertEqual({error, invalid_json}, meshproof_json:decode(Bad))
     || Bad <- [<<>>, <<"{">>, <<"[1,]">>, <<"{\"a\" 1}">>, <<"nul">>, <<"{} x">>, <<"\"open">>]].
