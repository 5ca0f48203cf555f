import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * What the docs show, as data: their fenced blocks (with the marker comment
 * before each), the `meshproof` commands in them and in inline code, and their
 * links. Read by test/unit/docs.test.ts (validated, parsed) and
 * test/docker/docs-commands.docker.test.ts (the blocks marked runnable, run).
 */

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface DocFile {
  /** Relative to the repository's root: README.md, docs/faults.md, ... */
  path: string;
  text: string;
}

export interface Fence {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string;
  /** The HTML comment on the last non-blank line before the fence, if any: "runs", "not run by ...". */
  marker: string | undefined;
}

export interface ShownCommand {
  file: string;
  line: number;
  /** As shown, one logical line (continuations joined). */
  text: string;
  /** The words after `meshproof`, as a shell splits them. */
  argv: string[];
}

/** README.md and every page of docs/. */
export function docFiles(): DocFile[] {
  const pages = readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...pages].map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }));
}

/** Every fenced block; a fence may be indented (inside a list item). */
export function fencesOf(doc: DocFile): Fence[] {
  const lines = doc.text.split("\n");
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
    if (end < 0) throw new Error(`${doc.path}:${i + 1}: a fence that never closes`);
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === "") before--;
    const marker = before >= 0 ? /^\s*<!--\s*(.*?)\s*-->\s*$/.exec(lines[before]!)?.[1] : undefined;
    const body = lines.slice(i + 1, end).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
    fences.push({ file: doc.path, line: i + 1, lang: open[2]!, body: body.join("\n"), marker });
    i = end;
  }
  return fences;
}

/** A fenced block's command lines that run meshproof (`npx meshproof`, `$ meshproof`, `ID=$(meshproof ...)`, `VAR=x meshproof`). */
export function commandsInFence(fence: Fence): ShownCommand[] {
  if (fence.lang === "text") return []; // a synopsis, not a command line
  const logical: { line: number; text: string }[] = [];
  fence.body.split("\n").forEach((text, i) => {
    const last = logical.at(-1);
    if (last && last.text.endsWith("\\")) last.text = `${last.text.slice(0, -1).trimEnd()} ${text.trim()}`;
    else logical.push({ line: fence.line + 1 + i, text });
  });
  return logical.flatMap(({ line, text }) => {
    const start = /^\s*(?:\$\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:[A-Za-z_][A-Za-z0-9_]*=\$\()?(?:npx\s+)?meshproof\s+/.exec(text);
    return start ? [{ file: fence.file, line, text: text.trim(), argv: shellWords(text.slice(start[0].length)) }] : [];
  });
}

/** Inline code spans outside fences (a span may wrap across lines), with their line. */
export function inlineCode(doc: DocFile): { line: number; code: string }[] {
  const outside = doc.text.split("\n");
  for (const fence of fencesOf(doc)) {
    const end = fence.line + fence.body.split("\n").length;
    for (let i = fence.line - 1; i <= end; i++) outside[i] = "";
  }
  const text = outside.join("\n");
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => ({ line: text.slice(0, m.index).split("\n").length, code: m[1]!.replace(/\s*\n\s*/g, " ") }));
}

/** Inline code that starts with `meshproof ` or `npx meshproof `. */
export function inlineCommands(doc: DocFile): ShownCommand[] {
  return inlineCode(doc).flatMap(({ line, code }) => {
    const start = /^(?:npx )?meshproof /.exec(code);
    return start ? [{ file: doc.path, line, text: code, argv: shellWords(code.slice(start[0].length)) }] : [];
  });
}

/** Usage notation rather than a command line: [optional] parts, a|b choices, ... for more. */
export function isSynopsis(command: ShownCommand): boolean {
  const unquoted = command.text.replace(/'[^']*'|"[^"]*"/g, "");
  return /\[|\s\|\s|\||\.\.\.|…/.test(unquoted);
}

/**
 * Words as sh splits them: quotes group and are dropped, a backslash escapes;
 * an unquoted `|`, `;`, `)`, `&&` or a word starting with `#` ends the command.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed ${c} in: ${text}`);
      word = (word ?? "") + text.slice(i + 1, close);
      i = close;
    } else if (c === "\\" && i + 1 < text.length) {
      word = (word ?? "") + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (word === undefined && (c === "#" || c === "|" || c === ";" || c === ")" || text.startsWith("&&", i))) {
      break;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

export interface Link {
  file: string;
  line: number;
  target: string;
}

/** Markdown links [text](target) outside fences and inline code. */
export function linksOf(doc: DocFile): Link[] {
  const lines = doc.text.split("\n");
  const fenced = new Set<number>();
  for (const fence of fencesOf(doc)) {
    const end = fence.line + fence.body.split("\n").length;
    for (let i = fence.line; i <= end + 1; i++) fenced.add(i);
  }
  return lines.flatMap((text, i) =>
    fenced.has(i + 1) ? [] : [...text.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ file: doc.path, line: i + 1, target: m[1]! })),
  );
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}
