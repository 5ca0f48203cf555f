import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

/** Every .ts file under src/, with the src/ files it imports (relative imports, type-only ones included). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(SRC, file), "utf8");
      const targets = [...text.matchAll(/(?:from|import)\s+"(\.{1,2}\/[^"]+)"/g)].map((m) =>
        relative(SRC, resolve(dirname(join(SRC, file)), m[1]!)).replace(/\.js$/, ".ts"),
      );
      return [file, targets];
    }),
  );
}

/** The top-level folder of a file under src/; a file directly in src/ is its own unit. */
function folderOf(file: string): string {
  const [head, ...rest] = file.split("/");
  return rest.length ? head! : file;
}

/** The folder of a file under src/cluster/ down to its first subfolder (cluster, cluster/backends, cluster/open, ...). */
function clusterFolderOf(file: string): string {
  return file.split("/").slice(0, -1).slice(0, 2).join("/");
}

/** Each folder's edges to other folders, with one file-level import that makes each edge. */
function folderGraph(graph: Map<string, string[]>, folder = folderOf): Map<string, Map<string, string>> {
  const folders = new Map<string, Map<string, string>>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [from, to] = [folder(file), folder(target)];
      if (from === to) continue;
      const edges = folders.get(from) ?? folders.set(from, new Map()).get(from)!;
      if (!edges.has(to)) edges.set(to, `${file} -> ${target}`);
    }
  }
  return folders;
}

/** One cycle of the graph, as its path, or undefined (depth-first search with the path on the stack). */
export function findCycle(edges: Map<string, Map<string, string>>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return undefined;
    onPath.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("the layers of src/", () => {
  it("finds a cycle where there is one (the check itself can fail)", () => {
    const edges = new Map([
      ["run", new Map([["report", "run/a.ts -> report/b.ts"]])],
      ["report", new Map([["history", "report/b.ts -> history/c.ts"]])],
      ["history", new Map([["run", "history/c.ts -> run/d.ts"]])],
    ]);
    expect(findCycle(edges)).toEqual(["run", "report", "history", "run"]);
    edges.get("history")!.delete("run");
    expect(findCycle(edges)).toBeUndefined();
  });

  it("has no import cycle between its top-level folders: data flows one way", () => {
    const edges = folderGraph(importGraph());
    const cycle = findCycle(edges);
    const explained = cycle?.slice(1).map((to, i) => edges.get(cycle[i]!)!.get(to));
    expect(explained, `a cycle: ${cycle?.join(" -> ")}`).toBeUndefined();
  });

  it("has no import cycle between the cluster's folders: backends do not import what opens them", () => {
    const inCluster = new Map([...importGraph()].filter(([file]) => file.startsWith("cluster/")).map(([file, targets]) => [file, targets.filter((t) => t.startsWith("cluster/"))]));
    const edges = folderGraph(inCluster, clusterFolderOf);
    const cycle = findCycle(edges);
    const explained = cycle?.slice(1).map((to, i) => edges.get(cycle[i]!)!.get(to));
    expect(explained, `a cycle: ${cycle?.join(" -> ")}`).toBeUndefined();
  });

  it("opens clusters through one door: no file outside src/cluster/ imports a backend", () => {
    const reaching = [...importGraph()].flatMap(([file, targets]) =>
      file.startsWith("cluster/") ? [] : targets.filter((t) => t.startsWith("cluster/backends/")).map((t) => `${file} -> ${t}`),
    );
    expect(reaching).toEqual([]);
  });
});
