import { randomBytes } from "node:crypto";
import type { FileEntry } from "../docker/archive.js";

/**
 * A fresh cookie per run. It reaches the nodes only as a 0400 file in the
 * container (Erlang reads $HOME/.erlang.cookie); it is never an argument,
 * never logged and never in a report.
 */
/** The cookie as a compose or swarm secret: its name, and where it appears in a container (the entrypoint copies it to $HOME/.erlang.cookie). */
export const COOKIE_SECRET = "erlang_cookie";
export const COOKIE_SECRET_PATH = `/run/secrets/${COOKIE_SECRET}`;

export function newCookie(): string {
  return randomBytes(24).toString("base64url");
}

export function cookieFile(cookie: string): FileEntry {
  return { path: "root/.erlang.cookie", content: cookie, mode: 0o400 };
}
