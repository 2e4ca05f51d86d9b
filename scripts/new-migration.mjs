#!/usr/bin/env node
// pnpm db:migration:new <name>
// Writes the next migration without a database or Prisma's native engines: the diff (what `prisma migrate diff` would
// print) from the schema as it was when the newest migration was committed, to prisma/schema.prisma as it is now.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: pnpm db:migration:new <name_in_snake_case>");
  process.exit(2);
}
const root = new URL("..", import.meta.url).pathname;
const prismaDir = join(root, "prisma");
const migrations = join(prismaDir, "migrations");

const lastCommit = execFileSync("git", ["log", "-1", "--format=%H", "--", "prisma/migrations"], { cwd: root, encoding: "utf8" }).trim();
if (!lastCommit) {
  console.error("No committed migration found; commit the existing migrations first.");
  process.exit(1);
}
// A schema committed before the Prisma 7 upgrade carries settings Prisma 7 refuses (the datasource's URLs, the
// generator's engineType); they say nothing about tables, so they are dropped before the diff.
const previousSchema = execFileSync("git", ["show", `${lastCommit}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" }).replace(
  /^\s*(url|directUrl|shadowDatabaseUrl|engineType)\s*=.*\n/gm,
  "",
);
const scratch = mkdtempSync(join(tmpdir(), "medverkan-migration-"));
const fromFile = join(scratch, "schema.prisma");
writeFileSync(fromFile, previousSchema);

// Prisma's schema engine as WebAssembly (prisma/tools/schema-diff.mjs): Prisma 7's CLI runs `migrate diff` on a native
// engine that cannot be downloaded here. No database server is needed: the engine gets an in-memory PGlite.
const diff = spawnSync(process.execPath, [join(prismaDir, "tools", "schema-diff.mjs"), "--from", fromFile, "--to", "schema.prisma"], {
  cwd: prismaDir,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (diff.status !== 0) {
  console.error(diff.stderr);
  process.exit(diff.status ?? 1);
}
if (/^-- This is an empty migration\.\s*$/m.test(diff.stdout) || diff.stdout.trim() === "") {
  console.log("schema.prisma has not changed since the last migration; nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const latest = readdirSync(migrations).sort().at(-1) ?? "";
const folder = `${stamp > latest.slice(0, 14) ? stamp : String(Number(latest.slice(0, 14)) + 1)}_${name}`;
mkdirSync(join(migrations, folder));
writeFileSync(join(migrations, folder, "migration.sql"), diff.stdout);
console.log(`Wrote prisma/migrations/${folder}/migration.sql — review it, and add row-level security for new tenant tables.`);
