import {
  type DurationCategory as DomainDurationCategory,
  type FeeBasis as DomainFeeBasis,
  type FeeCategory as DomainFeeCategory,
  type FeeRounding as DomainFeeRounding,
  type HourlyRateRounding as DomainHourlyRateRounding,
  type PayoutMethod as DomainPayoutMethod,
  DURATION_CATEGORIES,
  FEE_BASES,
  FEE_CATEGORIES,
  FEE_ROUNDINGS,
  HOURLY_RATE_ROUNDINGS,
  PAYOUT_METHODS,
  VALIDITY_STATUSES,
  type ValidityStatus,
} from "@medverkan/domain";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";
import { Money } from "./money.type.js";

// The enums are the domain's lists (the database uses the same values), registered under the domain's names.
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const FeeBasis = enumOf<DomainFeeBasis>(FEE_BASES);
export type FeeBasis = DomainFeeBasis;
registerEnumType(FeeBasis, {
  name: "FeeBasis",
  description: "FIXED_AMOUNTS: rates are öre. SHARE_OF_PRICE_BASE_AMOUNT: rates are basis points of the occasion year's PBB.",
});

export const DurationCategory = enumOf<DomainDurationCategory>(DURATION_CATEGORIES);
export type DurationCategory = DomainDurationCategory;
registerEnumType(DurationCategory, { name: "DurationCategory", description: "A fee category chosen by the length of an occasion." });

export const FeeCategory = enumOf<DomainFeeCategory>(FEE_CATEGORIES);
export type FeeCategory = DomainFeeCategory;
registerEnumType(FeeCategory, { name: "FeeCategory", description: "The category a fee was computed in: by length, or HOURLY." });

export const FeeRounding = enumOf<DomainFeeRounding>(FEE_ROUNDINGS);
export type FeeRounding = DomainFeeRounding;
registerEnumType(FeeRounding, { name: "FeeRounding", description: "How a computed fee is rounded (once, at the end)." });

export const HourlyRateRounding = enumOf<DomainHourlyRateRounding>(HOURLY_RATE_ROUNDINGS);
export type HourlyRateRounding = DomainHourlyRateRounding;
registerEnumType(HourlyRateRounding, {
  name: "HourlyRateRounding",
  description: "ROUND_TOTAL: rate × time, rounded once. ROUND_RATE: the hourly rate is rounded first, as a region publishes it.",
});

export const PayoutMethod = enumOf<DomainPayoutMethod>(PAYOUT_METHODS);
export type PayoutMethod = DomainPayoutMethod;
registerEnumType(PayoutMethod, { name: "PayoutMethod", description: "SALARY: tax withheld. FEE: paid without withholding." });

export const FeeScheduleVersionStatus = enumOf<ValidityStatus>(VALIDITY_STATUSES);
export type FeeScheduleVersionStatus = ValidityStatus;
registerEnumType(FeeScheduleVersionStatus, {
  name: "FeeScheduleVersionStatus",
  description: "PAST and IN_FORCE versions are history and never change; only UPCOMING ones may be withdrawn.",
});

@ObjectType({
  description: "A rate as the schedule states it: a fixed amount, or a share of the price base amount of the occasion's year.",
})
export class FeeRate {
  @Field(() => Int, { description: "As stored: öre under FIXED_AMOUNTS, basis points (360 = 3.6 %) under SHARE_OF_PRICE_BASE_AMOUNT." })
  value!: number;

  @Field(() => Money, { nullable: true, description: "Set under FIXED_AMOUNTS." })
  amount!: Money | null;

  @Field(() => Int, { nullable: true, description: "Set under SHARE_OF_PRICE_BASE_AMOUNT: basis points of the PBB." })
  basisPoints!: number | null;
}

@ObjectType({ description: "A duration category and its rate." })
export class FeeCategoryRule {
  @Field(() => DurationCategory)
  category!: DurationCategory;

  @Field(() => Int, {
    nullable: true,
    description: "Longest occasion in minutes (inclusive) still in this category; null for the last, open-ended one.",
  })
  upToMinutes!: number | null;

  @Field(() => FeeRate)
  rate!: FeeRate;
}

@ObjectType({
  description: "One validity period of a fee schedule; a fee is always computed with the version valid on the occasion's date.",
})
export class FeeScheduleVersion {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "First day it applies (ISO date, inclusive)." })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: "First day it no longer applies (ISO date, exclusive); null while open-ended." })
  validTo!: string | null;

  @Field(() => FeeScheduleVersionStatus, { description: "Where the version stands today in the tenant's time zone." })
  status!: FeeScheduleVersionStatus;

  @Field(() => FeeBasis)
  basis!: FeeBasis;

  @Field(() => [FeeCategoryRule], { description: "Shortest first; the last one open-ended." })
  categories!: FeeCategoryRule[];

  @Field(() => FeeRate, { nullable: true, description: "Rate per hour a claimant may choose instead of the short-occasion fee." })
  hourlyRate!: FeeRate | null;

  @Field(() => Boolean, { description: "Whether travel time counts toward the occasion's length." })
  travelTimeCounts!: boolean;

  @Field(() => FeeRounding)
  rounding!: FeeRounding;

  @Field(() => HourlyRateRounding, { description: "Whether hourly rates are rounded per hour before multiplying, or the total once." })
  hourlyRateRounding!: HourlyRateRounding;

  @Field(() => Money, { description: "Mileage allowance per kilometre." })
  mileagePerKm!: Money;

  @Field(() => Boolean, { description: "Whether agreed preparation time is paid on top of the fee." })
  preparationPaid!: boolean;

  @Field(() => FeeRate, { nullable: true, description: "Rate per hour of paid preparation." })
  preparationHourlyRate!: FeeRate | null;

  @Field(() => PayoutMethod)
  payoutMethod!: PayoutMethod;

  @Field(() => Int, { description: "Tax withheld when paid as salary, in basis points (3000 = 30 %); 0 for FEE." })
  withholdingBasisPoints!: number;

  @Field(() => Int, { nullable: true, description: "Employer's social fees in basis points, for the payer's information." })
  employerSocialFeeBasisPoints!: number | null;

  @Field(() => String, { nullable: true, description: "The governing document the version comes from." })
  sourceDocument!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: "A named fee schedule; its rules live in dated versions, so history is never rewritten." })
export class FeeSchedule {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  /** The tenant's calendar day when the schedule was read, for the versions' status. */
  today!: string;
  currency!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "Used by every network that names no schedule of its own." })
  isTenantDefault!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Set when retired: kept for history and existing claims." })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing the schedule or its versions." })
  version!: number;

  @Field(() => [FeeScheduleVersion], { description: "Oldest first." })
  versions?: FeeScheduleVersion[];

  @Field(() => FeeScheduleVersion, { nullable: true, description: "The version in force today, if any." })
  currentVersion?: FeeScheduleVersion | null;
}

export const FeeScheduleConnection = Connection(FeeSchedule, "FeeSchedule");
