// pnpm bench [--database URL] [--duration 10] [--tenant slug] [--only key,key] [--api packages/api/dist/main.js]
//
// Starts the built API (a child process, so its memory is its own) against the generated database, mints tokens for
// the data set's users with the development key, and drives each scenario with autocannon at a fixed number of
// connections. Reports req/s, p50/p95/p99 latency, SQL statements per request (the API's own statement counter) and
// the API's resident memory; writes packages/bench/results/latest.json and prints a markdown table.
import { type ChildProcess, fork } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { DEFAULT_BENCH_DATABASE, type DevSigningKey, loadOrCreateDevKey, mintToken, projectRoot } from "../dev-key.js";
import { readPlans, startPlanCapture, stopPlanCapture } from "./explain.js";
import { startPostgraphilePeer } from "./postgraphile-peer.js";
import { type Actor, type BenchUsers, SCENARIOS, type Scenario, type Target } from "./scenarios.js";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    tenant: { type: "string" },
    only: { type: "string" },
    api: { type: "string", default: join(projectRoot, "packages", "api", "dist", "main.js") },
    explain: { type: "boolean", default: false },
    pgbouncer: { type: "boolean", default: false },
    "pgbouncer-port": { type: "string" },
    "explain-min-ms": { type: "string", default: "2" },
    "server-log": { type: "string", default: "/var/log/postgresql/postgresql-15-main.log" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    "pnpm bench [--database URL] [--duration seconds] [--warmup seconds] [--tenant slug] [--only key,key] [--api path/to/main.js]",
  );
  console.log("  --explain [--explain-min-ms 2] [--server-log /var/log/postgresql/postgresql-15-main.log]: no load; the plans");
  console.log("    (auto_explain, EXPLAIN ANALYZE) of each scenario's slower statements go to results/plans.md");
  console.log("  --pgbouncer: run the API's scenarios again through PgBouncer in transaction mode (Debian's pgbouncer, started by");
  console.log("    scripts/scale-out/topology.mjs in front of the same server) and report both, direct and through it;");
  console.log("    --pgbouncer-port N picks its port (default: a free one)");
  console.log(`Scenarios: ${SCENARIOS.map((scenario) => scenario.key).join(", ")}`);
  process.exit(0);
}
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const only = values.only ? new Set(values.only.split(",")) : null;
if (!existsSync(values.api)) {
  console.error(`No built API at ${values.api}: run \`pnpm build\` first (pnpm bench does).`);
  process.exit(1);
}

interface ScenarioResult {
  key: string;
  target: Scenario["target"];
  title: string;
  document?: string;
  connections: number;
  skipped?: string;
  requests?: number;
  requestsPerSecond?: number;
  latencyMs?: { p50: number; p95: number; p99: number; max: number };
  errors?: number;
  non2xx?: number;
  sqlStatementsPerRequest?: number | null;
  apiRssMb?: number | null;
  p95TargetMs?: number;
  p95TargetMet?: boolean;
}

const users = await findUsers(values.database, values.tenant);
const key = await loadOrCreateDevKey();
const tokens = await mintTokens(key, users);
console.log(
  `Data set: tenant ${users.tenantSlug}, coordinator ${users.coordinator}, member ${users.member ?? "–"}, request ${users.openRequestId ?? "–"}`,
);

const loadBefore = loadavg()[0] ?? 0;
if (values.explain) await explainScenarios();
let api = await startApi(values.api, values.database);
const apollo = await startApollo();
// Each PostGraphile peer only when a scenario asks it (it introspects the whole schema on start).
const wanted = (target: Target) => SCENARIOS.some((scenario) => scenario.target === target && (!only || only.has(scenario.key)));
const peers: Partial<Record<Target, { child: ChildProcess; url: string }>> = {
  postgraphile: wanted("postgraphile") ? await startPostgraphilePeer(values.database, 4) : undefined,
  postgraphile5: wanted("postgraphile5") ? await startPostgraphilePeer(values.database, 5) : undefined,
};
const results: ScenarioResult[] = [];
let idleRssMb: number | null = null;
try {
  const idle = await probe(api.child);
  idleRssMb = idle ? mb(idle.rss) : null;
  for (const scenario of SCENARIOS) {
    if (only && !only.has(scenario.key)) continue;
    const result = await runScenario(scenario);
    results.push(result);
    console.log(summaryLine(result));
  }
} finally {
  api.child.kill("SIGTERM");
  for (const peer of Object.values(peers)) peer?.child.kill("SIGTERM");
}

