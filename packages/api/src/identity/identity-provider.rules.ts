import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin } from "../permissions/rules.js";

export const identityProviderPermissions: PermissionMap = {
  Query: { platformSignIn: allow },
  Mutation: { addIdentityProvider: isTenantAdmin, updateIdentityProvider: isTenantAdmin, disableIdentityProvider: isTenantAdmin },
  // Public: a front end reads where to send a person to sign in (issuers, audiences and client ids are not secret).
  IdentityProvider: allow,
  PlatformSignIn: allow,
  IdentityProviderPayload: isTenantAdmin,
};
