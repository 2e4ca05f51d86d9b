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
import type { RecordDirectBookingInput } from "./request.input.js";
import { requestSnapshot, toRequest } from "./request.mapper.js";
import { type RequestPayloadShape, requestErrors } from "./request.payload.js";
import {
  findAssignmentTypeByKey,
  findNetwork,
  findPoolMembersByContactKeys,
  findStaffUser,
  findUnit,
  insertDirectParticipation,
  insertOccasions,
  insertRequest,
  insertRequestEvents,
} from "./request.repository.js";
import { formOfNetwork, isoOrEmpty, requestAnswer, resolveCostCentre, withDefaultCostCentre } from "./request.service.js";
import { NETWORK, requesterUnit } from "./request-access.js";

// A direct booking (SPEC §2, Jönköping: units may recruit Peer / Levande bibliotek people directly). The unit records
// what it arranged so that fees and statistics cover it: a request marked directRecruitment, already FILLED (or
// CARRIED_OUT when its occasions are over), with an accepted invitation and an assignment per participant, exactly
// the rows fee claims and statistics read for any other request.
//
// The participant is named by family name plus the e-mail address and/or phone number the unit used; that must
// match a person of the network's pool. A miss is answered the same way whatever the reason, so the mutation cannot
// be used to find out who is in a pool.

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
        const participants = validateDirectBookingParticipants(input.participants ?? []);
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

        const candidates = await findPoolMembersByContactKeys(tx, tenantId, network.id, {
          emailKeys: participants.value.flatMap((p) => (p.emailKey ? [p.emailKey] : [])),
          phoneKeys: participants.value.flatMap((p) => (p.phoneKey ? [p.phoneKey] : [])),
        });
        const memberIds: string[] = [];
        for (const [index, identification] of participants.value.entries()) {
          const matches = candidates.filter((candidate) => isIdentifiedParticipant(identification, candidate));
          const member = matches.length === 1 ? matches[0] : undefined;
          if (!member || memberIds.includes(member.id))
            return { request: null, errors: [requestErrors.participantNotIdentified(index, ctx.locale)] };
          memberIds.push(member.id);
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
          perspectivesSought: [...value.perspectivesSought],
          numberOfPersons: memberIds.length,
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
        const participations = [];
        for (const memberId of memberIds) {
          participations.push({
            memberId,
            ...(await insertDirectParticipation(tx, tenantId, {
              requestId: row.id,
              memberId,
              invitedById: actor.staffUserId,
              at: now,
              agreementRequired: value.assignmentLength === "LONG_TERM",
              carriedOut: status === "CARRIED_OUT",
              networkId: network.id,
            })),
          });
        }
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
        await ctx.audit.record(
          tx,
          tenantId,
          participations.map((p) => ({
            action: "WRITE" as const,
            subjectType: "Assignment",
            subjectId: p.assignmentId,
            memberId: p.memberId,
            purpose: "direct booking",
          })),
        );
        return { request: toRequest(row), errors: [] };
      },
      requestAnswer(ctx, tenantId),
    ),
  );
}
