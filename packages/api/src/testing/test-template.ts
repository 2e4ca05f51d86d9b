import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import {
  createScratchDatabase,
  type Database,
  dropTemplateDatabases,
  ensureTemplateDatabase,
  migrationsDirectory,
  openDatabase,
  packageRoot,
  type ScratchDatabase,
  TEMPLATE_DATABASE_PREFIX,
} from "@medverkan/database";
import { seedDemoData, stockholm, stockholmDate } from "@medverkan/database/seed";
import { projectRoot } from "../config.js";
import { DEV_TOKEN_ISSUER } from "../dev/dev-keys.js";

// Prepared test databases (issue 22, finding 13). Migrating and seeding the four demo regions takes most of a test
// file's start-up (about a minute on a busy 2-core machine), so it is done once: a "migrated" and a "seeded"
// template, keyed by a hash of everything that decides their content (migrations, seed, the domain's region seeds,
// PGlite's version) and the seed's day. Each test database is then a copy: `CREATE DATABASE … TEMPLATE …` on
// PostgreSQL, a data-directory dump loaded into a new in-memory PGlite otherwise. The first test to need a template
// builds it (vitest's globalSetup does so before any test file starts, see `global-setup.ts`); concurrent workers
// and test runs wait for that one build. MEDVERKAN_TEST_TEMPLATES=off migrates and seeds every database as before.

export type TemplateKind = "migrated" | "seeded";

/** The keys the seeded template's tenants trust until a test database re-points them at its own (`trustKeys`). */
const PLACEHOLDER_KEYS = {
  keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "test-template-placeholder" }],
};

export function templatesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MEDVERKAN_TEST_TEMPLATES !== "off";
}

