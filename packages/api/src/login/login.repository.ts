import { advisoryLock, db, execute, sql } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

export type LoginLinkMethod = "MIGRATED" | "REGISTRATION" | "CLAIM_CODE" | "IDENTITY_NUMBER" | "STAFF_INVITATION" | "ADMINISTRATOR";

export interface LoginRow {
  id: string;
  identityProviderId: string;
  identityProviderName: string;
  subject: string;
  memberId: string | null;
  staffUserId: string | null;
  method: LoginLinkMethod;
  createdAt: Date;
}

const select = {
  id: true,
  identityProviderId: true,
  subject: true,
  memberId: true,
  staffUserId: true,
  method: true,
  createdAt: true,
  identityProvider: { select: { name: true } },
} as const;

type Selected = Omit<LoginRow, "identityProviderName"> & { identityProvider: { name: string } };
const toRow = ({ identityProvider, ...row }: Selected): LoginRow => ({ ...row, identityProviderName: identityProvider.name });

export async function findLoginsOfMember(tx: Tx, tenantId: string, memberId: string): Promise<LoginRow[]> {
  const rows = await tx.login.findMany({ where: { tenantId, memberId }, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return (rows as Selected[]).map(toRow);
}

export async function findLogin(tx: Tx, tenantId: string, identityProviderId: string, subject: string): Promise<LoginRow | null> {
  const row = await tx.login.findUnique({
    where: { tenantId_identityProviderId_subject: { tenantId, identityProviderId, subject } },
    select,
  });
  return row ? toRow(row as Selected) : null;
}

export async function findLoginById(tx: Tx, tenantId: string, id: string): Promise<LoginRow | null> {
  const row = await tx.login.findFirst({ where: { tenantId, id }, select });
  return row ? toRow(row as Selected) : null;
}

/**
 * A staff user's logins. An invited staff user's placeholder subject (`invitation:<uuid>`, staff.service.ts) is mirrored
 * as a primary-provider login by the trigger of migration 20261206100000; no token carries it, so it is not listed.
 */
export async function findLoginsOfStaffUser(tx: Tx, tenantId: string, staffUserId: string): Promise<LoginRow[]> {
  const rows = await tx.login.findMany({
    where: { tenantId, staffUserId, NOT: { subject: { startsWith: "invitation:" } } },
    select,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return (rows as Selected[]).map(toRow);
}

/**
 * Removes a staff user's half of a login (the row, unless a member shares it). Signing in goes through `Login` rows
 * only, so the login signs in as no one afterwards; `reopenInvitation` lets the invitation link the next login with the
 * invited identifier again (a new card), once.
 */
export async function unlinkStaffLogin(
  tx: Tx,
  tenantId: string,
  loginId: string,
  staffUserId: string,
  reopenInvitation: boolean,
): Promise<{ invitationReopened: boolean }> {
  await tx.login.deleteMany({ where: { tenantId, id: loginId, staffUserId, memberId: null } });
  await tx.login.updateMany({ where: { tenantId, id: loginId, staffUserId }, data: { staffUserId: null } });
  if (!reopenInvitation) return { invitationReopened: false };
  const { count } = await tx.staffUser.updateMany({
    where: { tenantId, id: staffUserId, invitedIdentifier: { not: null }, invitationLinkedAt: { not: null } },
    data: { invitationLinkedAt: null, version: { increment: 1 } },
  });
  return { invitationReopened: count === 1 };
}

/** Serialises linking for one person and one login, so two parallel claims cannot both link. */
export async function lockLinking(tx: Tx, tenantId: string, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) {
    await advisoryLock(tx, `${tenantId}:link:${key}`);
  }
}

export async function insertMemberLogin(
  tx: Tx,
  tenantId: string,
  login: { identityProviderId: string; subject: string; memberId: string; method: LoginLinkMethod },
): Promise<LoginRow> {
  const row = await tx.login.create({ data: { tenantId, ...login }, select });
  return toRow(row as Selected);
}

/** Removes a member's half of a login (the row, unless a staff user shares it). */
export async function unlinkMemberLogin(tx: Tx, tenantId: string, loginId: string, memberId: string): Promise<void> {
  await tx.login.deleteMany({ where: { tenantId, id: loginId, memberId, staffUserId: null } });
  await tx.login.updateMany({ where: { tenantId, id: loginId, memberId }, data: { memberId: null } });
  // The primary provider's login mirrors Member.subject (migration 20261206100000): clear it so the trigger keeps step.
  await execute(
    tx,
    db
      .updateTable("Member as m")
      .set({ subject: null })
      .where("m.tenantId", "=", tenantId)
      .where("m.id", "=", memberId)
      .where("m.subject", "is not", null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("Login as l")
              .innerJoin("IdentityProvider as p", (join) =>
                join.onRef("p.tenantId", "=", "l.tenantId").onRef("p.id", "=", "l.identityProviderId").on(sql.ref<boolean>("p.isPrimary")),
              )
              .select(sql<number>`1`.as("one"))
              .whereRef("l.tenantId", "=", "m.tenantId")
              .whereRef("l.memberId", "=", "m.id")
              .whereRef("l.subject", "=", "m.subject"),
          ),
        ),
      ),
  );
}

/** Whether the member belongs to one of these networks (a coordinator's reach); "ALL" for tenant-wide coordinators. */
export async function isMemberInNetworks(tx: Tx, tenantId: string, memberId: string, networks: "ALL" | string[]): Promise<boolean> {
  const member = await tx.member.findFirst({
    where: {
      tenantId,
      id: memberId,
      erasedAt: null,
      ...(networks === "ALL" ? {} : { memberships: { some: { networkId: { in: networks } } } }),
    },
    select: { id: true },
  });
  return member !== null;
}

export async function findMemberContactForClaim(tx: Tx, tenantId: string, memberId: string) {
  return tx.member.findFirst({
    where: { tenantId, id: memberId, erasedAt: null },
    select: { id: true, givenName: true, familyName: true, email: true, preferredLocale: true },
  });
}

export async function revokeOpenClaimCodes(tx: Tx, tenantId: string, memberId: string, now: Date): Promise<void> {
  await tx.claimCode.updateMany({ where: { tenantId, memberId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
}

export async function insertClaimCode(
  tx: Tx,
  tenantId: string,
  code: { memberId: string; codeHash: string; channel: string; expiresAt: Date; createdById: string },
) {
  return tx.claimCode.create({ data: { tenantId, ...code }, select: { id: true, expiresAt: true } });
}

export async function findClaimCodeByHash(tx: Tx, tenantId: string, codeHash: string) {
  return tx.claimCode.findUnique({
    where: { tenantId_codeHash: { tenantId, codeHash } },
    select: { id: true, memberId: true, expiresAt: true, usedAt: true, revokedAt: true },
  });
}

/** Marks a code used exactly once: false when someone else used it first. */
export async function useClaimCode(tx: Tx, tenantId: string, id: string, now: Date): Promise<boolean> {
  const { count } = await tx.claimCode.updateMany({ where: { tenantId, id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
  return count === 1;
}
