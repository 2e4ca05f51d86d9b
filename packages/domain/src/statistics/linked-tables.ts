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

import type { PublishedCount, Suppression } from "./small-cell-suppression.js";

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
  /** Whether the corners are the anchor's 2 × 2 (u, y, z, w in that order), whose keys follow from u's and w's. */
  readonly anchored?: boolean;
  /**
   * A quick test of where it cancels: at a table that tells none of a side's dimensions' values `a` and `b` apart
   * (for some side), the corners cancel in pairs.
   */
  readonly sides?: readonly Side[];
}

interface Side {
  readonly dims: readonly number[];
  readonly a: readonly number[];
  readonly b: readonly number[];
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
  /** Each primary group's proof so far (see `Proof`). */
  readonly proofs: Map<number, Proof>;
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
  /** Finest cells by their index in the full cube (Σ value index × stride), for looking a corner's count up. */
  private readonly finestStrides: number[] = [];
  private readonly finestCell = new Map<number, number>();
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
    let finestStride = 1;
    for (let d = D - 1; d >= 0; d--) {
      this.finestStrides[d] = finestStride;
      finestStride *= dimensions[d]?.values.length ?? 1;
    }
    for (let cell = 0; cell < this.counts.length; cell++) {
      let index = 0;
      for (let d = 0; d < D; d++) index += (this.coords[cell * D + d] as number) * (this.finestStrides[d] as number);
      this.finestCell.set(index, cell);
    }

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
        proofs: new Map(),
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
    data.proofs.clear();
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

  /** Gives every primary cell its protection interval, coarsest tables first, each table's cells in key order. */
  private protect(): void {
    for (const data of this.levels) {
      const primaries = [...data.hidden].filter(([, mark]) => mark === PRIMARY).map(([key]) => key);
      for (const key of primaries.sort((a, b) => a - b)) {
        if (this.interval(data, key) >= this.threshold) continue;
        this.prove(data, key);
        // Unreachable: a proof ends with the interval reached, at worst through a witness that raises u alone.
        if (this.interval(data, key) < this.threshold) throw new Error("a suppressed count was left without protection");
      }
    }
  }

  /** How far apart the group's two data sets put its sum: up plus down. */
  private interval(data: LevelData, key: number): number {
    const proof = data.proofs.get(key);
    return proof ? proof.up + proof.down : 0;
  }

  /**
   * Builds a primary cell's own proof: two data sets that reproduce every published figure, one with the cell
   * raised by `up`, one with it lowered by `down`, up + down ≥ threshold. Each is x plus a sum of witnesses, each
   * witness taken as far as the counts still unused by the earlier ones of that data set allow (so the sum stays
   * ≥ 0 everywhere). Witnesses are taken greedily by newly hidden weight per unit of interval gained.
   */
  private prove(data: LevelData, key: number): void {
    const D = this.dimensions.length;
    const anchor = data.anchor.get(key) as number;
    const u = this.coords.subarray(anchor * D, anchor * D + D);
    const level = data.level;
    // Dimensions this table splits into more than one group: the only ones a witness can move the cell along.
    const split = level.map((_, d) => d).filter((d) => (this.groupNames[d]?.[level[d] as number]?.length ?? 0) > 1);
    const base = this.candidatesFor(data, u, split);
    const around = split.length === 0 ? null : this.surroundings(data, u, split);
    const uKeys = new Float64Array(this.levels.length);
    this.levels.forEach((table, l) => {
      uKeys[l] = this.keyAt(table, u, 0);
    });
    const proof = this.proofOf(data, key);
    for (let round = 0; round <= this.threshold && proof.up + proof.down < this.threshold; round++) {
      const need = this.threshold - proof.up - proof.down;
      // Witnesses that leave one-way tables alone first; the shifts that move them only when none of those helps.
      let best: { witness: Witness; score: number; useful: number; gain: number; tier: number } | null = null;
      for (let tier = 0; tier < 3 && best === null; tier++) {
        const candidates =
          tier === 0
            ? around
              ? [...base, ...this.roomiest(this.squaresFor(split, around, proof.usedUp), proof.usedUp)]
              : base
            : around
              ? this.roomiest(this.shiftsFor(data, u, split, around, proof.usedUp, proof.usedDown, tier), proof.usedUp)
              : [];
        for (const witness of candidates) {
          // Nothing beats a witness that hides nothing new and closes the interval.
          if (best !== null && best.score === 0 && best.useful === need) break;
          const effect = this.effectOn(data, key, witness);
          if (effect === 0) continue;
          const sign = effect > 0 ? 1 : -1;
          const raise = this.room(witness, sign, proof.usedUp);
          const lower = this.room(witness, -sign, proof.usedDown);
          const useful = Math.min(need, Math.abs(effect) * (raise + lower));
          if (!(useful > 0)) continue;
          const { cost, gain } = this.cost(witness, best ? best.score * useful : Number.POSITIVE_INFINITY, uKeys);
          const score = cost / useful;
          if (
            best === null ||
            score < best.score ||
            (score === best.score && (useful > best.useful || (useful === best.useful && gain > best.gain)))
          )
            best = { witness, score, useful, gain, tier };
        }
      }
      if (best === null) break;
      // Extends every moved primary group's data sets, this cell's too.
      this.apply(best.witness);
    }
    if (proof.up + proof.down < this.threshold) {
      // Nothing else reaches: raise u alone. Every group containing u is hidden, and nothing bounds it from above.
      this.apply(lone(u));
    }
  }

