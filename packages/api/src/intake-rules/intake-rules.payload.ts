import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { Network } from "../network/network.type.js";
import { IntakeRuleSet } from "./intake-rules.type.js";

@ObjectType({ implements: ErrorResult, description: "Another rule set in use has the same name (ignoring case and accents)." })
export class IntakeRuleSetNameTaken extends ErrorResult {
  @Field(() => String)
  name!: string;
}

@ObjectType({
  implements: ErrorResult,
  description: "The rule set is the tenant's default or networks use it; point them elsewhere first.",
})
export class IntakeRuleSetInUse extends ErrorResult {
  @Field(() => Boolean)
  isTenantDefault!: boolean;

  @Field(() => [Network], { description: "The networks (not retired) that name this rule set." })
  networks!: Network[];
}

export const CreateIntakeRuleSetError = createUnionType({
  name: "CreateIntakeRuleSetError",
  types: () => [IntakeRuleSetNameTaken] as const,
});
export const UpdateIntakeRuleSetError = createUnionType({
  name: "UpdateIntakeRuleSetError",
  types: () => [NotFound, IntakeRuleSetNameTaken] as const,
});
export const SetTenantDefaultIntakeRuleSetError = createUnionType({
  name: "SetTenantDefaultIntakeRuleSetError",
  types: () => [NotFound] as const,
});
export const RetireIntakeRuleSetError = createUnionType({
  name: "RetireIntakeRuleSetError",
  types: () => [NotFound, IntakeRuleSetInUse] as const,
});

@ObjectType()
export class CreateIntakeRuleSetPayload {
  @Field(() => IntakeRuleSet, { nullable: true, description: "The new rule set; null when it was not created." })
  intakeRuleSet!: IntakeRuleSet | null;

  @Field(() => [CreateIntakeRuleSetError])
  errors!: Array<typeof CreateIntakeRuleSetError>;
}

@ObjectType()
export class UpdateIntakeRuleSetPayload {
  @Field(() => IntakeRuleSet, { nullable: true, description: "The rule set as it is now; null when it was not changed." })
  intakeRuleSet!: IntakeRuleSet | null;

  @Field(() => [UpdateIntakeRuleSetError])
  errors!: Array<typeof UpdateIntakeRuleSetError>;
}

@ObjectType()
export class SetTenantDefaultIntakeRuleSetPayload {
  @Field(() => IntakeRuleSet, { nullable: true })
  intakeRuleSet!: IntakeRuleSet | null;

  @Field(() => [SetTenantDefaultIntakeRuleSetError])
  errors!: Array<typeof SetTenantDefaultIntakeRuleSetError>;
}

@ObjectType()
export class RetireIntakeRuleSetPayload {
  @Field(() => IntakeRuleSet, { nullable: true })
  intakeRuleSet!: IntakeRuleSet | null;

  @Field(() => [RetireIntakeRuleSetError])
  errors!: Array<typeof RetireIntakeRuleSetError>;
}