// The same API scenarios through PgBouncer in transaction mode in front of the same server (issue 23).
const throughPgbouncer: ScenarioResult[] = [];
if (values.pgbouncer) {
  const topology = await import("../../../../scripts/scale-out/topology.mjs");
  const unavailable = topology.scaleOutUnavailable();
  if (unavailable && !topology.binaries.pgbouncer) {
    console.log(`- through PgBouncer: skipped — ${unavailable}`);
  } else {
    const server = new URL(values.database);
    const directory = topology.makeWorkDirectory("medverkan-bench-pgbouncer-");
    const bouncer = await topology.startPgBouncer(directory, {
      port: values["pgbouncer-port"] ? Number(values["pgbouncer-port"]) : await freePort(),
      upstream: { host: server.hostname, port: Number(server.port || 5432) },
    });
    try {
      const pooled = new URL(values.database);
      pooled.host = `127.0.0.1:${bouncer.port}`;
      pooled.searchParams.set("pgbouncer", "true");
      api = await startApi(values.api, pooled.toString(), values.database);
      try {
        for (const scenario of SCENARIOS) {
          if (scenario.target !== "api" || (only && !only.has(scenario.key))) continue;
          const result = await runScenario(scenario);
          throughPgbouncer.push(result);
          console.log(`${summaryLine(result)} (through PgBouncer)`);
        }
      } finally {
        // Gone before PgBouncer is, so its last statements do not fail against a stopped pooler.
        const exited = new Promise((resolve) => api.child.once("exit", resolve));
        api.child.kill("SIGTERM");
        await exited;
      }
    } finally {
      await topology.teardown(directory, [{ kind: "process", value: bouncer }]);
    }
  }
}
apollo.child.kill("SIGTERM");

