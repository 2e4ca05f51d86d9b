import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isMember, isTenantAdmin } from "../permissions/rules.js";

export const auditPermissions: PermissionMap = {
  Query: { auditEvents: or(isTenantAdmin, isCoordinator), myDataAccessLog: isMember },
  AuditEventConnection: or(isTenantAdmin, isCoordinator),
  AuditEvent: or(isTenantAdmin, isCoordinator),
  DataAccessLogEntryConnection: isMember,
  DataAccessLogEntry: isMember,
};
