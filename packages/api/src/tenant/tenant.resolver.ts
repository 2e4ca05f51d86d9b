import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { listNetworks } from "../network/network.service.js";
import { NetworkConnection } from "../network/network.type.js";
import { getCurrentConsentText, getTenantBySlug } from "./tenant.service.js";
import { ConsentKind, ConsentText, Tenant } from "./tenant.type.js";

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { nullable: true, description: "Public: a tenant by its slug, for regional front ends." })
  tenant(@Arg("slug", () => String) slug: string, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return getTenantBySlug(ctx, slug);
  }

  @FieldResolver(() => NetworkConnection, { description: "The tenant's networks (pools) that are open." })
  networks(@Root() tenant: Tenant, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listNetworks(ctx, tenant.id, page);
  }

  @FieldResolver(() => ConsentText, { nullable: true, description: "The consent text currently shown for this kind." })
  currentConsentText(@Root() tenant: Tenant, @Arg("kind", () => ConsentKind) kind: ConsentKind, @Ctx() ctx: RequestContext) {
    return getCurrentConsentText(ctx, tenant.id, kind);
  }
}