// Issue 19's targets are ratios within one run, so that the machine's load weighs on both sides alike.
const throughput = (key: string) => results.find((result) => result.key === key)?.requestsPerSecond ?? null;
const ratioOf = (key: string, peerKey: string) => {
  const ours = throughput(key);
  const theirs = throughput(peerKey);
  return ours && theirs ? Math.round((ours / theirs) * 1000) / 1000 : null;
};
const ratios: readonly Ratio[] = [
  { label: "Page of 50 requests vs PostGraphile 5", value: ratioOf("requests-page", "postgraphile5-requests-page"), target: 1.0 },
  { label: "Page of 50 requests vs PostGraphile 4", value: ratioOf("requests-page", "postgraphile-requests-page"), target: 1.0 },
  { label: '`me` vs bare Apollo "hello"', value: ratioOf("me", "apollo-hello"), target: 0.5 },
];
const ratio = ratioOf("me", "apollo-hello");
const peakRssMb = Math.max(idleRssMb ?? 0, ...results.filter((result) => result.target === "api").map((result) => result.apiRssMb ?? 0));
const report = {
  at: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  // Other work on the machine competes with the API, the database and the load generator for the same cores.
  loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
  database: values.database.replace(/:[^:@/]*@/, "@"),
  durationSeconds: duration,
  // The pending invitations the answers used are thousands of ids: their number is enough here.
  users: { ...users, pendingInvitations: users.pendingInvitations.length },
  scenarios: results,
  ...(values.pgbouncer ? { throughPgbouncer } : {}),
  meVersusApollo: ratio,
  ratios,
  api: { idleRssMb, peakRssMb },
};
const resultsDirectory = join(projectRoot, "packages", "bench", "results");
mkdirSync(resultsDirectory, { recursive: true });
writeFileSync(join(resultsDirectory, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\n${markdown(report.scenarios, ratios, peakRssMb)}`);
if (throughPgbouncer.length > 0) console.log(`\n${pgbouncerComparison(results, throughPgbouncer)}`);
console.log(`Load average (1 min) before ${report.loadAverage.before}, after ${report.loadAverage.after} on ${report.machine.cpus} cores.`);
console.log(`\nWritten to packages/bench/results/latest.json`);

// ─── Query plans ────────────────────────────────────────────────────────────────────────────────────────────

async function explainScenarios(): Promise<never> {
  const logFile = values["server-log"];
  const databaseName = new URL(values.database).pathname.slice(1);
  await startPlanCapture(values.database, logFile, Number(values["explain-min-ms"]));
  const sections: string[] = [
    `# Query plans of the benchmark scenarios`,
    "",
    `Statements slower than ${values["explain-min-ms"]} ms (auto_explain, EXPLAIN ANALYZE with buffers), tenant ${users.tenantSlug}, ${new Date().toISOString()}.`,
  ];
  let explainApi: Awaited<ReturnType<typeof startApi>> | null = null;
  try {
    explainApi = await startApi(values.api, values.database);
    const url = explainApi.url;
    for (const scenario of SCENARIOS) {
      if (scenario.target !== "api" || (only && !only.has(scenario.key))) continue;
      const headersFor = await requestHeaders(scenario);
      const offset = statSync(logFile).size;
      let answered: string | null = null;
      for (const document of scenario.documents) {
        const send = (n: number) =>
          fetch(url, {
            method: "POST",
            headers: headersFor(n),
            body: JSON.stringify({ query: document.query, variables: scenario.variables(users, n) }),
          }).then((response) => response.json() as Promise<{ errors?: unknown }>);
        if ((await send(1_000_000)).errors) continue;
        for (let n = 1; n <= 5; n += 1) await send(1_000_000 + n);
        answered = document.label;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      const plans = readPlans(logFile, { offset }, databaseName);
      sections.push(
        "",
        `## ${scenario.title}`,
        "",
        answered ? `Document: ${answered}; ${plans.length} slow statements in 6 requests.` : "Not available in this API yet.",
      );
      for (const plan of plans.slice(0, 6)) sections.push("", `### ${plan.durationMs} ms`, "", "```", plan.text.trim(), "```");
      console.log(`- ${scenario.key}: ${answered ? `${plans.length} statements over the threshold` : "not available"}`);
    }
  } finally {
    explainApi?.child.kill("SIGTERM");
    await stopPlanCapture(values.database);
  }
  const file = join(projectRoot, "packages", "bench", "results", "plans.md");
  writeFileSync(file, `${sections.join("\n")}\n`);
  console.log(`Plans written to packages/bench/results/plans.md`);
  process.exit(0);
}

// ─── Scenarios ──────────────────────────────────────────────────────────────────────────────────────────────

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const base: ScenarioResult = {
    key: scenario.key,
    target: scenario.target,
    title: scenario.title,
    connections: scenario.connections,
    p95TargetMs: scenario.p95TargetMs,
  };
  const reason = scenario.unavailable?.(users);
  if (reason) return { ...base, skipped: reason };
  const peer = peers[scenario.target];
  const url = scenario.target === "api" ? api.url : (peer?.url ?? apollo.url);
  // The processes that answer the probe (statements sent, memory): the API and the PostGraphile peers.
  const probed = scenario.target === "api" ? api.child : (peer?.child ?? null);
  const headersFor = await requestHeaders(scenario);

  // The first document the API answers without errors; the errors of the others explain a skip.
  let chosen: Scenario["documents"][number] | null = null;
  const refusals: string[] = [];
  for (const document of scenario.documents) {
    const response = await fetch(url, {
      method: "POST",
      headers: headersFor(0),
      body: JSON.stringify({ query: document.query, variables: scenario.variables(users, 0) }),
    });
    const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }> };
    if (response.ok && !body.errors) {
      chosen = document;
      break;
    }
    refusals.push(`${document.label}: ${body.errors?.map((error) => error.message).join("; ") ?? `HTTP ${response.status}`}`);
  }
  if (!chosen) return { ...base, skipped: `not available in this API yet (${refusals.join(" | ").slice(0, 300)})` };

  let sequence = 1;
  // Each request's body and headers from the same sequence number (a scenario may change who sends it).
  const next = (request: autocannon.Request) => {
    const n = sequence++;
    return {
      ...request,
      headers: headersFor(n),
      body: JSON.stringify({ query: chosen.query, variables: scenario.variables(users, n) }),
    };
  };
  const load = (seconds: number) =>
    autocannon({
      url,
      connections: scenario.connections,
      duration: seconds,
      method: "POST",
      requests: [{ setupRequest: next }],
    });
  if (warmup > 0) await load(warmup);

  const latencies: number[] = [];
  const before = probed ? await probe(probed) : null;
  let peakRss = before?.rss ?? 0;
  const sampler = setInterval(() => {
    if (!probed) return;
    probe(probed)
      .then((sample) => {
        peakRss = Math.max(peakRss, sample?.rss ?? 0);
      })
      .catch(() => {});
  }, 500);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: scenario.connections,
        duration,
        method: "POST",
        requests: [{ setupRequest: next }],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    // autocannon reports only fixed percentiles (no p95): every response time is kept instead.
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  clearInterval(sampler);
  const after = probed ? await probe(probed) : null;
  peakRss = Math.max(peakRss, after?.rss ?? 0);
  const total = result.requests.total;
  const p95 = percentile(latencies, 0.95);
  if (latencies.length === 0)
    console.log(`  ${scenario.key}: no response within ${duration} s (autocannon times a request out after 10 s)`);
  return {
    ...base,
    document: chosen.label,
    requests: total,
    requestsPerSecond: round(total / duration),
    latencyMs: { p50: percentile(latencies, 0.5), p95, p99: percentile(latencies, 0.99), max: round(Math.max(0, ...latencies)) },
    errors: result.errors,
    non2xx: result.non2xx,
    sqlStatementsPerRequest: before && after && total > 0 ? round((after.statements - before.statements) / total) : null,
    // The peer's own memory for its row: the API's peak below leaves it out.
    apiRssMb: probed ? mb(peakRss) : null,
    // No answer within the run is a miss, not a zero latency.
    p95TargetMet: scenario.p95TargetMs === undefined ? undefined : latencies.length > 0 && p95 < scenario.p95TargetMs,
  };
}

