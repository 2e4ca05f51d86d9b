import type { Prisma } from "@medverkan/database";
import {
  type AssignmentTypeOption,
  type FieldError,
  fieldError,
  isRequestEditable,
  lineOrNull,
  type RegionAnswerInput,
  type RequestFormConfig,
  type RequestInput,
  resolveRequestForm,
  type StoredRegionAnswer,
  type ValidRequestSubmission,
  validateRequestSubmission,
} from "@medverkan/domain";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { type IdempotentAnswer, withIdempotency } from "../common/idempotency/idempotency.js";
import { isId } from "../common/ids.js";
import type { PageArgs } from "../common/pagination/connection.js";
import { SortDirection, toSortedPage, toSortedPageRequest } from "../common/pagination/ordering.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { definitionOf } from "../request-form/request-form.mapper.js";
import { findLiveAssignmentTypes, findRequestFormsForNetworks } from "../request-form/request-form.repository.js";
import {
  type RequestFilter,
  type RequestOrderBy,
  RequestOrderField,
  requestSorting,
  type SubmitRequestInput,
  type UpdateRequestInput,
} from "./request.input.js";
import { requestSnapshot, toRequest } from "./request.mapper.js";
import { type RequestPayloadShape, requestErrors } from "./request.payload.js";
import {
  findAllInvitedRequestIds,
  findAssignmentTypeByKey,
  findCostCentreByCode,
  findLiveExperienceTags,
  findNetwork,
  findRequest,
  findStaffUser,
  findStoredRequestParts,
  findUnit,
  findUnitCostCentres,
  findVisibleRequest,
  insertOccasions,
  insertRequest,
  insertRequestEvents,
  listRequests,
  lockRequest,
  type RequestData,
  type RequestRow,
  replaceExperienceTags,
  seesAnything,
  updateRequestIfVersion,
} from "./request.repository.js";
import type { RequestType } from "./request.type.js";
import { chooseRequesterUnit, NETWORK, REQUEST, requestVisibility, standingOn } from "./request-access.js";

const COST_CENTRE = { sv: "Ansvarskod", en: "Cost centre" };

// ─── Reads ───────────────────────────────────────────────────────────────────────────────────────────────────

/** A request the caller may see; any other (another unit's, network's or tenant's) reads as none. */
export async function getRequest(ctx: RequestContext, id: string): Promise<RequestType | null> {
  const actor = requireTenantActor(ctx);
  const visibility = requestVisibility(actor);
  if (!isId(id) || !seesAnything(visibility)) return null;
  const row = await ctx.scope(actor.tenantId).transaction((tx) => findVisibleRequest(tx, actor.tenantId, id, visibility));
  return row ? toRequest(row) : null;
}

export async function listVisibleRequests(
  ctx: RequestContext,
  filter: RequestFilter | null,
  args: PageArgs,
  orderBy: Partial<RequestOrderBy> | null = null,
) {
  const actor = requireTenantActor(ctx);
  const page = toSortedPageRequest(args, orderBy, requestSorting, ctx.locale);
  const visibility = requestVisibility(actor);
  const ids = [filter?.networkId, filter?.unitId].filter((id): id is string => typeof id === "string");
  if (!seesAnything(visibility) || ids.some((id) => !isId(id))) return toSortedPage([], page, requestSorting, 0);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) =>
    listRequests(
      tx,
      actor.tenantId,
      visibility,
      {
        statuses: filter?.status ?? null,
        networkId: filter?.networkId ?? null,
        unitId: filter?.unitId ?? null,
        submittedFrom: filter?.submittedFrom ?? null,
        submittedTo: filter?.submittedTo ?? null,
      },
      page,
    ),
  );
  return toSortedPage(rows.map(toRequest), page, requestSorting, total);
}

/** Coordinators: carried-out requests of their networks still waiting for the follow-up, the longest-waiting first. */
export async function listOpenFollowUps(ctx: RequestContext, networkId: string | null, args: PageArgs) {
  const actor = requireTenantActor(ctx);
  const oldestFirst = { field: RequestOrderField.CREATED_AT, direction: SortDirection.ASC };
  const followUpSorting = { ...requestSorting, list: "openFollowUps" };
  const page = toSortedPageRequest(args, oldestFirst, followUpSorting, ctx.locale);
  const visibility = requestVisibility(actor);
  const coordinates = visibility.all || visibility.networkIds.length > 0;
  if (!coordinates || (networkId && !isId(networkId))) return toSortedPage([], page, followUpSorting, 0);
  // Units do not follow up: only the network part of the caller's visibility counts here.
  const networksOnly = { ...visibility, unitIds: [], memberId: null };
  const { rows, total } = await ctx
    .scope(actor.tenantId)
    .transaction((tx) => listRequests(tx, actor.tenantId, networksOnly, { statuses: ["CARRIED_OUT"], networkId }, page));
  return toSortedPage(rows.map(toRequest), page, followUpSorting, total);
}

