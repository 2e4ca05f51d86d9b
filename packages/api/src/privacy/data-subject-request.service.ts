import type { RegistrationChannel as DatabaseChannel, DataSubjectRequestKind as DatabaseKind } from "@medverkan/database";
import { dataSubjectRequestDueAt, fieldError, validateDataSubjectRequestEntry } from "@medverkan/domain";
import { findMemberIdsOfNetworks } from "../audit/audit.repository.js";
import { coordinatedNetworks, type TenantActor } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { RegistrationChannel } from "../member/member.type.js";
import { can, networksWhere, Permission } from "../permissions/permission.js";
import type { CompleteDataSubjectRequestInput, DataSubjectRequestFilter, RecordDataSubjectRequestInput } from "./privacy.input.js";
import type { DataSubjectRequestPayload } from "./privacy.payload.js";
import {
  completeDataSubjectRequestRow,
  findDataSubjectRequest,
  findSubjectMember,
  insertDataSubjectRequest,
  listDataSubjectRequests,
} from "./privacy.repository.js";
import { toDataSubjectRequest } from "./privacy.service.js";

const REQUEST = { sv: "Begäran", en: "The request" };
const MEMBER = { sv: "Medlemmen", en: "The member" };

/**
 * Whose requests the actor may see and handle: a tenant admin all of the tenant's, a coordinator those of members of
 * the networks they coordinate (erased members included: their memberships remain).
 */
async function visibleMemberIds(tx: Tx, actor: TenantActor): Promise<"ALL" | string[]> {
  const networks = networksWhere(actor, Permission.HandleDataSubjectRequests);
  if (networks === "ALL") return "ALL";
  return findMemberIdsOfNetworks(tx, actor.tenantId, networks);
}

function requireStaff(ctx: RequestContext): TenantActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !can(actor, Permission.HandleDataSubjectRequests)) {
    throw forbidden(ctx.locale);
  }
  return actor;
}

/** The request log with due dates, for coordinators (their networks' members) and tenant admins. */
export async function listDataSubjectRequestLog(ctx: RequestContext, filter: DataSubjectRequestFilter | null, args: PageArgs) {
  const actor = requireStaff(ctx);
  const page = toPageRequest(args, ctx.locale);
  const now = new Date();
  if (filter?.memberId && !isId(filter.memberId)) return toPage([], page, 0);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction(async (tx) =>
    listDataSubjectRequests(
      tx,
      actor.tenantId,
      {
        memberIds: await visibleMemberIds(tx, actor),
        open: filter?.open ?? null,
        overdue: filter?.overdue ?? null,
        now,
        memberId: filter?.memberId ?? null,
        kind: (filter?.kind as DatabaseKind | null | undefined) ?? null,
      },
      page,
    ),
  );
  return toPage(
    rows.map((row) => toDataSubjectRequest(row, now)),
    page,
    total,
  );
}

/** A coordinator logs a request received by letter or phone that will be answered later (e.g. a rectification). */
export async function recordDataSubjectRequest(
  ctx: RequestContext,
  input: RecordDataSubjectRequestInput,
): Promise<DataSubjectRequestPayload> {
  const actor = requireTenantActor(ctx);
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  const now = new Date();
  const errors = [];
  if (!input.memberId) errors.push(fieldError("input.memberId", "REQUIRED", { sv: "Medlem", en: "Member" }));
  if (!input.channel) errors.push(fieldError("input.channel", "REQUIRED", { sv: "Kanal", en: "Channel" }));
  else if (input.channel === RegistrationChannel.DIRECT_RECRUITMENT) {
    errors.push(fieldError("input.channel", "NOT_ALLOWED", { sv: "Kanal", en: "Channel" }));
  }
  const entry = validateDataSubjectRequestEntry({ note: input.note, receivedAt: input.receivedAt }, now);
  if (!entry.ok) errors.push(...entry.errors);
  if (errors.length > 0 || !entry.ok) throw badUserInput(errors, ctx.locale);
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<DataSubjectRequestPayload> => {
    const member = input.memberId && isId(input.memberId) ? await findSubjectMember(tx, actor.tenantId, input.memberId, networks) : null;
    if (!member) return { dataSubjectRequest: null, errors: [notFound(MEMBER, ctx.locale)] };
    const row = await insertDataSubjectRequest(tx, {
      tenantId: actor.tenantId,
      memberId: member.id,
      kind: input.kind as DatabaseKind,
      channel: input.channel as DatabaseChannel,
      receivedAt: entry.receivedAt,
      dueAt: dataSubjectRequestDueAt(entry.receivedAt),
      completedAt: null,
      note: entry.note,
    });
    await ctx.audit.record(tx, actor.tenantId, {
      action: "WRITE",
      subjectType: "DataSubjectRequest",
      subjectId: row.id,
      memberId: member.id,
      purpose: "data-subject request logged",
      details: { kind: row.kind, channel: row.channel },
    });
    return { dataSubjectRequest: toDataSubjectRequest(row, now), errors: [] };
  });
}

/** Marks a logged request answered. Completing one already completed changes nothing. */
export async function completeDataSubjectRequest(
  ctx: RequestContext,
  input: CompleteDataSubjectRequestInput,
): Promise<DataSubjectRequestPayload> {
  const actor = requireStaff(ctx);
  const now = new Date();
  const entry = validateDataSubjectRequestEntry({ note: input.note }, now);
  if (!entry.ok) throw badUserInput(entry.errors, ctx.locale);
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<DataSubjectRequestPayload> => {
    const row = isId(input.id) ? await findDataSubjectRequest(tx, actor.tenantId, input.id) : null;
    const visible = row ? await visibleMemberIds(tx, actor) : [];
    if (!row || (visible !== "ALL" && (!row.memberId || !visible.includes(row.memberId)))) {
      return { dataSubjectRequest: null, errors: [notFound(REQUEST, ctx.locale)] };
    }
    if (row.completedAt === null) {
      await completeDataSubjectRequestRow(tx, actor.tenantId, row.id, now, input.note === undefined ? undefined : entry.note);
      await ctx.audit.record(tx, actor.tenantId, {
        action: "WRITE",
        subjectType: "DataSubjectRequest",
        subjectId: row.id,
        memberId: row.memberId,
        purpose: "data-subject request completed",
      });
    }
    const current = await findDataSubjectRequest(tx, actor.tenantId, row.id);
    return { dataSubjectRequest: current ? toDataSubjectRequest(current, now) : null, errors: [] };
  });
}
