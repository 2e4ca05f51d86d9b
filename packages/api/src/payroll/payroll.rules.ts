import { type IRule, or, rule } from "graphql-shield";
import type { RequestContext } from "../context/request-context.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isTenantAdmin } from "../permissions/rules.js";

/** Tenant admins run payroll for every network, coordinators for their own; services narrow by network again. */
const runsPayroll = or(isTenantAdmin, isCoordinator);

/** An export's figures, CSV and summaries: read only by whom the service handed it (admins, the networks' coordinators). */
const readsPayrollExport: IRule = rule("readsPayrollExport", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) =>
    ctx.actor.kind === "STAFF" &&
    ctx.actor.grants.some((grant) => grant.role === "COORDINATOR" || (grant.role === "TENANT_ADMIN" && grant.networkId === null)),
);

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
