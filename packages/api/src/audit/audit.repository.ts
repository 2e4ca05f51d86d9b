import type { Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

export type AuditEventRow = Prisma.AuditEventCreateManyInput;

export async function insertAuditEvents(tx: Tx, rows: AuditEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.auditEvent.createMany({ data: rows });
}
