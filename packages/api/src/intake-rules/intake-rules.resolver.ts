import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import {
  CreateIntakeRuleSetInput,
  RetireIntakeRuleSetInput,
  SetTenantDefaultIntakeRuleSetInput,
  UpdateIntakeRuleSetInput,
} from "./intake-rules.input.js";
import {
  CreateIntakeRuleSetPayload,
  RetireIntakeRuleSetPayload,
  SetTenantDefaultIntakeRuleSetPayload,
  UpdateIntakeRuleSetPayload,
} from "./intake-rules.payload.js";
import {
  createIntakeRuleSet,
  getIntakeRequirements,
  getIntakeRuleSet,
  getNetworkIntakeRuleSet,
  listIntakeRuleSetsForTenant,
  retireIntakeRuleSet,
  setTenantDefaultIntakeRuleSet,
  updateIntakeRuleSet,
} from "./intake-rules.service.js";
import { IntakeRequirements, IntakeRuleSet, IntakeRuleSetConnection } from "./intake-rules.type.js";

@Resolver(() => IntakeRuleSet)
export class IntakeRuleSetResolver {
  @Query(() => IntakeRuleSetConnection, { description: "Tenant admins and coordinators: the tenant's intake rule sets." })
  intakeRuleSets(
    @Arg("includeRetired", () => Boolean, { nullable: true, defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listIntakeRuleSetsForTenant(ctx, { includeRetired }, page);
  }

  @Query(() => IntakeRuleSet, { nullable: true, description: "Tenant admins and coordinators: one intake rule set of your tenant." })
  intakeRuleSet(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<IntakeRuleSet | null> {
    return getIntakeRuleSet(ctx, id);
  }

  @Mutation(() => CreateIntakeRuleSetPayload, { description: "Tenant admins: a new intake rule set." })
  createIntakeRuleSet(
    @Arg("input", () => CreateIntakeRuleSetInput) input: CreateIntakeRuleSetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateIntakeRuleSetPayload> {
    return createIntakeRuleSet(ctx, input);
  }

  @Mutation(() => UpdateIntakeRuleSetPayload, { description: "Tenant admins: rename a rule set or replace its rules." })
  updateIntakeRuleSet(
    @Arg("input", () => UpdateIntakeRuleSetInput) input: UpdateIntakeRuleSetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateIntakeRuleSetPayload> {
    return updateIntakeRuleSet(ctx, input);
  }

  @Mutation(() => SetTenantDefaultIntakeRuleSetPayload, { description: "Tenant admins: the rules of every network that names none." })
  setTenantDefaultIntakeRuleSet(
    @Arg("input", () => SetTenantDefaultIntakeRuleSetInput) input: SetTenantDefaultIntakeRuleSetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetTenantDefaultIntakeRuleSetPayload> {
    return setTenantDefaultIntakeRuleSet(ctx, input);
  }

  @Mutation(() => RetireIntakeRuleSetPayload, { description: "Tenant admins: retire a rule set that no network uses." })
  retireIntakeRuleSet(
    @Arg("input", () => RetireIntakeRuleSetInput) input: RetireIntakeRuleSetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireIntakeRuleSetPayload> {
    return retireIntakeRuleSet(ctx, input);
  }
}

/** The network's intake configuration: the public summary, and the full rule set for staff. */
@Resolver(() => Network)
export class NetworkIntakeResolver {
  @FieldResolver(() => IntakeRequirements, { description: "Public: what joining this network takes." })
  intakeRequirements(@Root() network: Network, @Ctx() ctx: RequestContext): Promise<IntakeRequirements> {
    return getIntakeRequirements(ctx, network);
  }

  @FieldResolver(() => IntakeRuleSet, {
    nullable: true,
    description: "Tenant admins and coordinators: the intake rule set that applies (the network's own, or the tenant's default).",
  })
  intakeRuleSet(@Root() network: Network, @Ctx() ctx: RequestContext): Promise<IntakeRuleSet | null> {
    return getNetworkIntakeRuleSet(ctx, network);
  }
}