// ─── Submission ──────────────────────────────────────────────────────────────────────────────────────────────

/** The form a network uses and its version, with the tenant's live assignment types; a network without one asks only the basics. */
export async function networkForm(
  tx: Tx,
  tenantId: string,
  networkId: string,
): Promise<{ form: RequestFormConfig; formId: string | null; version: number | null }> {
  const [forms, types] = await Promise.all([findRequestFormsForNetworks(tx, tenantId, [networkId]), findLiveAssignmentTypes(tx, tenantId)]);
  const options: AssignmentTypeOption[] = types.map((row) => ({ key: row.key, label: { sv: row.labelSv, en: row.labelEn } }));
  const row = forms.get(networkId);
  if (!row || row.retiredAt) return { form: { assignmentTypes: options, fields: [] }, formId: null, version: null };
  return { form: resolveRequestForm(definitionOf(row), options), formId: row.id, version: row.version };
}

/** The form a network uses, with the tenant's live assignment types; a network without one asks only the basics. */
export async function formOfNetwork(tx: Tx, tenantId: string, networkId: string): Promise<RequestFormConfig> {
  return (await networkForm(tx, tenantId, networkId)).form;
}

const requiresField = (form: RequestFormConfig, field: string) => form.fields.some((entry) => entry.field === field && entry.required);

/** The cost centre code as it will be looked up, unless the text itself was refused (then it is not looked up). */
const costCentreToLookUp = (code: string | null | undefined, errors: readonly FieldError[]): string | null =>
  errors.some((error) => error.field === "input.costCentre") ? null : lineOrNull(code);

/** The answers a request keeps, as an update sends them back when it leaves them out. */
function answersAsInput(stored: unknown): RegionAnswerInput[] {
  if (!Array.isArray(stored)) return [];
  return (stored as StoredRegionAnswer[]).map((answer) => ({
    question: answer.question,
    text: answer.text,
    number: answer.number,
    date: answer.date,
    choice: answer.type === "SINGLE_CHOICE" ? (answer.choices[0]?.key ?? null) : null,
    choices: answer.type === "MULTIPLE_CHOICE" ? answer.choices.map((choice) => choice.key) : null,
    yes: answer.yes,
  }));
}

const answersColumn = (answers: readonly StoredRegionAnswer[]): Prisma.InputJsonArray =>
  JSON.parse(JSON.stringify(answers)) as Prisma.InputJsonArray;

function toDomainInput(input: Partial<SubmitRequestInput>): RequestInput {
  return {
    assignmentType: input.assignmentType,
    title: input.title,
    purpose: input.purpose,
    expectations: input.expectations,
    experienceSought: input.experienceSought ? { tagKeys: input.experienceSought.tagKeys, text: input.experienceSought.text } : null,
    competencesSought: input.competencesSought,
    perspectivesSought: input.perspectivesSought,
    numberOfPersons: input.numberOfPersons,
    oneOffOrLong: input.oneOffOrLong,
    occasions: input.occasions?.map((occasion) => ({
      startsAt: isoOrEmpty(occasion.startsAt),
      endsAt: isoOrEmpty(occasion.endsAt),
      place: occasion.place,
      digitalLink: occasion.digitalLink,
    })),
    audience: input.audience,
    audienceSize: input.audienceSize,
    selectionProcess: input.selectionProcess,
    specialRequirements: input.specialRequirements,
    preparation: input.preparation,
    compensationOffered: input.compensationOffered,
    costCentre: input.costCentre,
    contactPerson: input.contactPerson,
    answers: input.answers?.map((answer) => ({ ...answer })),
  };
}

export const isoOrEmpty = (value: Date | null | undefined): string =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : "";

/**
 * The ansvarskod a unit bills when it names none: its own, when it has exactly one. Filled in before the form is
 * checked, so a form that requires the cost centre asks only units without one of their own.
 */
