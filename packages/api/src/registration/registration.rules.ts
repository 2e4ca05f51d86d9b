import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";

export const registrationPermissions: PermissionMap = {
  // Public: anyone may register interest (rate limited per client, see SECURITY.md).
  Mutation: { registerMember: allow },
  RegisterMemberPayload: allow,
  RegistrationReceipt: allow,
  IntakeRuleNotMet: allow,
  ConsentRequired: allow,
  // Issue 15: a refused personal identity number, on the public form, a coordinator's entry and the own profile.
  InvalidPersonalIdentityNumber: allow,
  PersonalIdentityNumberTaken: allow,
};
