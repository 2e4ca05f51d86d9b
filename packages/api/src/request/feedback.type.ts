import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum FeedbackAuthor {
  UNIT = "UNIT",
  PARTICIPANT = "PARTICIPANT",
  COORDINATOR = "COORDINATOR",
}
registerEnumType(FeedbackAuthor, {
  name: "FeedbackAuthor",
  description: "Who gave the feedback: the requesting unit, a participant, or the coordinator.",
});

/** Carries no author identity: a unit reading feedback must not learn which participant wrote what. */
@ObjectType("Feedback", { description: "Feedback on a carried-out request: a rating from 1 to 5 and a comment." })
export class FeedbackType {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  requestId!: string;
  authorId!: string | null;
  assignmentId!: string | null;

  @Field(() => FeedbackAuthor)
  author!: FeedbackAuthor;

  @Field(() => Int, { nullable: true, description: "1–5; the coordinator's follow-up may come without one." })
  rating!: number | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Boolean, { description: "True for the feedback you gave yourself." })
  givenByYou!: boolean;
}
