import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Member, Membership, MembershipStatus } from "../member/member.type.js";
import { RequestAnswer } from "../request/request-options.type.js";

export enum DuplicateResolution {
  DIFFERENT_PEOPLE = "DIFFERENT_PEOPLE",
}
registerEnumType(DuplicateResolution, {
  name: "DuplicateResolution",
  description: "How a coordinator settled a probable duplicate. Merging two records into one is not offered yet.",
});

@ObjectType({ description: "One step in a membership's intake history, with the coordinator's note." })
export class MembershipEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => MembershipStatus, { nullable: true, description: "Null for the registration itself." })
  fromStatus!: MembershipStatus | null;

  @Field(() => MembershipStatus, { description: "Equal to fromStatus when a fact was recorded without a move (introduction held)." })
  toStatus!: MembershipStatus;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { description: "STAFF, MEMBER, SYSTEM or ANONYMOUS (the public form)." })
  actorType!: string;

  @Field(() => ID, { nullable: true, description: "The staff user or member who took the step." })
  actorId!: string | null;

  @Field(() => Date)
  at!: Date;
}

@ObjectType({ description: "A guardian's written consent to a minor's participation, as recorded by a coordinator." })
export class GuardianConsent {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => ID, { nullable: true })
  guardianId!: string | null;

  @Field(() => String, { description: "The version of the tenant's GUARDIAN consent text the guardian signed." })
  textVersion!: string;

  @Field(() => Date)
  givenAt!: Date;

  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => ID, { nullable: true, description: "The staff user who recorded the written consent." })
  recordedById!: string | null;
}

@ObjectType({ description: "A guardian (vårdnadshavare) of a member. Personal data, shown under the same rule as the member." })
export class Guardian {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  relation!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => [GuardianConsent], { description: "Every consent this guardian gave, withdrawn ones included." })
  consents!: GuardianConsent[];
}

@ObjectType({ description: "A membership waiting for the coordinator's next intake step." })
export class IntakeQueueItem {
  /** The membership's id: the queue pages by it. */
  id!: string;

  @Field(() => Membership)
  membership!: Membership;

  @Field(() => Member)
  member!: Member;

  @Field(() => Boolean, { description: "Still not contacted after the network's follow-up limit (`followUpWithinDays`)." })
  overdue!: boolean;

  @Field(() => Int, { description: "Whole days since registration." })
  waitingDays!: number;

  @Field(() => [RequestAnswer], {
    description:
      "The answers to the region's own registration questions given with this registration, each with the question as it read then.",
  })
  registrationAnswers!: RequestAnswer[];

  @Field(() => Int, { nullable: true, description: "The registration-form version they were answered on; null: no questions were asked." })
  registrationFormVersion!: number | null;
}

export const IntakeQueueConnection = Connection(IntakeQueueItem, "IntakeQueueItem");

@ObjectType({ description: "Two member records that may be the same person, for a coordinator to settle." })
export class DuplicateCandidate {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => [String], { description: "Which keys matched: EMAIL, PHONE, NAME_AND_BIRTH_DATE, NAME_AND_BIRTH_YEAR." })
  matchedOn!: string[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => DuplicateResolution, { nullable: true })
  resolution!: DuplicateResolution | null;

  @Field(() => Member, { description: "The later registration." })
  member!: Member;

  @Field(() => Member, { description: "The member it resembles." })
  existingMember!: Member;
}

export const DuplicateCandidateConnection = Connection(DuplicateCandidate, "DuplicateCandidate");
