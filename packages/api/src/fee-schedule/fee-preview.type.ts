import { type FeeFailureCode as DomainFeeFailureCode, FEE_FAILURE_CODES } from "@medverkan/domain";
import { createUnionType, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { PriceBaseAmount } from "../price-base-amount/price-base-amount.type.js";
import { FeeCategory, FeeScheduleVersion, PayoutMethod } from "./fee-schedule.type.js";
import { Money } from "./money.type.js";

export const FeeFailureCode = Object.fromEntries(FEE_FAILURE_CODES.map((code) => [code, code])) as { [K in DomainFeeFailureCode]: K };
export type FeeFailureCode = DomainFeeFailureCode;
registerEnumType(FeeFailureCode, { name: "FeeFailureCode", description: "Why a fee cannot be computed for the given occasion." });

@ObjectType({ description: "A fee computed for an occasion, line by line, as a claim would be; nothing is stored." })
export class FeePreview {
  @Field(() => FeeScheduleVersion, { description: "The version valid on the occasion's date, which the fee was computed with." })
  feeScheduleVersion!: FeeScheduleVersion;

  @Field(() => String, { description: "ISO date of the occasion." })
  occasionDate!: string;

  @Field(() => FeeCategory)
  category!: FeeCategory;

  @Field(() => Int, { description: "Minutes used to choose the category: the occasion, plus travel when the schedule counts it." })
  countedMinutes!: number;

  @Field(() => PriceBaseAmount, {
    nullable: true,
    description: "The price base amount used (the occasion's year); null under fixed amounts.",
  })
  priceBaseAmount!: PriceBaseAmount | null;

  @Field(() => Money, { description: "The fee for the occasion (or the hours, when hourly)." })
  fee!: Money;

  @Field(() => Money, { description: "Paid preparation on top of the fee." })
  preparation!: Money;

  @Field(() => Money)
  mileage!: Money;

  @Field(() => Money)
  expenses!: Money;

  @Field(() => Money, { description: "Fee plus paid preparation: the part that is income." })
  taxable!: Money;

  @Field(() => Money, { description: "Tax withheld when paid as salary." })
  withholding!: Money;

  @Field(() => Money, { description: "What reaches the participant: taxable − withholding + mileage + expenses." })
  net!: Money;

  @Field(() => Money, { nullable: true, description: "Employer's social fees on the taxable part, for the payer's information." })
  employerSocialFees!: Money | null;

  @Field(() => PayoutMethod)
  payoutMethod!: PayoutMethod;

  @Field(() => [String], { description: "How the fee was reached, line by line, in the request's language." })
  explanation!: string[];

  @Field(() => [String])
  explanationSv!: string[];

  @Field(() => [String])
  explanationEn!: string[];
}

@ObjectType({
  implements: ErrorResult,
  description: "The schedule cannot give a fee for this occasion (no version on that date, no PBB for the year …).",
})
export class FeeNotComputable extends ErrorResult {
  @Field(() => FeeFailureCode)
  reason!: FeeFailureCode;

  @Field(() => String, { nullable: true, description: "The input at fault, e.g. `input.occasionDate`." })
  field!: string | null;
}

export const FeePreviewError = createUnionType({ name: "FeePreviewError", types: () => [NotFound, FeeNotComputable] as const });

@ObjectType({ description: "A fee preview, or why there is none." })
export class FeePreviewResult {
  @Field(() => FeePreview, { nullable: true })
  preview!: FeePreview | null;

  @Field(() => [FeePreviewError])
  errors!: Array<typeof FeePreviewError>;
}
