// For tests of disclosure control: an attacker who holds every published figure holds a system of linear equations
// over the finest cells. A hidden count is safe exactly when its vector is not in the span of the published ones.

/** The span of `rows`, reduced once, as a test of whether a vector lies in it (for many targets over one system). */
export function spanOf(rows: readonly (readonly number[])[]): (target: readonly number[]) => boolean {
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (vector: readonly number[]) => {
    const rest = [...vector];
    for (const { pivot, row } of basis) {
      const factor = rest[pivot] as number;
      if (Math.abs(factor) > 1e-9) for (let j = 0; j < rest.length; j++) rest[j] = (rest[j] as number) - factor * (row[j] as number);
    }
    return rest;
  };
  for (const original of rows) {
    const row = reduce(original);
    const pivot = row.findIndex((value) => Math.abs(value) > 1e-9);
    if (pivot < 0) continue;
    const scale = row[pivot] as number;
    for (let j = 0; j < row.length; j++) row[j] = (row[j] as number) / scale;
    for (const other of basis) {
      const factor = other.row[pivot] as number;
      if (Math.abs(factor) > 1e-9)
        for (let j = 0; j < row.length; j++) other.row[j] = (other.row[j] as number) - factor * (row[j] as number);
    }
    basis.push({ pivot, row });
  }
  return (target) => reduce(target).every((value) => Math.abs(value) < 1e-6);
}

/** Whether `target` is a linear combination of `rows` (then its value follows from the published ones). */
export function solvable(rows: readonly (readonly number[])[], target: readonly number[]): boolean {
  return spanOf(rows)(target);
}
