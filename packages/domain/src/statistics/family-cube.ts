import { answerableLevels, type GroupDimension } from "./answerable-tables.js";
import {
  type CubeDimension,
  type CubeOptions,
  keyOf,
  type Level,
  MONTHS,
  type ProtectedCell,
  ProtectedCube,
  quarterOfMonth,
} from "./linked-tables.js";

// A family of figures (requests, occasions, …, the pool) is protected as whole cubes: the family's finest cells
// (every one of its dimensions × month) over every table an analyst could ask, whatever the question at hand (see
// ProtectedCube). A question only chooses which cells of those cubes it shows, so the hidden cells are the same
// whichever question is asked.

export type FlowFamily = "REQUESTS" | "OCCASIONS" | "ASSIGNMENTS" | "PARTICIPATION" | "FEES" | "REGISTRATIONS" | "FEEDBACK";
/** The families of figures: flows over a period, and the pool, a stock at the period's end. */
export type StatisticsFamily = FlowFamily | "POOL";

export const FLOW_FAMILIES: readonly FlowFamily[] = [
  "REQUESTS",
  "OCCASIONS",
  "ASSIGNMENTS",
  "PARTICIPATION",
  "FEES",
  "REGISTRATIONS",
  "FEEDBACK",
];

/** One finest cell of a family: a value for each of the family's dimensions, the month (flows), its counts. */
export interface FinestCell {
  readonly dims: Readonly<Partial<Record<GroupDimension, string>>>;
  readonly month: string | null;
  /** The family's count is `count`; the others are parts of it or counts of their own (see FamilyProtection). */
  readonly counts: Readonly<Record<string, number>>;
  /** Pseudonymous numbers of the people behind the cell, for families about people; else null. */
  readonly contributors: readonly number[] | null;
}

/** A family's aggregates for one group (null dimension, month or quarter: "all"). */
export interface GroupAggregates {
  readonly dims: Readonly<Partial<Record<GroupDimension, string | null>>>;
  readonly month: string | null;
  readonly quarter: string | null;
  readonly measures: Readonly<Record<string, number | null>>;
}

/** A split of the family's count into parts that do not overlap and together make up all of it. */
export interface CountPartition {
  /** The parts that are published, each with the name of the finest cells' count that holds it. */
  readonly parts: readonly { readonly value: string; readonly count: string }[];
  /** The part that is the rest of the count: never published itself, but the count minus the published parts. */
  readonly rest: string;
  /**
   * Groups of parts that are a figure of their own, between the whole and the parts (the pool's ASKED: the asked but
   * never used and the used). The group is then a table of the cube too, so a small group stays hidden even when
   * its parts are published apart (see below).
   */
  readonly group?: (part: string) => string;
}

export interface FamilyProtection {
  /** Whether the family's figures are counted per month (flows) or at one instant (the pool). */
  readonly withTime: boolean;
  /** Published parts of the family's count, protected together with it. */
  readonly partition: CountPartition | null;
  /** Other counts that are not parts of the family's count: each a cube of its own. */
  readonly separate: readonly string[];
}

// Why parts are one cube with their whole. Declined and cancelled requests are parts of the requests received, and
// the never-asked part of the pool. Protected as separate cubes, each could be published while their difference is
// small: received 12, declined 5, cancelled 5 tells that 2 requests went ahead; a pool of 52 of whom 50 were never
// asked tells that 2 people were. So a partition is one more dimension of the family's cube — its parts and the
// rest (OTHER, ASKED), which is never shown but follows from the others and so is a table like any other — and
// ProtectedCube's guarantee then covers the rest too: no small group of it can be worked out from all tables of
// the count and its parts together. The pool has three parts (never asked, asked but never used, used); "asked" is
// their middle level, so the people asked at all are protected as a group too, not only each part.
//
// What is not protected, and why. The difference between the pool at two month ends is not a group of people: it
// is those who joined minus those who left, a net change. Those who come in are published, and protected, as new
// registrations (counted when they register); those who leave are never published, and a net change of +2 may be
// 2 joiners or 12 joiners and 10 leavers. So a small difference between two published pool sizes singles no one
// out, and the pools of different dates are protected each on its own. Likewise "accepted" counts persons accepted, not requests, so it is no part
// of the requests received and is a cube of its own.
export const FAMILY_PROTECTION: Readonly<Record<StatisticsFamily, FamilyProtection>> = {
  REQUESTS: {
    withTime: true,
    partition: {
      parts: [
        { value: "DECLINED", count: "declined" },
        { value: "CANCELLED", count: "cancelled" },
      ],
      rest: "OTHER",
    },
    separate: ["accepted"],
  },
  OCCASIONS: { withTime: true, partition: null, separate: [] },
  ASSIGNMENTS: { withTime: true, partition: null, separate: [] },
  PARTICIPATION: { withTime: true, partition: null, separate: [] },
  FEES: { withTime: true, partition: null, separate: [] },
  REGISTRATIONS: { withTime: true, partition: null, separate: [] },
  FEEDBACK: { withTime: true, partition: null, separate: [] },
  // The active pool split three ways: never asked, asked but never used (no assignment yet), and used.
  POOL: {
    withTime: false,
    partition: {
      parts: [
        { value: "NEVER_ASKED", count: "never_asked" },
        { value: "ASKED_NEVER_USED", count: "asked_never_used" },
      ],
      rest: "USED",
      group: (part) => (part === "NEVER_ASKED" ? "NEVER_ASKED" : "ASKED"),
    },
    separate: [],
  },
};

