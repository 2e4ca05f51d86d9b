import type { AnswerChannel } from "@medverkan/database";
import {
  canWithdrawAcceptance,
  effectiveInvitationStatus,
  hasLapsed,
  isFillingRequestStatus,
  placementOnAcceptance,
  responseRefusal,
  validateInvitationReason,
} from "@medverkan/domain";
import { hasRole } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { enqueueContactRelease, enqueueInvitationAnswered } from "../notification/enqueue.js";
import { standingOn } from "../request/request-access.js";
import { recordMemberActivity } from "../self-service/self-service.repository.js";
import { findCurrentConsentText } from "../tenant/tenant.repository.js";
import type {
  InvitationFilter,
  RecordInvitationAnswerOnBehalfInput,
  RespondToInvitationInput,
  WithdrawContactSharingConsentInput,
  WithdrawFromAssignmentInput,
} from "./invitation.input.js";
import { toInvitation, toMyInvitation } from "./invitation.mapper.js";
import {
  invitationErrors,
  type RecordInvitationAnswerOnBehalfPayload,
  type RespondToInvitationPayload,
  type WithdrawContactSharingConsentPayload,
  type WithdrawFromAssignmentPayload,
} from "./invitation.payload.js";
import {
  countAccepted,
  expireLapsedInvitations,
  findInvitation,
  findRequest,
  findWaitlisted,
  type InvitationRow,
  insertContactSharingConsent,
  lastJoinedWaitlistAt,
  listInvitations,
  lockRequest,
  type RequestRow,
  setAssignmentStatus,
  updateInvitation,
  withdrawConsent,
} from "./invitation.repository.js";
import { INVITATION } from "./invitation.service.js";
import type { InvitationStatus } from "./invitation.type.js";
import { createAssignment, settlePlaces } from "./request-places.js";

type MemberActor = { tenantId: string; memberId: string };

function requireMember(ctx: RequestContext): MemberActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  return { tenantId: actor.tenantId, memberId: actor.memberId };
}

/**
 * The member's own invitation with its request locked, read again under the lock. Someone else's invitation is
 * answered exactly like one that does not exist.
 */
async function lockOwnInvitation(
  tx: Tx,
  actor: MemberActor,
  id: string,
): Promise<{ invitation: InvitationRow; request: RequestRow } | null> {
  const found = await findInvitation(tx, actor.tenantId, id);
  if (!found || found.memberId !== actor.memberId) return null;
  await lockRequest(tx, actor.tenantId, found.requestId);
  const invitation = (await findInvitation(tx, actor.tenantId, id)) as InvitationRow;
  const request = (await findRequest(tx, actor.tenantId, invitation.requestId)) as RequestRow;
  return { invitation, request };
}

/** A coordinator recording the member's answer for them: who, in which role, how the member answered and when. */
interface OnBehalf {
  staffUserId: string;
  role: "COORDINATOR";
  channel: AnswerChannel;
  answeredAt: Date;
}

const channelWords: Record<AnswerChannel, string> = { PHONE: "by phone", PAPER: "on paper", IN_PERSON: "in person" };

/**
 * The member's answer. Accepting records their consent to share name, e-mail and phone with the requesting unit for
 * this request (the exact text version), then gives a place while there is one and the waiting list otherwise. The
 * request row is locked for the whole answer, so parallel acceptances are counted one after the other and the
 * request is never over-filled.
 */
export async function respondToInvitation(ctx: RequestContext, input: RespondToInvitationInput): Promise<RespondToInvitationPayload> {
  const actor = requireMember(ctx);
  return answerInvitation(ctx, actor.tenantId, input, (tx) => lockOwnInvitation(tx, actor, input.invitationId), null);
}

/**
 * A coordinator of the member's network records the answer the member gave by phone, on paper or in person (Kalmar's
 * routine). The same rules as the member's own answer, through the same code; the invitation and the audit log keep
 * who recorded it and how. Another network's or tenant's invitation is answered as missing.
 */
