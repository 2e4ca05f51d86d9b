import { type AssignmentLength, type FeedbackAuthor, type Perspective, Prisma, type RequestStatus } from "@medverkan/database";
import { type SortedPageRequest, sortedPageSql } from "../common/pagination/ordering.js";
import { JsonRows } from "../common/sql/json-rows.js";
import type { Tx } from "../context/tenant-scope.js";
import { processingAllowedWhere } from "../privacy/processing-allowed.js";
import type { RequestOrderField } from "./request.input.js";

// The only code of the request feature that touches Prisma. Every query names the tenant, next to row-level security.

/** Which requests a reader may see: the whole tenant's, or those of some units, networks, or the member's own. */
export interface RequestVisibility {
  readonly all: boolean;
  readonly unitIds: readonly string[];
  readonly networkIds: readonly string[];
  /** A member sees the requests they were invited to. */
  readonly memberId: string | null;
}

export const NOTHING_VISIBLE: RequestVisibility = { all: false, unitIds: [], networkIds: [], memberId: null };

export function seesAnything(visibility: RequestVisibility): boolean {
  return visibility.all || visibility.unitIds.length > 0 || visibility.networkIds.length > 0 || visibility.memberId !== null;
}

/**
 * The visibility as a condition on `r` (a "Request" row). Written in SQL because the page of requests is read on
 * every coordinator's start page: Prisma compiles each query anew with its arguments inline, which cost more CPU than
 * the database spent answering (issue 10).
 */
function visibleCondition(visibility: RequestVisibility): Prisma.Sql {
  if (visibility.all) return Prisma.sql`TRUE`;
  const or: Prisma.Sql[] = [];
  if (visibility.unitIds.length > 0) or.push(Prisma.sql`r."unitId" = ANY(${[...visibility.unitIds]}::uuid[])`);
  if (visibility.networkIds.length > 0) or.push(Prisma.sql`r."networkId" = ANY(${[...visibility.networkIds]}::uuid[])`);
  if (visibility.memberId) {
    or.push(Prisma.sql`EXISTS (SELECT 1 FROM "Invitation" i
      WHERE i."tenantId" = r."tenantId" AND i."requestId" = r."id" AND i."memberId" = ${visibility.memberId}::uuid)`);
  }
  return or.length > 0 ? Prisma.sql`(${Prisma.join(or, " OR ")})` : Prisma.sql`FALSE`;
}

export const requestFields = {
  tenantId: true,
  id: true,
  networkId: true,
  unitId: true,
  requestedById: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  assignmentTypeId: true,
  title: true,
  purpose: true,
  expectations: true,
  experienceText: true,
  competencesSought: true,
  perspectivesSought: true,
  numberOfPersons: true,
  assignmentLength: true,
  audienceDescription: true,
  audienceSize: true,
  selectionProcess: true,
  specialRequirements: true,
  preparation: true,
  compensationOffered: true,
  costCentreId: true,
  requestFormVersion: true,
  answers: true,
  directRecruitment: true,
  status: true,
  statusReason: true,
  submittedAt: true,
  filledAt: true,
  carriedOutAt: true,
  followedUpAt: true,
  followUpNote: true,
  closedAt: true,
  updatedAt: true,
  version: true,
} as const satisfies Prisma.RequestSelect;

export type RequestRow = Prisma.RequestGetPayload<{ select: typeof requestFields }>;

