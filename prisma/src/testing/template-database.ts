import { randomBytes } from "node:crypto";
import pg from "pg";

// Any fixed number (the migrator's lock is 72_946_011): test runs on one server build a template one at a time.
const TEMPLATE_LOCK_KEY = 72_946_012;

/** Database names this module creates: `medverkan_tpl_<yyyymmdd>_<hash>_<kind>`. */
export const TEMPLATE_DATABASE_PREFIX = "medverkan_tpl_";

function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  return (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
}

/**
 * Makes sure the template database `name` exists on the server of `serverUrl`, building it once with `build` (given
 * the URL of a new database, optionally a copy of `from`) when it does not. Concurrent callers (test workers, other
 * test runs on the same server) wait for one build; the template only gets its name once `build` has finished and
 * every connection to it is closed, so a database of that name is always complete and free to copy
 * (`createScratchDatabase(serverUrl, prefix, { template: name })`).
 */
export async function ensureTemplateDatabase(
  serverUrl: string,
  name: string,
  build: (url: string) => Promise<void>,
  options: { from?: string } = {},
): Promise<{ built: boolean }> {
  return withAdmin(serverUrl, async (admin) => {
    if (await databaseExists(admin, name)) return { built: false };
    await admin.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      if (await databaseExists(admin, name)) return { built: false };
      const building = `${name.slice(0, 40)}_build_${randomBytes(4).toString("hex")}`;
      await admin.query(options.from ? `CREATE DATABASE "${building}" TEMPLATE "${options.from}"` : `CREATE DATABASE "${building}"`);
      try {
        await build(urlOf(serverUrl, building));
        // A pool may keep an idle connection a moment after closing; nobody else may be connected to a template.
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
          building,
        ]);
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        throw error;
      }
      return { built: true };
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  });
}

/**
 * Drops this module's template databases that `keep` rejects (e.g. those of an earlier day), and leftovers of
 * builds that never finished. Other test runs on the server may be using today's templates, so callers keep those.
 */
export async function dropTemplateDatabases(serverUrl: string, keep: (name: string) => boolean): Promise<string[]> {
  return withAdmin(serverUrl, async (admin) => {
    await admin.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [
        TEMPLATE_DATABASE_PREFIX,
      ]);
      const dropped: string[] = [];
      for (const { datname } of rows) {
        // Under the lock no build is in progress, so any `_build_` database is a leftover.
        if (keep(datname) && !datname.includes("_build_")) continue;
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        dropped.push(datname);
      }
      return dropped;
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  });
}