  private proofOf(data: LevelData, key: number): Proof {
    let proof = data.proofs.get(key);
    if (!proof) {
      proof = { up: 0, down: 0, usedUp: new Map(), usedDown: new Map() };
      data.proofs.set(key, proof);
    }
    return proof;
  }

  /**
   * The non-empty finest cells around a cell (at its table's level), the largest first (at most SURROUNDING of
   * each kind). For each split of the table's split dimensions into two sides J and K (J holding the first): the
   * cells that differ from the cell on J's side only ("J-sided") and on K's side only ("K-sided"). Also all cells
   * outside the cell, and those inside it.
   */
  private surroundings(data: LevelData, u: Int32Array, split: readonly number[]): Surroundings {
    const D = this.dimensions.length;
    const all = (1 << split.length) - 1;
    // Bipartitions J | K of the split dimensions with J holding split[0] (the other half of each pair is the same).
    const sides: number[] = [];
    for (let J = 1; J < all; J += 2) sides.push(J);
    const jSided = sides.map(() => [] as number[]);
    const kSided = sides.map(() => [] as number[]);
    const single = split.map(() => [] as number[]);
    const agree = split.map(() => [] as number[]);
    const outside: number[] = [];
    const inside: number[] = [];
    for (let cell = 0; cell < this.counts.length; cell++) {
      let mask = 0;
      for (let s = 0; s < split.length; s++) {
        const d = split[s] as number;
        const groups = data.groupOf[d] as Int32Array;
        if (groups[this.coords[cell * D + d] as number] !== groups[u[d] as number]) mask |= 1 << s;
      }
      if (mask === 0) {
        this.keepLargest(inside, cell);
        continue;
      }
      this.keepLargest(outside, cell);
      for (let s = 0; s < split.length; s++) {
        if (mask === 1 << s) this.keepLargest(single[s] as number[], cell);
        if ((mask & (1 << s)) === 0) this.keepLargest(agree[s] as number[], cell);
      }
      for (let i = 0; i < sides.length; i++) {
        const J = sides[i] as number;
        if ((mask & ~J) === 0) this.keepLargest(jSided[i] as number[], cell);
        else if ((mask & J) === 0) this.keepLargest(kSided[i] as number[], cell);
      }
    }
    return { sides, jSided, kSided, single, agree, outside, inside };
  }

  /** Keeps `list` the SURROUNDING largest cells seen, largest first, ties to the lower cell index. */
  private keepLargest(list: number[], cell: number): void {
    const count = this.counts[cell] as number;
    if (list.length === SURROUNDING && count <= (this.counts[list[SURROUNDING - 1] as number] as number)) return;
    let at = list.length;
    while (at > 0 && (this.counts[list[at - 1] as number] as number) < count) at--;
    list.splice(at, 0, cell);
    if (list.length > SURROUNDING) list.pop();
  }

