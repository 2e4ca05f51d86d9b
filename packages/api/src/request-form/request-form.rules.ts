import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin } from "../permissions/rules.js";

export const requestFormPermissions: PermissionMap = {
  Query: { requestForms: isTenantAdmin, requestForm: isTenantAdmin },
  Mutation: {
    createAssignmentType: isTenantAdmin,
    updateAssignmentType: isTenantAdmin,
    retireAssignmentType: isTenantAdmin,
    createRequestForm: isTenantAdmin,
    updateRequestForm: isTenantAdmin,
    setTenantDefaultRequestForm: isTenantAdmin,
    retireRequestForm: isTenantAdmin,
  },
  // Public: front ends render the form (through `Network.requestForm`) and the assignment types
  // (`Tenant.assignmentTypes`) before anyone signs in. They hold configuration, never personal data.
  RequestForm: allow,
  RequestFormField: allow,
  RequestFormQuestion: allow,
  FormQuestionOption: allow,
  FormCondition: allow,
  AssignmentType: allow,
  AssignmentTypeConnection: allow,
  RequestFormConnection: isTenantAdmin,
  CreateAssignmentTypePayload: isTenantAdmin,
  UpdateAssignmentTypePayload: isTenantAdmin,
  RetireAssignmentTypePayload: isTenantAdmin,
  CreateRequestFormPayload: isTenantAdmin,
  UpdateRequestFormPayload: isTenantAdmin,
  SetTenantDefaultRequestFormPayload: isTenantAdmin,
  RetireRequestFormPayload: isTenantAdmin,
  AssignmentTypeKeyTaken: isTenantAdmin,
  AssignmentTypeInUse: isTenantAdmin,
  RequestFormNameTaken: isTenantAdmin,
  RequestFormInUse: isTenantAdmin,
};
