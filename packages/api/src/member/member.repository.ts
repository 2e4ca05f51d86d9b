import type { MembershipStatus, Perspective, Prisma } from "@medverkan/database";
import { type BirthRange, meetsCompetence } from "@medverkan/domain";
import { type SortedPageRequest, sortedPageQuery } from "../common/pagination/ordering.js";
import type { Tx } from "../context/tenant-scope.js";
import type { MemberOrderField } from "./member.input.js";

/** The member fields every reader of a profile gets; shared by the features that show members. */
export const memberFields = {
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
  /** Masked (`19850312-****`): the encrypted number is never selected here (member/personal-identity-number.repository.ts). */
  personalIdentityNumberMasked: true,
  employeeNumber: true,
  /** Masked (`8327-9, ••••••1117`): the encrypted account is never selected here (payroll-details/payroll-details.repository.ts). */
  bankAccountMasked: true,
  createdAt: true,
  version: true,
} as const satisfies Prisma.MemberSelect;

export type MemberRow = Prisma.MemberGetPayload<{ select: typeof memberFields }>;

/** Which memberships a reader may see members through: all of the tenant's networks, or the listed ones. */
export type NetworkVisibility = "ALL" | string[];

const visibleThrough = (
  networks: NetworkVisibility,
  status?: MembershipStatus | null,
  networkId?: string | null,
): Prisma.MembershipWhereInput => ({
  // Both conditions on networkId, in AND: a spread would let the requested network overwrite the visible ones, and a
  // Peer coordinator asking for Levande bibliotek's id would see its members.
  AND: [networks === "ALL" ? {} : { networkId: { in: networks } }, networkId ? { networkId } : {}, status ? { status } : {}],
});

/** One member as a reader sees them, with `restrictedAt` so the service can refuse staff reads (GDPR art. 18). */
export function findMember(
  tx: Tx,
  tenantId: string,
  id: string,
  networks: NetworkVisibility,
): Promise<(MemberRow & { restrictedAt: Date | null }) | null> {
  return tx.member.findFirst({
    where: { tenantId, id, erasedAt: null, memberships: { some: visibleThrough(networks) } },
    select: { ...memberFields, restrictedAt: true },
  });
}

/** Pool search criteria, validated and resolved by the service: tag keys expanded to ids, age bands to birth ranges. */
export interface MemberFilter {
  networkId?: string | null;
  status?: MembershipStatus | null;
  statuses?: readonly MembershipStatus[];
  /** Members tagged with any of these; null: no tag criterion (an empty list matches nobody). */
  experienceTagIds?: readonly string[] | null;
  perspectives?: readonly Perspective[];
  birthRanges?: readonly BirthRange[];
  municipalities?: readonly string[];
  languages?: readonly string[];
  /** Members with a competence holding any of these as whole words (the domain's `meetsCompetence`). */
  competences?: readonly string[];
  trained?: boolean | null;
  lastInvitedAfter?: Date | null;
  lastInvitedBefore?: Date | null;
  neverInvited?: boolean | null;
  lastAssignmentAfter?: Date | null;
  lastAssignmentBefore?: Date | null;
  neverAssigned?: boolean | null;
  nameWords?: readonly string[];
  /** Members with a confirmed mandate for this organisation running on `today` (ISO date). */
  representsOrganisation?: { organisationId: string; today: string } | null;
}

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

