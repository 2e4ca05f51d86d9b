import type { Tx } from "../context/tenant-scope.js";

// Participants from outside the pool (issue 21 item 7). Nothing here reads the pool: these rows are never compared
// with members, so recording one tells the unit nothing about who is in it.

const columns = {
  id: true,
  requestId: true,
  givenName: true,
  familyName: true,
  email: true,
  phone: true,
  organisation: true,
  createdAt: true,
} as const;

export interface OutsidePoolParticipantRow {
  id: string;
  requestId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  createdAt: Date;
}

/** The tenant's own setting; false for an unknown tenant. */
export async function tenantAllowsParticipantsOutsidePool(tx: Tx, tenantId: string): Promise<boolean> {
  const row = await tx.tenant.findFirst({ where: { id: tenantId }, select: { allowsParticipantsOutsidePool: true } });
  return row?.allowsParticipantsOutsidePool ?? false;
}

export function countOutsidePoolParticipants(tx: Tx, tenantId: string, requestId: string): Promise<number> {
  return tx.outsidePoolParticipant.count({ where: { tenantId, requestId } });
}

export function insertOutsidePoolParticipant(
  tx: Tx,
  tenantId: string,
  data: Omit<OutsidePoolParticipantRow, "id" | "createdAt"> & { createdById: string },
): Promise<OutsidePoolParticipantRow> {
  return tx.outsidePoolParticipant.create({ data: { tenantId, ...data }, select: columns });
}

/** One record with the unit and network of its request (who may see or remove it). */
export function findOutsidePoolParticipant(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<(OutsidePoolParticipantRow & { request: { unitId: string; networkId: string } }) | null> {
  return tx.outsidePoolParticipant.findFirst({
    where: { tenantId, id },
    select: { ...columns, request: { select: { unitId: true, networkId: true } } },
  });
}

export function findOutsidePoolParticipantsOfRequest(tx: Tx, tenantId: string, requestId: string): Promise<OutsidePoolParticipantRow[]> {
  return tx.outsidePoolParticipant.findMany({
    where: { tenantId, requestId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: columns,
  });
}

export async function deleteOutsidePoolParticipant(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const { count } = await tx.outsidePoolParticipant.deleteMany({ where: { tenantId, id } });
  return count === 1;
}

/**
 * Retention: records older than the cutoff whose request was not carried out after it (the participation is that
 * old). Deleted, and their ids and requests returned for the audit trail.
 */
export async function deleteOutsidePoolParticipantsBefore(
  tx: Tx,
  tenantId: string,
  cutoff: Date,
): Promise<Array<{ id: string; requestId: string }>> {
  const where = {
    tenantId,
    createdAt: { lt: cutoff },
    request: { OR: [{ carriedOutAt: null }, { carriedOutAt: { lt: cutoff } }] },
  };
  const rows = await tx.outsidePoolParticipant.findMany({ where, select: { id: true, requestId: true } });
  if (rows.length === 0) return [];
  await tx.outsidePoolParticipant.deleteMany({ where: { tenantId, id: { in: rows.map((row) => row.id) } } });
  return rows;
}
