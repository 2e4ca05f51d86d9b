import {
  AGE_BAND_LABELS,
  type AgeBand,
  answerStatistics,
  type CubeFactory,
  FLOW_FAMILIES,
  type FlowFamily,
  familyDimensionsAsked,
  fieldError,
  type LocalizedText,
  MEASURE_NAMES,
  type MeasureName,
  MONTHS,
  PERSPECTIVE_LABELS,
  type Perspective,
  periodEnd,
  planStatisticsAnswer,
  type StatisticsAnswerData,
  type StatisticsAnswerPlan,
  type StatisticsDimension as StatisticsDimensionKey,
  type StatisticsFigure,
  type StatisticsFigures,
  type StatisticsQuery,
  validateStatisticsQuery,
} from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import { statisticsCsv } from "./statistics.csv.js";
import {
  assignmentConcentration,
  FAMILY_DIMENSIONS,
  type FinestRow,
  findGroupLabels,
  findStatisticsSettings,
  finestPool,
  nextPoolChange,
  type StatisticsDimensionKey as RepositoryDimension,
  readFlow,
  readStatisticsVersion,
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
import { type StatisticsMemo, statisticsMemo } from "./statistics-memo.js";

// A statistics answer: the repository reads each family's finest cells and aggregates, the domain protects them as
// whole cubes and slices out the groups asked for (planStatisticsAnswer, answerStatistics), and this service labels
// the groups and maps the figures to GraphQL.

/** Who may read statistics: analysts and tenant admins of the whole tenant; coordinators for their networks. */
export function requireStatisticsReader(ctx: RequestContext): { actor: StaffActor; networks: "ALL" | string[] } {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const networks = networksWhere(actor, Permission.ReadStatistics);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  return { actor, networks };
}

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
  statisticsMemo.noteAsked(actor.tenantId, Date.now());
  return ctx
    .scope(actor.tenantId)
    .transaction((tx) => computeStatistics(ctx, tx, actor.tenantId, validated.query, networks, input.networkId ?? null), {
      timeoutMs: 60_000,
      // Aggregates over months and years: a standby a moment behind answers them (DATABASE_REPLICA_URL).
      staleReadAllowed: true,
    });
}

/**
 * A statistics table, remembered under the tenant's statistics data version (see statistics-memo.ts): the version
 * is read first, so a repeat costs that one statement, and a table computed from data newer than the version it is
 * kept under (a write committed while computing) is only ever fresher than that version, never staler. A caller's
 * own `cubeOf` (the suppression report measuring cubes) gets a table computed afresh, over cubes of its own.
 */
export async function computeStatistics(
  ctx: Pick<RequestContext, "locale">,
  tx: Tx,
  tenantId: string,
  query: StatisticsQuery,
  visible: "ALL" | string[],
  networkId: string | null,
  cubeOf?: CubeFactory,
  memo: StatisticsMemo = statisticsMemo,
): Promise<StatisticsTable> {
  const version = await readStatisticsVersion(tx, tenantId);
  const now = new Date();
  const memory = version === null ? null : { memo, prefix: `${tenantId}\u0000${version}` };
  const answerKey =
    memory && !cubeOf
      ? `${memory.prefix}\u0000${JSON.stringify([query, visible === "ALL" ? visible : [...visible].sort(), networkId, ctx.locale])}`
      : null;
  if (answerKey) {
    const known = memo.answer<StatisticsTable>(answerKey, now.getTime());
    if (known) return known;
  }

  const settings = await findStatisticsSettings(tx, tenantId);
  if (!settings) throw forbidden(ctx.locale);
  const labels = await findGroupLabels(tx, tenantId);
  if (networkId !== null && (!labels.networks.some((n) => n.id === networkId) || (visible !== "ALL" && !visible.includes(networkId)))) {
    // Another tenant's network and one the coordinator does not coordinate answer alike.
    throw badUserInput([fieldError("input.networkId", "UNKNOWN_REFERENCE", { sv: "Nätverk", en: "Network" })], ctx.locale);
  }
  const plan = planStatisticsAnswer(query, { visible, networkId });
  const loaded = await loadAnswerData(tx, tenantId, plan, settings, now, memory);
  const answer = answerStatistics(plan, loaded.data, cubeOf ?? loaded.cubeOf);

  const groupLabel = makeLabeller(labels, ctx.locale);
  const rows: StatisticsRow[] = answer.rows
    .map(({ values, time, measures }) => {
      const groups: StatisticsGroup[] = plan.groupBy.map((dimension) => {
        const key = dimension === "MONTH" ? time : (values[dimension] as string);
        return { dimension: dimension as StatisticsDimension, key, label: groupLabel(dimension, key) };
      });
      return { groups, measures: toMeasures(measures) };
    })
    .sort((a, b) => compareGroups(a.groups, b.groups));
  const table: StatisticsTable = {
    year: query.year,
    quarter: query.quarter,
    month: query.month,
    groupBy: plan.groupBy as StatisticsDimension[],
    smallCellThreshold: settings.smallCellThreshold,
    rows,
    total: toMeasures(answer.total),
    csv: "",
  };
  table.csv = statisticsCsv(table, ctx.locale);
  // Shared by every later caller with the same question: callers only read it.
  if (answerKey) memo.keepAnswer(answerKey, table, 2_048 + table.csv.length * 4 + rows.length * 1_500, loaded.from, loaded.until);
  return table;
}

