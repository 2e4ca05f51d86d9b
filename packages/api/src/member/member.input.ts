import { Field, ID, InputType } from "type-graphql";
import { AgeBand, MembershipStatus, Perspective } from "./member.type.js";

@InputType({
  description:
    "Pool search. Different fields narrow the result (all must hold); the values listed in one field widen it (any of them). " +
    "Membership criteria (network, status, training, asked, assignment) must hold for the same membership of a network you coordinate.",
})
export class MemberSearchInput {
  @Field(() => ID, { nullable: true })
  networkId?: string | null;

  @Field(() => [MembershipStatus], { nullable: true })
  statuses?: MembershipStatus[] | null;

  @Field(() => [String], { nullable: true, description: "Taxonomy keys; a tag also finds members tagged with any tag below it." })
  experienceTagKeys?: string[] | null;

  @Field(() => [Perspective], { nullable: true })
  perspectives?: Perspective[] | null;

  @Field(() => [AgeBand], { nullable: true, description: "Age today; members of unknown age match no band." })
  ageBands?: AgeBand[] | null;

  @Field(() => [String], { nullable: true, description: "Municipality names, compared without regard to case." })
  municipalities?: string[] | null;

  @Field(() => [String], { nullable: true, description: "ISO 639-1 codes, e.g. `ar`." })
  languages?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "true: has attended the introduction training; false: has not." })
  trained?: boolean | null;

  @Field(() => Date, { nullable: true, description: "Last asked (invited) after this instant." })
  lastInvitedAfter?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "Last asked before this instant (those never asked are not included; see `neverInvited`).",
  })
  lastInvitedBefore?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "true: never asked; false: asked at least once." })
  neverInvited?: boolean | null;

  @Field(() => Date, { nullable: true })
  lastAssignmentAfter?: Date | null;

  @Field(() => Date, { nullable: true })
  lastAssignmentBefore?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "true: never had an assignment; false: had at least one." })
  neverAssigned?: boolean | null;

  @Field(() => String, { nullable: true, description: "Free text; every word must occur in the given or family name." })
  name?: string | null;
}
