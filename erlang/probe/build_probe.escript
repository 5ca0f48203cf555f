#!/usr/bin/env escript
%% Packs every compiled module in the given directories (the probe's own, and
%% the shared ones it loads into nodes: the recorder and what it calls) into
%% one self-contained escript, so a single file can be put into any container
%% that has `escript'.
%%   escript build_probe.escript OUT_FILE EBIN_DIR...
main([Out | Ebins]) ->
    Files = [begin
                 {ok, Bin} = file:read_file(Beam),
                 {filename:basename(Beam), Bin}
             end || Ebin <- Ebins, Beam <- filelib:wildcard(filename:join(Ebin, "*.beam"))],
    %% small as the node (see bin/start-node): a probe is tiny, and 100 of them share 2 cores
    ok = escript:create(Out, [shebang,
                              {emu_args, "-hidden -escript main meshproof_probe "
                                         "+S 1 +SDcpu 1 +SDio 1 +A 1 +sbwt none +sbwtdcpu none +sbwtdio none "
                                         "+Mea min +P 4096 +Q 1024"},
                              {archive, Files, []}]),
    ok = file:change_mode(Out, 8#755).
