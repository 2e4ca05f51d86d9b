import {
  directBookingStatus,
  type FieldError,
  fieldError,
  isIdentifiedParticipant,
  type RequestFormConfig,
  validateDirectBookingParticipants,
  validateRequestSubmission,
} from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { withIdempotency } from "../common/idempotency/idempotency.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { tenantAllowsParticipantsOutsidePool } from "./outside-pool-participant.repository.js";
import type { RecordDirectBookingInput } from "./request.input.js";
import { requestSnapshot, toRequest } from "./request.mapper.js";
import type { RequestPayloadShape } from "./request.payload.js";
import {
  findAssignmentTypeByKey,
  findNetwork,
  findPoolMembersByContactKeys,
  findStaffUser,
  findUnit,
  insertDirectBookingParticipants,
  insertOccasions,
  insertRequest,
  insertRequestEvents,
} from "./request.repository.js";
import { formOfNetwork, isoOrEmpty, requestAnswer, resolveCostCentre, withDefaultCostCentre } from "./request.service.js";
import { NETWORK, requesterUnit } from "./request-access.js";

// A direct booking (SPEC §2, Jönköping: units may recruit Peer / Levande bibliotek people directly). The unit records
// what it arranged: a request marked directRecruitment, already FILLED (or CARRIED_OUT when its occasions are over).
//
// The participants are named by family name plus the e-mail address and/or phone number the unit used. Whether they
// are in the network's pool must never show in the answer — otherwise anyone who knows a name and an address could
// learn that someone is in the Peer pool (psychiatric experience) — and the unit's word alone must not put a
// participation on a member's record. So each participant is kept PENDING with the pool member it matched (if any),
// the unit gets the same answer either way, and only a coordinator's confirmation (direct-booking-confirmation.service)
// makes the participation count: an accepted invitation and an assignment, the rows fees and statistics read.

/** What a record of the past needs: the basics and at least one occasion, with the form's assignment types. */
const directForm = (form: RequestFormConfig): RequestFormConfig => ({
  assignmentTypes: form.assignmentTypes,
  fields: [
    { field: "assignmentType", required: true, help: { sv: "", en: "" } },
    { field: "title", required: true, help: { sv: "", en: "" } },
    { field: "purpose", required: true, help: { sv: "", en: "" } },
    { field: "perspectivesSought", required: false, help: { sv: "", en: "" } },
    { field: "oneOffOrLong", required: false, help: { sv: "", en: "" } },
    { field: "occasions", required: true, help: { sv: "", en: "" } },
    { field: "costCentre", required: false, help: { sv: "", en: "" } },
  ],
});