  /**
   * Witnesses that raise the cell from beyond u's neighbourhood, built from the largest cells whose count is still
   * unused, for each side split J | K: the 2 × 2 through a J-sided cell y and a K-sided cell z. It lowers y and z
   * and raises p (z on J's dimensions, y on the others: inside the cell) and w (y on J's, z on the others). A table
   * that does not tell y's J-values from z's, or y's other values from z's, sees it cancel: one-way tables never
   * move.
   */
  private squaresFor(split: readonly number[], around: Surroundings, used: ReadonlyMap<number, number>): Witness[] {
    const D = this.dimensions.length;
    const moves: Witness[] = [];
    around.sides.forEach((J, i) => {
      const yCell = this.largestLeft(around.jSided[i] as number[], used);
      const zCell = this.largestLeft(around.kSided[i] as number[], used);
      if (yCell < 0 || zCell < 0) return;
      const y = this.coords.subarray(yCell * D, yCell * D + D);
      const z = this.coords.subarray(zCell * D, zCell * D + D);
      const p = Int32Array.from(y);
      const w = Int32Array.from(z);
      const inJ = new Uint8Array(D);
      split.forEach((d, s) => {
        if ((J & (1 << s)) !== 0) inJ[d] = 1;
      });
      for (let d = 0; d < D; d++)
        if (inJ[d] === 1) {
          p[d] = z[d] as number;
          w[d] = y[d] as number;
        }
      // With one dimension on J's side, the pairs (p, y) and (w, z) differ in it alone.
      const single = split.filter((_, s) => (J & (1 << s)) !== 0);
      const along = single.length === 1 ? (single[0] as number) : null;
      const jDims: number[] = [];
      const kDims: number[] = [];
      for (let d = 0; d < D; d++) if (y[d] !== z[d]) (inJ[d] === 1 ? jDims : kDims).push(d);
      const sideOf = (dims: number[]): Side => ({ dims, a: dims.map((d) => y[d] as number), b: dims.map((d) => z[d] as number) });
      moves.push({
        sides: [sideOf(jDims), sideOf(kDims)],
        corners: [
          { coords: p, sign: 1 },
          { coords: y, sign: -1 },
          { coords: z, sign: -1 },
          { coords: w, sign: 1 },
        ],
        along,
        from: along === null ? 0 : (z[along] as number),
        to: along === null ? 0 : (y[along] as number),
      });
    });
    return moves;
  }

  /**
   * Shifts, which move one-way tables too. Tier 1: a cell q that differs from the cell in one split dimension j
   * alone moved into it (only tables that split j move), and a cell p inside moved out along a split dimension.
   * Tier 2, the last resort before raising u alone: a large cell outside moved in, whatever it differs in (for
   * each split dimension, the largest that agrees with the cell in it, and the largest of all).
   */
  private shiftsFor(
    data: LevelData,
    u: Int32Array,
    split: readonly number[],
    around: Surroundings,
    usedUp: ReadonlyMap<number, number>,
    usedDown: ReadonlyMap<number, number>,
    tier: number,
  ): Witness[] {
    const D = this.dimensions.length;
    const at = (cell: number) => this.coords.subarray(cell * D, cell * D + D);
    const separated = (d: number, a: number, b: number) => (data.groupOf[d] as Int32Array)[a] !== (data.groupOf[d] as Int32Array)[b];
    const moves: Witness[] = [];
    const shift = (q: Int32Array) => {
      const into = Int32Array.from(q);
      const changed: number[] = [];
      for (const d of split)
        if (separated(d, q[d] as number, u[d] as number)) {
          into[d] = u[d] as number;
          changed.push(d);
        }
      const only = changed.length === 1 ? (changed[0] as number) : null;
      moves.push({
        sides: [{ dims: changed, a: changed.map((d) => q[d] as number), b: changed.map((d) => u[d] as number) }],
        corners: [
          { coords: q, sign: -1 },
          { coords: into, sign: 1 },
        ],
        along: only,
        from: only === null ? 0 : (q[only] as number),
        to: only === null ? 0 : (u[only] as number),
      });
    };
    if (tier === 2) {
      for (const list of [...around.agree, around.outside]) {
        const qCell = this.largestLeft(list, usedUp);
        if (qCell >= 0) shift(at(qCell));
      }
      return moves;
    }
    for (const list of around.single) {
      const qCell = this.largestLeft(list, usedUp);
      if (qCell >= 0) shift(at(qCell));
    }
    const pCell = this.largestLeft(around.inside, usedDown);
    if (pCell >= 0) {
      const p = at(pCell);
      for (const j of split) {
        const values = this.dimensions[j]?.values.length ?? 0;
        let v = 0;
        while (v < values && !separated(j, p[j] as number, v)) v++;
        if (v === values) continue;
        const out = Int32Array.from(p);
        out[j] = v;
        moves.push({
          corners: [
            { coords: p, sign: -1 },
            { coords: out, sign: 1 },
          ],
          along: j,
          from: p[j] as number,
          to: v,
        });
      }
    }
    return moves;
  }

