import { Field, Int, ObjectType } from "type-graphql";
import { Money } from "../fee-schedule/money.type.js";

@ObjectType({ description: "Sweden's price base amount (prisbasbelopp, PBB) for one calendar year: platform data." })
export class PriceBaseAmount {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: "Whole kronor, as the government sets it (2024: 57300)." })
  amountKronor!: number;

  @Field(() => Money, { description: "The same amount in öre, in SEK." })
  amount!: Money;

  @Field(() => Date)
  createdAt!: Date;
}
