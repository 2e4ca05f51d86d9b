import { Field, ID, InputType, Int } from "type-graphql";
import { TrainingFormat } from "./training.type.js";

@InputType({ description: "A new introduction or training session of a network you coordinate." })
export class CreateTrainingSessionInput {
  @Field(() => ID)
  networkId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { description: "Must be after `startsAt`." })
  endsAt!: Date;

  @Field(() => TrainingFormat)
  format!: TrainingFormat;

  @Field(() => String, { nullable: true, description: "Required for IN_PERSON." })
  place?: string | null;

  @Field(() => String, { nullable: true, description: "Required for DIGITAL: an https:// meeting link." })
  digitalLink?: string | null;

  @Field(() => Int, { description: "Places, at least 1; enrolments beyond it go to the waiting list." })
  capacity!: number;
}

@InputType({ description: "Changes to a session. A field left out keeps its value; the session is checked as a whole after the change." })
export class UpdateTrainingSessionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the session since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => TrainingFormat, { nullable: true })
  format?: TrainingFormat | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  digitalLink?: string | null;

  @Field(() => Int, { nullable: true, description: "Not below the places already taken; a larger capacity moves the waiting list up." })
  capacity?: number | null;
}

@InputType({ description: "Cancels a session; its enrolments are kept, marked cancelled." })
export class CancelTrainingSessionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: "Why (kept in the audit log)." })
  reason?: string | null;
}

@InputType({ description: "Enrols a member in a session; when it is full, on its waiting list." })
export class CreateTrainingEnrolmentInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => ID, { nullable: true, description: "Coordinators: the member to enrol. Members leave it out to enrol themselves." })
  memberId?: string | null;
}

@InputType({ description: "Cancels an enrolment; the first on the waiting list gets the place." })
export class CancelTrainingEnrolmentInput {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: "Records whether the participant attended (a session that has started)." })
export class RecordTrainingAttendanceInput {
  @Field(() => ID)
  enrolmentId!: string;

  @Field(() => Boolean)
  attended!: boolean;
}