/** The family's own count, the whole a partition splits. */
export const FAMILY_COUNT = "count";

/** What to protect as one cube, before protecting it. */
export interface FamilyCubeSpec {
  /** The protected counts this cube answers: count name → the partition's value, or null for "all" (no partition). */
  readonly answers: ReadonlyMap<string, string | null>;
  /** The family's dimensions, then the partition's (when there is one), then time's (flows). */
  readonly dimensions: readonly CubeDimension[];
  readonly finest: ReadonlyMap<string, number>;
  readonly levels: readonly Level[];
  readonly contributors: ReadonlyMap<string, readonly number[]> | undefined;
  readonly partitioned: boolean;
}

/**
 * The cubes of a family: its count, with the partition's parts (and the rest) as one more dimension when it has
 * one, and one cube per separate count.
 */
export function familyCubeSpecs(
  familyDimensions: readonly GroupDimension[],
  finest: readonly FinestCell[],
  protection: FamilyProtection,
): FamilyCubeSpec[] {
  const { withTime, partition } = protection;
  const values = familyDimensions.map((d) => ({ values: [...new Set(finest.map((cell) => cell.dims[d] as string))].sort() }));
  const time: CubeDimension[] = withTime ? [{ values: MONTHS, between: [quarterOfMonth] }] : [];
  const keyFor = (cell: FinestCell, part: string[]) =>
    keyOf([...familyDimensions.map((d) => cell.dims[d] as string), ...part, ...(withTime ? [cell.month as string] : [])]);
  // Counts about people are withheld also when few different persons stand behind a larger count.
  const people = finest.some((cell) => cell.contributors !== null);
  const specs: FamilyCubeSpec[] = [];

  const counts = new Map<string, number>();
  let contributors: Map<string, readonly number[]> | undefined;
  if (partition) {
    // The people behind each part are not known, only those behind the whole cell; none of today's partitioned
    // families is about people. Giving each part all of the cell's people would overstate them: refuse instead.
    if (people) throw new RangeError("a partitioned count needs its contributors per part");
    const parts = [...partition.parts.map((part) => part.value), partition.rest];
    for (const cell of finest) {
      let rest = cell.counts[FAMILY_COUNT] ?? 0;
      for (const part of partition.parts) {
        const value = cell.counts[part.count] ?? 0;
        rest -= value;
        if (value > 0) counts.set(keyFor(cell, [part.value]), value);
      }
      if (rest < 0) throw new RangeError(`the parts of ${keyFor(cell, [])} add up to more than its count`);
      if (rest > 0) counts.set(keyFor(cell, [partition.rest]), rest);
    }
    specs.push({
      answers: new Map<string, string | null>([
        [FAMILY_COUNT, null],
        ...partition.parts.map((part) => [part.count, part.value] as [string, string]),
      ]),
      dimensions: [...values, { values: [...parts].sort(), ...(partition.group ? { between: [partition.group] } : {}) }, ...time],
      finest: counts,
      levels: answerableLevels(familyDimensions, { withTime, partition: partition.group ? "GROUPED" : true }),
      contributors: undefined,
      partitioned: true,
    });
  } else {
    for (const cell of finest) {
      const value = cell.counts[FAMILY_COUNT] ?? 0;
      if (value > 0) counts.set(keyFor(cell, []), value);
    }
    if (people) contributors = new Map(finest.map((cell) => [keyFor(cell, []), cell.contributors ?? []]));
    specs.push({
      answers: new Map([[FAMILY_COUNT, null]]),
      dimensions: [...values, ...time],
      finest: counts,
      levels: answerableLevels(familyDimensions, { withTime, partition: false }),
      contributors,
      partitioned: false,
    });
  }

  for (const name of protection.separate) {
    const separate = new Map<string, number>();
    for (const cell of finest) {
      const value = cell.counts[name] ?? 0;
      if (value > 0) separate.set(keyFor(cell, []), value);
    }
    specs.push({
      answers: new Map([[name, null]]),
      dimensions: [...values, ...time],
      finest: separate,
      levels: answerableLevels(familyDimensions, { withTime, partition: false }),
      contributors: undefined,
      partitioned: false,
    });
  }
  return specs;
}

/** Makes (or finds again) a protected cube; the API remembers cubes between questions. */
export type CubeFactory = (
  dimensions: readonly CubeDimension[],
  finest: ReadonlyMap<string, number>,
  threshold: number,
  options: CubeOptions,
) => ProtectedCube;

const newCube: CubeFactory = (dimensions, finest, threshold, options) => new ProtectedCube(dimensions, finest, threshold, options);

/**
 * One protected count seen through the dimensions a question groups by: levels and keys list those (then time, for
 * flows), the family's other dimensions are at "all".
 */
