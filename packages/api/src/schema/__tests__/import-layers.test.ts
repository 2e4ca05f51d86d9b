import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The API's layers, held against its imports: no file imports itself back through others, and the shared folders at
// the bottom import no feature. The registries that list the features (schema/loaders.ts, schema/permissions.ts) sit
// at the composition root beside build-schema.ts for this reason. Every import is counted, `import type` and
// `declare module` too, as the compiler reads them (ts.preProcessFile); tests are scanned for cycles, not for layers.

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The shared folders every feature builds on. */
const LOW_FOLDERS = ["context", "permissions", "common"];

/**
 * Files in feature folders that the shared folders may import all the same: the caller (every request context carries
 * an `Actor`, and a `PlatformSignIn`) and the audit writer it carries. They are named one by one so that no other file
 * of auth/ or audit/ comes in unseen.
 */
const CARRIED_BY_THE_CONTEXT = ["auth/actor.ts", "auth/platform-issuers.ts", "audit/audit-writer.ts"];

type Graph = Map<string, string[]>;

const isTest = (file: string) => file.includes(`__tests__${sep}`) || file.endsWith(".test.ts");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every file's relative imports as files of the tree (`./x.js` is `./x.ts`), keyed and listed relative to `root`. */
function importGraph(root: string): Graph {
  const files = sourceFiles(root);
  const known = new Set(files);
  const graph: Graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/u, ".ts")))
      .filter((target) => known.has(target))
      .map((target) => relative(root, target));
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const folderOf = (file: string) => file.split(sep)[0] ?? "";
const asPosix = (file: string) => file.split(sep).join("/");

/** Imports from a shared folder's code up into a feature, as `from -> to`. */
function upwardImports(graph: Graph): string[] {
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    if (!LOW_FOLDERS.includes(folderOf(file)) || isTest(file)) continue;
    for (const target of targets) {
      if (LOW_FOLDERS.includes(folderOf(target)) || CARRIED_BY_THE_CONTEXT.includes(asPosix(target))) continue;
      upward.push(`${asPosix(file)} -> ${asPosix(target)}`);
    }
  }
  return upward.sort();
}

describe("the API's import layers", () => {
  const graph = importGraph(SOURCE);

  it("reads the whole tree", () => {
    // A guard that read nothing would pass: the registries must be seen listing the features.
    expect(graph.get(join("schema", "loaders.ts"))).toContain(join("member", "member.loaders.ts"));
    expect(graph.get(join("schema", "permissions.ts"))).toContain(join("member", "member.rules.ts"));
  });

  it("has no import cycle", () => {
    expect(cycles(graph).map((component) => component.map(asPosix))).toEqual([]);
  });

  it("keeps context/, permissions/ and common/ below the features: none of their files imports a feature", () => {
    expect(upwardImports(graph)).toEqual([]);
  });
});
