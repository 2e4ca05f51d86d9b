// Small-cell protection for statistics that can be asked in many shapes. An analyst can ask a family of figures
// grouped by any few of its dimensions, for a year, a quarter or a month, and keep every answer. All those answers
// are tables of one "cube": sums of the same finest cells (every dimension × month). Protection therefore has to
// hold for all the tables together, and every table must come out the same whichever query asks for it.
//
// The guarantee. Call a table cell *primary* when its count is between 1 and threshold − 1 (or a caller marks it
// sensitive, e.g. fewer than `threshold` people behind it). No primary cell of any protected table can be worked
// out exactly from all published cells of all protected tables together — not by linear algebra, and not with the
// knowledge that counts are whole numbers ≥ 0.
//
// Why it holds: a certificate per primary cell rather than an audit. A *witness* is a small integer vector d over
// the finest cells (1, 2 or 4 of them, ±1) whose negative entries sit on cells with a count ≥ 1. For the true counts
// x, x + d is then another table of whole numbers ≥ 0. Every cell of every protected table whose sum over d is not
// zero is hidden, so x + d reproduces every published figure exactly, while the primary cell the witness was made
// for changes by one. An attacker holding every published figure therefore cannot tell x from x + d, and cannot
// know that cell's count. Each primary cell is covered by a witness (its own, or an earlier one that already moves
// it); every complementary cell is hidden because a witness moves it, so it stays unknown too. Nothing else is
// needed, so no audit, no iteration, no linear algebra — the cost grows with the number of finest cells times the
// number of tables, not with its square or cube.
//
// Which witness: for a cell fine in two or more dimensions, the classic 2 × 2 pattern — its finest cell x, a
// non-zero cell w that differs in a dimension j and in another of the cell's dimensions, and the two "crossed"
// cells y, z (x with w's j, w with x's j; they may be empty, as they only gain): −x + y + z − w sums to zero in
// every table that does not split j or does not tell x's other dimensions from w's, so one-dimensional tables are
// never touched. For a cell fine in one
// dimension, x and x moved to another value of that dimension; for a grand total, x alone. Among candidates the
// one that hides the fewest and smallest cells not already hidden is taken. Cells, tables and candidates are all
// visited in a fixed order, so the hidden cells are a function of the data alone: every query sees the same pattern.
//
// The argument needs the published figures to say nothing about a hidden cell but that it is hidden: callers must
// mark small and complementary cells alike (a mark "small" would add the bound 1..threshold − 1, and x + d could
// break it). It does not promise (like the statistical offices' cell suppression, e.g. tau-Argus) that no bound
// can be derived (a hidden count lies between zero and a published total), nor that the sum of several hidden
// cells of one published total stays unknown (it is that total minus the published cells), nor protection against
// an attacker who reruns this very algorithm on guessed data to see which guesses give the same hidden cells.

/** Why a cell is hidden: for itself (a small count, or few people behind it), or to protect another. */
export type Suppression = "PRIMARY" | "COMPLEMENTARY";

export interface PublishedCount {
  /** The count, or null when suppressed. */
  readonly value: number | null;
  readonly suppression: Suppression | null;
}

export interface CubeDimension {
  /** The finest values, in the order tables list them (e.g. every unit that occurs, or the months "01".."12"). */
  readonly values: readonly string[];
  /**
   * Intermediate levels between "all" and the value itself, coarsest first (time: quarter between year and month).
   * Each maps a finest value to its group at that level.
   */
  readonly between?: readonly ((value: string) => string)[];
}

/** For each dimension, 0 is "all"; the highest index is the finest value. */
export type Level = readonly number[];

export interface ProtectedCell extends PublishedCount {
  /** The group's value at each dimension ("*" for all). */
  readonly key: readonly string[];
  /** The true count, for the caller's own derived measures; never to be published when `suppression` is set. */
  readonly count: number;
}

