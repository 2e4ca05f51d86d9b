import { createHash } from "node:crypto";
import {
  AGE_BAND_LABELS,
  type AgeBand,
  type CubeDimension,
  fieldError,
  keyOf,
  type Level,
  type LocalizedText,
  MAX_GROUP_BY,
  MONTHS,
  PERSPECTIVE_LABELS,
  type Perspective,
  type ProtectedCell,
  ProtectedCube,
  quarterOfMonth,
  STATISTICS_DIMENSIONS,
  type StatisticsDimension as StatisticsDimensionKey,
  type StatisticsQuery,
  validateStatisticsQuery,
} from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { statisticsCsv } from "./statistics.csv.js";
import {
  type AggregateRow,
  aggregateFlow,
  assignmentConcentration,
  type StatisticsDimensionKey as CubeDimensionKey,
  FAMILY_DIMENSIONS,
  type FinestRow,
  type FlowFamily,
  findGroupLabels,
  findStatisticsSettings,
  finestFlow,
  finestPool,
} from "./statistics.repository.js";
import {
  type StatisticsDimension,
  type StatisticsGroup,
  StatisticsMeasures,
  type StatisticsRow,
  StatisticsSuppression,
  type StatisticsTable,
  type StatisticsValue,
} from "./statistics.type.js";

// A statistics answer is a slice of one protected cube per family of figures (see ProtectedCube in the domain):
// the cube of the whole calendar year over ALL of the family's dimensions, protected jointly for every table an
// analyst could ask (any grouping of up to MAX_GROUP_BY dimensions, plus the network filter, by year, quarter or
// month). The requested grouping and period only choose which cells of it are shown, so the hidden cells are the
// same whichever question is asked, and no set of answers together gives a small count away.

/** Who may read statistics: analysts and tenant admins of the whole tenant; coordinators for their networks. */
export function requireStatisticsReader(ctx: RequestContext): { actor: StaffActor; networks: "ALL" | string[] } {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const tenantWide = actor.grants.some((grant) => (grant.role === "ANALYST" || grant.role === "TENANT_ADMIN") && grant.networkId === null);
  if (tenantWide) return { actor, networks: "ALL" };
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  return { actor, networks };
}

const CANONICAL: readonly CubeDimensionKey[] = STATISTICS_DIMENSIONS.filter((d): d is CubeDimensionKey => d !== "MONTH");

export interface StatisticsRequest {
  readonly year: number;
  readonly quarter?: number | null;
  readonly month?: number | null;
  readonly groupBy?: readonly string[];
  readonly networkId?: string | null;
}

export async function getStatistics(ctx: RequestContext, input: StatisticsRequest): Promise<StatisticsTable> {
  const { actor, networks } = requireStatisticsReader(ctx);
  const validated = validateStatisticsQuery(input, new Date().getUTCFullYear());
  if (!validated.ok) throw badUserInput(validated.errors, ctx.locale);
  return ctx
    .scope(actor.tenantId)
    .transaction((tx) => computeStatistics(ctx, tx, actor.tenantId, validated.query, networks, input.networkId ?? null), {
      timeoutMs: 60_000,
    });
}

/** A measure's value for a group, summed over its networks when the answer spans several. */
interface Part {
  readonly cell: ProtectedCell | undefined;
  readonly row: AggregateRow | undefined;
}

/** A family's protected cube seen through the requested dimensions (the others at "all"). */
interface CubeSlice {
  cell(level: Level, key: readonly string[]): ProtectedCell | undefined;
  nonEmpty(level: Level): readonly ProtectedCell[];
}

interface FamilyData {
  readonly dims: readonly CubeDimensionKey[];
  /** Whether the family's figures can be split by every requested grouping. */
  readonly applicable: boolean;
  readonly rows: Map<string, AggregateRow>;
  readonly cubes: Map<string, CubeSlice>;
}

const FLOW_COUNTS: Readonly<Record<FlowFamily, readonly string[]>> = {
  REQUESTS: ["count", "declined", "cancelled", "accepted"],
  OCCASIONS: ["count"],
  ASSIGNMENTS: ["count"],
  PARTICIPATION: ["count"],
  FEES: ["count"],
  REGISTRATIONS: ["count"],
  FEEDBACK: ["count"],
};

