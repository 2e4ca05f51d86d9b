import type { Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

export interface InboxInsert {
  tenantId: string;
  kind: string;
  recipientMemberId: string | null;
  recipientStaffUserId: string | null;
  networkId: string | null;
  unitId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  data: Prisma.InputJsonValue;
  idempotencyKey: string;
}

/** One row per recipient; the same event for the same recipient is written once. */
export async function insertInboxNotifications(tx: Tx, rows: InboxInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await tx.inboxNotification.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/** Staff who read a network's mailbox in Medverkan: enabled staff with a live coordinator grant for it (or tenant-wide). */
export async function findNetworkCoordinatorIds(tx: Tx, tenantId: string, networkId: string): Promise<string[]> {
  const grants = await tx.roleGrant.findMany({
    where: {
      tenantId,
      role: "COORDINATOR",
      revokedAt: null,
      OR: [{ networkId }, { networkId: null }],
      staffUser: { disabledAt: null },
    },
    select: { staffUserId: true },
  });
  return [...new Set(grants.map((grant) => grant.staffUserId))];
}

/** Staff who request for a unit: enabled staff with a live requester grant for it. */
export async function findUnitRequesterIds(tx: Tx, tenantId: string, unitId: string): Promise<string[]> {
  const grants = await tx.roleGrant.findMany({
    where: { tenantId, role: "REQUESTER", revokedAt: null, unitId, staffUser: { disabledAt: null } },
    select: { staffUserId: true },
  });
  return [...new Set(grants.map((grant) => grant.staffUserId))];
}

/**
 * Whose inbox is read: a member's own rows, or a staff user's own rows written for a network they still coordinate
 * or a unit they still request for (a revoked grant hides what came through it).
 */
export type InboxOwner =
  | { kind: "MEMBER"; memberId: string }
  | { kind: "STAFF"; staffUserId: string; networkIds: "ALL" | string[]; unitIds: string[] };

function ownerWhere(tenantId: string, owner: InboxOwner): Prisma.InboxNotificationWhereInput {
  if (owner.kind === "MEMBER") return { tenantId, recipientMemberId: owner.memberId };
  const through: Prisma.InboxNotificationWhereInput[] = [{ unitId: { in: owner.unitIds } }];
  through.push(
    owner.networkIds === "ALL" ? { networkId: { not: null }, unitId: null } : { networkId: { in: owner.networkIds }, unitId: null },
  );
  return { tenantId, recipientStaffUserId: owner.staffUserId, OR: through };
}

const inboxFields = {
  id: true,
  tenantId: true,
  kind: true,
  subjectType: true,
  subjectId: true,
  data: true,
  createdAt: true,
  readAt: true,
} as const;

export type InboxRow = Prisma.InboxNotificationGetPayload<{ select: typeof inboxFields }>;

/** Newest first (ids are UUID v7); `take + 1` rows so the caller can tell whether there is a next page. */
export async function listInbox(
  tx: Tx,
  tenantId: string,
  owner: InboxOwner,
  options: { unreadOnly: boolean; take: number; beforeId: string | null },
): Promise<{ rows: InboxRow[]; total: number }> {
  const where: Prisma.InboxNotificationWhereInput = { ...ownerWhere(tenantId, owner), ...(options.unreadOnly ? { readAt: null } : {}) };
  const [rows, total] = await Promise.all([
    tx.inboxNotification.findMany({
      where: { ...where, ...(options.beforeId ? { id: { lt: options.beforeId } } : {}) },
      orderBy: { id: "desc" },
      take: options.take + 1,
      select: inboxFields,
    }),
    tx.inboxNotification.count({ where }),
  ]);
  return { rows, total };
}

export function countUnread(tx: Tx, tenantId: string, owner: InboxOwner): Promise<number> {
  return tx.inboxNotification.count({ where: { ...ownerWhere(tenantId, owner), readAt: null } });
}

/** The owner's lines created at or after `since`, oldest first, at most `take` (the newest of them when there are more). */
export async function findInboxIdsSince(tx: Tx, tenantId: string, owner: InboxOwner, since: Date, take: number): Promise<string[]> {
  const rows = await tx.inboxNotification.findMany({
    where: { ...ownerWhere(tenantId, owner), createdAt: { gte: since } },
    orderBy: { id: "desc" },
    take,
    select: { id: true },
  });
  return rows.map((row) => row.id).reverse();
}

export function findInboxRows(tx: Tx, tenantId: string, owner: InboxOwner, ids: string[]): Promise<InboxRow[]> {
  return tx.inboxNotification.findMany({
    where: { ...ownerWhere(tenantId, owner), id: { in: ids } },
    orderBy: { id: "desc" },
    select: inboxFields,
  });
}

/** Marks the owner's rows read (now, unless already read) or unread; someone else's ids change nothing. */
export async function setInboxRead(tx: Tx, tenantId: string, owner: InboxOwner, ids: string[] | "ALL", read: boolean, now: Date) {
  const where: Prisma.InboxNotificationWhereInput = {
    ...ownerWhere(tenantId, owner),
    ...(ids === "ALL" ? {} : { id: { in: ids } }),
    readAt: read ? null : { not: null },
  };
  const { count } = await tx.inboxNotification.updateMany({ where, data: { readAt: read ? now : null } });
  return count;
}