  /** The ROOMIEST witnesses that can raise the cell furthest (stable: equals keep their order). */
  private roomiest(witnesses: Witness[], used: ReadonlyMap<number, number>): Witness[] {
    if (witnesses.length <= ROOMIEST) return witnesses;
    const rooms = witnesses.map((witness) => Math.max(this.room(witness, 1, used), this.room(witness, -1, used)));
    const order = witnesses.map((_, i) => i).sort((a, b) => (rooms[b] as number) - (rooms[a] as number) || a - b);
    return order.slice(0, ROOMIEST).map((i) => witnesses[i] as Witness);
  }

  /** The cell of `list` with the most count not yet used (the first of equals), or −1 when all is used. */
  private largestLeft(list: readonly number[], used: ReadonlyMap<number, number>): number {
    let best = -1;
    let most = 0;
    for (const cell of list) {
      const left = (this.counts[cell] as number) - (used.get(cell) ?? 0);
      if (left > most) {
        best = cell;
        most = left;
      }
    }
    return best;
  }

  /** How much the witness changes the group `key` of `data` per step (signed), 0 when it does not move it. */
  private effectOn(data: LevelData, key: number, witness: Witness): number {
    const n = this.moved(data, witness);
    for (let i = 0; i < n; i++) if (this.movedKeys[i] === key) return this.movedSums[i] as number;
    return 0;
  }

  /**
   * How many steps x can take along `orientation` × witness before a lowered corner runs out (counts already used
   * by the data set's earlier witnesses deducted); Infinity when no corner is lowered.
   */
  private room(witness: Witness, orientation: number, used: ReadonlyMap<number, number>): number {
    let room = Number.POSITIVE_INFINITY;
    for (const { coords, sign } of witness.corners) {
      if (sign * orientation >= 0) continue;
      const cell = this.cellIndex(coords);
      const left = cell < 0 ? 0 : (this.counts[cell] as number) - (used.get(cell) ?? 0);
      if (left < room) room = left;
    }
    return room;
  }

  private use(witness: Witness, orientation: number, steps: number, used: Map<number, number>): void {
    if (steps === 0 || !Number.isFinite(steps)) return;
    for (const { coords, sign } of witness.corners) {
      if (sign * orientation >= 0) continue;
      const cell = this.cellIndex(coords);
      used.set(cell, (used.get(cell) ?? 0) + steps);
    }
  }

  private separates(data: LevelData, side: Side): boolean {
    for (let i = 0; i < side.dims.length; i++) {
      const groups = data.groupOf[side.dims[i] as number] as Int32Array;
      if (groups[side.a[i] as number] !== groups[side.b[i] as number]) return true;
    }
    return false;
  }

  /** The index of the non-empty finest cell at `coords`, or −1 for an empty one. */
  private cellIndex(coords: Int32Array): number {
    let index = 0;
    for (let d = 0; d < coords.length; d++) index += (coords[d] as number) * (this.finestStrides[d] as number);
    return this.finestCell.get(index) ?? -1;
  }

