import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isMember, permissionRule } from "../permissions/rules.js";

const readsAuditLog = permissionRule(Permission.ReadAuditLog);

export const auditPermissions: PermissionMap = {
  Query: { auditEvents: readsAuditLog, myDataAccessLog: isMember },
  AuditEventConnection: readsAuditLog,
  AuditEvent: readsAuditLog,
  DataAccessLogEntryConnection: isMember,
  DataAccessLogEntry: isMember,
};
