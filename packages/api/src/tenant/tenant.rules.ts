import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";

export const tenantPermissions: PermissionMap = {
  Query: { tenant: allow },
  Tenant: allow,
  ConsentText: allow,
};
