import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { Network } from "../network/network.type.js";
import { FeeSchedule, FeeScheduleVersion } from "./fee-schedule.type.js";

@ObjectType({ implements: ErrorResult, description: "Another schedule in use has the same name (ignoring case and accents)." })
export class FeeScheduleNameTaken extends ErrorResult {
  @Field(() => String)
  name!: string;
}

@ObjectType({
  implements: ErrorResult,
  description: "The schedule is the tenant's default or networks use it; point them elsewhere first.",
})
export class FeeScheduleInUse extends ErrorResult {
  @Field(() => Boolean)
  isTenantDefault!: boolean;

  @Field(() => [Network], { description: "The networks (not retired) that name this schedule." })
  networks!: Network[];
}

@ObjectType({
  implements: ErrorResult,
  description: "The change would touch a day that has begun or passed; fees already computed keep their rules. Start from a later date.",
})
export class VersionInForce extends ErrorResult {
  @Field(() => String, { description: "The earliest date a change may take effect (tomorrow in the tenant's time zone)." })
  earliestValidFrom!: string;
}

@ObjectType({ implements: ErrorResult, description: "The new version would share days with an existing one." })
export class ValidityOverlap extends ErrorResult {
  @Field(() => FeeScheduleVersion)
  conflictingVersion!: FeeScheduleVersion;
}

@ObjectType({ implements: ErrorResult, description: "Days between an existing version and the new one would have no rules at all." })
export class ValidityGap extends ErrorResult {
  @Field(() => FeeScheduleVersion, { description: "The version the new one fails to meet." })
  conflictingVersion!: FeeScheduleVersion;
}

export enum VersionNotWithdrawableReason {
  LATER_VERSION_EXISTS = "LATER_VERSION_EXISTS",
  ONLY_VERSION = "ONLY_VERSION",
  USED_BY_CLAIMS = "USED_BY_CLAIMS",
}
registerEnumType(VersionNotWithdrawableReason, {
  name: "VersionNotWithdrawableReason",
  description:
    "LATER_VERSION_EXISTS: withdraw the later one first. ONLY_VERSION: retire the schedule instead. USED_BY_CLAIMS: fees were computed with it.",
});

@ObjectType({ implements: ErrorResult, description: "This version cannot be withdrawn." })
export class VersionNotWithdrawable extends ErrorResult {
  @Field(() => VersionNotWithdrawableReason)
  reason!: VersionNotWithdrawableReason;
}

export const CreateFeeScheduleError = createUnionType({ name: "CreateFeeScheduleError", types: () => [FeeScheduleNameTaken] as const });
export const UpdateFeeScheduleError = createUnionType({
  name: "UpdateFeeScheduleError",
  types: () => [NotFound, FeeScheduleNameTaken] as const,
});
export const AddFeeScheduleVersionError = createUnionType({
  name: "AddFeeScheduleVersionError",
  types: () => [NotFound, VersionInForce, ValidityOverlap, ValidityGap] as const,
});
export const WithdrawFeeScheduleVersionError = createUnionType({
  name: "WithdrawFeeScheduleVersionError",
  types: () => [NotFound, VersionInForce, VersionNotWithdrawable] as const,
});
export const SetTenantDefaultFeeScheduleError = createUnionType({
  name: "SetTenantDefaultFeeScheduleError",
  types: () => [NotFound] as const,
});
export const RetireFeeScheduleError = createUnionType({
  name: "RetireFeeScheduleError",
  types: () => [NotFound, FeeScheduleInUse] as const,
});

@ObjectType()
export class CreateFeeSchedulePayload {
  @Field(() => FeeSchedule, { nullable: true, description: "The new schedule; null when it was not created." })
  feeSchedule!: FeeSchedule | null;

  @Field(() => [CreateFeeScheduleError])
  errors!: Array<typeof CreateFeeScheduleError>;
}

@ObjectType()
export class UpdateFeeSchedulePayload {
  @Field(() => FeeSchedule, { nullable: true })
  feeSchedule!: FeeSchedule | null;

  @Field(() => [UpdateFeeScheduleError])
  errors!: Array<typeof UpdateFeeScheduleError>;
}

@ObjectType()
export class AddFeeScheduleVersionPayload {
  @Field(() => FeeSchedule, { nullable: true, description: "The schedule with all its versions; null when nothing was added." })
  feeSchedule!: FeeSchedule | null;

  @Field(() => FeeScheduleVersion, { nullable: true, description: "The version added." })
  feeScheduleVersion!: FeeScheduleVersion | null;

  @Field(() => [AddFeeScheduleVersionError])
  errors!: Array<typeof AddFeeScheduleVersionError>;
}

@ObjectType()
export class WithdrawFeeScheduleVersionPayload {
  @Field(() => FeeSchedule, { nullable: true })
  feeSchedule!: FeeSchedule | null;

  @Field(() => [WithdrawFeeScheduleVersionError])
  errors!: Array<typeof WithdrawFeeScheduleVersionError>;
}

@ObjectType()
export class SetTenantDefaultFeeSchedulePayload {
  @Field(() => FeeSchedule, { nullable: true })
  feeSchedule!: FeeSchedule | null;

  @Field(() => [SetTenantDefaultFeeScheduleError])
  errors!: Array<typeof SetTenantDefaultFeeScheduleError>;
}

@ObjectType()
export class RetireFeeSchedulePayload {
  @Field(() => FeeSchedule, { nullable: true })
  feeSchedule!: FeeSchedule | null;

  @Field(() => [RetireFeeScheduleError])
  errors!: Array<typeof RetireFeeScheduleError>;
}
