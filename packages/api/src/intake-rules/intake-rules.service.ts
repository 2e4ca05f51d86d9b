import {
  checkConfigurationName,
  type FieldError,
  type IntakeRules,
  isSameConfigurationName,
  type Locale,
  normaliseLine,
  validateIntakeRules,
} from "@medverkan/domain";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import { handOverTenantDefault } from "../common/tenant-default.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, requireTenantAdmin, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import type { Network } from "../network/network.type.js";
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
import {
  clearTenantDefaultIntakeRuleSets,
  findIntakeRuleSet,
  findLiveIntakeRuleSets,
  findNetworkIdsUsingIntakeRuleSet,
  type IntakeRuleSetData,
  type IntakeRuleSetRow,
  insertIntakeRuleSet,
  listIntakeRuleSets,
  lockIntakeRuleSets,
  updateIntakeRuleSetIfVersion,
} from "./intake-rules.repository.js";
import type { IntakeRequirements, IntakeRuleSet } from "./intake-rules.type.js";

const RULE_SET = { sv: "Regeluppsättningen för intag", en: "The intake rule set" };
const SUBJECT = "IntakeRuleSet";

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
  const reads =
    actor.kind === "STAFF" &&
    actor.grants.some((grant) => grant.role === "COORDINATOR" || (grant.role === "TENANT_ADMIN" && grant.networkId === null));
  if (!reads) throw forbidden(ctx.locale);
  return actor as StaffActor;
}

const nameTaken = (name: string, locale: Locale) =>
  errorResult(
    IntakeRuleSetNameTaken,
    "NAME_TAKEN",
    { sv: `Det finns redan en regeluppsättning med namnet ${name}.`, en: `There is already an intake rule set named ${name}.` },
    locale,
    { name },
  );

const inUse = (isTenantDefault: boolean, networks: Network[], locale: Locale) =>
  errorResult(
    IntakeRuleSetInUse,
    "IN_USE",
    isTenantDefault
      ? {
          sv: "Regeluppsättningen är regionens standard. Gör en annan till standard först.",
          en: "The rule set is the tenant's default. Make another one the default first.",
        }
      : {
          sv: `Regeluppsättningen används av ${networks.length} nätverk. Välj andra regler för dem först.`,
          en: `The rule set is used by ${networks.length} network(s). Choose other rules for them first.`,
        },
    locale,
    { isTenantDefault, networks },
  );

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

/** The previous default stops being one; each change is audited like any other. */
function takeDefaultFrom(ctx: RequestContext, tx: Tx, tenantId: string, previous: IntakeRuleSetRow[]): Promise<void> {
  return handOverTenantDefault(ctx, tx, tenantId, {
    previous,
    clear: clearTenantDefaultIntakeRuleSets,
    subjectType: SUBJECT,
    snapshot: snapshot,
    purpose: "tenant default moved to another rule set",
  });
}

/** Checked in full before anything is written; the rule set, a moved default and their audit events commit together. */
export async function createIntakeRuleSet(ctx: RequestContext, input: CreateIntakeRuleSetInput): Promise<CreateIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const errors: FieldError[] = [];
  const name = checkConfigurationName(errors, input.name, "input.name");
  const rules = rulesFromInput(input.rules);
  errors.push(...validateIntakeRules(rules, "input.rules"));
  if (name === null || errors.length > 0) throw badUserInput(errors, ctx.locale);

  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateIntakeRuleSetPayload> => {
    await lockIntakeRuleSets(tx, tenantId);
    const live = await findLiveIntakeRuleSets(tx, tenantId);
    if (live.some((row) => isSameConfigurationName(row.name, name))) return { intakeRuleSet: null, errors: [nameTaken(name, ctx.locale)] };
    const isTenantDefault = input.isTenantDefault === true;
    if (isTenantDefault) {
      await takeDefaultFrom(
        ctx,
        tx,
        tenantId,
        live.filter((row) => row.isTenantDefault),
      );
    }
    const row = await insertIntakeRuleSet(tx, tenantId, { name, isTenantDefault, ...toIntakeRuleSetColumns(rules) });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: SUBJECT, subjectId: row.id, before: null, after: snapshot(row) });
    return { intakeRuleSet: toIntakeRuleSet(row), errors: [] };
  });
}

/**
 * Renames the rule set and/or replaces its rules, under optimistic concurrency. The rules are checked as a whole.
 * A retired rule set is history and answers NotFound; re-saving unchanged rules writes nothing.
 */
