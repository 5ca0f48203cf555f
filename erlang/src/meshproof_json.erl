%% A small JSON encoder for the probe's output lines. OTP 25 has no json
%% module, and the probes must run on every supported release.
-module(meshproof_json).

-export([encode/1]).
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

-spec string(binary()) -> iodata().
string(Bin) ->
    [$", [escape(C) || <<C>> <= Bin], $"].

-spec escape(byte()) -> iodata().
escape($") -> <<"\\\"">>;
escape($\\) -> <<"\\\\">>;
escape($\n) -> <<"\\n">>;
escape($\r) -> <<"\\r">>;
escape($\t) -> <<"\\t">>;
escape(C) when C < 16#20 -> io_lib:format("\\u~4.16.0b", [C]);
escape(C) -> C.
