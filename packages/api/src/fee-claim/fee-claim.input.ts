import { Field, ID, InputType, Int } from "type-graphql";
import { FeeExpenseInput } from "../fee-schedule/fee-schedule.input.js";

@InputType()
export class PrepareFeeClaimsInput {
  @Field(() => ID, { description: "A held occasion: a draft claim is made for every participant who attended it." })
  occasionId!: string;
}

/** What the claimant may state on a draft; anything left out stays as it is. */
@InputType()
export class FeeClaimFactsInput {
  @Field(() => Int, { nullable: true, description: "Whole kilometres driven (there and back)." })
  mileageKm?: number | null;

  @Field(() => [FeeExpenseInput], { nullable: true, description: "Replaces every expense of the claim." })
  expenses?: FeeExpenseInput[] | null;

  @Field(() => Int, { nullable: true, description: "Agreed extra preparation, in minutes." })
  preparationMinutes?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Take the hourly rate instead of the short-occasion fee." })
  hourly?: boolean | null;
}

@InputType()
export class UpdateFeeClaimInput extends FeeClaimFactsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class FeeClaimActionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Coordinators of the claim's network: the participant signed the claim's figures on a paper form." })
export class RecordPaperSignedFeeClaimInput extends FeeClaimActionInput {
  @Field(() => Date, { description: "When the participant signed the paper (not in the future)." })
  signedAt!: Date;
}

@InputType()
export class RejectFeeClaimInput extends FeeClaimActionInput {
  @Field(() => String, { description: "What must be corrected; the participant reads it." })
  reason!: string;
}

@InputType()
export class CorrectFeeClaimInput extends FeeClaimFactsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { description: "Why the attested claim is corrected; kept in the history." })
  reason!: string;
}