export interface CubeSlice {
  cell(level: Level, key: readonly string[]): ProtectedCell | undefined;
  nonEmpty(level: Level): readonly ProtectedCell[];
}

export interface ProtectedFamily {
  /** The family's dimensions among those asked for: the ones slices list. */
  readonly dimensions: readonly GroupDimension[];
  /** Whether the family's figures can be split by every dimension asked for. */
  readonly applicable: boolean;
  readonly withTime: boolean;
  /** Every protected count of the family by name: FAMILY_COUNT, the partition's parts, the separate counts. */
  readonly counts: ReadonlyMap<string, CubeSlice>;
}

export interface FamilyInput {
  /** All of the family's dimensions (the cube is over all of them, whatever is asked). */
  readonly familyDimensions: readonly GroupDimension[];
  /** The dimensions the question groups by (or filters on). */
  readonly requested: readonly GroupDimension[];
  readonly finest: readonly FinestCell[];
  readonly protection: FamilyProtection;
  readonly threshold: number;
  readonly cubeOf?: CubeFactory;
  /** The family's name, passed on as each cube's label (reports on the protection). */
  readonly family?: string;
}

/** Protects a family's counts and shows them through the dimensions asked for. */
export function protectFamily(input: FamilyInput): ProtectedFamily {
  const { familyDimensions, requested, protection, threshold } = input;
  const cubeOf = input.cubeOf ?? newCube;
  const shown = requested.filter((d) => familyDimensions.includes(d));
  const counts = new Map<string, CubeSlice>();
  for (const spec of familyCubeSpecs(familyDimensions, input.finest, protection)) {
    const label = input.family === undefined ? undefined : `${input.family}.${[...spec.answers.keys()].join("+")}`;
    const cube = cubeOf(spec.dimensions, spec.finest, threshold, {
      levels: spec.levels,
      contributors: spec.contributors,
      ...(label === undefined ? {} : { label }),
    });
    for (const [name, part] of spec.answers) {
      // A part is read at the partition's finest level: 1, or 2 below a level of groups.
      const partLevel = protection.partition?.group ? 2 : 1;
      const fixed = spec.partitioned ? (part === null ? { level: 0, key: "*" } : { level: partLevel, key: part }) : null;
      counts.set(name, sliceOf(cube, shown, familyDimensions, protection.withTime, fixed));
    }
  }
  return { dimensions: shown, applicable: requested.every((d) => familyDimensions.includes(d)), withTime: protection.withTime, counts };
}

/**
 * A cube through some of its dimensions: levels and keys of `shown` (then time), every other dimension of the
 * family at "all", and the partition (when `partition` is given) fixed at one level and key.
 */
export function sliceOf(
  cube: ProtectedCube,
  shown: readonly GroupDimension[],
  all: readonly GroupDimension[],
  withTime: boolean,
  partition: { readonly level: number; readonly key: string } | null,
): CubeSlice {
  const position = all.map((d) => shown.indexOf(d));
  const fixedLevel = partition ? [partition.level] : [];
  const fixedKey = partition ? [partition.key] : [];
  const fullLevel = (level: Level): Level => [
    ...position.map((p) => (p < 0 ? 0 : (level[p] as number))),
    ...fixedLevel,
    ...(withTime ? [level[level.length - 1] as number] : []),
  ];
  const fullKey = (key: readonly string[]) => [
    ...position.map((p) => (p < 0 ? "*" : (key[p] as string))),
    ...fixedKey,
    ...(withTime ? [key[key.length - 1] as string] : []),
  ];
  const back = (cell: ProtectedCell): ProtectedCell => ({
    ...cell,
    key: [...shown.map((d) => cell.key[all.indexOf(d)] as string), ...(withTime ? [cell.key[cell.key.length - 1] as string] : [])],
  });
  return {
    cell: (level, key) => {
      const found = cube.cell(fullLevel(level), fullKey(key));
      return found && back(found);
    },
    nonEmpty: (level) => cube.nonEmpty(fullLevel(level)).map(back),
  };
}

/** A stock's groups (its counts summed, every grouping of `dimensions`) from its finest cells. */
export function stockGroups(finest: readonly FinestCell[], dimensions: readonly GroupDimension[]): GroupAggregates[] {
  type Group = { dims: Partial<Record<GroupDimension, string | null>>; measures: Record<string, number> };
  const groups = new Map<string, Group>();
  const subsets = dimensions.reduce<GroupDimension[][]>((all, d) => all.flatMap((subset) => [subset, [...subset, d]]), [[]]);
  for (const cell of finest) {
    for (const subset of subsets) {
      const dims = Object.fromEntries(dimensions.map((d) => [d, subset.includes(d) ? (cell.dims[d] as string) : null]));
      const id = keyOf(dimensions.map((d) => dims[d] ?? "*"));
      const group: Group = groups.get(id) ?? { dims, measures: {} };
      for (const [name, value] of Object.entries(cell.counts)) group.measures[name] = (group.measures[name] ?? 0) + value;
      groups.set(id, group);
    }
  }
  return [...groups.values()].map((group) => ({ dims: group.dims, month: null, quarter: null, measures: group.measures }));
}
