import { unauthenticated } from "../common/errors/api-error.js";
import type { TenantActor } from "../auth/actor.js";
import type { RequestContext } from "./request-context.js";

/** The tenant of the verified token: the only tenant an authenticated operation may touch. */
export function requireTenantActor(ctx: RequestContext): TenantActor {
  if (!("tenantId" in ctx.actor)) throw unauthenticated(ctx.locale);
  return ctx.actor;
}
