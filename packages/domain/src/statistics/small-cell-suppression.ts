// Statistics must never let anyone single out a person (SPEC §4.9). A count between 1 and
// threshold − 1 is suppressed ("primary" suppression). That alone is not enough when totals are
// published: a row [3, 40, 57 | 100] with the 3 hidden gives it back as 100 − 40 − 57. So further
// cells are hidden ("complementary" suppression) until no hidden value can be worked out from
// the published ones.
//
// Picture the table with its totals as a grid of (rows + 1) × (columns + 1) entries in which every
// line — each row with its total, each column with its total, the row of column totals with the
// grand total — is a sum that holds. Treat every line as a node of a graph and every hidden entry
// as an edge between its row and its column. A hidden entry can be solved for exactly when its
// edge lies on no cycle (it is a "bridge"); if it lies on a cycle, adding t to it and alternately
// subtracting and adding t around the cycle keeps every sum, so its value stays unknown.
// Two rules together guarantee that no edge is a bridge:
//   1. a line with exactly one hidden entry gives it away by subtraction, so the next-smallest
//      entry of that line is hidden too, repeated until no such line remains;
//   2. lines with two hidden entries each can still chain into a solvable pattern (two separate
//      blocks of hidden cells joined by a single hidden cell), so any remaining bridge gets a
//      cell hidden that closes a cycle through it.

export type Suppression = "PRIMARY" | "COMPLEMENTARY";

export interface PublishedCount {
  /** The count, or null when suppressed. */
  readonly value: number | null;
  readonly suppression: Suppression | null;
}

export interface SuppressedTable {
  readonly cells: readonly (readonly PublishedCount[])[];
  readonly rowTotals: readonly PublishedCount[];
  readonly columnTotals: readonly PublishedCount[];
  readonly grandTotal: PublishedCount;
}

interface Entry {
  readonly row: number;
  readonly column: number;
}

/**
 * Suppresses small counts in a table of additive counts (totals are the sums of the cells, so
 * this is not for counts of unique persons across overlapping columns). Zero is published:
 * "nobody" identifies no one. Totals below the threshold are suppressed like any other count.
 */
export function suppressSmallCells(counts: readonly (readonly number[])[], threshold = 5): SuppressedTable {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError("threshold must be a positive integer");
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError("every row must have the same number of columns");
    for (const count of row) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError("counts must be non-negative integers");
    }
  }

  // The grid with totals: row `rows` holds the column totals, column `columns` the row totals.
  const grid: number[][] = counts.map((row) => [...row, row.reduce((sum, n) => sum + n, 0)]);
  const totalsRow: number[] = [];
  for (let c = 0; c <= columns; c++) totalsRow.push(grid.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  grid.push(totalsRow);

  const marks: (Suppression | null)[][] = grid.map((row) => row.map((n) => (n > 0 && n < threshold ? "PRIMARY" : null)));
  const value = ({ row, column }: Entry) => grid[row]?.[column] ?? 0;
  const isHidden = ({ row, column }: Entry) => marks[row]?.[column] !== null;
  const hide = ({ row, column }: Entry) => {
    const line = marks[row];
    if (line) line[column] = "COMPLEMENTARY";
  };

  const lines: Entry[][] = [];
  for (let r = 0; r <= rows; r++) lines.push(Array.from({ length: columns + 1 }, (_, c) => ({ row: r, column: c })));
  for (let c = 0; c <= columns; c++) lines.push(Array.from({ length: rows + 1 }, (_, r) => ({ row: r, column: c })));

  // Hiding the smallest non-zero count loses least; a hidden zero protects little, since counts
  // cannot go below zero. Among equals, inner cells go before totals.
  const isTotal = ({ row, column }: Entry) => row === rows || column === columns;
  const cheapest = (candidates: readonly Entry[]): Entry | undefined =>
    [...candidates].sort(
      (a, b) =>
        Number(value(a) === 0) - Number(value(b) === 0) ||
        value(a) - value(b) ||
        Number(isTotal(a)) - Number(isTotal(b)) ||
        a.row - b.row ||
        a.column - b.column,
    )[0];

  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        if (line.filter(isHidden).length !== 1) continue;
        const complement = cheapest(line.filter((entry) => !isHidden(entry)));
        if (complement) {
          hide(complement);
          changed = true;
        }
      }
    }
    const bridge = findBridge(grid, marks, rows, columns);
    if (bridge === null) break;
    const complement = cheapest(bridge.crossing.filter((entry) => !isHidden(entry)));
    // Unreachable: after rule 1 both sides of a bridge contain a cycle, so a crossing cell exists.
    if (!complement) throw new Error("no cell can protect a suppressed count");
    hide(complement);
  }

  const published = (row: number, column: number): PublishedCount => {
    const suppression = marks[row]?.[column] ?? null;
    return { value: suppression === null ? (grid[row]?.[column] ?? 0) : null, suppression };
  };
  return {
    cells: counts.map((row, r) => row.map((_, c) => published(r, c))),
    rowTotals: counts.map((_, r) => published(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => published(rows, c)),
    grandTotal: published(rows, columns),
  };
}

/**
 * The first hidden entry whose value could be solved for (a bridge in the graph of lines joined
 * by hidden entries), with the entries that would close a cycle through it: those joining a row
 * on one side of the bridge to a column on the other.
 */
function findBridge(
  grid: readonly (readonly number[])[],
  marks: readonly (readonly (Suppression | null)[])[],
  rows: number,
  columns: number,
): { crossing: Entry[] } | null {
  // Nodes 0..rows are row lines, rows+1..rows+1+columns are column lines.
  const columnNode = (column: number) => rows + 1 + column;
  const hidden: Entry[] = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= columns; c++) if (marks[r]?.[c] !== null) hidden.push({ row: r, column: c });
  }

  const neighbours = new Map<number, { edge: Entry; node: number }[]>();
  const link = (from: number, to: number, edge: Entry) => {
    const list = neighbours.get(from) ?? [];
    list.push({ edge, node: to });
    neighbours.set(from, list);
  };
  for (const edge of hidden) {
    link(edge.row, columnNode(edge.column), edge);
    link(columnNode(edge.column), edge.row, edge);
  }

  const reachable = (start: number, without: Entry): Set<number> => {
    const seen = new Set([start]);
    const queue = [start];
    for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
      for (const next of neighbours.get(node) ?? []) {
        if (next.edge !== without && !seen.has(next.node)) {
          seen.add(next.node);
          queue.push(next.node);
        }
      }
    }
    return seen;
  };

  for (const edge of hidden) {
    const rowSide = reachable(edge.row, edge);
    if (rowSide.has(columnNode(edge.column))) continue;
    const columnSide = reachable(columnNode(edge.column), edge);
    const crossing: Entry[] = [];
    for (let r = 0; r < grid.length; r++) {
      for (let c = 0; c <= columns; c++) {
        const joins = (rowSide.has(r) && columnSide.has(columnNode(c))) || (columnSide.has(r) && rowSide.has(columnNode(c)));
        if (joins && !(r === edge.row && c === edge.column)) crossing.push({ row: r, column: c });
      }
    }
    return { crossing };
  }
  return null;
}
