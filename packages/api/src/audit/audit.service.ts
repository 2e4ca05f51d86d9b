import type { AuditAction as DatabaseAuditAction } from "@medverkan/database";
import { forbidden } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import { toSortedPage, toSortedPageRequest } from "../common/pagination/ordering.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import { type AuditEventFilter, type AuditEventOrderBy, auditEventSorting } from "./audit.input.js";
import { findMemberIdsOfNetworks, listAccessesToMember, listAuditEvents } from "./audit.repository.js";
import type { AuditAction, AuditActorType, AuditEvent, DataAccessLogEntry } from "./audit.type.js";

/**
 * The tenant's audit log: a tenant admin reads all of it; a coordinator reads the events about members of the
 * networks they coordinate (SPEC §1: their networks' members only). Anyone else is refused.
 */
export async function listTenantAuditEvents(
  ctx: RequestContext,
  filter: AuditEventFilter | null,
  args: PageArgs,
  orderBy: Partial<AuditEventOrderBy> | null = null,
) {
  const actor = requireTenantActor(ctx);
  const page = toSortedPageRequest(args, orderBy, auditEventSorting, ctx.locale);
  const networks = networksWhere(actor, Permission.ReadAuditLog);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  if ((filter?.memberId && !isId(filter.memberId)) || (filter?.actorId && !isId(filter.actorId)))
    return toSortedPage([], page, auditEventSorting, 0);

  const { rows, total } = await ctx.scope(actor.tenantId).transaction(async (tx) => {
    const memberIds = networks === "ALL" ? ("ALL" as const) : await findMemberIdsOfNetworks(tx, actor.tenantId, networks);
    return listAuditEvents(
      tx,
      actor.tenantId,
      {
        memberIds,
        memberId: filter?.memberId ?? null,
        actorId: filter?.actorId ?? null,
        action: (filter?.action as DatabaseAuditAction | null | undefined) ?? null,
        from: filter?.from ?? null,
        to: filter?.to ?? null,
      },
      page,
    );
  });
  return toSortedPage(
    rows.map(
      (row): AuditEvent => ({
        ...row,
        actorType: row.actorType as AuditActorType,
        action: row.action as AuditAction,
        details:
          row.details && typeof row.details === "object" && !Array.isArray(row.details) ? (row.details as Record<string, unknown>) : null,
      }),
    ),
    page,
    auditEventSorting,
    total,
  );
}

/**
 * "Who read my data" for the member themself: every act on their data by someone else, with role, unit, time and
 * purpose. Staff are not named: IMY's guidance on access logs asks that the person can see that, when and in which
 * capacity their data was accessed; the identity of an individual employee is disclosed on request where the person
 * needs it to exercise their rights (CJEU C-579/21), which the region handles outside the API.
 */
export async function listMyDataAccessLog(ctx: RequestContext, args: PageArgs) {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total, unitNames } = await ctx
    .scope(actor.tenantId)
    .transaction((tx) => listAccessesToMember(tx, actor.tenantId, actor.memberId, page));
  return toPage(
    rows.map(
      (row): DataAccessLogEntry => ({
        id: row.id,
        at: row.at,
        action: row.action as AuditAction,
        actorType: row.actorType as AuditActorType,
        roles: row.actorRole ? row.actorRole.split(",") : [],
        unitName: row.actorUnitId ? (unitNames.get(row.actorUnitId) ?? null) : null,
        subjectType: row.subjectType,
        purpose: row.purpose,
      }),
    ),
    page,
    total,
  );
}
