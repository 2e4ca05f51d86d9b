import { type Database, openDatabase } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/test-database.js";
import { APPLICATION_ROLE, TenantScope } from "../tenant-scope.js";

// (`::text` casts: the pg driver adapter cannot read PostgreSQL's `name` type, prisma/prisma#27403.)
// SECURITY.md: RLS (ENABLE + FORCE, USING and WITH CHECK) on every tenant-scoped table; the application runs as a
// role that neither owns the tables nor bypasses RLS; the tenant setting is transaction-local.

let database: Database;
let dispose: () => Promise<void>;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase());
  const prisma = database.prisma;
  const [a, b] = await Promise.all(
    ["a", "b"].map((slug) =>
      prisma.tenant.create({ data: { slug: `rls-${slug}`, name: slug, tokenIssuer: "iss", tokenAudience: `aud-${slug}` } }),
    ),
  );
  tenantA = a?.id ?? "";
  tenantB = b?.id ?? "";
  for (const tenantId of [tenantA, tenantB]) {
    await prisma.network.create({ data: { tenantId, slug: "pool", name: "Pool", careDomain: "MIXED", contactEmail: "pool@example.se" } });
  }
});

afterAll(async () => {
  await dispose?.();
});

/** The test database again, through a pool of exactly one connection (PGlite has only one anyway). */
async function openSingleConnection(): Promise<{ prisma: Database["prisma"]; close(): Promise<void> }> {
  if (database.kind === "embedded") return { prisma: database.prisma, close: async () => {} };
  const [current] = await database.prisma.$queryRaw<{ name: string }[]>`SELECT current_database()::text AS name`;
  const url = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "");
  url.pathname = `/${current?.name ?? ""}`;
  const single = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 1 });
  return { prisma: single.prisma, close: () => single.close() };
}

describe("row-level security", () => {
  it("is enabled and forced, with USING and WITH CHECK, on every table that carries a tenant id", async () => {
    const rows = await database.prisma.$queryRaw<
      { table: string; enabled: boolean; forced: boolean; policies: bigint; complete: bigint }[]
    >`
      SELECT c.relname::text AS "table", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies,
             (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                AND p.qual LIKE '%app.tenant_id%' AND p.with_check LIKE '%app.tenant_id%') AS complete
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r' AND EXISTS (
        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped)
      ORDER BY 1`;
    expect(rows.length).toBeGreaterThan(30);
    const unprotected = rows.filter((row) => !row.enabled || !row.forced || Number(row.complete) < 1).map((row) => row.table);
    expect(unprotected).toEqual([]);
  });

  it("runs tenant transactions as a role that owns nothing and cannot bypass RLS", async () => {
    const [role] = await new TenantScope(database.prisma, tenantA).transaction(
      (tx) => tx.$queryRaw<{ user: string; bypass: boolean; superuser: boolean; owns: bigint }[]>`
        SELECT current_user::text AS "user", r.rolbypassrls AS bypass, r.rolsuper AS superuser,
               (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owns
        FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual({ user: APPLICATION_ROLE, bypass: false, superuser: false, owns: 0n });
  });

  it("shows only the scoped tenant's rows, even to a query without a tenant filter", async () => {
    const visible = await new TenantScope(database.prisma, tenantA).transaction(
      (tx) => tx.$queryRaw<{ tenantId: string }[]>`SELECT "tenantId" FROM "Network"`,
    );
    expect(visible.map((row) => row.tenantId)).toEqual([tenantA]);
  });

  it("refuses to write a row of another tenant", async () => {
    await expect(
      new TenantScope(database.prisma, tenantA).transaction((tx) =>
        tx.network.create({ data: { tenantId: tenantB, slug: "smuggled", name: "X", careDomain: "MIXED", contactEmail: "x@example.se" } }),
      ),
    ).rejects.toThrow();
    const count = await database.prisma.network.count({ where: { slug: "smuggled" } });
    expect(count).toBe(0);
  });

  it("refuses to move a row into another tenant", async () => {
    await expect(
      new TenantScope(database.prisma, tenantA).transaction(
        (tx) => tx.$executeRaw`UPDATE "Network" SET "tenantId" = ${tenantB}::uuid WHERE "tenantId" = ${tenantA}::uuid`,
      ),
    ).rejects.toThrow();
  });

  it("sees nothing when no tenant is set", async () => {
    const rows = await database.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${APPLICATION_ROLE}, true)`;
      return tx.$queryRaw<unknown[]>`SELECT * FROM "Network"`;
    });
    expect(rows).toEqual([]);
  });

  it("keeps the tenant and role inside the transaction (a pooled connection does not carry them on)", async () => {
    // One connection only, so the query after the transaction provably runs on the connection the transaction used;
    // with a larger pool it could land on another one and pass even if the setting were session-level.
    const single = await openSingleConnection();
    try {
      const inside = await new TenantScope(single.prisma, tenantA).transaction(
        async (tx) =>
          (
            await tx.$queryRaw<{ pid: number; tenant: string }[]>`
          SELECT pg_backend_pid() AS pid, current_setting('app.tenant_id', true) AS tenant`
          )[0],
      );
      expect(inside?.tenant).toBe(tenantA);
      const [after] = await single.prisma.$queryRaw<{ pid: number; tenant: string | null; user: string }[]>`
        SELECT pg_backend_pid() AS pid, NULLIF(current_setting('app.tenant_id', true), '') AS tenant, current_user::text AS "user"`;
      expect(after?.pid).toBe(inside?.pid);
      expect(after?.tenant ?? null).toBeNull();
      expect(after?.user).not.toBe(APPLICATION_ROLE);
    } finally {
      await single.close();
    }
  });
});