export interface CubeOptions {
  /**
   * Every table that can be published (all answerable groupings and periods); the protection holds for these
   * together. Default: every level of the cube. A table outside them cannot be asked for.
   */
  readonly levels?: readonly Level[];
  /** Marks further groups as primary (e.g. a large count behind few people). Asked for every non-empty group. */
  readonly sensitive?: (level: Level, key: readonly string[]) => boolean;
  /**
   * Pseudonymous contributors (e.g. people) per finest cell: a group with fewer distinct contributors than the
   * threshold is primary, however large its count.
   */
  readonly contributors?: ReadonlyMap<string, readonly number[]>;
  /** What the cube counts (e.g. "FEES.count"), for reports on the protection; no effect on it. */
  readonly label?: string;
}

const ALL = "*";
const PRIMARY = 1;
const COMPLEMENTARY = 2;

interface Corner {
  readonly coords: Int32Array;
  readonly sign: 1 | -1;
}

/**
 * A witness's corners. Unless `along` is null, they come in pairs that differ only in dimension `along` (values
 * `from` and `to`), so a table that does not tell those two values apart sees the pairs cancel.
 */
interface Witness {
  readonly corners: readonly Corner[];
  readonly along: number | null;
  readonly from: number;
  readonly to: number;
}

interface LevelData {
  readonly level: Level;
  /** Per dimension: finest value index → group index at this level. */
  readonly groupOf: readonly Int32Array[];
  readonly strides: readonly number[];
  /** The dimensions this table does not sum over (the others add nothing to a key). */
  readonly fine: readonly number[];
  readonly counts: Map<number, number>;
  /** The first finest cell (by index) in each non-empty group. */
  readonly anchor: Map<number, number>;
  /** Hidden groups: PRIMARY or COMPLEMENTARY (complementary may be empty groups). */
  readonly hidden: Map<number, number>;
  /** Groups that some witness moves. */
  readonly covered: Set<number>;
  /** After protection: the table's non-zero or hidden groups, compact (see `seal`). */
  published: PublishedTable | null;
}

/** A protected table in sorted arrays: about a tenth of the memory of the maps it was built in. */
interface PublishedTable {
  /** Group keys, ascending. */
  readonly keys: Float64Array;
  readonly counts: Float64Array;
  /** 0 published, PRIMARY or COMPLEMENTARY. */
  readonly marks: Uint8Array;
}

/**
 * One count over a cube of dimensions, protected jointly over all its tables. `finest` maps the finest cells' keys
 * (one value per dimension, joined by `keyOf`) to their counts; absent cells count zero.
 */
export class ProtectedCube {
  private readonly groupIndex: Int32Array[][] = [];
  private readonly groupNames: string[][][] = [];
  private readonly coords: Int32Array;
  private readonly counts: number[] = [];
  private readonly levels: LevelData[] = [];
  private readonly levelById = new Map<string, LevelData>();

