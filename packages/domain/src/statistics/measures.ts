import { FAMILY_COUNT, type StatisticsFamily } from "./family-cube.js";
import type { ProtectedCell } from "./linked-tables.js";

// The figures of one group (a row of a statistics table, or its total), assembled from the family's protected counts
// and its other aggregates. Only counts are protected cubes; every other figure (a rate, a median, hours, money, a
// mean) is derived from a group and shown only when that group's count is, so a hidden count is never given away by
// a figure computed from the same group.

/**
 * Why a figure is withheld. SMALL_COUNT covers small and complementary cells alike: telling them apart would tell an
 * attacker that a cell holds between 1 and threshold − 1 (see ProtectedCube). NOT_APPLICABLE: the figure has no
 * meaning for this grouping (a family without the dimension, a median over several groups).
 */
export type WithheldReason = "SMALL_COUNT" | "NOT_APPLICABLE";

export type StatisticsFigure =
  | { readonly value: number; readonly withheld: null }
  | { readonly value: null; readonly withheld: WithheldReason };

/** Every figure of a group, in the order tables list them. */
export const MEASURE_NAMES = [
  "requestsReceived",
  "requestsDeclined",
  "requestsCancelled",
  "fillRate",
  "medianDaysToFilled",
  "p90DaysToFilled",
  "assignmentsCarriedOut",
  "occasionsCarriedOut",
  "participants",
  "uniquePersons",
  "hours",
  "feesGrossOre",
  "feesMileageOre",
  "feesExpensesOre",
  "newRegistrations",
  "activePoolSize",
  "neverAsked",
  "askedNeverUsed",
  "assignmentConcentration",
  "feedbackCount",
  "feedbackMeanRating",
] as const;

export type MeasureName = (typeof MEASURE_NAMES)[number];
export type StatisticsFigures = Readonly<Record<MeasureName, StatisticsFigure>>;

/** A group's share of one family: its protected counts and its other aggregates. */
export interface GroupPart {
  /** Protected cells by count name (FAMILY_COUNT, the partition's parts, separate counts); undefined: no such group. */
  readonly counts: Readonly<Record<string, ProtectedCell | undefined>>;
  /** The group's sums, medians and the like (undefined: the group has none), shown only behind a published count. */
  readonly aggregates: Readonly<Record<string, number | null>> | undefined;
}

/**
 * Per family, the parts a group is summed from: one, or one per network when an answer spans several networks
 * without grouping by them; null where the family cannot be split as the question asks.
 */
export type FamilyGroupParts = Readonly<Record<StatisticsFamily, readonly GroupPart[] | null>>;

export interface MeasureContext {
  /** The share of assignments that went to the most-used tenth, computed for exactly this group; else null. */
  readonly concentrationShare: number | null;
  /** The rows are months (concentration, a non-additive figure, is only given per period shown). */
  readonly byMonth: boolean;
  readonly threshold: number;
}

export const NOT_APPLICABLE: StatisticsFigure = { value: null, withheld: "NOT_APPLICABLE" };
export const SMALL_COUNT: StatisticsFigure = { value: null, withheld: "SMALL_COUNT" };

export function shown(value: number | null): StatisticsFigure {
  return value === null ? NOT_APPLICABLE : { value, withheld: null };
}

/**
 * A protected count summed over the parts; withheld when any part is (a published sum of hidden parts would give
 * them away). Small and complementary cells are marked alike.
 */
export function countOf(cells: readonly (ProtectedCell | undefined)[]): StatisticsFigure {
  let sum = 0;
  let hidden = false;
  for (const cell of cells) {
    if (cell?.suppression) hidden = true;
    sum += cell?.count ?? 0;
  }
  return hidden ? SMALL_COUNT : shown(sum);
}

/**
 * A figure derived from a group: withheld as its base is, withheld as small when too few stand behind it (a
 * median of two), not applicable when it cannot be computed.
 */
export function derived(base: StatisticsFigure, compute: () => number | null, options: { tooFew?: boolean } = {}): StatisticsFigure {
  if (base.withheld !== null) return base;
  if (options.tooFew) return SMALL_COUNT;
  return shown(compute());
}