/** `requestFields` as SQL on `r` (a "Request" row), in the shape Prisma returns them: enums as text. */
const requestColumns = new JsonRows<RequestRow>(
  {
    tenantId: Prisma.sql`r."tenantId"`,
    id: Prisma.sql`r."id"`,
    networkId: Prisma.sql`r."networkId"`,
    unitId: Prisma.sql`r."unitId"`,
    requestedById: Prisma.sql`r."requestedById"`,
    contactName: Prisma.sql`r."contactName"`,
    contactEmail: Prisma.sql`r."contactEmail"`,
    contactPhone: Prisma.sql`r."contactPhone"`,
    assignmentTypeId: Prisma.sql`r."assignmentTypeId"`,
    title: Prisma.sql`r."title"`,
    purpose: Prisma.sql`r."purpose"`,
    expectations: Prisma.sql`r."expectations"`,
    experienceText: Prisma.sql`r."experienceText"`,
    competencesSought: Prisma.sql`r."competencesSought"`,
    perspectivesSought: Prisma.sql`r."perspectivesSought"::text[]`,
    numberOfPersons: Prisma.sql`r."numberOfPersons"`,
    assignmentLength: Prisma.sql`r."assignmentLength"::text`,
    audienceDescription: Prisma.sql`r."audienceDescription"`,
    audienceSize: Prisma.sql`r."audienceSize"`,
    selectionProcess: Prisma.sql`r."selectionProcess"`,
    specialRequirements: Prisma.sql`r."specialRequirements"`,
    preparation: Prisma.sql`r."preparation"`,
    compensationOffered: Prisma.sql`r."compensationOffered"`,
    costCentreId: Prisma.sql`r."costCentreId"`,
    requestFormVersion: Prisma.sql`r."requestFormVersion"`,
    answers: Prisma.sql`r."answers"`,
    directRecruitment: Prisma.sql`r."directRecruitment"`,
    status: Prisma.sql`r."status"::text`,
    statusReason: Prisma.sql`r."statusReason"`,
    submittedAt: Prisma.sql`r."submittedAt"`,
    filledAt: Prisma.sql`r."filledAt"`,
    carriedOutAt: Prisma.sql`r."carriedOutAt"`,
    followedUpAt: Prisma.sql`r."followedUpAt"`,
    followUpNote: Prisma.sql`r."followUpNote"`,
    closedAt: Prisma.sql`r."closedAt"`,
    updatedAt: Prisma.sql`r."updatedAt"`,
    version: Prisma.sql`r."version"`,
  },
  ["submittedAt", "filledAt", "carriedOutAt", "followedUpAt", "closedAt", "updatedAt"],
);

export interface RequestData {
  networkId: string;
  unitId: string;
  requestedById: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  assignmentTypeId: string;
  title: string;
  purpose: string;
  expectations: string | null;
  experienceText: string | null;
  competencesSought: string[];
  perspectivesSought: Perspective[];
  numberOfPersons: number;
  assignmentLength: AssignmentLength;
  audienceDescription: string | null;
  audienceSize: number | null;
  selectionProcess: string | null;
  specialRequirements: string | null;
  preparation: string | null;
  compensationOffered: string | null;
  costCentreId: string | null;
  /** The form and version the request was answered on, with the answers to its region questions. */
  requestFormId?: string | null;
  requestFormVersion?: number | null;
  answers?: Prisma.InputJsonArray;
  directRecruitment: boolean;
  status: RequestStatus;
  filledAt?: Date | null;
  carriedOutAt?: Date | null;
}

export interface OccasionData {
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  digitalLink: string | null;
  heldAt?: Date | null;
}

export interface RequestListFilter {
  statuses?: readonly RequestStatus[] | null;
  networkId?: string | null;
  unitId?: string | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
}

/** The columns requests sort by (RequestOrderField). */
export const requestSortColumns = {
  CREATED_AT: Prisma.sql`r."id"`,
  SUBMITTED_AT: Prisma.sql`r."submittedAt"`,
  UPDATED_AT: Prisma.sql`r."updatedAt"`,
} satisfies Record<RequestOrderField, Prisma.Sql>;

// ─── Requests ────────────────────────────────────────────────────────────────────────────────────────────────

/** Every request a member was invited to (what a member's `request(id:)` may show). */
export async function findAllInvitedRequestIds(tx: Tx, tenantId: string, memberId: string): Promise<string[]> {
  const rows = await tx.invitation.findMany({ where: { tenantId, memberId }, select: { requestId: true } });
  return rows.map((row) => row.requestId);
}

