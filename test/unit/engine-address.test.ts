import { describe, expect, it } from "vitest";
import { describeAddress, fillPattern, isPattern, parseEngineUrl } from "../../src/engine-address.js";

describe("parseEngineUrl", () => {
  it("reads tcp:// as Docker's clients do: plain on 2375, TLS on 2376 or with DOCKER_TLS_VERIFY=1", () => {
    expect(parseEngineUrl("tcp://10.0.0.2:2375")).toEqual({ kind: "tcp", host: "10.0.0.2", port: 2375, tls: false });
    expect(parseEngineUrl("tcp://node-2")).toEqual({ kind: "tcp", host: "node-2", port: 2375, tls: false });
    expect(parseEngineUrl("tcp://node-2:2376")).toEqual({ kind: "tcp", host: "node-2", port: 2376, tls: true });
    expect(parseEngineUrl("tcp://node-2:2375", { DOCKER_TLS_VERIFY: "1" })).toMatchObject({ tls: true });
    expect(parseEngineUrl("tcp://[fd00::2]:2375")).toMatchObject({ host: "fd00::2" });
  });

  it("reads ssh:// with its user and port (22 unless given)", () => {
    expect(parseEngineUrl("ssh://docker@node-3")).toEqual({ kind: "ssh", host: "node-3", port: 22, username: "docker" });
    expect(parseEngineUrl("ssh://node-3:2222")).toEqual({ kind: "ssh", host: "node-3", port: 2222 });
  });

  it("reads unix:// as a socket path", () => {
    expect(parseEngineUrl("unix:///var/run/docker.sock")).toEqual({ kind: "unix", socketPath: "/var/run/docker.sock" });
    expect(() => parseEngineUrl("unix://")).toThrow(/needs a socket path/);
  });

  it("refuses what Docker's clients do not take, saying what they do", () => {
    expect(() => parseEngineUrl("http://node-2:2375")).toThrow(/http:\/\/ is not an engine URL.*tcp:\/\/, ssh:\/\/ or unix:\/\//);
    expect(() => parseEngineUrl("node-2:2375")).toThrow(/not an engine URL|is not an engine URL/);
    expect(() => parseEngineUrl("not a url")).toThrow(/not an engine URL \(tcp:\/\/HOST:PORT/);
  });

  it("describes an address without a password", () => {
    expect(describeAddress(parseEngineUrl("ssh://me:secret@node-3"))).toBe("ssh://me@node-3:22");
    expect(describeAddress(parseEngineUrl("tcp://node-2:2376"))).toBe("tcp://node-2:2376 (TLS)");
  });
});

describe("fillPattern", () => {
  const node = { id: "x1y2", hostname: "worker-1", addr: "10.0.0.3" };

  it("fills {addr}, {hostname} and {id} with the swarm node's facts", () => {
    expect(fillPattern("tcp://{addr}:2375", node)).toBe("tcp://10.0.0.3:2375");
    expect(fillPattern("ssh://docker@{hostname}.example", node)).toBe("ssh://docker@worker-1.example");
    expect(fillPattern("unix:///run/engines/{id}.sock", node)).toBe("unix:///run/engines/x1y2.sock");
  });

  it("puts an IPv6 address in brackets, as a URL needs", () => {
    expect(fillPattern("tcp://{addr}:2375", { ...node, addr: "fd00::3" })).toBe("tcp://[fd00::3]:2375");
  });

  it("tells a pattern from one engine's URL", () => {
    expect(isPattern("tcp://{addr}:2375")).toBe(true);
    expect(isPattern("tcp://10.0.0.3:2375")).toBe(false);
  });
});
