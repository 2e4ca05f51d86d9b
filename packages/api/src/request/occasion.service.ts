import { canAddOccasions, canChangeOccasions, mayHaveHeldOccasions, validateOccasion, validateReason } from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import type { AddOccasionInput, CancelOccasionInput, MarkOccasionHeldInput } from "./request.input.js";
import { toOccasion } from "./request.mapper.js";
import { type OccasionPayloadShape, requestErrors } from "./request.payload.js";
import {
  findOccasion,
  findRequest,
  findVisibleRequest,
  insertOccasions,
  lockRequest,
  type OccasionRow,
  type RequestRow,
  updateOccasion,
} from "./request.repository.js";
import { isoOrEmpty } from "./request.service.js";
import { OCCASION, REQUEST, requestVisibility, standingOn } from "./request-access.js";

// Occasions are managed by the unit and the coordinator together: the unit knows its dates, the coordinator keeps
// the participants informed. Changes are refused once the request is closed, so what was followed up stays put.

const closed = (locale: RequestContext["locale"]) =>
  requestErrors.ruleOf(
    "REQUEST_CLOSED",
    "Förfrågan är avslutad och dess tillfällen kan inte ändras.",
    "The request is closed and its occasions cannot change.",
    locale,
  );

/** The request (locked) the caller may manage occasions of, or null when it is not theirs to see. */
async function managedRequest(ctx: RequestContext, tx: Tx, requestId: string): Promise<RequestRow | null> {
  const actor = requireTenantActor(ctx);
  const visible = await findVisibleRequest(tx, actor.tenantId, requestId, requestVisibility(actor));
  if (!visible) return null;
  const standing = standingOn(actor, visible);
  if (!(standing.unit || standing.coordinator)) throw forbidden(ctx.locale);
  await lockRequest(tx, actor.tenantId, visible.id);
  return findRequest(tx, actor.tenantId, visible.id);
}

async function auditOccasion(ctx: RequestContext, tx: Tx, before: OccasionRow | null, after: OccasionRow, purpose: string) {
  await ctx.audit.recordChange(tx, after.tenantId, { subjectType: "Occasion", subjectId: after.id, before, after, purpose });
}

