import { describe, expect, it } from "vitest";
import type { StatisticsFamily } from "./family-cube.js";
import type { ProtectedCell } from "./linked-tables.js";
import {
  assembleMeasures,
  countOf,
  derived,
  type FamilyGroupParts,
  type GroupPart,
  MEASURE_NAMES,
  type MeasureContext,
  NOT_APPLICABLE,
  SMALL_COUNT,
  type StatisticsFigures,
} from "./measures.js";

const published = (count: number): ProtectedCell => ({ key: [], count, value: count, suppression: null });
const hidden = (count: number): ProtectedCell => ({ key: [], count, value: null, suppression: "COMPLEMENTARY" });
const part = (counts: GroupPart["counts"], aggregates?: GroupPart["aggregates"]): GroupPart => ({ counts, aggregates });

/** A group of the hand-counted region below: every family with one part, each count published. */
function region(): Record<StatisticsFamily, GroupPart[] | null> {
  return {
    // 20 requests (4 declined, 3 cancelled) asking for 30 persons, of whom 24 accepted; 10 filled.
    REQUESTS: [
      part(
        { count: published(20), declined: published(4), cancelled: published(3), accepted: published(24) },
        { count: 20, asked_for: 30, filled: 10, median_days: 3.25, p90_days: 9.04 },
      ),
    ],
    OCCASIONS: [part({ count: published(17) }, { count: 17 })],
    ASSIGNMENTS: [part({ count: published(22) }, { count: 22, persons: 12 })],
    // 40 participations of 15 people, 100 minutes each.
    PARTICIPATION: [part({ count: published(40) }, { count: 40, persons: 15, minutes: 4000 })],
    FEES: [part({ count: published(38) }, { count: 38, persons: 14, gross: 3_800_000, mileage: 120_000, expenses: 5_000 })],
    REGISTRATIONS: [part({ count: published(9) }, { count: 9 })],
    // Ratings 5, 4, 4, 3, 5, 4: 25 over 6.
    FEEDBACK: [part({ count: published(6) }, { count: 6, rating_sum: 25 })],
    POOL: [
      part(
        { count: published(60), never_asked: published(21), asked_never_used: published(9) },
        { count: 60, never_asked: 21, asked_never_used: 9 },
      ),
    ],
  };
}

const context: MeasureContext = { concentrationShare: 0.31818, byMonth: false, threshold: 5 };
const values = (figures: StatisticsFigures) => Object.fromEntries(MEASURE_NAMES.map((name) => [name, figures[name].value]));