export async function computeStatistics(
  ctx: Pick<RequestContext, "locale">,
  tx: Tx,
  tenantId: string,
  query: StatisticsQuery,
  visible: "ALL" | string[],
  networkId: string | null,
): Promise<StatisticsTable> {
  const settings = await findStatisticsSettings(tx, tenantId);
  if (!settings) throw forbidden(ctx.locale);
  const threshold = settings.smallCellThreshold;
  const labels = await findGroupLabels(tx, tenantId);
  if (networkId !== null && (!labels.networks.some((n) => n.id === networkId) || (visible !== "ALL" && !visible.includes(networkId)))) {
    // Another tenant's network and one the coordinator does not coordinate answer alike.
    throw badUserInput([fieldError("input.networkId", "UNKNOWN_REFERENCE", { sv: "Nätverk", en: "Network" })], ctx.locale);
  }
  const selection: string[] | null = networkId !== null ? [networkId] : visible === "ALL" ? null : visible;
  const groupBy: StatisticsDimensionKey[] = [...query.groupBy];
  if (selection !== null && networkId === null && !groupBy.includes("NETWORK")) groupBy.unshift("NETWORK");
  const dims = CANONICAL.filter((d) => groupBy.includes(d) || (d === "NETWORK" && selection !== null));
  const window = { year: query.year, timeZone: settings.timeZone };

  // Time: the rows' level and keys, and the total's.
  const periodMonths = query.month
    ? [MONTHS[query.month - 1] as string]
    : query.quarter
      ? MONTHS.filter((m) => quarterOfMonth(m) === `Q${query.quarter}`)
      : [...MONTHS];
  const totalTime = query.month
    ? { level: 2, key: MONTHS[query.month - 1] as string }
    : query.quarter
      ? { level: 1, key: `Q${query.quarter}` }
      : { level: 0, key: "*" };
  const byMonth = groupBy.includes("MONTH");
  const rowTimes = byMonth ? periodMonths.map((key) => ({ level: 2, key })) : [totalTime];

  // Flow families: one query each, then one protected cube per count.
  const families = new Map<FlowFamily, FamilyData>();
  for (const family of Object.keys(FLOW_COUNTS) as FlowFamily[]) {
    const familyDims = dims.filter((d) => FAMILY_DIMENSIONS[family].includes(d));
    const rows = await aggregateFlow(tx, tenantId, family, familyDims, window);
    const finest = await finestFlow(tx, tenantId, family, window);
    families.set(
      family,
      buildFamily(familyDims, dims, rows, finest, FAMILY_DIMENSIONS[family], FLOW_COUNTS[family] as string[], threshold, true),
    );
  }

  // The pool is a stock: one cube per date (the end of each month, quarter or year shown, or today).
  const poolDims = dims.filter((d) => FAMILY_DIMENSIONS.POOL.includes(d));
  const pools = new Map<string, FamilyData>();
  const poolTimes = [...new Set([...rowTimes, totalTime].map((time) => time.key))];
  const poolCells = await finestPool(
    tx,
    tenantId,
    poolTimes.map((key) => periodEnd(query.year, key, settings.timeZone)),
    query.year,
  );
  poolTimes.forEach((key, i) => {
    const finest = poolCells[i] ?? [];
    const family = buildFamily(
      poolDims,
      dims,
      poolRows(finest, poolDims),
      finest,
      FAMILY_DIMENSIONS.POOL,
      ["count", "never_asked"],
      threshold,
      false,
    );
    pools.set(key, family);
  });

  // Concentration is not additive: computed in the database for exactly the groups shown.
  const rowConcentrationDims = dims;
  const totalConcentrationDims = dims.filter((d) => d === "NETWORK" && selection !== null);
  const concentration = {
    rows: byMonth
      ? new Map<string, AggregateRow>()
      : indexRows(await assignmentConcentration(tx, tenantId, rowConcentrationDims, window, periodMonths), rowConcentrationDims, false),
    total: indexRows(
      await assignmentConcentration(tx, tenantId, totalConcentrationDims, window, periodMonths),
      totalConcentrationDims,
      false,
    ),
  };

  const rowLevel = (time: number): Level => [
    ...dims.map((d) => (groupBy.includes(d) || (d === "NETWORK" && selection !== null) ? 1 : 0)),
    time,
  ];
  const totalLevel: Level = [...dims.map((d) => (d === "NETWORK" && selection !== null ? 1 : 0)), totalTime.level];

  // Which rows exist: every group with a non-zero or withheld figure, within the networks the answer covers.
  const rowKeys = new Map<string, { values: Record<string, string>; time: string }>();
  for (const time of rowTimes) {
    for (const family of [...families.values(), ...(pools.get(time.key) ? [pools.get(time.key) as FamilyData] : [])]) {
      if (!family.applicable) continue;
      const cube = family.cubes.get("count");
      if (!cube) continue;
      const level = family === pools.get(time.key) ? rowLevel(time.level).slice(0, -1) : rowLevel(time.level);
      for (const cell of cube.nonEmpty(level)) {
        const timeKey = family === pools.get(time.key) ? time.key : (cell.key[cell.key.length - 1] as string);
        if (timeKey !== time.key) continue;
        if (cell.count === 0 && cell.suppression === null) continue;
        const values: Record<string, string> = {};
        dims.forEach((d, i) => {
          values[d] = cell.key[i] as string;
        });
        if (selection !== null && !selection.includes(values.NETWORK as string)) continue;
        const outputKey = keyOf([...groupBy.filter((d) => d !== "MONTH").map((d) => values[d] as string), time.key]);
        rowKeys.set(outputKey, { values, time: time.key });
      }
    }
  }

  const measuresFor = (
    values: Record<string, string>,
    time: { level: number; key: string },
    level: Level,
    components: (string | null)[],
    total: boolean,
  ) => {
    const keysFor = (network: string | null) =>
      dims.map((d, i) => (d === "NETWORK" && network !== null ? network : level[i] === 0 ? "*" : (values[d] as string)));
    const flow = (family: FlowFamily): Part[] | null => {
      const data = families.get(family) as FamilyData;
      if (!data.applicable && !total) return null;
      return components.map((network) => {
        const full = keysFor(network);
        const key = [...data.dims.map((d) => full[dims.indexOf(d)] as string), time.key];
        const familyLevel = [...data.dims.map((d) => level[dims.indexOf(d)] as number), time.level];
        return {
          cell: data.cubes.get("count")?.cell(familyLevel, key),
          row: data.rows.get(keyOf(key)),
          ...extraCells(data, familyLevel, key),
        };
      });
    };
    const pool = (): Part[] | null => {
      const data = pools.get(time.key) as FamilyData;
      if (!data.applicable && !total) return null;
      return components.map((network) => {
        const full = keysFor(network);
        const key = data.dims.map((d) => full[dims.indexOf(d)] as string);
        const familyLevel = data.dims.map((d) => level[dims.indexOf(d)] as number);
        return {
          cell: data.cubes.get("count")?.cell(familyLevel, key),
          row: data.rows.get(keyOf(key)),
          ...extraCells(data, familyLevel, key),
        };
      });
    };
    const concentrationRow = () => {
      if (byMonth && !total) return undefined;
      if (components.length !== 1) return undefined;
      const source = total ? concentration.total : concentration.rows;
      const sourceDims = total ? totalConcentrationDims : rowConcentrationDims;
      const full = keysFor(components[0] ?? null);
      return source.get(keyOf(sourceDims.map((d) => full[dims.indexOf(d)] as string)));
    };
    return assembleMeasures(
      {
        requests: flow("REQUESTS"),
        occasions: flow("OCCASIONS"),
        assignments: flow("ASSIGNMENTS"),
        participation: flow("PARTICIPATION"),
        fees: flow("FEES"),
        registrations: flow("REGISTRATIONS"),
        feedback: flow("FEEDBACK"),
        pool: pool(),
      },
      concentrationRow(),
      components.length,
      byMonth && !total,
      threshold,
    );
  };

  const groupLabel = makeLabeller(labels, ctx.locale);
  const rows: StatisticsRow[] = [...rowKeys.values()]
    .map(({ values, time }) => {
      const timeSpec = rowTimes.find((t) => t.key === time) ?? totalTime;
      const groups: StatisticsGroup[] = groupBy.map((dimension) => {
        const key = dimension === "MONTH" ? time : (values[dimension] as string);
        return { dimension: dimension as StatisticsDimension, key, label: groupLabel(dimension, key) };
      });
      const components = dims.includes("NETWORK") && !groupBy.includes("NETWORK") ? (selection ?? [null]) : [null];
      return { groups, measures: measuresFor(values, timeSpec, rowLevel(timeSpec.level), components, false) };
    })
    .sort((a, b) => compareGroups(a.groups, b.groups));
  const total = measuresFor({}, totalTime, totalLevel, selection ?? [null], true);

  const table: StatisticsTable = {
    year: query.year,
    quarter: query.quarter,
    month: query.month,
    groupBy: groupBy as StatisticsDimension[],
    smallCellThreshold: threshold,
    rows,
    total,
    csv: "",
  };
  table.csv = statisticsCsv(table, ctx.locale);
  return table;
}

