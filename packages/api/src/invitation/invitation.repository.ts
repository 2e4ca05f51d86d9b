import {
  type ActorType,
  type AnswerChannel,
  type AssignmentStatus,
  type InvitationStatus,
  Prisma,
  type RequestStatus,
} from "@medverkan/database";
import { unitMaySeeParticipant } from "@medverkan/domain";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import { type SortedPageRequest, sortedPageSql } from "../common/pagination/ordering.js";
import { JsonRows } from "../common/sql/json-rows.js";
import type { Tx } from "../context/tenant-scope.js";
import { processingAllowedWhere } from "../privacy/processing-allowed.js";
import type { InvitationOrderField } from "./invitation.input.js";

// The only code of the invitation feature that knows about Prisma. Every query names the tenant itself; row-level
// security underneath would refuse another tenant's rows anyway.

const requestFields = {
  tenantId: true,
  id: true,
  networkId: true,
  unitId: true,
  status: true,
  numberOfPersons: true,
  assignmentLength: true,
  filledAt: true,
} as const satisfies Prisma.RequestSelect;

export type RequestRow = Prisma.RequestGetPayload<{ select: typeof requestFields }>;

export const invitationFields = {
  tenantId: true,
  id: true,
  requestId: true,
  memberId: true,
  status: true,
  message: true,
  invitedAt: true,
  expiresAt: true,
  respondedAt: true,
  declineReason: true,
  contactConsentId: true,
  contactReleasedAt: true,
  answerChannel: true,
  answerRecordedByRole: true,
  version: true,
  inviteeId: true,
  member: { select: { givenName: true, familyName: true } },
  contactConsent: { select: { givenAt: true, withdrawnAt: true, consentText: { select: { version: true } } } },
  assignment: { select: { id: true } },
} as const satisfies Prisma.InvitationSelect;

export type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationFields }>;

export function findRequest(tx: Tx, tenantId: string, id: string): Promise<RequestRow | null> {
  return tx.request.findFirst({ where: { tenantId, id }, select: requestFields });
}

export function findRequestsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<RequestRow[]> {
  return tx.request.findMany({ where: { tenantId, id: { in: [...ids] } }, select: requestFields });
}

/**
 * Takes the request row's lock until commit. Every change to who holds a place goes through it (acceptance,
 * withdrawal, cancellation, invitation), so of parallel acceptances for the last place exactly one gets it and the
 * others see it and are waitlisted.
 */
export async function lockRequest(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Request" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${id}::uuid FOR UPDATE`;
}

export function findTenantSettings(tx: Tx, tenantId: string) {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { timeZone: true, invitationExpiryDays: true } });
}

export function findOccasionsOfRequest(tx: Tx, tenantId: string, requestId: string) {
  return tx.occasion.findMany({
    where: { tenantId, requestId },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: { id: true, requestId: true, startsAt: true, endsAt: true, place: true, digitalLink: true, cancelledAt: true },
  });
}

/** What decides whether each of these members may be invited to a request of `networkId`. */
export function findInviteeFacts(tx: Tx, tenantId: string, networkId: string, requestId: string, memberIds: readonly string[]) {
  return tx.member.findMany({
    where: { tenantId, id: { in: [...memberIds] } },
    select: {
      id: true,
      restrictedAt: true,
      erasedAt: true,
      memberships: { where: { networkId }, select: { id: true, status: true } },
      pauses: { select: { startsOn: true, endsOn: true } },
      invitations: { where: { requestId }, select: { id: true, status: true, expiresAt: true } },
    },
  });
}

export function insertInvitation(
  tx: Tx,
  data: {
    tenantId: string;
    requestId: string;
    memberId: string;
    message: string | null;
    invitedById: string;
    invitedAt: Date;
    expiresAt: Date;
  },
): Promise<InvitationRow> {
  return tx.invitation.create({ data, select: invitationFields });
}

/** Asked again after an earlier question expired or was withdrawn: the same row (one per request and member), fresh. */
export async function reopenInvitation(
  tx: Tx,
  tenantId: string,
  id: string,
  data: { message: string | null; invitedById: string; invitedAt: Date; expiresAt: Date },
): Promise<InvitationRow> {
  await tx.invitation.updateMany({
    where: { tenantId, id },
    data: {
      ...data,
      status: "PENDING",
      respondedAt: null,
      declineReason: null,
      contactConsentId: null,
      contactReleasedAt: null,
      answerChannel: null,
      answerRecordedById: null,
      answerRecordedByRole: null,
      version: { increment: 1 },
    },
  });
  return (await findInvitation(tx, tenantId, id)) as InvitationRow;
}