export async function findVisibleRequest(tx: Tx, tenantId: string, id: string, visibility: RequestVisibility): Promise<RequestRow | null> {
  const rows = await tx.$queryRaw<RequestRow[]>`SELECT ${requestColumns.select} FROM "Request" r
    WHERE r."tenantId" = ${tenantId}::uuid AND r."id" = ${id}::uuid AND ${visibleCondition(visibility)}`;
  return rows[0] ?? null;
}

/** Takes the request's row lock: status changes and acceptances (invitations) serialise on it. */
export async function lockRequest(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Request" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${id}::uuid FOR UPDATE`;
}

export async function findRequest(tx: Tx, tenantId: string, id: string): Promise<RequestRow | null> {
  const rows = await tx.$queryRaw<RequestRow[]>`SELECT ${requestColumns.select} FROM "Request" r
    WHERE r."tenantId" = ${tenantId}::uuid AND r."id" = ${id}::uuid`;
  return rows[0] ?? null;
}

export function findRequestsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<RequestRow[]> {
  return tx.$queryRaw<RequestRow[]>`SELECT ${requestColumns.select} FROM "Request" r
    WHERE r."tenantId" = ${tenantId}::uuid AND r."id" = ANY(${[...ids]}::uuid[])`;
}

/** One sorted page (keyset on the sort key and id; ids are UUID v7, so id order is creation order). */
export async function listRequests(
  tx: Tx,
  tenantId: string,
  visibility: RequestVisibility,
  filter: RequestListFilter,
  page: SortedPageRequest<RequestOrderField>,
): Promise<{ rows: RequestRow[]; total: number }> {
  const conditions = [Prisma.sql`r."tenantId" = ${tenantId}::uuid`, visibleCondition(visibility)];
  // Enum arrays are sent as text[] and cast: the embedded database cannot send a JavaScript array as an enum array.
  if (filter.statuses?.length) conditions.push(Prisma.sql`r."status" = ANY(${[...filter.statuses]}::text[]::"RequestStatus"[])`);
  if (filter.networkId) conditions.push(Prisma.sql`r."networkId" = ${filter.networkId}::uuid`);
  if (filter.unitId) conditions.push(Prisma.sql`r."unitId" = ${filter.unitId}::uuid`);
  if (filter.submittedFrom) conditions.push(Prisma.sql`r."submittedAt" >= ${filter.submittedFrom}::timestamptz`);
  if (filter.submittedTo) conditions.push(Prisma.sql`r."submittedAt" < ${filter.submittedTo}::timestamptz`);
  const where = Prisma.join(conditions, " AND ");
  const { orderBy, after } = sortedPageSql(page, requestSortColumns, Prisma.sql`r."id"`);
  // The page and the count in one statement; the page's rows as one JSON value (see JsonRows).
  const [result] = await tx.$queryRaw<{ rows: unknown; total: number }[]>`
    SELECT (SELECT count(*)::int FROM "Request" r WHERE ${where}) AS "total",
           (SELECT ${requestColumns.aggregate(orderBy)}
            FROM (SELECT * FROM "Request" r WHERE ${where} ${after} ORDER BY ${orderBy} LIMIT ${page.take + 1}::int) r) AS "rows"`;
  return { rows: requestColumns.read(result?.rows ?? []), total: result?.total ?? 0 };
}

export function insertRequest(tx: Tx, tenantId: string, data: RequestData): Promise<RequestRow> {
  return tx.request.create({ data: { tenantId, ...data }, select: requestFields });
}

export async function updateRequestIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  version: number,
  data: Prisma.RequestUncheckedUpdateManyInput,
): Promise<number> {
  const { count } = await tx.request.updateMany({ where: { tenantId, id, version }, data: { ...data, version: { increment: 1 } } });
  return count;
}

export function updateRequest(tx: Tx, tenantId: string, id: string, data: Prisma.RequestUncheckedUpdateInput): Promise<RequestRow> {
  return tx.request.update({
    where: { tenantId_id: { tenantId, id } },
    data: { ...data, version: { increment: 1 } },
    select: requestFields,
  });
}

