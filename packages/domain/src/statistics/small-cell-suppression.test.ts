import { describe, expect, it } from "vitest";
import { type PublishedCount, type SuppressedTable, suppressSmallCells } from "./small-cell-suppression.js";

// Test oracle, independent of the implementation's graph reasoning: treat every hidden entry
// as an unknown, every row and column of the table-with-totals as a linear equation, and ask
// linear algebra which unknowns have a single possible value.

/** The table with its totals as one grid: last row the column totals, last column the row totals. */
function grid(table: SuppressedTable): PublishedCount[][] {
  return [...table.cells.map((row, r) => [...row, table.rowTotals[r] as PublishedCount]), [...table.columnTotals, table.grandTotal]];
}

function withTotals(counts: number[][]): number[][] {
  const columns = counts[0]?.length ?? 0;
  const rows = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: columns + 1 }, (_, c) => rows.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  return [...rows, totals];
}

/** Hidden entries whose value follows from the published ones. */
function recoverable(hidden: boolean[][]): [number, number][] {
  const unknowns: [number, number][] = [];
  hidden.forEach((row, r) => {
    row.forEach((isHidden, c) => {
      if (isHidden) unknowns.push([r, c]);
    });
  });
  const height = hidden.length;
  const width = hidden[0]?.length ?? 0;
  const matrix: number[][] = [
    ...Array.from({ length: height }, (_, r) => unknowns.map(([ur]) => (ur === r ? 1 : 0))),
    ...Array.from({ length: width }, (_, c) => unknowns.map(([, uc]) => (uc === c ? 1 : 0))),
  ];
  // Reduced row echelon form.
  const pivots: number[] = [];
  let top = 0;
  for (let col = 0; col < unknowns.length && top < matrix.length; col++) {
    const found = matrix.findIndex((row, i) => i >= top && Math.abs(row[col] ?? 0) > 1e-9);
    if (found < 0) continue;
    [matrix[top], matrix[found]] = [matrix[found] as number[], matrix[top] as number[]];
    const pivotRow = matrix[top] as number[];
    const scale = pivotRow[col] as number;
    for (let j = 0; j < pivotRow.length; j++) pivotRow[j] = (pivotRow[j] as number) / scale;
    matrix.forEach((row, i) => {
      const factor = row[col] as number;
      if (i === top || Math.abs(factor) < 1e-12) return;
      for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    });
    pivots.push(col);
    top++;
  }
  const free = unknowns.map((_, k) => k).filter((k) => !pivots.includes(k));
  // A pivot unknown is determined when no free unknown enters its equation.
  return pivots.filter((_, i) => free.every((f) => Math.abs(matrix[i]?.[f] ?? 0) < 1e-9)).map((col) => unknowns[col] as [number, number]);
}

const hiddenOf = (table: SuppressedTable) => grid(table).map((row) => row.map((entry) => entry.suppression !== null));

/** Every way the suppressed table fails its promise, checked against the original counts. */
function problems(counts: number[][], table: SuppressedTable, threshold: number): string[] {
  const found: string[] = [];
  const truth = withTotals(counts);
  const published = grid(table);
  published.forEach((row, r) => {
    row.forEach((entry, c) => {
      const value = truth[r]?.[c] as number;
      const small = value > 0 && value < threshold;
      if ((entry.suppression === "PRIMARY") !== small) found.push(`primary suppression wrong at ${r},${c}`);
      if (entry.suppression === null && entry.value !== value) found.push(`wrong value at ${r},${c}`);
      if (entry.suppression !== null && entry.value !== null) found.push(`suppressed value shown at ${r},${c}`);
    });
  });
  // No line with exactly one hidden entry: nothing can be had by subtraction.
  const hidden = hiddenOf(table);
  hidden.forEach((row, r) => {
    if (row.filter(Boolean).length === 1) found.push(`row ${r} gives its hidden entry away`);
  });
  for (let c = 0; c < (hidden[0]?.length ?? 0); c++) {
    if (hidden.filter((row) => row[c]).length === 1) found.push(`column ${c} gives its hidden entry away`);
  }
  // Nor by any combination of the sums.
  for (const [r, c] of recoverable(hidden)) found.push(`entry ${r},${c} can be solved for`);
  return found.length === 0 ? [] : [`${JSON.stringify(counts)}: ${found.join("; ")}`];
}

function expectSafe(counts: number[][], threshold = 5): SuppressedTable {
  const table = suppressSmallCells(counts, threshold);
  expect(problems(counts, table, threshold)).toEqual([]);
  return table;
}

