import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { RequestType } from "./request.type.js";
import { answersOf, getMyRequestOptions } from "./request-options.service.js";
import { RequestAnswer, RequestOptions } from "./request-options.type.js";

@Resolver(() => RequestType)
export class RequestOptionsResolver {
  @Query(() => RequestOptions, {
    nullable: true,
    description:
      "Requesters: the cost centres your unit may bill and the assignment types you may ask for (those of `networkId`'s request form, or all the tenant's). `unitId` only if you request for more than one unit.",
  })
  myRequestOptions(
    @Arg("unitId", () => ID, { nullable: true }) unitId: string | null,
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestOptions | null> {
    return getMyRequestOptions(ctx, unitId ?? null, networkId ?? null);
  }

  @FieldResolver(() => [RequestAnswer], {
    description: "The answers to the form's region questions, each with the question as it read when it was answered.",
  })
  answers(@Root() request: RequestType, @Ctx() ctx: RequestContext): RequestAnswer[] {
    return answersOf(request, ctx.locale);
  }
}