/** The pool's figures (counts only, so additive) for every grouping of `dims`, summed from its finest cells. */
function poolRows(finest: readonly FinestRow[], dims: readonly CubeDimensionKey[]): AggregateRow[] {
  const groups = new Map<string, { dims: Partial<Record<CubeDimensionKey, string | null>>; count: number; neverAsked: number }>();
  const subsets = dims.reduce<CubeDimensionKey[][]>((all, d) => all.flatMap((subset) => [subset, [...subset, d]]), [[]]);
  for (const row of finest) {
    for (const subset of subsets) {
      const values = Object.fromEntries(dims.map((d) => [d, subset.includes(d) ? (row.dims[d] as string) : null]));
      const id = keyOf(dims.map((d) => values[d] ?? "*"));
      const group = groups.get(id) ?? { dims: values, count: 0, neverAsked: 0 };
      group.count += row.counts.count ?? 0;
      group.neverAsked += row.counts.never_asked ?? 0;
      groups.set(id, group);
    }
  }
  return [...groups.values()].map((group) => ({
    dims: group.dims,
    month: null,
    quarter: null,
    measures: { count: group.count, never_asked: group.neverAsked },
  }));
}

/** Extra protected counts of a family (declined, cancelled, accepted, never asked) at a cell. */
function extraCells(data: FamilyData, level: Level, key: string[]): { extra: Record<string, ProtectedCell | undefined> } {
  const extra: Record<string, ProtectedCell | undefined> = {};
  for (const [name, cube] of data.cubes) if (name !== "count") extra[name] = cube.cell(level, key);
  return { extra };
}