/** Checks many tables and reports all failures together (one expect per table would be slow). */
function expectAllSafe(tables: Iterable<number[][]>, threshold = 5): void {
  const failures: string[] = [];
  let checked = 0;
  for (const counts of tables) {
    failures.push(...problems(counts, suppressSmallCells(counts, threshold), threshold));
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
  expect(failures.slice(0, 5)).toEqual([]);
}

/** Every rows × columns table whose counts come from `options`. */
function* allTables(rows: number, columns: number, options: readonly number[]): Generator<number[][]> {
  const size = rows * columns;
  for (let n = 0; n < options.length ** size; n++) {
    const digits = Array.from({ length: size }, (_, i) => options[Math.floor(n / options.length ** i) % options.length] as number);
    yield Array.from({ length: rows }, (_, r) => digits.slice(r * columns, (r + 1) * columns));
  }
}

const values = (table: SuppressedTable) => grid(table).map((row) => row.map((entry) => entry.value));

describe("suppressSmallCells", () => {
  it("publishes a table without small counts unchanged", () => {
    const table = expectSafe([
      [10, 20],
      [30, 0],
    ]);
    expect(values(table)).toEqual([
      [10, 20, 30],
      [30, 0, 30],
      [40, 20, 60],
    ]);
    expect(table.grandTotal).toEqual({ value: 60, suppression: null });
  });

  it("hides a small count and what would give it away, choosing the smallest cells", () => {
    const table = expectSafe([
      [3, 40, 57],
      [20, 30, 50],
      [25, 35, 45],
    ]);
    expect(table.cells[0]?.[0]).toEqual({ value: null, suppression: "PRIMARY" });
    expect(values(table)).toEqual([
      [null, null, 57, 100],
      [null, null, 50, 100],
      [25, 35, 45, 105],
      [48, 105, 152, 305],
    ]);
    expect(table.cells[1]?.[1]?.suppression).toBe("COMPLEMENTARY");
  });

  it("cannot be undone by subtraction from the totals", () => {
    const counts = [
      [2, 40, 57],
      [20, 30, 50],
    ];
    const table = expectSafe(counts);
    const rowTotal = table.rowTotals[0]?.value;
    const published = (table.cells[0] ?? []).map((cell) => cell.value);
    // The row total is known, so more than one cell of the row must be hidden.
    expect(rowTotal).toBe(99);
    expect(published.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });

  it("closes chains the per-line rule alone would leave solvable", () => {
    // Two blocks of small counts joined by one small count at (0, 2). Every line then has two or
    // more hidden entries, yet (0, 2) = column 2's hidden sum + column 3's − rows 2–3's.
    const counts = [
      [1, 1, 2, 50],
      [1, 1, 50, 50],
      [50, 50, 1, 1],
      [50, 50, 1, 1],
    ];
    const primaryOnly = withTotals(counts).map((row) => row.map((v) => v > 0 && v < 5));
    expect(recoverable(primaryOnly)).toEqual([[0, 2]]);
    const table = expectSafe(counts);
    const complementary = grid(table)
      .flat()
      .filter((entry) => entry.suppression === "COMPLEMENTARY");
    expect(complementary.length).toBeGreaterThan(0);
  });

  it("publishes zeros", () => {
    const table = expectSafe([
      [0, 12],
      [9, 0],
    ]);
    expect(values(table)).toEqual([
      [0, 12, 12],
      [9, 0, 9],
      [9, 12, 21],
    ]);
  });

  it("suppresses small totals too", () => {
    const table = expectSafe([
      [1, 0],
      [0, 0],
    ]);
    expect(table.rowTotals[0]?.suppression).toBe("PRIMARY");
    expect(table.grandTotal.suppression).toBe("PRIMARY");
    expect(table.rowTotals[1]).toEqual({ value: 0, suppression: null });
  });

  it("uses the given threshold", () => {
    const counts = [
      [3, 10, 10],
      [10, 10, 10],
    ];
    expect(suppressSmallCells(counts, 3).cells[0]?.[0]).toEqual({ value: 3, suppression: null });
    expect(suppressSmallCells(counts, 4).cells[0]?.[0]).toEqual({ value: null, suppression: "PRIMARY" });
    expect(expectSafe(counts, 11).grandTotal.value).toBe(53);
    expect(suppressSmallCells([[4, 9]]).cells[0]?.[0]?.suppression).toBe("PRIMARY");
    expect(suppressSmallCells([[5, 9]]).cells[0]?.[0]?.suppression).toBeNull();
  });

  it("handles single rows, single columns and empty tables", () => {
    expectSafe([[2, 30, 40]]);
    expectSafe([[2], [30], [40]]);
    expectSafe([[3]]);
    expect(suppressSmallCells([])).toEqual({
      cells: [],
      rowTotals: [],
      columnTotals: [],
      grandTotal: { value: 0, suppression: null },
    });
  });

  it("refuses malformed input", () => {
    expect(() => suppressSmallCells([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressSmallCells([[1, -2]])).toThrow(RangeError);
    expect(() => suppressSmallCells([[1.5]])).toThrow(RangeError);
    expect(() => suppressSmallCells([[1]], 0)).toThrow(RangeError);
  });

  it("is safe for every 2 × 2 table of counts from {0, 1, 2, 5, 9}", () => {
    expectAllSafe(allTables(2, 2, [0, 1, 2, 5, 9]));
  });

  it("is safe for every 2 × 3 and 3 × 2 table of counts from {0, 1, 4, 7}", () => {
    expectAllSafe(allTables(2, 3, [0, 1, 4, 7]));
    expectAllSafe(allTables(3, 2, [0, 1, 4, 7]));
  });

  it("is safe for every 3 × 3 table of counts from {0, 2, 7}", () => {
    expectAllSafe(allTables(3, 3, [0, 2, 7]));
  }, 30_000);

  it("is safe for every 1 × 4 table of counts from {0, 1, 3, 8}", () => {
    expectAllSafe(allTables(1, 4, [0, 1, 3, 8]));
  });

  it("is safe for random larger tables", () => {
    // A small deterministic generator, so a failure can be reproduced.
    let seed = 20_240_514;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const tables = Array.from({ length: 300 }, () => {
      const rows = 1 + Math.floor(next() * 7);
      const columns = 1 + Math.floor(next() * 6);
      return Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => (next() < 0.35 ? Math.floor(next() * 5) : Math.floor(next() * 60))),
      );
    });
    expectAllSafe(tables);
  });
});
