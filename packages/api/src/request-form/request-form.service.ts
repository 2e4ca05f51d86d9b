import {
  type AssignmentTypeOption,
  checkConfigurationName,
  type FieldError,
  type Locale,
  normaliseAssignmentTypeLabel,
  normaliseRequestFormDefinition,
  type RequestFieldKey,
  type RequestFormDefinition,
  type RequestFormField,
  resolveRequestForm,
  validateAssignmentType,
  validateAssignmentTypeLabel,
  validateRequestFormDefinition,
} from "@medverkan/domain";
import { ConfigurationKind, type Outcome } from "../common/configuration/configuration-kind.js";
import { VersionedRows } from "../common/configuration/versioned-rows.js";
import { badUserInput } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import type { Network } from "../network/network.type.js";
import type {
  CreateAssignmentTypeInput,
  CreateRequestFormInput,
  RequestFormFieldInput,
  RetireAssignmentTypeInput,
  RetireRequestFormInput,
  SetTenantDefaultRequestFormInput,
  UpdateAssignmentTypeInput,
  UpdateRequestFormInput,
} from "./request-form.input.js";
import {
  assignmentTypeSnapshot,
  definitionOf,
  fieldsColumn,
  formSnapshot,
  questionsColumn,
  questionsFromInput,
  toAssignmentType,
  toInputPaths,
  toRequestForm,
} from "./request-form.mapper.js";
import {
  AssignmentTypeInUse,
  AssignmentTypeKeyTaken,
  type CreateAssignmentTypePayload,
  type CreateRequestFormPayload,
  RequestFormInUse,
  RequestFormNameTaken,
  type RetireAssignmentTypePayload,
  type RetireRequestFormPayload,
  type SetTenantDefaultRequestFormPayload,
  type UpdateAssignmentTypePayload,
  type UpdateRequestFormPayload,
} from "./request-form.payload.js";
import {
  type AssignmentTypeRow,
  assignmentTypeStore,
  findAssignmentType,
  findAssignmentTypeByKey,
  findLiveAssignmentTypes,
  findLiveRequestForms,
  findRequestForm,
  insertAssignmentType,
  listLiveAssignmentTypes,
  listRequestForms,
  lockRequestForms,
  type RequestFormRow,
  requestFormStore,
} from "./request-form.repository.js";
import type { AssignmentType, RequestForm } from "./request-form.type.js";

const ASSIGNMENT_TYPE = { sv: "Uppdragstypen", en: "The assignment type" };

/** Assignment types are versioned rows with audited changes; they have no name, default or networks of their own. */
const assignmentTypes = new VersionedRows({ subjectType: "AssignmentType", store: assignmentTypeStore, snapshot: assignmentTypeSnapshot });

/** A form's lifecycle (name, tenant default, retirement, versioned update, audit) is the configuration kit's. */
const requestForms = new ConfigurationKind({
  subjectType: "RequestForm",
  called: { sv: "Formuläret", en: "The request form" },
  store: requestFormStore,
  snapshot: formSnapshot,
  defaultMovedPurpose: "tenant default moved to another form",
  nameTaken: {
    type: RequestFormNameTaken,
    message: (name) => ({ sv: `Det finns redan ett formulär med namnet ${name}.`, en: `There is already a request form named ${name}.` }),
  },
  inUse: {
    type: RequestFormInUse,
    tenantDefault: {
      sv: "Formuläret är regionens standard. Gör ett annat formulär till standard först.",
      en: "The form is the tenant's default. Make another form the default first.",
    },
    usedBy: (count) => ({
      sv: `Formuläret används av ${count} nätverk. Välj ett annat formulär för dem först.`,
      en: `The form is used by ${count} network(s). Choose another form for them first.`,
    }),
  },
});

/** A lifecycle step's outcome as the payloads say it. */
const answer = <E>(outcome: Outcome<RequestFormRow, E>, locale: Locale) => ({
  requestForm: outcome.row && toRequestForm(outcome.row, locale),
  errors: outcome.errors,
});

