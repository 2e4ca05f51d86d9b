import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember, isTenantAdmin } from "../permissions/rules.js";

export const loginPermissions: PermissionMap = {
  Query: { myLogins: isMember, memberLogins: isCoordinator, staffUserLogins: isTenantAdmin },
  Mutation: {
    removeMyLogin: isMember,
    unlinkMemberLogin: isCoordinator,
    unlinkStaffLogin: isTenantAdmin,
    issueClaimCode: isCoordinator,
    claimAccount: isAuthenticated,
  },
  LinkedLogin: isAuthenticated,
  IssuedClaimCode: isCoordinator,
  IssueClaimCodePayload: isCoordinator,
  UnlinkLoginPayload: isAuthenticated,
  ClaimAccountPayload: isAuthenticated,
  InvalidClaimCode: isAuthenticated,
  LoginAlreadyLinked: isAuthenticated,
  MemberAlreadyLinked: isAuthenticated,
  NoEmailAddress: isCoordinator,
  UnlinkStaffLoginPayload: isTenantAdmin,
  OwnCurrentLogin: isTenantAdmin,
};
