import type { Locale, RequestRuleViolation } from "@medverkan/domain";
import { type ClassType, createUnionType, Field, Int, ObjectType } from "type-graphql";
import type { ErrorCode } from "../common/errors/error-code.js";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { FeedbackType } from "./feedback.type.js";
import { OccasionType } from "./occasion.type.js";
import { RequestType } from "./request.type.js";

@ObjectType({
  implements: ErrorResult,
  description:
    "A rule of the request lifecycle stops this: `code` names it (TRANSITION_NOT_ALLOWED, REQUEST_CLOSED, REASON_REQUIRED, NO_PARTICIPANTS, OCCASIONS_NOT_OVER, FOLLOW_UP_NOTE_REQUIRED, NOT_EDITABLE, OCCASION_CANCELLED, OCCASION_NOT_STARTED, FEEDBACK_TOO_EARLY), the message explains it.",
})
export class RequestRuleNotMet extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "You have already given feedback on this request." })
export class FeedbackAlreadyGiven extends ErrorResult {}

@ObjectType({
  implements: ErrorResult,
  description:
    "No longer returned by `recordDirectBooking` (its answer never depends on who is in the pool; the coordinator confirms each participant). Kept for clients that name it.",
})
export class ParticipantNotIdentified extends ErrorResult {
  @Field(() => Int, { description: "Which participant of the input (0-based)." })
  index!: number;
}

// Every RequestRuleCode of the domain is an ErrorCode of its own name: a new rule fails the type check here.
export const requestErrors = {
  rule: (violation: RequestRuleViolation, locale: Locale) => errorResult(RequestRuleNotMet, violation.rule, violation.message, locale),
  ruleOf: (code: ErrorCode, sv: string, en: string, locale: Locale) => errorResult(RequestRuleNotMet, code, { sv, en }, locale),
  feedbackAlreadyGiven: (locale: Locale) =>
    errorResult(
      FeedbackAlreadyGiven,
      "FEEDBACK_ALREADY_GIVEN",
      { sv: "Du har redan lämnat återkoppling på den här förfrågan.", en: "You have already given feedback on this request." },
      locale,
    ),
  participantNotIdentified: (index: number, locale: Locale) =>
    errorResult(
      ParticipantNotIdentified,
      "PARTICIPANT_NOT_IDENTIFIED",
      {
        sv: `Medverkande ${index + 1} kunde inte hittas i nätverkets pool med det efternamnet och de kontaktuppgifterna. Be nätverkets samordnare om hjälp.`,
        en: `Participant ${index + 1} could not be found in the network's pool with that family name and those contact details. Ask the network's coordinator for help.`,
      },
      locale,
      { index },
    ),
};

export const SubmitRequestError = createUnionType({ name: "SubmitRequestError", types: () => [NotFound] as const });
export const RequestActionError = createUnionType({
  name: "RequestActionError",
  types: () => [NotFound, RequestRuleNotMet] as const,
});
export const RecordDirectBookingError = createUnionType({
  name: "RecordDirectBookingError",
  types: () => [NotFound, ParticipantNotIdentified] as const,
});
export const GiveFeedbackError = createUnionType({
  name: "GiveFeedbackError",
  types: () => [NotFound, RequestRuleNotMet, FeedbackAlreadyGiven] as const,
});

export interface RequestPayloadShape {
  request: RequestType | null;
  errors: Array<NotFound | RequestRuleNotMet | ParticipantNotIdentified>;
}

function requestPayload(name: string, errors: unknown, description: string): ClassType<RequestPayloadShape> {
  @ObjectType(name)
  class Payload {
    @Field(() => RequestType, { nullable: true, description })
    request!: RequestType | null;

    @Field(() => [errors])
    errors!: Array<NotFound | RequestRuleNotMet | ParticipantNotIdentified>;
  }
  return Payload;
}

export const SubmitRequestPayload = requestPayload("SubmitRequestPayload", SubmitRequestError, "The submitted request; null when refused.");
export const UpdateRequestPayload = requestPayload("UpdateRequestPayload", RequestActionError, "The request as it is now.");
export const StartMatchingPayload = requestPayload("StartMatchingPayload", RequestActionError, "The request, now MATCHING.");
export const DeclineRequestPayload = requestPayload("DeclineRequestPayload", RequestActionError, "The request, now DECLINED.");
export const CancelRequestPayload = requestPayload("CancelRequestPayload", RequestActionError, "The request, now CANCELLED.");
export const MarkRequestCarriedOutPayload = requestPayload(
  "MarkRequestCarriedOutPayload",
  RequestActionError,
  "The request, now CARRIED_OUT.",
);
export const RecordFollowUpPayload = requestPayload(
  "RecordFollowUpPayload",
  RequestActionError,
  "The request, now FOLLOWED_UP and closed.",
);
export const RecordDirectBookingPayload = requestPayload(
  "RecordDirectBookingPayload",
  RecordDirectBookingError,
  "The recorded request: FILLED, or CARRIED_OUT when its occasions are over. The same answer whoever the participants are: each is confirmed by the network's coordinator before it counts for fees and statistics.",
);

export interface OccasionPayloadShape {
  occasion: OccasionType | null;
  errors: Array<NotFound | RequestRuleNotMet>;
}

function occasionPayload(name: string): ClassType<OccasionPayloadShape> {
  @ObjectType(name)
  class Payload {
    @Field(() => OccasionType, { nullable: true })
    occasion!: OccasionType | null;

    @Field(() => [RequestActionError])
    errors!: Array<NotFound | RequestRuleNotMet>;
  }
  return Payload;
}

export const AddOccasionPayload = occasionPayload("AddOccasionPayload");
export const CancelOccasionPayload = occasionPayload("CancelOccasionPayload");
export const MarkOccasionHeldPayload = occasionPayload("MarkOccasionHeldPayload");

@ObjectType()
export class GiveFeedbackPayload {
  @Field(() => FeedbackType, { nullable: true })
  feedback!: FeedbackType | null;

  @Field(() => [GiveFeedbackError])
  errors!: Array<NotFound | RequestRuleNotMet | FeedbackAlreadyGiven>;
}
