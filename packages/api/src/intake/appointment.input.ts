import { Field, ID, InputType, Int } from "type-graphql";
import { MembershipStatus } from "../member/member.type.js";
import { FollowUpChannel, IntakeAppointmentOutcome } from "./appointment.type.js";

@InputType({
  description:
    "Books an intake appointment. A REGISTERED or CONTACTED membership moves to INTRODUCTION_BOOKED where the network's rules allow; " +
    "the member gets an e-mail with a calendar file. Send an Idempotency-Key header to retry safely.",
})
export class BookIntakeAppointmentInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => Date, { description: "In the future." })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: "After the start; left out, calendars show an hour." })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true, description: "An https address of the video meeting." })
  digitalLink?: string | null;

  @Field(() => String, { nullable: true, description: "The coordinator's note (not shown to the member)." })
  note?: string | null;
}

@InputType({ description: "Moves an appointment still to come to a new time (and place); the earlier time is kept in its history." })
export class RescheduleIntakeAppointmentInput {
  @Field(() => ID)
  appointmentId!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Left out: the place stays as it was." })
  place?: string | null;

  @Field(() => String, { nullable: true, description: "Left out: the link stays as it was." })
  digitalLink?: string | null;

  @Field(() => String, { nullable: true, description: "Replaces the note when given." })
  note?: string | null;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Records how an appointment ended. HELD also records the introduction meeting as held on the membership." })
export class RecordIntakeAppointmentOutcomeInput {
  @Field(() => ID)
  appointmentId!: string;

  @Field(() => IntakeAppointmentOutcome)
  outcome!: IntakeAppointmentOutcome;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => MembershipStatus, {
    nullable: true,
    description:
      "HELD only: also move the membership to this status, where the network's intake rules allow (checked with the meeting held).",
  })
  moveMembershipTo?: MembershipStatus | null;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Logs a contact with a member in the ongoing follow-up. Send an Idempotency-Key header to retry safely." })
export class LogMembershipFollowUpInput {
  @Field(() => ID)
  membershipId!: string;

  @Field(() => String, { description: "The day of the contact, YYYY-MM-DD, not after today." })
  contactedOn!: string;

  @Field(() => FollowUpChannel)
  channel!: FollowUpChannel;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "When to be in touch next, YYYY-MM-DD, after the contact." })
  nextFollowUpOn?: string | null;
}
