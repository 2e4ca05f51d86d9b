import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember, isTenantAdmin } from "../permissions/rules.js";

export const payrollDetailsPermissions: PermissionMap = {
  Mutation: { setMyBankAccount: isMember, setMemberPayrollDetails: or(isCoordinator, isTenantAdmin) },
  SetMyBankAccountPayload: isMember,
  SetMemberPayrollDetailsPayload: or(isCoordinator, isTenantAdmin),
  // Handed out only by setMemberPayrollDetails, after its own check of who may see the member.
  MemberPayrollDetails: or(isCoordinator, isTenantAdmin),
  InvalidBankAccount: isAuthenticated,
  InvalidEmployeeNumber: isAuthenticated,
  EmployeeNumberTaken: isAuthenticated,
};