export async function replaceExperienceTags(tx: Tx, tenantId: string, requestId: string, tagIds: readonly string[]): Promise<void> {
  await tx.requestExperienceTag.deleteMany({ where: { tenantId, requestId } });
  if (tagIds.length > 0) {
    await tx.requestExperienceTag.createMany({ data: tagIds.map((tagId) => ({ tenantId, requestId, tagId })) });
  }
}

export function insertRequestEvents(
  tx: Tx,
  tenantId: string,
  events: ReadonlyArray<{
    requestId: string;
    fromStatus: RequestStatus | null;
    toStatus: RequestStatus;
    reason: string | null;
    actorType: "STAFF" | "MEMBER" | "SYSTEM";
    actorId: string | null;
    at?: Date;
  }>,
) {
  return tx.requestEvent.createMany({ data: events.map((event) => ({ tenantId, ...event })) });
}

// ─── Facts the lifecycle needs ───────────────────────────────────────────────────────────────────────────────

/** Participants still taking part (assignments not cancelled). */
export function countActiveAssignments(tx: Tx, tenantId: string, requestId: string): Promise<number> {
  return tx.assignment.count({ where: { tenantId, requestId, status: { not: "CANCELLED" } } });
}

export async function lastOccasionEnd(tx: Tx, tenantId: string, requestId: string): Promise<Date | null> {
  const result = await tx.occasion.aggregate({ where: { tenantId, requestId, cancelledAt: null }, _max: { endsAt: true } });
  return result._max.endsAt ?? null;
}

/** Carrying out a request carries out the assignments still confirmed. */
export async function carryOutAssignments(tx: Tx, tenantId: string, requestId: string): Promise<void> {
  await tx.assignment.updateMany({
    where: { tenantId, requestId, status: "CONFIRMED" },
    data: { status: "CARRIED_OUT", version: { increment: 1 } },
  });
}

// ─── Reference data the submission names ─────────────────────────────────────────────────────────────────────

export function findNetwork(tx: Tx, tenantId: string, id: string) {
  return tx.network.findFirst({ where: { tenantId, id }, select: { id: true, retiredAt: true } });
}

export function findUnit(tx: Tx, tenantId: string, id: string) {
  return tx.unit.findFirst({ where: { tenantId, id }, select: { id: true, name: true, organisationId: true, retiredAt: true } });
}

export function findStaffUser(tx: Tx, tenantId: string, id: string) {
  return tx.staffUser.findFirst({ where: { tenantId, id }, select: { id: true, name: true, email: true, phone: true } });
}

export function findAssignmentTypeByKey(tx: Tx, tenantId: string, key: string) {
  return tx.assignmentType.findFirst({ where: { tenantId, key }, select: { id: true, key: true, retiredAt: true } });
}

export function findCostCentreByCode(tx: Tx, tenantId: string, code: string) {
  return tx.costCentre.findFirst({
    where: { tenantId, code },
    select: { id: true, code: true, organisationId: true, unitId: true, shared: true, retiredAt: true },
  });
}

/** The unit's own live cost centres, the default for billing when the unit names none. */
/** The cost centres a unit may bill: live ones of its organisation, and the tenant's shared ones. */
export function findUsableCostCentres(tx: Tx, tenantId: string, organisationId: string) {
  return tx.costCentre.findMany({
    where: { tenantId, retiredAt: null, OR: [{ organisationId }, { shared: true }] },
    select: { id: true, code: true, name: true, shared: true, unitId: true },
    orderBy: { code: "asc" },
  });
}

export function findUnitCostCentres(tx: Tx, tenantId: string, unitId: string) {
  return tx.costCentre.findMany({ where: { tenantId, unitId, retiredAt: null }, select: { id: true, code: true }, orderBy: { id: "asc" } });
}

