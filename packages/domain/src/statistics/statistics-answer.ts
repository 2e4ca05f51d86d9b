import { GROUP_DIMENSIONS, type GroupDimension } from "./answerable-tables.js";
import {
  type CubeFactory,
  FAMILY_COUNT,
  FAMILY_PROTECTION,
  type FinestCell,
  FLOW_FAMILIES,
  type FlowFamily,
  type GroupAggregates,
  type ProtectedFamily,
  protectFamily,
  type StatisticsFamily,
  stockGroups,
} from "./family-cube.js";
import { mayListGroup } from "./free-text-groups.js";
import { keyOf, type Level, MONTHS, type ProtectedCell, quarterOfMonth } from "./linked-tables.js";
import { assembleMeasures, type GroupPart, type StatisticsFigures } from "./measures.js";
import type { PeriodKey } from "./period.js";
import type { StatisticsDimension, StatisticsQuery } from "./statistics-query.js";

// One statistics answer: a slice of the protected cubes of every family (see family-cube.ts). The question (its
// grouping, period and networks) chooses the groups shown and how each is summed from the cubes' cells; it never
// changes what the cubes hide.

/** A period as a level of the time dimension (0 year, 1 quarter, 2 month) and its key there. */
export interface TimeSlot {
  readonly level: 0 | 1 | 2;
  readonly key: PeriodKey;
}

/** What an answer needs to know before anything is read: its groups, periods and networks. */
export interface StatisticsAnswerPlan {
  readonly year: number;
  /** The groupings shown, in order: the question's, with NETWORK first when the answer is limited to some networks. */
  readonly groupBy: readonly StatisticsDimension[];
  /** The dimensions the answer splits by (grouped or filtered on), in cube order. */
  readonly dimensions: readonly GroupDimension[];
  /** The networks the answer covers; null for all of the tenant's. */
  readonly selection: readonly string[] | null;
  /** The months of the period asked, "01".."12". */
  readonly periodMonths: readonly string[];
  readonly total: TimeSlot;
  /** The times of the rows: each month of the period when grouped by month, else the period itself. */
  readonly rowTimes: readonly TimeSlot[];
  readonly byMonth: boolean;
  /** The periods whose end the pool must be counted at (see periodEnd), in the order `pools` are given. */
  readonly poolTimes: readonly PeriodKey[];
  /** Assignment concentration (not additive) is computed for exactly the groups shown: these, or null when not shown. */
  readonly concentration: { readonly rows: readonly GroupDimension[] | null; readonly total: readonly GroupDimension[] };
}

export interface AnswerScope {
  /** The networks the reader may see. */
  readonly visible: "ALL" | readonly string[];
  /** The network the question is limited to (already checked to be visible). */
  readonly networkId: string | null;
}

export function planStatisticsAnswer(query: StatisticsQuery, scope: AnswerScope): StatisticsAnswerPlan {
  const { visible, networkId } = scope;
  const selection = networkId !== null ? [networkId] : visible === "ALL" ? null : [...visible];
  const groupBy = [...query.groupBy];
  // A reader limited to some networks sees them apart: a sum over several would hide nothing they may not see, but
  // splitting keeps every figure one the tenant-wide tables also protect.
  if (selection !== null && networkId === null && !groupBy.includes("NETWORK")) groupBy.unshift("NETWORK");
  const dimensions = GROUP_DIMENSIONS.filter((d) => groupBy.includes(d) || (d === "NETWORK" && selection !== null));
  const periodMonths = query.month
    ? [MONTHS[query.month - 1] as string]
    : query.quarter
      ? MONTHS.filter((m) => quarterOfMonth(m) === `Q${query.quarter}`)
      : [...MONTHS];
  const total: TimeSlot = query.month
    ? { level: 2, key: MONTHS[query.month - 1] as string }
    : query.quarter
      ? { level: 1, key: `Q${query.quarter}` }
      : { level: 0, key: "*" };
  const byMonth = groupBy.includes("MONTH");
  const rowTimes: TimeSlot[] = byMonth ? periodMonths.map((key) => ({ level: 2, key })) : [total];
  return {
    year: query.year,
    groupBy,
    dimensions,
    selection,
    periodMonths,
    total,
    rowTimes,
    byMonth,
    poolTimes: [...new Set([...rowTimes, total].map((time) => time.key))],
    concentration: {
      rows: byMonth ? null : dimensions,
      total: dimensions.filter((d) => d === "NETWORK" && selection !== null),
    },
  };
}