export async function recordInvitationAnswerOnBehalf(
  ctx: RequestContext,
  input: RecordInvitationAnswerOnBehalfInput,
): Promise<RecordInvitationAnswerOnBehalfPayload> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !hasRole(actor, "COORDINATOR")) throw forbidden(ctx.locale);
  const now = new Date();
  const answeredAt = new Date(input.answeredAt);
  if (Number.isNaN(answeredAt.getTime()) || answeredAt.getTime() > now.getTime() + 60_000) {
    throw badUserInput(
      [
        {
          field: "input.answeredAt",
          code: "DATE_IN_FUTURE",
          message: { sv: "Svaret kan inte ha getts i framtiden.", en: "The answer cannot have been given in the future." },
        },
      ],
      ctx.locale,
    );
  }
  const onBehalf: OnBehalf = { staffUserId: actor.staffUserId, role: "COORDINATOR", channel: input.channel, answeredAt };
  const locate = async (tx: Tx) => {
    const found = await findInvitation(tx, actor.tenantId, input.invitationId);
    const request = found ? await findRequest(tx, actor.tenantId, found.requestId) : null;
    if (!found || !request || !standingOn(actor, request).coordinator) return null;
    await lockRequest(tx, actor.tenantId, request.id);
    return {
      invitation: (await findInvitation(tx, actor.tenantId, found.id)) as InvitationRow,
      request: (await findRequest(tx, actor.tenantId, request.id)) as RequestRow,
    };
  };
  const answered = await answerInvitation(ctx, actor.tenantId, input, locate, onBehalf);
  return { invitation: answered.invitation ? toInvitation(answered.row as InvitationRow, now) : null, errors: answered.errors };
}