describe("assembleMeasures", () => {
  it("gives every figure of a group, counted by hand", () => {
    expect(values(assembleMeasures(region(), context))).toEqual({
      requestsReceived: 20,
      requestsDeclined: 4,
      requestsCancelled: 3,
      fillRate: 24 / 30,
      medianDaysToFilled: 3.3,
      p90DaysToFilled: 9,
      assignmentsCarriedOut: 22,
      occasionsCarriedOut: 17,
      participants: 40,
      uniquePersons: 15,
      hours: 66.7,
      feesGrossOre: 3_800_000,
      feesMileageOre: 120_000,
      feesExpensesOre: 5_000,
      newRegistrations: 9,
      activePoolSize: 60,
      neverAsked: 21,
      askedNeverUsed: 9,
      assignmentConcentration: 0.318,
      feedbackCount: 6,
      feedbackMeanRating: 4.17,
    });
  });

  it("withholds every figure derived from a group whose count is hidden", () => {
    const parts = region();
    const hide = (family: StatisticsFamily) => {
      const [only] = parts[family] as GroupPart[];
      parts[family] = [part({ ...only?.counts, count: hidden(only?.counts.count?.count ?? 0) }, only?.aggregates)];
    };
    for (const family of ["REQUESTS", "ASSIGNMENTS", "PARTICIPATION", "FEES", "FEEDBACK", "POOL"] as const) hide(family);
    const figures = assembleMeasures(parts, context);
    for (const name of [
      "requestsReceived",
      "fillRate",
      "medianDaysToFilled",
      "p90DaysToFilled",
      "assignmentsCarriedOut",
      "assignmentConcentration",
      "participants",
      "uniquePersons",
      "hours",
      "feesGrossOre",
      "feesMileageOre",
      "feesExpensesOre",
      "feedbackCount",
      "feedbackMeanRating",
      "activePoolSize",
    ] as const)
      expect([name, figures[name]]).toEqual([name, SMALL_COUNT]);
    // The parts are cells of their own: published where their protection allows.
    expect(figures.requestsDeclined).toEqual({ value: 4, withheld: null });
    expect(figures.neverAsked).toEqual({ value: 21, withheld: null });
  });

  it("withholds the fill rate when the persons accepted are hidden, though the requests are not", () => {
    const parts = region();
    const [requests] = parts.REQUESTS as GroupPart[];
    parts.REQUESTS = [part({ ...requests?.counts, accepted: hidden(3) }, requests?.aggregates)];
    const figures = assembleMeasures(parts, context);
    expect(figures.fillRate).toEqual(SMALL_COUNT);
    expect(figures.requestsReceived.value).toBe(20);
  });

  it("withholds the median and 90th percentile when fewer than the threshold were filled", () => {
    const withFilled = (filled: number) => {
      const parts = region();
      const [requests] = parts.REQUESTS as GroupPart[];
      parts.REQUESTS = [part(requests?.counts ?? {}, { ...requests?.aggregates, filled })];
      return assembleMeasures(parts, context);
    };
    for (const filled of [1, 4]) {
      expect(withFilled(filled).medianDaysToFilled).toEqual(SMALL_COUNT);
      expect(withFilled(filled).p90DaysToFilled).toEqual(SMALL_COUNT);
    }
    expect(withFilled(5).medianDaysToFilled).toEqual({ value: 3.3, withheld: null });
    // None filled: there is no median to give, which says nothing about anyone.
    const parts = region();
    parts.REQUESTS = [
      part((parts.REQUESTS as GroupPart[])[0]?.counts ?? {}, { asked_for: 30, filled: 0, median_days: null, p90_days: null }),
    ];
    expect(assembleMeasures(parts, context).medianDaysToFilled).toEqual(NOT_APPLICABLE);
  });

  it("marks every figure of a family that cannot be split as asked not applicable", () => {
    const none: FamilyGroupParts = {
      REQUESTS: null,
      OCCASIONS: null,
      ASSIGNMENTS: null,
      PARTICIPATION: null,
      FEES: null,
      REGISTRATIONS: null,
      FEEDBACK: null,
      POOL: null,
    };
    const figures = assembleMeasures(none, context);
    for (const name of MEASURE_NAMES) expect([name, figures[name]]).toEqual([name, NOT_APPLICABLE]);
  });

  it("sums counts over several networks, withholding the sum when any part is hidden, and gives no non-additive figure", () => {
    const parts = region();
    const second = (counts: GroupPart["counts"], aggregates: GroupPart["aggregates"]) => part(counts, aggregates);
    parts.REQUESTS = [
      ...(parts.REQUESTS as GroupPart[]),
      second(
        { count: published(10), declined: hidden(2), cancelled: published(0), accepted: published(8) },
        { asked_for: 10, filled: 7, median_days: 1, p90_days: 2 },
      ),
    ];
    parts.PARTICIPATION = [...(parts.PARTICIPATION as GroupPart[]), second({ count: published(5) }, { persons: 5, minutes: 200 })];
    parts.ASSIGNMENTS = [...(parts.ASSIGNMENTS as GroupPart[]), second({ count: published(5) }, { persons: 5 })];
    const figures = assembleMeasures(parts, context);
    expect(figures.requestsReceived).toEqual({ value: 30, withheld: null });
    expect(figures.requestsDeclined).toEqual(SMALL_COUNT);
    expect(figures.requestsCancelled).toEqual({ value: 3, withheld: null });
    expect(figures.fillRate.value).toBeCloseTo(32 / 40, 9);
    expect(figures.participants.value).toBe(45);
    expect(figures.hours.value).toBe(70);
    // A median, distinct persons and concentration do not add up over networks.
    expect(figures.medianDaysToFilled).toEqual(NOT_APPLICABLE);
    expect(figures.p90DaysToFilled).toEqual(NOT_APPLICABLE);
    expect(figures.uniquePersons).toEqual(NOT_APPLICABLE);
    expect(figures.assignmentConcentration).toEqual(NOT_APPLICABLE);
  });

  it("gives concentration only for a whole period shown, not per month", () => {
    expect(assembleMeasures(region(), { ...context, byMonth: true }).assignmentConcentration).toEqual(NOT_APPLICABLE);
    expect(assembleMeasures(region(), { ...context, concentrationShare: null }).assignmentConcentration).toEqual(NOT_APPLICABLE);
  });

  it("gives no mean rating and no fill rate where there is nothing to divide by", () => {
    const parts = region();
    parts.FEEDBACK = [part({ count: published(0) }, undefined)];
    parts.REQUESTS = [part((parts.REQUESTS as GroupPart[])[0]?.counts ?? {}, { asked_for: 0, filled: 0 })];
    const figures = assembleMeasures(parts, context);
    expect(figures.feedbackCount).toEqual({ value: 0, withheld: null });
    expect(figures.feedbackMeanRating).toEqual(NOT_APPLICABLE);
    expect(figures.fillRate).toEqual(NOT_APPLICABLE);
  });
});

describe("countOf and derived", () => {
  it("counts a group that does not occur as zero, and marks small and complementary cells alike", () => {
    expect(countOf([undefined])).toEqual({ value: 0, withheld: null });
    expect(countOf([published(7), undefined])).toEqual({ value: 7, withheld: null });
    expect(countOf([{ key: [], count: 2, value: null, suppression: "PRIMARY" }])).toEqual(SMALL_COUNT);
    expect(countOf([published(7), hidden(30)])).toEqual(SMALL_COUNT);
  });

  it("passes a withheld base on, whatever its reason, and computes only behind a published one", () => {
    let computed = false;
    const compute = () => {
      computed = true;
      return 1;
    };
    expect(derived(SMALL_COUNT, compute)).toEqual(SMALL_COUNT);
    expect(derived(NOT_APPLICABLE, compute)).toEqual(NOT_APPLICABLE);
    expect(computed).toBe(false);
    expect(derived({ value: 9, withheld: null }, compute, { tooFew: true })).toEqual(SMALL_COUNT);
    expect(derived({ value: 9, withheld: null }, compute)).toEqual({ value: 1, withheld: null });
    expect(derived({ value: 9, withheld: null }, () => null)).toEqual(NOT_APPLICABLE);
  });
});