/** The dimensions a family's aggregates must be read by for this answer (those of the answer it has). */
export function familyDimensionsAsked(plan: StatisticsAnswerPlan, familyDimensions: readonly GroupDimension[]): GroupDimension[] {
  return plan.dimensions.filter((d) => familyDimensions.includes(d));
}

export interface StatisticsAnswerData {
  readonly threshold: number;
  /** Every dimension of each family (the cubes are over all of them). */
  readonly familyDimensions: Readonly<Record<StatisticsFamily, readonly GroupDimension[]>>;
  /** Per flow family: its aggregates by the dimensions asked (every grouping, by month and quarter) and its finest cells. */
  readonly flows: Readonly<Record<FlowFamily, { readonly aggregates: readonly GroupAggregates[]; readonly finest: readonly FinestCell[] }>>;
  /** The pool's finest cells at the end of each of the plan's poolTimes, in that order. */
  readonly pools: readonly (readonly FinestCell[])[];
  readonly concentration: { readonly rows: readonly GroupAggregates[]; readonly total: readonly GroupAggregates[] };
}

export interface StatisticsAnswerRow {
  /** The group's key for each dimension of the plan. */
  readonly values: Readonly<Partial<Record<GroupDimension, string>>>;
  readonly time: PeriodKey;
  readonly measures: StatisticsFigures;
}

export interface StatisticsAnswer {
  /** One row per group with a non-zero or withheld count in some family, within the networks covered; unsorted. */
  readonly rows: readonly StatisticsAnswerRow[];
  readonly total: StatisticsFigures;
}

interface FamilyAnswer extends ProtectedFamily {
  readonly groups: ReadonlyMap<string, GroupAggregates>;
}

