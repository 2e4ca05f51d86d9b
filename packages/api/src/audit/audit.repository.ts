import type { AuditAction, Prisma } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import { type SortedPageRequest, sortedPageQuery } from "../common/pagination/ordering.js";
import type { Tx } from "../context/tenant-scope.js";
import type { AuditEventOrderField } from "./audit.input.js";
import { newAuditEventId } from "./audit-event-id.js";

/** An event to insert. Its `details` are JSON or absent (SQL NULL): no event stores a JSON `null`. */
export type AuditEventRow = Omit<Prisma.AuditEventCreateManyInput, "details"> & { details?: Prisma.InputJsonValue };

/**
 * Inserts the events in one statement whatever their number, the batch as one JSON parameter. Reading a page of
 * people records hundreds of events per request, and Prisma's `createMany` carried every value through its query
 * compiler (issue 10). The rows are what `createMany` wrote: a UUID v7 id per event and one timestamp for the batch,
 * taken here as Prisma took them (the timestamp is sent as Prisma sends one), unless the row brings its own.
 */
export async function insertAuditEvents(tx: Tx, rows: AuditEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date();
  const events = rows.map((row) => ({ ...row, id: row.id ?? newAuditEventId(now.getTime()) }));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent"
      ("tenantId", "id", "at", "actorType", "actorId", "actorRole", "actorUnitId", "action", "subjectType", "subjectId",
       "memberId", "purpose", "details")
    SELECT e."tenantId", e."id", COALESCE(e."at", ${now}::timestamptz), e."actorType", e."actorId", e."actorRole",
           e."actorUnitId", e."action", e."subjectType", e."subjectId", e."memberId", e."purpose", e."details"
    FROM json_to_recordset(${JSON.stringify(events)}::json) AS e(
      "tenantId" uuid, "id" uuid, "at" timestamptz, "actorType" "ActorType", "actorId" uuid, "actorRole" text,
      "actorUnitId" uuid, "action" "AuditAction", "subjectType" text, "subjectId" text, "memberId" uuid, "purpose" text,
      "details" jsonb)`;
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

/** The columns the audit log sorts by (AuditEventOrderField). */
export const auditEventSortColumns = { CREATED_AT: "id", AT: "at" } satisfies Record<AuditEventOrderField, string>;

export async function listAuditEvents(
  tx: Tx,
  tenantId: string,
  criteria: AuditEventCriteria,
  page: SortedPageRequest<AuditEventOrderField>,
) {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (criteria.memberIds !== "ALL") and.push({ memberId: { in: [...criteria.memberIds] } });
  if (criteria.memberId) and.push({ memberId: criteria.memberId });
  if (criteria.actorId) and.push({ actorId: criteria.actorId });
  if (criteria.action) and.push({ action: criteria.action });
  if (criteria.from) and.push({ at: { gte: criteria.from } });
  if (criteria.to) and.push({ at: { lt: criteria.to } });
  const where: Prisma.AuditEventWhereInput = { tenantId, AND: and };
  const query = sortedPageQuery(page, auditEventSortColumns);
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
    // Not the member's own acts. Spelled out because `NOT (actorId = …)` is not true for a NULL actorId: an act by a
    // person not yet linked to anyone (a claim-code attempt, a login linked at sign-in) is the member's to see.
    OR: [{ actorType: { not: "MEMBER" } }, { actorId: null }, { actorId: { not: memberId } }],
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
