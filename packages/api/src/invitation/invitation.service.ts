import {
  canWithdrawInvitation,
  effectiveInvitationStatus,
  type InviteRefusal,
  invitationExpiresAt,
  inviteRefusal,
  isFillingRequestStatus,
  occasionDates,
  validateInvitationInput,
  validateInvitationReason,
} from "@medverkan/domain";
import { AuditWriter } from "../audit/audit-writer.js";
import { hasRole } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { Page, PageArgs } from "../common/pagination/connection.js";
import { type SortedPageRequest, toSortedPage, toSortedPageRequest } from "../common/pagination/ordering.js";
import type { RequestContext } from "../context/request-context.js";
import type { StaffActor } from "../context/require-tenant.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { TenantScope, Tx } from "../context/tenant-scope.js";
import { enqueueInvitation } from "../notification/enqueue.js";
import type { RequestType } from "../request/request.type.js";
import { standingOn } from "../request/request-access.js";
import {
  type InvitationFilter,
  type InvitationOrderBy,
  type InvitationOrderField,
  type InviteMembersInput,
  invitationSorting,
  type WithdrawInvitationInput,
} from "./invitation.input.js";
import { toInvitation, toInvitee } from "./invitation.mapper.js";
import { type InviteMembersPayload, invitationErrors, type WithdrawInvitationPayload } from "./invitation.payload.js";
import {
  findInvitation,
  findInvitationByInviteeId,
  findInviteeFacts,
  findOccasionsOfRequest,
  findRequest,
  findTenantSettings,
  type InvitationRow,
  insertInvitation,
  listInvitationsOfRequests,
  lockRequest,
  type RequestRow,
  reopenInvitation,
  touchLastInvited,
  updateInvitation,
} from "./invitation.repository.js";
import type { Invitation, InvitationStatus, Invitee } from "./invitation.type.js";

export const REQUEST = { sv: "Förfrågan", en: "The request" };
export const INVITATION = { sv: "Inbjudan", en: "The invitation" };

const asIsoDate = (date: Date) => date.toISOString().slice(0, 10);

function requireCoordinator(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !hasRole(actor, "COORDINATOR")) throw forbidden(ctx.locale);
  return actor;
}

/** The request, if this coordinator handles it; another network's or tenant's request is answered as missing. */
async function coordinatedRequest(tx: Tx, actor: StaffActor, requestId: string): Promise<RequestRow | null> {
  const request = await findRequest(tx, actor.tenantId, requestId);
  return request && standingOn(actor, request).coordinator ? request : null;
}

/**
 * Invites members of the request's network, each personally. Every member is checked on their own (active in the
 * network, not restricted, no pause on the occasions' dates, not asked before or said no to this request); those
 * who can be asked are, and each one who cannot is reported. The request's lock serialises this with acceptances.
 */
