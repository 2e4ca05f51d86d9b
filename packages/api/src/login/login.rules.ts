import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember } from "../permissions/rules.js";

export const loginPermissions: PermissionMap = {
  Query: { myLogins: isMember, memberLogins: isCoordinator },
  Mutation: { removeMyLogin: isMember, unlinkMemberLogin: isCoordinator, issueClaimCode: isCoordinator, claimAccount: isAuthenticated },
  LinkedLogin: isAuthenticated,
  IssuedClaimCode: isCoordinator,
  IssueClaimCodePayload: isCoordinator,
  UnlinkLoginPayload: isAuthenticated,
  ClaimAccountPayload: isAuthenticated,
  InvalidClaimCode: isAuthenticated,
  LoginAlreadyLinked: isAuthenticated,
  MemberAlreadyLinked: isAuthenticated,
  NoEmailAddress: isCoordinator,
};
