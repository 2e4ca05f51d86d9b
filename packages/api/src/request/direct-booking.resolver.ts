import { fieldError } from "@medverkan/domain";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { badUserInput } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import {
  DecideDirectBookingParticipantInput,
  DecideDirectBookingParticipantPayload,
  DirectBookingParticipant,
} from "./direct-booking.type.js";
import {
  confirmDirectBookingParticipant,
  confirmMyDirectBooking,
  declineMyDirectBooking,
  directBookingParticipantsToConfirm,
  myDirectBookingsToConfirm,
  rejectDirectBookingParticipant,
} from "./direct-booking-confirmation.service.js";

/** Only the member's own confirmation carries a contact-sharing consent: anywhere else it is refused, not ignored. */
function refuseConsentOnBehalf(input: DecideDirectBookingParticipantInput, ctx: RequestContext): void {
  if (input.contactConsentTextVersion == null) return;
  throw badUserInput(
    [
      fieldError(
        "input.contactConsentTextVersion",
        "NOT_ALLOWED",
        { sv: "Samtycke till att dela kontaktuppgifter", en: "Consent to share contact details" },
        {
          hint: {
            sv: "Bara medlemmen själv kan ge det, när hen bekräftar bokningen.",
            en: "Only the member can give it, when confirming the booking themself.",
          },
        },
      ),
    ],
    ctx.locale,
  );
}

@Resolver(() => DirectBookingParticipant)
export class DirectBookingResolver {
  @Query(() => [DirectBookingParticipant], {
    description:
      "Coordinators: participants named in your networks' direct bookings, awaiting your confirmation (oldest first, at most 100). Audited.",
  })
  directBookingParticipantsToConfirm(@Ctx() ctx: RequestContext): Promise<DirectBookingParticipant[]> {
    return directBookingParticipantsToConfirm(ctx);
  }

  @Mutation(() => DecideDirectBookingParticipantPayload, {
    description:
      "Coordinators: confirm that a participant of a direct booking is the matched pool member (after checking with them); the participation then counts for fees and statistics.",
  })
  confirmDirectBookingParticipant(
    @Arg("input", () => DecideDirectBookingParticipantInput) input: DecideDirectBookingParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DecideDirectBookingParticipantPayload> {
    refuseConsentOnBehalf(input, ctx);
    return confirmDirectBookingParticipant(ctx, input.id);
  }

  @Mutation(() => DecideDirectBookingParticipantPayload, {
    description: "Coordinators: reject a participant of a direct booking (not a pool member, or not confirmed by them); nothing counts.",
  })
  rejectDirectBookingParticipant(
    @Arg("input", () => DecideDirectBookingParticipantInput) input: DecideDirectBookingParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DecideDirectBookingParticipantPayload> {
    refuseConsentOnBehalf(input, ctx);
    return rejectDirectBookingParticipant(ctx, input.id);
  }

  @Query(() => [DirectBookingParticipant], {
    description:
      "Members: the direct bookings in which a unit named you (matched to you by the details it gave), awaiting a decision — yours " +
      "or the network's coordinator's (oldest first, at most 100).",
  })
  myDirectBookingsToConfirm(@Ctx() ctx: RequestContext): Promise<DirectBookingParticipant[]> {
    return myDirectBookingsToConfirm(ctx);
  }

  @Mutation(() => DecideDirectBookingParticipantPayload, {
    description:
      "Members: confirm that you took part in a direct booking a unit recorded; the participation then counts (assignment, fees, " +
      "statistics), as when the coordinator confirms it. Someone else's booking is not found.",
  })
  confirmMyDirectBooking(
    @Arg("input", () => DecideDirectBookingParticipantInput) input: DecideDirectBookingParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DecideDirectBookingParticipantPayload> {
    return confirmMyDirectBooking(ctx, input.id, input.contactConsentTextVersion ?? null);
  }

  @Mutation(() => DecideDirectBookingParticipantPayload, {
    description: "Members: say that a direct booking naming you was not you (or not as recorded); nothing of it counts.",
  })
  declineMyDirectBooking(
    @Arg("input", () => DecideDirectBookingParticipantInput) input: DecideDirectBookingParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DecideDirectBookingParticipantPayload> {
    refuseConsentOnBehalf(input, ctx);
    return declineMyDirectBooking(ctx, input.id);
  }
}
