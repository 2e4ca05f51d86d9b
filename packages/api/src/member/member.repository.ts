import type { MembershipStatus, Prisma } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

const memberFields = {
  tenantId: true,
  id: true,
  givenName: true,
  familyName: true,
  email: true,
  phone: true,
  birthDate: true,
  birthYear: true,
  municipality: true,
  perspectives: true,
  experienceText: true,
  competences: true,
  languages: true,
  accessibilityNeeds: true,
  availabilityNote: true,
  organisationRepresented: true,
  createdAt: true,
} as const satisfies Prisma.MemberSelect;

export type MemberRow = Prisma.MemberGetPayload<{ select: typeof memberFields }>;

/** Which memberships a reader may see members through: all of the tenant's networks, or the listed ones. */
export type NetworkVisibility = "ALL" | string[];

const visibleThrough = (
  networks: NetworkVisibility,
  status?: MembershipStatus | null,
  networkId?: string | null,
): Prisma.MembershipWhereInput => ({
  ...(networks === "ALL" ? {} : { networkId: { in: networks } }),
  ...(networkId ? { networkId } : {}),
  ...(status ? { status } : {}),
});

export function findMember(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility): Promise<MemberRow | null> {
  return tx.member.findFirst({
    where: { tenantId, id, erasedAt: null, memberships: { some: visibleThrough(networks) } },
    select: memberFields,
  });
}

export interface MemberFilter {
  networkId?: string | null;
  status?: MembershipStatus | null;
}

export async function listMembers(
  tx: Tx,
  tenantId: string,
  networks: NetworkVisibility,
  filter: MemberFilter,
  page: PageRequest,
): Promise<{ rows: MemberRow[]; total: number }> {
  const where: Prisma.MemberWhereInput = {
    tenantId,
    erasedAt: null,
    memberships: { some: visibleThrough(networks, filter.status, filter.networkId) },
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.member.findMany({ ...query, where: { ...where, ...query.where }, select: memberFields }),
    tx.member.count({ where }),
  ]);
  return { rows, total };
}

export function findMembershipsByMemberIds(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.membership.findMany({
    where: { tenantId, memberId: { in: [...memberIds] } },
    select: {
      tenantId: true,
      id: true,
      memberId: true,
      networkId: true,
      status: true,
      channel: true,
      registeredAt: true,
      statusChangedAt: true,
    },
    orderBy: { registeredAt: "asc" },
  });
}

export function findExperienceTagsByMemberIds(tx: Tx, tenantId: string, memberIds: readonly string[]) {
  return tx.memberExperience.findMany({
    where: { tenantId, memberId: { in: [...memberIds] } },
    select: { memberId: true, tag: { select: { id: true, key: true, labelSv: true, labelEn: true, parentId: true } } },
  });
}

export function findExperienceTagsByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  return tx.experienceTag.findMany({
    where: { tenantId, id: { in: [...ids] } },
    select: { id: true, key: true, labelSv: true, labelEn: true, parentId: true },
  });
}
