import { describe, expect, it } from "vitest";
import type { GroupDimension } from "./answerable-tables.js";
import { type FinestCell, FLOW_FAMILIES, type FlowFamily, type GroupAggregates, type StatisticsFamily } from "./family-cube.js";
import { quarterOfMonth } from "./linked-tables.js";
import { type MeasureName, NOT_APPLICABLE, type StatisticsFigures } from "./measures.js";
import {
  answerStatistics,
  familyDimensionsAsked,
  planStatisticsAnswer,
  type StatisticsAnswerData,
  type StatisticsAnswerPlan,
} from "./statistics-answer.js";
import type { StatisticsDimension, StatisticsQuery } from "./statistics-query.js";

// A hand-built region, threshold 3, with every finest cell (by network × unit × outcome × month for requests, by
// network × age band × asked for the pool) either empty or at least 3: no count of any table is small, nothing is
// hidden, and every figure below is counted by hand from these lists.
//
// Requests (network, unit, month: outcome × number, persons asked for and accepted each, days to filled):
//   n1 u1 March:    3 declined (1 asked, 0 accepted), 4 filled (2 asked, 2 accepted; after 1, 2, 3 and 4 days)
//   n1 u2 April:    3 filled (1 asked, 1 accepted; after 2 days each)
//   n2 u1 July:     3 declined, 3 cancelled, 3 still open (1 asked, 0 accepted each)
//   n3 u2 November: 3 filled (1 asked, 1 accepted; after 5 days each)
// The pool at the year's end (network, age band: active, never asked): n1 30–49: 10, 4; n1 50–64: 5, 5;
// n2 30–49: 6, 3; n3 50–64: 4, 4.

const THRESHOLD = 3;
const FAMILY_DIMENSIONS: Record<StatisticsFamily, readonly GroupDimension[]> = {
  REQUESTS: ["NETWORK", "UNIT"],
  OCCASIONS: ["NETWORK", "UNIT"],
  ASSIGNMENTS: ["NETWORK", "UNIT", "AGE_BAND"],
  PARTICIPATION: ["NETWORK", "UNIT", "AGE_BAND"],
  FEES: ["NETWORK", "UNIT", "AGE_BAND"],
  REGISTRATIONS: ["NETWORK", "AGE_BAND"],
  FEEDBACK: ["NETWORK", "UNIT"],
  POOL: ["NETWORK", "AGE_BAND"],
};

interface RequestFact {
  readonly NETWORK: string;
  readonly UNIT: string;
  readonly month: string;
  readonly status: "DECLINED" | "CANCELLED" | "OPEN" | "FILLED";
  readonly askedFor: number;
  readonly accepted: number;
  readonly days: number | null;
}

const times = <T>(n: number, fact: T): T[] => Array.from({ length: n }, () => fact);
const REQUEST_FACTS: RequestFact[] = [
  ...times(3, { NETWORK: "n1", UNIT: "u1", month: "03", status: "DECLINED" as const, askedFor: 1, accepted: 0, days: null }),
  ...[1, 2, 3, 4].map((days) => ({ NETWORK: "n1", UNIT: "u1", month: "03", status: "FILLED" as const, askedFor: 2, accepted: 2, days })),
  ...times(3, { NETWORK: "n1", UNIT: "u2", month: "04", status: "FILLED" as const, askedFor: 1, accepted: 1, days: 2 }),
  ...times(3, { NETWORK: "n2", UNIT: "u1", month: "07", status: "DECLINED" as const, askedFor: 1, accepted: 0, days: null }),
  ...times(3, { NETWORK: "n2", UNIT: "u1", month: "07", status: "CANCELLED" as const, askedFor: 1, accepted: 0, days: null }),
  ...times(3, { NETWORK: "n2", UNIT: "u1", month: "07", status: "OPEN" as const, askedFor: 1, accepted: 0, days: null }),
  ...times(3, { NETWORK: "n3", UNIT: "u2", month: "11", status: "FILLED" as const, askedFor: 1, accepted: 1, days: 5 }),
];

