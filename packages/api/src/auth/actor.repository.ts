import { Prisma, type PrismaClient } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import type { Grant } from "./actor.js";

export interface TenantIssuerRow {
  id: string;
  tokenIssuer: string;
  tokenAudience: string;
  jwksUrl: string | null;
  publicKeys: unknown;
}

// Authentication runs on every request, so its reads are raw SQL: the generated client compiles each query (with its
// values) in WebAssembly before sending it, which cost more than the queries themselves on this path.

/** Platform-level read (before any tenant is known): which tenant trusts this issuer for one of these audiences. */
export async function findTenantByIssuer(system: PrismaClient, issuer: string, audiences: string[]): Promise<TenantIssuerRow | null> {
  if (audiences.length === 0) return null;
  const rows = await system.$queryRaw<TenantIssuerRow[]>`
    SELECT t."id"::text AS "id", t."tokenIssuer", t."tokenAudience", t."jwksUrl", t."publicKeys"
    FROM "Tenant" t
    WHERE t."tokenIssuer" = ${issuer} AND t."tokenAudience" = ANY (${audiences}::text[]) AND t."retiredAt" IS NULL
    ORDER BY t."id"
    LIMIT 1`;
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

/** One statement for both lookups; the staff user wins when a subject is both (as it always has). */
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