  constructor(
    private readonly dimensions: readonly CubeDimension[],
    finest: ReadonlyMap<string, number>,
    private readonly threshold: number,
    options: CubeOptions = {},
  ) {
    if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError("threshold must be a positive integer");
    const D = dimensions.length;
    for (const dimension of dimensions) {
      const steps: ((value: string) => string)[] = [() => ALL, ...(dimension.between ?? []), (value) => value];
      const indices: Int32Array[] = [];
      const names: string[][] = [];
      for (const step of steps) {
        const byName = new Map<string, number>();
        const index = new Int32Array(dimension.values.length);
        dimension.values.forEach((value, i) => {
          const group = step(value);
          if (!byName.has(group)) byName.set(group, byName.size);
          index[i] = byName.get(group) as number;
        });
        indices.push(index);
        names.push([...byName.keys()]);
      }
      this.groupIndex.push(indices);
      this.groupNames.push(names);
    }

    const valueIndex = dimensions.map((dimension) => new Map(dimension.values.map((value, i) => [value, i])));
    const keys: string[] = [];
    const coords: number[] = [];
    for (const [key, count] of [...finest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`count of ${key} must be a non-negative integer`);
      if (count === 0) continue;
      const parts = D === 0 ? [] : splitKey(key);
      if (parts.length !== D) throw new RangeError(`finest cell ${key} lies outside the cube`);
      parts.forEach((part, d) => {
        const index = valueIndex[d]?.get(part);
        if (index === undefined) throw new RangeError(`finest cell ${key} lies outside the cube`);
        coords.push(index);
      });
      keys.push(key);
      this.counts.push(count);
    }
    this.coords = Int32Array.from(coords);

    const levels = options.levels ?? cartesian(this.groupIndex.map((steps) => steps.map((_, i) => i)));
    const ordered = [...new Map(levels.map((level) => [level.join(","), [...level]])).values()].sort(
      (a, b) => fineness(a) - fineness(b) || compareLevels(a, b),
    );
    for (const level of ordered) {
      if (level.length !== D || level.some((l, d) => !Number.isInteger(l) || l < 0 || l >= (this.groupIndex[d]?.length ?? 0)))
        throw new RangeError(`level ${level.join(",")} lies outside the cube`);
      const groupOf = level.map((l, d) => this.groupIndex[d]?.[l] as Int32Array);
      const strides: number[] = [];
      let stride = 1;
      for (let d = D - 1; d >= 0; d--) {
        strides[d] = stride;
        stride *= this.namesAt(d, level[d] as number).length;
      }
      const data: LevelData = {
        level,
        groupOf,
        strides,
        fine: level.map((_, d) => d).filter((d) => (level[d] as number) > 0),
        counts: new Map(),
        anchor: new Map(),
        hidden: new Map(),
        covered: new Set(),
        published: null,
      };
      for (let cell = 0; cell < this.counts.length; cell++) {
        const key = this.keyAt(data, this.coords, cell * D);
        data.counts.set(key, (data.counts.get(key) ?? 0) + (this.counts[cell] as number));
        if (!data.anchor.has(key)) data.anchor.set(key, cell);
      }
      this.levels.push(data);
      this.levelById.set(level.join(","), data);
    }

    this.markPrimary(keys, options);
    this.protect();
    // Only counts and hidden marks are needed from here on, and cubes may be kept for later answers: seal each
    // table into sorted arrays and let the working maps go.
    for (const data of this.levels) this.seal(data);
  }

  /** Every protected table, coarsest first. */
  get protectedLevels(): readonly Level[] {
    return this.levels.map((data) => data.level);
  }

  /** The protected table at `level`, one cell per combination of the groups at that level (zeros included). */
  table(level: Level): readonly ProtectedCell[] {
    const data = this.levelData(level);
    const combos = cartesian(level.map((l, d) => this.namesAt(d, l).map((_, i) => i)));
    return combos.map((groups) =>
      this.publish(
        data,
        groups.reduce((key, g, d) => key + g * (data.strides[d] as number), 0),
      ),
    );
  }

  /** Only the cells of `level` that are non-zero or hidden (an empty group that is published is a zero). */
  nonEmpty(level: Level): readonly ProtectedCell[] {
    const data = this.levelData(level);
    const table = data.published as PublishedTable;
    return Array.from(table.keys, (key, i) => this.cellAt(data, key, table.counts[i] as number, table.marks[i] as number));
  }

  /** One protected cell, or undefined for a key outside the cube. */
  cell(level: Level, key: readonly string[]): ProtectedCell | undefined {
    const data = this.levelData(level);
    let numeric = 0;
    for (let d = 0; d < key.length; d++) {
      const group = this.namesAt(d, level[d] as number).indexOf(key[d] as string);
      if (group < 0) return undefined;
      numeric += group * (data.strides[d] as number);
    }
    return key.length === level.length ? this.publish(data, numeric) : undefined;
  }

  private namesAt(dimension: number, level: number): readonly string[] {
    return this.groupNames[dimension]?.[level] ?? [];
  }

  private levelData(level: Level): LevelData {
    const data = this.levelById.get(level.join(","));
    if (!data) throw new RangeError(`level ${level.join(",")} is not a protected table of this cube`);
    return data;
  }

