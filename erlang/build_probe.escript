#!/usr/bin/env escript
%% Packs the compiled probe modules (and those the probe loads into nodes,
%% meshproof_recorder and meshproof_layers) into one self-contained escript,
%% so a single file can be put into any container that has `escript'.
%%   escript build_probe.escript EBIN_DIR OUT_FILE
main([Ebin, Out]) ->
    Modules = ["meshproof_probe", "meshproof_json", "meshproof_term_text",
               "meshproof_recorder", "meshproof_layers"],
    Files = [begin
                 Name = M ++ ".beam",
                 {ok, Bin} = file:read_file(filename:join(Ebin, Name)),
                 {Name, Bin}
             end || M <- Modules],
    %% small as the node (see bin/start-node): a probe is tiny, and 100 of them share 2 cores
    ok = escript:create(Out, [shebang,
                              {emu_args, "-hidden -escript main meshproof_probe "
                                         "+S 1 +SDcpu 1 +SDio 1 +A 1 +sbwt none +sbwtdcpu none +sbwtdio none "
                                         "+Mea min +P 4096 +Q 1024"},
                              {archive, Files, []}]),
    ok = file:change_mode(Out, 8#755).
