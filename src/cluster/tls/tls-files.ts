import type { FileEntry } from "../../docker/archive.js";
import { distOptfileText, TLS_PATHS } from "./dist-optfile.js";
import type { NodeCertificate, TlsMaterial } from "./certificates.js";

/**
 * What goes into one node's container for TLS distribution, all 0400 like
 * the cookie (Erlang runs as root in meshproof's image): the CA's
 * certificate, the node's certificate and key, and the options file naming
 * them.
 */
export function tlsFiles(material: TlsMaterial, node: NodeCertificate): FileEntry[] {
  return [
    { path: TLS_PATHS.cacertfile, content: material.caCertificate, mode: 0o400 },
    { path: TLS_PATHS.certfile, content: node.certificate, mode: 0o400 },
    { path: TLS_PATHS.keyfile, content: node.key, mode: 0o400 },
    { path: TLS_PATHS.optfile, content: distOptfileText(TLS_PATHS), mode: 0o400 },
  ];
}
