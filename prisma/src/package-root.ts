import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The database package's own folder, whether this code runs from `src/` (tests) or `dist/src/` (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "schema.prisma"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find the database package root (schema.prisma)");
    dir = parent;
  }
  return dir;
}

export const migrationsDirectory = (): string => join(packageRoot(), "migrations");
