import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";

/**
 * Moves the "tenant default" flag away from the rows that had it (fee schedules, request forms, intake rule sets
 * share this rule: at most one live default per kind), auditing each row that lost it with before and after — in the
 * caller's transaction, next to the row that gains the flag.
 */
export async function handOverTenantDefault<Row extends { id: string }>(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  options: {
    previous: Row[];
    clear: (tx: Tx, tenantId: string, ids: readonly string[]) => Promise<Row[]>;
    subjectType: string;
    snapshot: (row: Row) => unknown;
    purpose: string;
  },
): Promise<void> {
  const cleared = await options.clear(
    tx,
    tenantId,
    options.previous.map((row) => row.id),
  );
  for (const row of cleared) {
    const before = options.previous.find((candidate) => candidate.id === row.id) ?? null;
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: options.subjectType,
      subjectId: row.id,
      before: before && options.snapshot(before),
      after: options.snapshot(row),
      purpose: options.purpose,
    });
  }
}