  /**
   * The witnesses through the cell's anchor u (its first finest cell): they lower the cell by lowering u, and raise
   * it by lowering the cells they move u's count to.
   */
  private candidatesFor(data: LevelData, u: Int32Array, split: readonly number[]): Witness[] {
    const D = this.dimensions.length;
    const anchor = this.cellIndex(u);
    const separated = (d: number, a: number, b: number) => (data.groupOf[d] as Int32Array)[a] !== (data.groupOf[d] as Int32Array)[b];

    if (split.length === 0) return [lone(u)];
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
          candidates.push({ corners, along: j, from: u[j] as number, to: w[j] as number, anchored: true });
        }
      }
    }
    // One-way moves along a dimension move its one-way table: for a cell split in more, they come last (shiftsFor).
    if (candidates.length === 0 && split.length === 1) {
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
    return candidates;
  }

  /**
   * The cells a witness would newly hide, weighted by their counts (stopping once above `limit`), and how many
   * primary cells still short of their interval it would move.
   */
  private cost(witness: Witness, limit: number, uKeys: Float64Array): { cost: number; gain: number } {
    let cost = 0;
    let gain = 0;
    for (let l = 0; l < this.levels.length; l++) {
      const data = this.levels[l] as LevelData;
      const n = witness.anchored ? this.movedFrom(data, witness, uKeys[l] as number) : this.moved(data, witness);
      for (let i = 0; i < n; i++) {
        const key = this.movedKeys[i] as number;
        const mark = data.hidden.get(key);
        if (mark === undefined) cost += 1 + (data.counts.get(key) ?? 0);
        else if (mark === PRIMARY && this.interval(data, key) < this.threshold) gain++;
      }
      if (cost > limit) return { cost, gain };
    }
    return { cost, gain };
  }

  /**
   * Hides every group the witness moves, and extends the data sets of every primary group it moves: as far along
   * the witness (in the direction that raises, resp. lowers, the group) as the counts that group's earlier
   * witnesses left unused allow.
   */
  private apply(witness: Witness): void {
    for (const data of this.levels) {
      const n = this.moved(data, witness);
      for (let i = 0; i < n; i++) {
        const key = this.movedKeys[i] as number;
        const sum = this.movedSums[i] as number;
        const mark = data.hidden.get(key);
        if (mark === undefined) data.hidden.set(key, COMPLEMENTARY);
        if (mark !== PRIMARY) continue;
        const proof = this.proofOf(data, key);
        const sign = sum > 0 ? 1 : -1;
        const raise = this.room(witness, sign, proof.usedUp);
        const lower = this.room(witness, -sign, proof.usedDown);
        if (raise > 0) {
          proof.up += Math.abs(sum) * raise;
          this.use(witness, sign, raise, proof.usedUp);
        }
        if (lower > 0) {
          proof.down += Math.abs(sum) * lower;
          this.use(witness, -sign, lower, proof.usedDown);
        }
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
      if (this.movedSums[i] === 0) continue;
      this.movedKeys[kept] = this.movedKeys[i] as number;
      this.movedSums[kept++] = this.movedSums[i] as number;
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
    if (witness.sides) for (const side of witness.sides) if (!this.separates(data, side)) return 0;
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
      if (this.movedSums[i] === 0) continue;
      this.movedKeys[kept] = this.movedKeys[i] as number;
      this.movedSums[kept++] = this.movedSums[i] as number;
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

/** How many of the largest cells of each kind around a cell its proof considers (see `surroundings`). */
const SURROUNDING = 8;

/** How many of the candidate squares and shifts, those with the most room, a proof's round weighs by cost. */
const ROOMIEST = 4;

/**
 * A primary group's proof: two data sets that reproduce every published figure, x + (witnesses raising the group)
 * with the group's sum `up` higher and x + (witnesses lowering it) with it `down` lower; `used` is how much of each
 * finest cell's count the lowered corners of each set's witnesses take together (never more than the count).
 */
interface Proof {
  up: number;
  down: number;
  readonly usedUp: Map<number, number>;
  readonly usedDown: Map<number, number>;
}

interface Surroundings {
  /** Bit masks over the split dimensions: J's side of each bipartition. */
  readonly sides: readonly number[];
  readonly jSided: readonly (readonly number[])[];
  readonly kSided: readonly (readonly number[])[];
  /** For each split dimension, the cells that differ from the cell in it alone. */
  readonly single: readonly (readonly number[])[];
  /** For each split dimension, the cells outside that agree with the cell in it (a shift leaves its table alone). */
  readonly agree: readonly (readonly number[])[];
  readonly outside: readonly number[];
  readonly inside: readonly number[];
}

/** The witness that changes u alone: it moves every group containing u, the grand total too. */
function lone(u: Int32Array): Witness {
  return { corners: [{ coords: u, sign: -1 }], along: null, from: 0, to: 0 };
}

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
