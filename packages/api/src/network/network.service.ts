import { checkConfigurationReference, type FieldError, NETWORK_LABELS, validateNetworkFields } from "@medverkan/domain";
import { assertVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { changedFields, hasChanges } from "./configuration-change.js";
import type { CreateNetworkInput, RetireNetworkInput, UpdateNetworkInput } from "./network.input.js";
import { type CreateNetworkPayload, type RetireNetworkPayload, slugTaken, type UpdateNetworkPayload } from "./network.payload.js";
import {
  type ConfigurationReferences,
  findConfigurationReferences,
  findNetwork,
  insertNetwork,
  isNetworkSlugTaken,
  listOpenNetworks,
  listTenantNetworks,
  lockNetworkSlug,
  type NetworkData,
  updateNetworkIfVersion,
} from "./network.repository.js";
import type { Network } from "./network.type.js";

const NETWORK = { sv: "Nätverket", en: "The network" };

/** Public: the open networks of a tenant. */
export async function listNetworks(ctx: RequestContext, tenantId: string, args: PageArgs) {
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(tenantId).transaction((tx) => listOpenNetworks(tx, tenantId, page));
  return toPage(rows, page, total);
}

/** A network of the caller's own tenant; another tenant's network is indistinguishable from none. */
export async function getNetwork(ctx: RequestContext, id: string): Promise<Network | null> {
  const actor = requireTenantActor(ctx);
  if (!isId(id)) return null;
  return ctx.loaders(actor.tenantId).networkById.load(id);
}

/** Tenant admin: every network of the own tenant, retired ones on request. */
export async function listNetworksForAdmin(ctx: RequestContext, filter: { includeRetired: boolean }, args: PageArgs) {
  const actor = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) => listTenantNetworks(tx, actor.tenantId, filter, page));
  return toPage(rows, page, total);
}

const REFERENCES = ["intakeRuleSetId", "requestFormId", "feeScheduleId"] as const;

/** The named rule set, form and schedule must be the tenant's own and in use; another tenant's id reads as unknown. */
async function referenceErrors(tx: Tx, tenantId: string, input: ConfigurationReferences): Promise<FieldError[]> {
  const named = REFERENCES.filter((key) => typeof input[key] === "string");
  const lookup: ConfigurationReferences = {};
  for (const key of named) if (isId(input[key] as string)) lookup[key] = input[key];
  const found = await findConfigurationReferences(tx, tenantId, lookup);
  const errors: FieldError[] = [];
  for (const key of named) checkConfigurationReference(errors, `input.${key}`, NETWORK_LABELS[key], found[key]);
  return errors;
}

/** Everything is checked before anything is written; the network and its audit event commit together. */
export async function createNetwork(ctx: RequestContext, input: CreateNetworkInput): Promise<CreateNetworkPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateNetworkPayload> => {
    const validation = validateNetworkFields(input, "create");
    const errors = [...(validation.ok ? [] : validation.errors), ...(await referenceErrors(tx, tenantId, input))];
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
    const fields = validation.value;

    await lockNetworkSlug(tx, tenantId, fields.slug);
    if (await isNetworkSlugTaken(tx, tenantId, fields.slug, null)) return { network: null, errors: [slugTaken(fields.slug, ctx.locale)] };

    const network = await insertNetwork(tx, tenantId, {
      ...fields,
      intakeRuleSetId: input.intakeRuleSetId ?? null,
      requestFormId: input.requestFormId ?? null,
      feeScheduleId: input.feeScheduleId ?? null,
    });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Network", subjectId: network.id, before: null, after: network });
    return { network, errors: [] };
  });
}

/**
 * A patch under optimistic concurrency: fields left out keep their values; a stale `expectedVersion` is a CONFLICT
 * and nothing is written. Another tenant's network answers NotFound, like one that does not exist.
 */
export async function updateNetwork(ctx: RequestContext, input: UpdateNetworkInput): Promise<UpdateNetworkPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.id)) return { network: null, errors: [notFound(NETWORK, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateNetworkPayload> => {
    const before = await findNetwork(tx, tenantId, input.id);
    if (!before) return { network: null, errors: [notFound(NETWORK, ctx.locale)] };

    const validation = validateNetworkFields(input, "update");
    const errors = [...(validation.ok ? [] : validation.errors), ...(await referenceErrors(tx, tenantId, input))];
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);

    const patch: Partial<NetworkData> = { ...validation.value };
    if (input.intakeRuleSetId !== undefined) patch.intakeRuleSetId = input.intakeRuleSetId;
    if (input.requestFormId !== undefined) patch.requestFormId = input.requestFormId;
    if (input.feeScheduleId !== undefined) patch.feeScheduleId = input.feeScheduleId;
    const changes = changedFields<NetworkData>(before, patch);
    if (!hasChanges(changes)) return { network: before, errors: [] };

    if (changes.slug !== undefined) {
      await lockNetworkSlug(tx, tenantId, changes.slug);
      if (await isNetworkSlugTaken(tx, tenantId, changes.slug, before.id)) {
        return { network: null, errors: [slugTaken(changes.slug, ctx.locale)] };
      }
    }
    const updated = await updateNetworkIfVersion(tx, tenantId, before.id, input.expectedVersion, changes);
    if (
      (await assertVersionedUpdate(updated, async () => (await findNetwork(tx, tenantId, before.id)) !== null, ctx.locale)) === "NOT_FOUND"
    ) {
      return { network: null, errors: [notFound(NETWORK, ctx.locale)] };
    }
    const after = (await findNetwork(tx, tenantId, before.id)) as Network;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Network", subjectId: after.id, before, after });
    return { network: after, errors: [] };
  });
}

/** Closes the network for registration; members, grants, requests and history stay. Retiring twice changes nothing. */
export async function retireNetwork(ctx: RequestContext, input: RetireNetworkInput): Promise<RetireNetworkPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  if (!isId(input.id)) return { network: null, errors: [notFound(NETWORK, ctx.locale)] };
  return ctx.scope(tenantId).transaction(async (tx): Promise<RetireNetworkPayload> => {
    const before = await findNetwork(tx, tenantId, input.id);
    if (!before) return { network: null, errors: [notFound(NETWORK, ctx.locale)] };
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.retiredAt) return { network: before, errors: [] };

    const updated = await updateNetworkIfVersion(tx, tenantId, before.id, input.expectedVersion, { retiredAt: new Date() });
    if (
      (await assertVersionedUpdate(updated, async () => (await findNetwork(tx, tenantId, before.id)) !== null, ctx.locale)) === "NOT_FOUND"
    ) {
      return { network: null, errors: [notFound(NETWORK, ctx.locale)] };
    }
    const after = (await findNetwork(tx, tenantId, before.id)) as Network;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Network", subjectId: after.id, before, after, purpose: "retire" });
    return { network: after, errors: [] };
  });
}
