import { or } from "graphql-shield";
import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isPlatformOperator, permissionRule } from "../permissions/rules.js";

const readsStatistics = permissionRule(Permission.ReadStatistics);

/** The figures themselves are also what platform operators read, tenant by tenant (platformStatistics). */
const readsFigures = or(readsStatistics, isPlatformOperator);

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
