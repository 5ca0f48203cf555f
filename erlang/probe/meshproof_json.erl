%% A small JSON encoder and decoder for the probe's lines. OTP 25 has no json
%% module, and the probes must run on every supported release. Decoding reads
%% objects as maps with binary keys, strings as binaries, null as `null'.
-module(meshproof_json).

-export([encode/1, decode/1]).
-export_type([value/0]).

-type value() :: #{atom() | binary() => value()} | [value()] | binary()
               | integer() | float() | boolean() | null | atom().

-spec encode(value()) -> iodata().
encode(true) -> <<"true">>;
encode(false) -> <<"false">>;
encode(null) -> <<"null">>;
encode(Atom) when is_atom(Atom) -> string(atom_to_binary(Atom, utf8));
encode(Bin) when is_binary(Bin) -> string(Bin);
encode(Int) when is_integer(Int) -> integer_to_binary(Int);
encode(Float) when is_float(Float) -> float_to_binary(Float, [short]);
encode(List) when is_list(List) ->
    [$[, join([encode(V) || V <- List]), $]];
encode(Map) when is_map(Map) ->
    [${, join([[encode(key(K)), $:, encode(V)] || {K, V} <- lists:sort(maps:to_list(Map))]), $}].

-spec key(atom() | binary()) -> binary().
key(K) when is_atom(K) -> atom_to_binary(K, utf8);
key(K) when is_binary(K) -> K.

-spec join([iodata()]) -> iodata().
join([]) -> [];
join([First | Rest]) -> [First | [[$, | V] || V <- Rest]].

%% Most strings (node names, pids, groups) need no escape: kept whole, not
%% rebuilt byte by byte, which a sweep of 100 nodes pays for.
-spec string(binary()) -> iodata().
string(Bin) ->
    case needs_escape(Bin) of
        false -> [$", Bin, $"];
        true -> [$", [escape(C) || <<C>> <= Bin], $"]
    end.

-spec needs_escape(binary()) -> boolean().
needs_escape(<<C, _/binary>>) when C < 16#20; C =:= $"; C =:= $\\ -> true;
needs_escape(<<_, Rest/binary>>) -> needs_escape(Rest);
needs_escape(<<>>) -> false.

-spec escape(byte()) -> iodata().
escape($") -> <<"\\\"">>;
escape($\\) -> <<"\\\\">>;
escape($\n) -> <<"\\n">>;
escape($\r) -> <<"\\r">>;
escape($\t) -> <<"\\t">>;
escape(C) when C < 16#20 -> io_lib:format("\\u~4.16.0b", [C]);
escape(C) -> C.

-spec decode(binary()) -> {ok, value()} | {error, invalid_json}.
decode(Bin) ->
    try value(ws(Bin)) of
        {Value, Rest} ->
            case ws(Rest) of
                <<>> -> {ok, Value};
                _ -> {error, invalid_json}
            end
    catch
        error:_ -> {error, invalid_json}
    end.

-spec value(binary()) -> {value(), binary()}.
value(<<${, Rest/binary>>) -> object(ws(Rest), #{});
value(<<$[, Rest/binary>>) -> array(ws(Rest), []);
value(<<$", Rest/binary>>) -> string(Rest, <<>>);
value(<<"true", Rest/binary>>) -> {true, Rest};
value(<<"false", Rest/binary>>) -> {false, Rest};
value(<<"null", Rest/binary>>) -> {null, Rest};
value(Bin) -> number(Bin).

-spec object(binary(), map()) -> {map(), binary()}.
object(<<$}, Rest/binary>>, Acc) when map_size(Acc) =:= 0 -> {Acc, Rest};
object(<<$", Rest/binary>>, Acc) ->
    {Key, AfterKey} = string(Rest, <<>>),
    <<$:, AfterColon/binary>> = ws(AfterKey),
    {Value, AfterValue} = value(ws(AfterColon)),
    case ws(AfterValue) of
        <<$,, More/binary>> -> object(ws(More), Acc#{Key => Value});
        <<$}, More/binary>> -> {Acc#{Key => Value}, More}
    end.

-spec array(binary(), [value()]) -> {[value()], binary()}.
array(<<$], Rest/binary>>, []) -> {[], Rest};
array(Bin, Acc) ->
    {Value, Rest} = value(Bin),
    case ws(Rest) of
        <<$,, More/binary>> -> array(ws(More), [Value | Acc]);
        <<$], More/binary>> -> {lists:reverse([Value | Acc]), More}
    end.

-spec string(binary(), binary()) -> {binary(), binary()}.
string(<<$", Rest/binary>>, Acc) -> {Acc, Rest};
string(<<$\\, $u, Hex:4/binary, Rest/binary>>, Acc) ->
    Char = unicode:characters_to_binary([binary_to_integer(Hex, 16)]),
    string(Rest, <<Acc/binary, Char/binary>>);
string(<<$\\, C, Rest/binary>>, Acc) -> string(Rest, <<Acc/binary, (unescape(C))>>);
string(<<C, Rest/binary>>, Acc) -> string(Rest, <<Acc/binary, C>>).

-spec unescape(byte()) -> byte().
unescape($") -> $";
unescape($\\) -> $\\;
unescape($/) -> $/;
unescape($b) -> $\b;
unescape($f) -> $\f;
unescape($n) -> $\n;
unescape($r) -> $\r;
unescape($t) -> $\t.

-spec number(binary()) -> {number(), binary()}.
number(Bin) ->
    {Text, Rest} = lists:splitwith(fun(C) -> lists:member(C, "-+0123456789.eE") end, binary_to_list(Bin)),
    Number = case lists:any(fun(C) -> lists:member(C, ".eE") end, Text) of
                 false -> list_to_integer(Text);
                 true -> list_to_float(float_text(Text))
             end,
    {Number, list_to_binary(Rest)}.

%% list_to_float/1 wants a fraction: "1e3" -> "1.0e3".
-spec float_text(string()) -> string().
float_text(Text) ->
    case lists:member($., Text) of
        true -> Text;
        false ->
            {Mantissa, Exponent} = lists:splitwith(fun(C) -> C =/= $e andalso C =/= $E end, Text),
            Mantissa ++ ".0" ++ Exponent
    end.

-spec ws(binary()) -> binary().
ws(<<C, Rest/binary>>) when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r -> ws(Rest);
ws(Bin) -> Bin.
