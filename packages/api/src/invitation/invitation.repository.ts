import type { ActorType, AssignmentStatus, InvitationStatus, Prisma, RequestStatus } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

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
  version: true,
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

/** The lazy expiry of a page of requests: one write for all of them, as `expireLapsedInvitations` does for one. */
export async function expireLapsedInvitationsOfRequests(
  tx: Tx,
  tenantId: string,
  now: Date,
  requestIds: readonly string[],
): Promise<number> {
  const result = await tx.invitation.updateMany({
    where: { tenantId, requestId: { in: [...requestIds] }, status: "PENDING", expiresAt: { lte: now } },
    data: { status: "EXPIRED", version: { increment: 1 } },
  });
  return result.count;
}

export function countAccepted(tx: Tx, tenantId: string, requestId: string): Promise<number> {
  return tx.invitation.count({ where: { tenantId, requestId, status: "ACCEPTED" } });
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

export async function listInvitations(
  tx: Tx,
  tenantId: string,
  filter: InvitationListFilter,
  page: PageRequest,
): Promise<{ rows: InvitationRow[]; total: number }> {
  const where: Prisma.InvitationWhereInput = {
    tenantId,
    ...(filter.requestId ? { requestId: filter.requestId } : {}),
    ...(filter.memberId ? { memberId: filter.memberId } : {}),
    ...(filter.statuses?.length ? { status: { in: [...filter.statuses] } } : {}),
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.invitation.findMany({ ...query, where: { ...where, ...query.where }, select: invitationFields }),
    tx.invitation.count({ where }),
  ]);
  return { rows, total };
}

/**
 * One page of invitations of each of these requests (the same filter and page for all), with each request's total:
 * a page of requests costs the same few statements whatever its length.
 */
export async function listInvitationsOfRequests(
  tx: Tx,
  tenantId: string,
  requestIds: readonly string[],
  statuses: readonly InvitationStatus[],
  page: PageRequest,
): Promise<Map<string, { rows: InvitationRow[]; total: number }>> {
  const where: Prisma.InvitationWhereInput = { tenantId, ...(statuses.length ? { status: { in: [...statuses] } } : {}) };
  const query = pageQuery(page);
  const requests = await tx.request.findMany({
    where: { tenantId, id: { in: [...requestIds] } },
    select: {
      id: true,
      invitations: { ...query, where: { ...where, ...query.where }, select: invitationFields },
      _count: { select: { invitations: { where } } },
    },
  });
  return new Map(requests.map((request) => [request.id, { rows: request.invitations, total: request._count.invitations }]));
}

/**
 * The people a unit may see for a request: an accepted invitation (holding a place) with a contact-sharing consent
 * for this very request that has not been withdrawn, of a member not erased or restricted. Name, e-mail and phone
 * only: nothing else of the member is selected, so nothing else can leak. For a page of requests at once.
 */
export async function findReleasedContacts(tx: Tx, tenantId: string, requestIds: readonly string[]) {
  const rows = await tx.invitation.findMany({
    where: {
      tenantId,
      requestId: { in: [...requestIds] },
      status: "ACCEPTED",
      contactConsent: { is: { kind: "CONTACT_SHARING", requestId: { in: [...requestIds] }, withdrawnAt: null } },
      member: { erasedAt: null, restrictedAt: null },
    },
    orderBy: [{ respondedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      requestId: true,
      memberId: true,
      respondedAt: true,
      assignment: { select: { id: true } },
      member: { select: { givenName: true, familyName: true, email: true, phone: true } },
      contactConsent: { select: { requestId: true } },
    },
  });
  // A consent releases the details for the request it was given for, never for another one read alongside it.
  return rows.filter((row) => row.contactConsent?.requestId === row.requestId);
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
