import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { AddPriceBaseAmountInput } from "./price-base-amount.input.js";
import { AddPriceBaseAmountPayload } from "./price-base-amount.payload.js";
import { addPriceBaseAmount, getPriceBaseAmounts } from "./price-base-amount.service.js";
import { PriceBaseAmount } from "./price-base-amount.type.js";

@Resolver(() => PriceBaseAmount)
export class PriceBaseAmountResolver {
  // A plain list, not a connection: one row per calendar year (the domain accepts 1960–2200), read whole.
  @Query(() => [PriceBaseAmount], {
    description: "Anyone signed in: the price base amount (PBB) of every year in the table, oldest first.",
  })
  priceBaseAmounts(@Ctx() ctx: RequestContext): Promise<PriceBaseAmount[]> {
    return getPriceBaseAmounts(ctx);
  }

  @Mutation(() => AddPriceBaseAmountPayload, { description: "Platform operators: add the price base amount of a new year." })
  addPriceBaseAmount(
    @Arg("input", () => AddPriceBaseAmountInput) input: AddPriceBaseAmountInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AddPriceBaseAmountPayload> {
    return addPriceBaseAmount(ctx, input);
  }
}
