import type { ActorType, ConsentGivenBy, Prisma, RegistrationChannel } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

/** A network open for registration with the intake rules that apply to it (its own, or the tenant's default). */
export async function findOpenNetworksWithIntakeRules(tx: Tx, tenantId: string) {
  const [networks, tenantDefault] = await Promise.all([
    tx.network.findMany({
      where: { tenantId, retiredAt: null },
      select: { id: true, name: true, intakeRuleSet: true },
    }),
    tx.intakeRuleSet.findFirst({ where: { tenantId, isTenantDefault: true, retiredAt: null } }),
  ]);
  return networks.map((network) => ({ id: network.id, name: network.name, intakeRuleSet: network.intakeRuleSet ?? tenantDefault }));
}

export async function findActiveExperienceTags(tx: Tx, tenantId: string) {
  return tx.experienceTag.findMany({ where: { tenantId, retiredAt: null }, select: { id: true, key: true } });
}

/**
 * Serialises registrations that share a duplicate key, so two identical submissions arriving together cannot both
 * create a member. Transaction-scoped: released at commit or rollback.
 */
export async function lockDuplicateKeys(tx: Tx, tenantId: string, keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await advisoryLock(tx, `${tenantId}:${key}`);
  }
}

export async function findMembersByDuplicateKeys(
  tx: Tx,
  tenantId: string,
  keys: { emailKey: string | null; phoneKey: string | null; nameBirthYearKey: string | null },
) {
  const or: Prisma.MemberWhereInput[] = [];
  if (keys.emailKey) or.push({ emailKey: keys.emailKey });
  if (keys.phoneKey) or.push({ phoneKey: keys.phoneKey });
  if (keys.nameBirthYearKey) or.push({ nameBirthYearKey: keys.nameBirthYearKey });
  if (or.length === 0) return [];
  const rows = await tx.member.findMany({
    where: { tenantId, erasedAt: null, OR: or },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      email: true,
      phone: true,
      birthDate: true,
      birthYear: true,
      personalIdentityNumberIndex: true,
      memberships: { select: { networkId: true } },
    },
    take: 50,
  });
  return rows.map(({ personalIdentityNumberIndex, ...row }) => ({
    ...row,
    birthDate: row.birthDate ? row.birthDate.toISOString().slice(0, 10) : null,
    hasPersonalIdentityNumber: personalIdentityNumberIndex !== null,
  }));
}

export function createMember(tx: Tx, data: Prisma.MemberUncheckedCreateInput) {
  return tx.member.create({ data, select: { id: true } });
}

export function createGuardian(tx: Tx, data: Prisma.GuardianUncheckedCreateInput) {
  return tx.guardian.create({ data, select: { id: true } });
}

export function recordConsent(
  tx: Tx,
  data: {
    tenantId: string;
    memberId: string;
    consentTextId: string;
    givenBy: ConsentGivenBy;
    recordedById: string | null;
    kind: "PROCESSING";
  },
) {
  return tx.consent.create({ data, select: { id: true } });
}

export async function createMemberships(
  tx: Tx,
  tenantId: string,
  memberId: string,
  entries: { networkId: string; status: "REGISTERED" | "PENDING_GUARDIAN_CONSENT" }[],
  channel: RegistrationChannel,
  actor: { actorType: ActorType; actorId: string | null },
  registration: { answers: Prisma.InputJsonArray; formVersion: number | null },
): Promise<void> {
  for (const entry of entries) {
    const membership = await tx.membership.create({
      data: {
        tenantId,
        memberId,
        networkId: entry.networkId,
        status: entry.status,
        channel,
        registrationAnswers: registration.answers,
        registrationFormVersion: registration.formVersion,
      },
      select: { id: true },
    });
    await tx.membershipEvent.create({
      data: {
        tenantId,
        membershipId: membership.id,
        fromStatus: null,
        toStatus: entry.status,
        actorType: actor.actorType,
        actorId: actor.actorId,
        note: `Registration (${channel})`,
      },
    });
  }
}

export async function flagDuplicateCandidates(
  tx: Tx,
  tenantId: string,
  memberId: string,
  candidates: { existingMemberId: string; matchedOn: string[] }[],
): Promise<void> {
  if (candidates.length === 0) return;
  await tx.duplicateCandidate.createMany({
    data: candidates.map((candidate) => ({
      tenantId,
      memberId,
      existingMemberId: candidate.existingMemberId,
      matchedOn: candidate.matchedOn,
    })),
    skipDuplicates: true,
  });
}

export async function linkExperienceTags(tx: Tx, tenantId: string, memberId: string, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  await tx.memberExperience.createMany({ data: tagIds.map((tagId) => ({ tenantId, memberId, tagId })), skipDuplicates: true });
}

/** The networks a member has a membership of (any status). */
export function findMembershipNetworks(tx: Tx, tenantId: string, memberId: string): Promise<{ networkId: string }[]> {
  return tx.membership.findMany({ where: { tenantId, memberId }, select: { networkId: true } });
}
