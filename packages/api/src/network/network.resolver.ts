import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { getNetwork } from "./network.service.js";
import { Network } from "./network.type.js";

@Resolver(() => Network)
export class NetworkResolver {
  @Query(() => Network, { nullable: true, description: "A network of your own tenant." })
  network(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Network | null> {
    return getNetwork(ctx, id);
  }
}
