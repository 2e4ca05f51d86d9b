import { allow, or } from "graphql-shield";
import { canReadMemberPersonalData, isCoordinator, isMember } from "../permissions/rules.js";
import type { PermissionMap } from "../permissions/permission-map.js";

export const memberPermissions: PermissionMap = {
  Query: { member: or(isCoordinator, isMember), members: isCoordinator },
  Member: canReadMemberPersonalData,
  MemberConnection: isCoordinator,
  // Reached only through a Member the reader may see.
  Membership: allow,
  ExperienceTag: allow,
};
