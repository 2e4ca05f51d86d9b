import { Prisma, type RequestStatus } from "@medverkan/database";
import { type CandidateFacts, DEFAULT_TIME_ZONE, type FilterableProfile, type Perspective, type TagLink } from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";
import { findMembershipsByMemberIds, type MemberRow, type NetworkVisibility } from "../member/member.repository.js";
import { processingAllowedSql } from "../privacy/processing-allowed.js";

// The facts the candidate ranking needs, in two statements whatever the pool's size — the request with everything
// around it and its own facts, then the whole pool with its facts, which is remembered under the pool's version and
// not read again until something in it changes. Both are written in SQL and answer JSON: the driver turns every value
// of thousands of rows into a JavaScript value one by one, where one JSON text is parsed at native speed (issue 10).
// Every query names the tenant itself as well as running under row-level security.

export interface RequestForMatching {
  id: string;
  networkId: string;
  status: RequestStatus;
  perspectivesSought: Perspective[];
  competencesSought: string[];
  experienceTagIds: string[];
  /** Not cancelled, first first. */
  occasions: { startsAt: Date; endsAt: Date }[];
  /** The tenant's time zone, in which dates are counted. */
  timeZone: string;
  /** The tenant's whole taxonomy (id and parent), so a sub-tag counts for the tag above it. */
  taxonomy: TagLink[];
  /** The tenant's candidate pool version (CandidatePoolVersion), read in the same statement; null before its first. */
  poolVersion: string | null;
  /** The facts of the pool that belong to this request. */
  own: RequestCandidateFacts;
}

/** The facts of the pool that belong to one request, by member: read with the request every time, never remembered. */
export interface RequestCandidateFacts {
  /** Each member's invitation to this request. */
  readonly invitations: ReadonlyMap<string, "DECLINED" | "OTHER">;
  /** The days on which each member takes part in another request's occasion near this one's. */
  readonly bookedDates: ReadonlyMap<string, readonly string[]>;
}

interface RequestForMatchingRow {
  id: string;
  networkId: string;
  status: RequestStatus;
  perspectivesSought: Perspective[];
  competencesSought: string[];
  experienceTagIds: string[];
  /** JSON: [[startsAt, endsAt], …]. */
  occasions: string;
  timeZone: string | null;
  /** JSON: [[id, parentId], …]. */
  taxonomy: string;
  poolVersion: string | null;
  /** JSON: [[memberId, status], …] or null. */
  asked: string | null;
  /** JSON: [[memberId, [day, …]], …] or null. */
  booked: string | null;
}

/**
 * The request as matching sees it, if the reader coordinates its network, with the tenant's time zone, taxonomy and
 * candidate pool version, and the pool's facts that belong to this request: the members' invitations to it, and the
 * days on which members take part in another request's occasion near its occasions still to come (from a day before
 * the first that has not ended to a day after the last, as of `now`). One statement where it was seven.
 *
 * It also sets two planner settings for the rest of the transaction. The pool's facts are a few aggregates over the
 * tenant's rows: a parallel worker costs more to start than it saves when every core already serves another request,
 * and the cost estimate for a large tenant can pass the JIT threshold, where compiling takes far longer than
 * answering (seconds against tens of milliseconds). Set here, in a statement that is sent anyway.
 */
