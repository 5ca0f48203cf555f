import { randomBytes } from "node:crypto";
import type { FileEntry } from "../docker/archive.js";
import { UsageError } from "../errors.js";

/**
 * A fresh cookie per run. It reaches the nodes only as a 0400 file in the
 * container (Erlang reads $HOME/.erlang.cookie); it is never an argument,
 * never logged and never in a report.
 */
/** The cookie as a compose or swarm secret: its name, and where it appears in a container (the entrypoint copies it to $HOME/.erlang.cookie). */
export const COOKIE_SECRET = "erlang_cookie";
export const COOKIE_SECRET_PATH = `/run/secrets/${COOKIE_SECRET}`;

/** A cookie is an atom, and an atom holds at most 255 characters. */
const MAX_COOKIE_LENGTH = 255;

/** Hex: a cookie that starts with "-" is taken by erl for a flag when given as `-setcookie`, and a node given it silently makes up another. */
export function newCookie(): string {
  return randomBytes(24).toString("hex");
}

export function cookieFile(cookie: string): FileEntry {
  return { path: "root/.erlang.cookie", content: cookie, mode: 0o400 };
}

/**
 * The cookie a text holds, read as Erlang reads a cookie file: printable
 * ASCII, then only line ends and spaces. A text that holds no valid cookie is
 * a UsageError that names `source` (the file, the variable) and never shows
 * what the text holds.
 */
export function erlangCookie(text: string, source: string): string {
  const cookie = text.replace(/[\r\n ]+$/, "");
  if (cookie === "") throw new UsageError(`${source}: holds no cookie (it is empty)`);
  if (!/^[\x20-\x7e]+$/.test(cookie)) {
    throw new UsageError(`${source}: not a valid Erlang cookie: it holds a line break, a control or a non-ASCII character; Erlang takes one line of printable ASCII`);
  }
  if (cookie.length > MAX_COOKIE_LENGTH) throw new UsageError(`${source}: not a valid Erlang cookie: longer than ${MAX_COOKIE_LENGTH} characters`);
  return cookie;
}
