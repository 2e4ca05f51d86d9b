import { attendanceRefusal, hasMembershipEnded, hasStarted, placeForNewcomer, trainedAtAfterAttendance } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { type IntakeStepActor, takeSessionStep } from "../intake/intake.service.js";
import { enqueueIntroductionBooked } from "../notification/enqueue.js";
import type { CancelTrainingEnrolmentInput, CreateTrainingEnrolmentInput, RecordTrainingAttendanceInput } from "./training.input.js";
import { toTrainingEnrolment } from "./training.mapper.js";
import {
  type CancelTrainingEnrolmentPayload,
  type CreateTrainingEnrolmentPayload,
  type RecordTrainingAttendancePayload,
  trainingErrors,
} from "./training.payload.js";
import {
  countEnrolled,
  type EnrolmentRow,
  findEnrolment,
  findEnrolmentOf,
  findMembership,
  findSession,
  insertEnrolment,
  isMemberVisible,
  listMemberEnrolments,
  listSessionEnrolments,
  lockSession,
  otherAttendedSessionStarts,
  recordAttendance,
  reopenEnrolment,
  type SessionRow,
  setEnrolmentStatus,
  setMembershipTrainedAt,
} from "./training.repository.js";
import { TrainingEnrolmentStatus, type TrainingSession } from "./training.type.js";
import { auditPromotions, canSee, promoteFromWaitlist, SESSION } from "./training-session.service.js";

const MEMBER = { sv: "Medlemmen", en: "The member" };
const ENROLMENT = { sv: "Anmälan", en: "The enrolment" };

/**
 * Who acts on enrolments: a coordinator for the networks they coordinate, or a member for themself. Enrolments name
 * people, so a tenant admin without a coordinator grant does not reach them.
 */
type EnrolmentActor =
  | { kind: "COORDINATOR"; tenantId: string; networks: "ALL" | string[]; staffUserId: string }
  | { kind: "MEMBER"; tenantId: string; memberId: string };

/** The actor as an intake step's event records it. */
const stepActor = (actor: EnrolmentActor): IntakeStepActor =>
  actor.kind === "MEMBER"
    ? { tenantId: actor.tenantId, actorType: "MEMBER", actorId: actor.memberId }
    : { tenantId: actor.tenantId, actorType: "STAFF", actorId: actor.staffUserId };

function requireEnrolmentActor(ctx: RequestContext): EnrolmentActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind === "MEMBER") return { kind: "MEMBER", tenantId: actor.tenantId, memberId: actor.memberId };
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  return { kind: "COORDINATOR", tenantId: actor.tenantId, networks, staffUserId: actor.staffUserId };
}

function requireCoordinator(ctx: RequestContext) {
  const actor = requireEnrolmentActor(ctx);
  if (actor.kind !== "COORDINATOR") throw forbidden(ctx.locale);
  return actor;
}

/** A session the actor may act on: a coordinator's own networks' sessions; for a member, any session of their tenant. */
const sessionFor = (tx: Tx, actor: EnrolmentActor, sessionId: string) =>
  findSession(tx, actor.tenantId, sessionId, actor.kind === "COORDINATOR" ? actor.networks : "ALL");

/** An enrolment the actor may act on: within a coordinator's networks, or the member's own. Anything else is none. */
async function enrolmentFor(tx: Tx, actor: EnrolmentActor, id: string): Promise<{ enrolment: EnrolmentRow; session: SessionRow } | null> {
  const enrolment = await findEnrolment(tx, actor.tenantId, id);
  if (!enrolment) return null;
  if (actor.kind === "MEMBER" && enrolment.memberId !== actor.memberId) return null;
  const session = await sessionFor(tx, actor, enrolment.sessionId);
  return session ? { enrolment, session } : null;
}

/**
 * Enrols a member: ENROLLED while there is a place, otherwise WAITLISTED at the end of the queue. The session row is
 * locked first, so of two enrolments racing for the last place exactly one gets it.
 */