export async function withDefaultCostCentre(
  tx: Tx,
  tenantId: string,
  unitId: string,
  code: string | null | undefined,
): Promise<string | null> {
  if (code !== null && code !== undefined && code.trim() !== "") return code;
  const own = await findUnitCostCentres(tx, tenantId, unitId);
  return own.length === 1 ? (own[0]?.code ?? null) : null;
}

/**
 * The cost centre to bill, if it is the unit's organisation's or shared (Jönköping's LPO); appends a field error when
 * the named one cannot be used.
 */
export async function resolveCostCentre(
  tx: Tx,
  tenantId: string,
  unit: { id: string; organisationId: string },
  code: string | null,
  errors: FieldError[],
): Promise<string | null> {
  if (code === null) return null;
  const costCentre = await findCostCentreByCode(tx, tenantId, code);
  if (!costCentre) {
    errors.push(fieldError("input.costCentre", "UNKNOWN_REFERENCE", COST_CENTRE));
    return null;
  }
  if (costCentre.retiredAt || !(costCentre.shared || costCentre.organisationId === unit.organisationId)) {
    errors.push(
      fieldError("input.costCentre", "NOT_ALLOWED", COST_CENTRE, {
        hint: {
          sv: "Ange en ansvarskod i din egen organisation eller en gemensam ansvarskod.",
          en: "Give a cost centre of your own organisation or a shared one.",
        },
      }),
    );
    return null;
  }
  return costCentre.id;
}

/**
 * How a created request is kept for an idempotent replay: its id, re-read in the retry's transaction so the answer
 * shows the request as it is now. A refused outcome (payload errors) is not kept: a retry may succeed.
 */
export function requestAnswer(ctx: RequestContext, tenantId: string): IdempotentAnswer<RequestPayloadShape> {
  return {
    store: (payload) => (payload.request ? { requestId: payload.request.id } : null),
    replay: async (stored, tx) => {
      const row = await findRequest(tx, tenantId, (stored as { requestId: string }).requestId);
      return row ? { request: toRequest(row), errors: [] } : { request: null, errors: [notFound(REQUEST, ctx.locale)] };
    },
  };
}

/** Experience tag ids for the validated keys (the validator has already refused unknown ones). */
export async function experienceTagIds(tx: Tx, tenantId: string, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const tags = await findLiveExperienceTags(tx, tenantId);
  const byKey = new Map(tags.map((tag) => [tag.key, tag.id]));
  return keys.map((key) => byKey.get(key)).filter((id): id is string => id !== undefined);
}

async function contactOf(
  tx: Tx,
  actor: StaffActor,
  value: ValidRequestSubmission,
): Promise<Pick<RequestData, "contactName" | "contactEmail" | "contactPhone">> {
  const me = await findStaffUser(tx, actor.tenantId, actor.staffUserId);
  const given = value.contactPerson;
  return {
    contactName: given?.name ?? me?.name ?? actor.name,
    contactEmail: given?.email ?? (given ? "" : (me?.email ?? "")),
    contactPhone: given ? given.phone : (me?.phone ?? null),
  };
}

