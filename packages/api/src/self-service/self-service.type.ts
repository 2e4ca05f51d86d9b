import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A period the member does not want to be asked. Dates are calendar dates in the tenant's time zone." })
export class MemberPause {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  memberId!: string;

  @Field(() => String, { description: "ISO date (YYYY-MM-DD), the first day away." })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: "ISO date, the last day away; null: until further notice." })
  endsOn!: string | null;

  @Field(() => String, { nullable: true, description: "Seen only by the member and the coordinators." })
  reason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "One corrected field. Values are lists: one item for a single value, empty for no value." })
export class MemberFieldChange {
  @Field(() => String, { description: "The `Member` field, e.g. `familyName`, `experienceTagKeys`." })
  field!: string;

  @Field(() => [String])
  before!: string[];

  @Field(() => [String])
  after!: string[];
}

@ObjectType({ description: "A correction of a member's profile (GDPR art. 16): what changed, from what, by whom and when." })
export class MemberRevision {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: "Who made the correction: MEMBER (the person themself) or STAFF." })
  actorType!: string;

  @Field(() => [MemberFieldChange])
  changes!: MemberFieldChange[];
}
