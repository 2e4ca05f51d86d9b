import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { AssignmentBrief } from "../invitation/invitation.type.js";

export enum AssignmentStatus {
  CONFIRMED = "CONFIRMED",
  CARRIED_OUT = "CARRIED_OUT",
  CANCELLED = "CANCELLED",
}
registerEnumType(AssignmentStatus, {
  name: "AssignmentStatus",
  description: "CONFIRMED: the participant holds a place; CARRIED_OUT: the assignment took place; CANCELLED: the place was cancelled.",
});

export enum AttendanceRefusalReason {
  OCCASION_NOT_IN_REQUEST = "OCCASION_NOT_IN_REQUEST",
  OCCASION_CANCELLED = "OCCASION_CANCELLED",
  OCCASION_NOT_STARTED = "OCCASION_NOT_STARTED",
  ASSIGNMENT_CANCELLED = "ASSIGNMENT_CANCELLED",
}
registerEnumType(AttendanceRefusalReason, { name: "AttendanceRefusalReason", description: "Why attendance cannot be recorded." });

@ObjectType({ description: "Whether a participant took part in an occasion and for how long: what the fee claim is computed from." })
export class AttendanceRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assignmentId!: string;

  @Field(() => ID)
  occasionId!: string;

  @Field(() => Boolean)
  attended!: boolean;

  @Field(() => Int, { description: "Time taken part, in minutes; 0 when the participant did not attend." })
  durationMinutes!: number;

  @Field(() => Int, { description: "Travel time, in minutes." })
  travelMinutes!: number;

  @Field(() => Date)
  reportedAt!: Date;
}

/** The parts of an assignment both its unit and its participant see: the place, the agreement, attendance. */
@ObjectType()
abstract class AssignmentFields {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  requestId!: string;

  @Field(() => AssignmentStatus)
  status!: AssignmentStatus;

  @Field(() => Boolean, { description: "A long assignment: a written agreement signed by both is due." })
  agreementRequired!: boolean;

  @Field(() => Boolean, { description: "Both the participant and the unit have signed the agreement." })
  agreementSigned!: boolean;

  @Field(() => Date, { nullable: true })
  agreementSignedByMemberAt!: Date | null;

  @Field(() => Date, { nullable: true })
  agreementSignedByUnitAt!: Date | null;

  @Field(() => String, { nullable: true, description: "ISO date (YYYY-MM-DD), inclusive." })
  agreementValidFrom!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date (YYYY-MM-DD), inclusive." })
  agreementValidTo!: string | null;

  @Field(() => String, { nullable: true, description: "What the agreement covers (tasks, number of occasions)." })
  agreementScope!: string | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true })
  cancellationReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int)
  version!: number;

  @Field(() => [AttendanceRecord], { description: "Attendance per occasion, as reported." })
  attendances?: AttendanceRecord[];
}

/**
 * A place in a request as its unit and the network's coordinators see it. Who holds it is not part of it: the unit
 * learns that only through `Request.participants`, after consent.
 */
@ObjectType({ description: "A participant's place in a request: agreement, attendance, cancellation. Who it is: `Request.participants`." })
export class Assignment extends AssignmentFields {}

@ObjectType({ description: "Members: your place in an assignment, with what it is about." })
export class MyAssignment extends AssignmentFields {
  @Field(() => AssignmentBrief, { nullable: true, description: "The request as you see it: what, when and where." })
  request?: AssignmentBrief | null;
}

export const MyAssignmentConnection = Connection(MyAssignment, "MyAssignment");
