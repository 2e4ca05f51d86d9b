// For tests of disclosure control: an attacker who holds every published figure knows that the finest cells y satisfy
// A·y = b (each published cell is a sum of finest cells with a known value) and y ≥ 0 (counts are never negative).
// The feasible range of a hidden cell c·y is [min c·y, max c·y] over that polytope: a small linear programme, solved
// here with a dense two-phase simplex (Bland's rule, so it always ends). Exact enough for the small integer systems
// of the tests (values are compared with a tolerance); not meant for large systems.

const EPS = 1e-9;

export interface FeasibleRange {
  readonly min: number;
  /** Infinity when nothing published bounds the cell from above. */
  readonly max: number;
}

/**
 * The polytope {y ≥ 0 : rows·y = values}, reduced to a feasible basis once, as a function giving any linear target's
 * range over it. Throws when the published figures are inconsistent (no y fits them): then the data was not real.
 */
export function feasibleRegion(
  rows: readonly (readonly number[])[],
  values: readonly number[],
  unknowns: number,
): (target: readonly number[]) => FeasibleRange {
  // Tableau: one row per equation (b ≥ 0), columns: the unknowns, then one artificial per row, then the right side.
  const m = rows.length;
  const width = unknowns + m + 1;
  const tableau: Float64Array[] = rows.map((row, i) => {
    const line = new Float64Array(width);
    const sign = (values[i] as number) < 0 ? -1 : 1;
    for (let j = 0; j < unknowns; j++) line[j] = sign * ((row[j] as number) ?? 0);
    line[unknowns + i] = 1;
    line[width - 1] = sign * (values[i] as number);
    return line;
  });
  const basis = Array.from({ length: m }, (_, i) => unknowns + i);

  // Phase 1: minimise the sum of the artificials.
  const phase1 = new Float64Array(width);
  for (let j = unknowns; j < unknowns + m; j++) phase1[j] = 1;
  simplex(tableau, basis, phase1, unknowns + m);
  const infeasibility = basis.reduce(
    (sum, column, i) => sum + (column >= unknowns ? ((tableau[i] as Float64Array)[width - 1] as number) : 0),
    0,
  );
  if (infeasibility > 1e-6) throw new Error("the published figures admit no data set");
  // Drive artificials that stayed basic (at zero) out of the basis, or drop their rows: those equations were redundant.
  for (let i = basis.length - 1; i >= 0; i--) {
    if ((basis[i] as number) < unknowns) continue;
    const row = tableau[i] as Float64Array;
    let entering = -1;
    for (let j = 0; j < unknowns; j++) if (Math.abs(row[j] as number) > EPS) entering = j;
    if (entering < 0) {
      tableau.splice(i, 1);
      basis.splice(i, 1);
    } else pivot(tableau, basis, i, entering);
  }

  return (target) => {
    const cost = new Float64Array(width);
    for (let j = 0; j < unknowns; j++) cost[j] = (target[j] as number) ?? 0;
    const low = optimum(tableau, basis, cost, unknowns);
    for (let j = 0; j < unknowns; j++) cost[j] = -(cost[j] as number);
    const high = optimum(tableau, basis, cost, unknowns);
    return { min: low, max: -high };
  };
}

/** The minimum of cost·y from the feasible basis (artificials may not re-enter); -Infinity when unbounded. */
function optimum(original: readonly Float64Array[], originalBasis: readonly number[], cost: Float64Array, unknowns: number): number {
  const tableau = original.map((row) => Float64Array.from(row));
  const basis = [...originalBasis];
  if (!simplex(tableau, basis, cost, unknowns)) return Number.NEGATIVE_INFINITY;
  const width = cost.length;
  return basis.reduce((sum, column, i) => sum + (cost[column] as number) * ((tableau[i] as Float64Array)[width - 1] as number), 0);
}

/** Minimises cost over the tableau, letting only columns below `allowed` enter. False when unbounded. */
function simplex(tableau: Float64Array[], basis: number[], cost: Float64Array, allowed: number): boolean {
  const width = cost.length;
  for (let iteration = 0; iteration < 100_000; iteration++) {
    // Reduced costs: cost_j − Σ cost_basis · column_j. Bland: the lowest column that improves.
    let entering = -1;
    for (let j = 0; j < allowed && entering < 0; j++) {
      if (basis.includes(j)) continue;
      let reduced = cost[j] as number;
      for (let i = 0; i < basis.length; i++) reduced -= (cost[basis[i] as number] as number) * ((tableau[i] as Float64Array)[j] as number);
      if (reduced < -EPS) entering = j;
    }
    if (entering < 0) return true;
    let leaving = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < tableau.length; i++) {
      const row = tableau[i] as Float64Array;
      const a = row[entering] as number;
      if (a <= EPS) continue;
      const ratio = (row[width - 1] as number) / a;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && (basis[i] as number) < (basis[leaving] as number))) {
        best = ratio;
        leaving = i;
      }
    }
    if (leaving < 0) return false;
    pivot(tableau, basis, leaving, entering);
  }
  throw new Error("simplex did not end");
}

function pivot(tableau: Float64Array[], basis: number[], row: number, column: number): void {
  const pivotRow = tableau[row] as Float64Array;
  const scale = pivotRow[column] as number;
  for (let j = 0; j < pivotRow.length; j++) pivotRow[j] = (pivotRow[j] as number) / scale;
  for (let i = 0; i < tableau.length; i++) {
    if (i === row) continue;
    const other = tableau[i] as Float64Array;
    const factor = other[column] as number;
    if (Math.abs(factor) <= EPS) continue;
    for (let j = 0; j < other.length; j++) other[j] = (other[j] as number) - factor * (pivotRow[j] as number);
  }
  basis[row] = column;
}

/** The range of `target` given `rows·y = values` and y ≥ 0 (one target; build `feasibleRegion` once for many). */
export function feasibleRange(rows: readonly (readonly number[])[], values: readonly number[], target: readonly number[]): FeasibleRange {
  return feasibleRegion(rows, values, target.length)(target);
}
