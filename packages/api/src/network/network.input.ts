import { Field, ID, InputType, Int } from "type-graphql";
import { CareDomain } from "./network.type.js";

@InputType({ description: "A new network (pool) of the tenant." })
export class CreateNetworkInput {
  @Field(() => String, { description: "Lower-case letters, digits and hyphens, e.g. `levande-bibliotek`; unique within the tenant." })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => CareDomain)
  careDomain!: CareDomain;

  @Field(() => String, { description: "The network's functional mailbox." })
  contactEmail!: string;

  @Field(() => ID, { nullable: true, description: "Leave out (or null) for the tenant's default intake rules." })
  intakeRuleSetId?: string | null;

  @Field(() => ID, { nullable: true, description: "Leave out (or null) for the tenant's default request form." })
  requestFormId?: string | null;

  @Field(() => ID, { nullable: true, description: "Leave out (or null) for the tenant's default fee schedule." })
  feeScheduleId?: string | null;
}

@InputType({
  description:
    "Changes to a network. A field left out keeps its value; null clears an optional field (for the rule set, form and schedule: back to the tenant's default).",
})
export class UpdateNetworkInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the network since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => CareDomain, { nullable: true })
  careDomain?: CareDomain | null;

  @Field(() => String, { nullable: true })
  contactEmail?: string | null;

  @Field(() => ID, { nullable: true })
  intakeRuleSetId?: string | null;

  @Field(() => ID, { nullable: true })
  requestFormId?: string | null;

  @Field(() => ID, { nullable: true })
  feeScheduleId?: string | null;
}

@InputType({ description: "Closes a network for registration; its members, requests and history stay." })
export class RetireNetworkInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}
