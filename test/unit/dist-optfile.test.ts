import { describe, it, expect } from "vitest";
import { distOptfileText, probeDistEnv, TLS_PATHS, tlsDistFlags } from "../../src/cluster/tls/dist-optfile.js";

describe("the ssl_dist_optfile", () => {
  const text = distOptfileText(TLS_PATHS);

  it("verifies peers on both sides, and the server demands the client's certificate", () => {
    const [server, client] = text.split("\n");
    expect(server).toMatch(/^\[\{server, \[.*\{verify, verify_peer\}, \{fail_if_no_peer_cert, true\}/);
    expect(client).toMatch(/^ \{client, \[.*\{verify, verify_peer\}/);
  });

  it("leaves fail_if_no_peer_cert out of the client's options, which ssl refuses there", () => {
    expect(text.split("\n")[1]).not.toContain("fail_if_no_peer_cert");
  });

  it("names the CA, the node's certificate and its key for both sides, as Erlang strings", () => {
    for (const line of text.trim().split("\n")) {
      expect(line).toContain('{certfile, "/opt/meshproof/tls/node.pem"}, {keyfile, "/opt/meshproof/tls/node.key"}, {cacertfile, "/opt/meshproof/tls/ca.pem"}');
    }
  });

  it("is one Erlang term list ending with a dot", () => {
    expect(text.trimEnd().endsWith("]}].")).toBe(true);
  });
});

describe("the distribution flags", () => {
  it("start inet_tls with the options file", () => {
    expect(tlsDistFlags("/x/ssl_dist.conf")).toBe("-proto_dist inet_tls -ssl_dist_optfile /x/ssl_dist.conf");
  });

  it("reach the probe's VM through ERL_FLAGS, and nothing on plain TCP", () => {
    expect(probeDistEnv("/x/ssl_dist.conf")).toEqual(["ERL_FLAGS=-proto_dist inet_tls -ssl_dist_optfile /x/ssl_dist.conf"]);
    expect(probeDistEnv(undefined)).toEqual([]);
  });
});