export async function updateIntakeRuleSet(ctx: RequestContext, input: UpdateIntakeRuleSetInput): Promise<UpdateIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing: UpdateIntakeRuleSetPayload = { intakeRuleSet: null, errors: [notFound(RULE_SET, ctx.locale)] };
  if (!isId(input.id)) return missing;
  const errors: FieldError[] = [];
  const name = input.name === undefined ? undefined : checkConfigurationName(errors, input.name, "input.name");
  const rules = input.rules ? rulesFromInput(input.rules) : undefined;
  if (rules) errors.push(...validateIntakeRules(rules, "input.rules"));
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);

  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateIntakeRuleSetPayload> => {
    await lockIntakeRuleSets(tx, tenantId);
    const before = await findIntakeRuleSet(tx, tenantId, input.id);
    if (!before || before.retiredAt) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);

    const data: Partial<IntakeRuleSetData> = { ...(name ? { name } : {}), ...(rules ? toIntakeRuleSetColumns(rules) : {}) };
    const proposed = { ...before, ...data } as IntakeRuleSetRow;
    if (JSON.stringify(snapshot(proposed)) === JSON.stringify(snapshot(before)))
      return { intakeRuleSet: toIntakeRuleSet(before), errors: [] };
    if (name && name !== before.name) {
      const others = (await findLiveIntakeRuleSets(tx, tenantId)).filter((row) => row.id !== before.id);
      if (others.some((row) => isSameConfigurationName(row.name, name)))
        return { intakeRuleSet: null, errors: [nameTaken(name, ctx.locale)] };
    }

    const updated = await updateIntakeRuleSetIfVersion(tx, tenantId, before.id, input.expectedVersion, data);
    const after = await reloadAfterVersionedUpdate(updated, () => findIntakeRuleSet(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: SUBJECT,
      subjectId: after.id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return { intakeRuleSet: toIntakeRuleSet(after), errors: [] };
  });
}

/** Networks that name no rule set of their own use the tenant's default; there is at most one. */
export async function setTenantDefaultIntakeRuleSet(
  ctx: RequestContext,
  input: SetTenantDefaultIntakeRuleSetInput,
): Promise<SetTenantDefaultIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing: SetTenantDefaultIntakeRuleSetPayload = { intakeRuleSet: null, errors: [notFound(RULE_SET, ctx.locale)] };
  if (!isId(input.id)) return missing;

  return ctx.scope(tenantId).transaction(async (tx): Promise<SetTenantDefaultIntakeRuleSetPayload> => {
    await lockIntakeRuleSets(tx, tenantId);
    const before = await findIntakeRuleSet(tx, tenantId, input.id);
    if (!before || before.retiredAt) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.isTenantDefault) return { intakeRuleSet: toIntakeRuleSet(before), errors: [] };

    const live = await findLiveIntakeRuleSets(tx, tenantId);
    await takeDefaultFrom(
      ctx,
      tx,
      tenantId,
      live.filter((row) => row.isTenantDefault && row.id !== before.id),
    );
    const updated = await updateIntakeRuleSetIfVersion(tx, tenantId, before.id, input.expectedVersion, { isTenantDefault: true });
    const after = await reloadAfterVersionedUpdate(updated, () => findIntakeRuleSet(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: SUBJECT,
      subjectId: after.id,
      before: snapshot(before),
      after: snapshot(after),
      purpose: "made the tenant default",
    });
    return { intakeRuleSet: toIntakeRuleSet(after), errors: [] };
  });
}

/**
 * Retires a rule set nobody uses. The tenant's default, or one a network names, is refused with the networks listed,
 * so no network is ever left pointing at rules that are no longer in use. Retiring twice changes nothing.
 */
export async function retireIntakeRuleSet(ctx: RequestContext, input: RetireIntakeRuleSetInput): Promise<RetireIntakeRuleSetPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing: RetireIntakeRuleSetPayload = { intakeRuleSet: null, errors: [notFound(RULE_SET, ctx.locale)] };
  if (!isId(input.id)) return missing;

  const outcome = await ctx
    .scope(tenantId)
    .transaction(async (tx): Promise<RetireIntakeRuleSetPayload | { inUse: { isTenantDefault: boolean; networkIds: string[] } }> => {
      await lockIntakeRuleSets(tx, tenantId);
      const before = await findIntakeRuleSet(tx, tenantId, input.id);
      if (!before) return missing;
      if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
      if (before.retiredAt) return { intakeRuleSet: toIntakeRuleSet(before), errors: [] };
      const networkIds = await findNetworkIdsUsingIntakeRuleSet(tx, tenantId, before.id);
      if (before.isTenantDefault || networkIds.length > 0) return { inUse: { isTenantDefault: before.isTenantDefault, networkIds } };

      const updated = await updateIntakeRuleSetIfVersion(tx, tenantId, before.id, input.expectedVersion, { retiredAt: new Date() });
      const after = await reloadAfterVersionedUpdate(updated, () => findIntakeRuleSet(tx, tenantId, before.id), ctx.locale);
      if (!after) return missing;
      await ctx.audit.recordChange(tx, tenantId, {
        subjectType: SUBJECT,
        subjectId: after.id,
        before: snapshot(before),
        after: snapshot(after),
        purpose: "retire",
      });
      return { intakeRuleSet: toIntakeRuleSet(after), errors: [] };
    });
  if (!("inUse" in outcome)) return outcome;
  // Read after the transaction: the network loader opens its own.
  const networks = await ctx.loaders(tenantId).networkById.loadMany(outcome.inUse.networkIds);
  const found = networks.filter((network): network is Network => network !== null && !(network instanceof Error));
  return { intakeRuleSet: null, errors: [inUse(outcome.inUse.isTenantDefault, found, ctx.locale)] };
}
