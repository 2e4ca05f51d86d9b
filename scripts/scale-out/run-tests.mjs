#!/usr/bin/env node
// npm run test:scale-out — the scale-out tests (issue 23), with the programs they need started by topology.mjs:
//   1. tests/scale-out/*.topology.test.ts: a primary and a pg_basebackup standby, PgBouncer, HAProxy and three API
//      instances (read routing, read-your-writes, the routines' critical mutations through the balancer, a failover
//      drill, graphql-ws subscriptions through HAProxy receiving writes made on another instance);
//   2. a representative part of the end-to-end suite through PgBouncer in transaction mode, in front of the
//      PostgreSQL server of TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres); `--all` runs
//      the whole suite through it.
// Where pgbouncer, haproxy or PostgreSQL's server binaries are missing it says so in one line and skips (exit 0);
// `--require` (CI) fails instead.
import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { binaries, freePort, makeWorkDirectory, scaleOutUnavailable, startPgBouncer, teardown } from "./topology.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values } = parseArgs({
  options: {
    require: { type: "boolean", default: false },
    all: { type: "boolean", default: false },
    "skip-topology": { type: "boolean", default: false },
    "skip-pooler": { type: "boolean", default: false },
  },
});

/** The end-to-end files run through PgBouncer: every routine's writes, concurrency, idempotency, outbox, limits. */
export const THROUGH_PGBOUNCER = [
  "scale-out/through-pooler.test.ts",
  "scale-out/two-instances.test.ts",
  "invitations/invitation-rules.test.ts",
  "invitations/kalmar-routine.test.ts",
  "requests/request-idempotency.test.ts",
  "requests/request-lifecycle.test.ts",
  "registration/register-member.test.ts",
  "security/concurrent-edits.test.ts",
  "security/idempotency.test.ts",
  "security/rate-limits.test.ts",
  "isolation/tenant-isolation.test.ts",
  "notifications/kalmar-routine-mail.test.ts",
  "fees/fee-claims.test.ts",
  "statistics/statistics.test.ts",
  "privacy/access-log.test.ts",
];

const unavailable = scaleOutUnavailable();
if (unavailable) {
  const line = `scale-out tests skipped: ${unavailable}`;
  if (values.require) {
    console.error(`${line} (required here)`);
    process.exit(1);
  }
  console.log(line);
  process.exit(0);
}

const pnpm = (args, env = process.env) =>
  spawnSync(process.execPath, [join(ROOT, "scripts", "pnpm.mjs"), ...args], { stdio: "inherit", env, cwd: ROOT });
let failed = false;

if (!values["skip-topology"]) {
  console.log("== scale-out: replica, PgBouncer, HAProxy and three API instances (tests/scale-out/*.topology.test.ts)");
  const result = pnpm(["exec", "vitest", "run", "--config", "tests/scale-out/vitest.config.ts"]);
  failed ||= result.status !== 0;
}

if (!values["skip-pooler"]) {
  const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  let reachable = true;
  try {
    execFileSync(join(binaries.postgres ?? "", "pg_isready"), ["-h", serverUrl.hostname, "-p", serverUrl.port || "5432"], {
      stdio: "ignore",
    });
  } catch {
    reachable = false;
  }
  if (!reachable) {
    const line = `end-to-end tests through PgBouncer skipped: no PostgreSQL server at ${serverUrl.host}`;
    if (values.require) {
      console.error(line);
      failed = true;
    } else console.log(line);
  } else {
    const directory = makeWorkDirectory("medverkan-pgbouncer-");
    const bouncer = await startPgBouncer(directory, {
      port: await freePort(),
      upstream: { host: serverUrl.hostname, port: Number(serverUrl.port || 5432) },
    });
    try {
      const files = values.all ? [] : THROUGH_PGBOUNCER.map((file) => `tests/${file}`);
      console.log(
        `== end-to-end tests through PgBouncer (transaction mode, 127.0.0.1:${bouncer.port} → ${serverUrl.host}): ${values.all ? "the whole suite" : `${files.length} files`}`,
      );
      const result = pnpm(["exec", "vitest", "run", "--config", "tests/vitest.config.ts", ...files], {
        ...process.env,
        TEST_DATABASE_URL: serverUrl.toString(),
        TEST_DATABASE_POOLER_URL: `postgresql://postgres@127.0.0.1:${bouncer.port}`,
      });
      failed ||= result.status !== 0;
    } finally {
      await teardown(directory, [{ kind: "process", value: bouncer }]);
    }
  }
}

process.exit(failed ? 1 : 0);
