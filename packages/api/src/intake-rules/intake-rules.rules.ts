import { allow, or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isTenantAdmin } from "../permissions/rules.js";

// Coordinators run intake by these rules, so they read them; only tenant admins change them. The public reads
// `Network.intakeRequirements` (a summary; `Network` itself is public). Services check the tenant again.
const readsIntakeRules = or(isTenantAdmin, isCoordinator);

export const intakeRulesPermissions: PermissionMap = {
  Query: { intakeRuleSets: readsIntakeRules, intakeRuleSet: readsIntakeRules },
  Mutation: {
    createIntakeRuleSet: isTenantAdmin,
    updateIntakeRuleSet: isTenantAdmin,
    setTenantDefaultIntakeRuleSet: isTenantAdmin,
    retireIntakeRuleSet: isTenantAdmin,
  },
  IntakeRuleSet: readsIntakeRules,
  IntakeRules: readsIntakeRules,
  IntakeRuleSetConnection: readsIntakeRules,
  IntakeRequirements: allow,
  CreateIntakeRuleSetPayload: isTenantAdmin,
  UpdateIntakeRuleSetPayload: isTenantAdmin,
  SetTenantDefaultIntakeRuleSetPayload: isTenantAdmin,
  RetireIntakeRuleSetPayload: isTenantAdmin,
  IntakeRuleSetNameTaken: isTenantAdmin,
  IntakeRuleSetInUse: isTenantAdmin,
};
