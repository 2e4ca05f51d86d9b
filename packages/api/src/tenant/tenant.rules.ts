import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isPlatformOperator, isTenantAdmin } from "../permissions/rules.js";

export const tenantPermissions: PermissionMap = {
  Query: { tenant: allow, tenants: isPlatformOperator },
  Mutation: { createTenant: isPlatformOperator, publishConsentText: isTenantAdmin },
  // Public: what a regional front end shows before anyone signs in.
  Tenant: allow,
  ConsentText: allow,
  TenantConnection: isPlatformOperator,
  CreateTenantPayload: allow,
  PublishConsentTextPayload: allow,
  TenantSlugTaken: allow,
  IssuerAudienceTaken: allow,
  ConsentTextVersionExists: allow,
};
