import { isClosedRequestStatus, OUTSIDE_POOL_PARTICIPANT_LIMITS, validateOutsidePoolParticipant } from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import type { ErrorCode } from "../common/errors/error-code.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { type IdempotentAnswer, withIdempotency } from "../common/idempotency/idempotency.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import {
  countOutsidePoolParticipants,
  deleteOutsidePoolParticipant,
  findOutsidePoolParticipant,
  findOutsidePoolParticipantsOfRequest,
  insertOutsidePoolParticipant,
  type OutsidePoolParticipantRow,
  tenantAllowsParticipantsOutsidePool,
} from "./outside-pool-participant.repository.js";
import {
  type AddOutsidePoolParticipantInput,
  type AddOutsidePoolParticipantPayload,
  type OutsidePoolParticipant,
  OutsidePoolParticipantNotAllowed,
  type RemoveOutsidePoolParticipantPayload,
} from "./outside-pool-participant.type.js";
import { findVisibleRequest, lockRequest } from "./request.repository.js";
import type { RequestType } from "./request.type.js";
import { REQUEST, requestVisibility, requireStaff, standingOn } from "./request-access.js";

// Participants from outside the pool (issue 21 item 7). Where the region allows it (VGR recruits through patient and
// user organisations as well as its own pool), the requester of a unit records, on the unit's own direct booking,
// a person it arranged itself.
//
// Decision: such a participant counts as a participation at once. The coordinator's confirmation of a pool participant
// exists to keep the unit's word from putting a participation on a member's record and to keep pool membership from
// leaking; neither applies here — the person is not looked up against the pool at all (the answer is the same whoever
// it is), and the unit arranged the participation and knows the person. Statistics are not changed by it: their
// participation figures are counted from pool members' assignments (with unique persons and hours beside them).

const PARTICIPANT = { sv: "Medverkande", en: "The participant" };

const notAllowed = (ctx: RequestContext, code: ErrorCode, sv: string, en: string) =>
  errorResult(OutsidePoolParticipantNotAllowed, code, { sv, en }, ctx.locale);

const toParticipant = (row: OutsidePoolParticipantRow): OutsidePoolParticipant => ({ ...row });

function participantAnswer(ctx: RequestContext, tenantId: string): IdempotentAnswer<AddOutsidePoolParticipantPayload> {
  return {
    store: (payload) => (payload.participant ? { participantId: payload.participant.id } : null),
    replay: async (stored, tx) => {
      const row = await findOutsidePoolParticipant(tx, tenantId, (stored as { participantId: string }).participantId);
      return row ? { participant: toParticipant(row), errors: [] } : { participant: null, errors: [notFound(PARTICIPANT, ctx.locale)] };
    },
  };
}

