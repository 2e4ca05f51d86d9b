import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated } from "../permissions/rules.js";

export const networkPermissions: PermissionMap = {
  Query: { network: isAuthenticated },
  // Networks are public: regional front ends list them on the registration form.
  Network: allow,
  NetworkConnection: allow,
};
