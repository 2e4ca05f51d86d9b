import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { getMember } from "../member/member.service.js";
import { Member } from "../member/member.type.js";
import { Network } from "../network/network.type.js";
import { getViewer } from "./viewer.service.js";
import { RoleGrant, Viewer } from "./viewer.type.js";

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: "Who you are: your tenant, your roles, your own member profile." })
  me(@Ctx() ctx: RequestContext): Promise<Viewer | null> {
    return getViewer(ctx);
  }

  @FieldResolver(() => Member, { nullable: true, description: "Your own profile, if you are a member." })
  member(@Root() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<Member | null> {
    return viewer.memberId ? getMember(ctx, viewer.memberId, "own profile") : Promise.resolve(null);
  }
}

@Resolver(() => RoleGrant)
export class RoleGrantResolver {
  @FieldResolver(() => Network, { nullable: true })
  network(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext) {
    return grant.networkId ? ctx.loaders(grant.tenantId).networkById.load(grant.networkId) : null;
  }
}