const asOption = (row: AssignmentTypeRow): AssignmentTypeOption => ({ key: row.key, label: { sv: row.labelSv, en: row.labelEn } });

/** The input's fields in the domain's shape: help texts left out are empty, which the domain reads as "none". */
function fieldsFromInput(fields: readonly RequestFormFieldInput[]): RequestFormField[] {
  return fields.map((entry) => ({
    field: entry.field as RequestFieldKey,
    required: entry.required,
    help: { sv: entry.helpSv ?? "", en: entry.helpEn ?? "" },
  }));
}

const keyTaken = (row: AssignmentTypeRow, locale: Locale) =>
  errorResult(
    AssignmentTypeKeyTaken,
    "KEY_TAKEN",
    row.retiredAt
      ? {
          sv: `Nyckeln ${row.key} tillhör en tidigare uppdragstyp och kan inte återanvändas.`,
          en: `The key ${row.key} belongs to a retired assignment type and cannot be reused.`,
        }
      : {
          sv: `Det finns redan en uppdragstyp med nyckeln ${row.key}.`,
          en: `There is already an assignment type with the key ${row.key}.`,
        },
    locale,
    { assignmentType: toAssignmentType(row, locale) },
  );

// ─── Public reads ─────────────────────────────────────────────────────────────────────────────────────────────

/** Public: the assignment types a tenant offers (retired ones are history and not listed). */
export async function listTenantAssignmentTypes(ctx: RequestContext, tenantId: string, args: PageArgs) {
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(tenantId).transaction((tx) => listLiveAssignmentTypes(tx, tenantId, page));
  return toPage(
    rows.map((row) => toAssignmentType(row, ctx.locale)),
    page,
    total,
  );
}

/** Public: the form a front end renders for requests to this network (its own, or the tenant's default). */
export async function getNetworkRequestForm(ctx: RequestContext, network: Network): Promise<RequestForm | null> {
  const row = await ctx.loaders(network.tenantId).requestFormByNetworkId.load(network.id);
  return row && !row.retiredAt ? toRequestForm(row, ctx.locale) : null;
}

/** The types a form offers, in its order, with their labels; a type retired since is no longer offered. */
export async function getFormAssignmentTypes(ctx: RequestContext, form: RequestForm): Promise<AssignmentType[]> {
  const loaded = await ctx.loaders(form.tenantId).assignmentTypeByKey.loadMany(form.assignmentTypeKeys);
  const live = loaded.filter((row): row is AssignmentTypeRow => row !== null && !(row instanceof Error) && row.retiredAt === null);
  const byKey = new Map(live.map((row) => [row.key, row]));
  const offered = resolveRequestForm({ fields: [], assignmentTypeKeys: form.assignmentTypeKeys }, live.map(asOption)).assignmentTypes;
  return offered.flatMap((option) => {
    const row = byKey.get(option.key);
    return row ? [toAssignmentType(row, ctx.locale)] : [];
  });
}

// ─── Tenant admin reads ───────────────────────────────────────────────────────────────────────────────────────

export async function listRequestFormsForTenant(ctx: RequestContext, filter: { includeRetired: boolean }, args: PageArgs) {
  const { tenantId } = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(tenantId).transaction((tx) => listRequestForms(tx, tenantId, filter, page));
  return toPage(
    rows.map((row) => toRequestForm(row, ctx.locale)),
    page,
    total,
  );
}

/** One form of the admin's own tenant; another tenant's id answers null, like one that does not exist. */
export async function getRequestForm(ctx: RequestContext, id: string): Promise<RequestForm | null> {
  const { tenantId } = requireTenantAdmin(ctx);
  if (!isId(id)) return null;
  const row = await ctx.scope(tenantId).transaction((tx) => findRequestForm(tx, tenantId, id));
  return row ? toRequestForm(row, ctx.locale) : null;
}

// ─── Assignment types ─────────────────────────────────────────────────────────────────────────────────────────

