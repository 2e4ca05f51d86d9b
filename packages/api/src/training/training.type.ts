import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Network } from "../network/network.type.js";
import { Node } from "../node/node.type.js";

export enum TrainingFormat {
  DIGITAL = "DIGITAL",
  IN_PERSON = "IN_PERSON",
}
registerEnumType(TrainingFormat, { name: "TrainingFormat", description: "Held online (with a meeting link) or on site (at a place)." });

export enum TrainingEnrolmentStatus {
  ENROLLED = "ENROLLED",
  WAITLISTED = "WAITLISTED",
  CANCELLED = "CANCELLED",
}
registerEnumType(TrainingEnrolmentStatus, {
  name: "TrainingEnrolmentStatus",
  description: "ENROLLED holds a place; WAITLISTED moves up, in order, when a place frees; CANCELLED keeps the history.",
});

/** What anyone may see of a session: enough to choose a date, nothing about who comes. */
@ObjectType({ description: "An introduction or training session as front ends show it publicly: date, time, format, places left." })
export class TrainingSessionSummary {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  networkId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => TrainingFormat)
  format!: TrainingFormat;

  @Field(() => String, { nullable: true, description: "Where an in-person session is held." })
  place!: string | null;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => Int, { description: "Free places; 0 means a new enrolment goes to the waiting list." })
  placesLeft?: number;

  @Field(() => Network, { nullable: true })
  network?: Network | null;
}

@ObjectType({ implements: Node, description: "Coordinators and tenant admins: a session of a network, with its places and enrolments." })
export class TrainingSession {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  networkId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => TrainingFormat)
  format!: TrainingFormat;

  @Field(() => String, { nullable: true, description: "Set for IN_PERSON sessions." })
  place!: string | null;

  @Field(() => String, { nullable: true, description: "Set for DIGITAL sessions; shown to enrolled participants only." })
  digitalLink!: string | null;

  @Field(() => Int)
  capacity!: number;

  @Field(() => Date, { nullable: true, description: "Set when the session was cancelled; its enrolments are then cancelled too." })
  cancelledAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: "Counts changes; name it as `expectedVersion` when you update the session." })
  version!: number;

  @Field(() => Network, { nullable: true })
  network?: Network | null;

  @Field(() => Int, { description: "Enrolments holding a place." })
  enrolledCount?: number;

  @Field(() => Int, { description: "Enrolments on the waiting list." })
  waitlistedCount?: number;

  @Field(() => Int)
  placesLeft?: number;
}

@ObjectType({ description: "Who an enrolment is for: the name only. Personal data; reading it is audited." })
export class TrainingParticipant {
  @Field(() => ID, { description: "The member's id (see `member(id:)` for the profile)." })
  id!: string;

  tenantId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;
}

@ObjectType({ description: "A member's place (or place in the queue) in a training session, and their attendance." })
export class TrainingEnrolment {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  sessionId!: string;
  memberId!: string;

  @Field(() => TrainingEnrolmentStatus)
  status!: TrainingEnrolmentStatus;

  @Field(() => Date, { description: "When the current enrolment was made; the waiting list is in this order." })
  enrolledAt!: Date;

  @Field(() => Boolean, { nullable: true, description: "Null until attendance is recorded." })
  attended!: boolean | null;

  @Field(() => Date, { nullable: true })
  attendanceRecordedAt!: Date | null;

  @Field(() => TrainingParticipant)
  participant!: TrainingParticipant;

  @Field(() => Int, { nullable: true, description: "1 for the first on the waiting list; null when not waiting." })
  waitlistPosition?: number | null;

  @Field(() => TrainingSessionSummary, { nullable: true })
  session?: TrainingSessionSummary | null;

  @Field(() => String, { nullable: true, description: "The meeting link of a digital session, for someone holding a place." })
  digitalLink?: string | null;
}

export const TrainingSessionConnection = Connection(TrainingSession, "TrainingSession");
export const TrainingSessionSummaryConnection = Connection(TrainingSessionSummary, "TrainingSessionSummary");
export const TrainingEnrolmentConnection = Connection(TrainingEnrolment, "TrainingEnrolment");
