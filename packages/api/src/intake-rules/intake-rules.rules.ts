import { allow } from "graphql-shield";
import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin, permissionRule } from "../permissions/rules.js";

// Coordinators run intake by these rules, so they read them; only tenant admins change them. The public reads
// `Network.intakeRequirements` (a summary; `Network` itself is public). Services check the tenant again.
const readsIntakeRules = permissionRule(Permission.ReadIntakeRules);

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
