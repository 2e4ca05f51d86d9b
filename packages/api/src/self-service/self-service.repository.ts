import type { MembershipStatus, Perspective, Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import { memberFields } from "../member/member.repository.js";

// Every query names the member of the token: another member's pause or membership is a row that does not exist.

/** The own profile: the fields coordinators read (memberFields), with the tags it is corrected against. */
const profileFields = {
  ...memberFields,
  experiences: { select: { tag: { select: { id: true, key: true } } } },
} as const satisfies Prisma.MemberSelect;

export type ProfileRow = Prisma.MemberGetPayload<{ select: typeof profileFields }>;

export function findOwnProfile(tx: Tx, tenantId: string, memberId: string): Promise<ProfileRow | null> {
  return tx.member.findFirst({ where: { tenantId, id: memberId, erasedAt: null }, select: profileFields });
}

export function findActiveTagKeys(tx: Tx, tenantId: string) {
  return tx.experienceTag.findMany({ where: { tenantId, retiredAt: null }, select: { id: true, key: true } });
}

export function findTagsByKeys(tx: Tx, tenantId: string, keys: readonly string[]) {
  return tx.experienceTag.findMany({ where: { tenantId, key: { in: [...keys] } }, select: { id: true, key: true } });
}

export interface ProfileData {
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  birthDate: Date | null;
  birthYear: number | null;
  municipality: string | null;
  perspectives: Perspective[];
  experienceText: string | null;
  competences: string[];
  languages: string[];
  accessibilityNeeds: string | null;
  availabilityNote: string | null;
  organisationRepresented: string | null;
  emailKey: string | null;
  phoneKey: string | null;
  nameBirthYearKey: string | null;
}

/** Applied only if nobody changed the profile since `expectedVersion` was read; returns how many rows changed. */
export async function updateProfileIfVersion(
  tx: Tx,
  tenantId: string,
  memberId: string,
  expectedVersion: number,
  data: Partial<ProfileData>,
): Promise<number> {
  const result = await tx.member.updateMany({
    where: { tenantId, id: memberId, version: expectedVersion, erasedAt: null },
    data: { ...data, version: { increment: 1 } },
  });
  return result.count;
}

/** The member's tags become exactly `tagIds`. */
export async function replaceExperienceTags(tx: Tx, tenantId: string, memberId: string, tagIds: readonly string[]): Promise<void> {
  await tx.memberExperience.deleteMany({ where: { tenantId, memberId, tagId: { notIn: [...tagIds] } } });
  if (tagIds.length > 0) {
    await tx.memberExperience.createMany({ data: tagIds.map((tagId) => ({ tenantId, memberId, tagId })), skipDuplicates: true });
  }
}

export function insertRevision(
  tx: Tx,
  data: { tenantId: string; memberId: string; changes: Prisma.InputJsonValue; actorType: "MEMBER" | "STAFF"; actorId: string },
) {
  return tx.memberRevision.create({ data, select: { id: true } });
}

const pauseFields = { tenantId: true, id: true, memberId: true, startsOn: true, endsOn: true, reason: true, createdAt: true } as const;

export function insertPause(
  tx: Tx,
  data: { tenantId: string; memberId: string; startsOn: Date; endsOn: Date | null; reason: string | null },
) {
  return tx.memberPause.create({ data, select: pauseFields });
}

export function findOwnPause(tx: Tx, tenantId: string, memberId: string, pauseId: string) {
  return tx.memberPause.findFirst({ where: { tenantId, memberId, id: pauseId }, select: pauseFields });
}

export async function deletePause(tx: Tx, tenantId: string, memberId: string, pauseId: string): Promise<number> {
  return (await tx.memberPause.deleteMany({ where: { tenantId, memberId, id: pauseId } })).count;
}

export function findPausesByMemberIds(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.memberPause.findMany({
    where: { tenantId, memberId: { in: [...memberIds] } },
    select: pauseFields,
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
  });
}

export function findRevisionsByMemberIds(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.memberRevision.findMany({
    where: { tenantId, memberId: { in: [...memberIds] } },
    select: { tenantId: true, id: true, memberId: true, changes: true, actorType: true, at: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
}

/** The member's own membership with what the intake rules need to judge a move. */
export async function findOwnMembership(tx: Tx, tenantId: string, memberId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { tenantId, memberId, id: membershipId, member: { erasedAt: null } },
    select: {
      id: true,
      status: true,
      version: true,
      contactCallAt: true,
      introductionHeldAt: true,
      trainedAt: true,
      member: { select: { birthDate: true, birthYear: true, municipality: true, organisationRepresented: true } },
      network: { select: { intakeRuleSet: true } },
    },
  });
  if (!membership) return null;
  const [tenantDefault, guardianConsents] = await Promise.all([
    membership.network.intakeRuleSet
      ? Promise.resolve(null)
      : tx.intakeRuleSet.findFirst({ where: { tenantId, isTenantDefault: true, retiredAt: null } }),
    tx.consent.count({ where: { tenantId, memberId, kind: "GUARDIAN", withdrawnAt: null } }),
  ]);
  return { ...membership, intakeRuleSet: membership.network.intakeRuleSet ?? tenantDefault, guardianConsentGiven: guardianConsents > 0 };
}

export async function withdrawMembershipIfUnchanged(
  tx: Tx,
  tenantId: string,
  membershipId: string,
  from: { status: MembershipStatus; version: number },
  at: Date,
): Promise<number> {
  const result = await tx.membership.updateMany({
    where: { tenantId, id: membershipId, status: from.status, version: from.version },
    data: { status: "WITHDRAWN", statusChangedAt: at, withdrawnAt: at, version: { increment: 1 } },
  });
  return result.count;
}

export function insertMembershipEvent(
  tx: Tx,
  data: {
    tenantId: string;
    membershipId: string;
    fromStatus: MembershipStatus;
    toStatus: MembershipStatus;
    note: string | null;
    actorId: string;
    at: Date;
  },
) {
  return tx.membershipEvent.create({ data: { ...data, actorType: "MEMBER" }, select: { id: true } });
}

/**
 * The member acted themself (their profile, availability or pauses, an invitation, a fee claim): the retention job
 * counts inactivity from this moment. Not versioned: it is bookkeeping, not the member's data, and must not make a
 * concurrent edit of the profile fail.
 */
export async function recordMemberActivity(tx: Tx, tenantId: string, memberId: string, at = new Date()): Promise<void> {
  await tx.member.updateMany({ where: { tenantId, id: memberId }, data: { lastActiveAt: at } });
}
