import { fillStatusAfterAcceptances, isFillingRequestStatus, waitlistedToPromote } from "@medverkan/domain";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { enqueueContactRelease } from "../notification/enqueue.js";
import {
  changeRequestStatus,
  countAccepted,
  findWaitlisted,
  insertAssignment,
  type RequestRow,
  updateInvitation,
} from "./invitation.repository.js";

export interface Promotion {
  invitationId: string;
  memberId: string;
  assignmentId: string;
}

/** A place for an accepted member: the assignment (with a written agreement due for a long one). */
export function createAssignment(
  tx: Tx,
  request: RequestRow,
  invitation: { id: string; memberId: string },
  at: Date,
): Promise<{ id: string }> {
  return insertAssignment(tx, {
    tenantId: request.tenantId,
    invitationId: invitation.id,
    requestId: request.id,
    memberId: invitation.memberId,
    // Kalmar: "Vid uppdrag som löper över en längre tidsperiod skrivs en överenskommelse", signed by both.
    agreementRequired: request.assignmentLength === "LONG_TERM",
    createdAt: at,
  });
}

/**
 * Brings a request's places in line after someone took, left or lost a place: the first on the waiting list move up
 * into freed places (they consented when they accepted, so the unit may now see them), and the request's status
 * follows the count. The caller holds the request's lock and passes the request as read under it.
 */
export async function settlePlaces(ctx: RequestContext, tx: Tx, request: RequestRow, now: Date, reason: string): Promise<Promotion[]> {
  const tenantId = request.tenantId;
  let accepted = await countAccepted(tx, tenantId, request.id);
  const promotions: Promotion[] = [];
  if (isFillingRequestStatus(request.status)) {
    const waiting = await findWaitlisted(tx, tenantId, [request.id]);
    for (const invitation of waitlistedToPromote(request.numberOfPersons, accepted, waiting)) {
      await updateInvitation(tx, tenantId, invitation.id, {
        status: "ACCEPTED",
        contactReleasedAt: invitation.contactConsentId ? now : null,
      });
      const assignment = await createAssignment(tx, request, invitation, now);
      if (invitation.contactConsentId) await enqueueContactRelease(tx, { tenantId, invitationId: invitation.id }, ctx.audit);
      promotions.push({ invitationId: invitation.id, memberId: invitation.memberId, assignmentId: assignment.id });
    }
    accepted += promotions.length;
  }
  if (promotions.length > 0) {
    await ctx.audit.record(
      tx,
      tenantId,
      promotions.map((promotion) => ({
        action: "WRITE" as const,
        subjectType: "Invitation",
        subjectId: promotion.invitationId,
        memberId: promotion.memberId,
        purpose: "moved up from the waiting list",
        details: { requestId: request.id, assignmentId: promotion.assignmentId, reason },
      })),
    );
  }
  const to = fillStatusAfterAcceptances(request.status, request.numberOfPersons, accepted);
  if (to !== request.status) await changeRequestStatus(tx, request, to, { at: now, actorType: "SYSTEM", actorId: null, reason: null });
  return promotions;
}
