import type { Level, ProtectedCube } from "./linked-tables.js";

// How much a protected cube hides, and why: the figures behind "suppression hides no more than disclosure control
// needs" (issue 21). A cell is hidden either for itself (PRIMARY: a small count, or few people behind it) or to
// protect another cell (COMPLEMENTARY). Only the latter is the price of the protection; it is what can be too much.
//
// One rule is checked, not only measured: a cube's grand total — a whole region-year figure such as "fees paid" in
// the annual report — is never hidden to protect another cell. Every witness the cube uses moves cells between
// groups and keeps the grand total (linked-tables.ts), so a hidden grand total is always small itself.

export type GrandTotalStatus = "PUBLISHED" | "PRIMARY" | "COMPLEMENTARY" | "NOT_A_TABLE";

export interface SuppressionExtent {
  /** The cube's label (what it counts), e.g. "FEES.count". */
  readonly label: string;
  readonly tables: number;
  /** Cells of all tables that are non-zero or hidden (a published zero is not counted). */
  readonly cells: number;
  readonly primary: number;
  readonly complementary: number;
  /** Hidden cells ÷ cells (0 when there are none). */
  readonly hiddenShare: number;
  /** Complementary ÷ primary cells: the cost of protecting one small cell (0 when none is small). */
  readonly complementaryPerPrimary: number;
  readonly grandTotal: GrandTotalStatus;
  /** Tables whose every cell is hidden although they have a cell with a count of at least the threshold. */
  readonly blankedTables: number;
}

const isGrandTotal = (level: Level) => level.every((l) => l === 0);

export function suppressionExtent(cube: ProtectedCube, threshold: number, label = ""): SuppressionExtent {
  let cells = 0;
  let primary = 0;
  let complementary = 0;
  let blankedTables = 0;
  let grandTotal: GrandTotalStatus = "NOT_A_TABLE";
  const levels = cube.protectedLevels;
  for (const level of levels) {
    const table = cube.nonEmpty(level);
    let hidden = 0;
    let large = false;
    for (const cell of table) {
      cells++;
      if (cell.suppression === "PRIMARY") primary++;
      if (cell.suppression === "COMPLEMENTARY") complementary++;
      if (cell.suppression !== null) hidden++;
      if (cell.count >= threshold) large = true;
    }
    if (table.length > 0 && hidden === table.length && large) blankedTables++;
    if (isGrandTotal(level)) grandTotal = (table[0]?.suppression ?? "PUBLISHED") as GrandTotalStatus;
  }
  return {
    label,
    tables: levels.length,
    cells,
    primary,
    complementary,
    hiddenShare: cells === 0 ? 0 : (primary + complementary) / cells,
    complementaryPerPrimary: primary === 0 ? 0 : complementary / primary,
    grandTotal,
    blankedTables,
  };
}
