import { Prisma, type PrismaClient } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import type { Grant } from "./actor.js";

// Authentication runs on every request, so its reads are raw SQL: the generated client compiles each query (with its
// values) in WebAssembly before sending it, which cost more than the queries themselves on this path.

export interface IdentityProviderRow {
  id: string;
  tenantId: string;
  kind: "CITIZEN" | "STAFF" | "ALL";
  issuer: string;
  audience: string;
  jwksUrl: string | null;
  publicKeys: unknown;
  identifierClaim: string | null;
}

/**
 * Platform-level read (before any tenant is known): the enabled identity provider of a live tenant with this issuer
 * and one of these audiences. The only reader behind the `identity_lookup` policy (migration 20261206100000): the flag
 * is set transaction-locally and lets this statement read identity providers of every tenant, never write them.
 */
export async function findIdentityProviderForToken(
  system: PrismaClient,
  issuer: string,
  audiences: string[],
): Promise<IdentityProviderRow | null> {
  if (audiences.length === 0) return null;
  const [, rows] = await system.$transaction([
    system.$executeRaw`SELECT set_config('app.identity_lookup', 'on', true)`,
    system.$queryRaw<IdentityProviderRow[]>`
      SELECT p."id"::text AS "id", p."tenantId"::text AS "tenantId", p."kind"::text AS "kind", p."issuer", p."audience",
             p."jwksUrl", p."publicKeys", p."identifierClaim"
      FROM "IdentityProvider" p
      JOIN "Tenant" t ON t."id" = p."tenantId" AND t."retiredAt" IS NULL
      WHERE p."issuer" = ${issuer} AND p."audience" = ANY (${audiences}::text[]) AND p."disabledAt" IS NULL
      ORDER BY p."isPrimary" DESC, p."tenantId", p."id"
      LIMIT 1`,
  ]);
  return rows[0] ?? null;
}

export async function findPlatformOperator(system: PrismaClient, subject: string) {
  return system.platformOperator.findFirst({ where: { subject, disabledAt: null }, select: { id: true, subject: true } });
}

export interface StaffWithGrants {
  id: string;
  name: string;
  unitId: string | null;
  grants: Grant[];
}

/** Who a verified subject is in a tenant: an active staff user with their live grants, else a member, else neither. */
export interface TenantIdentity {
  staff: StaffWithGrants | null;
  memberId: string | null;
}

/**
 * Who a login (identity provider + subject) signs in as: one statement for both lookups; the staff user wins when a
 * login is linked to both (as a subject always has).
 */
export async function findIdentityByLogin(tx: Tx, tenantId: string, identityProviderId: string, subject: string): Promise<TenantIdentity> {
  const rows = await tx.$queryRaw<{ staff: StaffWithGrants | null; memberId: string | null }[]>(
    Prisma.sql`
      SELECT
        (SELECT json_build_object(
                  'id', s."id", 'name', s."name", 'unitId', s."unitId",
                  'grants', COALESCE((
                    SELECT json_agg(json_build_object('role', g."role", 'networkId', g."networkId", 'unitId', g."unitId") ORDER BY g."id")
                    FROM "RoleGrant" g
                    WHERE g."tenantId" = s."tenantId" AND g."staffUserId" = s."id" AND g."revokedAt" IS NULL), '[]'::json))
         FROM "StaffUser" s
         WHERE s."tenantId" = l."tenantId" AND s."id" = l."staffUserId" AND s."disabledAt" IS NULL) AS "staff",
        (SELECT m."id"::text
         FROM "Member" m
         WHERE m."tenantId" = l."tenantId" AND m."id" = l."memberId" AND m."erasedAt" IS NULL) AS "memberId"
      FROM "Login" l
      WHERE l."tenantId" = ${tenantId}::uuid AND l."identityProviderId" = ${identityProviderId}::uuid AND l."subject" = ${subject}`,
  );
  const row = rows[0];
  return { staff: row?.staff ?? null, memberId: row?.staff ? null : (row?.memberId ?? null) };
}

/** @deprecated Logins are linked through `Login` (identity provider + subject); kept for callers outside authentication. */
export async function findIdentityBySubject(tx: Tx, tenantId: string, subject: string): Promise<TenantIdentity> {
  const rows = await tx.$queryRaw<{ staff: (Omit<StaffWithGrants, "grants"> & { grants: Grant[] }) | null; memberId: string | null }[]>(
    Prisma.sql`
      SELECT
        (SELECT json_build_object(
                  'id', s."id", 'name', s."name", 'unitId', s."unitId",
                  'grants', COALESCE((
                    SELECT json_agg(json_build_object('role', g."role", 'networkId', g."networkId", 'unitId', g."unitId") ORDER BY g."id")
                    FROM "RoleGrant" g
                    WHERE g."tenantId" = s."tenantId" AND g."staffUserId" = s."id" AND g."revokedAt" IS NULL), '[]'::json))
         FROM "StaffUser" s
         WHERE s."tenantId" = ${tenantId}::uuid AND s."subject" = ${subject} AND s."disabledAt" IS NULL
         ORDER BY s."id" LIMIT 1) AS "staff",
        (SELECT m."id"::text
         FROM "Member" m
         WHERE m."tenantId" = ${tenantId}::uuid AND m."subject" = ${subject} AND m."erasedAt" IS NULL
         ORDER BY m."id" LIMIT 1) AS "memberId"`,
  );
  const row = rows[0];
  return { staff: row?.staff ?? null, memberId: row?.staff ? null : (row?.memberId ?? null) };
}