/** The matching's fairness reads when a member was last asked. */
export async function touchLastInvited(tx: Tx, tenantId: string, membershipIds: readonly string[], at: Date): Promise<void> {
  if (membershipIds.length === 0) return;
  await tx.membership.updateMany({ where: { tenantId, id: { in: [...membershipIds] } }, data: { lastInvitedAt: at } });
}

/** A member's invitations as erasure weighs them: status, answer time, the place held, and whether occasions lie ahead. */
export async function findCommitmentsOfMember(tx: Tx, tenantId: string, memberId: string, now: Date) {
  const rows = await tx.invitation.findMany({
    where: { tenantId, memberId, status: { in: ["PENDING", "WAITLISTED", "ACCEPTED"] } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      requestId: true,
      status: true,
      expiresAt: true,
      assignment: { select: { id: true, status: true } },
      request: { select: { occasions: { where: { cancelledAt: null, endsAt: { gt: now } }, select: { id: true }, take: 1 } } },
    },
  });
  return rows.map((row) => ({
    invitationId: row.id,
    requestId: row.requestId,
    status: row.status,
    expiresAt: row.expiresAt,
    assignment: row.assignment,
    occasionsAhead: row.request.occasions.length > 0,
  }));
}

/** The invitation an invitee id belongs to (`Invitee.id`, derived from the invitation's id by the database). */
export function findInvitationByInviteeId(tx: Tx, tenantId: string, inviteeId: string): Promise<InvitationRow | null> {
  return tx.invitation.findFirst({ where: { tenantId, inviteeId }, select: invitationFields });
}

export function findInvitation(tx: Tx, tenantId: string, id: string): Promise<InvitationRow | null> {
  return tx.invitation.findFirst({ where: { tenantId, id }, select: invitationFields });
}

export async function updateInvitation(
  tx: Tx,
  tenantId: string,
  id: string,
  data: {
    status: InvitationStatus;
    respondedAt?: Date | null;
    declineReason?: string | null;
    contactConsentId?: string | null;
    contactReleasedAt?: Date | null;
    answerChannel?: AnswerChannel | null;
    answerRecordedById?: string | null;
    answerRecordedByRole?: string | null;
  },
): Promise<InvitationRow> {
  await tx.invitation.updateMany({ where: { tenantId, id }, data: { ...data, version: { increment: 1 } } });
  return (await findInvitation(tx, tenantId, id)) as InvitationRow;
}

/**
 * Writes EXPIRED on every unanswered invitation past its answer time (optionally only one member's, or one
 * request's). Idempotent: an expired invitation is no longer PENDING, so a second run changes nothing.
 */
export async function expireLapsedInvitations(
  tx: Tx,
  tenantId: string,
  now: Date,
  scope: { memberId?: string; requestId?: string; id?: string } = {},
): Promise<number> {
  const result = await tx.invitation.updateMany({
    where: { tenantId, status: "PENDING", expiresAt: { lte: now }, ...scope },
    data: { status: "EXPIRED", version: { increment: 1 } },
  });
  return result.count;
}

export function countAccepted(tx: Tx, tenantId: string, requestId: string): Promise<number> {
  return tx.invitation.count({ where: { tenantId, requestId, status: "ACCEPTED" } });
}

/**
 * When the last member joined a request's waiting list (null: nobody waits). Read under the request's lock, so the
 * next to join can be placed after it.
 */
export async function lastJoinedWaitlistAt(tx: Tx, tenantId: string, requestId: string): Promise<Date | null> {
  const { _max } = await tx.invitation.aggregate({ where: { tenantId, requestId, status: "WAITLISTED" }, _max: { respondedAt: true } });
  return _max.respondedAt;
}

/** The waiting list of a request in queue order: first to accept first. */
export function findWaitlisted(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  return tx.invitation.findMany({
    where: { tenantId, requestId: { in: [...requestIds] }, status: "WAITLISTED" },
    orderBy: [{ respondedAt: "asc" }, { id: "asc" }],
    select: { id: true, requestId: true, memberId: true, contactConsentId: true },
  });
}

export function insertContactSharingConsent(
  tx: Tx,
  data: { tenantId: string; memberId: string; requestId: string; consentTextId: string; givenAt: Date },
) {
  return tx.consent.create({ data: { ...data, kind: "CONTACT_SHARING", givenBy: "MEMBER" }, select: { id: true } });
}

