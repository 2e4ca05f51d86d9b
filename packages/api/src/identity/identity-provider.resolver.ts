import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { Tenant } from "../tenant/tenant.type.js";
import { AddIdentityProviderInput, DisableIdentityProviderInput, UpdateIdentityProviderInput } from "./identity-provider.input.js";
import { IdentityProviderPayload } from "./identity-provider.payload.js";
import {
  addIdentityProvider,
  disableIdentityProvider,
  listTenantIdentityProviders,
  updateIdentityProvider,
} from "./identity-provider.service.js";
import { IdentityProvider } from "./identity-provider.type.js";

@Resolver(() => Tenant)
export class TenantIdentityProvidersResolver {
  @FieldResolver(() => [IdentityProvider], { description: "Where people of this tenant sign in (enabled identity providers)." })
  identityProviders(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<IdentityProvider[]> {
    return listTenantIdentityProviders(ctx, tenant.id);
  }
}

@Resolver(() => IdentityProvider)
export class IdentityProviderResolver {
  @Mutation(() => IdentityProviderPayload, { description: "Tenant admin: trust another OpenID Connect issuer (validated, audited)." })
  addIdentityProvider(@Arg("input", () => AddIdentityProviderInput) input: AddIdentityProviderInput, @Ctx() ctx: RequestContext) {
    return addIdentityProvider(ctx, input);
  }

  @Mutation(() => IdentityProviderPayload, { description: "Tenant admin: change an identity provider (expectedVersion, audited)." })
  updateIdentityProvider(@Arg("input", () => UpdateIdentityProviderInput) input: UpdateIdentityProviderInput, @Ctx() ctx: RequestContext) {
    return updateIdentityProvider(ctx, input);
  }

  @Mutation(() => IdentityProviderPayload, { description: "Tenant admin: stop trusting an identity provider (expectedVersion, audited)." })
  disableIdentityProvider(
    @Arg("input", () => DisableIdentityProviderInput) input: DisableIdentityProviderInput,
    @Ctx() ctx: RequestContext,
  ) {
    return disableIdentityProvider(ctx, input);
  }
}
