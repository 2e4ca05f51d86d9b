import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { listMyInbox, markAllInboxNotificationsRead, markInboxNotifications, myInbox } from "./inbox.service.js";
import {
  InboxNotificationConnection,
  MarkAllInboxNotificationsReadPayload,
  MarkInboxNotificationsInput,
  MarkInboxNotificationsPayload,
  MyInbox,
} from "./inbox.type.js";

@Resolver(() => MyInbox)
export class InboxResolver {
  @Query(() => MyInbox, {
    description:
      "Members and staff: your in-app inbox beside e-mail, with the unread count. New lines arrive live with the `inboxNotificationAdded` subscription.",
  })
  myInbox(@Ctx() ctx: RequestContext): Promise<MyInbox> {
    return myInbox(ctx);
  }

  @FieldResolver(() => InboxNotificationConnection, { description: "Newest first." })
  notifications(
    @Root() _inbox: MyInbox,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("unreadOnly", () => Boolean, { nullable: true, defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return listMyInbox(ctx, page, unreadOnly);
  }

  @Mutation(() => MarkInboxNotificationsPayload, { description: "Members and staff: mark lines of your inbox read, or unread again." })
  markInboxNotifications(
    @Arg("input", () => MarkInboxNotificationsInput) input: MarkInboxNotificationsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MarkInboxNotificationsPayload> {
    return markInboxNotifications(ctx, input);
  }

  @Mutation(() => MarkAllInboxNotificationsReadPayload, { description: "Members and staff: mark every line of your inbox read." })
  markAllInboxNotificationsRead(@Ctx() ctx: RequestContext): Promise<MarkAllInboxNotificationsReadPayload> {
    return markAllInboxNotificationsRead(ctx);
  }
}
