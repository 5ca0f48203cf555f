/**
 * Where a Docker engine's API is, as Docker's own clients write it:
 * unix:///var/run/docker.sock, tcp://host:2375 (TLS where DOCKER_TLS_VERIFY=1
 * or on port 2376, as the docker CLI does), ssh://user@host[:port].
 */
export type EngineAddress =
  | { kind: "unix"; socketPath: string }
  | { kind: "tcp"; host: string; port: number; tls: boolean }
  | { kind: "ssh"; host: string; port: number; username?: string };

const DOCKER_TLS_PORT = 2376;
const DOCKER_PORT = 2375;
const SSH_PORT = 22;

/** The environment variables Docker's clients read for TLS over tcp://. */
export interface TlsEnv {
  DOCKER_TLS_VERIFY?: string | undefined;
}

/** Parses an engine URL; throws an Error whose message says what is wrong and what is accepted. */
export function parseEngineUrl(text: string, env: TlsEnv = {}): EngineAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${text} is not an engine URL (tcp://HOST:PORT, ssh://USER@HOST or unix:///PATH)`);
  }
  switch (url.protocol) {
    case "unix:": {
      // unix:///run/docker.sock has the path; unix://run/docker.sock would put "run" in the host
      const socketPath = decodeURIComponent(url.host ? `/${url.host}${url.pathname}` : url.pathname);
      if (socketPath === "" || socketPath === "/") throw new Error(`${text}: unix:// needs a socket path, e.g. unix:///var/run/docker.sock`);
      return { kind: "unix", socketPath };
    }
    case "tcp:": {
      if (!url.hostname) throw new Error(`${text}: tcp:// needs a host, e.g. tcp://10.0.0.2:2376`);
      const port = url.port ? Number(url.port) : DOCKER_PORT;
      return { kind: "tcp", host: bare(url.hostname), port, tls: env.DOCKER_TLS_VERIFY === "1" || port === DOCKER_TLS_PORT };
    }
    case "ssh:": {
      if (!url.hostname) throw new Error(`${text}: ssh:// needs a host, e.g. ssh://docker@10.0.0.2`);
      return { kind: "ssh", host: bare(url.hostname), port: url.port ? Number(url.port) : SSH_PORT, ...(url.username ? { username: decodeURIComponent(url.username) } : {}) };
    }
    default:
      throw new Error(`${text}: ${url.protocol}// is not an engine URL Docker's clients take (tcp://, ssh:// or unix://)`);
  }
}

/** IPv6 hosts come out of URL in brackets; sockets want them bare. */
function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, "$1");
}

/** What a --node-api pattern may use of a swarm node: its address as the manager knows it, its hostname, its ID. */
export interface SwarmNodeFacts {
  id: string;
  hostname: string;
  addr: string;
}

export const PATTERN_FIELDS = ["addr", "hostname", "id"] as const;

/** Fills {addr}, {hostname} and {id} in a pattern such as tcp://{addr}:2375; other braces are left as they are, for the URL parser to refuse. */
export function fillPattern(pattern: string, node: SwarmNodeFacts): string {
  return pattern.replace(/\{(addr|hostname|id)\}/g, (_, field: (typeof PATTERN_FIELDS)[number]) => (field === "addr" && node.addr.includes(":") ? `[${node.addr}]` : node[field]));
}

/** Whether a --node-api value is a pattern (names a field in braces) rather than one engine's URL. */
export function isPattern(text: string): boolean {
  return /\{(addr|hostname|id)\}/.test(text);
}

/** The address as one line, for messages (never credentials: a URL's password is not kept). */
export function describeAddress(address: EngineAddress): string {
  switch (address.kind) {
    case "unix":
      return `unix://${address.socketPath}`;
    case "tcp":
      return `tcp://${address.host}:${address.port}${address.tls ? " (TLS)" : ""}`;
    case "ssh":
      return `ssh://${address.username ? `${address.username}@` : ""}${address.host}:${address.port}`;
  }
}