function indexRows(rows: readonly AggregateRow[], dims: readonly CubeDimensionKey[], withTime: boolean): Map<string, AggregateRow> {
  return new Map(
    rows.map((row) => [keyOf([...dims.map((d) => row.dims[d] ?? "*"), ...(withTime ? [row.month ?? row.quarter ?? "*"] : [])]), row]),
  );
}

function buildFamily(
  familyDims: readonly CubeDimensionKey[],
  requested: readonly CubeDimensionKey[],
  rows: readonly AggregateRow[],
  finestRows: readonly FinestRow[],
  allDims: readonly CubeDimensionKey[],
  counts: readonly string[],
  threshold: number,
  withTime: boolean,
): FamilyData {
  const index = indexRows(rows, familyDims, withTime);
  const dimensions: CubeDimension[] = allDims.map((d) => ({
    values: [...new Set(finestRows.map((row) => row.dims[d] as string))].sort(),
  }));
  if (withTime) dimensions.push({ values: MONTHS, between: [quarterOfMonth] });
  const levels = answerableLevels(allDims, withTime);
  const finestKey = (row: FinestRow) => keyOf([...allDims.map((d) => row.dims[d] as string), ...(withTime ? [row.month as string] : [])]);
  // Counts about people are withheld also when few different persons stand behind a larger count.
  const contributors = finestRows.some((row) => row.contributors !== null)
    ? new Map(finestRows.map((row) => [finestKey(row), row.contributors ?? []]))
    : undefined;
  const cubes = new Map<string, CubeSlice>();
  for (const name of counts) {
    const finest = new Map<string, number>();
    for (const row of finestRows) {
      const value = row.counts[name] ?? 0;
      if (value > 0) finest.set(finestKey(row), value);
    }
    const cube = protectedCube(dimensions, finest, threshold, levels, name === "count" ? contributors : undefined);
    cubes.set(name, sliceOf(cube, familyDims, allDims, withTime));
  }
  return { dims: familyDims, applicable: requested.every((d) => familyDims.includes(d)), rows: index, cubes };
}

