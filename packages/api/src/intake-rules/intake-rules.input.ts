import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A whole set of intake rules; checked together (a guardian age must lie above the minimum age)." })
export class IntakeRulesInput {
  @Field(() => Int, { nullable: true, description: "Null for no limit." })
  minimumAge?: number | null;

  @Field(() => Int, { nullable: true, description: "Null if a guardian's consent is never needed." })
  guardianConsentBelowAge?: number | null;

  @Field(() => Boolean)
  requireContactCall!: boolean;

  @Field(() => Boolean)
  requireIntroductionMeeting!: boolean;

  @Field(() => Boolean)
  requireTrainingAttended!: boolean;

  @Field(() => [String], { nullable: true, description: "Null (or left out) for anyone; otherwise at least one name." })
  allowedMunicipalities?: string[] | null;

  @Field(() => Boolean)
  recordOrganisationMandate!: boolean;

  @Field(() => Int, { nullable: true, description: "1–365; null for no deadline." })
  followUpWithinDays?: number | null;
}

@InputType({ description: "A new intake rule set." })
export class CreateIntakeRuleSetInput {
  @Field(() => String, { description: "Unique among the tenant's rule sets in use." })
  name!: string;

  @Field(() => Boolean, { nullable: true, description: "Make it the tenant's default (the previous default stops being one)." })
  isTenantDefault?: boolean | null;

  @Field(() => IntakeRulesInput)
  rules!: IntakeRulesInput;
}

@InputType({ description: "Changes to a rule set. Left out: kept. `rules` replaces all the rules at once." })
export class UpdateIntakeRuleSetInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed it since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => IntakeRulesInput, { nullable: true })
  rules?: IntakeRulesInput | null;
}

@InputType({ description: "Makes a rule set the tenant's default; the previous default stops being one." })
export class SetTenantDefaultIntakeRuleSetInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Retires a rule set no network uses; it is kept for history." })
export class RetireIntakeRuleSetInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}