export function answerStatistics(plan: StatisticsAnswerPlan, data: StatisticsAnswerData, cubeOf?: CubeFactory): StatisticsAnswer {
  const { threshold } = data;
  const { dimensions, groupBy, selection, byMonth } = plan;

  const flows = new Map<FlowFamily, FamilyAnswer>();
  for (const family of FLOW_FAMILIES) {
    const { aggregates, finest } = data.flows[family];
    const protectedFamily = protectFamily({
      familyDimensions: data.familyDimensions[family],
      requested: dimensions,
      finest,
      protection: FAMILY_PROTECTION[family],
      threshold,
      cubeOf,
      family,
    });
    flows.set(family, { ...protectedFamily, groups: indexGroups(aggregates, protectedFamily.dimensions, true) });
  }
  // The pool is a stock: one family per instant counted (the end of each period shown, or today).
  const pools = new Map<PeriodKey, FamilyAnswer>();
  plan.poolTimes.forEach((key, i) => {
    const finest = data.pools[i] ?? [];
    const protectedFamily = protectFamily({
      familyDimensions: data.familyDimensions.POOL,
      requested: dimensions,
      finest,
      protection: FAMILY_PROTECTION.POOL,
      threshold,
      cubeOf,
      family: key === "*" ? "POOL" : `POOL@${key}`,
    });
    pools.set(key, {
      ...protectedFamily,
      groups: indexGroups(stockGroups(finest, protectedFamily.dimensions), protectedFamily.dimensions, false),
    });
  });
  const concentration = {
    rows: indexGroups(data.concentration.rows, plan.concentration.rows ?? [], false),
    total: indexGroups(data.concentration.total, plan.concentration.total, false),
  };

  // Rows are fine in every dimension of the answer (grouped by, or the networks it is limited to); the total only in
  // the networks.
  const rowLevel = (time: number): Level => [...dimensions.map(() => 1), time];
  const totalLevel: Level = [...dimensions.map((d) => (d === "NETWORK" && selection !== null ? 1 : 0)), plan.total.level];

  // Which rows exist: every group with a non-zero or withheld count, within the networks the answer covers.
  const rowKeys = new Map<string, { values: Record<string, string>; time: TimeSlot }>();
  for (const time of plan.rowTimes) {
    const pool = pools.get(time.key);
    for (const family of [...flows.values(), ...(pool ? [pool] : [])]) {
      if (!family.applicable) continue;
      const cube = family.counts.get(FAMILY_COUNT);
      if (!cube) continue;
      const level = family.withTime ? rowLevel(time.level) : rowLevel(time.level).slice(0, -1);
      for (const cell of cube.nonEmpty(level)) {
        const timeKey = family.withTime ? (cell.key[cell.key.length - 1] as string) : time.key;
        if (timeKey !== time.key) continue;
        if (cell.count === 0 && cell.suppression === null) continue;
        const values: Record<string, string> = {};
        dimensions.forEach((d, i) => {
          values[d] = cell.key[i] as string;
        });
        if (selection !== null && !selection.includes(values.NETWORK as string)) continue;
        const outputKey = keyOf([...groupBy.filter((d) => d !== "MONTH").map((d) => values[d] as string), time.key]);
        rowKeys.set(outputKey, { values, time });
      }
    }
  }

  /**
   * A group's figures. `components` are the networks it is summed over (one null: the group as it is), as when a
   * coordinator's answer spans their networks without grouping by them.
   */
  const measuresFor = (
    values: Record<string, string>,
    time: TimeSlot,
    level: Level,
    components: readonly (string | null)[],
    total: boolean,
  ) => {
    const keysFor = (network: string | null) =>
      dimensions.map((d, i) => (d === "NETWORK" && network !== null ? network : level[i] === 0 ? "*" : (values[d] as string)));
    const partsOf = (family: FamilyAnswer | undefined): GroupPart[] | null => {
      if (!family || (!family.applicable && !total)) return null;
      return components.map((network) => {
        const full = keysFor(network);
        const key = family.dimensions.map((d) => full[dimensions.indexOf(d)] as string);
        const familyLevel = family.dimensions.map((d) => level[dimensions.indexOf(d)] as number);
        const cellKey = family.withTime ? [...key, time.key] : key;
        const cellLevel = family.withTime ? [...familyLevel, time.level] : familyLevel;
        const counts: Record<string, ProtectedCell | undefined> = {};
        for (const [name, slice] of family.counts) counts[name] = slice.cell(cellLevel, cellKey);
        return { counts, aggregates: family.groups.get(keyOf(cellKey))?.measures };
      });
    };
    const concentrationShare = () => {
      if ((byMonth && !total) || components.length !== 1) return null;
      const source = total ? concentration.total : concentration.rows;
      const sourceDims = total ? plan.concentration.total : (plan.concentration.rows ?? []);
      const full = keysFor(components[0] ?? null);
      return source.get(keyOf(sourceDims.map((d) => full[dimensions.indexOf(d)] as string)))?.measures.share ?? null;
    };
    const parts = Object.fromEntries([
      ...FLOW_FAMILIES.map((family) => [family, partsOf(flows.get(family))]),
      ["POOL", partsOf(pools.get(time.key))],
    ]) as Record<StatisticsFamily, GroupPart[] | null>;
    return assembleMeasures(parts, { concentrationShare: concentrationShare(), byMonth: byMonth && !total, threshold });
  };

  const rows = [...rowKeys.values()]
    .map(({ values, time }) => {
      const components = dimensions.includes("NETWORK") && !groupBy.includes("NETWORK") ? (selection ?? [null]) : [null];
      return { values, time: time.key, measures: measuresFor(values, time, rowLevel(time.level), components, false) };
    })
    // A free-text label (a municipality) is not listed when its row shows nothing (free-text-groups.ts).
    .filter((row) => mayListGroup(groupBy, row.measures));
  const total = measuresFor({}, plan.total, totalLevel, selection ?? [null], true);
  return { rows, total };
}

/** A family's aggregates by group key (the dimensions given, "*" for all; then the month or quarter for flows). */
function indexGroups(
  rows: readonly GroupAggregates[],
  dimensions: readonly GroupDimension[],
  withTime: boolean,
): Map<string, GroupAggregates> {
  return new Map(
    rows.map((row) => [keyOf([...dimensions.map((d) => row.dims[d] ?? "*"), ...(withTime ? [row.month ?? row.quarter ?? "*"] : [])]), row]),
  );
}
