import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin } from "../permissions/rules.js";

export const registrationFormPermissions: PermissionMap = {
  Mutation: { updateRegistrationForm: isTenantAdmin },
  // Public: the registration page renders it (`Tenant.registrationForm`) before anyone signs in. Configuration only.
  RegistrationForm: allow,
  UpdateRegistrationFormPayload: isTenantAdmin,
};
