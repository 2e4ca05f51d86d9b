import { allow, or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isMember, isTenantAdmin, isTenantStaff } from "../permissions/rules.js";

// Patient organisations: read by anyone of the tenant, kept by its administrators and coordinators. Representations:
// recorded and decided by coordinators (the service narrows to members of their networks), proposed and read by the
// member themself; `Member.representations` is reached only through a Member the reader may see.
export const representationPermissions: PermissionMap = {
  Query: {
    patientOrganisations: or(isTenantStaff, isMember),
    myOrganisationRepresentations: isMember,
  },
  Mutation: {
    addPatientOrganisation: or(isTenantAdmin, isCoordinator),
    retirePatientOrganisation: or(isTenantAdmin, isCoordinator),
    recordOrganisationRepresentation: isCoordinator,
    proposeMyOrganisationRepresentation: isMember,
    confirmOrganisationRepresentation: isCoordinator,
    rejectOrganisationRepresentation: isCoordinator,
    endOrganisationRepresentation: isCoordinator,
  },
  PatientOrganisation: or(isTenantStaff, isMember),
  PatientOrganisationPayload: or(isTenantAdmin, isCoordinator),
  OrganisationRepresentation: or(isCoordinator, isMember),
  RepresentationPayload: or(isCoordinator, isMember),
  RepresentationNotAllowed: or(isCoordinator, isMember),
  // Beside a released contact only (the contact's own rule guards it).
  RepresentedOrganisation: allow,
};
