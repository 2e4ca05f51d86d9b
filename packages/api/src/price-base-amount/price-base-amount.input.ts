import { Field, InputType, Int } from "type-graphql";

@InputType({ description: "The price base amount of a year not yet in the table." })
export class AddPriceBaseAmountInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: "Whole kronor, as the government sets it (2026: 59200)." })
  amountKronor!: number;
}
