import { type Perspective, Prisma, type RequestStatus } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import { type MemberRow, memberFields, type NetworkVisibility } from "../member/member.repository.js";

// The facts the candidate ranking needs, gathered with a fixed number of set queries whatever the pool's size: the
// request, then the pool, its tags, its invitations and assignments aggregated per member in SQL, its pauses and its
// bookings.
// Every query names the tenant itself as well as running under row-level security.

export interface RequestForMatching {
  id: string;
  networkId: string;
  status: RequestStatus;
  perspectivesSought: Perspective[];
  experienceTags: { tagId: string }[];
  /** Not cancelled, first first. */
  occasions: { startsAt: Date; endsAt: Date }[];
}

/** The request as matching sees it, if the reader coordinates its network. */
export function findRequestForMatching(
  tx: Tx,
  tenantId: string,
  requestId: string,
  networks: NetworkVisibility,
): Promise<RequestForMatching | null> {
  return tx.request.findFirst({
    where: { tenantId, id: requestId, ...(networks === "ALL" ? {} : { networkId: { in: networks } }) },
    select: {
      id: true,
      networkId: true,
      status: true,
      perspectivesSought: true,
      experienceTags: { select: { tagId: true } },
      occasions: { where: { cancelledAt: null }, select: { startsAt: true, endsAt: true }, orderBy: { startsAt: "asc" } },
    },
  });
}

/** Memberships `ms` of the network's active pool: each query starts from them and joins its table on the member. */
const activeMemberships = (tenantId: string, networkId: string) => Prisma.sql`
  ms."tenantId" = ${tenantId}::uuid AND ms."networkId" = ${networkId}::uuid AND ms."status" = 'ACTIVE'`;

export interface PoolFactsRow {
  id: string;
  /** ISO date. */
  birthDate: string | null;
  birthYear: number | null;
  municipality: string | null;
  perspectives: Perspective[];
  languages: string[];
  hasAccessibilityNeeds: boolean;
}

// Each of the pool's facts is its own simple query, joined in memory by member id. Every query starts from the pool's
// memberships and reaches its table through the index on (tenant, member), so the plan stays the same with or
// without table statistics (an `IN (subquery)` form planned on freshly loaded tables took seconds).

export function findPoolFacts(tx: Tx, tenantId: string, networkId: string): Promise<PoolFactsRow[]> {
  return tx.$queryRaw<PoolFactsRow[]>`
    SELECT m."id"::text AS "id", m."birthDate"::text AS "birthDate", m."birthYear", m."municipality",
           m."perspectives"::text[] AS "perspectives", m."languages",
           (m."accessibilityNeeds" IS NOT NULL AND btrim(m."accessibilityNeeds") <> '') AS "hasAccessibilityNeeds"
    FROM "Membership" ms
    JOIN "Member" m ON m."tenantId" = ms."tenantId" AND m."id" = ms."memberId"
    WHERE ${activeMemberships(tenantId, networkId)} AND m."restrictedAt" IS NULL AND m."erasedAt" IS NULL`;
}

export interface PoolTagsRow {
  memberId: string;
  tagIds: string[];
}

/** Pool members' tags among `relevantTagIds` (the sought tags and the tags above and below them): all the ranking reads. */
export async function findPoolTags(tx: Tx, tenantId: string, networkId: string, relevantTagIds: readonly string[]): Promise<PoolTagsRow[]> {
  if (relevantTagIds.length === 0) return [];
  const rows = await tx.$queryRaw<PoolTagsRow[]>`
    SELECT e."memberId"::text AS "memberId", array_agg(e."tagId"::text) AS "tagIds"
    FROM "Membership" ms
    JOIN "MemberExperience" e ON e."tenantId" = ms."tenantId" AND e."memberId" = ms."memberId"
    WHERE ${activeMemberships(tenantId, networkId)}
    GROUP BY e."memberId"`;
  // Filtered here: an `= ANY(array)` condition made the embedded database plan this query in seconds.
  const relevant = new Set(relevantTagIds);
  return rows.map((row) => ({ memberId: row.memberId, tagIds: row.tagIds.filter((id) => relevant.has(id)) }));
}

/** First day of the fairness window, and the tenant's time zone that dates are counted in. */
export interface FairnessWindow {
  start: string;
  timeZone: string;
}

export interface InvitationFactsRow {
  memberId: string;
  /** Calendar date (tenant time zone) of the last invitation. */
  lastInvitedOn: string;
  inWindow: number;
  /** DECLINED, another status, or null: the member's invitation to the request being matched. */
  statusForRequest: string | null;
}

