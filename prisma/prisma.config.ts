// Prisma CLI configuration (Prisma 7). The project uses the CLI only for `prisma generate`. Migrations are written
// with tools/schema-diff.mjs (`npm run db:migration:new`) and applied by src/migrator.ts, because every `prisma
// migrate` command of Prisma 7 runs the native schema engine, which cannot be downloaded on this project's machines.
// `generate` does not run that engine, but the CLI fetches it anyway unless PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file: tools/no-schema-engine stands in for it (and fails, saying why, if a migrate command starts it).
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("tools/no-schema-engine", import.meta.url));
// The CLI's update check and telemetry ("checkpoint") would otherwise try the network on every run.
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  // For a `prisma migrate …`/`db …` command run by hand where a native schema engine is installed.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
