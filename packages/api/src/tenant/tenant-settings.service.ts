import { validateTenantOwnSettings } from "@medverkan/domain";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import { changedFields, hasChanges } from "../network/configuration-change.js";
import { findTenantOwnSettings, type TenantOwnSettingsRow, updateTenantOwnSettingsIfVersion } from "./tenant.repository.js";
import type { FeeClaimAttester, TenantSettings } from "./tenant.type.js";
import type { UpdateTenantSettingsInput } from "./tenant-admin.input.js";
import type { UpdateTenantSettingsPayload } from "./tenant-admin.payload.js";

const TENANT = { sv: "Regionen", en: "The tenant" };

const toTenantSettings = (row: TenantOwnSettingsRow): TenantSettings => ({
  ...row,
  feeClaimAttester: row.feeClaimAttester as FeeClaimAttester,
});

/** Tenant admins: the own tenant's settings. */
export async function getTenantSettings(ctx: RequestContext): Promise<TenantSettings | null> {
  const admin = requireTenantAdmin(ctx);
  const row = await ctx.scope(admin.tenantId).transaction((tx) => findTenantOwnSettings(tx, admin.tenantId));
  return row ? toTenantSettings(row) : null;
}

/**
 * Tenant admins: a patch of the own tenant's settings under optimistic concurrency. Everything is checked before
 * anything is written; a stale `expectedVersion` is a CONFLICT. A new answer time applies to invitations sent from
 * now on (each invitation keeps the expiry it was sent with); a new threshold or retention applies at the next
 * statistics query or retention run.
 */
export async function updateTenantSettings(ctx: RequestContext, input: UpdateTenantSettingsInput): Promise<UpdateTenantSettingsPayload> {
  const admin = requireTenantAdmin(ctx);
  const validation = validateTenantOwnSettings(input);
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);

  return ctx.scope(admin.tenantId).transaction(async (tx): Promise<UpdateTenantSettingsPayload> => {
    const before = await findTenantOwnSettings(tx, admin.tenantId);
    if (!before) return { settings: null, errors: [notFound(TENANT, ctx.locale)] };
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    const changes = changedFields<TenantOwnSettingsRow>(before, validation.patch);
    if (!hasChanges(changes)) return { settings: toTenantSettings(before), errors: [] };

    const count = await updateTenantOwnSettingsIfVersion(tx, admin.tenantId, input.expectedVersion, changes);
    const after = await reloadAfterVersionedUpdate(count, () => findTenantOwnSettings(tx, admin.tenantId), ctx.locale);
    if (!after) return { settings: null, errors: [notFound(TENANT, ctx.locale)] };
    await ctx.audit.recordChange(tx, admin.tenantId, {
      subjectType: "Tenant",
      subjectId: admin.tenantId,
      before,
      after,
      purpose: "tenant settings",
    });
    return { settings: toTenantSettings(after), errors: [] };
  });
}
