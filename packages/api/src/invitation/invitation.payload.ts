import { INVITE_REFUSAL_MESSAGES, type InviteRefusal, type Locale, type ResponseRefusal } from "@medverkan/domain";
import { createUnionType, Field, ID, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { ConsentRequired } from "../registration/registration.payload.js";
import { ConsentKind } from "../tenant/tenant.type.js";
import { Invitation, InvitationAnswerRefusal, InvitationStatus, InviteRefusalReason, MyInvitation } from "./invitation.type.js";

@ObjectType({ implements: ErrorResult, description: "One member could not be invited; the others were." })
export class MemberNotInvitable extends ErrorResult {
  @Field(() => ID)
  memberId!: string;

  @Field(() => InviteRefusalReason)
  reason!: InviteRefusalReason;
}

@ObjectType({ implements: ErrorResult, description: "The request is not being filled (not yet matching, or already done or closed)." })
export class RequestNotOpenForInvitations extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The invitation cannot be answered (any more)." })
export class InvitationNotOpen extends ErrorResult {
  @Field(() => InvitationAnswerRefusal)
  reason!: InvitationAnswerRefusal;
}

@ObjectType({ implements: ErrorResult, description: "The invitation is not in a state that can be withdrawn." })
export class InvitationNotWithdrawable extends ErrorResult {
  @Field(() => InvitationStatus)
  status!: InvitationStatus;
}

const ANSWER_REFUSALS = {
  EXPIRED: { sv: "Svarstiden för inbjudan har gått ut.", en: "The time to answer the invitation has run out." },
  WITHDRAWN: { sv: "Inbjudan har dragits tillbaka.", en: "The invitation has been withdrawn." },
  ALREADY_ANSWERED: {
    sv: "Du har redan svarat. Vill du lämna uppdraget kan du dra dig ur det.",
    en: "You have already answered. To leave the assignment, withdraw from it.",
  },
  REQUEST_CLOSED: { sv: "Förfrågan är inte längre öppen.", en: "The request is no longer open." },
} as const;

export const invitationErrors = {
  memberNotInvitable: (memberId: string, refusal: InviteRefusal, locale: Locale) =>
    errorResult(MemberNotInvitable, "MEMBER_NOT_INVITABLE", INVITE_REFUSAL_MESSAGES[refusal], locale, {
      memberId,
      reason: InviteRefusalReason[refusal],
    }),
  requestNotOpen: (locale: Locale) =>
    errorResult(
      RequestNotOpenForInvitations,
      "REQUEST_NOT_OPEN_FOR_INVITATIONS",
      {
        sv: "Förfrågan tar inte emot inbjudningar: matchningen har inte börjat, eller så är förfrågan genomförd eller stängd.",
        en: "The request takes no invitations: matching has not started, or the request is carried out or closed.",
      },
      locale,
    ),
  notOpen: (refusal: ResponseRefusal, locale: Locale) =>
    errorResult(InvitationNotOpen, "INVITATION_NOT_OPEN", ANSWER_REFUSALS[refusal], locale, { reason: InvitationAnswerRefusal[refusal] }),
  notWithdrawable: (status: InvitationStatus, locale: Locale) =>
    errorResult(
      InvitationNotWithdrawable,
      "INVITATION_NOT_WITHDRAWABLE",
      status === InvitationStatus.ACCEPTED
        ? {
            sv: "Personen har redan en plats. Avboka deltagaren i stället.",
            en: "The person already holds a place. Cancel the participant instead.",
          }
        : { sv: "Inbjudan kan inte dras tillbaka i sitt nuvarande läge.", en: "The invitation cannot be withdrawn as it stands." },
      locale,
      { status },
    ),
  nothingToWithdraw: (status: InvitationStatus, locale: Locale) =>
    errorResult(
      InvitationNotWithdrawable,
      "NOTHING_TO_WITHDRAW",
      status === InvitationStatus.ACCEPTED || status === InvitationStatus.WAITLISTED
        ? {
            sv: "Uppdraget är redan genomfört eller avslutat. Du kan fortfarande återkalla samtycket till att dela dina kontaktuppgifter.",
            en: "The assignment is already carried out or closed. You can still withdraw your consent to sharing your contact details.",
          }
        : {
            sv: "Du har inte tackat ja till det här uppdraget, så det finns inget att dra sig ur.",
            en: "You have not accepted this assignment, so there is nothing to withdraw from.",
          },
      locale,
      { status },
    ),
  contactConsentRequired: (currentVersion: string | null, locale: Locale) =>
    errorResult(
      ConsentRequired,
      "CONSENT_REQUIRED",
      {
        sv: "För att tacka ja behöver du godkänna den aktuella texten om att dina kontaktuppgifter lämnas till verksamheten.",
        en: "To accept, you need to agree to the current text on sharing your contact details with the unit.",
      },
      locale,
      { kind: ConsentKind.CONTACT_SHARING, currentVersion },
    ),
};

export const InviteMembersError = createUnionType({
  name: "InviteMembersError",
  types: () => [NotFound, RequestNotOpenForInvitations, MemberNotInvitable] as const,
});
export const RespondToInvitationError = createUnionType({
  name: "RespondToInvitationError",
  types: () => [NotFound, InvitationNotOpen, ConsentRequired] as const,
});
export const WithdrawFromAssignmentError = createUnionType({
  name: "WithdrawFromAssignmentError",
  types: () => [NotFound, InvitationNotWithdrawable] as const,
});
export const WithdrawContactSharingConsentError = createUnionType({
  name: "WithdrawContactSharingConsentError",
  types: () => [NotFound] as const,
});
export const WithdrawInvitationError = createUnionType({
  name: "WithdrawInvitationError",
  types: () => [NotFound, InvitationNotWithdrawable] as const,
});

@ObjectType()
export class InviteMembersPayload {
  @Field(() => [Invitation], { description: "The invitations sent (the members that could be asked)." })
  invitations!: Invitation[];

  @Field(() => [InviteMembersError], { description: "The request's problem, or one entry per member that could not be asked." })
  errors!: Array<typeof InviteMembersError>;
}

@ObjectType()
export class RespondToInvitationPayload {
  @Field(() => MyInvitation, {
    nullable: true,
    description: "ACCEPTED (you have a place), WAITLISTED (every place was taken; you move up if one frees) or DECLINED.",
  })
  invitation!: MyInvitation | null;

  @Field(() => [RespondToInvitationError])
  errors!: Array<typeof RespondToInvitationError>;
}

@ObjectType()
export class RecordInvitationAnswerOnBehalfPayload {
  @Field(() => Invitation, { nullable: true, description: "The invitation as the coordinator sees it, with how it was answered." })
  invitation!: Invitation | null;

  @Field(() => [RespondToInvitationError])
  errors!: Array<typeof RespondToInvitationError>;
}

@ObjectType()
export class WithdrawFromAssignmentPayload {
  @Field(() => MyInvitation, { nullable: true })
  invitation!: MyInvitation | null;

  @Field(() => [WithdrawFromAssignmentError])
  errors!: Array<typeof WithdrawFromAssignmentError>;
}

@ObjectType()
export class WithdrawContactSharingConsentPayload {
  @Field(() => MyInvitation, { nullable: true })
  invitation!: MyInvitation | null;

  @Field(() => [WithdrawContactSharingConsentError])
  errors!: Array<typeof WithdrawContactSharingConsentError>;
}

@ObjectType()
export class WithdrawInvitationPayload {
  @Field(() => Invitation, { nullable: true })
  invitation!: Invitation | null;

  @Field(() => [WithdrawInvitationError])
  errors!: Array<typeof WithdrawInvitationError>;
}
