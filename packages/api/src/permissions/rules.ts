import { type IRule, rule } from "graphql-shield";
import { coordinatedNetworks, hasRole } from "../auth/actor.js";
import type { RequestContext } from "../context/request-context.js";
import { can, Permission } from "./permission.js";

// Rule atoms shared by the features' permission maps. `contextual` rules depend only on the actor, so shield
// evaluates them once per request; `strict` rules look at the parent object as well.

export const isAuthenticated: IRule = rule("isAuthenticated", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => ctx.actor.kind !== "ANONYMOUS",
);

export const isTenantStaff: IRule = rule("isTenantStaff", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => ctx.actor.kind === "STAFF",
);

export const isCoordinator: IRule = rule("isCoordinator", { cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  hasRole(ctx.actor, "COORDINATOR"),
);

/** A tenant-wide administrator of the caller's tenant (configuration is never granted per network). */
export const isTenantAdmin: IRule = rule("isTenantAdmin", { cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  can(ctx.actor, Permission.ConfigureTenant),
);

const permissionRules = new Map<Permission, IRule>();

/**
 * The shield's gate for a permission of the vocabulary (permission.ts), named after it in the permission map; the
 * service behind the field narrows to the networks with `networksWhere` from the same table.
 */
export function permissionRule(permission: Permission): IRule {
  let existing = permissionRules.get(permission);
  if (!existing) {
    existing = rule(`can(${permission})`, { cache: "contextual" })((_parent, _args, ctx: RequestContext) => can(ctx.actor, permission));
    permissionRules.set(permission, existing);
  }
  return existing;
}

export const isPlatformOperator: IRule = rule("isPlatformOperator", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => ctx.actor.kind === "PLATFORM_OPERATOR",
);

export const isMember: IRule = rule("isMember", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => ctx.actor.kind === "MEMBER",
);

/**
 * Field-level guard on a member's personal data: the member themself, or a coordinator of one of the networks the
 * member belongs to. Services already filter what they return; this holds even if a future path forgets to.
 */
// Cached per member for the request: the answer depends on the member's id and tenant only ("strict" would hash the
// whole parent object for every guarded field, which cost more than the check on a page of candidates).
export const canReadMemberPersonalData: IRule = rule("canReadMemberPersonalData", {
  cache: (member: { id: string; tenantId: string }) => `${member.tenantId}:${member.id}`,
})(async (member: { id: string; tenantId: string }, _args, ctx: RequestContext) => {
  const actor = ctx.actor;
  if (!("tenantId" in actor) || actor.tenantId !== member.tenantId) return false;
  if (actor.kind === "MEMBER") return actor.memberId === member.id;
  const networks = coordinatedNetworks(actor);
  if (networks === "ALL") return true;
  if (networks.length === 0) return false;
  const memberships = await ctx.loaders(member.tenantId).membershipsByMemberId.load(member.id);
  return memberships.some((membership) => networks.includes(membership.networkId));
});
