import { createHash } from "node:crypto";
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
  ProtectedCube,
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
  findGroupLabels,
  findStatisticsSettings,
  finestPool,
  readFlow,
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
  return ctx
    .scope(actor.tenantId)
    .transaction((tx) => computeStatistics(ctx, tx, actor.tenantId, validated.query, networks, input.networkId ?? null), {
      timeoutMs: 60_000,
      // Aggregates over months and years: a standby a moment behind answers them (DATABASE_REPLICA_URL).
      staleReadAllowed: true,
    });
}

export async function computeStatistics(
  ctx: Pick<RequestContext, "locale">,
  tx: Tx,
  tenantId: string,
  query: StatisticsQuery,
  visible: "ALL" | string[],
  networkId: string | null,
  cubeOf: CubeFactory = rememberedCube,
): Promise<StatisticsTable> {
  const settings = await findStatisticsSettings(tx, tenantId);
  if (!settings) throw forbidden(ctx.locale);
  const labels = await findGroupLabels(tx, tenantId);
  if (networkId !== null && (!labels.networks.some((n) => n.id === networkId) || (visible !== "ALL" && !visible.includes(networkId)))) {
    // Another tenant's network and one the coordinator does not coordinate answer alike.
    throw badUserInput([fieldError("input.networkId", "UNKNOWN_REFERENCE", { sv: "Nätverk", en: "Network" })], ctx.locale);
  }
  const plan = planStatisticsAnswer(query, { visible, networkId });
  const data = await loadAnswerData(tx, tenantId, plan, settings);
  const answer = answerStatistics(plan, data, cubeOf);

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
  return table;
}

/** Everything the answer is computed from: one read per flow family, the pool at every date shown, concentration. */
async function loadAnswerData(
  tx: Tx,
  tenantId: string,
  plan: StatisticsAnswerPlan,
  settings: { smallCellThreshold: number; timeZone: string },
): Promise<StatisticsAnswerData> {
  const window = { year: plan.year, timeZone: settings.timeZone };
  const flows = {} as Record<FlowFamily, StatisticsAnswerData["flows"][FlowFamily]>;
  for (const family of FLOW_FAMILIES) {
    flows[family] = await readFlow(tx, tenantId, family, window, familyDimensionsAsked(plan, FAMILY_DIMENSIONS[family]));
  }
  const now = new Date();
  const pools = await finestPool(
    tx,
    tenantId,
    plan.poolTimes.map((key) => periodEnd(plan.year, key, settings.timeZone, now)),
    plan.year,
  );
  const total = await assignmentConcentration(tx, tenantId, plan.concentration.total, window, plan.periodMonths);
  // An answer without groups asks the rows' concentration over the same dimensions as the total's: read it once.
  const rowDimensions = plan.concentration.rows;
  const sameAsTotal = rowDimensions !== null && rowDimensions.join() === plan.concentration.total.join();
  const concentration = {
    rows:
      rowDimensions === null
        ? []
        : sameAsTotal
          ? total
          : await assignmentConcentration(tx, tenantId, rowDimensions, window, plan.periodMonths),
    total,
  };
  return { threshold: settings.smallCellThreshold, familyDimensions: FAMILY_DIMENSIONS, flows, pools, concentration };
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

// Protecting a cube costs far more than reading its finest cells, and the hidden cells are a function of exactly
// the inputs below. So cubes are remembered under a digest of those inputs: any change to the data gives another
// digest (nothing to invalidate), and every API instance computes the same cube from the same data (nothing to
// share). Bounded, oldest first out.
const CUBE_MEMORY = 64;
const rememberedCubes = new Map<string, ProtectedCube>();

const rememberedCube: CubeFactory = (dimensions, finest, threshold, options) => {
  const { levels, contributors, sensitive } = options;
  // A caller's own rule for sensitive groups cannot be digested: such cubes are not remembered.
  if (sensitive) return new ProtectedCube(dimensions, finest, threshold, options);
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
  const cube = new ProtectedCube(dimensions, finest, threshold, options);
  rememberedCubes.set(id, cube);
  if (rememberedCubes.size > CUBE_MEMORY) rememberedCubes.delete(rememberedCubes.keys().next().value as string);
  return cube;
};

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