// Protecting a cube costs far more than reading its finest cells, and the hidden cells are a function of exactly
// the inputs below. So cubes are remembered under a digest of those inputs: any change to the data gives another
// digest (nothing to invalidate), and every API instance computes the same cube from the same data (nothing to
// share). Bounded, oldest first out.
const CUBE_MEMORY = 64;
const rememberedCubes = new Map<string, ProtectedCube>();

function protectedCube(
  dimensions: readonly CubeDimension[],
  finest: ReadonlyMap<string, number>,
  threshold: number,
  levels: readonly Level[],
  contributors: ReadonlyMap<string, readonly number[]> | undefined,
): ProtectedCube {
  const digest = createHash("sha256");
  digest.update(JSON.stringify([threshold, levels, dimensions.map((d) => [d.values, d.between?.length ?? 0])]));
  for (const key of [...finest.keys()].sort()) {
    digest.update(`${key}=${finest.get(key)}`);
    if (contributors) digest.update(`:${(contributors.get(key) ?? []).join(",")}`);
    digest.update("\n");
  }
  const id = digest.digest("base64");
  const known = rememberedCubes.get(id);
  if (known) {
    rememberedCubes.delete(id);
    rememberedCubes.set(id, known);
    return known;
  }
  const cube = new ProtectedCube(dimensions, finest, threshold, { levels, contributors });
  rememberedCubes.set(id, cube);
  if (rememberedCubes.size > CUBE_MEMORY) rememberedCubes.delete(rememberedCubes.keys().next().value as string);
  return cube;
}

/** Every table an analyst can ask of a family: up to MAX_GROUP_BY dimensions besides the network, by year, quarter or month. */
function answerableLevels(allDims: readonly CubeDimensionKey[], withTime: boolean): Level[] {
  const levels: Level[] = [];
  for (let mask = 0; mask < 2 ** allDims.length; mask++) {
    const fine = allDims.map((_, i) => ((mask >> i) & 1) as number);
    if (allDims.filter((d, i) => fine[i] === 1 && d !== "NETWORK").length > MAX_GROUP_BY) continue;
    for (const time of withTime ? [0, 1, 2] : [null]) levels.push(time === null ? fine : [...fine, time]);
  }
  return levels;
}

/** The cube through the requested dimensions: levels and keys of those, the family's other dimensions at "all". */
function sliceOf(
  cube: ProtectedCube,
  familyDims: readonly CubeDimensionKey[],
  allDims: readonly CubeDimensionKey[],
  withTime: boolean,
): CubeSlice {
  const position = allDims.map((d) => familyDims.indexOf(d));
  const fullLevel = (level: Level): Level => [
    ...position.map((p) => (p < 0 ? 0 : (level[p] as number))),
    ...(withTime ? [level[level.length - 1] as number] : []),
  ];
  const fullKey = (key: readonly string[]) => [
    ...position.map((p) => (p < 0 ? "*" : (key[p] as string))),
    ...(withTime ? [key[key.length - 1] as string] : []),
  ];
  const back = (cell: ProtectedCell): ProtectedCell => ({
    ...cell,
    key: [...familyDims.map((d) => cell.key[allDims.indexOf(d)] as string), ...(withTime ? [cell.key[cell.key.length - 1] as string] : [])],
  });
  return {
    cell: (level, key) => {
      const found = cube.cell(fullLevel(level), fullKey(key));
      return found && back(found);
    },
    nonEmpty: (level) => cube.nonEmpty(fullLevel(level)).map(back),
  };
}

// ─── Measures ───────────────────────────────────────────────────────────────────────────────────────────────

const notApplicable: StatisticsValue = { value: null, suppressed: true, suppression: StatisticsSuppression.NOT_APPLICABLE };
const shown = (value: number | null): StatisticsValue => (value === null ? notApplicable : { value, suppressed: false, suppression: null });
const withheld = (suppression: StatisticsSuppression): StatisticsValue => ({ value: null, suppressed: true, suppression });

/**
 * A protected count summed over the parts; withheld when any part is (a published sum of hidden parts would give
 * them away). Small and complementary cells are marked alike (see StatisticsSuppression).
 */
