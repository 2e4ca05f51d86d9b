// pnpm --filter @medverkan/bench run cpu [--database URL] [--requests 2000] [--connections 4] [--only me,requests-page]
// (from the root: node scripts/pnpm.mjs --filter @medverkan/bench run cpu --only requests-page). Only scenarios that
// need no variables and fit a coordinator (requests-page, me): every request carries the first coordinator's token.
//
// The API's own CPU time per request (user + system, read from /proc), for comparing two builds on a machine that is
// busy with other work: requests per second move with the machine's load, the CPU the API spends per request much less.
// Starts the built API against the benchmark database like `pnpm bench` does, warms each scenario up, then sends
// `--requests` requests with `--connections` in flight and divides the API process's CPU time by the requests.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { DEFAULT_BENCH_DATABASE, loadOrCreateDevKey, mintToken, projectRoot } from "../dev-key.js";
import { SCENARIOS } from "./scenarios.js";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE },
    requests: { type: "string", default: "2000" },
    connections: { type: "string", default: "4" },
    warmup: { type: "string", default: "200" },
    only: { type: "string", default: "me,requests-page" },
    api: { type: "string", default: join(projectRoot, "packages", "api", "dist", "main.js") },
  },
});
const requests = Number(values.requests);
const connections = Number(values.connections);
const warmup = Number(values.warmup);

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name), in clock ticks.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// The coordinator of the largest network of the tenant with the most requests, as `pnpm bench` picks them.
const client = new pg.Client({ connectionString: values.database });
await client.connect();
const { rows } = await client.query<{ slug: string; subject: string }>(
  `WITH t AS (SELECT t.id, t.slug FROM "Tenant" t JOIN "Request" r ON r."tenantId" = t.id GROUP BY t.id, t.slug ORDER BY count(*) DESC, t.slug LIMIT 1),
        n AS (SELECT "networkId" AS id FROM "Membership" WHERE "tenantId" = (SELECT id FROM t) AND status = 'ACTIVE'
               GROUP BY "networkId" ORDER BY count(*) DESC LIMIT 1)
   SELECT (SELECT slug FROM t) AS slug, s.subject FROM "RoleGrant" g JOIN "StaffUser" s ON s."tenantId" = g."tenantId" AND s.id = g."staffUserId"
    WHERE g."tenantId" = (SELECT id FROM t) AND g.role = 'COORDINATOR' AND g."revokedAt" IS NULL AND s."disabledAt" IS NULL
      AND (g."networkId" = (SELECT id FROM n) OR g."networkId" IS NULL)
    ORDER BY s.subject LIMIT 1`,
);
await client.end();
const found = rows[0];
if (!found) throw new Error("No coordinator in the benchmark database: run `npm run generate:national` first.");
const token = await mintToken(await loadOrCreateDevKey(), found.subject, `medverkan:${found.slug}`);

const port = await freePort();
const api = fork(values.api, [], {
  // The built API alone: no loader or source conditions inherited from this (tsx) process.
  execArgv: [],
  env: {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: values.database,
    SEED_ON_START: "false",
    LOG_LEVEL: "warn",
    // Production mode requires the key; these scenarios read no personal identity number, so any key will do.
    MEDVERKAN_PII_KEY: process.env.MEDVERKAN_PII_KEY ?? randomBytes(32).toString("base64"),
  },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const url = `http://127.0.0.1:${port}`;
try {
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || api.exitCode !== null) throw new Error("The API did not become ready");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = api.pid ?? 0;
  console.log(
    `tenant ${found.slug}, ${requests} requests per scenario, ${connections} in flight, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  for (const key of values.only.split(",")) {
    const scenario = SCENARIOS.find((candidate) => candidate.key === key);
    const document = scenario?.documents[0];
    if (!document) throw new Error(`No scenario ${key}`);
    const body = JSON.stringify({ query: document.query, variables: {} });
    const send = async () => {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      const result = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || result.errors) throw new Error(`${key}: ${JSON.stringify(result).slice(0, 500)}`);
    };
    const run = async (count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (next < count) {
            next += 1;
            await send();
          }
        }),
      );
    };
    await run(warmup);
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    await run(requests);
    const wall = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(pid) - cpuBefore;
    console.log(
      `${key.padEnd(14)} API CPU ${((cpu / requests) * 1000).toFixed(2)} ms/request (${cpu.toFixed(1)} s), ${(requests / wall).toFixed(0)} req/s, load ${loadavg()[0]?.toFixed(1)}`,
    );
  }
} finally {
  api.kill("SIGTERM");
}
