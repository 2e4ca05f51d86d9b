import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { listOpenNetworks } from "./network.repository.js";
import type { Network } from "./network.type.js";

/** Public: the open networks of a tenant. */
export async function listNetworks(ctx: RequestContext, tenantId: string, args: PageArgs) {
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(tenantId).transaction((tx) => listOpenNetworks(tx, tenantId, page));
  return toPage(rows, page, total);
}

/** A network of the caller's own tenant; another tenant's network is indistinguishable from none. */
export async function getNetwork(ctx: RequestContext, id: string): Promise<Network | null> {
  const actor = requireTenantActor(ctx);
  if (!isId(id)) return null;
  return ctx.loaders(actor.tenantId).networkById.load(id);
}