export async function findRequestForMatching(
  tx: Tx,
  tenantId: string,
  requestId: string,
  networks: NetworkVisibility,
  now: Date,
): Promise<RequestForMatching | null> {
  const visible = networks === "ALL" ? Prisma.empty : Prisma.sql`AND r."networkId" = ANY(${[...networks]}::uuid[])`;
  const rows = await tx.$queryRaw<RequestForMatchingRow[]>`
    SELECT set_config('max_parallel_workers_per_gather', '0', true) AS "parallelWorkers", set_config('jit', 'off', true) AS "jit",
           r."id"::text AS "id", r."networkId"::text AS "networkId", r."status"::text AS "status",
           r."perspectivesSought"::text[] AS "perspectivesSought", r."competencesSought",
           ARRAY(SELECT t."tagId"::text FROM "RequestExperienceTag" t
                 WHERE t."tenantId" = r."tenantId" AND t."requestId" = r."id") AS "experienceTagIds",
           (SELECT coalesce(json_agg(json_build_array(o."startsAt", o."endsAt") ORDER BY o."startsAt", o."id"), '[]')::text
              FROM "Occasion" o
             WHERE o."tenantId" = r."tenantId" AND o."requestId" = r."id" AND o."cancelledAt" IS NULL) AS "occasions",
           tn."timeZone",
           (SELECT coalesce(json_agg(json_build_array(e."id", e."parentId")), '[]')::text
              FROM "ExperienceTag" e WHERE e."tenantId" = r."tenantId") AS "taxonomy",
           (SELECT v."version"::text FROM "CandidatePoolVersion" v WHERE v."tenantId" = r."tenantId") AS "poolVersion",
           (SELECT json_agg(json_build_array(i."memberId", i."status"))
              FROM "Invitation" i WHERE i."tenantId" = r."tenantId" AND i."requestId" = r."id")::text AS "asked",
           (SELECT json_agg(json_build_array(x."memberId", x."days"))
              FROM (SELECT a."memberId", json_agg(DISTINCT timezone(coalesce(tn."timeZone", ${DEFAULT_TIME_ZONE}), o."startsAt")::date) AS "days"
                      FROM (SELECT (array_agg(n."startsAt" ORDER BY n."startsAt", n."id"))[1] - interval '1 day' AS "from",
                                   (array_agg(n."endsAt" ORDER BY n."startsAt" DESC, n."id" DESC))[1] + interval '1 day' AS "to"
                              FROM "Occasion" n
                             WHERE n."tenantId" = r."tenantId" AND n."requestId" = r."id" AND n."cancelledAt" IS NULL
                               AND n."endsAt" >= ${now.toISOString()}::timestamptz) near
                      JOIN "Occasion" o ON o."tenantId" = r."tenantId" AND o."cancelledAt" IS NULL
                                       AND o."startsAt" >= near."from" AND o."startsAt" < near."to"
                      JOIN "Assignment" a ON a."tenantId" = o."tenantId" AND a."requestId" = o."requestId"
                     WHERE a."status" <> 'CANCELLED' AND a."requestId" <> r."id"
                     GROUP BY a."memberId") x)::text AS "booked"
    FROM "Request" r
    LEFT JOIN "Tenant" tn ON tn."id" = r."tenantId"
    WHERE r."tenantId" = ${tenantId}::uuid AND r."id" = ${requestId}::uuid ${visible}`;
  const row = rows[0];
  if (!row) return null;
  const occasions = JSON.parse(row.occasions) as [string, string][];
  const taxonomy = JSON.parse(row.taxonomy) as [string, string | null][];
  const asked = JSON.parse(row.asked ?? "null") as [memberId: string, status: string][] | null;
  const booked = JSON.parse(row.booked ?? "null") as [memberId: string, days: string[]][] | null;
  return {
    id: row.id,
    networkId: row.networkId,
    status: row.status,
    perspectivesSought: row.perspectivesSought,
    competencesSought: row.competencesSought ?? [],
    experienceTagIds: row.experienceTagIds,
    occasions: occasions.map(([startsAt, endsAt]) => ({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) })),
    timeZone: row.timeZone ?? DEFAULT_TIME_ZONE,
    taxonomy: taxonomy.map(([id, parentId]) => ({ id, parentId })),
    poolVersion: row.poolVersion,
    own: {
      invitations: new Map((asked ?? []).map(([memberId, status]) => [memberId, status === "DECLINED" ? "DECLINED" : "OTHER"])),
      bookedDates: new Map(booked ?? []),
    },
  };
}

/**
 * One active member of a network's pool: what the ranking reads, and what the profile filter reads. As the pool is
 * read, the two facts that belong to one request stand as for a request that has asked nobody and near whose
 * occasions nobody is booked; the service lays a request's own facts (read with the request) over the few
 * members they concern. The rest is the same for every request of the network on a day, so the pool is remembered
 * under its version (candidate-pool-memo.ts).
 */
export interface PoolCandidate extends CandidateFacts, FilterableProfile {
  readonly municipality: string | null;
  readonly languages: readonly string[];
}

export interface PoolQuery {
  tenantId: string;
  networkId: string;
  timeZone: string;
  /** The tenant's calendar date: pauses over before it do not count. */
  today: string;
  /** First calendar day of the fairness window. */
  windowStart: string;
}