export async function withdrawConsent(tx: Tx, tenantId: string, id: string, at: Date): Promise<boolean> {
  const result = await tx.consent.updateMany({ where: { tenantId, id, withdrawnAt: null }, data: { withdrawnAt: at } });
  return result.count === 1;
}

export function insertAssignment(
  tx: Tx,
  data: { tenantId: string; invitationId: string; requestId: string; memberId: string; agreementRequired: boolean; createdAt: Date },
) {
  return tx.assignment.create({ data, select: { id: true } });
}

export async function setAssignmentStatus(
  tx: Tx,
  tenantId: string,
  id: string,
  data: { status: AssignmentStatus; cancelledAt: Date; cancellationReason: string | null },
): Promise<void> {
  await tx.assignment.updateMany({ where: { tenantId, id }, data: { ...data, version: { increment: 1 } } });
}

/**
 * Moves a request to the fill status its acceptances give it, with an event in its history. The version moves too, so
 * an edit of the request made on what it looked like before fails with CONFLICT rather than overwriting the status.
 */
export async function changeRequestStatus(
  tx: Tx,
  request: RequestRow,
  to: RequestStatus,
  change: { at: Date; actorType: ActorType; actorId: string | null; reason: string | null },
): Promise<void> {
  await tx.request.updateMany({
    where: { tenantId: request.tenantId, id: request.id },
    data: {
      status: to,
      filledAt: to === "FILLED" ? (request.filledAt ?? change.at) : null,
      version: { increment: 1 },
    },
  });
  await tx.requestEvent.create({
    data: {
      tenantId: request.tenantId,
      requestId: request.id,
      fromStatus: request.status,
      toStatus: to,
      reason: change.reason,
      actorType: change.actorType,
      actorId: change.actorId,
      at: change.at,
    },
  });
}

export interface InvitationListFilter {
  requestId?: string;
  memberId?: string;
  statuses?: readonly InvitationStatus[];
}

/**
 * A filter by status as the reader sees it at `now` (`effectiveInvitationStatus`): a PENDING row past its answer time
 * is EXPIRED, whether or not the expiry job has written it yet. So PENDING means still open, and EXPIRED takes in the
 * lapsed ones still stored PENDING. Reads never write the expiry: the worker and the mutations do.
 */
export function effectiveStatusWhere(statuses: readonly InvitationStatus[], now: Date): Prisma.InvitationWhereInput {
  const stored = statuses.filter((status) => status !== "PENDING");
  const or: Prisma.InvitationWhereInput[] = [];
  if (stored.length > 0) or.push({ status: { in: stored } });
  if (statuses.includes("PENDING")) or.push({ status: "PENDING", expiresAt: { gt: now } });
  if (statuses.includes("EXPIRED")) or.push({ status: "PENDING", expiresAt: { lte: now } });
  return { OR: or };
}

/** `effectiveStatusWhere` in SQL, on the "Invitation" row `i`, as an `AND …` to append (empty for no statuses). */
function effectiveStatusSql(statuses: readonly InvitationStatus[], now: Date): Prisma.Sql {
  if (statuses.length === 0) return Prisma.empty;
  const stored = statuses.filter((status) => status !== "PENDING");
  const or: Prisma.Sql[] = [];
  // Enum arrays are sent as text[] and cast: the embedded database cannot send a JavaScript array as an enum array.
  if (stored.length > 0) or.push(Prisma.sql`i."status" = ANY(${stored}::text[]::"InvitationStatus"[])`);
  if (statuses.includes("PENDING")) or.push(Prisma.sql`(i."status" = 'PENDING' AND i."expiresAt" > ${now}::timestamptz)`);
  if (statuses.includes("EXPIRED")) or.push(Prisma.sql`(i."status" = 'PENDING' AND i."expiresAt" <= ${now}::timestamptz)`);
  return Prisma.sql`AND (${Prisma.join(or, " OR ")})`;
}

export async function listInvitations(
  tx: Tx,
  tenantId: string,
  filter: InvitationListFilter,
  page: PageRequest,
  now: Date,
): Promise<{ rows: InvitationRow[]; total: number }> {
  const where: Prisma.InvitationWhereInput = {
    tenantId,
    ...(filter.requestId ? { requestId: filter.requestId } : {}),
    ...(filter.memberId ? { memberId: filter.memberId } : {}),
    ...(filter.statuses?.length ? { AND: [effectiveStatusWhere(filter.statuses, now)] } : {}),
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.invitation.findMany({ ...query, where: { ...where, ...query.where }, select: invitationFields }),
    tx.invitation.count({ where }),
  ]);
  return { rows, total };
}

