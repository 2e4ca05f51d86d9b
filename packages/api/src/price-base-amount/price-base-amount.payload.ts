import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { PriceBaseAmount } from "./price-base-amount.type.js";

@ObjectType({
  implements: ErrorResult,
  description: "The year is already in the table. Amounts are never overwritten: fees already computed used the amount there.",
})
export class YearExists extends ErrorResult {
  @Field(() => PriceBaseAmount, { description: "The amount the table has for the year." })
  existing!: PriceBaseAmount;
}

export const AddPriceBaseAmountError = createUnionType({ name: "AddPriceBaseAmountError", types: () => [YearExists] as const });

@ObjectType()
export class AddPriceBaseAmountPayload {
  @Field(() => PriceBaseAmount, { nullable: true, description: "The year added; null when it was not." })
  priceBaseAmount!: PriceBaseAmount | null;

  @Field(() => [AddPriceBaseAmountError])
  errors!: Array<typeof AddPriceBaseAmountError>;
}
