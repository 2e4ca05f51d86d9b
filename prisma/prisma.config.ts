// Prisma CLI configuration. Prisma's native engines cannot be downloaded here (no network beyond npm), so the CLI
// runs on its WebAssembly engines through a driver adapter (`engine: "js"`), which connects even to compute a diff.
// With DATABASE_URL set, that is the PostgreSQL server; without it, an in-memory PGlite — so `migrate diff` (and
// `pnpm db:migration:new`) work on a machine with no database server at all. The schema must still be readable with
// DATABASE_URL set, or the CLI falls back to the native engine and tries to download it; hence the placeholder.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

const serverUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://embedded@localhost/pglite";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    serverUrl ? new PrismaPg({ connectionString: serverUrl }) : (new PrismaPGlite(new PGlite()) as unknown as PrismaPg),
});
