import type { PrismaClient } from "@medverkan/database";
import type { Grant } from "../auth/actor.js";
import type { Tx } from "../context/tenant-scope.js";
import { effectiveStatusWhere } from "../invitation/invitation.repository.js";

// The only code of documents and download links that knows about Prisma.

export async function insertDownloadLink(
  tx: Tx,
  data: {
    tenantId: string;
    tokenHash: string;
    kind: string;
    subjectId: string;
    staffUserId: string | null;
    memberId: string | null;
    locale: string;
    expiresAt: Date;
  },
) {
  return tx.downloadLink.create({ data, select: { id: true, expiresAt: true } });
}

export async function findDownloadLink(tx: Tx, tenantId: string, tokenHash: string) {
  return await tx.downloadLink.findFirst({ where: { tenantId, tokenHash } });
}

export async function recordDownload(tx: Tx, tenantId: string, id: string, at: Date): Promise<void> {
  await tx.downloadLink.update({
    where: { tenantId_id: { tenantId, id } },
    data: { lastDownloadedAt: at, downloadCount: { increment: 1 } },
  });
}

/** Links that expired before `before` (the retention job forgets them). */
export async function deleteExpiredDownloadLinks(tx: Tx, tenantId: string, before: Date): Promise<number> {
  const { count } = await tx.downloadLink.deleteMany({ where: { tenantId, expiresAt: { lt: before } } });
  return count;
}

export async function tenantExists(system: PrismaClient, tenantId: string): Promise<boolean> {
  return (await system.tenant.count({ where: { id: tenantId, retiredAt: null } })) === 1;
}

/** The asker as they are now: an enabled staff user with their live grants, or a member not erased. */
export async function findStaffWithGrants(tx: Tx, tenantId: string, staffUserId: string) {
  const staff = await tx.staffUser.findFirst({
    where: { tenantId, id: staffUserId, disabledAt: null },
    select: { id: true, name: true, unitId: true, subject: true },
  });
  if (!staff) return null;
  const grants = await tx.roleGrant.findMany({
    where: { tenantId, staffUserId, revokedAt: null },
    select: { role: true, networkId: true, unitId: true },
    orderBy: { id: "asc" },
  });
  return { ...staff, grants: grants as Grant[] };
}

export async function findLiveMember(tx: Tx, tenantId: string, memberId: string) {
  return await tx.member.findFirst({ where: { tenantId, id: memberId, erasedAt: null }, select: { id: true, subject: true } });
}

export async function findTenantForDocuments(tx: Tx, tenantId: string) {
  return await tx.tenant.findFirst({ where: { id: tenantId }, select: { name: true, timeZone: true, feeClaimAttester: true } });
}

/** What a fee form prints beside the claim's own figures: where and when the occasion was, and for whom. */
export async function findOccasionContext(tx: Tx, tenantId: string, occasionId: string) {
  return await tx.occasion.findFirst({
    where: { tenantId, id: occasionId },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      place: true,
      digitalLink: true,
      cancelledAt: true,
      requestId: true,
      request: {
        select: {
          title: true,
          networkId: true,
          network: { select: { name: true } },
          unit: { select: { name: true, organisation: { select: { name: true } } } },
        },
      },
    },
  });
}

export async function findAssignmentForAgreement(tx: Tx, tenantId: string, assignmentId: string) {
  return await tx.assignment.findFirst({
    where: { tenantId, id: assignmentId },
    select: {
      id: true,
      memberId: true,
      requestId: true,
      status: true,
      agreementRequired: true,
      agreementSignedByMemberAt: true,
      agreementSignedByUnitAt: true,
      agreementValidFrom: true,
      agreementValidTo: true,
      agreementScope: true,
      member: { select: { givenName: true, familyName: true, restrictedAt: true, erasedAt: true } },
      request: {
        select: {
          title: true,
          purpose: true,
          contactName: true,
          compensationOffered: true,
          network: { select: { name: true } },
          unit: { select: { name: true, organisation: { select: { name: true } } } },
          occasions: { where: { cancelledAt: null }, select: { startsAt: true, endsAt: true, place: true }, orderBy: { startsAt: "asc" } },
        },
      },
    },
  });
}

/**
 * Whether a member was invited to the request or holds a place in it (what `myInvitations`/`myAssignments` show). An
 * invitation past its answer time counts as expired whether or not the expiry job has written it yet.
 */
export async function memberTakesPartIn(tx: Tx, tenantId: string, memberId: string, requestId: string, now: Date): Promise<boolean> {
  const invitations = await tx.invitation.count({
    where: { tenantId, memberId, requestId, ...effectiveStatusWhere(["PENDING", "ACCEPTED", "WAITLISTED"], now) },
  });
  return invitations > 0;
}

export async function findSessionForCalendar(tx: Tx, tenantId: string, sessionId: string) {
  return await tx.trainingSession.findFirst({
    where: { tenantId, id: sessionId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      place: true,
      digitalLink: true,
      cancelledAt: true,
      networkId: true,
      network: { select: { name: true, contactEmail: true } },
    },
  });
}

export async function memberEnrolledIn(tx: Tx, tenantId: string, memberId: string, sessionId: string): Promise<boolean> {
  return (await tx.trainingEnrolment.count({ where: { tenantId, memberId, sessionId, status: { in: ["ENROLLED", "WAITLISTED"] } } })) > 0;
}
