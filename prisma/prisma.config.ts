// Prisma CLI configuration. Prisma's native engines cannot be downloaded here (no network beyond npm), so the CLI
// runs on its WebAssembly engines through a driver adapter (`engine: "js"`). The schema must also be readable with
// DATABASE_URL set, or the CLI falls back to the native engine and tries to download it; the default points at the
// local development server. Commands that only print SQL (`migrate diff`) never connect.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
