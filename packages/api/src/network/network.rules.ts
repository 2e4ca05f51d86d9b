import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isTenantAdmin } from "../permissions/rules.js";

export const networkPermissions: PermissionMap = {
  Query: { network: isAuthenticated, networks: isTenantAdmin },
  Mutation: { createNetwork: isTenantAdmin, updateNetwork: isTenantAdmin, retireNetwork: isTenantAdmin },
  // Networks are public: regional front ends list them on the registration form.
  Network: allow,
  NetworkConnection: allow,
  CreateNetworkPayload: isTenantAdmin,
  UpdateNetworkPayload: isTenantAdmin,
  RetireNetworkPayload: isTenantAdmin,
  SlugTaken: isTenantAdmin,
};