const POOL_AT_YEAR_END: FinestCell[] = [
  ["n1", "AGE_30_49", 10, 4],
  ["n1", "AGE_50_64", 5, 5],
  ["n2", "AGE_30_49", 6, 3],
  ["n3", "AGE_50_64", 4, 4],
].map(([NETWORK, AGE_BAND, count, neverAsked]) => ({
  dims: { NETWORK: NETWORK as string, AGE_BAND: AGE_BAND as string },
  month: null,
  counts: { count: count as number, never_asked: neverAsked as number },
  contributors: null,
}));

/** percentile_cont, as the database computes it. */
function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const below = sorted[Math.floor(position)] as number;
  const above = sorted[Math.ceil(position)] as number;
  return below + (above - below) * (position - Math.floor(position));
}

function requestMeasures(facts: readonly RequestFact[]): Record<string, number | null> {
  const days = facts.flatMap((fact) => (fact.days === null ? [] : [fact.days]));
  return {
    count: facts.length,
    declined: facts.filter((fact) => fact.status === "DECLINED").length,
    cancelled: facts.filter((fact) => fact.status === "CANCELLED").length,
    asked_for: facts.reduce((sum, fact) => sum + fact.askedFor, 0),
    accepted: facts.reduce((sum, fact) => sum + fact.accepted, 0),
    filled: days.length,
    median_days: percentile(days, 0.5),
    p90_days: percentile(days, 0.9),
  };
}

/** The requests' aggregates by every grouping of `dimensions`, by month, quarter and year (the repository's GROUPING SETS). */
function requestAggregates(dimensions: readonly GroupDimension[]): GroupAggregates[] {
  const subsets = dimensions.reduce<GroupDimension[][]>((all, d) => all.flatMap((s) => [s, [...s, d]]), [[]]);
  const rows: GroupAggregates[] = [];
  for (const subset of subsets)
    for (const time of ["month", "quarter", null] as const) {
      const groups = new Map<string, RequestFact[]>();
      for (const fact of REQUEST_FACTS) {
        const id = JSON.stringify([
          ...subset.map((d) => fact[d as "NETWORK" | "UNIT"]),
          time === "month" ? fact.month : time === "quarter" ? quarterOfMonth(fact.month) : null,
        ]);
        groups.set(id, [...(groups.get(id) ?? []), fact]);
      }
      for (const facts of groups.values()) {
        const first = facts[0] as RequestFact;
        rows.push({
          dims: Object.fromEntries(dimensions.map((d) => [d, subset.includes(d) ? first[d as "NETWORK" | "UNIT"] : null])),
          month: time === "month" ? first.month : null,
          quarter: time === null ? null : quarterOfMonth(first.month),
          measures: requestMeasures(facts),
        });
      }
    }
  return rows;
}

function requestFinest(): FinestCell[] {
  const cells = new Map<string, RequestFact[]>();
  for (const fact of REQUEST_FACTS) {
    const id = `${fact.NETWORK}|${fact.UNIT}|${fact.month}`;
    cells.set(id, [...(cells.get(id) ?? []), fact]);
  }
  return [...cells.values()].map((facts) => {
    const { count, declined, cancelled, accepted } = requestMeasures(facts);
    const first = facts[0] as RequestFact;
    return {
      dims: { NETWORK: first.NETWORK, UNIT: first.UNIT },
      month: first.month,
      counts: { count: count as number, declined: declined as number, cancelled: cancelled as number, accepted: accepted as number },
      contributors: null,
    };
  });
}

