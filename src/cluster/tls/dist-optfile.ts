/** Where a node's TLS material lives in meshproof's containers: root's, like the cookie. */
export const TLS_DIR = "/opt/meshproof/tls";

export interface TlsPaths {
  cacertfile: string;
  certfile: string;
  keyfile: string;
  optfile: string;
}

export const TLS_PATHS: TlsPaths = {
  cacertfile: `${TLS_DIR}/ca.pem`,
  certfile: `${TLS_DIR}/node.pem`,
  keyfile: `${TLS_DIR}/node.key`,
  optfile: `${TLS_DIR}/ssl_dist.conf`,
};

/**
 * An ssl_dist_optfile (Erlang terms) where each side proves itself to the
 * other with a certificate of the run's CA: the server demands the client's
 * (fail_if_no_peer_cert), the client checks the server's against its host
 * name. fail_if_no_peer_cert is a server option: ssl refuses it in client
 * options ({option, server_only, ...}), and a TLS server always sends its
 * certificate, so verify_peer is the whole check on the client's side.
 */
export function distOptfileText(paths: Omit<TlsPaths, "optfile">): string {
  const files = `{certfile, ${erlangString(paths.certfile)}}, {keyfile, ${erlangString(paths.keyfile)}}, {cacertfile, ${erlangString(paths.cacertfile)}}`;
  return [
    `[{server, [${files}, {verify, verify_peer}, {fail_if_no_peer_cert, true}, {secure_renegotiate, true}]},`,
    ` {client, [${files}, {verify, verify_peer}, {secure_renegotiate, true}]}].`,
    "",
  ].join("\n");
}

/** The VM flags of TLS distribution with an options file: for a node's start and for its probe's VM. */
export function tlsDistFlags(optfile: string): string {
  return `-proto_dist inet_tls -ssl_dist_optfile ${optfile}`;
}

function erlangString(text: string): string {
  return JSON.stringify(text);
}

/** The probe VM's environment for a TLS cluster: escript's VM takes ERL_FLAGS as its own flags, so the probe dials its node over TLS with the node's options. */
export function probeDistEnv(optfile: string | undefined): string[] {
  return optfile === undefined ? [] : [`ERL_FLAGS=${tlsDistFlags(optfile)}`];
}