  private publish(data: LevelData, key: number): ProtectedCell {
    const table = data.published as PublishedTable;
    const { keys } = table;
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = keys[middle] as number;
      if (found === key) return this.cellAt(data, key, table.counts[middle] as number, table.marks[middle] as number);
      if (found < key) low = middle + 1;
      else high = middle - 1;
    }
    return this.cellAt(data, key, 0, 0);
  }

  private cellAt(data: LevelData, key: number, count: number, mark: number): ProtectedCell {
    const suppression: Suppression | null = mark === PRIMARY ? "PRIMARY" : mark === COMPLEMENTARY ? "COMPLEMENTARY" : null;
    return { key: this.decode(data, key), count, value: suppression === null ? count : null, suppression };
  }

  /** Moves a protected table from its working maps into sorted arrays (the only form read after construction). */
  private seal(data: LevelData): void {
    const keys = Float64Array.from(new Set([...data.counts.keys(), ...data.hidden.keys()])).sort();
    data.published = {
      keys,
      counts: Float64Array.from(keys, (key) => data.counts.get(key) ?? 0),
      marks: Uint8Array.from(keys, (key) => data.hidden.get(key) ?? 0),
    };
    data.counts.clear();
    data.hidden.clear();
    data.anchor.clear();
    data.covered.clear();
  }

  private decode(data: LevelData, key: number): string[] {
    return data.level.map((l, d) => {
      const names = this.groupNames[d]?.[l] as string[];
      return names[Math.floor(key / (data.strides[d] as number)) % names.length] as string;
    });
  }

  private keyAt(data: LevelData, coords: Int32Array, offset: number): number {
    let key = 0;
    for (const d of data.fine)
      key += ((data.groupOf[d] as Int32Array)[coords[offset + d] as number] as number) * (data.strides[d] as number);
    return key;
  }

  private markPrimary(keys: readonly string[], options: CubeOptions): void {
    const D = this.dimensions.length;
    const contributors = options.contributors ? keys.map((key) => options.contributors?.get(key) ?? []) : null;
    for (const data of this.levels) {
      const people = new Map<number, Set<number>>();
      if (contributors) {
        for (let cell = 0; cell < this.counts.length; cell++) {
          const key = this.keyAt(data, this.coords, cell * D);
          if ((data.counts.get(key) as number) < this.threshold) continue;
          const set = people.get(key) ?? new Set<number>();
          for (const person of contributors[cell] as readonly number[]) set.add(person);
          people.set(key, set);
        }
      }
      for (const [key, count] of data.counts) {
        const small = count < this.threshold || (people.get(key)?.size ?? this.threshold) < this.threshold;
        if (small || options.sensitive?.(data.level, this.decode(data, key))) data.hidden.set(key, PRIMARY);
      }
    }
  }

  /** Gives every primary cell a witness, coarsest tables first, each table's cells in key order. */
  private protect(): void {
    for (const data of this.levels) {
      const primaries = [...data.hidden.keys()].sort((a, b) => a - b);
      for (const key of primaries) {
        if (data.covered.has(key)) continue;
        const witness = this.witnessFor(data, key);
        this.apply(witness);
        // Unreachable: a witness always moves the cell it was built for.
        if (!data.covered.has(key)) throw new Error("a suppressed count was left without protection");
      }
    }
  }

  private witnessFor(data: LevelData, key: number): Witness {
    const D = this.dimensions.length;
    const anchor = data.anchor.get(key) as number;
    const u = this.coords.subarray(anchor * D, anchor * D + D);
    const level = data.level;
    // Dimensions this table splits into more than one group: the only ones a witness can move the cell along.
    const split = level.map((_, d) => d).filter((d) => (this.groupNames[d]?.[level[d] as number]?.length ?? 0) > 1);
    const separated = (d: number, a: number, b: number) => (data.groupOf[d] as Int32Array)[a] !== (data.groupOf[d] as Int32Array)[b];

    if (split.length === 0) return { corners: [{ coords: u, sign: -1 }], along: null, from: 0, to: 0 };
    const isSplit = new Uint8Array(D);
    for (const d of split) isSplit[d] = 1;

    const candidates: Witness[] = [];
    if (split.length >= 2) {
      const total = this.counts.length;
      const coords = this.coords;
      // The non-zero cells w that the 2 × 2 pattern can use along each split dimension j: w must be in another group
      // than u in j and in at least one other split dimension. Per j, the nearest (fewest dimensions differing from u)
      // and the farthest are weighed: the nearest hide least in tables that are mostly published; the farthest move
      // the most small cells at once (those cost nothing more, being hidden already). Ties go to the lower cell index
      // (nearest) and the higher (farthest), so the choice is a function of the data alone. One pass over the cells
      // after the anchor (in key order, so neighbours share their leading dimensions) serves every j.
      const nearCell = new Int32Array(D).fill(-1);
      const nearDistance = new Int32Array(D).fill(D + 1);
      const farCell = new Int32Array(D).fill(-1);
      const farDistance = new Int32Array(D).fill(-1);
      for (let step = 1; step < Math.min(total, SCAN + 1); step++) {
        const cell = (anchor + step) % total;
        const offset = cell * D;
        let differing = 0;
        let separatedIn = 0;
        let separatedCount = 0;
        for (let d = 0; d < D; d++) {
          const ud = u[d] as number;
          const wd = coords[offset + d] as number;
          if (ud === wd) continue;
          differing++;
          if (isSplit[d] === 1 && separated(d, ud, wd)) {
            separatedIn |= 1 << d;
            separatedCount++;
          }
        }
        if (separatedCount < 2) continue;
        for (const j of split) {
          if ((separatedIn & (1 << j)) === 0) continue;
          const distance = differing - 1;
          if (distance < (nearDistance[j] as number) || (distance === nearDistance[j] && cell < (nearCell[j] as number))) {
            nearDistance[j] = distance;
            nearCell[j] = cell;
          }
          if (distance > (farDistance[j] as number) || (distance === farDistance[j] && cell > (farCell[j] as number))) {
            farDistance[j] = distance;
            farCell[j] = cell;
          }
        }
      }
      for (const j of split) {
        if (nearCell[j] === -1) continue;
        const chosen = nearCell[j] === farCell[j] ? [nearCell[j] as number] : [nearCell[j] as number, farCell[j] as number];
        for (const cell of chosen) {
          const w = coords.subarray(cell * D, cell * D + D);
          const y = Int32Array.from(u);
          y[j] = w[j] as number;
          const z = Int32Array.from(w);
          z[j] = u[j] as number;
          const corners: Corner[] = [
            { coords: u, sign: -1 },
            { coords: y, sign: 1 },
            { coords: z, sign: 1 },
            { coords: w, sign: -1 },
          ];
          candidates.push({ corners, along: j, from: u[j] as number, to: w[j] as number });
        }
      }
    }
    if (candidates.length === 0) {
      for (const j of split) {
        const values = this.dimensions[j]?.values.length ?? 0;
        for (let v = 0; v < values; v++) {
          if (!separated(j, u[j] as number, v)) continue;
          const moved = Int32Array.from(u);
          moved[j] = v;
          const corners: Corner[] = [
            { coords: u, sign: -1 },
            { coords: moved, sign: 1 },
          ];
          candidates.push({ corners, along: j, from: u[j] as number, to: v });
        }
      }
    }
    const uKeys = new Float64Array(this.levels.length);
    this.levels.forEach((table, l) => {
      uKeys[l] = this.keyAt(table, u, 0);
    });
    let best = candidates[0] as Witness;
    let bestCost = Number.POSITIVE_INFINITY;
    let bestGain = -1;
    for (const candidate of candidates) {
      const { cost, gain } = this.cost(candidate, bestCost, uKeys);
      if (cost < bestCost || (cost === bestCost && gain > bestGain)) {
        best = candidate;
        bestCost = cost;
        bestGain = gain;
      }
    }
    return best;
  }

  /**
   * The cells a witness would newly hide, weighted by their counts (stopping once above `limit`), and how many
   * small cells still without a witness it would move.
   */
  private cost(witness: Witness, limit: number, uKeys: Float64Array): { cost: number; gain: number } {
    let cost = 0;
    let gain = 0;
    for (let l = 0; l < this.levels.length; l++) {
      const data = this.levels[l] as LevelData;
      const n = this.movedFrom(data, witness, uKeys[l] as number);
      for (let i = 0; i < n; i++) {
        const key = this.movedKeys[i] as number;
        const mark = data.hidden.get(key);
        if (mark === undefined) cost += 1 + (data.counts.get(key) ?? 0);
        else if (!data.covered.has(key)) gain++;
      }
      if (cost > limit) return { cost, gain };
    }
    return { cost, gain };
  }

  private apply(witness: Witness): void {
    for (const data of this.levels) {
      const n = this.moved(data, witness);
      for (let i = 0; i < n; i++) {
        const key = this.movedKeys[i] as number;
        if (!data.hidden.has(key)) data.hidden.set(key, COMPLEMENTARY);
        data.covered.add(key);
      }
    }
  }

  private readonly movedKeys: number[] = [0, 0, 0, 0];
  private readonly movedSums: number[] = [0, 0, 0, 0];

  /**
   * As `moved`, with the key of the witness's first corner (u) at this table already known. A 2 × 2 witness's other
   * corners differ from u and w in dimension `along` only, so their keys follow from u's and w's without a lookup.
   */
  private movedFrom(data: LevelData, witness: Witness, uKey: number): number {
    const { along, from, to, corners } = witness;
    if (along === null || corners.length !== 4) return this.moved(data, witness);
    const groups = data.groupOf[along] as Int32Array;
    const gu = groups[from] as number;
    const gw = groups[to] as number;
    if (gu === gw) return 0;
    const shift = (gw - gu) * (data.strides[along] as number);
    const wKey = this.keyAt(data, (corners[3] as Corner).coords, 0);
    return this.collect([uKey, uKey + shift, wKey - shift, wKey], SQUARE_SIGNS);
  }

  /** Adds up signed keys (equal keys merge) and leaves the non-zero ones in `movedKeys`; returns how many. */
  private collect(keys: readonly number[], signs: readonly number[]): number {
    let n = 0;
    for (let c = 0; c < keys.length; c++) {
      const key = keys[c] as number;
      let at = 0;
      while (at < n && this.movedKeys[at] !== key) at++;
      if (at === n) {
        this.movedKeys[n] = key;
        this.movedSums[n] = signs[c] as number;
        n++;
      } else this.movedSums[at] = (this.movedSums[at] as number) + (signs[c] as number);
    }
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (this.movedSums[i] !== 0) this.movedKeys[kept++] = this.movedKeys[i] as number;
    }
    return kept;
  }

  /** The groups of a table whose sum the witness changes, left in `movedKeys`; returns how many. */
  private moved(data: LevelData, witness: Witness): number {
    const { along, from, to, corners } = witness;
    if (along !== null) {
      const groups = data.groupOf[along] as Int32Array;
      if (groups[from] === groups[to]) return 0;
    }
    let n = 0;
    for (const { coords, sign } of corners) {
      const key = this.keyAt(data, coords, 0);
      let at = 0;
      while (at < n && this.movedKeys[at] !== key) at++;
      if (at === n) {
        this.movedKeys[n] = key;
        this.movedSums[n] = sign;
        n++;
      } else this.movedSums[at] = (this.movedSums[at] as number) + sign;
    }
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (this.movedSums[i] !== 0) this.movedKeys[kept++] = this.movedKeys[i] as number;
    }
    return kept;
  }
}

/**
 * How many non-zero cells after the anchor (in key order, so neighbours share their leading dimensions) are looked
 * at for them. Which cell is chosen only changes how much is hidden, never whether the protection holds; the bound
 * keeps the cost linear in the number of cells.
 */
const SCAN = 256;

/** Signs of a 2 × 2 witness's corners u, y, z, w. */
const SQUARE_SIGNS: readonly number[] = [-1, 1, 1, -1];

/** Joins a cell's group values into one map key (values never contain the separator: they are ids and codes). */
export function keyOf(values: readonly string[]): string {
  return values.join("\u001f");
}

function splitKey(key: string): string[] {
  return key.split("\u001f");
}

function fineness(level: readonly number[]): number {
  return level.reduce((total, value) => total + value, 0);
}

function compareLevels(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((combos, list) => combos.flatMap((combo) => list.map((item) => [...combo, item])), [[]]);
}

/** Calendar quarter of a month "01".."12", for the time dimension's intermediate level. */
export function quarterOfMonth(month: string): string {
  return `Q${Math.ceil(Number(month) / 3)}`;
}

export const MONTHS: readonly string[] = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
