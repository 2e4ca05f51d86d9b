import { or } from "graphql-shield";
import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isMember, isTenantAdmin, permissionRule } from "../permissions/rules.js";

const memberOrCoordinator = or(isMember, isCoordinator);
const requestLogReader = permissionRule(Permission.HandleDataSubjectRequests);

export const privacyPermissions: PermissionMap = {
  Query: { exportMyData: isMember, dataSubjectRequests: requestLogReader },
  Mutation: {
    exportMemberData: isCoordinator,
    restrictProcessing: memberOrCoordinator,
    liftRestriction: memberOrCoordinator,
    eraseMember: memberOrCoordinator,
    recordDataSubjectRequest: isCoordinator,
    completeDataSubjectRequest: requestLogReader,
  },
  DataExport: memberOrCoordinator,
  ExportMemberDataPayload: isCoordinator,
  ProcessingRestrictionPayload: memberOrCoordinator,
  EraseMemberPayload: memberOrCoordinator,
  MemberPrivacyStatus: memberOrCoordinator,
  DataSubjectRequestPayload: requestLogReader,
  DataSubjectRequest: or(isMember, isCoordinator, isTenantAdmin),
  DataSubjectRequestConnection: requestLogReader,
};
