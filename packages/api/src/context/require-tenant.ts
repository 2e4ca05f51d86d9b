import type { Actor, TenantActor } from "../auth/actor.js";
import { forbidden, unauthenticated } from "../common/errors/api-error.js";
import { can, Permission } from "../permissions/permission.js";
import type { RequestContext } from "./request-context.js";

/** The tenant of the verified token: the only tenant an authenticated operation may touch. */
export function requireTenantActor(ctx: RequestContext): TenantActor {
  if (!("tenantId" in ctx.actor)) throw unauthenticated(ctx.locale);
  return ctx.actor;
}

export type StaffActor = Extract<Actor, { kind: "STAFF" }>;

/**
 * A tenant-wide administrator. Shield already guards the root field; services check again so that no other path
 * (a future resolver, a script) reaches configuration without the grant.
 */
export function requireTenantAdmin(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !can(actor, Permission.ConfigureTenant)) throw forbidden(ctx.locale);
  return actor;
}

export function requirePlatformOperator(ctx: RequestContext): Extract<Actor, { kind: "PLATFORM_OPERATOR" }> {
  if (ctx.actor.kind !== "PLATFORM_OPERATOR") throw forbidden(ctx.locale);
  return ctx.actor;
}