export function findLiveExperienceTags(tx: Tx, tenantId: string) {
  return tx.experienceTag.findMany({ where: { tenantId, retiredAt: null }, select: { id: true, key: true } });
}

// ─── Occasions ───────────────────────────────────────────────────────────────────────────────────────────────

export const occasionFields = {
  tenantId: true,
  id: true,
  requestId: true,
  startsAt: true,
  endsAt: true,
  place: true,
  digitalLink: true,
  cancelledAt: true,
  cancellationReason: true,
  heldAt: true,
} as const satisfies Prisma.OccasionSelect;

export type OccasionRow = Prisma.OccasionGetPayload<{ select: typeof occasionFields }>;

export async function insertOccasions(
  tx: Tx,
  tenantId: string,
  requestId: string,
  occasions: readonly OccasionData[],
): Promise<OccasionRow[]> {
  if (occasions.length === 0) return [];
  return tx.occasion.createManyAndReturn({
    data: occasions.map((occasion) => ({ tenantId, requestId, ...occasion })),
    select: occasionFields,
  });
}

export function findOccasion(tx: Tx, tenantId: string, id: string): Promise<OccasionRow | null> {
  return tx.occasion.findFirst({ where: { tenantId, id }, select: occasionFields });
}

export function updateOccasion(tx: Tx, tenantId: string, id: string, data: Prisma.OccasionUncheckedUpdateInput): Promise<OccasionRow> {
  return tx.occasion.update({ where: { tenantId_id: { tenantId, id } }, data, select: occasionFields });
}

const occasionColumns = new JsonRows<OccasionRow>(
  {
    tenantId: Prisma.sql`o."tenantId"`,
    id: Prisma.sql`o."id"`,
    requestId: Prisma.sql`o."requestId"`,
    startsAt: Prisma.sql`o."startsAt"`,
    endsAt: Prisma.sql`o."endsAt"`,
    place: Prisma.sql`o."place"`,
    digitalLink: Prisma.sql`o."digitalLink"`,
    cancelledAt: Prisma.sql`o."cancelledAt"`,
    cancellationReason: Prisma.sql`o."cancellationReason"`,
    heldAt: Prisma.sql`o."heldAt"`,
  },
  ["startsAt", "endsAt", "cancelledAt", "heldAt"],
);

/** The occasions of a page of requests, as one JSON value (see JsonRows). */
export async function findOccasionsByRequestIds(tx: Tx, tenantId: string, requestIds: readonly string[]): Promise<OccasionRow[]> {
  const [result] = await tx.$queryRaw<{ rows: unknown }[]>`
    SELECT ${occasionColumns.aggregate(Prisma.sql`o."startsAt" ASC, o."id" ASC`)} AS "rows"
    FROM "Occasion" o
    WHERE o."tenantId" = ${tenantId}::uuid AND o."requestId" = ANY(${[...requestIds]}::uuid[])`;
  return occasionColumns.read(result?.rows ?? []);
}

// ─── Nested reads for pages of requests ──────────────────────────────────────────────────────────────────────

export function findEventsByRequestIds(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  return tx.requestEvent.findMany({
    where: { tenantId, requestId: { in: [...requestIds] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, requestId: true, fromStatus: true, toStatus: true, reason: true, at: true },
  });
}

export function findExperienceTagKeysByRequestIds(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  return tx.requestExperienceTag.findMany({
    where: { tenantId, requestId: { in: [...requestIds] } },
    select: { requestId: true, tag: { select: { key: true } } },
    orderBy: { tagId: "asc" },
  });
}

export function findAssignmentTypesByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  return tx.assignmentType.findMany({ where: { tenantId, id: { in: [...ids] } } });
}