export async function inviteMembers(ctx: RequestContext, input: InviteMembersInput): Promise<InviteMembersPayload> {
  const actor = requireCoordinator(ctx);
  const tenantId = actor.tenantId;
  const validated = validateInvitationInput({ memberIds: input.memberIds, message: input.message });
  if (!validated.ok) throw badUserInput(validated.errors, ctx.locale);
  if (!isId(input.requestId)) return { invitations: [], errors: [notFound(REQUEST, ctx.locale)] };
  const now = new Date();

  return ctx.scope(tenantId).transaction(async (tx): Promise<InviteMembersPayload> => {
    const found = await coordinatedRequest(tx, actor, input.requestId);
    if (!found) return { invitations: [], errors: [notFound(REQUEST, ctx.locale)] };
    await lockRequest(tx, tenantId, found.id);
    const request = (await findRequest(tx, tenantId, found.id)) as RequestRow;
    if (!isFillingRequestStatus(request.status)) return { invitations: [], errors: [invitationErrors.requestNotOpen(ctx.locale)] };

    const settings = await findTenantSettings(tx, tenantId);
    const upcoming = (await findOccasionsOfRequest(tx, tenantId, request.id)).filter((occasion) => occasion.endsAt > now);
    const dates = occasionDates(upcoming, settings?.timeZone ?? "Europe/Stockholm");
    const ids = validated.memberIds.filter(isId);
    const facts = new Map((await findInviteeFacts(tx, tenantId, request.networkId, request.id, ids)).map((row) => [row.id, row]));

    const errors: InviteMembersPayload["errors"] = [];
    const invitations: Invitation[] = [];
    const invitedMemberships: string[] = [];
    const expiresAt = invitationExpiresAt(now, settings?.invitationExpiryDays ?? 14);
    for (const memberId of validated.memberIds) {
      const row = facts.get(memberId);
      const membership = row?.memberships[0] ?? null;
      const previous = row?.invitations[0] ?? null;
      const previousStatus = previous ? effectiveInvitationStatus({ status: previous.status, expiresAt: previous.expiresAt }, now) : null;
      const refusal: InviteRefusal | null = row
        ? inviteRefusal(
            {
              membershipStatus: membership?.status ?? null,
              restricted: row.restrictedAt !== null,
              erased: row.erasedAt !== null,
              pauses: row.pauses.map((pause) => ({
                startsOn: asIsoDate(pause.startsOn),
                endsOn: pause.endsOn ? asIsoDate(pause.endsOn) : null,
              })),
              previous: previousStatus ? { status: previousStatus } : null,
            },
            dates,
          )
        : "NOT_IN_POOL";
      if (refusal) {
        errors.push(invitationErrors.memberNotInvitable(memberId, refusal, ctx.locale));
        continue;
      }
      const data = { message: validated.message, invitedById: actor.staffUserId, invitedAt: now, expiresAt };
      const invitation: InvitationRow = previous
        ? await reopenInvitation(tx, tenantId, previous.id, data)
        : await insertInvitation(tx, { tenantId, requestId: request.id, memberId, ...data });
      invitations.push(toInvitation(invitation, now));
      if (membership) invitedMemberships.push(membership.id);
    }
    await touchLastInvited(tx, tenantId, invitedMemberships, now);
    for (const invitation of invitations) await enqueueInvitation(tx, { tenantId, invitationId: invitation.id });
    await ctx.audit.record(
      tx,
      tenantId,
      invitations.map((invitation) => ({
        action: "WRITE" as const,
        subjectType: "Invitation",
        subjectId: invitation.id,
        memberId: invitation.memberId,
        purpose: "invited to a request",
        details: { requestId: request.id, expiresAt: expiresAt.toISOString() },
      })),
    );
    return { invitations, errors };
  });
}

/** Takes back a question still open, or an acceptance waiting for a place; the member is then free to be asked again. */
export async function withdrawInvitation(ctx: RequestContext, input: WithdrawInvitationInput): Promise<WithdrawInvitationPayload> {
  const actor = requireCoordinator(ctx);
  const tenantId = actor.tenantId;
  const reason = validateInvitationReason(input.reason, "input.reason");
  if (!reason.ok) throw badUserInput(reason.errors, ctx.locale);
  if (!isId(input.invitationId)) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
  const now = new Date();

  return ctx.scope(tenantId).transaction(async (tx): Promise<WithdrawInvitationPayload> => {
    const found = await findInvitation(tx, tenantId, input.invitationId);
    const request = found ? await coordinatedRequest(tx, actor, found.requestId) : null;
    if (!found || !request) return { invitation: null, errors: [notFound(INVITATION, ctx.locale)] };
    await lockRequest(tx, tenantId, request.id);
    const before = (await findInvitation(tx, tenantId, found.id)) as InvitationRow;
    const status = effectiveInvitationStatus(before, now);
    if (!canWithdrawInvitation(status)) {
      return { invitation: null, errors: [invitationErrors.notWithdrawable(status as InvitationStatus, ctx.locale)] };
    }
    const after = await updateInvitation(tx, tenantId, before.id, { status: "WITHDRAWN" });
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "Invitation",
      subjectId: before.id,
      memberId: before.memberId,
      purpose: "invitation withdrawn by coordinator",
      details: { requestId: request.id, before: status, after: "WITHDRAWN", reason: reason.reason },
    });
    return { invitation: toInvitation(after, now), errors: [] };
  });
}

/**
 * A request's invitations for a coordinator of its network. The read itself is batched with the other requests of the
 * page (`readRequestInvitations`); who may read is decided here, per request.
 */
export async function listRequestInvitations(
  ctx: RequestContext,
  request: RequestType,
  filter: InvitationFilter | null,
  args: PageArgs,
  orderBy: Partial<InvitationOrderBy> | null = null,
): Promise<Page<Invitation>> {
  const actor = requireTenantActor(ctx);
  if (actor.tenantId !== request.tenantId || !standingOn(actor, request).coordinator) throw forbidden(ctx.locale);
  const page = toSortedPageRequest(args, orderBy, invitationSorting, ctx.locale);
  return ctx.loaders(actor.tenantId).requestInvitations.load({
    requestId: request.id,
    statuses: filter?.statuses ?? [],
    page,
    audit: ctx.audit,
  });
}

