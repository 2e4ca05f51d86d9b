import { Field, Float, ID, InputType, Int } from "type-graphql";
import { DurationCategory, FeeBasis, FeeRounding, HourlyRateRounding, PayoutMethod } from "./fee-schedule.type.js";

@InputType({ description: "A duration category and its rate." })
export class FeeCategoryRuleInput {
  @Field(() => DurationCategory)
  category!: DurationCategory;

  @Field(() => Int, { nullable: true, description: "Longest occasion in minutes (inclusive); null (or left out) for the last category." })
  upToMinutes?: number | null;

  @Field(() => Int, { description: "Öre under FIXED_AMOUNTS; basis points of the PBB (360 = 3.6 %) under SHARE_OF_PRICE_BASE_AMOUNT." })
  value!: number;
}

@InputType({ description: "The rules of one validity period of a fee schedule (the domain's FeeScheduleVersion)." })
export class FeeScheduleVersionInput {
  @Field(() => String, {
    description: "First day it applies, ISO date (YYYY-MM-DD). A new version of an existing schedule starts tomorrow at the earliest.",
  })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: "First day it no longer applies (exclusive); null (or left out) while open-ended." })
  validTo?: string | null;

  @Field(() => FeeBasis)
  basis!: FeeBasis;

  @Field(() => [FeeCategoryRuleInput], { description: "Shortest first; increasing limits; the last one without a limit." })
  categories!: FeeCategoryRuleInput[];

  @Field(() => Int, {
    nullable: true,
    description: "Hourly rate instead of the short-occasion fee (unit as `value`); null if not offered.",
  })
  hourlyValue?: number | null;

  @Field(() => Boolean)
  travelTimeCounts!: boolean;

  @Field(() => FeeRounding)
  rounding!: FeeRounding;

  @Field(() => HourlyRateRounding, {
    nullable: true,
    description: "Round hourly rates per hour before multiplying (ROUND_RATE) or the total once (ROUND_TOTAL, the default).",
  })
  hourlyRateRounding?: HourlyRateRounding | null;

  @Field(() => Int, { description: "Mileage allowance in öre per kilometre (250 = 2.50 kr/km)." })
  mileageOrePerKm!: number;

  @Field(() => Boolean)
  preparationPaid!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Hourly rate for paid preparation (unit as `value`); set exactly when preparation is paid.",
  })
  preparationHourlyValue?: number | null;

  @Field(() => PayoutMethod)
  payoutMethod!: PayoutMethod;

  @Field(() => Int, { description: "Basis points withheld as tax when paid as salary (3000 = 30 %); 0 for FEE." })
  withholdingBasisPoints!: number;

  @Field(() => Int, { nullable: true, description: "Employer's social fees in basis points, shown for information." })
  employerSocialFeeBasisPoints?: number | null;

  @Field(() => String, { nullable: true, description: "The governing document, e.g. `Arvodering …, RJL 2017-08-23`." })
  sourceDocument?: string | null;
}

@InputType({ description: "A new fee schedule with its first version." })
export class CreateFeeScheduleInput {
  @Field(() => String, { description: "Unique among the tenant's schedules in use." })
  name!: string;

  @Field(() => Boolean, { nullable: true, description: "Make it the tenant's default (the previous default stops being one)." })
  isTenantDefault?: boolean | null;

  @Field(() => FeeScheduleVersionInput, { description: "A new schedule has no history yet, so its first version may start on any date." })
  firstVersion!: FeeScheduleVersionInput;
}

@InputType({ description: "Renames a fee schedule. Its rules change only through new versions." })
export class UpdateFeeScheduleInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the schedule since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType({ description: "A new version of a schedule from a later date; the open-ended version before it ends where it begins." })
export class AddFeeScheduleVersionInput {
  @Field(() => ID)
  feeScheduleId!: string;

  @Field(() => Int, { description: "The schedule's `version` you read." })
  expectedVersion!: number;

  @Field(() => FeeScheduleVersionInput)
  feeScheduleVersion!: FeeScheduleVersionInput;
}

@InputType({ description: "Withdraws the latest version before it comes into force (the version before it applies again)." })
export class WithdrawFeeScheduleVersionInput {
  @Field(() => ID)
  feeScheduleId!: string;

  @Field(() => Int, { description: "The schedule's `version` you read." })
  expectedVersion!: number;

  @Field(() => ID)
  feeScheduleVersionId!: string;
}

@InputType({ description: "Makes a schedule the tenant's default; the previous default stops being one." })
export class SetTenantDefaultFeeScheduleInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Retires a schedule that no network uses; it is kept for history and existing claims." })
export class RetireFeeScheduleInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "An expense to reimburse." })
export class FeeExpenseInput {
  @Field(() => String)
  description!: string;

  @Field(() => Int, { description: "Öre." })
  amountOre!: number;
}

@InputType({ description: "The facts of an occasion to compute a fee for, as a claim would state them." })
export class FeePreviewInput {
  @Field(() => ID)
  feeScheduleId!: string;

  @Field(() => String, { description: "ISO date of the occasion; picks the schedule version and the PBB year." })
  occasionDate!: string;

  @Field(() => Int, { description: "Length of the occasion itself, without travel." })
  durationMinutes!: number;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  travelMinutes?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Claim the hourly rate instead of the short-occasion fee." })
  hourly?: boolean | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "Agreed preparation beyond what the fee covers." })
  preparationMinutes?: number | null;

  @Field(() => Float, { nullable: true, defaultValue: 0 })
  mileageKm?: number | null;

  @Field(() => [FeeExpenseInput], { nullable: true, defaultValue: [] })
  expenses?: FeeExpenseInput[] | null;
}