export async function submitRequest(ctx: RequestContext, input: SubmitRequestInput): Promise<RequestPayloadShape> {
  const { actor, unitId, errors: unitErrors } = chooseRequesterUnit(ctx, input.unitId);
  const tenantId = actor.tenantId;
  if (!isId(input.networkId)) return { request: null, errors: [notFound(NETWORK, ctx.locale)] };
  // A retry with the same Idempotency-Key (a lost answer, a double click) gets the request the first one created.
  return ctx.scope(tenantId).transaction((tx) =>
    withIdempotency(
      ctx,
      tx,
      tenantId,
      "submitRequest",
      input,
      async (): Promise<RequestPayloadShape> => {
        const network = await findNetwork(tx, tenantId, input.networkId);
        if (!network || network.retiredAt) return { request: null, errors: [notFound(NETWORK, ctx.locale)] };
        const unit = unitId === null ? null : await findUnit(tx, tenantId, unitId);
        if (unit?.retiredAt || (unitId !== null && !unit)) {
          return { request: null, errors: [notFound({ sv: "Enheten", en: "The unit" }, ctx.locale)] };
        }

        const { form, formId, version } = await networkForm(tx, tenantId, network.id);
        const tags = await findLiveExperienceTags(tx, tenantId);
        const now = new Date();
        // The unit's own cost centre fills in a field the form leaves optional; a form that requires the field gets
        // exactly what it says (the front end can prefill it from myRequestOptions.defaultCostCentre).
        const costCentre =
          requiresField(form, "costCentre") || !unit
            ? input.costCentre
            : await withDefaultCostCentre(tx, tenantId, unit.id, input.costCentre);
        const validation = validateRequestSubmission({ ...toDomainInput(input), costCentre }, form, {
          now,
          knownExperienceTagKeys: tags.map((tag) => tag.key),
        });
        // Every problem in one answer: the unit, the form's fields and answers, and the references they name.
        const errors: FieldError[] = [...unitErrors, ...(validation.ok ? [] : validation.errors)];
        const costCentreId = unit ? await resolveCostCentre(tx, tenantId, unit, costCentreToLookUp(costCentre, errors), errors) : null;
        if (!validation.ok || errors.length > 0 || !unit) throw badUserInput(errors, ctx.locale);
        const value = validation.value;

        const type = await findAssignmentTypeByKey(tx, tenantId, value.assignmentType);
        if (!type)
          throw badUserInput(
            [fieldError("input.assignmentType", "UNKNOWN_REFERENCE", { sv: "Typ av uppdrag", en: "Type of assignment" })],
            ctx.locale,
          );

        const row = await insertRequest(tx, tenantId, {
          networkId: network.id,
          unitId: unit.id,
          requestedById: actor.staffUserId,
          ...(await contactOf(tx, actor, value)),
          assignmentTypeId: type.id,
          title: value.title,
          purpose: value.purpose,
          expectations: value.expectations,
          experienceText: value.experienceText,
          competencesSought: [...value.competencesSought],
          perspectivesSought: [...value.perspectivesSought],
          numberOfPersons: value.numberOfPersons,
          assignmentLength: value.assignmentLength,
          audienceDescription: value.audienceDescription,
          audienceSize: value.audienceSize,
          selectionProcess: value.selectionProcess,
          specialRequirements: value.specialRequirements,
          preparation: value.preparation,
          compensationOffered: value.compensationOffered,
          costCentreId,
          requestFormId: formId,
          requestFormVersion: version,
          answers: answersColumn(value.answers),
          directRecruitment: false,
          status: "SUBMITTED",
        });
        await replaceExperienceTags(tx, tenantId, row.id, await experienceTagIds(tx, tenantId, value.experienceTagKeys));
        await insertOccasions(tx, tenantId, row.id, value.occasions);
        await insertRequestEvents(tx, tenantId, [
          {
            requestId: row.id,
            fromStatus: null,
            toStatus: "SUBMITTED",
            reason: null,
            actorType: "STAFF",
            actorId: actor.staffUserId,
            at: row.submittedAt,
          },
        ]);
        await ctx.audit.recordChange(tx, tenantId, {
          subjectType: "Request",
          subjectId: row.id,
          before: null,
          after: requestSnapshot(row),
          purpose: "submit",
        });
        return { request: toRequest(row), errors: [] };
      },
      requestAnswer(ctx, tenantId),
    ),
  );
}

/** The stored request as the form sees it, so a change is checked as a whole. */
async function storedAsInput(tx: Tx, row: RequestRow): Promise<RequestInput> {
  const parts = await findStoredRequestParts(tx, row);
  return {
    assignmentType: parts.assignmentTypeKey,
    title: row.title,
    purpose: row.purpose,
    expectations: row.expectations,
    experienceSought: { tagKeys: parts.tagKeys, text: row.experienceText },
    competencesSought: row.competencesSought,
    perspectivesSought: row.perspectivesSought,
    numberOfPersons: row.numberOfPersons,
    oneOffOrLong: row.assignmentLength,
    occasions: parts.occasions.map((o) => ({
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
      place: o.place,
      digitalLink: o.digitalLink,
    })),
    audience: row.audienceDescription,
    audienceSize: row.audienceSize,
    selectionProcess: row.selectionProcess,
    specialRequirements: row.specialRequirements,
    preparation: row.preparation,
    compensationOffered: row.compensationOffered,
    costCentre: parts.costCentreCode,
    contactPerson: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
  };
}

const UPDATABLE = [
  "assignmentType",
  "title",
  "purpose",
  "expectations",
  "experienceSought",
  "competencesSought",
  "perspectivesSought",
  "numberOfPersons",
  "oneOffOrLong",
  "audience",
  "audienceSize",
  "selectionProcess",
  "specialRequirements",
  "preparation",
  "compensationOffered",
  "costCentre",
  "contactPerson",
] as const;