export async function recordDirectBooking(ctx: RequestContext, input: RecordDirectBookingInput): Promise<RequestPayloadShape> {
  const { actor, unitId } = requesterUnit(ctx, input.unitId);
  const tenantId = actor.tenantId;
  if (!isId(input.networkId)) return { request: null, errors: [notFound(NETWORK, ctx.locale)] };
  // A booking of people who already took part: a retry must not record their participation twice.
  return ctx.scope(tenantId).transaction((tx) =>
    withIdempotency(
      ctx,
      tx,
      tenantId,
      "recordDirectBooking",
      input,
      async (): Promise<RequestPayloadShape> => {
        const network = await findNetwork(tx, tenantId, input.networkId);
        if (!network || network.retiredAt) return { request: null, errors: [notFound(NETWORK, ctx.locale)] };
        const unit = await findUnit(tx, tenantId, unitId);
        if (!unit || unit.retiredAt) return { request: null, errors: [notFound({ sv: "Enheten", en: "The unit" }, ctx.locale)] };

        const form = directForm(await formOfNetwork(tx, tenantId, network.id));
        const validation = validateRequestSubmission(
          {
            assignmentType: input.assignmentType,
            title: input.title,
            purpose: input.purpose,
            perspectivesSought: input.perspectivesSought,
            oneOffOrLong: input.oneOffOrLong,
            numberOfPersons: Math.max(1, input.participants?.length ?? 0),
            occasions: input.occasions?.map((o) => ({
              startsAt: isoOrEmpty(o.startsAt),
              endsAt: isoOrEmpty(o.endsAt),
              place: o.place,
              digitalLink: o.digitalLink,
            })),
            costCentre: await withDefaultCostCentre(tx, tenantId, unit.id, input.costCentre),
          },
          form,
        );
        // Where the region records people from outside the pool, a booking may name no pool member (the unit adds
        // those people with addOutsidePoolParticipant); whether it may depends on the region only, never on the pool.
        const participants = validateDirectBookingParticipants(
          input.participants ?? [],
          "input.participants",
          await tenantAllowsParticipantsOutsidePool(tx, tenantId),
        );
        const errors: FieldError[] = [...(validation.ok ? [] : validation.errors), ...(participants.ok ? [] : participants.errors)];
        const costCentreId = await resolveCostCentre(tx, tenantId, unit, validation.ok ? validation.value.costCentreCode : null, errors);
        if (!validation.ok || !participants.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
        const value = validation.value;
        const type = await findAssignmentTypeByKey(tx, tenantId, value.assignmentType);
        if (!type)
          throw badUserInput(
            [fieldError("input.assignmentType", "UNKNOWN_REFERENCE", { sv: "Typ av uppdrag", en: "Type of assignment" })],
            ctx.locale,
          );

        // Who the unit named is looked up for the coordinator only: the answer below is the same whether or not anyone
        // of the pool matched (issue 22: no pool-membership oracle), and nothing counts until a coordinator confirms.
        const candidates = await findPoolMembersByContactKeys(tx, tenantId, network.id, {
          emailKeys: participants.value.flatMap((p) => (p.emailKey ? [p.emailKey] : [])),
          phoneKeys: participants.value.flatMap((p) => (p.phoneKey ? [p.phoneKey] : [])),
        });
        const matched: Array<string | null> = [];
        for (const identification of participants.value) {
          const matches = candidates.filter((candidate) => isIdentifiedParticipant(identification, candidate));
          const member = matches.length === 1 ? matches[0] : undefined;
          matched.push(member && !matched.includes(member.id) ? member.id : null);
        }

        const now = new Date();
        const lastEnd = value.occasions.reduce<Date | null>(
          (latest, o) => (latest === null || o.endsAt > latest ? o.endsAt : latest),
          null,
        );
        const status = directBookingStatus(lastEnd, now);
        const me = await findStaffUser(tx, tenantId, actor.staffUserId);
        const row = await insertRequest(tx, tenantId, {
          networkId: network.id,
          unitId: unit.id,
          requestedById: actor.staffUserId,
          contactName: me?.name ?? actor.name,
          contactEmail: me?.email ?? "",
          contactPhone: me?.phone ?? null,
          assignmentTypeId: type.id,
          title: value.title,
          purpose: value.purpose,
          expectations: null,
          experienceText: null,
          competencesSought: [],
          perspectivesSought: [...value.perspectivesSought],
          numberOfPersons: participants.value.length,
          assignmentLength: value.assignmentLength,
          audienceDescription: null,
          audienceSize: null,
          selectionProcess: null,
          specialRequirements: null,
          preparation: null,
          compensationOffered: null,
          costCentreId,
          directRecruitment: true,
          status,
          filledAt: now,
          carriedOutAt: status === "CARRIED_OUT" ? now : null,
        });
        // Occasions already over were held: the unit reports what happened.
        await insertOccasions(
          tx,
          tenantId,
          row.id,
          value.occasions.map((o) => ({ ...o, heldAt: o.endsAt.getTime() <= now.getTime() ? o.endsAt : null })),
        );
        const named = await insertDirectBookingParticipants(
          tx,
          tenantId,
          row.id,
          (input.participants ?? []).map((given, index) => ({
            position: index,
            familyName: given.familyName?.trim() ?? null,
            email: given.email?.trim() || null,
            phone: given.phone?.trim() || null,
            memberId: matched[index] ?? null,
          })),
        );
        const event = { requestId: row.id, actorType: "STAFF" as const, actorId: actor.staffUserId, at: now };
        await insertRequestEvents(tx, tenantId, [
          { ...event, fromStatus: null, toStatus: "FILLED", reason: "direct booking" },
          ...(status === "CARRIED_OUT"
            ? [{ ...event, fromStatus: "FILLED" as const, toStatus: "CARRIED_OUT" as const, reason: null }]
            : []),
        ]);
        await ctx.audit.recordChange(tx, tenantId, {
          subjectType: "Request",
          subjectId: row.id,
          before: null,
          after: requestSnapshot(row),
          purpose: "direct booking",
        });
        // A matched member is named in the booking: a write of their data, in their access log (never shown to the unit).
        await ctx.audit.record(
          tx,
          tenantId,
          named
            .filter((p) => p.memberId !== null)
            .map((p) => ({
              action: "WRITE" as const,
              subjectType: "DirectBookingParticipant",
              subjectId: p.id,
              memberId: p.memberId,
              purpose: "direct booking, awaiting confirmation by the coordinator or the member",
            })),
        );
        return { request: toRequest(row), errors: [] };
      },
      requestAnswer(ctx, tenantId),
    ),
  );
}