/** How the statement writes each set: arrays by position (names repeated thousands of times cost). */
interface PoolJson {
  pool: [
    id: string,
    birthDate: string | null,
    birthYear: number | null,
    municipality: string | null,
    perspectives: Perspective[],
    languages: string[],
    hasAccessibilityNeeds: boolean,
    competences: string[],
  ][];
  activity:
    | [memberId: string, lastInvitedOn: string | null, invitationsInWindow: number, everAssigned: boolean, assignmentsInWindow: number][]
    | null;
  tagged: [memberId: string, tagIds: string[]][] | null;
  paused: [memberId: string, pauses: [startsOn: string, endsOn: string | null][]][] | null;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * The instants that decide which history counts in the fairness window, which begins at midnight of `windowStart` in
 * the tenant's time zone. No time zone is a day away from UTC: an instant a day after the window's first midnight in
 * UTC is inside the window wherever it is seen (`surelyIn`), one a day before it is outside (`surelyOut`). The counters
 * are kept per UTC month: the months from `firstWholeMonth` (the first UTC month that begins at or after `surelyIn`)
 * are inside whole, and only the history between `surelyOut` and it (at most 33 days) is read and converted row by row.
 */
export function fairnessWindowEdges(windowStart: string): { surelyOut: string; surelyIn: string; firstWholeMonth: string } {
  const windowMidnightUtc = Date.parse(`${windowStart}T00:00:00Z`);
  const surelyIn = new Date(windowMidnightUtc + 86_400_000);
  const surelyOut = new Date(windowMidnightUtc - 86_400_000);
  const monthStart = Date.UTC(surelyIn.getUTCFullYear(), surelyIn.getUTCMonth(), 1);
  const firstWholeMonth = new Date(
    monthStart === surelyIn.getTime() ? monthStart : Date.UTC(surelyIn.getUTCFullYear(), surelyIn.getUTCMonth() + 1, 1),
  );
  return { surelyOut: surelyOut.toISOString(), surelyIn: surelyIn.toISOString(), firstWholeMonth: firstWholeMonth.toISOString() };
}

/**
 * The network's active pool (never restricted or erased members) with every fact the ranking reads that does not
 * depend on the request, in one statement: the profile, every experience tag, the last invitation to any request of
 * the tenant (being asked is a load on the person, whichever network asks) and how many fall in the fairness window,
 * whether the member was ever assigned and how many assignments began in the window, and the pauses not over before
 * today.
 *
 * The history facts come from the counters the database keeps where invitations and assignments are written
 * (`MemberActivity`, `MemberActivityMonth`; migration 20261208140001): one row per member for the last invitation
 * and whether ever assigned, the window's whole UTC months, and the raw invitations and assignments of the window's
 * first days only. Before, every request aggregated the tenant's whole history (five years: ~40 000 rows for a
 * region) to the same numbers; `__tests__/member-activity.test.ts` compares the two on a seeded history.
 *
 * Each fact is its own uncorrelated subquery over the tenant's rows, aggregated per member and joined to the pool here
 * by member id, so no plan can run one of them again for every member of the pool: joined in SQL, a planner without
 * statistics (a freshly loaded database, or the embedded one) re-aggregated the pauses for each of 5 000 members and
 * took seconds. Calendar dates are compared in the tenant's time zone, as the domain counts them.
 */
export async function findCandidatePool(tx: Tx, query: PoolQuery): Promise<PoolCandidate[]> {
  const { tenantId, networkId, timeZone } = query;
  const edges = fairnessWindowEdges(query.windowStart);
  // Of the rows between `surelyOut` and the first whole month, those whose calendar day is in the window.
  const edgeOfWindow = (column: Prisma.Sql) =>
    Prisma.sql`${column} >= ${edges.surelyOut}::timestamptz AND ${column} < ${edges.firstWholeMonth}::timestamptz
      AND (${column} >= ${edges.surelyIn}::timestamptz OR timezone(${timeZone}::text, ${column})::date >= ${query.windowStart}::date)`;
  const rows = await tx.$queryRaw<{ [K in keyof PoolJson]: string | null }[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_array(m."id", m."birthDate", m."birthYear", m."municipality", m."perspectives",
                m."languages", (m."accessibilityNeeds" IS NOT NULL AND btrim(m."accessibilityNeeds") <> ''), m."competences")), '[]')
         FROM "Membership" ms
         JOIN "Member" m ON m."tenantId" = ms."tenantId" AND m."id" = ms."memberId"
        WHERE ms."tenantId" = ${tenantId}::uuid AND ms."networkId" = ${networkId}::uuid AND ms."status" = 'ACTIVE'
          AND ${processingAllowedSql("m")})::text AS "pool",
      (SELECT json_agg(json_build_array(a."memberId", timezone(${timeZone}::text, a."lastInvitedAt")::date,
                coalesce(w."invitations", 0), a."liveAssignments" > 0, coalesce(w."assignments", 0)))
         FROM "MemberActivity" a
         LEFT JOIN (SELECT x."memberId", sum(x."invitations") AS "invitations", sum(x."assignments") AS "assignments"
                      FROM (SELECT mo."memberId", mo."invitations", mo."liveAssignments" AS "assignments"
                              FROM "MemberActivityMonth" mo
                             WHERE mo."tenantId" = ${tenantId}::uuid AND mo."month" >= ${edges.firstWholeMonth.slice(0, 10)}::date
                            UNION ALL
                            SELECT i."memberId", 1, 0 FROM "Invitation" i
                             WHERE i."tenantId" = ${tenantId}::uuid AND ${edgeOfWindow(Prisma.sql`i."invitedAt"`)}
                            UNION ALL
                            SELECT s."memberId", 0, 1 FROM "Assignment" s
                             WHERE s."tenantId" = ${tenantId}::uuid AND s."status" <> 'CANCELLED'
                               AND ${edgeOfWindow(Prisma.sql`s."createdAt"`)}) x
                     GROUP BY x."memberId") w ON w."memberId" = a."memberId"
        WHERE a."tenantId" = ${tenantId}::uuid AND (a."lastInvitedAt" IS NOT NULL OR a."liveAssignments" > 0))::text AS "activity",
      (SELECT json_agg(json_build_array(x."memberId", x."tagIds"))
         FROM (SELECT e."memberId", json_agg(e."tagId" ORDER BY e."tagId") AS "tagIds"
                 FROM "MemberExperience" e
                 JOIN "Membership" ms ON ms."tenantId" = e."tenantId" AND ms."memberId" = e."memberId"
                WHERE e."tenantId" = ${tenantId}::uuid AND ms."networkId" = ${networkId}::uuid AND ms."status" = 'ACTIVE'
                GROUP BY e."memberId") x)::text AS "tagged",
      (SELECT json_agg(json_build_array(x."memberId", x."pauses"))
         FROM (SELECT p."memberId", json_agg(json_build_array(p."startsOn", p."endsOn") ORDER BY p."startsOn", p."endsOn" NULLS LAST) AS "pauses"
                 FROM "MemberPause" p WHERE p."tenantId" = ${tenantId}::uuid AND (p."endsOn" IS NULL OR p."endsOn" >= ${query.today}::date)
                GROUP BY p."memberId") x)::text AS "paused"`;
  const row = rows[0];
  const parse = <K extends keyof PoolJson>(key: K): PoolJson[K] => JSON.parse(row?.[key] ?? "null") as PoolJson[K];
  const activity = byMember(parse("activity"));
  const tagged = byMember(parse("tagged"));
  const paused = byMember(parse("paused"));
  return (parse("pool") ?? []).map(
    ([memberId, birthDate, birthYear, municipality, perspectives, languages, hasAccessibilityNeeds, competences]) => {
      const history = activity.get(memberId);
      return {
        memberId,
        birthDate,
        birthYear,
        municipality,
        perspectives,
        languages,
        hasAccessibilityNeeds,
        competences: competences ?? NONE,
        experienceTagIds: tagged.get(memberId)?.[1] ?? NONE,
        lastAskedOn: history?.[1] ?? null,
        invitationsInWindow: history?.[2] ?? 0,
        everAssigned: history?.[3] ?? false,
        assignmentsInWindow: history?.[4] ?? 0,
        pauses: paused.get(memberId)?.[1].map(([startsOn, endsOn]) => ({ startsOn, endsOn })) ?? NONE,
        invitationToRequest: null,
        bookedDates: NONE,
      };
    },
  );
}

const byMember = <T extends [string, ...unknown[]]>(list: T[] | null) => new Map((list ?? []).map((entry) => [entry[0], entry]));

type MembershipRow = Awaited<ReturnType<typeof findMembershipsByMemberIds>>[number];

export interface ShortlistProfiles {
  /** As every reader of a profile gets them (`memberFields`); erased members are left out. */
  members: MemberRow[];
  /** Every membership of each, as the member loaders read them: the profile guard and `Member.memberships` use these. */
  memberships: MembershipRow[];
}

type Json<Row> = { [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K] };
const date = (value: string) => new Date(value);
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The shortlist's profiles and memberships in one statement, where Prisma would compile two queries anew (issue 10).
 * The rows are typed as `memberFields` and `findMembershipsByMemberIds` select them, so a field added there fails to
 * compile here until it is read here too.
 */
export async function findShortlistProfiles(tx: Tx, tenantId: string, ids: readonly string[]): Promise<ShortlistProfiles> {
  const rows = await tx.$queryRaw<{ members: string; memberships: string }[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
                'tenantId', m."tenantId", 'id', m."id", 'givenName', m."givenName", 'familyName', m."familyName",
                'email', m."email", 'phone', m."phone", 'birthDate', m."birthDate", 'birthYear', m."birthYear",
                'municipality', m."municipality", 'perspectives', m."perspectives", 'experienceText', m."experienceText",
                'competences', m."competences", 'languages', m."languages", 'accessibilityNeeds', m."accessibilityNeeds",
                'availabilityNote', m."availabilityNote", 'organisationRepresented', m."organisationRepresented",
                'personalIdentityNumberMasked', m."personalIdentityNumberMasked", 'employeeNumber', m."employeeNumber",
                'bankAccountMasked', m."bankAccountMasked", 'createdAt', m."createdAt", 'version', m."version")), '[]')::text
         FROM "Member" m
        WHERE m."tenantId" = ${tenantId}::uuid AND m."id" = ANY(${[...ids]}::uuid[]) AND m."erasedAt" IS NULL) AS "members",
      (SELECT coalesce(json_agg(json_build_object(
                'tenantId', ms."tenantId", 'id', ms."id", 'memberId', ms."memberId", 'networkId', ms."networkId",
                'status', ms."status", 'channel', ms."channel", 'registeredAt', ms."registeredAt",
                'statusChangedAt', ms."statusChangedAt", 'trainedAt', ms."trainedAt", 'lastInvitedAt', ms."lastInvitedAt",
                'lastAssignmentAt', ms."lastAssignmentAt", 'version', ms."version") ORDER BY ms."registeredAt", ms."id"), '[]')::text
         FROM "Membership" ms
        WHERE ms."tenantId" = ${tenantId}::uuid AND ms."memberId" = ANY(${[...ids]}::uuid[])) AS "memberships"`;
  const members = JSON.parse(rows[0]?.members ?? "[]") as Json<MemberRow>[];
  const memberships = JSON.parse(rows[0]?.memberships ?? "[]") as Json<MembershipRow>[];
  return {
    members: members.map(
      (row): MemberRow => ({
        tenantId: row.tenantId,
        id: row.id,
        givenName: row.givenName,
        familyName: row.familyName,
        email: row.email,
        phone: row.phone,
        birthDate: dateOrNull(row.birthDate),
        birthYear: row.birthYear,
        municipality: row.municipality,
        perspectives: row.perspectives,
        experienceText: row.experienceText,
        competences: row.competences,
        languages: row.languages,
        accessibilityNeeds: row.accessibilityNeeds,
        availabilityNote: row.availabilityNote,
        organisationRepresented: row.organisationRepresented,
        personalIdentityNumberMasked: row.personalIdentityNumberMasked,
        employeeNumber: row.employeeNumber,
        bankAccountMasked: row.bankAccountMasked,
        createdAt: date(row.createdAt),
        version: row.version,
      }),
    ),
    memberships: memberships.map(
      (row): MembershipRow => ({
        tenantId: row.tenantId,
        id: row.id,
        memberId: row.memberId,
        networkId: row.networkId,
        status: row.status,
        channel: row.channel,
        registeredAt: date(row.registeredAt),
        statusChangedAt: date(row.statusChangedAt),
        trainedAt: dateOrNull(row.trainedAt),
        lastInvitedAt: dateOrNull(row.lastInvitedAt),
        lastAssignmentAt: dateOrNull(row.lastAssignmentAt),
        version: row.version,
      }),
    ),
  };
}