/** The unit changes its request while it is still SUBMITTED; after that the coordinator is already working on it. */
export async function updateRequest(ctx: RequestContext, input: UpdateRequestInput): Promise<RequestPayloadShape> {
  const actor = requireTenantActor(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.requestId)) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<RequestPayloadShape> => {
    const visible = await findVisibleRequest(tx, tenantId, input.requestId, requestVisibility(actor));
    if (!visible) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };
    const standing = standingOn(actor, visible);
    if (!standing.unit) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };
    await lockRequest(tx, tenantId, visible.id);
    const before = (await findRequest(tx, tenantId, visible.id)) as RequestRow;
    if (!isRequestEditable(before.status)) {
      return {
        request: null,
        errors: [
          requestErrors.ruleOf(
            "NOT_EDITABLE",
            "Förfrågan kan bara ändras innan matchningen har börjat. Kontakta nätverkets samordnare.",
            "The request can only be changed before matching starts. Contact the network's coordinator.",
            ctx.locale,
          ),
        ],
      };
    }
    const unit = await findUnit(tx, tenantId, before.unitId);
    if (!unit) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };
    const stored = await storedAsInput(tx, before);
    const changes = toDomainInput(input);
    const merged: Record<string, unknown> = { ...stored };
    for (const key of UPDATABLE) {
      if (input[key] !== undefined) merged[key] = changes[key];
    }
    const { form, formId, version } = await networkForm(tx, tenantId, before.networkId);
    // Answers left out are kept, but only those the form (as it is now) still asks; answers sent replace them all.
    const asked = new Set((form.questions ?? []).map((question) => question.key));
    merged.answers =
      input.answers !== undefined && input.answers !== null
        ? changes.answers
        : answersAsInput(before.answers).filter((answer) => asked.has(answer.question));
    const tags = await findLiveExperienceTags(tx, tenantId);
    const validation = validateRequestSubmission(merged as RequestInput, form, { knownExperienceTagKeys: tags.map((tag) => tag.key) });
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    const costCentreId =
      input.costCentre !== undefined
        ? await resolveCostCentre(tx, tenantId, unit, costCentreToLookUp(input.costCentre, errors), errors)
        : before.costCentreId;
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
    const value = validation.value;
    const newType = await findAssignmentTypeByKey(tx, tenantId, value.assignmentType);
    if (!newType)
      throw badUserInput(
        [fieldError("input.assignmentType", "UNKNOWN_REFERENCE", { sv: "Typ av uppdrag", en: "Type of assignment" })],
        ctx.locale,
      );

    const count = await updateRequestIfVersion(tx, tenantId, before.id, input.expectedVersion, {
      assignmentTypeId: newType.id,
      title: value.title,
      purpose: value.purpose,
      expectations: value.expectations,
      experienceText: value.experienceText,
      competencesSought: [...value.competencesSought],
      perspectivesSought: [...value.perspectivesSought],
      numberOfPersons: value.numberOfPersons,
      assignmentLength: value.assignmentLength,
      audienceDescription: value.audienceDescription,
      audienceSize: value.audienceSize,
      selectionProcess: value.selectionProcess,
      specialRequirements: value.specialRequirements,
      preparation: value.preparation,
      compensationOffered: value.compensationOffered,
      costCentreId,
      requestFormId: formId,
      requestFormVersion: version,
      answers: answersColumn(value.answers),
      ...(value.contactPerson
        ? { contactName: value.contactPerson.name, contactEmail: value.contactPerson.email ?? "", contactPhone: value.contactPerson.phone }
        : {}),
    });
    const after = await reloadAfterVersionedUpdate(count, () => findRequest(tx, tenantId, before.id), ctx.locale);
    if (!after) return { request: null, errors: [notFound(REQUEST, ctx.locale)] };
    if (input.experienceSought !== undefined) {
      await replaceExperienceTags(tx, tenantId, after.id, await experienceTagIds(tx, tenantId, value.experienceTagKeys));
    }
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "Request",
      subjectId: after.id,
      before: requestSnapshot(before),
      after: requestSnapshot(after),
      purpose: "update",
    });
    return { request: toRequest(after), errors: [] };
  });
}

/** The requests a member was invited to: which status changes a member's live subscription may concern. */
export async function invitedRequestIds(ctx: RequestContext): Promise<string[]> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") return [];
  return ctx.scope(actor.tenantId).transaction((tx) => findAllInvitedRequestIds(tx, actor.tenantId, actor.memberId));
}