export async function addOccasion(ctx: RequestContext, input: AddOccasionInput): Promise<OccasionPayloadShape> {
  const actor = requireTenantActor(ctx);
  const validation = validateOccasion(
    { startsAt: isoOrEmpty(input.startsAt), endsAt: isoOrEmpty(input.endsAt), place: input.place, digitalLink: input.digitalLink },
    { now: new Date() },
  );
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  if (!isId(input.requestId)) return { occasion: null, errors: [notFound(REQUEST, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<OccasionPayloadShape> => {
    const request = await managedRequest(ctx, tx, input.requestId);
    if (!request) return { occasion: null, errors: [notFound(REQUEST, ctx.locale)] };
    if (!canChangeOccasions(request.status)) return { occasion: null, errors: [closed(ctx.locale)] };
    if (!canAddOccasions(request.status)) {
      return {
        occasion: null,
        errors: [
          requestErrors.ruleOf(
            "TRANSITION_NOT_ALLOWED",
            "Uppdraget är redan genomfört. Lägg till nya tillfällen i en ny förfrågan.",
            "The assignment has already been carried out. Add new occasions in a new request.",
            ctx.locale,
          ),
        ],
      };
    }
    const [row] = await insertOccasions(tx, actor.tenantId, request.id, [validation.value]);
    if (!row) throw new Error("occasion was not inserted");
    await auditOccasion(ctx, tx, null, row, "add occasion");
    return { occasion: toOccasion(row), errors: [] };
  });
}

async function occasionAndRequest(ctx: RequestContext, tx: Tx, occasionId: string) {
  const actor = requireTenantActor(ctx);
  const occasion = await findOccasion(tx, actor.tenantId, occasionId);
  if (!occasion) return null;
  const request = await managedRequest(ctx, tx, occasion.requestId);
  if (!request) return null;
  // Re-read under the request's lock: the occasion may have changed while we waited.
  const current = (await findOccasion(tx, actor.tenantId, occasionId)) as OccasionRow;
  return { occasion: current, request };
}

export async function cancelOccasion(ctx: RequestContext, input: CancelOccasionInput): Promise<OccasionPayloadShape> {
  const actor = requireTenantActor(ctx);
  const reason = validateReason(input.reason);
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.occasionId)) return { occasion: null, errors: [notFound(OCCASION, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<OccasionPayloadShape> => {
    const found = await occasionAndRequest(ctx, tx, input.occasionId);
    if (!found) return { occasion: null, errors: [notFound(OCCASION, ctx.locale)] };
    const { occasion, request } = found;
    // Cancelling twice changes nothing: the first cancellation, its time and reason stand.
    if (occasion.cancelledAt) return { occasion: toOccasion(occasion), errors: [] };
    if (!canChangeOccasions(request.status)) return { occasion: null, errors: [closed(ctx.locale)] };
    if (reason.value === null) {
      return {
        occasion: null,
        errors: [
          requestErrors.ruleOf(
            "REASON_REQUIRED",
            "Ange varför tillfället ställs in: de medverkande får veta det.",
            "Give the reason the occasion is cancelled: the participants are told.",
            ctx.locale,
          ),
        ],
      };
    }
    if (occasion.heldAt) {
      return {
        occasion: null,
        errors: [
          requestErrors.ruleOf(
            "OCCASION_HELD",
            "Tillfället är redan rapporterat som genomfört och kan inte ställas in.",
            "The occasion has already been reported as held and cannot be cancelled.",
            ctx.locale,
          ),
        ],
      };
    }
    const after = await updateOccasion(tx, actor.tenantId, occasion.id, { cancelledAt: new Date(), cancellationReason: reason.value });
    await auditOccasion(ctx, tx, occasion, after, "cancel occasion");
    return { occasion: toOccasion(after), errors: [] };
  });
}

/** The unit or coordinator reports that an occasion took place; attendance per participant is recorded with it. */
export async function markOccasionHeld(ctx: RequestContext, input: MarkOccasionHeldInput): Promise<OccasionPayloadShape> {
  const actor = requireTenantActor(ctx);
  if (!isId(input.occasionId)) return { occasion: null, errors: [notFound(OCCASION, ctx.locale)] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<OccasionPayloadShape> => {
    const found = await occasionAndRequest(ctx, tx, input.occasionId);
    if (!found) return { occasion: null, errors: [notFound(OCCASION, ctx.locale)] };
    const { occasion, request } = found;
    if (occasion.heldAt) return { occasion: toOccasion(occasion), errors: [] };
    if (!canChangeOccasions(request.status)) return { occasion: null, errors: [closed(ctx.locale)] };
    if (occasion.cancelledAt) {
      return {
        occasion: null,
        errors: [requestErrors.ruleOf("OCCASION_CANCELLED", "Tillfället är inställt.", "The occasion has been cancelled.", ctx.locale)],
      };
    }
    const now = new Date();
    if (occasion.startsAt.getTime() > now.getTime()) {
      return {
        occasion: null,
        errors: [
          requestErrors.ruleOf(
            "OCCASION_NOT_STARTED",
            "Tillfället har inte börjat än och kan inte rapporteras som genomfört.",
            "The occasion has not started yet and cannot be reported as held.",
            ctx.locale,
          ),
        ],
      };
    }
    if (!mayHaveHeldOccasions(request.status)) {
      return {
        occasion: null,
        errors: [
          requestErrors.ruleOf(
            "NO_PARTICIPANTS",
            "Ingen medverkande har tackat ja till förfrågan, så tillfället kan inte ha genomförts med medverkande.",
            "Nobody has accepted the request, so the occasion cannot have been held with participants.",
            ctx.locale,
          ),
        ],
      };
    }
    const after = await updateOccasion(tx, actor.tenantId, occasion.id, { heldAt: now });
    await auditOccasion(ctx, tx, occasion, after, "occasion held");
    return { occasion: toOccasion(after), errors: [] };
  });
}