export async function findUnitsByIds(
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Array<{ id: string; name: string; organisation: { name: string } }>> {
  const rows = await tx.$queryRaw<{ id: string; name: string; organisationName: string }[]>`
    SELECT u."id", u."name", o."name" AS "organisationName"
    FROM "Unit" u JOIN "Organisation" o ON o."tenantId" = u."tenantId" AND o."id" = u."organisationId"
    WHERE u."tenantId" = ${tenantId}::uuid AND u."id" = ANY(${[...ids]}::uuid[])`;
  return rows.map((row) => ({ id: row.id, name: row.name, organisation: { name: row.organisationName } }));
}

export function findCostCentresByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  return tx.costCentre.findMany({ where: { tenantId, id: { in: [...ids] } }, select: { id: true, code: true } });
}

// ─── Feedback ────────────────────────────────────────────────────────────────────────────────────────────────

export const feedbackFields = {
  tenantId: true,
  id: true,
  requestId: true,
  assignmentId: true,
  author: true,
  authorId: true,
  rating: true,
  comment: true,
  createdAt: true,
} as const satisfies Prisma.FeedbackSelect;

export type FeedbackRow = Prisma.FeedbackGetPayload<{ select: typeof feedbackFields }>;

export function findFeedbackByRequestIds(tx: Tx, tenantId: string, requestIds: readonly string[]): Promise<FeedbackRow[]> {
  return tx.feedback.findMany({
    where: { tenantId, requestId: { in: [...requestIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: feedbackFields,
  });
}

export function findFeedbackBy(tx: Tx, tenantId: string, requestId: string, author: FeedbackAuthor, authorId: string) {
  return tx.feedback.findFirst({ where: { tenantId, requestId, author, authorId }, select: { id: true } });
}

export function insertFeedback(
  tx: Tx,
  tenantId: string,
  data: {
    requestId: string;
    assignmentId: string | null;
    author: FeedbackAuthor;
    authorId: string;
    rating: number | null;
    comment: string | null;
  },
): Promise<FeedbackRow> {
  return tx.feedback.create({ data: { tenantId, ...data }, select: feedbackFields });
}

/** The member's own assignment on the request, if they take part (or took part) in it. */
export function findMemberAssignment(tx: Tx, tenantId: string, requestId: string, memberId: string) {
  return tx.assignment.findFirst({
    where: { tenantId, requestId, memberId, status: { not: "CANCELLED" } },
    select: { id: true },
  });
}

/** Requests a member was invited to, among the given ones (what a member may read of them). */
export async function findInvitedRequestIds(
  tx: Tx,
  tenantId: string,
  memberId: string,
  requestIds: readonly string[],
): Promise<Set<string>> {
  const rows = await tx.invitation.findMany({
    where: { tenantId, memberId, requestId: { in: [...requestIds] } },
    select: { requestId: true },
  });
  return new Set(rows.map((row) => row.requestId));
}

// ─── Direct bookings ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * Members of the network who could have taken part, matched on the keys registration stores (e-mail, E.164 phone).
 * Withdrawn and erased people, and those who restricted processing, are never matched.
 */
export function findPoolMembersByContactKeys(
  tx: Tx,
  tenantId: string,
  networkId: string,
  keys: { emailKeys: readonly string[]; phoneKeys: readonly string[] },
) {
  const or: Prisma.MemberWhereInput[] = [];
  if (keys.emailKeys.length > 0) or.push({ emailKey: { in: [...keys.emailKeys] } });
  if (keys.phoneKeys.length > 0) or.push({ phoneKey: { in: [...keys.phoneKeys] } });
  if (or.length === 0) return Promise.resolve([]);
  return tx.member.findMany({
    where: {
      tenantId,
      OR: or,
      erasedAt: null,
      restrictedAt: null,
      memberships: { some: { networkId, status: { notIn: ["WITHDRAWN", "ERASED", "PENDING_GUARDIAN_CONSENT"] } } },
    },
    select: { id: true, familyName: true, emailKey: true, phoneKey: true },
  });
}

export async function insertDirectParticipation(
  tx: Tx,
  tenantId: string,
  data: {
    requestId: string;
    memberId: string;
    /** The coordinator who confirmed it; null when the member did. */
    invitedById: string | null;
    at: Date;
    agreementRequired: boolean;
    carriedOut: boolean;
    networkId: string;
  },
): Promise<{ invitationId: string; assignmentId: string }> {
  const invitation = await tx.invitation.create({
    data: {
      tenantId,
      requestId: data.requestId,
      memberId: data.memberId,
      status: "ACCEPTED",
      invitedById: data.invitedById,
      invitedAt: data.at,
      expiresAt: data.at,
      respondedAt: data.at,
    },
    select: { id: true },
  });
  const assignment = await tx.assignment.create({
    data: {
      tenantId,
      invitationId: invitation.id,
      requestId: data.requestId,
      memberId: data.memberId,
      status: data.carriedOut ? "CARRIED_OUT" : "CONFIRMED",
      agreementRequired: data.agreementRequired,
    },
    select: { id: true },
  });
  await tx.membership.updateMany({
    where: { tenantId, memberId: data.memberId, networkId: data.networkId },
    data: { lastAssignmentAt: data.at },
  });
  return { invitationId: invitation.id, assignmentId: assignment.id };
}

/** The member's consent, given when confirming a direct booking, released their contact to the unit. */
export async function releaseDirectParticipationContact(tx: Tx, tenantId: string, invitationId: string, consentId: string, at: Date) {
  await tx.invitation.update({
    where: { tenantId_id: { tenantId, id: invitationId } },
    data: { contactConsentId: consentId, contactReleasedAt: at },
  });
}

/** What a stored request holds besides its own row, in the shape the form validator reads. */
export async function findStoredRequestParts(tx: Tx, row: RequestRow) {
  const { tenantId } = row;
  const [occasions, tags, type, costCentre] = await Promise.all([
    tx.occasion.findMany({
      where: { tenantId, requestId: row.id, cancelledAt: null },
      orderBy: { startsAt: "asc" },
      select: { startsAt: true, endsAt: true, place: true, digitalLink: true },
    }),
    tx.requestExperienceTag.findMany({ where: { tenantId, requestId: row.id }, select: { tag: { select: { key: true } } } }),
    tx.assignmentType.findFirst({ where: { tenantId, id: row.assignmentTypeId }, select: { key: true } }),
    row.costCentreId ? tx.costCentre.findFirst({ where: { tenantId, id: row.costCentreId }, select: { code: true } }) : null,
  ]);
  return {
    occasions,
    tagKeys: tags.map((entry) => entry.tag.key),
    assignmentTypeKey: type?.key ?? "",
    costCentreCode: costCentre?.code ?? null,
  };
}

/** A cancelled request asks nobody any more and keeps nobody booked; the rows stay as history. */
export async function releaseParticipants(tx: Tx, tenantId: string, requestId: string, reason: string, at: Date) {
  const [invitations, assignments] = await Promise.all([
    tx.invitation.findMany({
      where: { tenantId, requestId, status: { in: ["PENDING", "WAITLISTED"] } },
      select: { id: true, memberId: true },
    }),
    tx.assignment.findMany({ where: { tenantId, requestId, status: "CONFIRMED" }, select: { id: true, memberId: true } }),
  ]);
  if (invitations.length > 0) {
    await tx.invitation.updateMany({
      where: { tenantId, id: { in: invitations.map((row) => row.id) } },
      data: { status: "WITHDRAWN", version: { increment: 1 } },
    });
  }
  if (assignments.length > 0) {
    await tx.assignment.updateMany({
      where: { tenantId, id: { in: assignments.map((row) => row.id) } },
      data: { status: "CANCELLED", cancelledAt: at, cancellationReason: reason, version: { increment: 1 } },
    });
  }
  return { invitations, assignments };
}

/** For pairs `requestId:memberId`, the member's assignment on that request that was not cancelled. */
export function findAssignmentsOfMembers(tx: Tx, tenantId: string, pairs: ReadonlyArray<{ requestId: string; memberId: string }>) {
  return tx.assignment.findMany({
    where: { tenantId, status: { not: "CANCELLED" }, OR: pairs.map((pair) => ({ requestId: pair.requestId, memberId: pair.memberId })) },
    select: { id: true, requestId: true, memberId: true },
  });
}

// ─── Direct bookings awaiting confirmation ──────────────────────────────────────────────────────────────────

/** The participants a unit named in a direct booking, each PENDING until a coordinator decides. */
export async function insertDirectBookingParticipants(
  tx: Tx,
  tenantId: string,
  requestId: string,
  rows: ReadonlyArray<{ position: number; familyName: string | null; email: string | null; phone: string | null; memberId: string | null }>,
): Promise<Array<{ id: string; memberId: string | null }>> {
  const created: Array<{ id: string; memberId: string | null }> = [];
  for (const row of rows) {
    created.push(await tx.directBookingParticipant.create({ data: { tenantId, requestId, ...row }, select: { id: true, memberId: true } }));
  }
  return created;
}

const directBookingParticipantFields = {
  id: true,
  tenantId: true,
  requestId: true,
  position: true,
  familyName: true,
  email: true,
  phone: true,
  memberId: true,
  status: true,
  createdAt: true,
  decidedAt: true,
  version: true,
  request: { select: { title: true, networkId: true, unitId: true, status: true, assignmentLength: true } },
} as const satisfies Prisma.DirectBookingParticipantSelect;

export type DirectBookingParticipantRow = Prisma.DirectBookingParticipantGetPayload<{ select: typeof directBookingParticipantFields }>;

/** PENDING participants of direct bookings in these networks, oldest first (at most `take`). */
export function findPendingDirectBookingParticipants(
  tx: Tx,
  tenantId: string,
  networks: "ALL" | readonly string[],
  take: number,
): Promise<DirectBookingParticipantRow[]> {
  return tx.directBookingParticipant.findMany({
    where: { tenantId, status: "PENDING", ...(networks === "ALL" ? {} : { request: { networkId: { in: [...networks] } } }) },
    orderBy: { id: "asc" },
    take,
    select: directBookingParticipantFields,
  });
}

/** The pending direct bookings a unit named this member in (as matched when it was recorded), oldest first. */
export function findPendingDirectBookingsOfMember(
  tx: Tx,
  tenantId: string,
  memberId: string,
  take: number,
): Promise<DirectBookingParticipantRow[]> {
  return tx.directBookingParticipant.findMany({
    where: { tenantId, status: "PENDING", memberId },
    orderBy: { id: "asc" },
    take,
    select: directBookingParticipantFields,
  });
}

export function findDirectBookingParticipant(tx: Tx, tenantId: string, id: string): Promise<DirectBookingParticipantRow | null> {
  return tx.directBookingParticipant.findFirst({ where: { tenantId, id }, select: directBookingParticipantFields });
}

/** Records the coordinator's decision and forgets the details the unit typed (they served their purpose). */
export async function decideDirectBookingParticipant(
  tx: Tx,
  tenantId: string,
  id: string,
  decision: { status: "CONFIRMED" | "REJECTED"; decidedById: string | null; at: Date; assignmentId: string | null },
): Promise<DirectBookingParticipantRow> {
  await tx.directBookingParticipant.updateMany({
    where: { tenantId, id, status: "PENDING" },
    data: {
      status: decision.status,
      decidedAt: decision.at,
      decidedById: decision.decidedById,
      assignmentId: decision.assignmentId,
      familyName: null,
      email: null,
      phone: null,
      version: { increment: 1 },
    },
  });
  return (await findDirectBookingParticipant(tx, tenantId, id)) as DirectBookingParticipantRow;
}

/** Whether a member may take part now: not erased, processing not restricted. */
export async function isMemberProcessable(tx: Tx, tenantId: string, memberId: string): Promise<boolean> {
  const member = await tx.member.findFirst({ where: { tenantId, id: memberId, ...processingAllowedWhere }, select: { id: true } });
  return member !== null;
}
