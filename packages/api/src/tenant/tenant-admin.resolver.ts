import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Connection, PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Tenant, TenantSettings } from "./tenant.type.js";
import { CreateTenantInput, PublishConsentTextInput, UpdateTenantSettingsInput } from "./tenant-admin.input.js";
import { CreateTenantPayload, PublishConsentTextPayload, UpdateTenantSettingsPayload } from "./tenant-admin.payload.js";
import { createTenant, listAllTenants, publishConsentText } from "./tenant-admin.service.js";
import { getTenantSettings, updateTenantSettings } from "./tenant-settings.service.js";

export const TenantConnection = Connection(Tenant, "Tenant");

@Resolver()
export class TenantAdminResolver {
  @Query(() => TenantConnection, { description: "Platform operators: every tenant on the platform." })
  tenants(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listAllTenants(ctx, page);
  }

  @Mutation(() => CreateTenantPayload, { description: "Platform operators: a new region and its first administrator." })
  createTenant(@Arg("input", () => CreateTenantInput) input: CreateTenantInput, @Ctx() ctx: RequestContext): Promise<CreateTenantPayload> {
    return createTenant(ctx, input);
  }

  @Mutation(() => PublishConsentTextPayload, { description: "Tenant admins: publish a new version of a consent text." })
  publishConsentText(
    @Arg("input", () => PublishConsentTextInput) input: PublishConsentTextInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PublishConsentTextPayload> {
    return publishConsentText(ctx, input);
  }

  @Query(() => TenantSettings, { nullable: true, description: "Tenant admins: the own tenant's settings." })
  tenantSettings(@Ctx() ctx: RequestContext): Promise<TenantSettings | null> {
    return getTenantSettings(ctx);
  }

  @Mutation(() => UpdateTenantSettingsPayload, {
    description: "Tenant admins: the own tenant's name, invitation answer time, statistics threshold, retention and fee attester.",
  })
  updateTenantSettings(
    @Arg("input", () => UpdateTenantSettingsInput) input: UpdateTenantSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateTenantSettingsPayload> {
    return updateTenantSettings(ctx, input);
  }
}
