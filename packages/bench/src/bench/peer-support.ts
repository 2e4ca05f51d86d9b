// What the PostGraphile peers (postgraphile-server.ts for 4, ../../peers/postgraphile5/server.ts for 5) share, so both
// are held to the same rules as the API and to each other:
// - a pool that connects like the API (the owner URL, the API's pool size) and counts the statements it sends the way
//   the API's counter does (packages/prisma/src/connection.ts counts the transaction's statements and its COMMIT, not
//   the BEGIN, which @prisma/adapter-pg sends before the counter sees the transaction);
// - the tenant of a request only from a bearer token verified against that tenant's own trusted keys (issuer,
//   audience, keys from the Tenant row, as the API's token verifier does); no valid token, no tenant, no rows;
// - the runner's "probe" message answered like api-probe.mjs: statements sent so far and resident memory.
// Requests run as APPLICATION_ROLE with `app.tenant_id` set transaction-locally, as the API's TenantScope does.
import type { Server } from "node:http";
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, type JWTVerifyGetKey, jwtVerify } from "jose";
import pg from "pg";

/** The role every peer request runs as: it owns nothing and cannot bypass row-level security. */
export const APPLICATION_ROLE = "medverkan_app";

export interface CountingPool {
  readonly pool: pg.Pool;
  statements(): number;
}

export function countingPool(databaseUrl: string): CountingPool {
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
  return { pool, statements: () => statements };
}

interface TrustedTenant {
  id: string;
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
}

/**
 * The tenant of a request's `Authorization` header, or null. The tenants' token settings are read once, as the
 * platform: the tenants of a benchmark do not change under it.
 */
export async function tokenVerifier(pool: pg.Pool): Promise<(authorization: string | undefined) => Promise<string | null>> {
  const tenantsByAudience = new Map<string, TrustedTenant>();
  const { rows } = await pool.query<{ id: string; tokenIssuer: string; tokenAudience: string; publicKeys: JSONWebKeySet | null }>(
    `SELECT id, "tokenIssuer", "tokenAudience", "publicKeys" FROM "Tenant" WHERE "retiredAt" IS NULL AND "publicKeys" IS NOT NULL`,
  );
  for (const row of rows) {
    if (row.publicKeys)
      tenantsByAudience.set(row.tokenAudience, {
        id: row.id,
        issuer: row.tokenIssuer,
        audience: row.tokenAudience,
        keys: createLocalJWKSet(row.publicKeys),
      });
  }
  return async (authorization) => {
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
  };
}

/** The settings a request's transaction runs with; an empty tenant matches no row (the policies read NULLIF(…, '')). */
export function requestSettings(tenantId: string | null): Record<string, string> {
  return { role: APPLICATION_ROLE, "app.tenant_id": tenantId ?? "" };
}

/** Listens on a free port of 127.0.0.1, answers the runner's probe, tells the runner its URL and ends on SIGTERM. */
export function servePeer(server: Server, counting: CountingPool, close: () => Promise<void> = () => counting.pool.end()): void {
  process.on("message", (message) => {
    if (message !== "probe" || !process.send) return;
    const memory = process.memoryUsage();
    process.send({ statements: counting.statements(), rss: memory.rss, heapUsed: memory.heapUsed }, () => {});
  });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.send?.({ ready: `http://127.0.0.1:${port}/graphql` });
  });
  process.on("SIGTERM", () => {
    server.close();
    void close().finally(() => process.exit(0));
  });
}