function window(
  after: Date | null | undefined,
  before: Date | null | undefined,
  never: boolean | null | undefined,
): Prisma.DateTimeNullableFilter | undefined {
  if (never === true) return { equals: null };
  const filter: Prisma.DateTimeNullableFilter = {};
  if (never === false) filter.not = null;
  if (after) filter.gt = after;
  if (before) filter.lt = before;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/**
 * Membership criteria are one `some`: the network the reader may see, its status, training and invitation history must
 * all hold for the *same* membership, so a Peer coordinator never finds someone through their Levande bibliotek record.
 */
function membershipWhere(networks: NetworkVisibility, filter: MemberFilter): Prisma.MembershipWhereInput {
  const and: Prisma.MembershipWhereInput[] = [visibleThrough(networks, filter.status, filter.networkId)];
  if (filter.statuses && filter.statuses.length > 0) and.push({ status: { in: [...filter.statuses] } });
  if (filter.trained === true) and.push({ trainedAt: { not: null } });
  if (filter.trained === false) and.push({ trainedAt: null });
  const invited = window(filter.lastInvitedAfter, filter.lastInvitedBefore, filter.neverInvited);
  if (invited) and.push({ lastInvitedAt: invited });
  const assigned = window(filter.lastAssignmentAfter, filter.lastAssignmentBefore, filter.neverAssigned);
  if (assigned) and.push({ lastAssignmentAt: assigned });
  return { AND: and };
}

/**
 * Prisma turns `contains` and case-insensitive `equals` into ILIKE: a searched `%`, `_` or `\` is a character to find,
 * not a pattern (a lone `%` would otherwise list the whole pool, a trailing `\` fail the query).
 */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function memberWhere(
  tenantId: string,
  networks: NetworkVisibility,
  filter: MemberFilter,
  /** Criteria worked out beforehand as sets of member ids (null: no criterion). */
  memberIdSets: readonly (string[] | null)[],
): Prisma.MemberWhereInput {
  const and: Prisma.MemberWhereInput[] = [];
  if (filter.experienceTagIds) and.push({ experiences: { some: { tagId: { in: [...filter.experienceTagIds] } } } });
  for (const ids of memberIdSets) if (ids) and.push({ id: { in: ids } });
  if (filter.representsOrganisation) {
    const day = asDate(filter.representsOrganisation.today);
    and.push({
      representations: {
        some: {
          organisationId: filter.representsOrganisation.organisationId,
          status: "CONFIRMED",
          validFrom: { lte: day },
          OR: [{ validTo: null }, { validTo: { gte: day } }],
        },
      },
    });
  }
  if (filter.languages && filter.languages.length > 0) and.push({ languages: { hasSome: [...filter.languages] } });
  if (filter.municipalities && filter.municipalities.length > 0) {
    and.push({
      // Case-insensitive `equals` is ILIKE too: wildcards in the input are matched literally (see likeLiteral).
      OR: filter.municipalities.map((municipality) => ({
        municipality: { equals: likeLiteral(municipality), mode: "insensitive" as const },
      })),
    });
  }
  if (filter.birthRanges && filter.birthRanges.length > 0) {
    // A full birth date decides when known; a year alone (paper forms) otherwise, as `ageOn` reads them.
    and.push({
      OR: filter.birthRanges.flatMap((range): Prisma.MemberWhereInput[] => [
        { birthDate: { lte: asDate(range.bornOnOrBefore), ...(range.bornAfter ? { gt: asDate(range.bornAfter) } : { not: null }) } },
        {
          birthDate: null,
          birthYear: { lte: range.birthYearTo, ...(range.birthYearFrom !== null ? { gte: range.birthYearFrom } : { not: null }) },
        },
      ]),
    });
  }
  for (const word of filter.nameWords ?? []) {
    const literal = likeLiteral(word);
    and.push({
      OR: [
        { givenName: { contains: literal, mode: "insensitive" as const } },
        { familyName: { contains: literal, mode: "insensitive" as const } },
      ],
    });
  }
  // A member whose processing is restricted (GDPR art. 18) is only stored: never found, matched or invited.
  return {
    tenantId,
    erasedAt: null,
    restrictedAt: null,
    memberships: { some: membershipWhere(networks, filter) },
    ...(and.length > 0 ? { AND: and } : {}),
  };
}

/**
 * Members with any of the perspectives, or null for no criterion. Prisma's `has`/`hasSome` on an enum list cannot be
 * bound by the embedded database's driver ("malformed array literal"), so the overlap is written in SQL, with the
 * values passed as one text parameter.
 */
async function membersWithPerspectives(
  tx: Tx,
  tenantId: string,
  perspectives: readonly Perspective[] | undefined,
): Promise<string[] | null> {
  if (!perspectives || perspectives.length === 0) return null;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS "id" FROM "Member"
    WHERE "tenantId" = ${tenantId}::uuid AND "erasedAt" IS NULL
      AND "perspectives" && string_to_array(${perspectives.join(",")}, ',')::"Perspective"[]`;
  return rows.map((row) => row.id);
}

/**
 * Members with a competence holding any of `sought` as whole words, or null for no criterion. The words are the
 * domain's (`meetsCompetence`: case, accents and punctuation set aside), which SQL cannot fold the same way (the
 * embedded database's C locale does not even fold Ö to ö), so the rule decides over the tenant's members who have
 * written any competence: a few short texts each, read only when the criterion is asked for.
 */
async function membersWithCompetences(tx: Tx, tenantId: string, sought: readonly string[] | undefined): Promise<string[] | null> {
  if (!sought || sought.length === 0) return null;
  const rows = await tx.member.findMany({
    where: { tenantId, erasedAt: null, competences: { isEmpty: false } },
    select: { id: true, competences: true },
  });
  return rows.filter((row) => sought.some((text) => meetsCompetence(row.competences, text))).map((row) => row.id);
}

/** The columns the pool sorts by (MemberOrderField). */
export const memberSortColumns = { CREATED_AT: "id", FAMILY_NAME: "familyName" } satisfies Record<MemberOrderField, string>;

export async function listMembers(
  tx: Tx,
  tenantId: string,
  networks: NetworkVisibility,
  filter: MemberFilter,
  page: SortedPageRequest<MemberOrderField>,
): Promise<{ rows: MemberRow[]; total: number }> {
  const idSets = await Promise.all([
    membersWithPerspectives(tx, tenantId, filter.perspectives),
    membersWithCompetences(tx, tenantId, filter.competences),
  ]);
  const where = memberWhere(tenantId, networks, filter, idSets);
  const query = sortedPageQuery(page, memberSortColumns);
  // The page and the count share one where-clause, so `totalCount` is the size of exactly the set being paged.
  const [rows, total] = await Promise.all([
    tx.member.findMany({ ...query, where: { AND: [where, query.where ?? {}] }, select: memberFields }),
    tx.member.count({ where }),
  ]);
  return { rows, total };
}

/** The tenant's whole taxonomy (a few hundred tags at most), to expand a tag into the tags below it. */
export function findTaxonomyLinks(tx: Tx, tenantId: string) {
  return tx.experienceTag.findMany({ where: { tenantId }, select: { id: true, key: true, parentId: true } });
}

export function findTenantTimeZone(tx: Tx, tenantId: string) {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { timeZone: true } });
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
      trainedAt: true,
      lastInvitedAt: true,
      lastAssignmentAt: true,
      version: true,
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
