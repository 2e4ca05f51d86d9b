import { inboxSummary, inboxTitle, type NotificationKind } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { requesterUnitIds } from "../request/request-access.js";
import {
  countUnread,
  findInboxIdsSince,
  findInboxRows,
  type InboxOwner,
  type InboxRow,
  listInbox,
  setInboxRead,
} from "./inbox.repository.js";
import {
  type InboxNotification,
  InboxSubjectType,
  type MarkAllInboxNotificationsReadPayload,
  type MarkInboxNotificationsInput,
  type MarkInboxNotificationsPayload,
  type MyInbox,
} from "./inbox.type.js";

const LINE = { sv: "Meddelandet", en: "The notification" };
const MAX_IDS = 100;

/** The caller's own inbox: a member's, or a staff user's through the grants they hold now. */
export function inboxOwnerOf(ctx: RequestContext): { tenantId: string; owner: InboxOwner } {
  const actor = requireTenantActor(ctx);
  if (actor.kind === "MEMBER") return { tenantId: actor.tenantId, owner: { kind: "MEMBER", memberId: actor.memberId } };
  if (actor.kind === "STAFF") {
    return {
      tenantId: actor.tenantId,
      owner: { kind: "STAFF", staffUserId: actor.staffUserId, networkIds: coordinatedNetworks(actor), unitIds: requesterUnitIds(actor) },
    };
  }
  throw forbidden(ctx.locale);
}

export function toInboxNotification(row: InboxRow, ctx: RequestContext): InboxNotification {
  const kind = row.kind as NotificationKind;
  const data = (row.data ?? {}) as Record<string, string>;
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind,
    title: inboxTitle(kind, ctx.locale),
    summary: inboxSummary(kind, data, ctx.locale),
    subjectType: row.subjectType && row.subjectType in InboxSubjectType ? (row.subjectType as InboxSubjectType) : null,
    subjectId: row.subjectId,
    createdAt: row.createdAt,
    readAt: row.readAt,
    read: row.readAt !== null,
  };
}

export async function myInbox(ctx: RequestContext): Promise<MyInbox> {
  const { tenantId, owner } = inboxOwnerOf(ctx);
  const countedAt = new Date();
  const unreadCount = await ctx.scope(tenantId).transaction((tx) => countUnread(tx, tenantId, owner));
  return { tenantId, unreadCount, countedAt };
}

/** At most this many earlier lines are sent again to a subscriber resuming from `since`: enough to say "count again". */
const MAX_RESUMED_LINES = 50;
/**
 * How far before `since` to look: a line is stamped when its transaction writes it but seen only once that commits,
 * and the API's and the database's clocks may differ a little. Lines sent twice are harmless (clients key by id).
 */
const RESUME_MARGIN_MS = 30_000;

/** Ids of the caller's lines created since `since` (for `inboxNotificationAdded(since:)`), oldest first. */
export async function myInboxIdsSince(ctx: RequestContext, since: Date): Promise<string[]> {
  const { tenantId, owner } = inboxOwnerOf(ctx);
  const from = new Date(since.getTime() - RESUME_MARGIN_MS);
  return ctx.scope(tenantId).transaction((tx) => findInboxIdsSince(tx, tenantId, owner, from, MAX_RESUMED_LINES));
}

/** Newest first. */
export async function listMyInbox(ctx: RequestContext, args: PageArgs, unreadOnly: boolean) {
  const { tenantId, owner } = inboxOwnerOf(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx
    .scope(tenantId)
    .transaction((tx) => listInbox(tx, tenantId, owner, { unreadOnly, take: page.take, beforeId: page.afterId }));
  return toPage(
    rows.map((row) => toInboxNotification(row, ctx)),
    page,
    total,
  );
}

/** One line of the caller's own inbox (a live update re-reads it here); anyone else's looks missing. */
export async function getInboxNotification(ctx: RequestContext, id: string): Promise<InboxNotification | null> {
  const { tenantId, owner } = inboxOwnerOf(ctx);
  if (!isId(id)) return null;
  const [row] = await ctx.scope(tenantId).transaction((tx) => findInboxRows(tx, tenantId, owner, [id]));
  return row ? toInboxNotification(row, ctx) : null;
}

export async function markInboxNotifications(
  ctx: RequestContext,
  input: MarkInboxNotificationsInput,
): Promise<MarkInboxNotificationsPayload> {
  const { tenantId, owner } = inboxOwnerOf(ctx);
  const ids = [...new Set(input.ids)];
  if (ids.length === 0 || ids.length > MAX_IDS) {
    throw badUserInput(
      [
        {
          field: "input.ids",
          code: "OUT_OF_RANGE",
          message: { sv: `Ange 1–${MAX_IDS} meddelanden.`, en: `Give 1–${MAX_IDS} notifications.` },
        },
      ],
      ctx.locale,
    );
  }
  const valid = ids.filter(isId);
  const now = new Date();
  return ctx.scope(tenantId).transaction(async (tx) => {
    const found = await findInboxRows(tx, tenantId, owner, valid);
    // Someone else's line, another tenant's and a missing one answer alike, and nothing is changed.
    if (found.length !== ids.length) {
      return { notifications: [], unreadCount: await countUnread(tx, tenantId, owner), errors: [notFound(LINE, ctx.locale)] };
    }
    await setInboxRead(tx, tenantId, owner, valid, input.read, now);
    const rows = await findInboxRows(tx, tenantId, owner, valid);
    return {
      notifications: rows.map((row) => toInboxNotification(row, ctx)),
      unreadCount: await countUnread(tx, tenantId, owner),
      errors: [],
    };
  });
}

export async function markAllInboxNotificationsRead(ctx: RequestContext): Promise<MarkAllInboxNotificationsReadPayload> {
  const { tenantId, owner } = inboxOwnerOf(ctx);
  const now = new Date();
  return ctx.scope(tenantId).transaction(async (tx) => {
    const marked = await setInboxRead(tx, tenantId, owner, "ALL", true, now);
    return { marked, unreadCount: await countUnread(tx, tenantId, owner) };
  });
}
