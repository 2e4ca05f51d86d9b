import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin } from "../permissions/rules.js";

// The taxonomy itself is public (`Tenant.experienceTaxonomy`, under the tenant's `allow`, and `ExperienceTag`, which the
// member feature allows): forms need it without a token. Listing retired tags and changing the tree is administration.
export const taxonomyPermissions: PermissionMap = {
  Query: { experienceTag: isTenantAdmin, experienceTags: isTenantAdmin },
  Mutation: { createExperienceTag: isTenantAdmin, updateExperienceTag: isTenantAdmin, retireExperienceTag: isTenantAdmin },
  ExperienceTagConnection: isTenantAdmin,
  CreateExperienceTagPayload: isTenantAdmin,
  UpdateExperienceTagPayload: isTenantAdmin,
  RetireExperienceTagPayload: isTenantAdmin,
  KeyTaken: isTenantAdmin,
  TaxonomyCycle: isTenantAdmin,
};
