import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated } from "../permissions/rules.js";

export const nodePermissions: PermissionMap = {
  // Each node is read through its own type's root field and rule (node.service.ts); here only: signed in.
  Query: { node: isAuthenticated, nodes: isAuthenticated },
};
