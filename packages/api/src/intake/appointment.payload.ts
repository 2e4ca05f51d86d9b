import { createUnionType, Field, ObjectType } from "type-graphql";
import { NotFound } from "../common/errors/not-found.js";
import { Membership } from "../member/member.type.js";
import { IntakeRuleNotMet } from "../registration/registration.payload.js";
import { IntakeAppointment, IntakeAppointmentNotChangeable, InvalidIntakeInput, MembershipFollowUp } from "./appointment.type.js";

export const IntakeAppointmentError = createUnionType({
  name: "IntakeAppointmentError",
  types: () => [NotFound, InvalidIntakeInput, IntakeAppointmentNotChangeable, IntakeRuleNotMet] as const,
});

@ObjectType()
export class BookIntakeAppointmentPayload {
  @Field(() => IntakeAppointment, { nullable: true })
  appointment!: IntakeAppointment | null;

  @Field(() => Membership, {
    nullable: true,
    description: "The membership after the booking (INTRODUCTION_BOOKED where the rules allowed).",
  })
  membership!: Membership | null;

  @Field(() => [IntakeRuleNotMet], {
    description: "Why the membership did not move to INTRODUCTION_BOOKED although it was booked (the booking itself stands).",
  })
  statusNotChangedBecause!: IntakeRuleNotMet[];

  @Field(() => [IntakeAppointmentError])
  errors!: Array<typeof IntakeAppointmentError>;
}

@ObjectType()
export class RescheduleIntakeAppointmentPayload {
  @Field(() => IntakeAppointment, { nullable: true })
  appointment!: IntakeAppointment | null;

  @Field(() => [IntakeAppointmentError])
  errors!: Array<typeof IntakeAppointmentError>;
}

@ObjectType()
export class RecordIntakeAppointmentOutcomePayload {
  @Field(() => IntakeAppointment, { nullable: true })
  appointment!: IntakeAppointment | null;

  @Field(() => Membership, { nullable: true })
  membership!: Membership | null;

  @Field(() => [IntakeAppointmentError], { description: "A refused move of the membership refuses the whole outcome: nothing changes." })
  errors!: Array<typeof IntakeAppointmentError>;
}

export const FollowUpError = createUnionType({
  name: "FollowUpError",
  types: () => [NotFound, InvalidIntakeInput] as const,
});

@ObjectType()
export class LogMembershipFollowUpPayload {
  @Field(() => MembershipFollowUp, { nullable: true })
  followUp!: MembershipFollowUp | null;

  @Field(() => [FollowUpError])
  errors!: Array<typeof FollowUpError>;
}