/** An invitation as `invitationFields` reads it, flattened: one row per invitation with its member, consent and assignment. */
interface FlatInvitationRow {
  tenantId: string;
  id: string;
  requestId: string;
  memberId: string;
  status: InvitationStatus;
  message: string | null;
  invitedAt: Date;
  expiresAt: Date;
  respondedAt: Date | null;
  declineReason: string | null;
  contactConsentId: string | null;
  contactReleasedAt: Date | null;
  answerChannel: AnswerChannel | null;
  answerRecordedByRole: string | null;
  version: number;
  inviteeId: string | null;
  givenName: string;
  familyName: string;
  consentId: string | null;
  consentGivenAt: Date | null;
  consentWithdrawnAt: Date | null;
  consentTextVersion: string | null;
  assignmentId: string | null;
}

/** On `i` (the invitation) joined with `m` (its member), `c` (its contact consent), `ct` (that consent's text), `a` (its assignment). */
const flatInvitationColumns = new JsonRows<FlatInvitationRow>(
  {
    tenantId: Prisma.sql`i."tenantId"`,
    id: Prisma.sql`i."id"`,
    requestId: Prisma.sql`i."requestId"`,
    memberId: Prisma.sql`i."memberId"`,
    status: Prisma.sql`i."status"::text`,
    message: Prisma.sql`i."message"`,
    invitedAt: Prisma.sql`i."invitedAt"`,
    expiresAt: Prisma.sql`i."expiresAt"`,
    respondedAt: Prisma.sql`i."respondedAt"`,
    declineReason: Prisma.sql`i."declineReason"`,
    contactConsentId: Prisma.sql`i."contactConsentId"`,
    contactReleasedAt: Prisma.sql`i."contactReleasedAt"`,
    answerChannel: Prisma.sql`i."answerChannel"::text`,
    answerRecordedByRole: Prisma.sql`i."answerRecordedByRole"`,
    version: Prisma.sql`i."version"`,
    inviteeId: Prisma.sql`i."inviteeId"`,
    givenName: Prisma.sql`m."givenName"`,
    familyName: Prisma.sql`m."familyName"`,
    consentId: Prisma.sql`c."id"`,
    consentGivenAt: Prisma.sql`c."givenAt"`,
    consentWithdrawnAt: Prisma.sql`c."withdrawnAt"`,
    consentTextVersion: Prisma.sql`ct."version"`,
    assignmentId: Prisma.sql`a."id"`,
  },
  ["invitedAt", "expiresAt", "respondedAt", "contactReleasedAt", "consentGivenAt", "consentWithdrawnAt"],
);

function toInvitationRow(row: FlatInvitationRow): InvitationRow {
  return {
    tenantId: row.tenantId,
    id: row.id,
    requestId: row.requestId,
    memberId: row.memberId,
    status: row.status,
    message: row.message,
    invitedAt: row.invitedAt,
    expiresAt: row.expiresAt,
    respondedAt: row.respondedAt,
    declineReason: row.declineReason,
    contactConsentId: row.contactConsentId,
    contactReleasedAt: row.contactReleasedAt,
    answerChannel: row.answerChannel,
    answerRecordedByRole: row.answerRecordedByRole,
    version: row.version,
    inviteeId: row.inviteeId,
    member: { givenName: row.givenName, familyName: row.familyName },
    contactConsent:
      row.consentId === null
        ? null
        : {
            givenAt: row.consentGivenAt as Date,
            withdrawnAt: row.consentWithdrawnAt,
            consentText: { version: row.consentTextVersion as string },
          },
    assignment: row.assignmentId === null ? null : { id: row.assignmentId },
  };
}

/**
 * One page of invitations of each of these requests (the same filter and page for all), with each request's total:
 * one statement for a page of requests whatever its length (a request that does not exist has none). In SQL rather
 * than through Prisma: a coordinator's page of requests reads up to a thousand invitations, and Prisma's compiling
 * and interpreting of the nested select cost many times the database's time (issue 10). The rows are those
 * `invitationFields` selects.
 */
/** The columns a request's invitations sort by (InvitationOrderField). */
export const invitationSortColumns = {
  CREATED_AT: Prisma.sql`i."id"`,
  INVITED_AT: Prisma.sql`i."invitedAt"`,
  EXPIRES_AT: Prisma.sql`i."expiresAt"`,
} satisfies Record<InvitationOrderField, Prisma.Sql>;