/** The unit's requester: records a participant from outside the pool on the unit's own direct booking. */
export async function addOutsidePoolParticipant(
  ctx: RequestContext,
  input: AddOutsidePoolParticipantInput,
): Promise<AddOutsidePoolParticipantPayload> {
  const actor = requireStaff(ctx);
  const tenantId = actor.tenantId;
  const validation = validateOutsidePoolParticipant(input);
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  if (!isId(input.requestId)) return { participant: null, errors: [notFound(REQUEST, ctx.locale)] };
  return ctx.scope(tenantId).transaction((tx) =>
    withIdempotency(
      ctx,
      tx,
      tenantId,
      "addOutsidePoolParticipant",
      input,
      async (): Promise<AddOutsidePoolParticipantPayload> => {
        // Only the unit's own booking: anyone else (another unit, a coordinator) finds no such request to add to.
        const request = await findVisibleRequest(tx, tenantId, input.requestId, requestVisibility(actor));
        if (!request || !standingOn(actor, request).unit) return { participant: null, errors: [notFound(REQUEST, ctx.locale)] };
        if (!(await tenantAllowsParticipantsOutsidePool(tx, tenantId))) {
          return {
            participant: null,
            errors: [
              notAllowed(
                ctx,
                "NOT_ALLOWED_IN_TENANT",
                "Regionen registrerar bara medverkande från sin egen pool. Be nätverkets samordnare om hjälp.",
                "The region records participants from its own pool only. Ask the network's coordinator for help.",
              ),
            ],
          };
        }
        if (!request.directRecruitment) {
          return {
            participant: null,
            errors: [
              notAllowed(
                ctx,
                "NOT_A_DIRECT_BOOKING",
                "Medverkande utanför poolen kan bara registreras på en direktbokning.",
                "Participants from outside the pool can only be recorded on a direct booking.",
              ),
            ],
          };
        }
        await lockRequest(tx, tenantId, request.id);
        if (isClosedRequestStatus(request.status)) {
          return {
            participant: null,
            errors: [
              notAllowed(ctx, "REQUEST_CLOSED", "Förfrågan är avslutad eller återkallad.", "The request has been closed or cancelled."),
            ],
          };
        }
        const max = OUTSIDE_POOL_PARTICIPANT_LIMITS.maxPerRequest;
        if ((await countOutsidePoolParticipants(tx, tenantId, request.id)) >= max) {
          return {
            participant: null,
            errors: [
              notAllowed(
                ctx,
                "TOO_MANY",
                `En direktbokning kan ha högst ${max} medverkande utanför poolen.`,
                `A direct booking can have at most ${max} participants from outside the pool.`,
              ),
            ],
          };
        }
        const row = await insertOutsidePoolParticipant(tx, tenantId, {
          requestId: request.id,
          ...validation.value,
          createdById: actor.staffUserId,
        });
        // The person is no member: the trail names the record and the request, never the person's details.
        await ctx.audit.record(tx, tenantId, {
          action: "WRITE",
          subjectType: "OutsidePoolParticipant",
          subjectId: row.id,
          purpose: "direct booking, participant from outside the pool",
          details: { requestId: request.id },
        });
        return { participant: toParticipant(row), errors: [] };
      },
      participantAnswer(ctx, tenantId),
    ),
  );
}

/** The unit or a coordinator of the network: deletes the record (erasure). Anyone else finds nothing. */
export async function removeOutsidePoolParticipant(ctx: RequestContext, id: string): Promise<RemoveOutsidePoolParticipantPayload> {
  const actor = requireStaff(ctx);
  const tenantId = actor.tenantId;
  if (!isId(id)) return { removedId: null, errors: [notFound(PARTICIPANT, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<RemoveOutsidePoolParticipantPayload> => {
    const row = await findOutsidePoolParticipant(tx, tenantId, id);
    const standing = row ? standingOn(actor, row.request) : null;
    if (!row || !standing || !(standing.unit || standing.coordinator)) {
      return { removedId: null, errors: [notFound(PARTICIPANT, ctx.locale)] };
    }
    if (!(await deleteOutsidePoolParticipant(tx, tenantId, row.id)))
      return { removedId: null, errors: [notFound(PARTICIPANT, ctx.locale)] };
    await ctx.audit.record(tx, tenantId, {
      action: "ERASE",
      subjectType: "OutsidePoolParticipant",
      subjectId: row.id,
      purpose: "participant from outside the pool removed",
      details: { requestId: row.requestId },
    });
    return { removedId: row.id, errors: [] };
  });
}

/** `Request.outsidePoolParticipants`: the unit and the network's coordinators; every read is audited. */
export async function outsidePoolParticipantsOf(ctx: RequestContext, request: RequestType): Promise<OutsidePoolParticipant[]> {
  const actor = requireTenantActor(ctx);
  const standing = standingOn(actor, request);
  if (actor.tenantId !== request.tenantId || !(standing.unit || standing.coordinator)) throw forbidden(ctx.locale);
  return ctx.scope(actor.tenantId).transaction(async (tx: Tx) => {
    const rows = await findOutsidePoolParticipantsOfRequest(tx, actor.tenantId, request.id);
    if (rows.length > 0) {
      await ctx.audit.record(
        tx,
        actor.tenantId,
        rows.map((row) => ({
          action: "READ" as const,
          subjectType: "OutsidePoolParticipant",
          subjectId: row.id,
          purpose: standing.unit ? "the unit's direct booking" : "coordination of the network",
          details: { requestId: request.id },
        })),
      );
    }
    return rows.map(toParticipant);
  });
}
