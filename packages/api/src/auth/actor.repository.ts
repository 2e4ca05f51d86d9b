import { db, jsonArrayFrom, jsonObjectFrom, type PrismaClient, rows, sql } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import type { Grant } from "./actor.js";

// Authentication runs on every request, so its reads are SQL (typed, see @medverkan/database's sql.ts): the generated
// client compiles each model query (with its values) in WebAssembly before sending it, which cost more than the
// queries themselves on this path.

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
  const provider = db
    .selectFrom("IdentityProvider as p")
    .innerJoin("Tenant as t", (join) => join.onRef("t.id", "=", "p.tenantId").on("t.retiredAt", "is", null))
    .select(["p.id", "p.tenantId", "p.kind", "p.issuer", "p.audience", "p.jwksUrl", "p.publicKeys", "p.identifierClaim"])
    .where("p.issuer", "=", issuer)
    .where("p.audience", "=", sql<string>`ANY (${audiences}::text[])`)
    .where("p.disabledAt", "is", null)
    .orderBy("p.isPrimary", "desc")
    .orderBy("p.tenantId")
    .orderBy("p.id")
    .limit(1);
  const found = await system.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.identity_lookup', 'on', true)`;
    return rows(tx, provider);
  });
  return found[0] ?? null;
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
  const [row] = await rows(
    tx,
    db
      .selectFrom("Login as l")
      .where("l.tenantId", "=", tenantId)
      .where("l.identityProviderId", "=", identityProviderId)
      .where("l.subject", "=", subject)
      .select((eb) => [
        jsonObjectFrom(
          eb
            .selectFrom("StaffUser as s")
            .whereRef("s.tenantId", "=", "l.tenantId")
            .whereRef("s.id", "=", "l.staffUserId")
            .where("s.disabledAt", "is", null)
            .select((staff) => [
              "s.id",
              "s.name",
              "s.unitId",
              jsonArrayFrom(
                staff
                  .selectFrom("RoleGrant as g")
                  .whereRef("g.tenantId", "=", "s.tenantId")
                  .whereRef("g.staffUserId", "=", "s.id")
                  .where("g.revokedAt", "is", null)
                  .select(["g.role", "g.networkId", "g.unitId"])
                  .orderBy("g.id"),
              ).as("grants"),
            ]),
        ).as("staff"),
        eb
          .selectFrom("Member as m")
          .whereRef("m.tenantId", "=", "l.tenantId")
          .whereRef("m.id", "=", "l.memberId")
          .where("m.erasedAt", "is", null)
          .select("m.id")
          .as("memberId"),
      ]),
  );
  return { staff: row?.staff ?? null, memberId: row?.staff ? null : (row?.memberId ?? null) };
}
