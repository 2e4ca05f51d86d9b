import { coordinatedNetworks } from "../auth/actor.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { findMember, listMembers, type MemberFilter, type MemberRow, type NetworkVisibility } from "./member.repository.js";
import type { Member } from "./member.type.js";

function toMember(row: MemberRow): Member {
  return {
    ...row,
    birthDate: row.birthDate ? row.birthDate.toISOString().slice(0, 10) : null,
    perspectives: row.perspectives as Member["perspectives"],
  };
}

/** Coordinators see members of the networks they coordinate only; the member sees themself. */
function visibility(ctx: RequestContext, memberId?: string): NetworkVisibility {
  if (ctx.actor.kind === "MEMBER" && memberId === ctx.actor.memberId) return "ALL";
  return coordinatedNetworks(ctx.actor);
}

/** One member, audited as a read of personal data in the same transaction as the read. */
export async function getMember(ctx: RequestContext, id: string, purpose: string | null): Promise<Member | null> {
  const actor = requireTenantActor(ctx);
  if (!isId(id)) return null;
  const networks = visibility(ctx, id);
  if (networks !== "ALL" && networks.length === 0) return null;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const row = await findMember(tx, actor.tenantId, id, networks);
    if (!row) return null;
    if (actor.kind === "STAFF") {
      await ctx.audit.record(tx, actor.tenantId, { action: "READ", subjectType: "Member", subjectId: row.id, memberId: row.id, purpose });
    }
    return toMember(row);
  });
}

/** A page of the pool for a coordinator; each member on the page is an audited read. */
export async function listPool(ctx: RequestContext, filter: MemberFilter, args: PageArgs) {
  const actor = requireTenantActor(ctx);
  const page = toPageRequest(args, ctx.locale);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) return toPage([], page, 0);
  if (filter.networkId && !isId(filter.networkId)) return toPage([], page, 0);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction(async (tx) => {
    const result = await listMembers(tx, actor.tenantId, networks, filter, page);
    await ctx.audit.record(
      tx,
      actor.tenantId,
      result.rows.slice(0, page.take).map((row) => ({
        action: "READ" as const,
        subjectType: "Member",
        subjectId: row.id,
        memberId: row.id,
        purpose: "pool listing",
      })),
    );
    return result;
  });
  return toPage(rows.map(toMember), page, total);
}
