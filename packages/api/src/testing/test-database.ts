import { createScratchDatabase, type Database, openDatabase, type ScratchDatabase } from "@medverkan/database";
import { seedDemoData } from "@medverkan/database/seed";
import { embeddedFromTemplate, scratchFromTemplate, templatesEnabled, testServerUrl, trustKeys } from "./test-template.js";

export interface TestDatabaseOptions {
  /** Also seed the four demo regions, their tenants trusting this issuer and key set (as `seedDemoData` would). */
  seed?: { tokenIssuer: string; publicKeys: unknown };
}

/**
 * A migrated database for integration tests — empty, or seeded with the demo regions — in-memory PGlite, or a
 * scratch database on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL (how CI runs the suite against
 * the real server). A copy of a prepared template (test-template.ts) unless MEDVERKAN_TEST_TEMPLATES=off.
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<{ database: Database; dispose(): Promise<void> }> {
  const serverUrl = testServerUrl();
  const kind = options.seed ? "seeded" : "migrated";
  const fromTemplate = templatesEnabled();
  let scratch: ScratchDatabase | null = null;
  let database: Database | null = null;
  try {
    if (serverUrl) scratch = fromTemplate ? await scratchFromTemplate(serverUrl, kind) : await createScratchDatabase(serverUrl);
    database = scratch
      ? await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 4 })
      : fromTemplate
        ? await embeddedFromTemplate(kind)
        : await openDatabase({ kind: "embedded", dataDirectory: null });
    // On a copy this only checks that no migration is missing.
    await database.migrate();
    if (options.seed) {
      if (fromTemplate) await trustKeys(database, options.seed.tokenIssuer, options.seed.publicKeys);
      else await seedDemoData(database.prisma, options.seed);
    }
  } catch (error) {
    await database?.close();
    await scratch?.drop();
    throw error;
  }
  const opened = database;
  return {
    database: opened,
    async dispose() {
      await opened.close();
      await scratch?.drop();
    },
  };
}
