// pnpm generate:national [--seed 42] [--tenants 21] [--members 5000] [--years 5] [--requests-per-year 2000]
//                        [--database postgresql://postgres@127.0.0.1:5432/medverkan_bench] [--today YYYY-MM-DD]
//
// (Re)creates the database, applies the project's migrations, seeds the four demo regions with the demo seed, gives
// the other regions a copy of a demo region's configuration, and bulk-loads members and years of requests into the
// first `--tenants` regions with COPY. The same options give the same data.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@medverkan/database";
import { seedDemoData, stockholm, stockholmDate } from "@medverkan/database/seed";
import cliProgress from "cli-progress";
import pg from "pg";
import { DEFAULT_BENCH_DATABASE, DEV_TOKEN_ISSUER, loadOrCreateDevKey, projectRoot } from "../dev-key.js";
import { cloneRegion } from "./configuration.js";
import { readTenantRefs } from "./refs.js";
import { NATIONAL_REGIONS } from "./regions.js";
import { createTables, type TableName } from "./tables.js";
import { generateTenant } from "./tenant.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "42" },
    tenants: { type: "string", default: "21" },
    members: { type: "string", default: "5000" },
    years: { type: "string", default: "5" },
    "requests-per-year": { type: "string", default: "2000" },
    database: { type: "string", default: process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE },
    today: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    "pnpm generate:national [--seed 42] [--tenants 21] [--members 5000] [--years 5] [--requests-per-year 2000] [--database URL] [--today YYYY-MM-DD]",
  );
  process.exit(0);
}
const positive = (name: string, value: string, max: number) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return number;
};
const seed = positive("seed", values.seed, 2 ** 31);
const tenantCount = positive("tenants", values.tenants, NATIONAL_REGIONS.length);
const scale = {
  members: positive("members", values.members, 100_000),
  years: positive("years", values.years, 10),
  requestsPerYear: positive("requests-per-year", values["requests-per-year"], 50_000),
};
const today = values.today ?? stockholmDate(new Date());
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error("--today must be a date, YYYY-MM-DD");
const now = stockholm(today);
const url = values.database;

const started = performance.now();
await recreateDatabase(url);
const database = await openDatabase({ kind: "postgres", url, statementTimeoutMs: 0 });
const report = await database.migrate();
const key = await loadOrCreateDevKey();
const publicKeys = { keys: [key.publicJwk] };
await seedDemoData(database.prisma, { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys, now });
await database.close();
const configured = performance.now();

const client = new pg.Client({ connectionString: url });
await client.connect();
// The rows are consistent by construction; checking each foreign key row by row would triple the load time.
await client.query("SET session_replication_role = replica");
const totals = new Map<string, number>();
const regions = NATIONAL_REGIONS.slice(0, tenantCount);
const bar = new cliProgress.SingleBar(
  {
    format: " {bar} {value}/{total} steps | {tenant} {phase} | {rows} rows | {duration_formatted} (eta {eta_formatted})",
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
bar.start(regions.length * 2, 0, { tenant: "", phase: "", rows: 0 });
let rows = 0;
for (const region of regions) {
  const demo = region.name === "";
  if (!demo) await cloneRegion(client, region, DEV_TOKEN_ISSUER, publicKeys);
  const refs = await readTenantRefs(client, region.slug, region.template);
  bar.update({ tenant: region.slug, phase: "generating" });
  const tables = createTables();
  generateTenant(region, refs, scale, seed, now, tables);
  bar.increment(1, { phase: "loading" });
  for (const [name, table] of Object.entries(tables) as Array<[TableName, (typeof tables)[TableName]]>) {
    const loaded = await table.load(client);
    totals.set(name, (totals.get(name) ?? 0) + loaded);
    rows += loaded;
    bar.update({ rows });
  }
  totals.set("Login", (totals.get("Login") ?? 0) + (await linkMemberLogins(client, region.slug)));
  bar.increment(1, { phase: "loaded" });
}
bar.stop();
await client.query("SET session_replication_role = DEFAULT");
// COPY ran with triggers off: the candidate ranking's counters (kept by triggers) are computed from the loaded history.
await client.query('SELECT "rebuild_member_activity"()');
// The load bypassed the triggers that keep each tenant's statistics data and candidate pool versions: give every
// tenant new ones, so an API instance that remembered figures or pools of these tenants cannot answer from them.
for (const table of ["StatisticsDataVersion", "CandidatePoolVersion"]) {
  await client.query(`INSERT INTO "${table}" ("tenantId", "version") SELECT "id", gen_random_uuid() FROM "Tenant"
    ON CONFLICT ("tenantId") DO UPDATE SET "version" = EXCLUDED."version", "changedAt" = CURRENT_TIMESTAMP`);
}
const loaded = performance.now();
// VACUUM as well as ANALYZE: freshly COPYed tables have no visibility map, so index-only scans would visit the heap
// for every row until autovacuum (off on some servers, slow on all) got round to them.
await client.query("VACUUM (ANALYZE)");
await client.end();
const finished = performance.now();

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const summary = {
  database: url.replace(/:[^:@/]*@/, "@"),
  seed,
  today,
  tenants: regions.map((region) => region.slug),
  scale,
  migrations: report.applied.length + report.alreadyApplied,
  rows: Object.fromEntries([...totals.entries()]),
  totalRows: rows,
  seconds: {
    total: seconds(finished - started),
    configuration: seconds(configured - started),
    generateAndLoad: seconds(loaded - configured),
    analyze: seconds(finished - loaded),
  },
};
writeFileSync(join(projectRoot, "packages", "bench", "results", "dataset.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nGenerated ${rows.toLocaleString("en")} rows for ${regions.length} tenants in ${summary.seconds.total} s`);
console.table(summary.rows);

async function recreateDatabase(target: string): Promise<void> {
  const name = new URL(target).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * The generated members who can sign in (those with a subject) get a login at their tenant's identity provider, as a
 * migrated member has: the API knows a person by login (provider and subject), so without one a bench member's token
 * would be a citizen with no member behind it.
 */
async function linkMemberLogins(client: pg.ClientBase, slug: string): Promise<number> {
  const inserted = await client.query(
    `INSERT INTO "Login" ("tenantId", "id", "identityProviderId", "subject", "memberId", "method")
     SELECT m."tenantId", gen_random_uuid(), p.id, m.subject, m.id, 'MIGRATED'
       FROM "Member" m JOIN "Tenant" t ON t.id = m."tenantId"
       JOIN LATERAL (SELECT id FROM "IdentityProvider" WHERE "tenantId" = t.id ORDER BY "createdAt", id LIMIT 1) p ON true
      WHERE t.slug = $1 AND m.subject IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [slug],
  );
  return inserted.rowCount ?? 0;
}