/** The PostgreSQL server tests run against (a scratch database per test), or null for the embedded PGlite. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? null;
}

function templateDirectory(): string {
  return process.env.MEDVERKAN_TEST_TEMPLATE_DIR ?? join(projectRoot(), ".data", "test-templates");
}

function filesUnder(directory: string, accept: (path: string) => boolean = () => true): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, accept));
    else if (accept(path)) found.push(path);
  }
  return found.sort();
}

let sourceHash: string | null = null;

/** A hash of what the templates are made of; computed once per process. */
function contentHash(): string {
  if (sourceHash) return sourceHash;
  const root = projectRoot();
  const hash = createHash("sha256");
  const sources = [
    ...filesUnder(migrationsDirectory()),
    ...filesUnder(join(packageRoot(), "seed")),
    ...filesUnder(join(root, "packages", "domain", "src"), (path) => !path.endsWith(".test.ts")),
  ];
  for (const path of sources) {
    hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  // A dump is PGlite's own data directory: another PGlite version may not read it.
  hash.update(readFileSync(join(packageRoot(), "node_modules", "@electric-sql", "pglite", "package.json")));
  sourceHash = hash.digest("hex").slice(0, 12);
  return sourceHash;
}

/** `<yyyymmdd>_<hash>`: the seed counts its dates from today in Stockholm, so a new day makes a new template. */
export function templateKey(now: Date = new Date()): { key: string; day: string } {
  const day = stockholmDate(now);
  return { key: `${day.replaceAll("-", "")}_${contentHash()}`, day };
}

async function buildInto(database: Database, kind: TemplateKind, day: string): Promise<void> {
  if (kind === "migrated") {
    await database.migrate();
    return;
  }
  // Built from the migrated template, so only the seed runs here.
  await database.migrate();
  await seedDemoData(database.prisma, { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys: PLACEHOLDER_KEYS, now: stockholm(day) });
}

// ---------------------------------------------------------------------------------------------------------------
// PGlite: data-directory dumps in files, read once per process.

const LOCK_STALE_MS = 15 * 60_000;
const dumps = new Map<string, Promise<Blob>>();

function dumpPath(key: string, kind: TemplateKind): string {
  return join(templateDirectory(), `${key}-${kind}.tar`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` while holding a lock directory (atomic mkdir), waiting for other processes holding it. */
async function withFileLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A run killed while building leaves its lock behind.
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function ensureDumps(key: string, day: string): Promise<{ built: boolean }> {
  if (exists(dumpPath(key, "migrated")) && exists(dumpPath(key, "seeded"))) return { built: false };
  mkdirSync(templateDirectory(), { recursive: true });
  return withFileLock(join(templateDirectory(), `${key}.lock`), async () => {
    if (exists(dumpPath(key, "migrated")) && exists(dumpPath(key, "seeded"))) return { built: false };
    const database = await openDatabase({ kind: "embedded", dataDirectory: null });
    try {
      for (const kind of ["migrated", "seeded"] as const) {
        await buildInto(database, kind, day);
        const dump = await (database.dumpDataDir as () => Promise<Blob>)();
        const path = dumpPath(key, kind);
        const partial = `${path}.${process.pid}.partial`;
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
        renameSync(partial, path);
      }
    } finally {
      await database.close();
    }
    return { built: true };
  });
}

async function loadDump(kind: TemplateKind): Promise<Blob> {
  const { key, day } = templateKey();
  const path = dumpPath(key, kind);
  let dump = dumps.get(path);
  if (!dump) {
    dump = ensureDumps(key, day).then(async () => new Blob([await readFile(path)]));
    dumps.set(path, dump);
    dump.catch(() => dumps.delete(path));
  }
  return dump;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL: template databases on the test server.

function templateDatabaseName(key: string, kind: TemplateKind): string {
  return `${TEMPLATE_DATABASE_PREFIX}${key}_${kind}`;
}

async function ensureTemplateDatabases(serverUrl: string, key: string, day: string): Promise<{ built: boolean }> {
  const build = (kind: TemplateKind) => async (url: string) => {
    const database = await openDatabase({ kind: "postgres", url, poolSize: 2 });
    try {
      await buildInto(database, kind, day);
    } finally {
      await database.close();
    }
  };
  const migrated = await ensureTemplateDatabase(serverUrl, templateDatabaseName(key, "migrated"), build("migrated"));
  const seeded = await ensureTemplateDatabase(serverUrl, templateDatabaseName(key, "seeded"), build("seeded"), {
    from: templateDatabaseName(key, "migrated"),
  });
  return { built: migrated.built || seeded.built };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Builds today's templates for the database tests run on (TEST_DATABASE_URL / DATABASE_URL, else PGlite) unless they
 * exist, and removes those of earlier days. For vitest's globalSetup; test databases also build them on demand.
 */
export async function prepareTestTemplates(): Promise<{ built: boolean; key: string; backend: string }> {
  const { key, day } = templateKey();
  const serverUrl = testServerUrl();
  if (serverUrl) {
    const yesterday = templateKey(new Date(Date.now() - 86_400_000)).key.slice(0, 8);
    await dropTemplateDatabases(serverUrl, (name) => {
      const date = name.slice(TEMPLATE_DATABASE_PREFIX.length, TEMPLATE_DATABASE_PREFIX.length + 8);
      return date >= yesterday;
    });
    return { ...(await ensureTemplateDatabases(serverUrl, key, day)), key, backend: "PostgreSQL" };
  }
  mkdirSync(templateDirectory(), { recursive: true });
  for (const file of readdirSync(templateDirectory())) {
    if (!file.startsWith(key.slice(0, 8)) && Date.now() - statSync(join(templateDirectory(), file)).mtimeMs > 86_400_000) {
      rmSync(join(templateDirectory(), file), { recursive: true, force: true });
    }
  }
  return { ...(await ensureDumps(key, day)), key, backend: "PGlite" };
}

/** A new scratch database on the test server, a copy of today's template of `kind`. */
export async function scratchFromTemplate(serverUrl: string, kind: TemplateKind): Promise<ScratchDatabase> {
  const { key, day } = templateKey();
  await ensureTemplateDatabases(serverUrl, key, day);
  return createScratchDatabase(serverUrl, "medverkan_test", { template: templateDatabaseName(key, kind) });
}

/** A new in-memory PGlite database, a copy of today's template of `kind`. */
export async function embeddedFromTemplate(kind: TemplateKind): Promise<Database> {
  return openDatabase({ kind: "embedded", dataDirectory: null, loadDataDir: await loadDump(kind) });
}

/** Points every tenant of a database copied from the seeded template at the given token issuer and keys, as the seed would. */
export async function trustKeys(database: Database, tokenIssuer: string, publicKeys: unknown): Promise<void> {
  await database.prisma.$executeRawUnsafe(
    `UPDATE "Tenant" SET "tokenIssuer" = $1, "publicKeys" = $2::jsonb`,
    tokenIssuer,
    JSON.stringify(publicKeys),
  );
}
