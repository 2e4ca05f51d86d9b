import { assignmentAttendanceRefusal, validateAgreement, validateAttendance, validateInvitationReason } from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { prepareFeeClaimsForOccasion } from "../fee-claim/fee-claim.service.js";
import { findRequest, lockRequest, type RequestRow, setAssignmentStatus, updateInvitation } from "../invitation/invitation.repository.js";
import { settlePlaces } from "../invitation/request-places.js";
import type { RequestType } from "../request/request.type.js";
import { standingOn } from "../request/request-access.js";
import type { CancelParticipantInput, RecordAgreementInput, RecordAttendanceInput } from "./assignment.input.js";
import { toAssignment } from "./assignment.mapper.js";
import {
  assignmentErrors,
  type CancelParticipantPayload,
  type RecordAgreementPayload,
  type RecordAttendancePayload,
} from "./assignment.payload.js";
import {
  type AssignmentRow,
  findAssignment,
  findAssignmentsByIds,
  findAttendance,
  findMemberAssignment,
  findOccasion,
  listMemberAssignments,
  raiseLastAssignmentAt,
  updateAgreement,
  upsertAttendance,
} from "./assignment.repository.js";
import type { Assignment, MyAssignment } from "./assignment.type.js";

const ASSIGNMENT = { sv: "Uppdraget", en: "The assignment" };

function requireStaff(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  return actor;
}

/**
 * An assignment the caller may act on — the requesting unit's or its network's coordinators' — with its request.
 * Anything else (another unit's, another network's, another tenant's) is answered as missing.
 */
async function assignmentFor(tx: Tx, actor: StaffActor, id: string): Promise<{ assignment: AssignmentRow; request: RequestRow } | null> {
  const assignment = await findAssignment(tx, actor.tenantId, id);
  const request = assignment ? await findRequest(tx, actor.tenantId, assignment.requestId) : null;
  if (!assignment || !request) return null;
  const standing = standingOn(actor, request);
  return standing.unit || standing.coordinator ? { assignment, request } : null;
}

/**
 * Records (or corrects) one participant's attendance at one occasion: the unit reports the occasions held (seeds/003
 * step 4), and fee claims are computed from these rows. Someone who did not come is stored with no time.
 */
export async function recordAttendance(ctx: RequestContext, input: RecordAttendanceInput): Promise<RecordAttendancePayload> {
  const actor = requireStaff(ctx);
  const figures = validateAttendance(input);
  if (!figures.ok) throw badUserInput(figures.errors, ctx.locale);
  if (!isId(input.assignmentId)) return { attendance: null, errors: [notFound(ASSIGNMENT, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RecordAttendancePayload> => {
    const found = await assignmentFor(tx, actor, input.assignmentId);
    if (!found) return { attendance: null, errors: [notFound(ASSIGNMENT, ctx.locale)] };
    const occasion = isId(input.occasionId) ? await findOccasion(tx, actor.tenantId, input.occasionId) : null;
    const refusal = assignmentAttendanceRefusal(found.assignment, occasion, now);
    if (refusal || !occasion) {
      return { attendance: null, errors: [assignmentErrors.attendanceNotPossible(refusal ?? "OCCASION_NOT_IN_REQUEST", ctx.locale)] };
    }
    const before = await findAttendance(tx, actor.tenantId, found.assignment.id, occasion.id);
    const after = await upsertAttendance(tx, actor.tenantId, {
      assignmentId: found.assignment.id,
      occasionId: occasion.id,
      ...figures.value,
      reportedById: actor.staffUserId,
      reportedAt: now,
    });
    if (after.attended) {
      await raiseLastAssignmentAt(tx, actor.tenantId, found.assignment.memberId, found.request.networkId, occasion.endsAt);
      // The participant's draft fee claim follows from attendance at once (issue 6: "created from attendance"), in the
      // same transaction; a claim that already exists is left alone — corrections go through the claim's own workflow.
      await prepareFeeClaimsForOccasion(ctx, tx, actor.tenantId, occasion.id);
    }
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "Attendance",
      subjectId: after.id,
      memberId: found.assignment.memberId,
      purpose: "attendance reported",
      before: before && { attended: before.attended, durationMinutes: before.durationMinutes, travelMinutes: before.travelMinutes },
      after: { assignmentId: found.assignment.id, occasionId: occasion.id, ...figures.value },
    });
    return { attendance: after, errors: [] };
  });
}