export async function createAssignmentType(ctx: RequestContext, input: CreateAssignmentTypeInput): Promise<CreateAssignmentTypePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const label = { sv: input.labelSv, en: input.labelEn };
  const errors = toInputPaths(validateAssignmentType({ key: input.key, label }, "input"));
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);

  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateAssignmentTypePayload> => {
    await lockRequestForms(tx, tenantId);
    const existing = await findAssignmentTypeByKey(tx, tenantId, input.key);
    if (existing) return { assignmentType: null, errors: [keyTaken(existing, ctx.locale)] };
    const normalised = normaliseAssignmentTypeLabel(label);
    const row = await insertAssignmentType(tx, tenantId, { key: input.key, labelSv: normalised.sv, labelEn: normalised.en });
    await assignmentTypes.recordChange(ctx, tx, tenantId, null, row);
    return { assignmentType: toAssignmentType(row, ctx.locale), errors: [] };
  });
}

/**
 * Relabels a type under optimistic concurrency (a stale `expectedVersion` is a CONFLICT, nothing written); the key is
 * stored on requests and never changes. Unchanged labels write nothing. A retired type is history and answers NotFound.
 */
export async function updateAssignmentType(ctx: RequestContext, input: UpdateAssignmentTypeInput): Promise<UpdateAssignmentTypePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing: UpdateAssignmentTypePayload = { assignmentType: null, errors: [notFound(ASSIGNMENT_TYPE, ctx.locale)] };
  if (!isId(input.id)) return missing;

  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateAssignmentTypePayload> => {
    await lockRequestForms(tx, tenantId);
    const before = await findAssignmentType(tx, tenantId, input.id);
    if (!before || before.retiredAt) return missing;
    const label = {
      sv: input.labelSv === undefined ? before.labelSv : (input.labelSv ?? ""),
      en: input.labelEn === undefined ? before.labelEn : (input.labelEn ?? ""),
    };
    const errors = toInputPaths(validateAssignmentTypeLabel(label, "input"));
    if (errors.length > 0) throw badUserInput(errors, ctx.locale);
    assignmentTypes.expectVersion(before, input.expectedVersion, ctx.locale);
    const normalised = normaliseAssignmentTypeLabel(label);
    const change = { labelSv: normalised.sv, labelEn: normalised.en };
    if (assignmentTypes.changesNothing(before, change)) return { assignmentType: toAssignmentType(before, ctx.locale), errors: [] };

    const after = await assignmentTypes.write(ctx, tx, tenantId, before, input.expectedVersion, change);
    return after ? { assignmentType: toAssignmentType(after, ctx.locale), errors: [] } : missing;
  });
}

/** Stops offering a type. Forms in use that offer it are listed instead, so no form silently loses an option. */
export async function retireAssignmentType(ctx: RequestContext, input: RetireAssignmentTypeInput): Promise<RetireAssignmentTypePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing: RetireAssignmentTypePayload = { assignmentType: null, errors: [notFound(ASSIGNMENT_TYPE, ctx.locale)] };
  if (!isId(input.id)) return missing;

  return ctx.scope(tenantId).transaction(async (tx): Promise<RetireAssignmentTypePayload> => {
    await lockRequestForms(tx, tenantId);
    const before = await findAssignmentType(tx, tenantId, input.id);
    if (!before) return missing;
    assignmentTypes.expectVersion(before, input.expectedVersion, ctx.locale);
    if (before.retiredAt) return { assignmentType: toAssignmentType(before, ctx.locale), errors: [] };
    const forms = (await findLiveRequestForms(tx, tenantId)).filter((form) => form.assignmentTypeKeys.includes(before.key));
    if (forms.length > 0) {
      const error = errorResult(
        AssignmentTypeInUse,
        "IN_USE",
        {
          sv: `Uppdragstypen erbjuds i ${forms.length} formulär. Ta bort den från dem först.`,
          en: `The assignment type is offered by ${forms.length} request form(s). Take it off them first.`,
        },
        ctx.locale,
        { requestForms: forms.map((form) => toRequestForm(form, ctx.locale)) },
      );
      return { assignmentType: null, errors: [error] };
    }

    const after = await assignmentTypes.write(ctx, tx, tenantId, before, input.expectedVersion, { retiredAt: new Date() }, "retire");
    return after ? { assignmentType: toAssignmentType(after, ctx.locale), errors: [] } : missing;
  });
}

