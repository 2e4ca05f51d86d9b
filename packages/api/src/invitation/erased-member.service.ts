import { commitmentsGivenUpOnErasure } from "@medverkan/domain";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import {
  findCommitmentsOfMember,
  findRequest,
  lockRequest,
  type RequestRow,
  setAssignmentStatus,
  updateInvitation,
} from "./invitation.repository.js";
import { settlePlaces } from "./request-places.js";

/**
 * Closes what an erased member still had open (the rule: `commitmentsGivenUpOnErasure`): unanswered and waitlisted
 * invitations are withdrawn, places on assignments still ahead are cancelled, and each request's places are settled
 * again under its lock (the next on the waiting list moves up, the status follows). Runs in the erasure's transaction,
 * after the person's data is gone; requests are locked in id order, as everywhere a transaction takes several.
 */
export async function giveUpCommitmentsOfErasedMember(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  memberId: string,
  now: Date,
): Promise<void> {
  const given = commitmentsGivenUpOnErasure(await findCommitmentsOfMember(tx, tenantId, memberId, now), now);
  if (given.requests.length === 0) return;
  for (const requestId of given.requests) await lockRequest(tx, tenantId, requestId);
  for (const assignmentId of given.cancelAssignments) {
    await setAssignmentStatus(tx, tenantId, assignmentId, { status: "CANCELLED", cancelledAt: now, cancellationReason: null });
  }
  for (const invitationId of given.withdraw) {
    await updateInvitation(tx, tenantId, invitationId, { status: "WITHDRAWN", contactReleasedAt: null });
  }
  await ctx.audit.record(
    tx,
    tenantId,
    given.withdraw.map((invitationId) => ({
      action: "WRITE" as const,
      subjectType: "Invitation",
      subjectId: invitationId,
      memberId,
      purpose: "withdrawn: the member was erased",
    })),
  );
  for (const requestId of given.requests) {
    const request = (await findRequest(tx, tenantId, requestId)) as RequestRow;
    await settlePlaces(ctx, tx, request, now, "a participant was erased");
  }
}
