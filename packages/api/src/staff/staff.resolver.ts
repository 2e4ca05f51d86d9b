import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import { Unit } from "../organisation/organisation.type.js";
import { StaffRole } from "../viewer/viewer.type.js";
import {
  CreateStaffUserInput,
  DisableStaffUserInput,
  EnableStaffUserInput,
  GrantRoleInput,
  InviteStaffUserInput,
  RevokeRoleInput,
  UpdateStaffUserInput,
} from "./staff.input.js";
import {
  CreateStaffUserPayload,
  DisableStaffUserPayload,
  EnableStaffUserPayload,
  GrantRolePayload,
  InviteStaffUserPayload,
  RevokeRolePayload,
  UpdateStaffUserPayload,
} from "./staff.payload.js";
import {
  createStaffUser,
  disableStaffUser,
  enableStaffUser,
  getStaffUser,
  grantRole,
  inviteStaffUser,
  listStaffUsersForAdmin,
  revokeRole,
  toStaffRoleGrant,
  updateStaffUser,
} from "./staff.service.js";
import { StaffRoleGrant, StaffUser, StaffUserConnection } from "./staff.type.js";

@Resolver(() => StaffUser)
export class StaffUserResolver {
  @Query(() => StaffUser, { nullable: true, description: "Tenant admin: a staff user of your tenant." })
  staffUser(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<StaffUser | null> {
    return getStaffUser(ctx, id);
  }

  @Query(() => StaffUserConnection, { description: "Tenant admin: the staff users of your tenant, optionally those holding a role." })
  staffUsers(
    @Arg("includeDisabled", () => Boolean, { defaultValue: false }) includeDisabled: boolean,
    @Arg("role", () => StaffRole, { nullable: true, description: "Only people with an active grant of this role." }) role: StaffRole | null,
    @Arg("networkId", () => ID, { nullable: true, description: "Only people with an active grant for this network." })
    networkId: string | null,
    @Arg("unitId", () => ID, { nullable: true, description: "Only people working at this unit." }) unitId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listStaffUsersForAdmin(ctx, { includeDisabled, role: role ?? null, networkId: networkId ?? null, unitId: unitId ?? null }, page);
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() staffUser: StaffUser, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return staffUser.unitId ? ctx.loaders(staffUser.tenantId).unitById.load(staffUser.unitId) : null;
  }

  @FieldResolver(() => [StaffRoleGrant])
  async roleGrants(
    @Root() staffUser: StaffUser,
    @Arg("includeRevoked", () => Boolean, { defaultValue: false }) includeRevoked: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<StaffRoleGrant[]> {
    const rows = await ctx.loaders(staffUser.tenantId).roleGrantsByStaffUserId.load(staffUser.id);
    return rows.filter((row) => includeRevoked || row.revokedAt === null).map(toStaffRoleGrant);
  }

  @Mutation(() => CreateStaffUserPayload, {
    description: "Tenant admin: add a staff user who signs in through the tenant's identity provider.",
  })
  createStaffUser(
    @Arg("input", () => CreateStaffUserInput) input: CreateStaffUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateStaffUserPayload> {
    return createStaffUser(ctx, input);
  }

  @Mutation(() => InviteStaffUserPayload, {
    description:
      "Tenant admin: invite a staff user by HSA-id or e-mail; their first login from one of the tenant's staff identity providers with that identifier is linked to them.",
  })
  inviteStaffUser(
    @Arg("input", () => InviteStaffUserInput) input: InviteStaffUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InviteStaffUserPayload> {
    return inviteStaffUser(ctx, input);
  }

  @Mutation(() => UpdateStaffUserPayload, { description: "Tenant admin: change a staff user's name, contact details or unit." })
  updateStaffUser(
    @Arg("input", () => UpdateStaffUserInput) input: UpdateStaffUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateStaffUserPayload> {
    return updateStaffUser(ctx, input);
  }

  @Mutation(() => DisableStaffUserPayload, { description: "Tenant admin: stop a staff user from signing in." })
  disableStaffUser(
    @Arg("input", () => DisableStaffUserInput) input: DisableStaffUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DisableStaffUserPayload> {
    return disableStaffUser(ctx, input);
  }

  @Mutation(() => EnableStaffUserPayload, { description: "Tenant admin: let a disabled staff user sign in again." })
  enableStaffUser(
    @Arg("input", () => EnableStaffUserInput) input: EnableStaffUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EnableStaffUserPayload> {
    return enableStaffUser(ctx, input);
  }

  @Mutation(() => GrantRolePayload, { description: "Tenant admin: grant a role, tenant-wide or for one network." })
  grantRole(@Arg("input", () => GrantRoleInput) input: GrantRoleInput, @Ctx() ctx: RequestContext): Promise<GrantRolePayload> {
    return grantRole(ctx, input);
  }

  @Mutation(() => RevokeRolePayload, { description: "Tenant admin: revoke a role grant." })
  revokeRole(@Arg("input", () => RevokeRoleInput) input: RevokeRoleInput, @Ctx() ctx: RequestContext): Promise<RevokeRolePayload> {
    return revokeRole(ctx, input);
  }
}

@Resolver(() => StaffRoleGrant)
export class StaffRoleGrantResolver {
  @FieldResolver(() => Network, { nullable: true })
  network(@Root() grant: StaffRoleGrant, @Ctx() ctx: RequestContext): Promise<Network | null> | null {
    return grant.networkId ? ctx.loaders(grant.tenantId).networkById.load(grant.networkId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() grant: StaffRoleGrant, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return grant.unitId ? ctx.loaders(grant.tenantId).unitById.load(grant.unitId) : null;
  }
}
