import { checkConfigurationName, type FieldError, type IntakeRules, normaliseLine, validateIntakeRules } from "@medverkan/domain";
import { ConfigurationKind, type Outcome } from "../common/configuration/configuration-kind.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, requireTenantAdmin, type StaffActor } from "../context/require-tenant.js";
import type { Network } from "../network/network.type.js";
import { can, Permission } from "../permissions/permission.js";
import type {
  CreateIntakeRuleSetInput,
  IntakeRulesInput,
  RetireIntakeRuleSetInput,
  SetTenantDefaultIntakeRuleSetInput,
  UpdateIntakeRuleSetInput,
} from "./intake-rules.input.js";
import { toIntakeRuleSetColumns, toIntakeRules } from "./intake-rules.mapper.js";
import {
  type CreateIntakeRuleSetPayload,
  IntakeRuleSetInUse,
  IntakeRuleSetNameTaken,
  type RetireIntakeRuleSetPayload,
  type SetTenantDefaultIntakeRuleSetPayload,
  type UpdateIntakeRuleSetPayload,
} from "./intake-rules.payload.js";
import { findIntakeRuleSet, type IntakeRuleSetRow, intakeRuleSetStore, listIntakeRuleSets } from "./intake-rules.repository.js";
import type { IntakeRequirements, IntakeRuleSet } from "./intake-rules.type.js";

function toIntakeRuleSet(row: IntakeRuleSetRow): IntakeRuleSet {
  const rules = toIntakeRules(row);
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    isTenantDefault: row.isTenantDefault,
    rules: { ...rules, allowedMunicipalities: rules.allowedMunicipalities ? [...rules.allowedMunicipalities] : null },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    retiredAt: row.retiredAt,
    version: row.version,
  };
}

/** What the audit log keeps of a rule set: the rules as the domain reads them, not the storage columns. */
function snapshot(row: IntakeRuleSetRow) {
  return {
    id: row.id,
    name: row.name,
    isTenantDefault: row.isTenantDefault,
    rules: toIntakeRules(row),
    retiredAt: row.retiredAt,
    version: row.version,
  };
}

function rulesFromInput(input: IntakeRulesInput): IntakeRules {
  return {
    minimumAge: input.minimumAge ?? null,
    guardianConsentBelowAge: input.guardianConsentBelowAge ?? null,
    requireContactCall: input.requireContactCall,
    requireIntroductionMeeting: input.requireIntroductionMeeting,
    requireTrainingAttended: input.requireTrainingAttended,
    allowedMunicipalities: input.allowedMunicipalities ? input.allowedMunicipalities.map(normaliseLine) : null,
    recordOrganisationMandate: input.recordOrganisationMandate,
    followUpWithinDays: input.followUpWithinDays ?? null,
  };
}

/** Coordinators run intake by these rules, so they read them too; changing them is for tenant admins. */
function requireReader(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (!can(actor, Permission.ReadIntakeRules)) throw forbidden(ctx.locale);
  return actor as StaffActor;
}

/** A rule set's lifecycle (name, tenant default, retirement, versioned update, audit) is the configuration kit's. */
const intakeRuleSets = new ConfigurationKind({
  subjectType: "IntakeRuleSet",
  called: { sv: "Regeluppsättningen för intag", en: "The intake rule set" },
  store: intakeRuleSetStore,
  snapshot,
  defaultMovedPurpose: "tenant default moved to another rule set",
  nameTaken: {
    type: IntakeRuleSetNameTaken,
    message: (name) => ({
      sv: `Det finns redan en regeluppsättning med namnet ${name}.`,
      en: `There is already an intake rule set named ${name}.`,
    }),
  },
  inUse: {
    type: IntakeRuleSetInUse,
    tenantDefault: {
      sv: "Regeluppsättningen är regionens standard. Gör en annan till standard först.",
      en: "The rule set is the tenant's default. Make another one the default first.",
    },
    usedBy: (count) => ({
      sv: `Regeluppsättningen används av ${count} nätverk. Välj andra regler för dem först.`,
      en: `The rule set is used by ${count} network(s). Choose other rules for them first.`,
    }),
  },
});

/** A lifecycle step's outcome as the payloads say it. */
const answer = <E>(outcome: Outcome<IntakeRuleSetRow, E>) => ({
  intakeRuleSet: outcome.row && toIntakeRuleSet(outcome.row),
  errors: outcome.errors,
});

