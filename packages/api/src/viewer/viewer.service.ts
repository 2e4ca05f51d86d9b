import { assertUnreachable } from "../common/assert-unreachable.js";
import type { RequestContext } from "../context/request-context.js";
import { getTenantById } from "../tenant/tenant.service.js";
import type { RoleGrant, Viewer } from "./viewer.type.js";
import { ViewerKind } from "./viewer.type.js";

export async function getViewer(ctx: RequestContext): Promise<Viewer | null> {
  const actor = ctx.actor;
  switch (actor.kind) {
    case "ANONYMOUS":
      return null;
    case "PLATFORM_OPERATOR":
      return { kind: ViewerKind.PLATFORM_OPERATOR, subject: actor.subject, name: null, tenant: null, roles: [], memberId: null };
    case "STAFF":
    case "MEMBER":
    case "CITIZEN": {
      const tenant = await getTenantById(ctx, actor.tenantId);
      const roles: RoleGrant[] =
        actor.kind === "STAFF"
          ? actor.grants.map((grant) => ({ ...grant, tenantId: actor.tenantId, role: grant.role as RoleGrant["role"] }))
          : [];
      return {
        kind: ViewerKind[actor.kind],
        subject: actor.subject,
        name: actor.kind === "STAFF" ? actor.name : null,
        tenant,
        roles,
        memberId: actor.kind === "MEMBER" ? actor.memberId : null,
      };
    }
    default:
      return assertUnreachable(actor);
  }
}
