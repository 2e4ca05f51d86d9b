import type { RequestStatus as DbRequestStatus } from "@medverkan/database";
import { checkRequestAction, fillStatusAfterAcceptances, type RequestAction, validateReason } from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { enqueueFeedbackRequestsForRequest } from "../notification/enqueue.js";
import { requestSnapshot, toRequest } from "./request.mapper.js";
import { type RequestPayloadShape, requestErrors } from "./request.payload.js";
import {
  carryOutAssignments,
  countActiveAssignments,
  findRequest,
  findVisibleRequest,
  insertRequestEvents,
  lastOccasionEnd,
  lockRequest,
  type RequestRow,
  releaseParticipants,
  updateRequest,
} from "./request.repository.js";
import { REQUEST, requestVisibility, standingOn } from "./request-access.js";

// Deliberate moves in a request's life. Each runs under the request's row lock, writes the RequestEvent and the
// audit event in the same transaction as the change, and answers a broken rule with its bilingual explanation.

/** Who may take each step: the network's coordinator always; the unit for its own request where it makes sense. */
const UNIT_MAY: Readonly<Record<RequestAction, boolean>> = {
  START_MATCHING: false,
  DECLINE: false,
  CANCEL: true,
  MARK_CARRIED_OUT: true,
  RECORD_FOLLOW_UP: false,
};

/**
 * Writes the status history and the audit event of a status change, in the caller's transaction. Exported for the
 * features that change a request's status as a consequence (acceptances fill it, see applyFillStatus).
 */
export async function recordRequestStatusChange(
  ctx: RequestContext,
  tx: Tx,
  before: RequestRow,
  after: RequestRow,
  reason: string | null,
): Promise<void> {
  if (before.status === after.status) return;
  const actor = ctx.actor;
  await insertRequestEvents(tx, after.tenantId, [
    {
      requestId: after.id,
      fromStatus: before.status,
      toStatus: after.status,
      reason,
      actorType: actor.kind === "MEMBER" ? "MEMBER" : actor.kind === "STAFF" ? "STAFF" : "SYSTEM",
      actorId: actor.kind === "STAFF" ? actor.staffUserId : actor.kind === "MEMBER" ? actor.memberId : null,
    },
  ]);
  await ctx.audit.recordChange(tx, after.tenantId, {
    subjectType: "Request",
    subjectId: after.id,
    before: requestSnapshot(before),
    after: requestSnapshot(after),
    purpose: `status ${before.status} → ${after.status}`,
  });
}

/**
 * Brings a request's status in line with its participants after an acceptance, withdrawal or cancellation of a
 * participant: MATCHING / PARTLY_FILLED / FILLED (fillStatusAfterAcceptances). Call it inside the transaction that
 * changed the participants; it takes the request's row lock, so concurrent acceptances see each other.
 * Returns the request as it is now.
 */
export async function applyFillStatus(ctx: RequestContext, tx: Tx, tenantId: string, requestId: string): Promise<RequestRow | null> {
  await lockRequest(tx, tenantId, requestId);
  const before = await findRequest(tx, tenantId, requestId);
  if (!before) return null;
  const accepted = await countActiveAssignments(tx, tenantId, requestId);
  const status = fillStatusAfterAcceptances(before.status, before.numberOfPersons, accepted) as DbRequestStatus;
  if (status === before.status) return before;
  const after = await updateRequest(tx, tenantId, requestId, {
    status,
    filledAt: status === "FILLED" ? (before.filledAt ?? new Date()) : before.filledAt,
  });
  await recordRequestStatusChange(ctx, tx, before, after, null);
  return after;
}

export interface RequestActionInput {
  requestId: string;
  reason?: string | null;
}

export async function actOnRequest(ctx: RequestContext, action: RequestAction, input: RequestActionInput): Promise<RequestPayloadShape> {
  const actor = requireTenantActor(ctx);
  const tenantId = actor.tenantId;
  const kind = action === "RECORD_FOLLOW_UP" ? "note" : "reason";
  const reason = validateReason(input.reason, kind === "note" ? "input.note" : "input.reason", kind);
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.requestId)) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };

  return ctx.scope(tenantId).transaction(async (tx): Promise<RequestPayloadShape> => {
    const visible = await findVisibleRequest(tx, tenantId, input.requestId, requestVisibility(actor));
    if (!visible) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };
    const standing = standingOn(actor, visible);
    if (!(standing.coordinator || (standing.unit && UNIT_MAY[action]))) throw forbidden(ctx.locale);

    await lockRequest(tx, tenantId, visible.id);
    const before = (await findRequest(tx, tenantId, visible.id)) as RequestRow;
    const now = new Date();
    const check = checkRequestAction(action, {
      status: before.status,
      acceptedCount: action === "MARK_CARRIED_OUT" ? await countActiveAssignments(tx, tenantId, before.id) : 0,
      lastOccasionEndsAt: action === "MARK_CARRIED_OUT" ? await lastOccasionEnd(tx, tenantId, before.id) : null,
      reason: reason.value,
      now,
    });
    if (!check.ok) return { request: null, errors: [requestErrors.rule(check.violation, ctx.locale)] };

    const to = check.to as DbRequestStatus;
    let after: RequestRow;
    switch (action) {
      case "START_MATCHING":
        after = await updateRequest(tx, tenantId, before.id, { status: to });
        break;
      case "DECLINE":
      case "CANCEL": {
        after = await updateRequest(tx, tenantId, before.id, { status: to, statusReason: reason.value, closedAt: now });
        const released = await releaseParticipants(tx, tenantId, before.id, reason.value ?? "", now);
        const entries = [
          ...released.invitations.map((row) => ({ subjectType: "Invitation", id: row.id, memberId: row.memberId })),
          ...released.assignments.map((row) => ({ subjectType: "Assignment", id: row.id, memberId: row.memberId })),
        ];
        if (entries.length > 0) {
          await ctx.audit.record(
            tx,
            tenantId,
            entries.map((entry) => ({
              action: "WRITE" as const,
              subjectType: entry.subjectType,
              subjectId: entry.id,
              memberId: entry.memberId,
              purpose: `request ${to.toLowerCase()}`,
            })),
          );
        }
        break;
      }
      case "MARK_CARRIED_OUT":
        after = await updateRequest(tx, tenantId, before.id, { status: to, carriedOutAt: now });
        await carryOutAssignments(tx, tenantId, before.id);
        await enqueueFeedbackRequestsForRequest(tx, { tenantId, requestId: before.id });
        break;
      case "RECORD_FOLLOW_UP":
        after = await updateRequest(tx, tenantId, before.id, { status: to, followedUpAt: now, followUpNote: reason.value, closedAt: now });
        break;
    }
    // The follow-up note stays with the coordinators; the history shows only that the loop was closed.
    await recordRequestStatusChange(ctx, tx, before, after, action === "RECORD_FOLLOW_UP" ? null : reason.value);
    return { request: toRequest(after), errors: [] };
  });
}
