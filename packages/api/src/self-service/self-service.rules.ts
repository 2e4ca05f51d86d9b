import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isMember } from "../permissions/rules.js";

export const selfServicePermissions: PermissionMap = {
  Query: { myMemberships: isMember },
  Mutation: {
    updateMyProfile: isMember,
    setMyAvailability: isMember,
    addMyPause: isMember,
    removeMyPause: isMember,
    withdrawFromNetwork: isMember,
  },
  UpdateMyProfilePayload: isMember,
  SetMyAvailabilityPayload: isMember,
  AddMyPausePayload: isMember,
  RemoveMyPausePayload: isMember,
  WithdrawFromNetworkPayload: isMember,
  PauseEnded: isMember,
  // Reached only through a Member the reader may see (the member themself or a coordinator of their networks).
  MemberPause: allow,
  MemberRevision: allow,
  MemberFieldChange: allow,
};