function data(plan: StatisticsAnswerPlan): StatisticsAnswerData {
  const empty = { aggregates: [], finest: [] };
  const flows = Object.fromEntries(FLOW_FAMILIES.map((family) => [family, empty])) as Record<FlowFamily, typeof empty>;
  return {
    threshold: THRESHOLD,
    familyDimensions: FAMILY_DIMENSIONS,
    flows: {
      ...flows,
      REQUESTS: { aggregates: requestAggregates(familyDimensionsAsked(plan, FAMILY_DIMENSIONS.REQUESTS)), finest: requestFinest() },
    },
    // The pool is only known at the year's end here; at other month ends it is empty.
    pools: plan.poolTimes.map((key) => (key === "*" || key === "12" || key === "Q4" ? POOL_AT_YEAR_END : [])),
    concentration: { rows: [], total: [] },
  };
}

const query = (groupBy: StatisticsDimension[] = [], period: { quarter?: number; month?: number } = {}): StatisticsQuery => ({
  year: 2025,
  quarter: period.quarter ?? null,
  month: period.month ?? null,
  groupBy,
});

function answer(q: StatisticsQuery, scope: { visible?: "ALL" | string[]; networkId?: string | null } = {}) {
  const plan = planStatisticsAnswer(q, { visible: scope.visible ?? "ALL", networkId: scope.networkId ?? null });
  return { plan, ...answerStatistics(plan, data(plan)) };
}

const FIGURES: MeasureName[] = [
  "requestsReceived",
  "requestsDeclined",
  "requestsCancelled",
  "fillRate",
  "medianDaysToFilled",
  "p90DaysToFilled",
  "activePoolSize",
  "neverAsked",
];
const pick = (figures: StatisticsFigures) => Object.fromEntries(FIGURES.map((name) => [name, figures[name].value]));
const rowsBy = (
  rows: readonly { values: Record<string, string | undefined>; time: string; measures: StatisticsFigures }[],
  dimension: string,
) => Object.fromEntries(rows.map((row) => [dimension === "MONTH" ? row.time : row.values[dimension], row.measures]));