// ─── Request forms ────────────────────────────────────────────────────────────────────────────────────────────

/** Checks a form in full against the tenant's live assignment types; every problem is reported at once. */
async function checkedDefinition(
  tx: Tx,
  ctx: RequestContext,
  tenantId: string,
  definition: RequestFormDefinition,
  errors: FieldError[],
): Promise<RequestFormDefinition> {
  const available = (await findLiveAssignmentTypes(tx, tenantId)).map(asOption);
  errors.push(...toInputPaths(validateRequestFormDefinition(definition, available, "input")));
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  return definition;
}

/** The columns a checked definition is stored in. */
function definitionColumns(definition: RequestFormDefinition) {
  return {
    fields: fieldsColumn(definition.fields),
    assignmentTypeKeys: [...definition.assignmentTypeKeys],
    questions: questionsColumn(definition.questions ?? []),
  };
}

export async function createRequestForm(ctx: RequestContext, input: CreateRequestFormInput): Promise<CreateRequestFormPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const outcome = await requestForms.create(ctx, tenantId, async (tx) => {
    const errors: FieldError[] = [];
    const name = checkConfigurationName(errors, input.name, "input.name");
    const proposed = normaliseRequestFormDefinition({
      fields: fieldsFromInput(input.fields),
      assignmentTypeKeys: input.assignmentTypeKeys,
      questions: questionsFromInput(input.questions ?? []),
    });
    const definition = await checkedDefinition(tx, ctx, tenantId, proposed, errors);
    if (name === null) throw badUserInput(errors, ctx.locale);
    return { name, isTenantDefault: input.isTenantDefault === true, ...definitionColumns(definition) };
  });
  return answer(outcome, ctx.locale);
}

/**
 * Renames a form and/or replaces its fields or offered types, under optimistic concurrency; the resulting form is
 * checked as a whole. A retired form is history and answers NotFound; re-saving an unchanged form writes nothing.
 */
export async function updateRequestForm(ctx: RequestContext, input: UpdateRequestFormInput): Promise<UpdateRequestFormPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const outcome = await requestForms.update(ctx, tenantId, input, async (before, tx) => {
    const errors: FieldError[] = [];
    const name = input.name === undefined ? before.name : checkConfigurationName(errors, input.name, "input.name");
    const current = definitionOf(before);
    const proposed = normaliseRequestFormDefinition({
      fields: input.fields ? fieldsFromInput(input.fields) : current.fields,
      assignmentTypeKeys: input.assignmentTypeKeys ?? current.assignmentTypeKeys,
      questions: input.questions ? questionsFromInput(input.questions) : current.questions,
    });
    const definition = await checkedDefinition(tx, ctx, tenantId, proposed, errors);
    if (name === null) throw badUserInput(errors, ctx.locale);
    return { name, ...definitionColumns(definition) };
  });
  return answer(outcome, ctx.locale);
}

/** Networks that name no form of their own use the tenant's default; there is at most one. */
export async function setTenantDefaultRequestForm(
  ctx: RequestContext,
  input: SetTenantDefaultRequestFormInput,
): Promise<SetTenantDefaultRequestFormPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  return answer(await requestForms.setTenantDefault(ctx, tenantId, input), ctx.locale);
}

/** Retires a form nobody uses; the tenant's default, or a form a network names, is refused with the networks listed. */
export async function retireRequestForm(ctx: RequestContext, input: RetireRequestFormInput): Promise<RetireRequestFormPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  return answer(await requestForms.retire(ctx, tenantId, input), ctx.locale);
}