/**
 * Per pool member: the last invitation to any request of the tenant (being asked is a load on the person, whichever
 * network asks), how many fall in the fairness window, and the invitation to this request if there is one. Dates are
 * calendar dates computed here, so nothing is converted per row in the API.
 */
export function aggregateInvitations(
  tx: Tx,
  tenantId: string,
  networkId: string,
  requestId: string,
  window: FairnessWindow,
): Promise<InvitationFactsRow[]> {
  return tx.$queryRaw<InvitationFactsRow[]>`
    SELECT i."memberId"::text AS "memberId",
           timezone(${window.timeZone}::text, max(i."invitedAt"))::date::text AS "lastInvitedOn",
           (count(*) FILTER (WHERE timezone(${window.timeZone}::text, i."invitedAt")::date >= ${window.start}::date))::int AS "inWindow",
           max(i."status"::text) FILTER (WHERE i."requestId" = ${requestId}::uuid) AS "statusForRequest"
    FROM "Membership" ms
    JOIN "Invitation" i ON i."tenantId" = ms."tenantId" AND i."memberId" = ms."memberId"
    WHERE ${activeMemberships(tenantId, networkId)}
    GROUP BY i."memberId"`;
}

export interface AssignmentFactsRow {
  memberId: string;
  inWindow: number;
}

/** Per pool member with any assignment that was not cancelled: how many began in the fairness window. */
export function aggregateAssignments(tx: Tx, tenantId: string, networkId: string, window: FairnessWindow): Promise<AssignmentFactsRow[]> {
  return tx.$queryRaw<AssignmentFactsRow[]>`
    SELECT a."memberId"::text AS "memberId",
           (count(*) FILTER (WHERE timezone(${window.timeZone}::text, a."createdAt")::date >= ${window.start}::date))::int AS "inWindow"
    FROM "Membership" ms
    JOIN "Assignment" a ON a."tenantId" = ms."tenantId" AND a."memberId" = ms."memberId"
    WHERE ${activeMemberships(tenantId, networkId)} AND a."status" <> 'CANCELLED'
    GROUP BY a."memberId"`;
}

export interface PauseFactsRow {
  memberId: string;
  startsOn: string;
  endsOn: string | null;
}

/** Pauses of pool members that are not over before `today`. */
export function findLivePauses(tx: Tx, tenantId: string, networkId: string, today: string): Promise<PauseFactsRow[]> {
  return tx.$queryRaw<PauseFactsRow[]>`
    SELECT p."memberId"::text AS "memberId", p."startsOn"::text AS "startsOn", p."endsOn"::text AS "endsOn"
    FROM "Membership" ms
    JOIN "MemberPause" p ON p."tenantId" = ms."tenantId" AND p."memberId" = ms."memberId"
    WHERE ${activeMemberships(tenantId, networkId)} AND (p."endsOn" IS NULL OR p."endsOn" >= ${today}::date)`;
}

export interface BookingFactsRow {
  memberId: string;
  /** Calendar date in the tenant's time zone. */
  day: string;
}

/** The days (between `from` and `to`) on which pool members take part in another request's occasion. */
export function findBookings(
  tx: Tx,
  tenantId: string,
  networkId: string,
  requestId: string,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<BookingFactsRow[]> {
  return tx.$queryRaw<BookingFactsRow[]>`
    SELECT DISTINCT a."memberId"::text AS "memberId", timezone(${timeZone}::text, o."startsAt")::date::text AS "day"
    FROM "Membership" ms
    JOIN "Assignment" a ON a."tenantId" = ms."tenantId" AND a."memberId" = ms."memberId"
    JOIN "Occasion" o ON o."tenantId" = a."tenantId" AND o."requestId" = a."requestId"
    WHERE ${activeMemberships(tenantId, networkId)} AND a."status" <> 'CANCELLED' AND a."requestId" <> ${requestId}::uuid
      AND o."cancelledAt" IS NULL AND o."startsAt" >= ${from.toISOString()}::timestamptz AND o."startsAt" < ${to.toISOString()}::timestamptz`;
}

/** The profiles of the shortlist, as every reader of a profile gets them. */
export function findMembersByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<MemberRow[]> {
  return tx.member.findMany({ where: { tenantId, id: { in: [...ids] }, erasedAt: null }, select: memberFields });
}
