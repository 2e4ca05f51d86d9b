import { randomUUID } from "node:crypto";
import {
  checkRoleGrant,
  checkStaffIdentifier,
  type FieldError,
  fieldError,
  leavesNoTenantAdmin,
  STAFF_LABELS,
  validateStaffUserFields,
} from "@medverkan/domain";
import { assertVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { changedFields, hasChanges } from "../network/configuration-change.js";
import { findNetwork } from "../network/network.repository.js";
import { findUnit, lockConfigurationRow } from "../organisation/organisation.repository.js";
import type { StaffRole } from "../viewer/viewer.type.js";
import type {
  CreateStaffUserInput,
  DisableStaffUserInput,
  EnableStaffUserInput,
  GrantRoleInput,
  InviteStaffUserInput,
  RevokeRoleInput,
  UpdateStaffUserInput,
} from "./staff.input.js";
import {
  type CreateStaffUserPayload,
  type DisableStaffUserPayload,
  type EnableStaffUserPayload,
  type GrantRolePayload,
  type InviteStaffUserPayload,
  identifierTaken,
  lastTenantAdmin,
  type RevokeRolePayload,
  subjectTaken,
  type UpdateStaffUserPayload,
} from "./staff.payload.js";
import {
  findActiveGrant,
  findGrant,
  findStaffUser,
  findTenantAdminGrants,
  insertGrant,
  insertStaffUser,
  isInvitedIdentifierTaken,
  isStaffSubjectTaken,
  listStaffUsers,
  lockRoleGrants,
  lockStaffSubject,
  type RoleGrantRow,
  revokeGrant,
  type StaffFilter,
  type StaffUserData,
  type StaffUserRow,
  updateStaffUserIfVersion,
} from "./staff.repository.js";
import type { StaffRoleGrant, StaffUser } from "./staff.type.js";

const STAFF_USER = { sv: "Medarbetaren", en: "The staff user" };
const GRANT = { sv: "Behörigheten", en: "The role grant" };
const RETIRED_HINT = { sv: "Den är avslutad.", en: "It has been retired." };

const toStaffUser = (row: StaffUserRow): StaffUser => ({ ...row });

export const toStaffRoleGrant = (row: RoleGrantRow): StaffRoleGrant => ({
  id: row.id,
  tenantId: row.tenantId,
  staffUserId: row.staffUserId,
  role: row.role as StaffRole,
  networkId: row.networkId,
  unitId: row.unitId,
  grantedAt: row.grantedAt,
  grantedById: row.grantedBy,
  revokedAt: row.revokedAt,
});

export async function listStaffUsersForAdmin(ctx: RequestContext, filter: StaffFilter, args: PageArgs) {
  const actor = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  if ((filter.unitId !== null && !isId(filter.unitId)) || (filter.networkId !== null && !isId(filter.networkId)))
    return toPage([], page, 0);
  const { rows, total } = await ctx.scope(actor.tenantId).transaction((tx) => listStaffUsers(tx, actor.tenantId, filter, page));
  return toPage(rows.map(toStaffUser), page, total);
}

export async function getStaffUser(ctx: RequestContext, id: string): Promise<StaffUser | null> {
  const actor = requireTenantAdmin(ctx);
  if (!isId(id)) return null;
  return ctx.loaders(actor.tenantId).staffUserById.load(id);
}

/** A unit a person is placed at or acts for: the tenant's own and in use (locked so it cannot be retired meanwhile). */
async function checkUnit(tx: Tx, tenantId: string, unitId: string, errors: FieldError[]): Promise<boolean> {
  if (isId(unitId)) await lockConfigurationRow(tx, "Unit", tenantId, unitId);
  const unit = isId(unitId) ? await findUnit(tx, tenantId, unitId) : null;
  if (!unit) errors.push(fieldError("input.unitId", "UNKNOWN_REFERENCE", STAFF_LABELS.unitId));
  else if (unit.retiredAt) errors.push(fieldError("input.unitId", "NOT_ALLOWED", STAFF_LABELS.unitId, { hint: RETIRED_HINT }));
  return unit !== null && unit.retiredAt === null;
}

export async function createStaffUser(ctx: RequestContext, input: CreateStaffUserInput): Promise<CreateStaffUserPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreateStaffUserPayload> => {
    const validation = validateStaffUserFields(input, "create");
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    if (input.unitId) await checkUnit(tx, tenantId, input.unitId, errors);
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const fields = validation.value;
    await lockStaffSubject(tx, tenantId, fields.subject);
    if (await isStaffSubjectTaken(tx, tenantId, fields.subject))
      return { staffUser: null, errors: [subjectTaken(fields.subject, ctx.locale)] };
    const row = await insertStaffUser(tx, tenantId, { ...fields, unitId: input.unitId ?? null });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "StaffUser", subjectId: row.id, before: null, after: row });
    return { staffUser: toStaffUser(row), errors: [] };
  });
}

