import { type OrganisationFields, validateOrganisationFields } from "@medverkan/domain";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import { changedFields, hasChanges } from "../network/configuration-change.js";
import type { CreateOrganisationInput, RetireOrganisationInput, UpdateOrganisationInput } from "./organisation.input.js";
import {
  type CreateOrganisationPayload,
  inUse,
  nameTaken,
  type RetireOrganisationPayload,
  type UpdateOrganisationPayload,
} from "./organisation.payload.js";
import {
  countOrganisationDependants,
  findOrganisation,
  insertOrganisation,
  isOrganisationNameTaken,
  listOrganisations,
  lockConfigurationRow,
  lockUniqueKey,
  updateOrganisationIfVersion,
} from "./organisation.repository.js";
import type { Organisation, OrganisationKind } from "./organisation.type.js";

const ORGANISATION = { sv: "Organisationen", en: "The organisation" };

export async function listOrganisationsForAdmin(
  ctx: RequestContext,
  filter: { includeRetired: boolean; kind: OrganisationKind | null },
  args: PageArgs,
) {
  const actor = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) => listOrganisations(tx, actor.tenantId, filter, page));
  return toPage(rows, page, total);
}

/** Another tenant's organisation is indistinguishable from none. */
export async function getOrganisation(ctx: RequestContext, id: string): Promise<Organisation | null> {
  const actor = requireTenantAdmin(ctx);
  if (!isId(id)) return null;
  return ctx.loaders(actor.tenantId).organisationById.load(id);
}

export async function createOrganisation(ctx: RequestContext, input: CreateOrganisationInput): Promise<CreateOrganisationPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const validation = validateOrganisationFields(input, "create");
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  const fields = validation.value;
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateOrganisationPayload> => {
    await lockUniqueKey(tx, tenantId, `organisation-name:${fields.name}`);
    if (await isOrganisationNameTaken(tx, tenantId, fields.name, null))
      return { organisation: null, errors: [nameTaken(fields.name, ctx.locale)] };
    const organisation = await insertOrganisation(tx, tenantId, fields);
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "Organisation",
      subjectId: organisation.id,
      before: null,
      after: organisation,
    });
    return { organisation, errors: [] };
  });
}

/**
 * A patch under optimistic concurrency: fields left out keep their values; a stale `expectedVersion` is a CONFLICT
 * and nothing is written. Another tenant's organisation answers NotFound, like one that does not exist.
 */
export async function changeOrganisation(ctx: RequestContext, input: UpdateOrganisationInput): Promise<UpdateOrganisationPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { organisation: null, errors: [notFound(ORGANISATION, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateOrganisationPayload> => {
    await lockConfigurationRow(tx, "Organisation", tenantId, input.id);
    const before = await findOrganisation(tx, tenantId, input.id);
    if (!before) return missing;
    const validation = validateOrganisationFields(input, "update");
    if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    const changes = changedFields<OrganisationFields>(before, validation.value);
    if (!hasChanges(changes)) return { organisation: before, errors: [] };
    if (changes.name !== undefined) {
      await lockUniqueKey(tx, tenantId, `organisation-name:${changes.name}`);
      if (await isOrganisationNameTaken(tx, tenantId, changes.name, before.id)) {
        return { organisation: null, errors: [nameTaken(changes.name, ctx.locale)] };
      }
    }
    const updated = await updateOrganisationIfVersion(tx, tenantId, before.id, input.expectedVersion, changes);
    const after = await reloadAfterVersionedUpdate(updated, () => findOrganisation(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Organisation", subjectId: after.id, before, after });
    return { organisation: after, errors: [] };
  });
}

/**
 * An organisation is retired last: while units or cost centres of it are still in use, requests and claims could
 * still be billed to it, so the administrator is told what to retire first.
 */
export async function retireOrganisation(ctx: RequestContext, input: RetireOrganisationInput): Promise<RetireOrganisationPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { organisation: null, errors: [notFound(ORGANISATION, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RetireOrganisationPayload> => {
    await lockConfigurationRow(tx, "Organisation", tenantId, input.id);
    const before = await findOrganisation(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.retiredAt) return { organisation: before, errors: [] };
    const dependants = await countOrganisationDependants(tx, tenantId, before.id);
    if (dependants.units > 0) return { organisation: null, errors: [inUse("UNIT", dependants.units, ctx.locale)] };
    if (dependants.costCentres > 0) return { organisation: null, errors: [inUse("COST_CENTRE", dependants.costCentres, ctx.locale)] };
    const updated = await updateOrganisationIfVersion(tx, tenantId, before.id, input.expectedVersion, { retiredAt: new Date() });
    const after = await reloadAfterVersionedUpdate(updated, () => findOrganisation(tx, tenantId, before.id), ctx.locale);
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Organisation", subjectId: after.id, before, after, purpose: "retire" });
    return { organisation: after, errors: [] };
  });
}