/**
 * One invitee by its own id (`Invitee.id`, what `node(id:)` asks for): only for the coordinators who may read the
 * invitation in `Request.invitations`, and audited as that list's reads are. Another network's, another tenant's and a
 * missing invitee are all null.
 */
export async function getInvitee(ctx: RequestContext, id: string): Promise<Invitee | null> {
  const actor = requireCoordinator(ctx);
  if (!isId(id)) return null;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const row = await findInvitationByInviteeId(tx, actor.tenantId, id);
    if (!row || !(await coordinatedRequest(tx, actor, row.requestId))) return null;
    await ctx.audit.record(tx, actor.tenantId, {
      action: "READ",
      subjectType: "Member",
      subjectId: row.memberId,
      memberId: row.memberId,
      purpose: "request invitations",
      details: { requestId: row.requestId, invitationId: row.id },
    });
    return toInvitee(row);
  });
}

/** One read of one request's invitations: the page asked for, and the reader's audit writer. */
export interface RequestInvitationsRead {
  requestId: string;
  statuses: readonly InvitationStatus[];
  page: SortedPageRequest<InvitationOrderField>;
  audit: AuditWriter;
}

const pageArgsOf = (read: RequestInvitationsRead) => JSON.stringify([read.statuses, read.page]);

/**
 * The invitations of a batch of requests, in one tenant transaction: one query per distinct page asked for (one on a
 * page of requests); and every invitee on every page read is an audited read of a member's personal data, all in one
 * insert. Nothing is written to the invitations: a lapsed one is shown EXPIRED (and filtered as such) at read time,
 * and the expiry job writes it later.
 */
export function readRequestInvitations(scope: TenantScope, reads: readonly RequestInvitationsRead[]): Promise<Page<Invitation>[]> {
  const tenantId = scope.tenantId;
  const now = new Date();
  return scope.transaction(async (tx) => {
    const sameArgs = new Map<string, RequestInvitationsRead[]>();
    for (const read of reads) sameArgs.set(pageArgsOf(read), [...(sameArgs.get(pageArgsOf(read)) ?? []), read]);
    const found = new Map<string, Map<string, { rows: InvitationRow[]; total: number }>>();
    for (const [args, group] of sameArgs) {
      const { statuses, page } = group[0] as RequestInvitationsRead;
      const requestIds = [...new Set(group.map((read) => read.requestId))];
      found.set(args, await listInvitationsOfRequests(tx, tenantId, requestIds, statuses, page, now));
    }
    const results = reads.map((read) => found.get(pageArgsOf(read))?.get(read.requestId) ?? { rows: [], total: 0 });
    await AuditWriter.recordMany(
      tx,
      tenantId,
      reads.flatMap((read, index) =>
        (results[index]?.rows ?? []).slice(0, read.page.take).map((row) => ({
          writer: read.audit,
          entry: {
            action: "READ" as const,
            subjectType: "Member",
            subjectId: row.memberId,
            memberId: row.memberId,
            purpose: "request invitations",
            details: { requestId: read.requestId, invitationId: row.id },
          },
        })),
      ),
    );
    return reads.map((read, index) => {
      const { rows, total } = results[index] ?? { rows: [], total: 0 };
      return toSortedPage(
        rows.map((row) => toInvitation(row, now)),
        read.page,
        invitationSorting,
        total,
      );
    });
  });
}

/**
 * One invitation for a coordinator of its request's network (a live update of an answer re-reads it here), with the
 * same rules as `Request.invitations`: a lapsed one shown EXPIRED (not written), the invitee's name an audited read. Another
 * network's or tenant's invitation looks missing.
 */
export async function getRequestInvitation(
  ctx: RequestContext,
  id: string,
  /** Only in one of these statuses (checked before the invitee is read); unset: any. */
  statuses?: readonly InvitationStatus[],
): Promise<Invitation | null> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" || !hasRole(actor, "COORDINATOR")) throw forbidden(ctx.locale);
  if (!isId(id)) return null;
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const found = await findInvitation(tx, actor.tenantId, id);
    const request = found ? await findRequest(tx, actor.tenantId, found.requestId) : null;
    if (!found || !request || !standingOn(actor, request).coordinator) return null;
    const row = found;
    const invitation = toInvitation(row, now);
    if (statuses && !statuses.includes(invitation.status)) return null;
    await ctx.audit.record(tx, actor.tenantId, {
      action: "READ",
      subjectType: "Member",
      subjectId: row.memberId,
      memberId: row.memberId,
      purpose: "invitation answer (live update)",
      details: { requestId: request.id, invitationId: row.id },
    });
    return invitation;
  });
}