/**
 * Invites a staff user by HSA-id or e-mail. Nobody signs in as them until the first login from one of the tenant's
 * STAFF or ALL identity providers carries that identifier in the provider's identifier claim (`auth/staff-invitation`);
 * their roles are granted here by an administrator, never taken from the token.
 */
export async function inviteStaffUser(ctx: RequestContext, input: InviteStaffUserInput): Promise<InviteStaffUserPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<InviteStaffUserPayload> => {
    // The subject is a placeholder no token can carry until a login is linked: sign-in goes through `Login` rows only.
    const placeholder = `invitation:${randomUUID()}`;
    const validation = validateStaffUserFields({ ...input, subject: placeholder }, "create");
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    const identifier = checkStaffIdentifier(input.identifier);
    if ("errors" in identifier) errors.push(...identifier.errors);
    if (input.unitId) await checkUnit(tx, tenantId, input.unitId, errors);
    if (!validation.ok || "errors" in identifier || errors.length > 0) throw badUserInput(errors, ctx.locale);

    await lockStaffSubject(tx, tenantId, `identifier:${identifier.identifier}`);
    if (await isInvitedIdentifierTaken(tx, tenantId, identifier.identifier)) {
      return { staffUser: null, errors: [identifierTaken(identifier.identifier, ctx.locale)] };
    }
    const row = await insertStaffUser(tx, tenantId, {
      ...validation.value,
      unitId: input.unitId ?? null,
      invitedIdentifier: identifier.identifier,
    });
    await ctx.audit.recordChange(tx, tenantId, {
      subjectType: "StaffUser",
      subjectId: row.id,
      before: null,
      after: row,
      purpose: "invite",
    });
    return { staffUser: toStaffUser(row), errors: [] };
  });
}

