import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, permissionRule } from "../permissions/rules.js";

/**
 * Tenant admins run payroll for every network, coordinators for their own; services narrow by network again. An
 * export's figures, CSV and summaries are read only by whom the service handed it: the same people.
 */
const runsPayroll = permissionRule(Permission.RunPayroll);
const readsPayrollExport = runsPayroll;

export const payrollPermissions: PermissionMap = {
  Query: { payrollExport: runsPayroll, payrollExports: runsPayroll },
  Mutation: { createPayrollExport: runsPayroll, markPayrollExportPaid: runsPayroll },
  PayrollExport: readsPayrollExport,
  PayrollExportConnection: readsPayrollExport,
  PayrollPersonSummary: readsPayrollExport,
  CreatePayrollExportPayload: runsPayroll,
  MarkPayrollExportPaidPayload: runsPayroll,
  NothingToExport: isAuthenticated,
};
