import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { OrderByInput, type OrderByValue, SortDirection, type Sorting } from "../common/pagination/ordering.js";
import { AgeBand, type Member, MembershipStatus, Perspective } from "./member.type.js";

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

  @Field(() => [String], {
    nullable: true,
    description:
      "Competences: a member matches when one of their competences holds any of these as whole words, ignoring case and accents.",
  })
  competences?: string[] | null;

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

  @Field(() => ID, {
    nullable: true,
    description: "A patient organisation (`patientOrganisations`): members with a confirmed mandate to represent it, current today.",
  })
  representsOrganisationId?: string | null;
}

export enum MemberOrderField {
  CREATED_AT = "CREATED_AT",
  FAMILY_NAME = "FAMILY_NAME",
}
registerEnumType(MemberOrderField, {
  name: "MemberOrderField",
  description: "CREATED_AT: the order members were added (by id); FAMILY_NAME: by family name (the database's collation).",
});

/** The pool: oldest first by default (today's order). */
export const memberSorting: Sorting<MemberOrderField, Member> = {
  list: "members",
  fields: {
    CREATED_AT: { type: "uuid", key: (member) => member.id },
    FAMILY_NAME: { type: "text", key: (member) => member.familyName },
  },
  default: { field: MemberOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export const MemberOrderBy = OrderByInput("MemberOrderBy", MemberOrderField, memberSorting.default);
export type MemberOrderBy = OrderByValue<MemberOrderField>;
