%% Handlers that read the layers above the node's connections: one pg scope
%% (`pg'), or everything at once (`layers': every pg scope, global's names and
%% its own state of its peers, with `sync' also how long global:sync() takes,
%% and Mnesia, read by meshproof_layers, which the probe loads into the node;
%% and each invariant, a base64 word of an Erlang expression in UTF-8 with no
%% trailing dot, evaluated on the node, its value answered as canonical text:
%% see meshproof_term_text).
-module(meshproof_probe_layers).

-export([pg/2, layers/2]).

-spec pg(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
pg(#{scope := Scope}, #{node := Node, timeout := T}) ->
    %% a node without that scope has no groups in it (the checks say which are missing)
    Groups = case erpc:call(Node, erlang, whereis, [Scope], T) of
                 undefined -> [];
                 _ -> erpc:call(Node, pg, which_groups, [Scope], T)
             end,
    #{scope => atom_to_binary(Scope, utf8),
      groups => [group_json(G, erpc:call(Node, pg, get_members, [Scope, G], T),
                            erpc:call(Node, pg, get_local_members, [Scope, G], T))
                 || G <- lists:sort(Groups)]}.

-spec layers(meshproof_probe_ops:args(), meshproof_probe_ops:context()) -> meshproof_json:value().
layers(#{sync := Sync, invariants := Invariants}, #{node := Node, timeout := T}) ->
    View = meshproof_probe_node:call_loaded(Node, meshproof_layers, view, [Sync], T),
    (layers_json(View))#{invariants => meshproof_probe_node:pmap(fun(Word) -> invariant(Node, Word, T) end, Invariants)}.

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
    #{known => [meshproof_probe_terms:node_name(N) || N <- Known],
      pending => [meshproof_probe_terms:node_name(N) || N <- Pending],
      lock_holders => [meshproof_probe_terms:pid(P) || P <- Holders]}.

-spec global_name_json(map()) -> {binary(), map()}.
global_name_json(#{name := Name, pid := Pid, alive := Alive}) ->
    Text = meshproof_term_text:text(Name),
    {Text, #{name => Text, pid => meshproof_probe_terms:pid(Pid), alive => Alive}}.

-spec group_json(term(), [pid()], [pid()]) -> map().
group_json(Group, Members, Local) ->
    #{group => meshproof_probe_terms:group_name(Group),
      members => [meshproof_probe_terms:pid(P) || P <- Members],
      local => [meshproof_probe_terms:pid(P) || P <- Local]}.

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
