import type { Prisma } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { Tx } from "../../context/tenant-scope.js";

/**
 * Serialises requests carrying the same key, so two identical requests arriving together cannot both write: the
 * second waits for the first to commit, then finds its stored answer. Transaction-scoped.
 */
export async function lockIdempotencyKey(tx: Tx, tenantId: string, operation: string, key: string): Promise<void> {
  await advisoryLock(tx, `idempotency:${tenantId}:${operation}:${key}`);
}

export function findIdempotencyRecord(tx: Tx, tenantId: string, operation: string, key: string, notBefore: Date) {
  return tx.idempotencyRecord.findFirst({
    where: { tenantId, operation, key, createdAt: { gte: notBefore } },
    select: { inputHash: true, result: true },
  });
}

/** Stores (or, over an expired record with the same key, replaces) the answer to replay. */
export function storeIdempotencyRecord(
  tx: Tx,
  record: { tenantId: string; operation: string; key: string; inputHash: string; result: Prisma.InputJsonValue },
) {
  const { tenantId, operation, key } = record;
  return tx.idempotencyRecord.upsert({
    where: { tenantId_operation_key: { tenantId, operation, key } },
    create: record,
    update: { inputHash: record.inputHash, result: record.result, createdAt: new Date() },
    select: { key: true },
  });
}

/** Forgets answers older than the replay window (run by the retention job). */
export function deleteExpiredIdempotencyRecords(tx: Tx, tenantId: string, before: Date) {
  return tx.idempotencyRecord.deleteMany({ where: { tenantId, createdAt: { lt: before } } });
}
