import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { CreateNetworkInput, RetireNetworkInput, UpdateNetworkInput } from "./network.input.js";
import { CreateNetworkPayload, RetireNetworkPayload, UpdateNetworkPayload } from "./network.payload.js";
import { createNetwork, getNetwork, listNetworksForAdmin, retireNetwork, updateNetwork } from "./network.service.js";
import { Network, NetworkConnection } from "./network.type.js";

@Resolver(() => Network)
export class NetworkResolver {
  @Query(() => Network, { nullable: true, description: "A network of your own tenant." })
  network(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Network | null> {
    return getNetwork(ctx, id);
  }

  @Query(() => NetworkConnection, { description: "Tenant admin: the networks of your tenant." })
  networks(
    @Arg("includeRetired", () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listNetworksForAdmin(ctx, { includeRetired }, page);
  }

  @Mutation(() => CreateNetworkPayload, { description: "Tenant admin: add a network (pool) to your tenant." })
  createNetwork(
    @Arg("input", () => CreateNetworkInput) input: CreateNetworkInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateNetworkPayload> {
    return createNetwork(ctx, input);
  }

  @Mutation(() => UpdateNetworkPayload, { description: "Tenant admin: change a network." })
  updateNetwork(
    @Arg("input", () => UpdateNetworkInput) input: UpdateNetworkInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateNetworkPayload> {
    return updateNetwork(ctx, input);
  }

  @Mutation(() => RetireNetworkPayload, { description: "Tenant admin: close a network for registration, keeping its history." })
  retireNetwork(
    @Arg("input", () => RetireNetworkInput) input: RetireNetworkInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireNetworkPayload> {
    return retireNetwork(ctx, input);
  }
}
