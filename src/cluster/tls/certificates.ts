import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import pLimit from "p-limit";
import { HarnessError, UsageError } from "../../errors.js";

/** A node's key and certificate, PEM; the key is a secret like the cookie. */
export interface NodeCertificate {
  host: string;
  certificate: string;
  key: string;
}

/** What a TLS run puts into its containers: the CA's certificate (never its key) and one certificate per host. */
export interface TlsMaterial {
  caCertificate: string;
  nodes: NodeCertificate[];
}

/** Long enough for a cluster kept up with --keep; the CA's key is gone when the run's certificates are made. */
const VALID_DAYS = 30;
/** openssl processes at once: each takes a few ms of one core. */
const OPENSSL_AT_ONCE = 4;

/**
 * The extensions come from config files of our own, not the host's
 * openssl.cnf: a CA that may sign only end certificates, and node
 * certificates good for both ends of a connection (every node dials and
 * accepts) that name the host Erlang's TLS client checks against the node
 * name it dials.
 */
const OPENSSL_CONFIG = `[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

function nodeExtensions(host: string): string {
  return `[node]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:${host}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
}

/**
 * A fresh CA and a certificate per host, made with the host's openssl (ECDSA
 * P-256) in a private temporary directory that is removed before this
 * returns: the CA's key never leaves it, and nothing appears on a command
 * line but paths and host names.
 */
export async function newTlsMaterial(hosts: readonly string[], caName: string): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), "meshproof-tls-"));
  try {
    const config = join(dir, "openssl.cnf");
    await writeFile(config, OPENSSL_CONFIG, { mode: 0o600 });
    const ca = { key: join(dir, "ca.key"), certificate: join(dir, "ca.pem") };
    await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca.key, "-out", ca.certificate,
      "-subj", `/CN=${caName}`, "-days", String(VALID_DAYS), "-config", config, "-extensions", "ca"]);
    const limit = pLimit(OPENSSL_AT_ONCE);
    const nodes = await Promise.all(hosts.map((host) => limit(() => nodeCertificate(dir, config, ca, host))));
    return { caCertificate: await readFile(ca.certificate, "utf8"), nodes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function nodeCertificate(dir: string, config: string, ca: { key: string; certificate: string }, host: string): Promise<NodeCertificate> {
  const key = join(dir, `${host}.key`);
  const request = join(dir, `${host}.csr`);
  const certificate = join(dir, `${host}.pem`);
  const extensions = join(dir, `${host}.ext`);
  await writeFile(extensions, nodeExtensions(host), { mode: 0o600 });
  await openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", request, "-subj", `/CN=${host}`, "-config", config]);
  await openssl(["x509", "-req", "-in", request, "-CA", ca.certificate, "-CAkey", ca.key, "-set_serial", `0x${randomBytes(16).toString("hex")}`,
    "-days", String(VALID_DAYS), "-extfile", extensions, "-extensions", "node", "-out", certificate]);
  const [pem, keyPem] = await Promise.all([readFile(certificate, "utf8"), readFile(key, "utf8")]);
  return { host, certificate: pem, key: keyPem };
}

async function openssl(args: string[]): Promise<void> {
  const result = await execa("openssl", args, { reject: false, stdin: "ignore" });
  if ((result as { code?: string }).code === "ENOENT") {
    throw new UsageError("--dist tls makes the run's certificates with openssl, which is not installed on this machine (apt-get install openssl)");
  }
  if (result.failed) throw new HarnessError(`openssl ${args[0]} failed (${result.shortMessage}): ${result.stderr.trim()}`, { cause: result });
}
