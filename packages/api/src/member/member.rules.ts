import { allow, or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { canReadMemberPersonalData, isCoordinator, isMember } from "../permissions/rules.js";

export const memberPermissions: PermissionMap = {
  Query: { member: or(isCoordinator, isMember), members: isCoordinator },
  Member: canReadMemberPersonalData,
  MemberConnection: isCoordinator,
  // Reached only through a Member the reader may see.
  Membership: allow,
  ExperienceTag: allow,
};
