import { randomBytes } from "node:crypto";
import type { FileEntry } from "../docker/archive.js";

/**
 * A fresh cookie per run. It reaches the nodes only as a 0400 file in the
 * container (Erlang reads $HOME/.erlang.cookie); it is never an argument,
 * never logged and never in a report.
 */
export function newCookie(): string {
  return randomBytes(24).toString("base64url");
}

export function cookieFile(cookie: string): FileEntry {
  return { path: "root/.erlang.cookie", content: cookie, mode: 0o400 };
}