function tokenFor(actor: Actor): string | null {
  return actor === "anonymous" ? null : tokens[actor];
}

/**
 * The headers of a scenario's request number `n`: the scenario's actor's token, or, where the requests are sent in
 * turn by several people (`sentBy`), that person's token, minted once per person before the load.
 */
async function requestHeaders(scenario: Scenario): Promise<(n: number) => Record<string, string>> {
  const json = { "content-type": "application/json" };
  const withToken = (token: string | null) => (token ? { ...json, authorization: `Bearer ${token}` } : json);
  const senders = scenario.sentBy?.(users) ?? [];
  if (senders.length === 0) {
    const headers = withToken(tokenFor(scenario.actor));
    return () => headers;
  }
  const audience = `medverkan:${users.tenantSlug}`;
  const minted = new Map<string, Record<string, string>>();
  for (const subject of senders) if (!minted.has(subject)) minted.set(subject, withToken(await mintToken(key, subject, audience)));
  return (n) => minted.get(senders[n % senders.length] as string) as Record<string, string>;
}

// ─── The data set's users ───────────────────────────────────────────────────────────────────────────────────

async function findUsers(url: string, slug: string | undefined): Promise<BenchUsers> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <Row extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
      (await client.query<Row>(sql, params)).rows[0] ?? null;
    const tenant = slug
      ? await one<{ id: string; slug: string }>(`SELECT id, slug FROM "Tenant" WHERE slug = $1`, [slug])
      : await one<{ id: string; slug: string }>(
          `SELECT t.id, t.slug FROM "Tenant" t JOIN "Request" r ON r."tenantId" = t.id GROUP BY t.id, t.slug ORDER BY count(*) DESC, t.slug LIMIT 1`,
          [],
        );
    if (!tenant) throw new Error(`No tenant${slug ? ` "${slug}"` : " with requests"}: run \`pnpm generate:national\` first.`);
    const network = await one<{ id: string }>(
      `SELECT "networkId" AS id FROM "Membership" WHERE "tenantId" = $1 AND status = 'ACTIVE' GROUP BY "networkId" ORDER BY count(*) DESC LIMIT 1`,
      [tenant.id],
    );
    if (!network) throw new Error(`Tenant ${tenant.slug} has no active members`);
    const staff = async (role: string, networkId: string | null) =>
      (
        await one<{ subject: string }>(
          `SELECT s.subject FROM "RoleGrant" g JOIN "StaffUser" s ON s."tenantId" = g."tenantId" AND s.id = g."staffUserId"
            WHERE g."tenantId" = $1 AND g.role = $2::"StaffRole" AND g."revokedAt" IS NULL AND s."disabledAt" IS NULL
              AND ($3::uuid IS NULL OR g."networkId" = $3::uuid OR g."networkId" IS NULL)
            ORDER BY s.subject LIMIT 1`,
          [tenant.id, role, networkId],
        )
      )?.subject ?? null;
    const coordinator = await staff("COORDINATOR", network.id);
    if (!coordinator) throw new Error(`No coordinator of the largest network of ${tenant.slug}`);
    const member = await one<{ subject: string }>(
      `SELECT m.subject FROM "Member" m JOIN "Assignment" a ON a."tenantId" = m."tenantId" AND a."memberId" = m.id
        WHERE m."tenantId" = $1 AND m.subject IS NOT NULL AND m."erasedAt" IS NULL
        GROUP BY m.id, m.subject ORDER BY count(*) DESC, m.subject LIMIT 1`,
      [tenant.id],
    );
    const request = await one<{ id: string }>(
      `SELECT id FROM "Request" WHERE "tenantId" = $1 AND "networkId" = $2 AND status IN ('MATCHING', 'PARTLY_FILLED', 'SUBMITTED')
        ORDER BY (status = 'MATCHING') DESC, "submittedAt" DESC LIMIT 1`,
      [tenant.id, network.id],
    );
    const consent = await one<{ version: string }>(
      `SELECT version FROM "ConsentText" WHERE "tenantId" = $1 AND kind = 'PROCESSING' AND "retiredAt" IS NULL ORDER BY "publishedAt" DESC LIMIT 1`,
      [tenant.id],
    );
    const contactConsent = await one<{ version: string }>(
      `SELECT version FROM "ConsentText" WHERE "tenantId" = $1 AND kind = 'CONTACT_SHARING' AND "retiredAt" IS NULL ORDER BY "publishedAt" DESC LIMIT 1`,
      [tenant.id],
    );
    const pendingInvitations = await invitationsToAnswer(client, tenant.id, network.id);
    const year = await one<{ year: number }>(
      `SELECT extract(year FROM max("submittedAt"))::int - 1 AS year FROM "Request" WHERE "tenantId" = $1`,
      [tenant.id],
    );
    return {
      tenantSlug: tenant.slug,
      networkId: network.id,
      coordinator,
      analyst: await staff("ANALYST", null),
      member: member?.subject ?? null,
      openRequestId: request?.id ?? null,
      consentVersion: consent?.version ?? "1",
      contactConsentVersion: contactConsent?.version ?? "1",
      pendingInvitations,
      year: year?.year ?? new Date().getFullYear() - 1,
    };
  } finally {
    await client.end();
  }
}