describe("answerStatistics on a hand-built region", () => {
  it("gives the year's figures, counted by hand", () => {
    const { rows, total } = answer(query());
    // 22 requests, 6 declined, 3 cancelled; 14 persons accepted of 26 asked for; filled after 1, 2, 2, 2, 2, 3, 4, 5,
    // 5 and 5 days: median (2 + 3) / 2, 90th percentile 5. The pool: 25 active, 16 never asked.
    const expected = {
      requestsReceived: 22,
      requestsDeclined: 6,
      requestsCancelled: 3,
      fillRate: 14 / 26,
      medianDaysToFilled: 2.5,
      p90DaysToFilled: 5,
      activePoolSize: 25,
      neverAsked: 16,
    };
    expect(pick(total)).toEqual(expected);
    expect(rows).toHaveLength(1);
    expect(pick(rows[0]?.measures as StatisticsFigures)).toEqual(expected);
    // Families without data publish zeros (nobody identifies no one), and no mean of nothing.
    expect(total.participants).toEqual({ value: 0, withheld: null });
    expect(total.feedbackMeanRating).toEqual(NOT_APPLICABLE);
  });

  it("splits by network", () => {
    const byNetwork = rowsBy(answer(query(["NETWORK"])).rows, "NETWORK");
    expect(Object.keys(byNetwork).sort()).toEqual(["n1", "n2", "n3"]);
    // n1: filled after 1, 2, 2, 2, 2, 3, 4 days: median 2, 90th percentile 3 + 0.4 × (4 − 3).
    expect(pick(byNetwork.n1 as StatisticsFigures)).toEqual({
      requestsReceived: 10,
      requestsDeclined: 3,
      requestsCancelled: 0,
      fillRate: 11 / 14,
      medianDaysToFilled: 2,
      p90DaysToFilled: 3.4,
      activePoolSize: 15,
      neverAsked: 9,
    });
    // n2: nothing filled, so no median to give.
    expect(pick(byNetwork.n2 as StatisticsFigures)).toEqual({
      requestsReceived: 9,
      requestsDeclined: 3,
      requestsCancelled: 3,
      fillRate: 0,
      medianDaysToFilled: null,
      p90DaysToFilled: null,
      activePoolSize: 6,
      neverAsked: 3,
    });
    expect(byNetwork.n2?.medianDaysToFilled).toEqual(NOT_APPLICABLE);
    expect(pick(byNetwork.n3 as StatisticsFigures)).toMatchObject({
      requestsReceived: 3,
      medianDaysToFilled: 5,
      activePoolSize: 4,
      neverAsked: 4,
    });
  });

  it("marks a family's figures not applicable in rows of a dimension it lacks, but totals them", () => {
    const byAge = answer(query(["AGE_BAND"]));
    const rows = rowsBy(byAge.rows, "AGE_BAND");
    expect(Object.keys(rows).sort()).toEqual(["AGE_30_49", "AGE_50_64"]);
    expect(rows.AGE_30_49?.requestsReceived).toEqual(NOT_APPLICABLE);
    expect(rows.AGE_30_49?.requestsDeclined).toEqual(NOT_APPLICABLE);
    expect(rows.AGE_30_49?.medianDaysToFilled).toEqual(NOT_APPLICABLE);
    expect([rows.AGE_30_49?.activePoolSize.value, rows.AGE_30_49?.neverAsked.value]).toEqual([16, 7]);
    expect([rows.AGE_50_64?.activePoolSize.value, rows.AGE_50_64?.neverAsked.value]).toEqual([9, 9]);
    expect(byAge.total.requestsReceived.value).toBe(22);

    const byUnit = answer(query(["UNIT"]));
    const units = rowsBy(byUnit.rows, "UNIT");
    expect([units.u1?.requestsReceived.value, units.u2?.requestsReceived.value]).toEqual([16, 6]);
    expect(units.u1?.activePoolSize).toEqual(NOT_APPLICABLE);
    expect(units.u1?.neverAsked).toEqual(NOT_APPLICABLE);
    expect(byUnit.total.activePoolSize.value).toBe(25);
  });

  it("gives a row per month with figures, and the pool at each month's end", () => {
    const { rows, total } = answer(query(["MONTH"]));
    const months = rowsBy(rows, "MONTH");
    expect(Object.keys(months).sort()).toEqual(["03", "04", "07", "11", "12"]);
    expect(["03", "04", "07", "11"].map((m) => months[m]?.requestsReceived.value)).toEqual([7, 3, 9, 3]);
    expect(months["07"]?.requestsCancelled.value).toBe(3);
    // The pool is only known at the year's end here: December's row is there for it alone.
    expect(months["12"]?.requestsReceived.value).toBe(0);
    expect(months["12"]?.activePoolSize.value).toBe(25);
    expect(months["03"]?.activePoolSize.value).toBe(0);
    expect(total.requestsReceived.value).toBe(22);
  });

  it("answers a quarter and a month from the same cubes", () => {
    expect(answer(query([], { quarter: 1 })).total.requestsReceived.value).toBe(7);
    expect(answer(query([], { quarter: 2 })).total.requestsReceived.value).toBe(3);
    expect(answer(query(["NETWORK"], { month: 7 })).rows.map((row) => row.values.NETWORK)).toEqual(["n2"]);
    expect(answer(query([], { quarter: 4 })).total.activePoolSize.value).toBe(25);
  });

  it("sums a reader's networks for the total, keeping out the others, and gives no non-additive figure over several", () => {
    const { plan, rows, total } = answer(query(), { visible: ["n1", "n2"] });
    expect(plan.groupBy).toEqual(["NETWORK"]);
    expect(rows.map((row) => row.values.NETWORK).sort()).toEqual(["n1", "n2"]);
    expect(pick(total)).toEqual({
      requestsReceived: 19,
      requestsDeclined: 6,
      requestsCancelled: 3,
      fillRate: 11 / 23,
      medianDaysToFilled: null,
      p90DaysToFilled: null,
      activePoolSize: 21,
      neverAsked: 12,
    });
    expect(total.medianDaysToFilled).toEqual(NOT_APPLICABLE);
  });

  it("limits an answer to one network without grouping by it", () => {
    const { plan, rows, total } = answer(query(), { networkId: "n3" });
    expect(plan.groupBy).toEqual([]);
    expect(rows.map((row) => row.values)).toEqual([{ NETWORK: "n3" }]);
    expect(pick(total)).toEqual({
      requestsReceived: 3,
      requestsDeclined: 0,
      requestsCancelled: 0,
      fillRate: 1,
      medianDaysToFilled: 5,
      p90DaysToFilled: 5,
      activePoolSize: 4,
      neverAsked: 4,
    });
  });
});

