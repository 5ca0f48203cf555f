%% A term as canonical text, so that probes on different nodes print the same
%% term the same way and two nodes' texts are equal iff their terms are: ~0tp,
%% except that a pid, port or reference names its node instead of the local
%% index each printing node gives that node (<app@n1.123.0>, not <12.123.0>),
%% and a map lists its keys sorted by their text (~p keeps no one order for a
%% map's keys across releases).
-module(meshproof_term_text).

-export([text/1]).

-spec text(term()) -> binary().
text(Term) ->
    unicode:characters_to_binary(chars(Term)).

-spec chars(term()) -> unicode:chardata().
chars(Term) ->
    case printed_alike(Term) of
        true -> io_lib:format("~0tp", [Term]);
        false -> composite(Term)
    end.

%% Whether ~0tp prints the term the same on every node: nothing in it that is
%% node-relative or unordered.
-spec printed_alike(term()) -> boolean().
printed_alike(T) when is_pid(T); is_port(T); is_reference(T); is_map(T) -> false;
printed_alike(T) when is_tuple(T) -> lists:all(fun printed_alike/1, tuple_to_list(T));
printed_alike([H | T]) -> printed_alike(H) andalso printed_alike(T);
printed_alike(_) -> true.

-spec composite(term()) -> unicode:chardata().
composite(Pid) when is_pid(Pid) -> with_node("<", pid_to_list(Pid), Pid);
composite(Port) when is_port(Port) -> with_node("#Port<", erlang:port_to_list(Port), Port);
composite(Ref) when is_reference(Ref) -> with_node("#Ref<", ref_to_list(Ref), Ref);
composite(Map) when is_map(Map) ->
    Pairs = lists:sort([{chars_text(K), chars(V)} || {K, V} <- maps:to_list(Map)]),
    ["#{", lists:join(",", [[K, " => ", V] || {K, V} <- Pairs]), "}"];
composite(Tuple) when is_tuple(Tuple) ->
    ["{", lists:join(",", [chars(E) || E <- tuple_to_list(Tuple)]), "}"];
composite(List) when is_list(List) ->
    ["[", list_elements(List), "]"].

%% A proper list's elements, or an improper one's with its tail after a bar.
-spec list_elements(maybe_improper_list()) -> unicode:chardata().
list_elements([H]) -> chars(H);
list_elements([H | T]) when is_list(T) -> [chars(H), ",", list_elements(T)];
list_elements([H | T]) -> [chars(H), "|", chars(T)].

%% Keys sort by their text, which (unlike term order of pids) is the same on every node.
-spec chars_text(term()) -> string().
chars_text(Term) ->
    unicode:characters_to_list(chars(Term)).

%% "<0.123.0>" printed by a probe: the index before the first dot is the
%% printing node's own name for the pid's node; put the node's name there.
-spec with_node(string(), string(), pid() | port() | reference()) -> unicode:chardata().
with_node(Prefix, Printed, Term) ->
    [_LocalIndex, Rest] = string:split(Printed, "."),
    [Prefix, atom_to_list(node(Term)), ".", Rest].
