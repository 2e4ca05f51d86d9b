import { costCentreOwnershipErrors, type FieldError, fieldError, ORGANISATION_LABELS, validateCostCentreFields } from "@medverkan/domain";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { changedFields, hasChanges } from "../network/configuration-change.js";
import type { CreateCostCentreInput, RetireCostCentreInput, UpdateCostCentreInput } from "./organisation.input.js";
import {
  type CreateCostCentrePayload,
  codeTaken,
  type RetireCostCentrePayload,
  type UpdateCostCentrePayload,
} from "./organisation.payload.js";
import {
  findCostCentre,
  findOrganisation,
  findUnit,
  insertCostCentre,
  isCostCentreCodeTaken,
  listCostCentres,
  lockConfigurationRow,
  lockUniqueKey,
  updateCostCentreIfVersion,
} from "./organisation.repository.js";
import type { CostCentre, Unit } from "./organisation.type.js";

const COST_CENTRE = { sv: "Ansvarskoden", en: "The cost centre" };

const RETIRED_HINT = { sv: "Den är avslutad.", en: "It has been retired." };

export async function listCostCentresForAdmin(
  ctx: RequestContext,
  filter: { includeRetired: boolean; organisationId: string | null; unitId: string | null },
  args: PageArgs,
) {
  const actor = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  if ((filter.organisationId !== null && !isId(filter.organisationId)) || (filter.unitId !== null && !isId(filter.unitId))) {
    return toPage([], page, 0);
  }
  const [rows, total] = await ctx.scope(actor.tenantId).transaction((tx) => listCostCentres(tx, actor.tenantId, filter, page));
  return toPage(rows, page, total);
}

export async function getCostCentre(ctx: RequestContext, id: string): Promise<CostCentre | null> {
  const actor = requireTenantAdmin(ctx);
  if (!isId(id)) return null;
  return ctx.scope(actor.tenantId).transaction((tx) => findCostCentre(tx, actor.tenantId, id));
}

/**
 * The unit a cost centre is to belong to: the tenant's own and in use (locked so it cannot be retired meanwhile).
 * Null, with the reason appended, when it cannot be used.
 */
async function unitReference(tx: Tx, tenantId: string, unitId: string, errors: FieldError[]): Promise<Unit | null> {
  if (isId(unitId)) await lockConfigurationRow(tx, "Unit", tenantId, unitId);
  const unit = isId(unitId) ? await findUnit(tx, tenantId, unitId) : null;
  if (!unit) errors.push(fieldError("input.unitId", "UNKNOWN_REFERENCE", ORGANISATION_LABELS.unitId));
  else if (unit.retiredAt) errors.push(fieldError("input.unitId", "NOT_ALLOWED", ORGANISATION_LABELS.unitId, { hint: RETIRED_HINT }));
  return unit && !unit.retiredAt ? unit : null;
}

export async function createCostCentre(ctx: RequestContext, input: CreateCostCentreInput): Promise<CreateCostCentrePayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateCostCentrePayload> => {
    const validation = validateCostCentreFields(input, "create");
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    if (isId(input.organisationId)) await lockConfigurationRow(tx, "Organisation", tenantId, input.organisationId);
    const organisation = isId(input.organisationId) ? await findOrganisation(tx, tenantId, input.organisationId) : null;
    if (!organisation) errors.push(fieldError("input.organisationId", "UNKNOWN_REFERENCE", ORGANISATION_LABELS.organisationId));
    else if (organisation.retiredAt) {
      errors.push(fieldError("input.organisationId", "NOT_ALLOWED", ORGANISATION_LABELS.organisationId, { hint: RETIRED_HINT }));
    }
    const unit = input.unitId ? await unitReference(tx, tenantId, input.unitId, errors) : null;
    if (validation.ok && organisation && (!input.unitId || unit)) {
      errors.push(...costCentreOwnershipErrors({ organisationId: organisation.id, shared: validation.value.shared, unit }));
    }
    if (!validation.ok || !organisation || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const fields = validation.value;
    await lockUniqueKey(tx, tenantId, `cost-centre-code:${fields.code}`);
    if (await isCostCentreCodeTaken(tx, tenantId, fields.code)) return { costCentre: null, errors: [codeTaken(fields.code, ctx.locale)] };
    const costCentre = await insertCostCentre(tx, tenantId, { ...fields, organisationId: organisation.id, unitId: unit?.id ?? null });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "CostCentre", subjectId: costCentre.id, before: null, after: costCentre });
    return { costCentre, errors: [] };
  });
}

/** A patch under optimistic concurrency: a stale `expectedVersion` is a CONFLICT and nothing is written. */
export async function changeCostCentre(ctx: RequestContext, input: UpdateCostCentreInput): Promise<UpdateCostCentrePayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { costCentre: null, errors: [notFound(COST_CENTRE, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateCostCentrePayload> => {
    await lockConfigurationRow(tx, "CostCentre", tenantId, input.id);
    const before = await findCostCentre(tx, tenantId, input.id);
    if (!before) return missing;

    const validation = validateCostCentreFields(input, "update");
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    const unitId = input.unitId === undefined ? before.unitId : input.unitId;
    const unit =
      unitId === null
        ? null
        : input.unitId === undefined
          ? await findUnit(tx, tenantId, unitId)
          : await unitReference(tx, tenantId, unitId, errors);
    const shared = (validation.ok ? validation.value.shared : undefined) ?? before.shared;
    if (unitId === null || unit) errors.push(...costCentreOwnershipErrors({ organisationId: before.organisationId, shared, unit }));
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);

    const changes = changedFields<{ name: string; unitId: string | null; shared: boolean }>(before, {
      ...validation.value,
      ...(input.unitId !== undefined ? { unitId } : {}),
    });
    if (!hasChanges(changes)) return { costCentre: before, errors: [] };
    const updated = await updateCostCentreIfVersion(tx, tenantId, before.id, input.expectedVersion, changes);
    const after = await reloadAfterVersionedUpdate(updated, () => findCostCentre(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "CostCentre", subjectId: after.id, before, after });
    return { costCentre: after, errors: [] };
  });
}

/** No longer offered for new requests and claims; claims already billed to it keep it. Retiring twice changes nothing. */
export async function retireCostCentre(ctx: RequestContext, input: RetireCostCentreInput): Promise<RetireCostCentrePayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { costCentre: null, errors: [notFound(COST_CENTRE, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RetireCostCentrePayload> => {
    await lockConfigurationRow(tx, "CostCentre", tenantId, input.id);
    const before = await findCostCentre(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.retiredAt) return { costCentre: before, errors: [] };
    const updated = await updateCostCentreIfVersion(tx, tenantId, before.id, input.expectedVersion, { retiredAt: new Date() });
    const after = await reloadAfterVersionedUpdate(updated, () => findCostCentre(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "CostCentre", subjectId: after.id, before, after, purpose: "retire" });
    return { costCentre: after, errors: [] };
  });
}