describe("a hidden count in an answer", () => {
  it("withholds the figures derived from it, and a complement so that the total does not give it away", () => {
    // n3's three filled requests alone, threshold 5: all of n3 is small, so every figure of its row is withheld.
    const plan = planStatisticsAnswer(query(["NETWORK"]), { visible: "ALL", networkId: null });
    const { rows, total } = answerStatistics(plan, { ...data(plan), threshold: 5 });
    const n3 = rowsBy(rows, "NETWORK").n3 as StatisticsFigures;
    for (const name of ["requestsReceived", "fillRate", "medianDaysToFilled", "p90DaysToFilled", "activePoolSize", "neverAsked"] as const)
      expect([name, n3[name].withheld]).toEqual([name, "SMALL_COUNT"]);
    // The year's 22 are not small, and n3's hidden row is covered by another row's, not by the total.
    expect(total.requestsReceived.value).toBe(22);
    expect(rows.filter((row) => row.measures.requestsReceived.withheld !== null).length).toBeGreaterThanOrEqual(2);
  });
});

describe("planStatisticsAnswer", () => {
  it("plans the periods, the pool's dates and concentration for a quarter by month", () => {
    const plan = planStatisticsAnswer(query(["UNIT", "MONTH"], { quarter: 2 }), { visible: "ALL", networkId: null });
    expect(plan.dimensions).toEqual(["UNIT"]);
    expect(plan.periodMonths).toEqual(["04", "05", "06"]);
    expect(plan.total).toEqual({ level: 1, key: "Q2" });
    expect(plan.rowTimes).toEqual([
      { level: 2, key: "04" },
      { level: 2, key: "05" },
      { level: 2, key: "06" },
    ]);
    expect(plan.poolTimes).toEqual(["04", "05", "06", "Q2"]);
    expect(plan.concentration).toEqual({ rows: null, total: [] });
  });

  it("puts a coordinator's networks first and in every dimension, and a filtered network in the dimensions only", () => {
    const coordinator = planStatisticsAnswer(query(["AGE_BAND"]), { visible: ["n1"], networkId: null });
    expect(coordinator.groupBy).toEqual(["NETWORK", "AGE_BAND"]);
    expect(coordinator.dimensions).toEqual(["NETWORK", "AGE_BAND"]);
    expect(coordinator.selection).toEqual(["n1"]);
    expect(coordinator.concentration).toEqual({ rows: ["NETWORK", "AGE_BAND"], total: ["NETWORK"] });
    const filtered = planStatisticsAnswer(query(["MONTH"], { month: 5 }), { visible: "ALL", networkId: "n2" });
    expect(filtered.groupBy).toEqual(["MONTH"]);
    expect(filtered.dimensions).toEqual(["NETWORK"]);
    expect(filtered.total).toEqual({ level: 2, key: "05" });
    expect(filtered.poolTimes).toEqual(["05"]);
    expect(familyDimensionsAsked(filtered, FAMILY_DIMENSIONS.POOL)).toEqual(["NETWORK"]);
  });
});