/**
 * Pending invitations for `respondToInvitation`, one per request of the load. The generated history has almost none
 * left open (they lapsed or were answered), so the bench sends its own: members of the network who can sign in, who
 * are neither erased nor restricted, invited to the network's open requests they were not yet asked to, with two weeks
 * to answer — what `inviteMembers` would have written. Each run adds what the previous one used up.
 */
async function invitationsToAnswer(client: pg.Client, tenantId: string, networkId: string) {
  const wanted = 5_000;
  await client.query(
    `INSERT INTO "Invitation" ("tenantId", "id", "requestId", "memberId", "status", "invitedAt", "expiresAt", "message")
     SELECT $1, gen_random_uuid(), r.id, m.id, 'PENDING', now(), now() + interval '14 days', 'Inbjudan från benchmarken.'
       FROM (SELECT id FROM "Request" WHERE "tenantId" = $1 AND "networkId" = $2 AND status IN ('MATCHING', 'PARTLY_FILLED')
              ORDER BY "submittedAt" DESC LIMIT 20) r
      CROSS JOIN LATERAL (
        SELECT m.id FROM "Member" m
          JOIN "Membership" s ON s."tenantId" = m."tenantId" AND s."memberId" = m.id AND s."networkId" = $2 AND s.status = 'ACTIVE'
         WHERE m."tenantId" = $1 AND m."erasedAt" IS NULL AND m."restrictedAt" IS NULL
           AND EXISTS (SELECT 1 FROM "Login" l WHERE l."tenantId" = m."tenantId" AND l."memberId" = m.id)
           AND NOT EXISTS (SELECT 1 FROM "Invitation" i WHERE i."tenantId" = m."tenantId" AND i."requestId" = r.id AND i."memberId" = m.id)
         ORDER BY m.id LIMIT 400) m
      LIMIT GREATEST(0, $3 - (SELECT count(*) FROM "Invitation" i JOIN "Request" q ON q."tenantId" = i."tenantId" AND q.id = i."requestId"
                              WHERE i."tenantId" = $1 AND q."networkId" = $2 AND i.status = 'PENDING' AND i."expiresAt" > now()))`,
    [tenantId, networkId, wanted],
  );
  const { rows } = await client.query<{ id: string; memberSubject: string }>(
    `SELECT i.id, l.subject AS "memberSubject" FROM "Invitation" i
       JOIN "Request" r ON r."tenantId" = i."tenantId" AND r.id = i."requestId"
       JOIN "Member" m ON m."tenantId" = i."tenantId" AND m.id = i."memberId"
       JOIN LATERAL (SELECT subject FROM "Login" WHERE "tenantId" = m."tenantId" AND "memberId" = m.id ORDER BY id LIMIT 1) l ON true
      WHERE i."tenantId" = $1 AND r."networkId" = $2 AND i.status = 'PENDING' AND i."expiresAt" > now()
        AND r.status IN ('MATCHING', 'PARTLY_FILLED', 'FILLED') AND m."erasedAt" IS NULL AND m."restrictedAt" IS NULL
      ORDER BY i."invitedAt", i.id LIMIT $3`,
    [tenantId, networkId, wanted],
  );
  return rows;
}

