import { Field, Int, ObjectType } from "type-graphql";

/** Money is integer öre (1/100 krona) with its currency, so no amount is ever a rounded float. */
@ObjectType({ description: "An amount of money in öre (1/100 of the currency unit) with its ISO 4217 currency." })
export class Money {
  @Field(() => Int, { description: "Öre: 206300 is 2 063 kr." })
  amountOre!: number;

  @Field(() => String, { description: "ISO 4217, e.g. `SEK`." })
  currency!: string;
}

export const money = (amountOre: number, currency: string): Money => ({ amountOre, currency });
