import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isMember, permissionRule } from "../permissions/rules.js";

const setsPayrollDetails = permissionRule(Permission.SetMemberPayrollDetails);

export const payrollDetailsPermissions: PermissionMap = {
  Mutation: { setMyBankAccount: isMember, setMemberPayrollDetails: setsPayrollDetails },
  SetMyBankAccountPayload: isMember,
  SetMemberPayrollDetailsPayload: setsPayrollDetails,
  // Handed out only by setMemberPayrollDetails, after its own check of who may see the member.
  MemberPayrollDetails: setsPayrollDetails,
  InvalidBankAccount: isAuthenticated,
  InvalidEmployeeNumber: isAuthenticated,
  EmployeeNumberTaken: isAuthenticated,
};
