import { or, rule } from "graphql-shield";
import type { RequestContext } from "../context/request-context.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isPlatformOperator, isTenantAdmin } from "../permissions/rules.js";

/** A tenant-wide analyst (analysts are never granted per network). */
const isAnalyst = rule("isAnalyst", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) =>
    ctx.actor.kind === "STAFF" && ctx.actor.grants.some((grant) => grant.role === "ANALYST" && grant.networkId === null),
);

const readsStatistics = or(isAnalyst, isTenantAdmin, isCoordinator);

/** The figures themselves are also what platform operators read, tenant by tenant (platformStatistics). */
const readsFigures = or(isAnalyst, isTenantAdmin, isCoordinator, isPlatformOperator);

// Every type below carries aggregates only; none of them leads to a person.
export const statisticsPermissions: PermissionMap = {
  Query: { statistics: readsStatistics, annualReport: readsStatistics },
  StatisticsTable: readsStatistics,
  StatisticsRow: readsStatistics,
  StatisticsGroup: readsStatistics,
  StatisticsMeasures: readsFigures,
  StatisticsValue: readsFigures,
  AnnualReport: readsStatistics,
  AnnualReportFigure: readsStatistics,
};
