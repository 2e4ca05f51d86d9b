import { type FieldError, fieldError } from "@medverkan/domain";
import { type Actor, hasRole } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import { can, networksWhere, Permission } from "../permissions/permission.js";
import { NOTHING_VISIBLE, type RequestVisibility } from "./request.repository.js";

// Who sees and does what with a request. Requesters act for their unit (the unit comes from their grant, never the
// input), coordinators for their networks, tenant admins read everything; members see the requests they were asked
// to. Analysts read statistics only, never a request.

export const REQUEST = { sv: "Förfrågan", en: "The request" };
export const NETWORK = { sv: "Nätverket", en: "The network" };
export const OCCASION = { sv: "Tillfället", en: "The occasion" };

/** The units a staff user requests for. */
export function requesterUnitIds(actor: Actor): string[] {
  if (actor.kind !== "STAFF") return [];
  const ids = actor.grants.filter((grant) => grant.role === "REQUESTER" && grant.unitId !== null).map((grant) => grant.unitId as string);
  return [...new Set(ids)];
}

export function requestVisibility(actor: Actor): RequestVisibility {
  if (actor.kind === "MEMBER") return { ...NOTHING_VISIBLE, memberId: actor.memberId };
  if (actor.kind !== "STAFF") return NOTHING_VISIBLE;
  const networks = networksWhere(actor, Permission.ReadNetworkRequests);
  if (networks === "ALL") return { ...NOTHING_VISIBLE, all: true };
  return { all: false, unitIds: requesterUnitIds(actor), networkIds: networks, memberId: null };
}

/** How the caller stands to one request. */
export interface RequestStanding {
  /** A requester of the request's unit. */
  readonly unit: boolean;
  /** A coordinator of the request's network. */
  readonly coordinator: boolean;
  /** A tenant-wide administrator (reads, does not run requests). */
  readonly admin: boolean;
}

export function standingOn(actor: Actor, request: { unitId: string; networkId: string }): RequestStanding {
  return {
    unit: requesterUnitIds(actor).includes(request.unitId),
    coordinator: hasRole(actor, "COORDINATOR", request.networkId),
    admin: can(actor, Permission.ConfigureTenant),
  };
}

export function requireStaff(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  return actor;
}

/** The member calling (signed in with a member's own login); anyone else is FORBIDDEN. */
export function requireMember(ctx: RequestContext): Extract<Actor, { kind: "MEMBER" }> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  return actor;
}

/**
 * The unit a requester acts for: the input's, if it is one of theirs, or their only one. A unit that cannot be used
 * is a field error (`input.unitId`) returned with the others of the same input rather than thrown on its own.
 */
export function chooseRequesterUnit(
  ctx: RequestContext,
  unitId: string | null | undefined,
): { actor: StaffActor; unitId: string | null; errors: FieldError[] } {
  const actor = requireStaff(ctx);
  const units = requesterUnitIds(actor);
  if (units.length === 0) throw forbidden(ctx.locale);
  const label = { sv: "Enhet", en: "Unit" };
  if (unitId) {
    if (!units.includes(unitId)) return { actor, unitId: null, errors: [fieldError("input.unitId", "NOT_ALLOWED", label)] };
    return { actor, unitId, errors: [] };
  }
  if (units.length > 1) return { actor, unitId: null, errors: [fieldError("input.unitId", "REQUIRED", label)] };
  return { actor, unitId: units[0] as string, errors: [] };
}

/** The unit a requester submits for: the input's, if it is one of theirs, or their only one. */
export function requesterUnit(ctx: RequestContext, unitId: string | null | undefined): { actor: StaffActor; unitId: string } {
  const chosen = chooseRequesterUnit(ctx, unitId);
  if (chosen.unitId === null) throw badUserInput(chosen.errors, ctx.locale);
  return { actor: chosen.actor, unitId: chosen.unitId };
}
