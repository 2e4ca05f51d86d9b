import { createScratchDatabase, type Database, openDatabase } from "@medverkan/database";

/**
 * A migrated, empty database for integration tests: in-memory PGlite, or a scratch database on the PostgreSQL
 * server named by TEST_DATABASE_URL / DATABASE_URL (how CI runs the suite against the real server).
 */
export async function openTestDatabase(): Promise<{ database: Database; dispose(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const scratch = serverUrl ? await createScratchDatabase(serverUrl) : null;
  const database = await openDatabase(
    scratch ? { kind: "postgres", url: scratch.url, poolSize: 4 } : { kind: "embedded", dataDirectory: null },
  );
  await database.migrate();
  return {
    database,
    async dispose() {
      await database.close();
      await scratch?.drop();
    },
  };
}
