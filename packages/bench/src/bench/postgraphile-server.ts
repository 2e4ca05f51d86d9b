// The peer to beat for nested reads: PostGraphile 4 on the same database, read-only, forked by the benchmark runner
// (see postgraphile-peer.ts). It is held to what the API is held to, so the comparison is fair:
// - it connects like the API (the owner URL) but runs every request as medverkan_app, a role that owns nothing and
//   cannot bypass row-level security, with `app.tenant_id` set transaction-locally (PostGraphile's pgSettings become
//   `set_config(..., true)` in the request's transaction, exactly as the API's TenantScope does);
// - the tenant comes from a bearer token verified against that tenant's own trusted keys (issuer, audience, keys
//   from the Tenant row, as the API's token verifier does); a request without a valid token gets no tenant and
//   therefore no rows;
// - the same pool size as the API (DATABASE_POOL_SIZE, default 10) and production mode.
// It does not do the API's other per-request work: no actor and grant lookup, no audit events for the invitees
// read, no expiry of lapsed invitations, no query cost limit. The network scope is the query's `condition`.
//
// Answers the runner's "probe" message like api-probe.mjs: statements sent so far and resident memory.
import { createServer } from "node:http";
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, type JWTVerifyGetKey, jwtVerify } from "jose";
import pg from "pg";
import postgraphileModule from "postgraphile";

const APPLICATION_ROLE = "medverkan_app";
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");

/**
 * Statements sent, counted like the API's counter (packages/prisma/src/connection.ts counts what goes through the
 * driver adapter's queryRaw/executeRaw: the transaction's statements and its COMMIT, not the BEGIN, which
 * @prisma/adapter-pg sends before the counter sees the transaction). PostGraphile sends BEGIN, set_config, the
 * query and COMMIT on one client; all but BEGIN are counted.
 */
let statements = 0;
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), idleTimeoutMillis: 30_000 });
pool.on("connect", (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
    if (!/^\s*begin\b/i.test(text ?? "")) statements += 1;
    return query(...args);
  };
});

interface TrustedTenant {
  id: string;
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
}

// Platform-level read of the tenants' token settings, once: the tenants of a benchmark do not change under it.
const tenantsByAudience = new Map<string, TrustedTenant>();
for (const row of (
  await pool.query<{ id: string; tokenIssuer: string; tokenAudience: string; publicKeys: JSONWebKeySet | null }>(
    `SELECT id, "tokenIssuer", "tokenAudience", "publicKeys" FROM "Tenant" WHERE "retiredAt" IS NULL AND "publicKeys" IS NOT NULL`,
  )
).rows) {
  if (row.publicKeys)
    tenantsByAudience.set(row.tokenAudience, {
      id: row.id,
      issuer: row.tokenIssuer,
      audience: row.tokenAudience,
      keys: createLocalJWKSet(row.publicKeys),
    });
}
statements = 0;

/** The tenant of a verified bearer token, or null (no rows under row-level security). */
async function tenantOf(authorization: string | undefined): Promise<string | null> {
  const token = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : null;
  if (!token) return null;
  try {
    const audiences = decodeJwt(token).aud;
    const tenant = tenantsByAudience.get((Array.isArray(audiences) ? audiences[0] : audiences) ?? "");
    if (!tenant) return null;
    await jwtVerify(token, tenant.keys, {
      algorithms: ["RS256", "ES256", "EdDSA"],
      issuer: tenant.issuer,
      audience: tenant.audience,
      requiredClaims: ["exp", "sub"],
    });
    return tenant.id;
  } catch {
    return null;
  }
}

const handler = postgraphileModule.postgraphile(pool, "public", {
  watchPg: false,
  graphiql: false,
  disableQueryLog: true,
  disableDefaultMutations: true,
  ignoreRBAC: false,
  setofFunctionsContainNulls: false,
  legacyRelations: "omit",
  retryOnInitFail: false,
  enableQueryBatching: false,
  showErrorStack: false,
  pgSettings: async (request) => ({
    role: APPLICATION_ROLE,
    // An empty tenant matches no row: the policies read NULLIF(current_setting('app.tenant_id', true), '').
    "app.tenant_id": (await tenantOf(request.headers.authorization)) ?? "",
  }),
});

process.on("message", (message) => {
  if (message !== "probe" || !process.send) return;
  process.send({ statements, rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed }, () => {});
});

const server = createServer(handler);
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.send?.({ ready: `http://127.0.0.1:${port}/graphql` });
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
