#!/usr/bin/env node
// pnpm db:migration:new <name>
// Writes the next migration without a database or Prisma's native engines: `prisma migrate diff` from the schema as
// it was when the newest migration was committed, to prisma/schema.prisma as it is now.
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
const previousSchema = execFileSync("git", ["show", `${lastCommit}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" });
const scratch = mkdtempSync(join(tmpdir(), "medverkan-migration-"));
const fromFile = join(scratch, "schema.prisma");
writeFileSync(fromFile, previousSchema);

const diff = spawnSync(
  "pnpm",
  ["exec", "prisma", "migrate", "diff", "--from-schema-datamodel", fromFile, "--to-schema-datamodel", "schema.prisma", "--script"],
  // Without DATABASE_URL, prisma.config.ts gives the CLI an in-memory PGlite: no server is needed to compute a diff.
  { cwd: prismaDir, encoding: "utf8" },
);
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
