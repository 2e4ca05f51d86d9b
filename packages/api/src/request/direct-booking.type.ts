import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";

export enum DirectBookingParticipantStatus {
  PENDING = "PENDING",
  CONFIRMED = "CONFIRMED",
  REJECTED = "REJECTED",
}

registerEnumType(DirectBookingParticipantStatus, {
  name: "DirectBookingParticipantStatus",
  description:
    "PENDING: recorded, awaiting a coordinator; CONFIRMED: the coordinator confirmed the pool member, and the participation counts (fees, statistics); REJECTED: nothing counts.",
});

@ObjectType({
  description:
    "Coordinators: a participant a unit named in a direct booking. It counts for fees and statistics only once you confirm who it is; the unit is never told whether the person is in the pool.",
})
export class DirectBookingParticipant {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  networkId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String)
  requestTitle!: string;

  @Field(() => Int, { description: "The participant's place in the unit's list (0-based)." })
  position!: number;

  @Field(() => String, { nullable: true, description: "As the unit gave it; cleared once you decide." })
  familyName!: string | null;

  @Field(() => String, { nullable: true, description: "As the unit gave it; cleared once you decide." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "As the unit gave it; cleared once you decide." })
  phone!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The pool member the unit's details match (see `member(id:)`); null: no one in the network's pool matches.",
  })
  memberId!: string | null;

  @Field(() => DirectBookingParticipantStatus)
  status!: DirectBookingParticipantStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType({
  implements: ErrorResult,
  description:
    "The participant cannot be confirmed: `code` says why (ALREADY_DECIDED, NOT_IDENTIFIED — no pool member matches, MEMBER_NOT_AVAILABLE — erased or processing restricted, CONSENT_TEXT_OUTDATED — the contact-sharing text given is not the current one).",
})
export class DirectBookingNotConfirmable extends ErrorResult {}

export const DecideDirectBookingParticipantError = createUnionType({
  name: "DecideDirectBookingParticipantError",
  types: () => [NotFound, DirectBookingNotConfirmable] as const,
});

@ObjectType()
export class DecideDirectBookingParticipantPayload {
  @Field(() => DirectBookingParticipant, { nullable: true })
  participant!: DirectBookingParticipant | null;

  @Field(() => [DecideDirectBookingParticipantError])
  errors!: Array<NotFound | DirectBookingNotConfirmable>;
}

@InputType()
export class DecideDirectBookingParticipantInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "`confirmMyDirectBooking` only: `Tenant.currentConsentText(kind: CONTACT_SHARING).version`, the text you agree to — that your " +
      "name, e-mail and phone are shared with the unit for this request. Given, you appear among the unit's `participants` " +
      "(withdraw it like any contact-sharing consent); left out, the participation counts but the unit is shown nothing. " +
      "Coordinators cannot give it for the member.",
  })
  contactConsentTextVersion?: string | null;
}
