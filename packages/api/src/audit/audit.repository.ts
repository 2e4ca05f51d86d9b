import type { AuditAction, Prisma } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

export type AuditEventRow = Prisma.AuditEventCreateManyInput;

export async function insertAuditEvents(tx: Tx, rows: AuditEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.auditEvent.createMany({ data: rows });
}

export interface AuditEventCriteria {
  /** Events about these members only (a coordinator's networks), or every event of the tenant. */
  memberIds: "ALL" | readonly string[];
  memberId?: string | null;
  actorId?: string | null;
  action?: AuditAction | null;
  from?: Date | null;
  to?: Date | null;
}

export async function listAuditEvents(tx: Tx, tenantId: string, criteria: AuditEventCriteria, page: PageRequest) {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (criteria.memberIds !== "ALL") and.push({ memberId: { in: [...criteria.memberIds] } });
  if (criteria.memberId) and.push({ memberId: criteria.memberId });
  if (criteria.actorId) and.push({ actorId: criteria.actorId });
  if (criteria.action) and.push({ action: criteria.action });
  if (criteria.from) and.push({ at: { gte: criteria.from } });
  if (criteria.to) and.push({ at: { lt: criteria.to } });
  const where: Prisma.AuditEventWhereInput = { tenantId, AND: and };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.auditEvent.findMany({ ...query, where: { AND: [where, query.where ?? {}] } }),
    tx.auditEvent.count({ where }),
  ]);
  return { rows, total };
}

/** What others did with one member's data (the member's own acts are not "access by someone else"). */
export async function listAccessesToMember(tx: Tx, tenantId: string, memberId: string, page: PageRequest) {
  const where: Prisma.AuditEventWhereInput = {
    tenantId,
    memberId,
    NOT: { actorType: "MEMBER", actorId: memberId },
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.auditEvent.findMany({
      ...query,
      where: { AND: [where, query.where ?? {}] },
      select: { id: true, at: true, action: true, actorType: true, actorRole: true, actorUnitId: true, subjectType: true, purpose: true },
    }),
    tx.auditEvent.count({ where }),
  ]);
  const unitIds = [...new Set(rows.map((row) => row.actorUnitId).filter((id): id is string => id !== null))];
  const units =
    unitIds.length > 0 ? await tx.unit.findMany({ where: { tenantId, id: { in: unitIds } }, select: { id: true, name: true } }) : [];
  return { rows, total, unitNames: new Map(units.map((unit) => [unit.id, unit.name])) };
}

/** The members of the given networks, erased ones included (their memberships remain). */
export async function findMemberIdsOfNetworks(tx: Tx, tenantId: string, networkIds: readonly string[]): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { tenantId, networkId: { in: [...networkIds] } },
    select: { memberId: true },
    distinct: ["memberId"],
  });
  return rows.map((row) => row.memberId);
}
