import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Attendance of one participant at one occasion; recording it again corrects it." })
export class RecordAttendanceInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field(() => ID, { description: "An occasion of the assignment's request that has begun and is not cancelled." })
  occasionId!: string;

  @Field(() => Boolean)
  attended!: boolean;

  @Field(() => Int, { nullable: true, description: "Minutes taken part, above 0 when attended; ignored (0) when not." })
  durationMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: "Minutes of travel, 0 or more (default 0); ignored (0) when not attended." })
  travelMinutes?: number | null;
}

@InputType({ description: "The written agreement of a (long) assignment, signed by both the participant and the unit." })
export class RecordAgreementInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field(() => String, { description: "ISO date (YYYY-MM-DD)." })
  validFrom!: string;

  @Field(() => String, { description: "ISO date (YYYY-MM-DD), not before `validFrom`." })
  validTo!: string;

  @Field(() => String, { description: "What the agreement covers." })
  scope!: string;

  @Field(() => Date, { nullable: true, description: "When the participant signed; required." })
  signedByMemberAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "When the unit signed; required." })
  signedByUnitAt?: Date | null;
}

@InputType({ description: "Cancels a participant's place; the first on the waiting list moves up." })
export class CancelParticipantInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field(() => String, { description: "Why (shown on the assignment and kept in the audit log)." })
  reason!: string;
}
