import {
  MEASURE_NAMES,
  type MeasureName,
  nationalFigures,
  type StatisticsFigure,
  type StatisticsFigures,
  validatePlatformStatisticsQuery,
} from "@medverkan/domain";
import { badUserInput } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requirePlatformOperator } from "../context/require-tenant.js";
import { asSystem } from "../context/tenant-scope.js";
import { platformStatisticsCsv } from "./platform-statistics.csv.js";
import { findLiveTenants } from "./platform-statistics.repository.js";
import {
  type PlatformStatisticsDimension,
  type PlatformStatisticsGroup,
  type PlatformStatisticsRow,
  PlatformStatisticsTable,
} from "./platform-statistics.type.js";
import { computeStatistics, type StatisticsRequest, toMeasures } from "./statistics.service.js";
import type { StatisticsMeasures, StatisticsValue } from "./statistics.type.js";

// Statistics across tenants for the platform's own staff. Each tenant's table is computed exactly as its analysts
// get it — the same computeStatistics, inside that tenant's own scope (row-level security, the application role) with
// that tenant's threshold — so the platform learns nothing a tenant's analyst could not. The national total is then
// combined from the published totals only (nationalFigures).

export type PlatformStatisticsRequest = Omit<StatisticsRequest, "networkId">;

export async function getPlatformStatistics(ctx: RequestContext, input: PlatformStatisticsRequest): Promise<PlatformStatisticsTable> {
  requirePlatformOperator(ctx);
  const validated = validatePlatformStatisticsQuery(input, new Date().getUTCFullYear());
  if (!validated.ok) throw badUserInput(validated.errors, ctx.locale);
  const { query } = validated;
  // Retired tenants are left out: their data is history the platform no longer reports on.
  const tenants = await findLiveTenants(asSystem(ctx.system));

  const rows: PlatformStatisticsRow[] = [];
  const tenantTotals: PlatformStatisticsRow[] = [];
  const totals: StatisticsFigures[] = [];
  // One tenant after the other, each in a transaction of its own: a tenant scope never spans two tenants.
  for (const tenant of tenants) {
    const table = await ctx
      .scope(tenant.id)
      .transaction((tx) => computeStatistics(ctx, tx, tenant.id, query, "ALL", null), { timeoutMs: 60_000, staleReadAllowed: true });
    const tenantGroup: PlatformStatisticsGroup = { dimension: "TENANT" as PlatformStatisticsDimension, key: tenant.id, label: tenant.name };
    for (const row of table.rows) {
      const groups = row.groups.map((group) => ({ ...group, dimension: group.dimension as string as PlatformStatisticsDimension }));
      rows.push({ groups: [tenantGroup, ...groups], measures: row.measures });
    }
    tenantTotals.push({ groups: [tenantGroup], measures: table.total });
    totals.push(figuresOf(table.total));
  }

  const result = Object.assign(new PlatformStatisticsTable(), {
    year: query.year,
    quarter: query.quarter,
    month: query.month,
    groupBy: ["TENANT", ...query.groupBy] as PlatformStatisticsDimension[],
    rows,
    tenantTotals,
    total: toMeasures(nationalFigures(totals)),
    csv: "",
  });
  result.csv = platformStatisticsCsv(result, ctx.locale);
  return result;
}

/** A published table's figures back in the domain's terms, for combining across tenants. */
function figuresOf(measures: StatisticsMeasures): StatisticsFigures {
  const figure = (value: StatisticsValue): StatisticsFigure =>
    value.suppressed || value.value === null
      ? { value: null, withheld: value.suppression ?? "SMALL_COUNT" }
      : { value: value.value, withheld: null };
  return Object.fromEntries(MEASURE_NAMES.map((name) => [name, figure(measures[name])])) as Record<MeasureName, StatisticsFigure>;
}