function countOf(parts: readonly { cell: ProtectedCell | undefined }[]): StatisticsValue {
  let sum = 0;
  let hidden = false;
  for (const { cell } of parts) {
    if (cell?.suppression) hidden = true;
    sum += cell?.count ?? 0;
  }
  return hidden ? withheld(StatisticsSuppression.SMALL_COUNT) : shown(sum);
}

function extraCountOf(parts: readonly Part[], name: string): StatisticsValue {
  return countOf(parts.map((part) => ({ cell: (part as Part & { extra: Record<string, ProtectedCell | undefined> }).extra[name] })));
}

/** A figure derived from a group: shown only when the group's count is, and (for non-additive figures) over one part. */
function derived(base: StatisticsValue, compute: () => number | null, options: { tooFew?: boolean } = {}): StatisticsValue {
  if (base.suppressed) return base;
  if (options.tooFew) return withheld(StatisticsSuppression.SMALL_COUNT);
  const value = compute();
  return value === null ? notApplicable : shown(value);
}

const sumOf = (parts: readonly Part[], name: string) => parts.reduce((total, part) => total + (part.row?.measures[name] ?? 0), 0);
const single = (parts: readonly Part[], name: string) => (parts.length === 1 ? (parts[0]?.row?.measures[name] ?? null) : null);

interface FamilyParts {
  requests: Part[] | null;
  occasions: Part[] | null;
  assignments: Part[] | null;
  participation: Part[] | null;
  fees: Part[] | null;
  registrations: Part[] | null;
  feedback: Part[] | null;
  pool: Part[] | null;
}

function assembleMeasures(
  parts: FamilyParts,
  concentrationRow: AggregateRow | undefined,
  componentCount: number,
  byMonth: boolean,
  threshold: number,
): StatisticsMeasures {
  const measures = new StatisticsMeasures();
  const { requests, occasions, assignments, participation, fees, registrations, feedback, pool } = parts;

  if (requests) {
    const received = countOf(requests);
    measures.requestsReceived = received;
    measures.requestsDeclined = extraCountOf(requests, "declined");
    measures.requestsCancelled = extraCountOf(requests, "cancelled");
    const accepted = extraCountOf(requests, "accepted");
    measures.fillRate = accepted.suppressed
      ? accepted
      : derived(received, () => {
          const askedFor = sumOf(requests, "asked_for");
          return askedFor === 0 ? null : (accepted.value ?? 0) / askedFor;
        });
    const filled = sumOf(requests, "filled");
    const fewFilled = filled > 0 && filled < threshold;
    const notSingle = componentCount !== 1;
    measures.medianDaysToFilled = notSingle
      ? notApplicable
      : derived(received, () => round(single(requests, "median_days"), 1), { tooFew: fewFilled });
    measures.p90DaysToFilled = notSingle
      ? notApplicable
      : derived(received, () => round(single(requests, "p90_days"), 1), { tooFew: fewFilled });
  } else {
    Object.assign(measures, {
      requestsReceived: notApplicable,
      requestsDeclined: notApplicable,
      requestsCancelled: notApplicable,
      fillRate: notApplicable,
      medianDaysToFilled: notApplicable,
      p90DaysToFilled: notApplicable,
    });
  }

  measures.occasionsCarriedOut = occasions ? countOf(occasions) : notApplicable;

  if (assignments) {
    const carriedOut = countOf(assignments);
    measures.assignmentsCarriedOut = carriedOut;
    measures.assignmentConcentration =
      byMonth || componentCount !== 1 ? notApplicable : derived(carriedOut, () => round(concentrationRow?.measures.share ?? null, 3));
  } else {
    measures.assignmentsCarriedOut = notApplicable;
    measures.assignmentConcentration = notApplicable;
  }

  if (participation) {
    const count = countOf(participation);
    measures.participants = count;
    measures.uniquePersons = componentCount !== 1 ? notApplicable : derived(count, () => single(participation, "persons"));
    measures.hours = derived(count, () => round(sumOf(participation, "minutes") / 60, 1));
  } else {
    Object.assign(measures, { participants: notApplicable, uniquePersons: notApplicable, hours: notApplicable });
  }

  if (fees) {
    const claims = countOf(fees);
    measures.feesGrossOre = derived(claims, () => sumOf(fees, "gross"));
    measures.feesMileageOre = derived(claims, () => sumOf(fees, "mileage"));
    measures.feesExpensesOre = derived(claims, () => sumOf(fees, "expenses"));
  } else {
    Object.assign(measures, { feesGrossOre: notApplicable, feesMileageOre: notApplicable, feesExpensesOre: notApplicable });
  }

  measures.newRegistrations = registrations ? countOf(registrations) : notApplicable;

  if (pool) {
    measures.activePoolSize = countOf(pool);
    measures.neverAsked = extraCountOf(pool, "never_asked");
  } else {
    measures.activePoolSize = notApplicable;
    measures.neverAsked = notApplicable;
  }

  if (feedback) {
    const count = countOf(feedback);
    measures.feedbackCount = count;
    measures.feedbackMeanRating = derived(count, () => {
      const n = sumOf(feedback, "count");
      return n === 0 ? null : round(sumOf(feedback, "rating_sum") / n, 2);
    });
  } else {
    measures.feedbackCount = notApplicable;
    measures.feedbackMeanRating = notApplicable;
  }
  return measures;
}

