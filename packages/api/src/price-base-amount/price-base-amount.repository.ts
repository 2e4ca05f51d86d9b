import type { PriceBaseAmount, PrismaClient } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

// Platform data: one row per year, no tenant. Read and written through `ctx.system`, the explicit platform-level
// bypass of tenant scoping (there is no tenant to scope to).

export type PriceBaseAmountRow = PriceBaseAmount;

/** The whole table, oldest year first: one row a year, so it stays small. */
export function listPriceBaseAmounts(db: PrismaClient | Tx): Promise<PriceBaseAmountRow[]> {
  return db.priceBaseAmount.findMany({ orderBy: { year: "asc" } });
}

export function findPriceBaseAmount(db: PrismaClient | Tx, year: number): Promise<PriceBaseAmountRow | null> {
  return db.priceBaseAmount.findUnique({ where: { year } });
}

/**
 * Adds a year unless it is already there; never overwrites. Returns the row written, or null when the year exists
 * (also when another operator added it a moment ago: the primary key decides, not a read before the write).
 */
export async function insertPriceBaseAmountIfNew(db: Tx, row: { year: number; amountKronor: number }): Promise<PriceBaseAmountRow | null> {
  const { count } = await db.priceBaseAmount.createMany({ data: [row], skipDuplicates: true });
  return count === 1 ? findPriceBaseAmount(db, row.year) : null;
}