async function answerInvitation(
  ctx: RequestContext,
  tenantId: string,
  input: RespondToInvitationInput,
  locate: (tx: Tx) => Promise<{ invitation: InvitationRow; request: RequestRow } | null>,
  onBehalf: OnBehalf | null,
): Promise<RespondToInvitationPayload & { row?: InvitationRow }> {
  const reason = input.accept ? { ok: true as const, reason: null } : validateInvitationReason(input.declineReason, "input.declineReason");
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.invitationId)) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
  const now = new Date();
  // When the member answered: now in the app, or the moment the coordinator records they answered.
  const answeredAt = onBehalf?.answeredAt ?? now;
  const recorded = onBehalf
    ? { answerChannel: onBehalf.channel, answerRecordedById: onBehalf.staffUserId, answerRecordedByRole: onBehalf.role }
    : { answerChannel: null, answerRecordedById: null, answerRecordedByRole: null };
  const by = (what: string) =>
    onBehalf ? `${what}, recorded on the member's behalf (${channelWords[onBehalf.channel]})` : `${what} by the member`;
  const behalfDetails = onBehalf ? { onBehalf: true, channel: onBehalf.channel, answeredAt: onBehalf.answeredAt.toISOString() } : {};

  return ctx.scope(tenantId).transaction(async (tx): Promise<RespondToInvitationPayload & { row?: InvitationRow }> => {
    const found = await locate(tx);
    if (!found) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
    const { invitation, request } = found;
    const memberId = invitation.memberId;
    // Written here rather than waiting for the expiry job: the refusal and the stored status then agree.
    if (hasLapsed(invitation, now)) await expireLapsedInvitations(tx, tenantId, now, { id: invitation.id });
    const refusal = responseRefusal(invitation, request.status, now);
    if (refusal) return { invitation: null, errors: [invitationErrors.notOpen(refusal, ctx.locale)] };
    await recordMemberActivity(tx, tenantId, memberId, now);

    if (!input.accept) {
      const after = await updateInvitation(tx, tenantId, invitation.id, {
        status: "DECLINED",
        respondedAt: answeredAt,
        declineReason: reason.reason,
        ...recorded,
      });
      await enqueueInvitationAnswered(tx, { tenantId, invitationId: invitation.id });
      await ctx.audit.record(tx, tenantId, {
        action: "WRITE",
        subjectType: "Invitation",
        subjectId: invitation.id,
        memberId,
        purpose: by("invitation declined"),
        details: { requestId: request.id, ...behalfDetails },
      });
      return { invitation: toMyInvitation(after, now), errors: [], row: after };
    }

    const text = await findCurrentConsentText(tx, tenantId, "CONTACT_SHARING");
    if (!text || !input.consentTextVersion || text.version !== input.consentTextVersion.trim()) {
      return { invitation: null, errors: [invitationErrors.contactConsentRequired(text?.version ?? null, ctx.locale)] };
    }
    const consent = await insertContactSharingConsent(tx, {
      tenantId,
      memberId,
      requestId: request.id,
      consentTextId: text.id,
      givenAt: answeredAt,
    });
    const placement = placementOnAcceptance(request.numberOfPersons, await countAccepted(tx, tenantId, request.id));
    // The waiting list is ordered by `respondedAt`. `now` was taken before the request's lock, so parallel acceptances
    // would queue in the order their requests arrived, not the order they were placed — and the positions answered
    // would disagree with the list. A waitlisted acceptance is stamped under the lock, after everyone already waiting,
    // and its position is counted here, from the same locked order.
    const queue = placement === "WAITLISTED" ? await joinWaitlist(tx, tenantId, request.id) : null;
    await updateInvitation(tx, tenantId, invitation.id, {
      status: placement,
      respondedAt: queue?.joinedAt ?? answeredAt,
      contactConsentId: consent.id,
      contactReleasedAt: placement === "ACCEPTED" ? now : null,
      ...recorded,
    });
    const assignment = placement === "ACCEPTED" ? await createAssignment(tx, request, invitation, now) : null;
    await ctx.audit.record(tx, tenantId, [
      {
        action: "WRITE",
        subjectType: "Consent",
        subjectId: consent.id,
        memberId,
        purpose: onBehalf ? by("contact sharing consent given") : "contact sharing consent given",
        details: { requestId: request.id, unitId: request.unitId, textVersion: text.version, ...behalfDetails },
      },
      {
        action: "WRITE",
        subjectType: "Invitation",
        subjectId: invitation.id,
        memberId,
        purpose: by("invitation accepted"),
        details: { requestId: request.id, status: placement, assignmentId: assignment?.id ?? null, ...behalfDetails },
      },
    ]);
    await settlePlaces(ctx, tx, request, now, "invitation accepted");
    await enqueueInvitationAnswered(tx, { tenantId, invitationId: invitation.id });
    if (placement === "ACCEPTED") await enqueueContactRelease(tx, { tenantId, invitationId: invitation.id }, ctx.audit);
    const row = (await findInvitation(tx, tenantId, invitation.id)) as InvitationRow;
    const answered = toMyInvitation(row, now);
    return { invitation: queue ? { ...answered, waitlistPosition: queue.position } : answered, errors: [], row };
  });
}

/** Where a new acceptance joins the request's waiting list: after the last one in it. The caller holds the request's lock. */
async function joinWaitlist(tx: Tx, tenantId: string, requestId: string): Promise<{ joinedAt: Date; position: number }> {
  const [last, waiting] = await Promise.all([lastJoinedWaitlistAt(tx, tenantId, requestId), findWaitlisted(tx, tenantId, [requestId])]);
  const clock = Date.now();
  const joinedAt = new Date(last && last.getTime() >= clock ? last.getTime() + 1 : clock);
  return { joinedAt, position: waiting.length + 1 };
}

/**
 * The member leaves what they accepted: their place (the assignment is cancelled) or their place in the queue. It
 * counts as a "no" to the request — remembered, so they are not asked again — and their consent to share contact
 * details ends with it, so the unit no longer sees them. A freed place goes to the first on the waiting list.
 */