export async function listIntakeRuleSetsForTenant(ctx: RequestContext, filter: { includeRetired: boolean }, args: PageArgs) {
  const actor = requireReader(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) => listIntakeRuleSets(tx, actor.tenantId, filter, page));
  return toPage(rows.map(toIntakeRuleSet), page, total);
}

/** One rule set of the caller's tenant; another tenant's id answers null, like one that does not exist. */
export async function getIntakeRuleSet(ctx: RequestContext, id: string): Promise<IntakeRuleSet | null> {
  const actor = requireReader(ctx);
  if (!isId(id)) return null;
  const row = await ctx.scope(actor.tenantId).transaction((tx) => findIntakeRuleSet(tx, actor.tenantId, id));
  return row ? toIntakeRuleSet(row) : null;
}

/** Staff reading a network's configuration: the rule set that applies to it (its own or the tenant's default). */
export async function getNetworkIntakeRuleSet(ctx: RequestContext, network: Network): Promise<IntakeRuleSet | null> {
  const actor = requireReader(ctx);
  if (actor.tenantId !== network.tenantId) return null;
  const row = await ctx.loaders(network.tenantId).intakeRuleSetByNetworkId.load(network.id);
  return row ? toIntakeRuleSet(row) : null;
}

/** Public: what joining the network takes, from the rules that apply to it. */
export async function getIntakeRequirements(ctx: RequestContext, network: Network): Promise<IntakeRequirements> {
  const rules = toIntakeRules(await ctx.loaders(network.tenantId).intakeRuleSetByNetworkId.load(network.id));
  return {
    minimumAge: rules.minimumAge,
    guardianConsentBelowAge: rules.guardianConsentBelowAge,
    contactCallRequired: rules.requireContactCall,
    introductionMeetingRequired: rules.requireIntroductionMeeting,
    trainingRequired: rules.requireTrainingAttended,
    allowedMunicipalities: rules.allowedMunicipalities ? [...rules.allowedMunicipalities] : null,
    organisationMandateRecorded: rules.recordOrganisationMandate,
    followUpWithinDays: rules.followUpWithinDays,
  };
}

/** Checked in full before anything is written; the rule set, a moved default and their audit events commit together. */
export async function createIntakeRuleSet(ctx: RequestContext, input: CreateIntakeRuleSetInput): Promise<CreateIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const errors: FieldError[] = [];
  const name = checkConfigurationName(errors, input.name, "input.name");
  const rules = rulesFromInput(input.rules);
  errors.push(...validateIntakeRules(rules, "input.rules"));
  if (name === null || errors.length > 0) throw badUserInput(errors, ctx.locale);
  const isTenantDefault = input.isTenantDefault === true;
  return answer(await intakeRuleSets.create(ctx, tenantId, () => ({ name, isTenantDefault, ...toIntakeRuleSetColumns(rules) })));
}

/**
 * Renames the rule set and/or replaces its rules, under optimistic concurrency. The rules are checked as a whole.
 * A retired rule set is history and answers NotFound; re-saving unchanged rules writes nothing.
 */
export async function updateIntakeRuleSet(ctx: RequestContext, input: UpdateIntakeRuleSetInput): Promise<UpdateIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  // A malformed id answers NotFound before the input is checked, as it always has (the kit checks it again).
  if (!isId(input.id)) return { intakeRuleSet: null, errors: [intakeRuleSets.notFound(ctx.locale)] };
  const errors: FieldError[] = [];
  const name = input.name === undefined ? undefined : checkConfigurationName(errors, input.name, "input.name");
  const rules = input.rules ? rulesFromInput(input.rules) : undefined;
  if (rules) errors.push(...validateIntakeRules(rules, "input.rules"));
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const change = { ...(name ? { name } : {}), ...(rules ? toIntakeRuleSetColumns(rules) : {}) };
  return answer(await intakeRuleSets.update(ctx, tenantId, input, () => change));
}

/** Networks that name no rule set of their own use the tenant's default; there is at most one. */
export async function setTenantDefaultIntakeRuleSet(
  ctx: RequestContext,
  input: SetTenantDefaultIntakeRuleSetInput,
): Promise<SetTenantDefaultIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  return answer(await intakeRuleSets.setTenantDefault(ctx, tenantId, input));
}

/**
 * Retires a rule set nobody uses. The tenant's default, or one a network names, is refused with the networks listed,
 * so no network is ever left pointing at rules that are no longer in use. Retiring twice changes nothing.
 */
export async function retireIntakeRuleSet(ctx: RequestContext, input: RetireIntakeRuleSetInput): Promise<RetireIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  return answer(await intakeRuleSets.retire(ctx, tenantId, input));
}