/** Records the written agreement of an assignment as signed by both, with its period and scope (seeds/003 step 3). */
export async function recordAgreement(ctx: RequestContext, input: RecordAgreementInput): Promise<RecordAgreementPayload> {
  const actor = requireStaff(ctx);
  const agreement = validateAgreement(input, new Date());
  if (!agreement.ok) throw badUserInput(agreement.errors, ctx.locale);
  if (!isId(input.assignmentId)) return { assignment: null, errors: [notFound(ASSIGNMENT, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<RecordAgreementPayload> => {
    const found = await assignmentFor(tx, actor, input.assignmentId);
    if (!found) return { assignment: null, errors: [notFound(ASSIGNMENT, ctx.locale)] };
    if (found.assignment.status === "CANCELLED") return { assignment: null, errors: [assignmentErrors.cancelled(ctx.locale)] };
    const { validFrom, validTo, scope, signedByMemberAt, signedByUnitAt } = agreement.value;
    const after = await updateAgreement(tx, actor.tenantId, found.assignment.id, {
      agreementValidFrom: new Date(`${validFrom}T00:00:00Z`),
      agreementValidTo: new Date(`${validTo}T00:00:00Z`),
      agreementScope: scope,
      agreementSignedByMemberAt: signedByMemberAt,
      agreementSignedByUnitAt: signedByUnitAt,
    });
    const view = (row: AssignmentRow) => {
      const { agreementValidFrom, agreementValidTo, agreementScope, agreementSignedByMemberAt, agreementSignedByUnitAt } =
        toAssignment(row);
      return { agreementValidFrom, agreementValidTo, agreementScope, agreementSignedByMemberAt, agreementSignedByUnitAt };
    };
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "Assignment",
      subjectId: after.id,
      memberId: after.memberId,
      purpose: "written agreement recorded",
      before: view(found.assignment),
      after: view(after),
    });
    return { assignment: toAssignment(after), errors: [] };
  });
}

/**
 * Cancels a participant's place (the unit's or the coordinator's decision, with a reason). The place goes to the
 * first on the waiting list and the request's fill status follows; the unit no longer sees the cancelled person.
 */
export async function cancelParticipant(ctx: RequestContext, input: CancelParticipantInput): Promise<CancelParticipantPayload> {
  const actor = requireStaff(ctx);
  const reason = validateInvitationReason(input.reason, "input.reason", true);
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.assignmentId)) return { assignment: null, promoted: [], errors: [notFound(ASSIGNMENT, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<CancelParticipantPayload> => {
    const found = await assignmentFor(tx, actor, input.assignmentId);
    if (!found) return { assignment: null, promoted: [], errors: [notFound(ASSIGNMENT, ctx.locale)] };
    await lockRequest(tx, actor.tenantId, found.request.id);
    const before = (await findAssignment(tx, actor.tenantId, found.assignment.id)) as AssignmentRow;
    if (before.status === "CANCELLED") return { assignment: toAssignment(before), promoted: [], errors: [] };
    if (before.status === "CARRIED_OUT") return { assignment: null, promoted: [], errors: [assignmentErrors.carriedOut(ctx.locale)] };

    await setAssignmentStatus(tx, actor.tenantId, before.id, { status: "CANCELLED", cancelledAt: now, cancellationReason: reason.reason });
    // The place is gone, so the acceptance no longer counts (nor releases contact details); the member may be asked again.
    await updateInvitation(tx, actor.tenantId, before.invitationId, { status: "WITHDRAWN" });
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Assignment",
      subjectId: before.id,
      memberId: before.memberId,
      purpose: "participant cancelled",
      details: { requestId: before.requestId, reason: reason.reason },
    });
    const request = (await findRequest(tx, actor.tenantId, found.request.id)) as RequestRow;
    const promotions = await settlePlaces(ctx, tx, request, now, "a participant was cancelled");
    const promoted = await findAssignmentsByIds(
      tx,
      actor.tenantId,
      promotions.map((promotion) => promotion.assignmentId),
    );
    return {
      assignment: toAssignment((await findAssignment(tx, actor.tenantId, before.id)) as AssignmentRow),
      promoted: promoted.map(toAssignment),
      errors: [],
    };
  });
}

/** A request's places for its unit and its network's coordinators; who holds them is `Request.participants`. */
export async function listRequestAssignments(ctx: RequestContext, request: RequestType): Promise<Assignment[]> {
  const actor = requireTenantActor(ctx);
  const standing = standingOn(actor, request);
  if (actor.tenantId !== request.tenantId || !(standing.unit || standing.coordinator)) throw forbidden(ctx.locale);
  return (await ctx.loaders(actor.tenantId).assignmentsByRequestId.load(request.id)).map(toAssignment);
}

/** The member's own assignments, oldest first. */
export async function listMyAssignments(ctx: RequestContext, args: PageArgs) {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx
    .scope(actor.tenantId)
    .transaction((tx) => listMemberAssignments(tx, actor.tenantId, actor.memberId, page));
  return toPage(
    rows.map((row): MyAssignment => toAssignment(row)),
    page,
    total,
  );
}

/** One of the member's own assignments (a live update re-reads it here); anyone else's looks missing. */
export async function getMyAssignment(ctx: RequestContext, id: string): Promise<MyAssignment | null> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  if (!isId(id)) return null;
  const row = await ctx.scope(actor.tenantId).transaction((tx) => findMemberAssignment(tx, actor.tenantId, actor.memberId, id));
  return row ? toAssignment(row) : null;
}