export async function withdrawFromAssignment(
  ctx: RequestContext,
  input: WithdrawFromAssignmentInput,
): Promise<WithdrawFromAssignmentPayload> {
  const actor = requireMember(ctx);
  const reason = validateInvitationReason(input.reason, "input.reason");
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.invitationId)) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
  const now = new Date();

  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<WithdrawFromAssignmentPayload> => {
    const found = await lockOwnInvitation(tx, actor, input.invitationId);
    if (!found) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
    const { invitation, request } = found;
    const status = effectiveInvitationStatus(invitation, now);
    // After the assignment is carried out there is nothing left to leave; the consent can still be withdrawn.
    if (!canWithdrawAcceptance(status) || !isFillingRequestStatus(request.status)) {
      return { invitation: null, errors: [invitationErrors.nothingToWithdraw(status as InvitationStatus, ctx.locale)] };
    }
    await updateInvitation(tx, actor.tenantId, invitation.id, {
      status: "DECLINED",
      respondedAt: now,
      declineReason: reason.reason,
      answerChannel: null,
      answerRecordedById: null,
      answerRecordedByRole: null,
    });
    if (invitation.contactConsentId) await withdrawConsent(tx, actor.tenantId, invitation.contactConsentId, now);
    if (invitation.assignment) {
      await setAssignmentStatus(tx, actor.tenantId, invitation.assignment.id, {
        status: "CANCELLED",
        cancelledAt: now,
        cancellationReason: reason.reason,
      });
    }
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "Invitation",
      subjectId: invitation.id,
      memberId: actor.memberId,
      purpose: "member withdrew from the assignment",
      details: { requestId: request.id, before: status, assignmentId: invitation.assignment?.id ?? null, consentWithdrawn: true },
    });
    await settlePlaces(ctx, tx, request, now, "a participant withdrew");
    return { invitation: toMyInvitation((await findInvitation(tx, actor.tenantId, invitation.id)) as InvitationRow, now), errors: [] };
  });
}

/**
 * The member stops sharing their contact details with the unit; they keep their place (the coordinator passes on
 * what the unit needs). The unit's next read no longer returns them. Withdrawing twice changes nothing.
 */
export async function withdrawContactSharingConsent(
  ctx: RequestContext,
  input: WithdrawContactSharingConsentInput,
): Promise<WithdrawContactSharingConsentPayload> {
  const actor = requireMember(ctx);
  if (!isId(input.invitationId)) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<WithdrawContactSharingConsentPayload> => {
    const invitation = await findInvitation(tx, actor.tenantId, input.invitationId);
    if (!invitation || invitation.memberId !== actor.memberId) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
    if (invitation.contactConsentId && (await withdrawConsent(tx, actor.tenantId, invitation.contactConsentId, now))) {
      await ctx.audit.record(tx, actor.tenantId, {
        action: "WRITE",
        subjectType: "Consent",
        subjectId: invitation.contactConsentId,
        memberId: actor.memberId,
        purpose: "contact sharing consent withdrawn",
        details: { requestId: invitation.requestId },
      });
    }
    return { invitation: toMyInvitation((await findInvitation(tx, actor.tenantId, invitation.id)) as InvitationRow, now), errors: [] };
  });
}

/** The member's own invitations, newest last; lapsed ones shown (and filtered) EXPIRED without being written. */
export async function listMyInvitations(ctx: RequestContext, filter: InvitationFilter | null, args: PageArgs) {
  const actor = requireMember(ctx);
  const page = toPageRequest(args, ctx.locale);
  const now = new Date();
  const { rows, total } = await ctx
    .scope(actor.tenantId)
    .transaction((tx) => listInvitations(tx, actor.tenantId, { memberId: actor.memberId, statuses: filter?.statuses ?? [] }, page, now));
  return toPage(
    rows.map((row) => toMyInvitation(row, now)),
    page,
    total,
  );
}

/** One of the member's own invitations (a live update re-reads it here), a lapsed one shown EXPIRED; anyone else's looks missing. */
export async function getMyInvitation(ctx: RequestContext, id: string) {
  const actor = requireMember(ctx);
  if (!isId(id)) return null;
  const now = new Date();
  const row = await ctx.scope(actor.tenantId).transaction(async (tx) => {
    const found = await findInvitation(tx, actor.tenantId, id);
    return found?.memberId === actor.memberId ? found : null;
  });
  return row ? toMyInvitation(row, now) : null;
}
