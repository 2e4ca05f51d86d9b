import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isTenantAdmin } from "../permissions/rules.js";

// Organisations, units and cost centres are configuration: read and changed by the tenant's administrators.
export const organisationPermissions: PermissionMap = {
  Query: {
    organisation: isTenantAdmin,
    organisations: isTenantAdmin,
    unit: isTenantAdmin,
    units: isTenantAdmin,
    costCentre: isTenantAdmin,
    costCentres: isTenantAdmin,
  },
  Mutation: {
    createOrganisation: isTenantAdmin,
    updateOrganisation: isTenantAdmin,
    retireOrganisation: isTenantAdmin,
    createUnit: isTenantAdmin,
    updateUnit: isTenantAdmin,
    retireUnit: isTenantAdmin,
    createCostCentre: isTenantAdmin,
    updateCostCentre: isTenantAdmin,
    retireCostCentre: isTenantAdmin,
  },
  Organisation: isTenantAdmin,
  OrganisationConnection: isTenantAdmin,
  Unit: isTenantAdmin,
  UnitConnection: isTenantAdmin,
  CostCentre: isTenantAdmin,
  CostCentreConnection: isTenantAdmin,
  CreateOrganisationPayload: isTenantAdmin,
  UpdateOrganisationPayload: isTenantAdmin,
  RetireOrganisationPayload: isTenantAdmin,
  CreateUnitPayload: isTenantAdmin,
  UpdateUnitPayload: isTenantAdmin,
  RetireUnitPayload: isTenantAdmin,
  CreateCostCentrePayload: isTenantAdmin,
  UpdateCostCentrePayload: isTenantAdmin,
  RetireCostCentrePayload: isTenantAdmin,
  // Also answered to coordinators adding a patient organisation (representation feature).
  NameTaken: or(isTenantAdmin, isCoordinator),
  CodeTaken: isTenantAdmin,
  InUse: isTenantAdmin,
};