/** What an answer's readings and cubes are remembered under: the tenant and its data version. */
interface AnswerMemory {
  readonly memo: StatisticsMemo;
  readonly prefix: string;
}

interface LoadedAnswerData {
  readonly data: StatisticsAnswerData;
  /** Remembering cubes under the version, the year and each pool's instant. */
  readonly cubeOf: CubeFactory | undefined;
  /**
   * The answer holds from `from` (its own instant) up to `until` (ms): the first instant a pool counted "now" could
   * change without a write (see nextPoolChange); forever when it counts no pool "now".
   */
  readonly from: number;
  readonly until: number;
}

/** Everything the answer is computed from: one read per flow family, the pool at every date shown, concentration. */
async function loadAnswerData(
  tx: Tx,
  tenantId: string,
  plan: StatisticsAnswerPlan,
  settings: { smallCellThreshold: number; timeZone: string },
  now: Date,
  memory: AnswerMemory | null,
): Promise<LoadedAnswerData> {
  const window = { year: plan.year, timeZone: settings.timeZone };
  const at = now.getTime();
  let until = Number.POSITIVE_INFINITY;
  /** A reading remembered under the version (flows and concentration: data only, never the clock). */
  const remembered = async <T>(key: string, read: () => Promise<T>, bytes: (value: T) => number): Promise<T> => {
    if (!memory) return read();
    const fullKey = `${memory.prefix}\u0000${key}`;
    const known = memory.memo.reading<T>(fullKey, at);
    if (known !== undefined) return known;
    const value = await read();
    memory.memo.keepReading(fullKey, value, bytes(value), Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    return value;
  };
  const flowKey = (family: FlowFamily, dimensions: readonly string[]) =>
    JSON.stringify(["flow", family, window.year, window.timeZone, dimensions]);

  const flows = {} as Record<FlowFamily, StatisticsAnswerData["flows"][FlowFamily]>;
  for (const family of FLOW_FAMILIES) {
    const dimensions = familyDimensionsAsked(plan, FAMILY_DIMENSIONS[family]);
    flows[family] = await remembered(
      flowKey(family, dimensions),
      () => readFlow(tx, tenantId, family, window, dimensions),
      (reading) => 1_024 + (reading.aggregates.length + reading.finest.length) * 300,
    );
  }

  // The pool at each period's end, or now for a period not over yet (periodEnd). A pool at a past instant depends on
  // the data only; the pool "now" is remembered from the instant it was counted at up to the first row dated after
  // it (nextPoolChange), and cubes of it under that instant.
  const dates = plan.poolTimes.map((key) => periodEnd(plan.year, key, settings.timeZone, now));
  const poolSources: string[] = [];
  const pools: (readonly FinestRow[])[] = [];
  const missing: number[] = [];
  dates.forEach((date, i) => {
    const open = date.getTime() === at;
    const key = open ? JSON.stringify(["pool-now", plan.year]) : JSON.stringify(["pool", plan.year, date.toISOString()]);
    const known = memory?.memo.reading<{ rows: FinestRow[]; from: number; until: number }>(`${memory.prefix}\u0000${key}`, at);
    if (known) {
      pools[i] = known.rows;
      poolSources[i] = `${key}@${known.from}`;
      until = Math.min(until, known.until);
    } else missing.push(i);
  });
  if (missing.length > 0) {
    const read = await finestPool(
      tx,
      tenantId,
      missing.map((i) => dates[i] as Date),
      plan.year,
    );
    const openMissing = missing.some((i) => (dates[i] as Date).getTime() === at);
    const next = openMissing ? await nextPoolChange(tx, tenantId, now) : null;
    missing.forEach((i, j) => {
      const date = dates[i] as Date;
      const rows = read[j] ?? [];
      const open = date.getTime() === at;
      const key = open ? JSON.stringify(["pool-now", plan.year]) : JSON.stringify(["pool", plan.year, date.toISOString()]);
      const heldUntil = open ? (next?.getTime() ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
      pools[i] = rows;
      poolSources[i] = `${key}@${at}`;
      if (open) until = Math.min(until, heldUntil);
      memory?.memo.keepReading(
        `${memory.prefix}\u0000${key}`,
        { rows, from: at, until: heldUntil },
        1_024 + rows.length * 300,
        open ? at : Number.NEGATIVE_INFINITY,
        heldUntil,
      );
    });
  }

  const monthsKey = plan.periodMonths.join(",");
  const concentrationOf = (dimensions: readonly RepositoryDimension[]) =>
    remembered(
      JSON.stringify(["concentration", window.year, window.timeZone, dimensions, monthsKey]),
      () => assignmentConcentration(tx, tenantId, dimensions, window, plan.periodMonths),
      (rows) => 1_024 + rows.length * 300,
    );
  const total = await concentrationOf(plan.concentration.total);
  // An answer without groups asks the rows' concentration over the same dimensions as the total's: read it once.
  const rowDimensions = plan.concentration.rows;
  const sameAsTotal = rowDimensions !== null && rowDimensions.join() === plan.concentration.total.join();
  const concentration = {
    rows: rowDimensions === null ? [] : sameAsTotal ? total : await concentrationOf(rowDimensions),
    total,
  };

  // Cubes are named by their label (family-cube.ts: the family, "POOL" or "POOL@<period>", then its counts): flows
  // by the version, year and time zone; pools by the instant their reading was counted at.
  const cubeOf = memory?.memo.cubeFactory((label) => {
    const family = label.split(".", 1)[0] as string;
    if ((FLOW_FAMILIES as readonly string[]).includes(family)) return `${memory.prefix}\u0000${flowKey(family as FlowFamily, [])}`;
    const period = family === "POOL" ? "*" : family.startsWith("POOL@") ? family.slice("POOL@".length) : null;
    const index = period === null ? -1 : plan.poolTimes.indexOf(period);
    return index < 0 ? null : `${memory.prefix}\u0000cube-of\u0000${poolSources[index]}`;
  });
  return {
    data: { threshold: settings.smallCellThreshold, familyDimensions: FAMILY_DIMENSIONS, flows, pools, concentration },
    cubeOf,
    from: at,
    until,
  };
}

function toValue(figure: StatisticsFigure): StatisticsValue {
  return figure.withheld === null
    ? { value: figure.value, suppressed: false, suppression: null }
    : { value: null, suppressed: true, suppression: StatisticsSuppression[figure.withheld] };
}

export function toMeasures(figures: StatisticsFigures): StatisticsMeasures {
  const values = Object.fromEntries(MEASURE_NAMES.map((name) => [name, toValue(figures[name])])) as Record<MeasureName, StatisticsValue>;
  // Checked both ways: every GraphQL measure has a figure, and every figure a GraphQL measure.
  const measures: Record<keyof StatisticsMeasures, StatisticsValue> = values;
  return Object.assign(new StatisticsMeasures(), measures satisfies Record<MeasureName, StatisticsValue>);
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
