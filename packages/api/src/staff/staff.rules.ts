import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin } from "../permissions/rules.js";

// Staff users and their grants are administration: contact details of colleagues and who may do what.
export const staffPermissions: PermissionMap = {
  Query: { staffUser: isTenantAdmin, staffUsers: isTenantAdmin },
  Mutation: {
    createStaffUser: isTenantAdmin,
    inviteStaffUser: isTenantAdmin,
    updateStaffUser: isTenantAdmin,
    disableStaffUser: isTenantAdmin,
    enableStaffUser: isTenantAdmin,
    grantRole: isTenantAdmin,
    revokeRole: isTenantAdmin,
  },
  StaffUser: isTenantAdmin,
  StaffUserConnection: isTenantAdmin,
  StaffRoleGrant: isTenantAdmin,
  CreateStaffUserPayload: isTenantAdmin,
  InviteStaffUserPayload: isTenantAdmin,
  UpdateStaffUserPayload: isTenantAdmin,
  DisableStaffUserPayload: isTenantAdmin,
  EnableStaffUserPayload: isTenantAdmin,
  GrantRolePayload: isTenantAdmin,
  RevokeRolePayload: isTenantAdmin,
  SubjectTaken: isTenantAdmin,
  IdentifierTaken: isTenantAdmin,
  LastTenantAdmin: isTenantAdmin,
};
