import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isPlatformOperator, isTenantAdmin } from "../permissions/rules.js";

export const tenantPermissions: PermissionMap = {
  Query: { tenant: allow, tenants: isPlatformOperator, tenantSettings: isTenantAdmin },
  Mutation: { createTenant: isPlatformOperator, publishConsentText: isTenantAdmin, updateTenantSettings: isTenantAdmin },
  // Public: what a regional front end shows before anyone signs in.
  Tenant: allow,
  ConsentText: allow,
  TenantConnection: isPlatformOperator,
  CreateTenantPayload: allow,
  PublishConsentTextPayload: allow,
  // Retention and the statistics threshold are internal policy: only the tenant's own administrators read them.
  TenantSettings: isTenantAdmin,
  UpdateTenantSettingsPayload: isTenantAdmin,
  TenantSlugTaken: allow,
  IssuerAudienceTaken: allow,
  ConsentTextVersionExists: allow,
};