function round(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The instant a period ends (exclusive), or now for a period not over yet: when the pool is counted. */
function periodEnd(year: number, timeKey: string, timeZone: string): Date {
  const endMonth = timeKey === "*" ? 12 : timeKey.startsWith("Q") ? Number(timeKey.slice(1)) * 3 : Number(timeKey);
  const nextYear = endMonth === 12 ? year + 1 : year;
  const nextMonth = endMonth === 12 ? 1 : endMonth + 1;
  const end = zonedMidnight(nextYear, nextMonth, timeZone);
  const now = new Date();
  return new Date(Math.min(end.getTime() - 1, now.getTime()));
}

/** Midnight at the start of the 1st of a month in a time zone, as an instant. */
function zonedMidnight(year: number, month: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(year, month - 1, 1));
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
    day: "2-digit",
  }).formatToParts(guess);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // The zone's wall clock at UTC midnight; go back by that offset (the 1st's wall clock is then 00:00).
  const offsetMinutes = (part("day") === 1 ? 0 : -24 * 60) + part("hour") * 60 + part("minute");
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}

// ─── Labels ─────────────────────────────────────────────────────────────────────────────────────────────────

const OTHER_LABELS: Record<string, LocalizedText> = {
  SEVERAL: { sv: "Flera perspektiv", en: "Several perspectives" },
  NONE: { sv: "Inget angivet", en: "None given" },
  UNKNOWN: { sv: "Okänd", en: "Unknown" },
};

const MONTH_NAMES: Record<string, LocalizedText> = Object.fromEntries(
  MONTHS.map((m, i) => [
    m,
    {
      sv: new Intl.DateTimeFormat("sv-SE", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, i, 1))),
      en: new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, i, 1))),
    },
  ]),
);

function makeLabeller(labels: Awaited<ReturnType<typeof findGroupLabels>>, locale: "sv" | "en") {
  const networks = new Map(labels.networks.map((n) => [n.id, n.name]));
  const units = new Map(labels.units.map((u) => [u.id, u.name]));
  const types = new Map(labels.assignmentTypes.map((t) => [t.id, locale === "sv" ? t.labelSv : t.labelEn]));
  return (dimension: StatisticsDimensionKey, key: string): string => {
    switch (dimension) {
      case "NETWORK":
        return networks.get(key) ?? key;
      case "UNIT":
        return units.get(key) ?? key;
      case "ASSIGNMENT_TYPE":
        return types.get(key) ?? key;
      case "PERSPECTIVE":
        return (PERSPECTIVE_LABELS[key as Perspective] ?? OTHER_LABELS[key])?.[locale] ?? key;
      case "AGE_BAND":
        return (AGE_BAND_LABELS[key as AgeBand] ?? OTHER_LABELS[key])?.[locale] ?? key;
      case "MUNICIPALITY":
        return OTHER_LABELS[key]?.[locale] ?? key;
      case "MONTH":
        return MONTH_NAMES[key]?.[locale] ?? key;
    }
  };
}

function compareGroups(a: readonly StatisticsGroup[], b: readonly StatisticsGroup[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as StatisticsGroup;
    const y = b[i] as StatisticsGroup;
    const order = x.dimension === "MONTH" ? x.key.localeCompare(y.key) : x.label.localeCompare(y.label, "sv");
    if (order !== 0) return order;
  }
  return 0;
}