export async function updateStaffUser(ctx: RequestContext, input: UpdateStaffUserInput): Promise<UpdateStaffUserPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { staffUser: null, errors: [notFound(STAFF_USER, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<UpdateStaffUserPayload> => {
    const before = await findStaffUser(tx, tenantId, input.id);
    if (!before) return missing;
    const validation = validateStaffUserFields(input, "update");
    const errors: FieldError[] = validation.ok ? [] : [...validation.errors];
    if (input.unitId) await checkUnit(tx, tenantId, input.unitId, errors);
    if (!validation.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);

    const patch: Partial<StaffUserData> = { ...validation.value, ...(input.unitId !== undefined ? { unitId: input.unitId } : {}) };
    const changes = changedFields<StaffUserData>(before, patch);
    if (!hasChanges(changes)) return { staffUser: toStaffUser(before), errors: [] };
    return applyVersioned(ctx, tx, before, input.expectedVersion, changes, "update");
  });
}

/**
 * Writes a change under optimistic concurrency and audits it with before and after. A grant's holder being disabled
 * is what the "keep one administrator" check counts, so callers that disable hold the grants lock.
 */
async function applyVersioned(
  ctx: RequestContext,
  tx: Tx,
  before: StaffUserRow,
  expectedVersion: number,
  changes: Partial<Omit<StaffUserData, "subject"> & { disabledAt: Date | null }>,
  purpose: string,
): Promise<{ staffUser: StaffUser | null; errors: ReturnType<typeof notFound>[] }> {
  const tenantId = before.tenantId;
  const updated = await updateStaffUserIfVersion(tx, tenantId, before.id, expectedVersion, changes);
  if (
    (await assertVersionedUpdate(updated, async () => (await findStaffUser(tx, tenantId, before.id)) !== null, ctx.locale)) === "NOT_FOUND"
  ) {
    return { staffUser: null, errors: [notFound(STAFF_USER, ctx.locale)] };
  }
  const after = (await findStaffUser(tx, tenantId, before.id)) as StaffUserRow;
  await ctx.audit.recordChange(tx, tenantId, { subjectType: "StaffUser", subjectId: after.id, before, after, purpose });
  return { staffUser: toStaffUser(after), errors: [] };
}

/** The person can no longer sign in (their grants stay). Refused when they are the last enabled administrator. */
export async function disableStaffUser(ctx: RequestContext, input: DisableStaffUserInput): Promise<DisableStaffUserPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { staffUser: null, errors: [notFound(STAFF_USER, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<DisableStaffUserPayload> => {
    await lockRoleGrants(tx, tenantId);
    const before = await findStaffUser(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (before.disabledAt) return { staffUser: toStaffUser(before), errors: [] };
    if (leavesNoTenantAdmin(await findTenantAdminGrants(tx, tenantId), { kind: "DISABLE_STAFF_USER", staffUserId: before.id })) {
      return { staffUser: null, errors: [lastTenantAdmin(ctx.locale)] };
    }
    return applyVersioned(ctx, tx, before, input.expectedVersion, { disabledAt: new Date() }, "disable");
  });
}

export async function enableStaffUser(ctx: RequestContext, input: EnableStaffUserInput): Promise<EnableStaffUserPayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { staffUser: null, errors: [notFound(STAFF_USER, ctx.locale)] };
  if (!isId(input.id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<EnableStaffUserPayload> => {
    await lockRoleGrants(tx, tenantId);
    const before = await findStaffUser(tx, tenantId, input.id);
    if (!before) return missing;
    if (before.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (!before.disabledAt) return { staffUser: toStaffUser(before), errors: [] };
    return applyVersioned(ctx, tx, before, input.expectedVersion, { disabledAt: null }, "enable");
  });
}

/**
 * Grants a role in a scope: the whole tenant, or one of the tenant's networks; a requester for a unit (named, or the
 * person's own). The same role in the same scope twice is one grant.
 */
export async function grantRole(ctx: RequestContext, input: GrantRoleInput): Promise<GrantRolePayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { roleGrant: null, errors: [notFound(STAFF_USER, ctx.locale)] };
  if (!isId(input.staffUserId)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<GrantRolePayload> => {
    await lockRoleGrants(tx, tenantId);
    const staffUser = await findStaffUser(tx, tenantId, input.staffUserId);
    if (!staffUser) return missing;

    const errors: FieldError[] = [];
    const networkId = input.networkId ?? null;
    if (networkId !== null) {
      const network = isId(networkId) ? await findNetwork(tx, tenantId, networkId) : null;
      if (!network) errors.push(fieldError("input.networkId", "UNKNOWN_REFERENCE", STAFF_LABELS.networkId));
      else if (network.retiredAt) errors.push(fieldError("input.networkId", "NOT_ALLOWED", STAFF_LABELS.networkId, { hint: RETIRED_HINT }));
    }
    const scope = checkRoleGrant({ role: input.role, networkId, unitId: input.unitId ?? null, staffUnitId: staffUser.unitId });
    if (!scope.ok) errors.push(...scope.errors);
    else if (scope.value.unitId !== null) await checkUnit(tx, tenantId, scope.value.unitId, errors);
    if (!scope.ok || errors.length > 0) throw badUserInput(errors, ctx.locale);

    const grant = { staffUserId: staffUser.id, role: input.role, networkId, unitId: scope.value.unitId };
    const existing = await findActiveGrant(tx, tenantId, grant);
    if (existing) return { roleGrant: toStaffRoleGrant(existing), errors: [] };
    const row = await insertGrant(tx, tenantId, { ...grant, grantedBy: actor.staffUserId });
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "RoleGrant", subjectId: row.id, before: null, after: row, purpose: "grant" });
    return { roleGrant: toStaffRoleGrant(row), errors: [] };
  });
}

/** Revokes a grant (kept as history). Refused for the last enabled tenant-wide administrator's grant. */
export async function revokeRole(ctx: RequestContext, input: RevokeRoleInput): Promise<RevokeRolePayload> {
  const actor = requireTenantAdmin(ctx);
  const tenantId = actor.tenantId;
  const missing = { roleGrant: null, errors: [notFound(GRANT, ctx.locale)] };
  if (!isId(input.grantId)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RevokeRolePayload> => {
    await lockRoleGrants(tx, tenantId);
    const before = await findGrant(tx, tenantId, input.grantId);
    if (!before) return missing;
    if (before.revokedAt) return { roleGrant: toStaffRoleGrant(before), errors: [] };
    if (leavesNoTenantAdmin(await findTenantAdminGrants(tx, tenantId), { kind: "REVOKE_GRANT", grantId: before.id })) {
      return { roleGrant: null, errors: [lastTenantAdmin(ctx.locale)] };
    }
    const after = await revokeGrant(tx, tenantId, before.id, new Date());
    if (!after) return missing;
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "RoleGrant", subjectId: after.id, before, after, purpose: "revoke" });
    return { roleGrant: toStaffRoleGrant(after), errors: [] };
  });
}