export function round(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

const countsOf = (parts: readonly GroupPart[], name: string) => countOf(parts.map((part) => part.counts[name]));
const sumOf = (parts: readonly GroupPart[], name: string) => parts.reduce((total, part) => total + (part.aggregates?.[name] ?? 0), 0);
/** A figure that does not add up over parts (a median, distinct people): only for a group of one part. */
const single = (parts: readonly GroupPart[], name: string) => (parts.length === 1 ? (parts[0]?.aggregates?.[name] ?? null) : null);

/** Every figure of one group. */
export function assembleMeasures(parts: FamilyGroupParts, context: MeasureContext): StatisticsFigures {
  const { threshold, byMonth, concentrationShare } = context;
  const { OCCASIONS: occasions, REGISTRATIONS: registrations, POOL: pool } = parts;
  return {
    ...requestMeasures(parts.REQUESTS, threshold),
    occasionsCarriedOut: occasions ? countsOf(occasions, FAMILY_COUNT) : NOT_APPLICABLE,
    ...assignmentMeasures(parts.ASSIGNMENTS, byMonth, concentrationShare),
    ...participationMeasures(parts.PARTICIPATION),
    ...feeMeasures(parts.FEES),
    newRegistrations: registrations ? countsOf(registrations, FAMILY_COUNT) : NOT_APPLICABLE,
    activePoolSize: pool ? countsOf(pool, FAMILY_COUNT) : NOT_APPLICABLE,
    neverAsked: pool ? countsOf(pool, "never_asked") : NOT_APPLICABLE,
    askedNeverUsed: pool ? countsOf(pool, "asked_never_used") : NOT_APPLICABLE,
    ...feedbackMeasures(parts.FEEDBACK),
  };
}

type RequestMeasureName =
  | "requestsReceived"
  | "requestsDeclined"
  | "requestsCancelled"
  | "fillRate"
  | "medianDaysToFilled"
  | "p90DaysToFilled";

function requestMeasures(requests: readonly GroupPart[] | null, threshold: number): Record<RequestMeasureName, StatisticsFigure> {
  if (!requests) {
    return {
      requestsReceived: NOT_APPLICABLE,
      requestsDeclined: NOT_APPLICABLE,
      requestsCancelled: NOT_APPLICABLE,
      fillRate: NOT_APPLICABLE,
      medianDaysToFilled: NOT_APPLICABLE,
      p90DaysToFilled: NOT_APPLICABLE,
    };
  }
  const received = countsOf(requests, FAMILY_COUNT);
  const accepted = countsOf(requests, "accepted");
  // Persons accepted ÷ persons asked for: withheld when the persons accepted are, whatever the requests.
  const fillRate =
    accepted.withheld !== null
      ? accepted
      : derived(received, () => {
          const askedFor = sumOf(requests, "asked_for");
          return askedFor === 0 ? null : (accepted.value ?? 0) / askedFor;
        });
  // A median or 90th percentile of fewer than `threshold` filled requests comes close to naming one.
  const filled = sumOf(requests, "filled");
  const tooFew = filled > 0 && filled < threshold;
  const days = (name: string) =>
    requests.length !== 1 ? NOT_APPLICABLE : derived(received, () => round(single(requests, name), 1), { tooFew });
  return {
    requestsReceived: received,
    requestsDeclined: countsOf(requests, "declined"),
    requestsCancelled: countsOf(requests, "cancelled"),
    fillRate,
    medianDaysToFilled: days("median_days"),
    p90DaysToFilled: days("p90_days"),
  };
}

function assignmentMeasures(
  assignments: readonly GroupPart[] | null,
  byMonth: boolean,
  concentrationShare: number | null,
): Record<"assignmentsCarriedOut" | "assignmentConcentration", StatisticsFigure> {
  if (!assignments) return { assignmentsCarriedOut: NOT_APPLICABLE, assignmentConcentration: NOT_APPLICABLE };
  const carriedOut = countsOf(assignments, FAMILY_COUNT);
  return {
    assignmentsCarriedOut: carriedOut,
    // Not additive: only for one group over the whole period shown, as the database computed it.
    assignmentConcentration: byMonth || assignments.length !== 1 ? NOT_APPLICABLE : derived(carriedOut, () => round(concentrationShare, 3)),
  };
}

function participationMeasures(
  participation: readonly GroupPart[] | null,
): Record<"participants" | "uniquePersons" | "hours", StatisticsFigure> {
  if (!participation) return { participants: NOT_APPLICABLE, uniquePersons: NOT_APPLICABLE, hours: NOT_APPLICABLE };
  const count = countsOf(participation, FAMILY_COUNT);
  return {
    participants: count,
    uniquePersons: participation.length !== 1 ? NOT_APPLICABLE : derived(count, () => single(participation, "persons")),
    hours: derived(count, () => round(sumOf(participation, "minutes") / 60, 1)),
  };
}

function feeMeasures(fees: readonly GroupPart[] | null): Record<"feesGrossOre" | "feesMileageOre" | "feesExpensesOre", StatisticsFigure> {
  if (!fees) return { feesGrossOre: NOT_APPLICABLE, feesMileageOre: NOT_APPLICABLE, feesExpensesOre: NOT_APPLICABLE };
  const claims = countsOf(fees, FAMILY_COUNT);
  return {
    feesGrossOre: derived(claims, () => sumOf(fees, "gross")),
    feesMileageOre: derived(claims, () => sumOf(fees, "mileage")),
    feesExpensesOre: derived(claims, () => sumOf(fees, "expenses")),
  };
}

function feedbackMeasures(feedback: readonly GroupPart[] | null): Record<"feedbackCount" | "feedbackMeanRating", StatisticsFigure> {
  if (!feedback) return { feedbackCount: NOT_APPLICABLE, feedbackMeanRating: NOT_APPLICABLE };
  const count = countsOf(feedback, FAMILY_COUNT);
  return {
    feedbackCount: count,
    feedbackMeanRating: derived(count, () => {
      const ratings = sumOf(feedback, "count");
      return ratings === 0 ? null : round(sumOf(feedback, "rating_sum") / ratings, 2);
    }),
  };
}
