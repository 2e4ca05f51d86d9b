import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { Connection } from "../common/pagination/connection.js";
import { Member, Membership } from "../member/member.type.js";

export enum IntakeAppointmentStatus {
  BOOKED = "BOOKED",
  RESCHEDULED = "RESCHEDULED",
  HELD = "HELD",
  NO_SHOW = "NO_SHOW",
  CANCELLED = "CANCELLED",
}
registerEnumType(IntakeAppointmentStatus, {
  name: "IntakeAppointmentStatus",
  description: "BOOKED → RESCHEDULED (any number of times) → HELD, NO_SHOW or CANCELLED (final).",
});

export enum IntakeAppointmentOutcome {
  HELD = "HELD",
  NO_SHOW = "NO_SHOW",
  CANCELLED = "CANCELLED",
}
registerEnumType(IntakeAppointmentOutcome, {
  name: "IntakeAppointmentOutcome",
  description: "How an appointment ended. HELD and NO_SHOW only once it has started.",
});

export enum FollowUpChannel {
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  MEETING = "MEETING",
  OTHER = "OTHER",
}
registerEnumType(FollowUpChannel, { name: "FollowUpChannel", description: "How the coordinator was in contact with the member." });

export enum IntakeAppointmentRefusal {
  TRANSITION_NOT_ALLOWED = "TRANSITION_NOT_ALLOWED",
  NOT_YET_STARTED = "NOT_YET_STARTED",
  ALREADY_BOOKED = "ALREADY_BOOKED",
  MEMBERSHIP_CLOSED = "MEMBERSHIP_CLOSED",
}
registerEnumType(IntakeAppointmentRefusal, {
  name: "IntakeAppointmentRefusal",
  description:
    "TRANSITION_NOT_ALLOWED: the appointment is already held, missed or cancelled. NOT_YET_STARTED: held or no-show before its start. " +
    "ALREADY_BOOKED: the membership has an appointment still to come (reschedule it). MEMBERSHIP_CLOSED: the membership is withdrawn.",
});

@ObjectType({ description: "An earlier time of a rescheduled appointment." })
export class IntakeAppointmentTime {
  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true })
  digitalLink!: string | null;

  @Field(() => Date, { description: "When it was moved away from this time." })
  movedAt!: Date;
}

@ObjectType({
  description:
    "A dated intake meeting with a member (Kalmar: the introduction meeting the development leader books). Personal data: staff reads are audited.",
})
export class IntakeAppointment {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  networkId!: string;
  memberId!: string;

  @Field(() => ID)
  membershipId!: string;

  @Field(() => IntakeAppointmentStatus)
  status!: IntakeAppointmentStatus;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true, description: "The video meeting's address (https)." })
  digitalLink!: string | null;

  @Field(() => String, { nullable: true, description: "The coordinator's note; null for the member (a staff working note)." })
  note!: string | null;

  @Field(() => [IntakeAppointmentTime], { description: "The times it had before it was rescheduled, oldest first." })
  previousTimes!: IntakeAppointmentTime[];

  @Field(() => String, { nullable: true, description: "The network's name, for the member's own view." })
  networkName!: string | null;

  @Field(() => Date)
  bookedAt!: Date;

  @Field(() => Date)
  statusChangedAt!: Date;

  @Field(() => Int, { description: "Send it back as `expectedVersion`." })
  version!: number;
}

@ObjectType({ description: "One contact in the ongoing follow-up of a member. The note is personal data: reads are audited." })
export class MembershipFollowUp {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  membershipId!: string;

  @Field(() => String, { description: "The day of the contact (YYYY-MM-DD)." })
  contactedOn!: string;

  @Field(() => FollowUpChannel)
  channel!: FollowUpChannel;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: "When to be in touch next (YYYY-MM-DD); null: no date set." })
  nextFollowUpOn!: string | null;

  @Field(() => ID, { nullable: true, description: "The staff user who logged it." })
  recordedById!: string | null;

  @Field(() => Date)
  recordedAt!: Date;
}

export const MembershipFollowUpConnection = Connection(MembershipFollowUp, "MembershipFollowUp");

@ObjectType({ description: "A member whose next follow-up date (from their latest logged contact) has come." })
export class FollowUpDue {
  /** The latest follow-up's id: the list pages by it. */
  id!: string;

  @Field(() => Membership)
  membership!: Membership;

  @Field(() => Member)
  member!: Member;

  @Field(() => MembershipFollowUp, { description: "The latest logged contact, which set the date." })
  latest!: MembershipFollowUp;

  @Field(() => String, { description: "YYYY-MM-DD." })
  nextFollowUpOn!: string;

  @Field(() => Int, { description: "Days past the date (0: today; negative: still to come, within `withinDays`)." })
  daysOverdue!: number;
}

export const FollowUpDueConnection = Connection(FollowUpDue, "FollowUpDue");

@ObjectType({ implements: ErrorResult, description: "A field of the input is not acceptable; `field` names it, e.g. `input.endsAt`." })
export class InvalidIntakeInput extends ErrorResult {
  @Field(() => String)
  field!: string;
}

@ObjectType({ implements: ErrorResult, description: "The appointment cannot change that way; `reason` says why." })
export class IntakeAppointmentNotChangeable extends ErrorResult {
  @Field(() => IntakeAppointmentRefusal)
  reason!: IntakeAppointmentRefusal;
}
