import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import { FeePreviewResult } from "./fee-preview.type.js";
import {
  AddFeeScheduleVersionInput,
  CreateFeeScheduleInput,
  FeePreviewInput,
  RetireFeeScheduleInput,
  SetTenantDefaultFeeScheduleInput,
  UpdateFeeScheduleInput,
  WithdrawFeeScheduleVersionInput,
} from "./fee-schedule.input.js";
import {
  AddFeeScheduleVersionPayload,
  CreateFeeSchedulePayload,
  RetireFeeSchedulePayload,
  SetTenantDefaultFeeSchedulePayload,
  UpdateFeeSchedulePayload,
  WithdrawFeeScheduleVersionPayload,
} from "./fee-schedule.payload.js";
import {
  addFeeScheduleVersion,
  createFeeSchedule,
  getCurrentVersion,
  getFeeSchedule,
  getNetworkFeeSchedule,
  getScheduleVersions,
  listFeeSchedulesForTenant,
  previewFee,
  retireFeeSchedule,
  setTenantDefaultFeeSchedule,
  updateFeeSchedule,
  withdrawFeeScheduleVersion,
} from "./fee-schedule.service.js";
import { FeeSchedule, FeeScheduleConnection, FeeScheduleVersion } from "./fee-schedule.type.js";

@Resolver(() => FeeSchedule)
export class FeeScheduleResolver {
  @Query(() => FeeScheduleConnection, { description: "Tenant admins, coordinators and analysts: the tenant's fee schedules." })
  feeSchedules(
    @Arg("includeRetired", () => Boolean, { nullable: true, defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listFeeSchedulesForTenant(ctx, { includeRetired }, page);
  }

  @Query(() => FeeSchedule, { nullable: true, description: "Tenant admins, coordinators and analysts: one fee schedule of your tenant." })
  feeSchedule(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<FeeSchedule | null> {
    return getFeeSchedule(ctx, id);
  }

  @Query(() => FeePreviewResult, {
    description: "Tenant admins, coordinators and analysts: the fee an occasion would get under a schedule, computed as a claim would be.",
  })
  feePreview(@Arg("input", () => FeePreviewInput) input: FeePreviewInput, @Ctx() ctx: RequestContext): Promise<FeePreviewResult> {
    return previewFee(ctx, input);
  }

  @FieldResolver(() => [FeeScheduleVersion])
  versions(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<FeeScheduleVersion[]> {
    return getScheduleVersions(ctx, schedule);
  }

  @FieldResolver(() => FeeScheduleVersion, { nullable: true })
  currentVersion(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<FeeScheduleVersion | null> {
    return getCurrentVersion(ctx, schedule);
  }

  @Mutation(() => CreateFeeSchedulePayload, { description: "Tenant admins: a new fee schedule with its first version." })
  createFeeSchedule(
    @Arg("input", () => CreateFeeScheduleInput) input: CreateFeeScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateFeeSchedulePayload> {
    return createFeeSchedule(ctx, input);
  }

  @Mutation(() => UpdateFeeSchedulePayload, { description: "Tenant admins: rename a fee schedule." })
  updateFeeSchedule(
    @Arg("input", () => UpdateFeeScheduleInput) input: UpdateFeeScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateFeeSchedulePayload> {
    return updateFeeSchedule(ctx, input);
  }

  @Mutation(() => AddFeeScheduleVersionPayload, { description: "Tenant admins: new fee rules from a later date." })
  addFeeScheduleVersion(
    @Arg("input", () => AddFeeScheduleVersionInput) input: AddFeeScheduleVersionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AddFeeScheduleVersionPayload> {
    return addFeeScheduleVersion(ctx, input);
  }

  @Mutation(() => WithdrawFeeScheduleVersionPayload, {
    description: "Tenant admins: withdraw the latest version before it comes into force.",
  })
  withdrawFeeScheduleVersion(
    @Arg("input", () => WithdrawFeeScheduleVersionInput) input: WithdrawFeeScheduleVersionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawFeeScheduleVersionPayload> {
    return withdrawFeeScheduleVersion(ctx, input);
  }

  @Mutation(() => SetTenantDefaultFeeSchedulePayload, { description: "Tenant admins: the schedule of every network that names none." })
  setTenantDefaultFeeSchedule(
    @Arg("input", () => SetTenantDefaultFeeScheduleInput) input: SetTenantDefaultFeeScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetTenantDefaultFeeSchedulePayload> {
    return setTenantDefaultFeeSchedule(ctx, input);
  }

  @Mutation(() => RetireFeeSchedulePayload, { description: "Tenant admins: retire a schedule that no network uses." })
  retireFeeSchedule(
    @Arg("input", () => RetireFeeScheduleInput) input: RetireFeeScheduleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireFeeSchedulePayload> {
    return retireFeeSchedule(ctx, input);
  }
}

/** The schedule a network's fees are computed with; for staff who read fee rules, never the public. */
@Resolver(() => Network)
export class NetworkFeeScheduleResolver {
  @FieldResolver(() => FeeSchedule, {
    nullable: true,
    description: "Tenant admins, coordinators and analysts: the fee schedule that applies (the network's own, or the tenant's default).",
  })
  feeSchedule(@Root() network: Network, @Ctx() ctx: RequestContext): Promise<FeeSchedule | null> {
    return getNetworkFeeSchedule(ctx, network);
  }
}
