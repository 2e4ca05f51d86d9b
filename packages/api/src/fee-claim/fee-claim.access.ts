import { type FeeClaimAttester, mayAttest } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { unauthenticated } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { type ClaimRow, type ClaimScope, findTenantFeeSettings } from "./fee-claim.repository.js";

// Who sees and acts on fee claims. Fees are personal data (SECURITY.md): the participant sees their own; a
// coordinator the claims of the networks they coordinate; a requester the claims of their own unit — the unit that
// sent the request and is billed — whoever attests (Kalmar's unit fills in the fee form per person and occasion
// although the development leader attests). Who may attest is a separate question (`mayAttestClaim`). Nobody else —
// not tenant admins, not analysts — reads a claim.

export interface ClaimAccess {
  readonly tenantId: string;
  readonly timeZone: string;
  readonly currency: string;
  readonly attester: FeeClaimAttester;
  readonly scope: ClaimScope;
  /** Networks coordinated ("ALL" for a tenant-wide grant); empty for anyone else. */
  readonly networks: "ALL" | readonly string[];
  /** Units the actor is a requester for: they see and prepare those units' claims, whatever the attester setting. */
  readonly requesterUnitIds: readonly string[];
  readonly memberId: string | null;
  readonly staffUserId: string | null;
}

export async function claimAccess(ctx: RequestContext): Promise<ClaimAccess> {
  const actor = requireTenantActor(ctx);
  const tenant = await findTenantFeeSettings(ctx.system, actor.tenantId);
  if (!tenant) throw unauthenticated(ctx.locale);
  const attester = tenant.feeClaimAttester;
  const base = { tenantId: actor.tenantId, timeZone: tenant.timeZone, currency: tenant.currency, attester };
  if (actor.kind === "MEMBER") {
    return {
      ...base,
      scope: { kind: "MEMBER", memberId: actor.memberId },
      networks: [],
      requesterUnitIds: [],
      memberId: actor.memberId,
      staffUserId: null,
    };
  }
  if (actor.kind !== "STAFF") {
    return {
      ...base,
      scope: { kind: "STAFF", networks: [], unitIds: [] },
      networks: [],
      requesterUnitIds: [],
      memberId: null,
      staffUserId: null,
    };
  }
  const networks = coordinatedNetworks(actor);
  const requesterUnitIds = [
    ...new Set(
      actor.grants
        .filter((grant) => grant.role === "REQUESTER")
        .map((grant) => grant.unitId ?? actor.unitId)
        .filter((id): id is string => id !== null),
    ),
  ];
  return {
    ...base,
    scope: { kind: "STAFF", networks, unitIds: requesterUnitIds },
    networks,
    requesterUnitIds,
    memberId: null,
    staffUserId: actor.staffUserId,
  };
}

export const coordinates = (access: ClaimAccess, networkId: string): boolean =>
  access.networks === "ALL" || access.networks.includes(networkId);

export function mayAttestClaim(access: ClaimAccess, row: ClaimRow): boolean {
  const request = row.assignment.request;
  return mayAttest(
    access.attester,
    { coordinatesNetwork: coordinates(access, request.networkId), requesterUnitIds: access.requesterUnitIds },
    request.unitId,
  );
}

/** Whether the actor may see a mapped claim; the field-level guard asks the same question the services' filters do. */
export function canSeeClaim(
  ctx: RequestContext,
  claim: { tenantId: string; memberId: string; networkId: string; unitId: string },
): boolean {
  const actor = ctx.actor;
  if (!("tenantId" in actor) || actor.tenantId !== claim.tenantId) return false;
  if (actor.kind === "MEMBER") return actor.memberId === claim.memberId;
  if (actor.kind !== "STAFF") return false;
  const networks = coordinatedNetworks(actor);
  if (networks === "ALL" || networks.includes(claim.networkId)) return true;
  return actor.grants.some((grant) => grant.role === "REQUESTER" && (grant.unitId ?? actor.unitId) === claim.unitId);
}
