import { getMyAssignment } from "../assignment/assignment.service.js";
import { coordinatedNetworks } from "../auth/actor.js";
import { forbidden } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { getMembership } from "../intake/intake.service.js";
import { getRequestInvitation } from "../invitation/invitation.service.js";
import { InvitationStatus } from "../invitation/invitation.type.js";
import { getMyInvitation } from "../invitation/invitation-response.service.js";
import { getInboxNotification, inboxOwnerOf, myInboxIdsSince } from "../notification/inbox.service.js";
import { getRequest, invitedRequestIds } from "../request/request.service.js";
import { requestVisibility } from "../request/request-access.js";
import { liveSessionOf } from "./live-context.js";
import { LiveFeed } from "./live-feed.js";

// One feed per subscription field. Each picks the announcements that may concern the caller from their ids (the
// caller's grants when subscribing), and reads every one of them again through the same service as the matching
// query — the same tenant, the same visibility, the same audit — with the caller checked again for each change.
// What the caller may not see is never sent; an id that is not a UUID narrows to nothing.

const narrowedTo = (id: string | null | undefined): string | null | false => {
  if (id === null || id === undefined) return null;
  return isId(id) ? id : false;
};

const ANSWERS: readonly InvitationStatus[] = [InvitationStatus.ACCEPTED, InvitationStatus.WAITLISTED, InvitationStatus.DECLINED];

/** Members: each change of an invitation to you (a new one, your answer, expiry, withdrawal). */
export function myInvitationFeed(ctx: RequestContext) {
  const session = liveSessionOf(ctx);
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  return new LiveFeed(
    session,
    actor.tenantId,
    (event) => event.entity === "Invitation" && event.memberId === actor.memberId,
    (event) => getMyInvitation(ctx, event.id),
  );
}

/** Members: each change of one of your assignments (a place given, moved up from the waiting list, cancelled, carried out). */
export function myAssignmentFeed(ctx: RequestContext) {
  const session = liveSessionOf(ctx);
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  return new LiveFeed(
    session,
    actor.tenantId,
    (event) => event.entity === "Assignment" && event.memberId === actor.memberId,
    (event) => getMyAssignment(ctx, event.id),
  );
}

/** Coordinators: a registration arrived in, or moved along, the intake of a network you coordinate. */
export function intakeQueueFeed(ctx: RequestContext, networkId: string | null | undefined) {
  const session = liveSessionOf(ctx);
  const actor = requireTenantActor(ctx);
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  const only = narrowedTo(networkId);
  return new LiveFeed(
    session,
    actor.tenantId,
    (event) =>
      only !== false &&
      event.entity === "Membership" &&
      (only === null || event.networkId === only) &&
      (networks === "ALL" || (event.networkId !== undefined && networks.includes(event.networkId))),
    (event) => getMembership(ctx, event.id),
  );
}

/** Coordinators: a member answered (accepted, waitlisted or declined) an invitation to a request of your networks. */
export function invitationAnswerFeed(ctx: RequestContext, networkId: string | null | undefined, requestId: string | null | undefined) {
  const session = liveSessionOf(ctx);
  const actor = requireTenantActor(ctx);
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  const onlyNetwork = narrowedTo(networkId);
  const onlyRequest = narrowedTo(requestId);
  return new LiveFeed(
    session,
    actor.tenantId,
    (event) =>
      onlyNetwork !== false &&
      onlyRequest !== false &&
      event.entity === "Invitation" &&
      (onlyNetwork === null || event.networkId === onlyNetwork) &&
      (onlyRequest === null || event.requestId === onlyRequest) &&
      (networks === "ALL" || (event.networkId !== undefined && networks.includes(event.networkId))),
    (event) => getRequestInvitation(ctx, event.id, ANSWERS),
  );
}

/**
 * Requests you may see (your unit's, your networks', your tenant's, one you were invited to): each change of status.
 * A member's feed keeps the set of requests they were invited to (loaded when subscribing, grown by their new
 * invitations' announcements), so other requests' changes do not cost a member a read each.
 */
export async function requestStatusFeed(ctx: RequestContext, requestId: string | null | undefined) {
  const session = liveSessionOf(ctx);
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" && actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const visibility = requestVisibility(actor);
  const only = narrowedTo(requestId);
  const invited = new Set<string>();
  let loading = actor.kind === "MEMBER";
  const feed = new LiveFeed(
    session,
    actor.tenantId,
    (event) => {
      if (actor.kind === "MEMBER" && event.entity === "Invitation" && event.memberId === actor.memberId && event.requestId) {
        invited.add(event.requestId);
      }
      if (only === false || event.entity !== "Request" || (only !== null && event.id !== only)) return false;
      if (visibility.all) return true;
      // While the member's invitations are being read, every request passes (and is read through the service).
      if (visibility.memberId !== null) return loading || invited.has(event.id);
      return (
        (event.unitId !== undefined && visibility.unitIds.includes(event.unitId)) ||
        (event.networkId !== undefined && visibility.networkIds.includes(event.networkId))
      );
    },
    (event) => getRequest(ctx, event.id),
  );
  if (loading) {
    try {
      for (const id of await invitedRequestIds(ctx)) invited.add(id);
    } catch (error) {
      await feed.return();
      throw error;
    }
    loading = false;
  }
  return feed;
}

/** Members and staff: a new line in your in-app inbox. */
export function inboxFeed(ctx: RequestContext, since?: Date | null) {
  const session = liveSessionOf(ctx);
  const { tenantId, owner } = inboxOwnerOf(ctx);
  const recipient = owner.kind === "MEMBER" ? { memberId: owner.memberId } : { staffUserId: owner.staffUserId };
  return new LiveFeed(
    session,
    tenantId,
    (event) =>
      event.entity === "InboxNotification" &&
      (owner.kind === "MEMBER" ? event.memberId === owner.memberId : event.staffUserId === owner.staffUserId),
    (event) => getInboxNotification(ctx, event.id),
    since
      ? async () => (await myInboxIdsSince(ctx, since)).map((id) => ({ tenantId, entity: "InboxNotification" as const, id, ...recipient }))
      : undefined,
  );
}