export async function listInvitationsOfRequests(
  tx: Tx,
  tenantId: string,
  requestIds: readonly string[],
  statuses: readonly InvitationStatus[],
  page: SortedPageRequest<InvitationOrderField>,
  now: Date,
): Promise<Map<string, { rows: InvitationRow[]; total: number }>> {
  const ids = [...requestIds];
  const byStatus = effectiveStatusSql(statuses, now);
  const { orderBy, after } = sortedPageSql(page, invitationSortColumns, Prisma.sql`i."id"`);
  const [result] = await tx.$queryRaw<{ rows: unknown; totals: Record<string, number> }[]>`
    SELECT
      (SELECT COALESCE(json_object_agg(t."requestId", t."total"), '{}'::json)
       FROM (SELECT i."requestId", count(*) AS "total" FROM "Invitation" i
             WHERE i."tenantId" = ${tenantId}::uuid AND i."requestId" = ANY(${ids}::uuid[]) ${byStatus}
             GROUP BY i."requestId") t) AS "totals",
      (SELECT ${flatInvitationColumns.aggregate(Prisma.sql`i."requestId", ${orderBy}`)}
       FROM unnest(${ids}::uuid[]) AS r("id")
       CROSS JOIN LATERAL (
         SELECT * FROM "Invitation" i
         WHERE i."tenantId" = ${tenantId}::uuid AND i."requestId" = r."id" ${byStatus} ${after}
         ORDER BY ${orderBy} LIMIT ${page.take + 1}::int
       ) i
       JOIN "Member" m ON m."tenantId" = i."tenantId" AND m."id" = i."memberId"
       LEFT JOIN "Consent" c ON c."tenantId" = i."tenantId" AND c."id" = i."contactConsentId"
       LEFT JOIN "ConsentText" ct ON ct."tenantId" = c."tenantId" AND ct."id" = c."consentTextId"
       LEFT JOIN "Assignment" a ON a."tenantId" = i."tenantId" AND a."invitationId" = i."id") AS "rows"`;
  const totals = result?.totals ?? {};
  const pages = new Map<string, { rows: InvitationRow[]; total: number }>(ids.map((id) => [id, { rows: [], total: totals[id] ?? 0 }]));
  for (const row of flatInvitationColumns.read(result?.rows ?? [])) pages.get(row.requestId)?.rows.push(toInvitationRow(row));
  return pages;
}

/**
 * The people a unit may see for a request (`unitMaySeeParticipant`, the domain's one rule): an accepted invitation
 * holding a place, with a contact-sharing consent for this very request that has not been withdrawn, of a member not
 * erased or restricted. The query narrows to those; the rule decides. Name, e-mail and phone only: nothing else of the
 * member is selected, so nothing else can leak. For a page of requests at once.
 */
export async function findReleasedContacts(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  const rows = await tx.invitation.findMany({
    where: {
      tenantId,
      requestId: { in: [...requestIds] },
      status: "ACCEPTED",
      contactConsent: { is: { kind: "CONTACT_SHARING", requestId: { in: [...requestIds] }, withdrawnAt: null } },
      member: processingAllowedWhere,
    },
    orderBy: [{ respondedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      requestId: true,
      memberId: true,
      status: true,
      respondedAt: true,
      assignment: { select: { id: true } },
      member: { select: { givenName: true, familyName: true, email: true, phone: true, erasedAt: true, restrictedAt: true } },
      contactConsent: { select: { kind: true, requestId: true, withdrawnAt: true } },
    },
  });
  // A consent releases the details for the request it was given for, never for another one read alongside it.
  return rows.filter((row) =>
    unitMaySeeParticipant({
      requestId: row.requestId,
      invitationStatus: row.status,
      holdsPlace: row.assignment !== null,
      consent: row.contactConsent,
      member: row.member,
    }),
  );
}

export type ReleasedContactRow = Awaited<ReturnType<typeof findReleasedContacts>>[number];

/** What a member is told about a request: the assignment description, the unit and network by name, the occasions. */
export function findAssignmentBriefs(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  return tx.request.findMany({
    where: { tenantId, id: { in: [...requestIds] } },
    select: {
      id: true,
      title: true,
      purpose: true,
      expectations: true,
      assignmentLength: true,
      audienceDescription: true,
      audienceSize: true,
      preparation: true,
      specialRequirements: true,
      compensationOffered: true,
      unit: { select: { name: true } },
      network: { select: { name: true } },
      occasions: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, startsAt: true, endsAt: true, place: true, digitalLink: true, cancelledAt: true },
      },
    },
  });
}

export type AssignmentBriefRow = Awaited<ReturnType<typeof findAssignmentBriefs>>[number];
