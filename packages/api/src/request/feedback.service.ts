import type { FeedbackAuthor } from "@medverkan/database";
import { isCarriedOutRequestStatus, validateFeedback } from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { FeedbackType } from "./feedback.type.js";
import type { GiveFeedbackInput } from "./request.input.js";
import { toFeedback } from "./request.mapper.js";
import { type GiveFeedbackPayload, requestErrors } from "./request.payload.js";
import { findFeedbackBy, findMemberAssignment, findVisibleRequest, insertFeedback, lockRequest } from "./request.repository.js";
import type { RequestType } from "./request.type.js";
import { REQUEST, requestVisibility, standingOn } from "./request-access.js";

// Feedback after the assignment (seeds/001: Levande bibliotek evaluates with the unit and the representative; seeds/003
// step 5: the unit gives feedback to the participants and the development leader). Each author gives it once.

export async function giveFeedback(ctx: RequestContext, input: GiveFeedbackInput): Promise<GiveFeedbackPayload> {
  const actor = requireTenantActor(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.requestId)) return { feedback: null, errors: [notFound(REQUEST, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<GiveFeedbackPayload> => {
    const request = await findVisibleRequest(tx, tenantId, input.requestId, requestVisibility(actor));
    if (!request) return { feedback: null, errors: [notFound(REQUEST, ctx.locale)] };

    let author: FeedbackAuthor;
    let authorId: string;
    let assignmentId: string | null = null;
    if (actor.kind === "MEMBER") {
      // Only someone who took part gives a participant's feedback; being asked is not enough.
      const assignment = await findMemberAssignment(tx, tenantId, request.id, actor.memberId);
      if (!assignment) return { feedback: null, errors: [notFound(REQUEST, ctx.locale)] };
      author = "PARTICIPANT";
      authorId = actor.memberId;
      assignmentId = assignment.id;
    } else if (actor.kind === "STAFF") {
      const standing = standingOn(actor, request);
      if (standing.unit) author = "UNIT";
      else if (standing.coordinator) author = "COORDINATOR";
      else throw forbidden(ctx.locale);
      authorId = actor.staffUserId;
    } else {
      throw forbidden(ctx.locale);
    }

    const validation = validateFeedback(input, author);
    if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
    if (!isCarriedOutRequestStatus(request.status)) {
      return {
        feedback: null,
        errors: [
          requestErrors.ruleOf(
            "FEEDBACK_TOO_EARLY",
            "Återkoppling lämnas när uppdraget är genomfört.",
            "Feedback is given once the assignment has been carried out.",
            ctx.locale,
          ),
        ],
      };
    }
    // Serialises two submissions of the same author, so "once" holds without a unique index.
    await lockRequest(tx, tenantId, request.id);
    if (await findFeedbackBy(tx, tenantId, request.id, author, authorId)) {
      return { feedback: null, errors: [requestErrors.feedbackAlreadyGiven(ctx.locale)] };
    }
    const row = await insertFeedback(tx, tenantId, { requestId: request.id, assignmentId, author, authorId, ...validation.value });
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "Feedback",
      subjectId: row.id,
      memberId: actor.kind === "MEMBER" ? actor.memberId : null,
      purpose: `feedback from ${author.toLowerCase()}`,
    });
    return { feedback: toFeedback(row, actor), errors: [] };
  });
}

/**
 * Which feedback on a request the caller reads: coordinators and tenant admins all of it; the unit its own and the
 * coordinator's; a participant their own and the unit's (the unit gives feedback to the participants, seeds/003).
 * A unit never reads a participant's feedback, which would tell it who said what.
 */
export async function feedbackOf(ctx: RequestContext, request: RequestType): Promise<FeedbackType[]> {
  const actor = requireTenantActor(ctx);
  const rows = await ctx.loaders(request.tenantId).requestFeedbackByRequestId.load(request.id);
  const all = rows.map((row) => toFeedback(row, actor));
  if (actor.kind === "MEMBER") {
    const tookPart = await ctx.loaders(request.tenantId).requestAssignmentOfMember.load(`${request.id}:${actor.memberId}`);
    return all.filter((feedback) => feedback.authorId === actor.memberId || (tookPart !== null && feedback.author === "UNIT"));
  }
  const standing = standingOn(actor, request);
  if (standing.coordinator || standing.admin) return all;
  if (standing.unit) return all.filter((feedback) => feedback.author === "UNIT" || feedback.author === "COORDINATOR");
  return [];
}
