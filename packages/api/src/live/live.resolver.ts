import { Arg, ID, Resolver, Root, Subscription } from "type-graphql";
import { MyAssignment } from "../assignment/assignment.type.js";
import type { RequestContext } from "../context/request-context.js";
import { Invitation, MyInvitation } from "../invitation/invitation.type.js";
import { Membership } from "../member/member.type.js";
import { InboxNotification } from "../notification/inbox.type.js";
import { RequestType } from "../request/request.type.js";
import { inboxFeed, intakeQueueFeed, invitationAnswerFeed, myAssignmentFeed, myInvitationFeed, requestStatusFeed } from "./live.service.js";

// Subscriptions over WebSocket (graphql-transport-ws, server/websocket.ts). Each yields the same type as the matching
// query, read again through the same service for every change (live.service.ts); the field resolvers below only
// pass that object on.

type Subscribed<Args = Record<string, never>> = { context: RequestContext; args: Args };

@Resolver()
export class LiveResolver {
  @Subscription(() => MyInvitation, {
    description: "Members: an invitation to you was created or changed (your answer, expiry, withdrawal). Like `myInvitations`.",
    subscribe: ({ context }: Subscribed) => myInvitationFeed(context),
  })
  myInvitationChanged(@Root() invitation: MyInvitation): MyInvitation {
    return invitation;
  }

  @Subscription(() => MyAssignment, {
    description: "Members: one of your assignments was created or changed. Like `myAssignments`.",
    subscribe: ({ context }: Subscribed) => myAssignmentFeed(context),
  })
  myAssignmentChanged(@Root() assignment: MyAssignment): MyAssignment {
    return assignment;
  }

  @Subscription(() => Membership, {
    description:
      "Coordinators: a registration arrived in or moved through the intake of a network you coordinate (optionally one network). Like `intakeQueue`.",
    subscribe: ({ context, args }: Subscribed<{ networkId?: string | null }>) => intakeQueueFeed(context, args.networkId),
  })
  intakeQueueChanged(
    @Root() membership: Membership,
    @Arg("networkId", () => ID, { nullable: true }) _networkId?: string | null,
  ): Membership {
    return membership;
  }

  @Subscription(() => Invitation, {
    description:
      "Coordinators: a member accepted, was waitlisted or declined an invitation to a request of your networks (optionally one network or " +
      "request), and each later change of an answered invitation (contact details released, moved up from the waiting list): key by `id`. " +
      "Like `Request.invitations`: the invitee's name is an audited read.",
    subscribe: ({ context, args }: Subscribed<{ networkId?: string | null; requestId?: string | null }>) =>
      invitationAnswerFeed(context, args.networkId, args.requestId),
  })
  invitationAnswered(
    @Root() invitation: Invitation,
    @Arg("networkId", () => ID, { nullable: true }) _networkId?: string | null,
    @Arg("requestId", () => ID, { nullable: true }) _requestId?: string | null,
  ): Invitation {
    return invitation;
  }

  @Subscription(() => RequestType, {
    description:
      "A request you may see (your unit's, your networks', your tenant's, one you were invited to) changed status (optionally one request). Like `request(id:)`.",
    subscribe: ({ context, args }: Subscribed<{ requestId?: string | null }>) => requestStatusFeed(context, args.requestId),
  })
  requestStatusChanged(
    @Root() request: RequestType,
    @Arg("requestId", () => ID, { nullable: true }) _requestId?: string | null,
  ): RequestType {
    return request;
  }

  @Subscription(() => InboxNotification, {
    description:
      "Members and staff: a new line in your in-app inbox (`myInbox`). With `since` (e.g. `myInbox.countedAt`), the lines written " +
      "since then are sent first, also after a reconnect, so a badge never misses one; a line may then come twice: key by `id`.",
    subscribe: ({ context, args }: Subscribed<{ since?: Date | null }>) => inboxFeed(context, args.since),
  })
  inboxNotificationAdded(
    @Root() notification: InboxNotification,
    @Arg("since", () => Date, { nullable: true }) _since?: Date | null,
  ): InboxNotification {
    return notification;
  }
}
