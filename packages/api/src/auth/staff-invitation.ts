import { Prisma } from "@medverkan/database";
import { normaliseStaffIdentifier } from "@medverkan/domain";
import type { JWTPayload } from "jose";
import type { Tx } from "../context/tenant-scope.js";
import { lockLinking } from "../login/login.repository.js";

/**
 * Issue 15, staff sign-in: the first login from one of the tenant's STAFF or ALL identity providers whose identifier
 * claim (the provider's `identifierClaim`, e.g. `hsa_id` or `email`) equals an open invitation's identifier is linked to
 * that staff user, once. Only the claim is compared; what the person may do comes from their grants on the server.
 * Never from a CITIZEN provider, never across tenants (everything here is in the token's tenant, under RLS), never a
 * second time (the invitation is closed in the same statement that picks it), never a login already linked to anyone.
 *
 * Returns the new login's id, or null when nothing was linked.
 */
export async function linkInvitedStaffLogin(
  tx: Tx,
  tenantId: string,
  identityProviderId: string,
  subject: string,
  claims: JWTPayload,
): Promise<string | null> {
  const providers = await tx.$queryRaw<{ kind: string; identifierClaim: string | null }[]>(Prisma.sql`
    SELECT "kind"::text AS "kind", "identifierClaim" FROM "IdentityProvider"
    WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${identityProviderId}::uuid AND "disabledAt" IS NULL`);
  const provider = providers[0];
  if (!provider || (provider.kind !== "STAFF" && provider.kind !== "ALL") || !provider.identifierClaim) return null;
  // An e-mail the provider itself says it has not verified identifies no one.
  if (provider.identifierClaim === "email" && claims.email_verified === false) return null;
  const identifier = normaliseStaffIdentifier(claims[provider.identifierClaim]);
  if (identifier === null) return null;

  await lockLinking(tx, tenantId, [`login:${identityProviderId}:${subject}`, `staff-invitation:${identifier}`]);
  const existing = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id"::text AS "id" FROM "Login"
    WHERE "tenantId" = ${tenantId}::uuid AND "identityProviderId" = ${identityProviderId}::uuid AND "subject" = ${subject}`);
  if (existing.length > 0) return null;
  const invited = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE "StaffUser" SET "invitationLinkedAt" = now(), "version" = "version" + 1
    WHERE "tenantId" = ${tenantId}::uuid AND "invitedIdentifier" = ${identifier}
      AND "invitationLinkedAt" IS NULL AND "disabledAt" IS NULL
    RETURNING "id"::text AS "id"`);
  const staffUserId = invited[0]?.id;
  if (!staffUserId) return null;
  const login = await tx.login.create({
    data: { tenantId, identityProviderId, subject, staffUserId, method: "STAFF_INVITATION" },
    select: { id: true },
  });
  return login.id;
}
