import { fieldError, ORGANISATION_LABELS, validateUnitFields } from "@medverkan/domain";
import { assertVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import { changedFields, hasChanges } from "../network/configuration-change.js";
import type { CreateUnitInput, RetireUnitInput, UpdateUnitInput } from "./organisation.input.js";
import { type CreateUnitPayload, inUse, nameTaken, type RetireUnitPayload, type UpdateUnitPayload } from "./organisation.payload.js";
import {
  countUnitDependants,
  findOrganisation,
  findUnit,
  insertUnit,
  isUnitNameTaken,
  listUnits,
  lockConfigurationRow,
  lockUniqueKey,
  updateUnitIfVersion,
} from "./organisation.repository.js";
import type { Unit } from "./organisation.type.js";

const UNIT = { sv: "Verksamheten", en: "The unit" };

const RETIRED_HINT = {
  sv: "Den är avslutad och kan inte få nya verksamheter eller ansvarskoder.",
  en: "It has been retired and cannot take new units or cost centres.",
};

export async function listUnitsForAdmin(
  ctx: RequestContext,
  filter: { includeRetired: boolean; organisationId: string | null },
  args: PageArgs,
) {
  const actor = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  // A filter naming no organisation of this tenant matches nothing, like a foreign one.
  if (filter.organisationId !== null && !isId(filter.organisationId)) return toPage([], page, 0);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) => listUnits(tx, actor.tenantId, filter, page));
  return toPage(rows, page, total);
}

export async function getUnit(ctx: RequestContext, id: string): Promise<Unit | null> {
  const actor = requireTenantAdmin(ctx);
  if (!isId(id)) return null;
  return ctx.loaders(actor.tenantId).unitById.load(id);
}

export async function createUnit(ctx: RequestContext, input: CreateUnitInput): Promise<CreateUnitPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateUnitPayload> => {
    const validation = validateUnitFields(input, "create");
    const errors = validation.ok ? [] : [...validation.errors];
    // Locked so that the organisation cannot be retired while a unit is being added to it.
    if (isId(input.organisationId)) await lockConfigurationRow(tx, "Organisation", tenantId, input.organisationId);
    const organisation = isId(input.organisationId) ? await findOrganisation(tx, tenantId, input.organisationId) : null;
    if (!organisation) errors.push(fieldError("input.organisationId", "UNKNOWN_REFERENCE", ORGANISATION_LABELS.organisationId));
    else if (organisation.retiredAt) {
      errors.push(fieldError("input.organisationId", "NOT_ALLOWED", ORGANISATION_LABELS.organisationId, { hint: RETIRED_HINT }));
    }
    if (!validation.ok || !organisation || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const { name } = validation.value;
    await lockUniqueKey(tx, tenantId, `unit-name:${organisation.id}:${name}`);
    if (await isUnitNameTaken(tx, tenantId, organisation.id, name, null)) return { unit: null, errors: [nameTaken(name, ctx.locale)] };
    const unit = await insertUnit(tx, tenantId, { organisationId: organisation.id, name });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Unit", subjectId: unit.id, before: null, after: unit });
    return { unit, errors: [] };
  });
}

/** A rename under optimistic concurrency: a stale `expectedVersion` is a CONFLICT and nothing is written. */
export async function changeUnit(ctx: RequestContext, input: UpdateUnitInput): Promise<UpdateUnitPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { unit: null, errors: [notFound(UNIT, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateUnitPayload> => {
    await lockConfigurationRow(tx, "Unit", tenantId, input.id);
    const before = await findUnit(tx, tenantId, input.id);
    if (!before) return missing;
    const validation = validateUnitFields(input, "update");
    if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    const changes = changedFields<{ name: string }>(before, validation.value);
    if (!hasChanges(changes)) return { unit: before, errors: [] };
    if (changes.name !== undefined) {
      await lockUniqueKey(tx, tenantId, `unit-name:${before.organisationId}:${changes.name}`);
      if (await isUnitNameTaken(tx, tenantId, before.organisationId, changes.name, before.id)) {
        return { unit: null, errors: [nameTaken(changes.name, ctx.locale)] };
      }
    }
    const updated = await updateUnitIfVersion(tx, tenantId, before.id, input.expectedVersion, changes);
    if (
      (await assertVersionedUpdate(updated, async () => (await findUnit(tx, tenantId, before.id)) !== null, ctx.locale)) === "NOT_FOUND"
    ) {
      return missing;
    }
    const after = (await findUnit(tx, tenantId, before.id)) as Unit;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Unit", subjectId: after.id, before, after });
    return { unit: after, errors: [] };
  });
}

/**
 * A unit is retired once nothing bills to it or acts for it: its own cost centres are retired and no enabled requester
 * still sends requests for it (revoke or move those grants first).
 */
export async function retireUnit(ctx: RequestContext, input: RetireUnitInput): Promise<RetireUnitPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { unit: null, errors: [notFound(UNIT, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RetireUnitPayload> => {
    await lockConfigurationRow(tx, "Unit", tenantId, input.id);
    const before = await findUnit(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.retiredAt) return { unit: before, errors: [] };
    const dependants = await countUnitDependants(tx, tenantId, before.id);
    if (dependants.costCentres > 0) return { unit: null, errors: [inUse("COST_CENTRE", dependants.costCentres, ctx.locale)] };
    if (dependants.requesterGrants > 0) return { unit: null, errors: [inUse("REQUESTER_GRANT", dependants.requesterGrants, ctx.locale)] };
    const updated = await updateUnitIfVersion(tx, tenantId, before.id, input.expectedVersion, { retiredAt: new Date() });
    if (
      (await assertVersionedUpdate(updated, async () => (await findUnit(tx, tenantId, before.id)) !== null, ctx.locale)) === "NOT_FOUND"
    ) {
      return missing;
    }
    const after = (await findUnit(tx, tenantId, before.id)) as Unit;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Unit", subjectId: after.id, before, after, purpose: "retire" });
    return { unit: after, errors: [] };
  });
}
