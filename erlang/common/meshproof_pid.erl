%% A pid as plain data that every node and release names alike: its node, its
%% number and its node's incarnation (creation), read from the external
%% format, so a pid of a killed incarnation can be told from one of the
%% current incarnation. The recorder digests pids so, the probe answers them so.
-module(meshproof_pid).

-export([parts/1]).

-spec parts(pid()) -> {node(), non_neg_integer(), non_neg_integer(), non_neg_integer()}.
parts(Pid) ->
    Bin = term_to_binary(Pid),
    <<_:(byte_size(Bin) - 12)/binary, Id:32, Serial:32, Creation:32>> = Bin,
    {node(Pid), Id, Serial, Creation}.
