import type { ActorType, MembershipStatus, Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import { type MemberRow, memberFields, type NetworkVisibility } from "../member/member.repository.js";
import { processingAllowedWhere } from "../privacy/processing-allowed.js";

// The only Prisma code of the intake feature. Every query filters by tenant; "visible" queries also filter by the
// networks the coordinator coordinates, so a membership of another network reads as one that does not exist.

export const membershipSelect = {
  tenantId: true,
  id: true,
  memberId: true,
  networkId: true,
  status: true,
  channel: true,
  registeredAt: true,
  statusChangedAt: true,
  contactCallAt: true,
  introductionBookedAt: true,
  introductionHeldAt: true,
  trainedAt: true,
  activatedAt: true,
  withdrawnAt: true,
  lastInvitedAt: true,
  lastAssignmentAt: true,
  version: true,
} as const satisfies Prisma.MembershipSelect;

export type MembershipRow = Prisma.MembershipGetPayload<{ select: typeof membershipSelect }>;

const inNetworks = (networks: NetworkVisibility): Prisma.MembershipWhereInput =>
  networks === "ALL" ? {} : { networkId: { in: [...networks] } };

/** A membership of a network the reader coordinates, with what the intake rules need to know about its member. */
export function findVisibleMembership(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility) {
  return tx.membership.findFirst({
    where: { tenantId, id, ...inNetworks(networks), member: { erasedAt: null } },
    select: {
      ...membershipSelect,
      member: { select: { id: true, birthDate: true, birthYear: true, municipality: true, organisationRepresented: true } },
    },
  });
}

/** The intake rules of each network: its own rule set, or the tenant's default. Null when neither exists. */
export async function findIntakeRuleSets(tx: Tx, tenantId: string, networkIds: readonly string[]) {
  const [networks, tenantDefault] = await Promise.all([
    tx.network.findMany({ where: { tenantId, id: { in: [...networkIds] } }, select: { id: true, intakeRuleSet: true } }),
    tx.intakeRuleSet.findFirst({ where: { tenantId, isTenantDefault: true, retiredAt: null } }),
  ]);
  return new Map(networks.map((network) => [network.id, network.intakeRuleSet ?? tenantDefault]));
}

export async function hasGuardianConsent(tx: Tx, tenantId: string, memberId: string): Promise<boolean> {
  const count = await tx.consent.count({ where: { tenantId, memberId, kind: "GUARDIAN", withdrawnAt: null } });
  return count > 0;
}

export type MembershipChange = Partial<
  Pick<
    MembershipRow,
    "status" | "statusChangedAt" | "contactCallAt" | "introductionBookedAt" | "introductionHeldAt" | "activatedAt" | "withdrawnAt"
  >
>;

/** Applies the change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateMembershipIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: MembershipChange,
): Promise<number> {
  const result = await tx.membership.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return result.count;
}

export function findMembership(tx: Tx, tenantId: string, id: string): Promise<MembershipRow | null> {
  return tx.membership.findFirst({ where: { tenantId, id }, select: membershipSelect });
}

export function findMembershipsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<MembershipRow[]> {
  return tx.membership.findMany({ where: { tenantId, id: { in: [...ids] } }, select: membershipSelect });
}

export async function insertMembershipEvent(
  tx: Tx,
  tenantId: string,
  event: {
    membershipId: string;
    fromStatus: MembershipStatus | null;
    toStatus: MembershipStatus;
    note: string | null;
    actorType: ActorType;
    actorId: string | null;
    at: Date;
  },
): Promise<void> {
  await tx.membershipEvent.create({ data: { tenantId, ...event }, select: { id: true } });
}

export function findEventsByMembershipIds(tx: Tx, tenantId: string, membershipIds: readonly string[]) {
  return tx.membershipEvent.findMany({
    where: { tenantId, membershipId: { in: [...membershipIds] } },
    select: { id: true, membershipId: true, fromStatus: true, toStatus: true, note: true, actorType: true, actorId: true, at: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
}

/** Memberships of a member in the given statuses (all networks: a guardian's consent concerns the person). */
export function findMembershipsOfMember(tx: Tx, tenantId: string, memberId: string, statuses: MembershipStatus[]) {
  return tx.membership.findMany({
    where: { tenantId, memberId, status: { in: statuses } },
    select: membershipSelect,
    orderBy: { registeredAt: "asc" },
  });
}

/** A member who has a membership in one of the reader's networks. */
export function findVisibleMember(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility) {
  return tx.member.findFirst({
    where: { tenantId, id, erasedAt: null, memberships: { some: inNetworks(networks) } },
    select: { id: true, birthDate: true, birthYear: true, municipality: true, organisationRepresented: true },
  });
}

export function findMembersByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<MemberRow[]> {
  return tx.member.findMany({ where: { tenantId, id: { in: [...ids] }, erasedAt: null }, select: memberFields });
}

const consentSelect = {
  tenantId: true,
  id: true,
  memberId: true,
  guardianId: true,
  givenAt: true,
  withdrawnAt: true,
  recordedById: true,
  consentText: { select: { version: true } },
} as const satisfies Prisma.ConsentSelect;

export type GuardianConsentRow = Prisma.ConsentGetPayload<{ select: typeof consentSelect }>;

export function findGuardiansByMemberIds(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.guardian.findMany({
    where: { tenantId, memberId: { in: [...memberIds] } },
    select: {
      tenantId: true,
      id: true,
      memberId: true,
      name: true,
      email: true,
      phone: true,
      relation: true,
      createdAt: true,
      consents: { where: { kind: "GUARDIAN" }, select: consentSelect, orderBy: { givenAt: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
}

export function findGuardianOfMember(tx: Tx, tenantId: string, guardianId: string, memberId: string) {
  return tx.guardian.findFirst({ where: { tenantId, id: guardianId, memberId }, select: { id: true } });
}

export function insertGuardianConsent(
  tx: Tx,
  data: { tenantId: string; memberId: string; guardianId: string; consentTextId: string; recordedById: string },
): Promise<GuardianConsentRow> {
  return tx.consent.create({ data: { ...data, kind: "GUARDIAN", givenBy: "GUARDIAN" }, select: consentSelect });
}

/** A guardian consent whose member has a membership in one of the reader's networks. */
export function findVisibleGuardianConsent(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility) {
  return tx.consent.findFirst({
    where: { tenantId, id, kind: "GUARDIAN", member: { erasedAt: null, memberships: { some: inNetworks(networks) } } },
    select: consentSelect,
  });
}

export function markConsentWithdrawn(tx: Tx, tenantId: string, id: string, at: Date): Promise<GuardianConsentRow> {
  return tx.consent.update({ where: { tenantId_id: { tenantId, id } }, data: { withdrawnAt: at }, select: consentSelect });
}

// ----- follow-up queue -----------------------------------------------------------------------------------------

export const QUEUE_STATUSES: MembershipStatus[] = ["REGISTERED", "PENDING_GUARDIAN_CONSENT", "CONTACTED", "INTRODUCTION_BOOKED"];

export interface QueueFilter {
  networkIds: readonly string[] | "ALL";
  /** For "overdue only": per network, registrations before this instant are overdue (networks without a limit are left out). */
  overdueBefore: Map<string, Date> | null;
}

function queueWhere(tenantId: string, filter: QueueFilter): Prisma.MembershipWhereInput {
  const base: Prisma.MembershipWhereInput = {
    tenantId,
    // A member whose processing is restricted (GDPR art. 18) is only stored: the queue leaves them out until lifted.
    member: processingAllowedWhere,
    ...(filter.networkIds === "ALL" ? {} : { networkId: { in: [...filter.networkIds] } }),
  };
  if (!filter.overdueBefore) return { ...base, status: { in: QUEUE_STATUSES } };
  // Overdue means "still waiting for the first contact" (see isOverdueForFollowUp): REGISTERED only.
  const overdue = [...filter.overdueBefore].map(([networkId, before]) => ({ networkId, registeredAt: { lt: before } }));
  return { ...base, status: "REGISTERED", OR: overdue.length > 0 ? overdue : [{ id: { in: [] } }] };
}

/** Oldest registration first; the cursor is the last membership's id, continued by (registeredAt, id). */
export async function listQueue(tx: Tx, tenantId: string, filter: QueueFilter, page: { take: number; afterId: string | null }) {
  const where = queueWhere(tenantId, filter);
  let after: Prisma.MembershipWhereInput = {};
  if (page.afterId) {
    const last = await tx.membership.findFirst({ where: { tenantId, id: page.afterId }, select: { registeredAt: true } });
    if (last) {
      after = { OR: [{ registeredAt: { gt: last.registeredAt } }, { registeredAt: last.registeredAt, id: { gt: page.afterId } }] };
    }
  }
  const [rows, total] = await Promise.all([
    tx.membership.findMany({
      where: { AND: [where, after] },
      select: { ...membershipSelect, registrationAnswers: true, registrationFormVersion: true, member: { select: memberFields } },
      orderBy: [{ registeredAt: "asc" }, { id: "asc" }],
      take: page.take + 1,
    }),
    tx.membership.count({ where }),
  ]);
  return { rows, total };
}

// ----- probable duplicates ---------------------------------------------------------------------------------------

const candidateSelect = {
  tenantId: true,
  id: true,
  memberId: true,
  existingMemberId: true,
  matchedOn: true,
  createdAt: true,
  resolvedAt: true,
  resolution: true,
} as const satisfies Prisma.DuplicateCandidateSelect;

/**
 * Both records must be in the reader's networks: showing a Levande bibliotek coordinator that "their" person also
 * sits in the Peer pool would disclose psychiatric experience they may not see. A pair with a restricted member
 * (GDPR art. 18) waits, unshown and unresolved, until the restriction is lifted.
 */
function visibleCandidates(tenantId: string, networks: NetworkVisibility): Prisma.DuplicateCandidateWhereInput {
  const visible = { ...processingAllowedWhere, memberships: { some: inNetworks(networks) } };
  return { tenantId, member: visible, existingMember: visible };
}

export async function listOpenDuplicateCandidates(
  tx: Tx,
  tenantId: string,
  networks: NetworkVisibility,
  page: { take: number; afterId: string | null },
) {
  const where: Prisma.DuplicateCandidateWhereInput = { ...visibleCandidates(tenantId, networks), resolvedAt: null };
  const [rows, total] = await Promise.all([
    tx.duplicateCandidate.findMany({
      where: { ...where, ...(page.afterId ? { id: { gt: page.afterId } } : {}) },
      select: { ...candidateSelect, member: { select: memberFields }, existingMember: { select: memberFields } },
      orderBy: { id: "asc" },
      take: page.take + 1,
    }),
    tx.duplicateCandidate.count({ where }),
  ]);
  return { rows, total };
}

export function findVisibleDuplicateCandidate(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility) {
  return tx.duplicateCandidate.findFirst({
    where: { ...visibleCandidates(tenantId, networks), id },
    select: { ...candidateSelect, member: { select: memberFields }, existingMember: { select: memberFields } },
  });
}

export async function markDuplicateResolved(tx: Tx, tenantId: string, id: string, at: Date): Promise<void> {
  await tx.duplicateCandidate.updateMany({
    where: { tenantId, id, resolvedAt: null },
    data: { resolvedAt: at, resolution: "DIFFERENT_PEOPLE" },
  });
}