export async function createTrainingEnrolment(
  ctx: RequestContext,
  input: CreateTrainingEnrolmentInput,
): Promise<CreateTrainingEnrolmentPayload> {
  const actor = requireEnrolmentActor(ctx);
  const tenantId = actor.tenantId;
  const memberId = actor.kind === "MEMBER" ? actor.memberId : input.memberId;
  // A member enrols only themself; naming someone else is answered like an unknown member.
  if (actor.kind === "MEMBER" && input.memberId && input.memberId !== actor.memberId) {
    return { enrolment: null, errors: [notFound(MEMBER, ctx.locale)] };
  }
  if (!memberId || !isId(memberId)) return { enrolment: null, errors: [notFound(MEMBER, ctx.locale)] };
  if (!isId(input.sessionId)) return { enrolment: null, errors: [notFound(SESSION, ctx.locale)] };

  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateTrainingEnrolmentPayload> => {
    const found = await sessionFor(tx, actor, input.sessionId);
    if (!found) return { enrolment: null, errors: [notFound(SESSION, ctx.locale)] };
    await lockSession(tx, tenantId, found.id);
    const session = (await findSession(tx, tenantId, found.id, "ALL")) as SessionRow;

    if (actor.kind === "COORDINATOR" && !(await isMemberVisible(tx, tenantId, memberId, actor.networks))) {
      return { enrolment: null, errors: [notFound(MEMBER, ctx.locale)] };
    }
    const membership = await findMembership(tx, tenantId, memberId, session.networkId);
    if (!membership || hasMembershipEnded(membership.status)) {
      return { enrolment: null, errors: [trainingErrors.notInSessionNetwork(ctx.locale)] };
    }
    if (session.cancelledAt) return { enrolment: null, errors: [trainingErrors.sessionCancelled(ctx.locale)] };
    // Coordinators may still add someone who turned up; members choose among sessions yet to come.
    if (actor.kind === "MEMBER" && hasStarted(session, new Date()))
      return { enrolment: null, errors: [trainingErrors.sessionStarted(ctx.locale)] };

    const existing = await findEnrolmentOf(tx, tenantId, session.id, memberId);
    if (existing && existing.status !== "CANCELLED") {
      return { enrolment: null, errors: [trainingErrors.alreadyEnrolled(existing.status as TrainingEnrolmentStatus, ctx.locale)] };
    }
    const status = placeForNewcomer(session.capacity, await countEnrolled(tx, tenantId, session.id));
    const enrolment = existing
      ? await reopenEnrolment(tx, tenantId, existing.id, status)
      : await insertEnrolment(tx, tenantId, session.id, memberId, status);
    await enqueueIntroductionBooked(tx, { tenantId, enrolmentId: enrolment.id });
    // A place (not a waiting-list one) on the network's session is the introduction booked (VGR).
    if (status === "ENROLLED") await takeSessionStep(ctx, tx, stepActor(actor), membership.id, "PLACE_BOOKED", new Date());
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "TrainingEnrolment",
      subjectId: enrolment.id,
      memberId,
      purpose: actor.kind === "MEMBER" ? "self-enrolment" : "enrolled by coordinator",
      details: { sessionId: session.id, status },
    });
    return { enrolment: toTrainingEnrolment(enrolment), errors: [] };
  });
}

/** Cancels an enrolment; a freed place goes to the first on the waiting list in the same transaction. */
export async function cancelTrainingEnrolment(
  ctx: RequestContext,
  input: CancelTrainingEnrolmentInput,
): Promise<CancelTrainingEnrolmentPayload> {
  const actor = requireEnrolmentActor(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.id)) return { enrolment: null, errors: [notFound(ENROLMENT, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<CancelTrainingEnrolmentPayload> => {
    const found = await enrolmentFor(tx, actor, input.id);
    if (!found) return { enrolment: null, errors: [notFound(ENROLMENT, ctx.locale)] };
    await lockSession(tx, tenantId, found.session.id);
    // Read again under the lock: a concurrent cancellation or promotion may have changed it meanwhile.
    const before = (await findEnrolment(tx, tenantId, found.enrolment.id)) as EnrolmentRow;
    if (before.status === "CANCELLED") return { enrolment: toTrainingEnrolment(before), errors: [] };
    // After the start, "did not come" is recorded as attendance, not as a cancellation.
    if (hasStarted(found.session, new Date())) return { enrolment: null, errors: [trainingErrors.sessionStarted(ctx.locale)] };

    await setEnrolmentStatus(tx, tenantId, [before.id], "CANCELLED");
    const promoted = await promoteFromWaitlist(tx, tenantId, found.session, await countEnrolled(tx, tenantId, found.session.id));
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "TrainingEnrolment",
      subjectId: before.id,
      memberId: before.memberId,
      purpose: actor.kind === "MEMBER" ? "cancelled by the member" : "cancelled by coordinator",
      details: { before: before.status, after: "CANCELLED" },
    });
    await auditPromotions(ctx, tx, tenantId, promoted, "a place was cancelled");
    return { enrolment: toTrainingEnrolment((await findEnrolment(tx, tenantId, before.id)) as EnrolmentRow), errors: [] };
  });
}

