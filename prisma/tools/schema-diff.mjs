#!/usr/bin/env node
// node tools/schema-diff.mjs (--from-empty | --from <old schema.prisma>) [--to <schema.prisma>]
//
// Prints the SQL that takes a database built from one Prisma schema to another — what `prisma migrate diff
// --from-… --to-schema … --script` prints — with no database server, no network and no native engine.
//
// Why not the Prisma CLI: Prisma 7's CLI runs every `migrate` command on the native schema-engine binary, which it
// downloads on first use from a host this project's machines cannot reach (Prisma 6 could run its WebAssembly schema
// engine through a driver adapter; 7 removed that path). The same engine is published on npm as WebAssembly
// (`@prisma/schema-engine-wasm`, pinned in package.json to the build that matches the `prisma` version), so this
// script loads it directly, as Prisma 6's CLI did, and hands it an in-memory PGlite through `pglite-prisma-adapter`:
// the engine opens a connection when it starts, though a diff between two schema files never queries it.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** The engine's wasm-bindgen module, instantiated once per process. */
let instantiated = null;
async function schemaEngineClass() {
  if (!instantiated) {
    // The package's own entry imports the .wasm file as an ES module, which Node 20 does not do without a flag; this
    // is the same instantiation, by hand (as Prisma 6's CLI loaded its copy of the engine).
    const folder = dirname(fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg")));
    const module = new WebAssembly.Module(await readFile(join(folder, "schema_engine_bg.wasm")));
    const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": engineModule });
    engineModule.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    instantiated = engineModule.SchemaEngine;
  }
  return instantiated;
}

/**
 * The SQL from `from` (a schema file's text; null: an empty database) to `to`, as Prisma writes a migration. An
 * unchanged schema gives Prisma's "-- This is an empty migration." line.
 */
export async function schemaDiff({ from, to }) {
  const SchemaEngine = await schemaEngineClass();
  const pglite = new PGlite();
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
    const logs = [];
    const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", to]] }, (line) => logs.push(line), adapter);
    try {
      const target = (content) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
      const result = await engine.diff({
        from: from === null ? { tag: "empty" } : target(from),
        to: target(to),
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      return result.stdout ?? "";
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : JSON.stringify(error)}${logs.length ? `\n${logs.join("\n")}` : ""}`);
    } finally {
      engine.free();
    }
  } finally {
    await pglite.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      from: { type: "string" },
      "from-empty": { type: "boolean", default: false },
      to: { type: "string", default: join(dirname(fileURLToPath(import.meta.url)), "..", "schema.prisma") },
    },
  });
  if (!values.from === !values["from-empty"]) {
    console.error("Usage: node tools/schema-diff.mjs (--from-empty | --from <old schema.prisma>) [--to <schema.prisma>]");
    process.exit(2);
  }
  const from = values.from ? await readFile(values.from, "utf8") : null;
  process.stdout.write(await schemaDiff({ from, to: await readFile(values.to, "utf8") }));
}