async function mintTokens(signingKey: DevSigningKey, found: BenchUsers): Promise<Record<Exclude<Actor, "anonymous">, string>> {
  const audience = `medverkan:${found.tenantSlug}`;
  return {
    coordinator: await mintToken(signingKey, found.coordinator, audience),
    analyst: found.analyst ? await mintToken(signingKey, found.analyst, audience) : "",
    member: found.member ? await mintToken(signingKey, found.member, audience) : "",
  };
}

// ─── Processes ──────────────────────────────────────────────────────────────────────────────────────────────

interface Probe {
  statements: number;
  rss: number;
}

/** The API's statement count and memory; null when it is too busy to answer within 30 s. */
function probe(child: ChildProcess): Promise<Probe | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off("message", listener);
      resolve(null);
    }, 30_000);
    const listener = (message: unknown) => {
      if (typeof message !== "object" || message === null || !("statements" in message)) return;
      clearTimeout(timer);
      child.off("message", listener);
      resolve(message as Probe);
    };
    child.on("message", listener);
    child.send("probe");
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startApi(entry: string, databaseUrl: string, directUrl?: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // Production mode, as deployed: no explorer, no development tokens (the tenants trust the bench key themselves).
  const child = fork(entry, [], {
    // A TypeScript entry (packages/api/src/main.ts) runs from source through tsx, for a quick look without a build.
    execArgv: [
      ...(entry.endsWith(".ts") ? ["--import", "tsx", "--conditions=@medverkan/source"] : []),
      "--import",
      join(import.meta.dirname, "api-probe.mjs"),
      // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile of the API under the load.
      ...(process.env.BENCH_API_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...(directUrl ? { DATABASE_DIRECT_URL: directUrl } : {}),
      ...(entry.endsWith(".ts") ? { TSX_TSCONFIG_PATH: join(entry, "..", "..", "tsconfig.json") } : {}),
      SEED_ON_START: "false",
      // Production mode requires the key for stored personal identity numbers; the generated data set stores none, so
      // a fixed bench-only key (never a deployment's) serves unless one is given.
      MEDVERKAN_PII_KEY: process.env.MEDVERKAN_PII_KEY ?? Buffer.alloc(32, "medverkan-bench").toString("base64"),
      LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? "warn",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}`);
    const ready = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { child, url: `${base}/graphql` };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error("The API did not become ready within a minute");
}

async function startApollo(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(import.meta.dirname, "hello-apollo.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { ready: string }).ready));
    child.once("exit", (code) => reject(new Error(`The Apollo baseline exited with code ${code}`)));
  });
  return { child, url };
}

// ─── Figures ────────────────────────────────────────────────────────────────────────────────────────────────

function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function mb(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

function summaryLine(result: ScenarioResult): string {
  if (result.skipped) return `- ${result.key}: skipped — ${result.skipped}`;
  return `- ${result.key}: ${result.requestsPerSecond} req/s, p95 ${result.latencyMs?.p95} ms, ${result.sqlStatementsPerRequest ?? "–"} SQL/request${result.non2xx ? `, ${result.non2xx} non-2xx` : ""}`;
}

function pgbouncerComparison(direct: readonly ScenarioResult[], pooled: readonly ScenarioResult[]): string {
  const lines = [
    "| Scenario | Conn. | req/s direct | req/s through PgBouncer | p95 ms direct | p95 ms through PgBouncer |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const row of pooled) {
    const same = direct.find((candidate) => candidate.key === row.key);
    if (row.skipped || !same || same.skipped) continue;
    lines.push(
      `| ${row.title} | ${row.connections} | ${same.requestsPerSecond} | ${row.requestsPerSecond} | ${same.latencyMs?.p95} | ${row.latencyMs?.p95} |`,
    );
  }
  return lines.join("\n");
}

interface Ratio {
  readonly label: string;
  /** Our req/s over the other's, in the same run; null when either was not run. */
  readonly value: number | null;
  readonly target: number;
}

function markdown(rows: readonly ScenarioResult[], ratios: readonly Ratio[], peakRss: number): string {
  const lines = [
    "| Scenario | Conn. | req/s | p50 ms | p95 ms | p99 ms | SQL/req | Server RSS MB | Target |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of rows) {
    if (row.skipped) {
      lines.push(`| ${row.title} | ${row.connections} | skipped: ${row.skipped.slice(0, 80)} | | | | | | |`);
      continue;
    }
    const target = row.p95TargetMs === undefined ? "" : `p95 < ${row.p95TargetMs} ms: ${row.p95TargetMet ? "met" : "**missed**"}`;
    lines.push(
      `| ${row.title} | ${row.connections} | ${row.requestsPerSecond} | ${row.latencyMs?.p50} | ${row.latencyMs?.p95} | ${row.latencyMs?.p99} | ${row.sqlStatementsPerRequest ?? "–"} | ${row.apiRssMb ?? "–"} | ${target} |`,
    );
  }
  const measured = ratios.filter((ratio) => ratio.value !== null);
  if (measured.length > 0) lines.push("", "| Ratio of req/s in this run | Measured | Target |", "|---|---:|---|");
  for (const { label, value, target } of measured)
    lines.push(`| ${label} | ${value} | ≥ ${target}: ${(value as number) >= target ? "met" : "**missed**"} |`);
  lines.push("");
  lines.push(`API peak RSS ${peakRss} MB (target < 300 MB).`);
  return lines.join("\n");
}