/**
 * Records attendance. Attending sets the membership's `trainedAt` in the session's network (the fact the intake
 * lifecycle reads as "training attended") and takes the intake step it means (`takeSessionStep`: on to TRAINED).
 */
export async function recordTrainingAttendance(
  ctx: RequestContext,
  input: RecordTrainingAttendanceInput,
): Promise<RecordTrainingAttendancePayload> {
  const actor = requireCoordinator(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.enrolmentId)) return { enrolment: null, errors: [notFound(ENROLMENT, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<RecordTrainingAttendancePayload> => {
    const found = await enrolmentFor(tx, actor, input.enrolmentId);
    if (!found) return { enrolment: null, errors: [notFound(ENROLMENT, ctx.locale)] };
    const { enrolment: before, session } = found;
    const now = new Date();
    const refusal = attendanceRefusal(session, now);
    if (refusal === "SESSION_CANCELLED") return { enrolment: null, errors: [trainingErrors.sessionCancelled(ctx.locale)] };
    if (refusal === "SESSION_NOT_STARTED") return { enrolment: null, errors: [trainingErrors.sessionNotStarted(ctx.locale)] };
    if (before.status === "CANCELLED") return { enrolment: null, errors: [trainingErrors.enrolmentCancelled(ctx.locale)] };

    const after = await recordAttendance(tx, tenantId, before.id, input.attended, now);
    const membership = await findMembership(tx, tenantId, before.memberId, session.networkId);
    let trainedAt: { before: Date | null; after: Date | null } | null = null;
    if (membership) {
      const next = trainedAtAfterAttendance({
        current: membership.trainedAt,
        attended: input.attended,
        sessionStartsAt: session.startsAt,
        otherAttendedStarts: input.attended
          ? []
          : await otherAttendedSessionStarts(tx, tenantId, before.memberId, session.networkId, before.id),
      });
      if ((next?.getTime() ?? null) !== (membership.trainedAt?.getTime() ?? null)) {
        await setMembershipTrainedAt(tx, tenantId, membership.id, next);
        trainedAt = { before: membership.trainedAt, after: next };
      }
      // Attending is the training attended: an earlier intake step moves on to TRAINED where the rules allow it.
      if (input.attended) await takeSessionStep(ctx, tx, stepActor(actor), membership.id, "ATTENDED", now);
    }
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "TrainingEnrolment",
      subjectId: before.id,
      memberId: before.memberId,
      purpose: "training attendance",
      details: JSON.parse(
        JSON.stringify({
          sessionId: session.id,
          attended: { before: before.attended, after: input.attended },
          membershipTrainedAt: trainedAt,
        }),
      ),
    });
    return { enrolment: toTrainingEnrolment(after), errors: [] };
  });
}

/** A session's enrolments for its coordinator; every participant on the page is an audited read of personal data. */
export async function listEnrolmentsOfSession(ctx: RequestContext, session: TrainingSession, args: PageArgs) {
  const actor = requireCoordinator(ctx);
  if (actor.tenantId !== session.tenantId || !canSee(actor.networks, session.networkId)) throw forbidden(ctx.locale);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction(async (tx) => {
    const result = await listSessionEnrolments(tx, actor.tenantId, session.id, page);
    await ctx.audit.record(
      tx,
      actor.tenantId,
      result.rows.slice(0, page.take).map((row) => ({
        action: "READ" as const,
        subjectType: "Member",
        subjectId: row.memberId,
        memberId: row.memberId,
        purpose: "training session enrolments",
        details: { sessionId: session.id, enrolmentId: row.id },
      })),
    );
    return result;
  });
  return toPage(rows.map(toTrainingEnrolment), page, total);
}

/** The member's own enrolments, newest last. */
export async function listMyEnrolments(ctx: RequestContext, args: PageArgs) {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx
    .scope(actor.tenantId)
    .transaction((tx) => listMemberEnrolments(tx, actor.tenantId, actor.memberId, page));
  return toPage(rows.map(toTrainingEnrolment), page, total);
}
