import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { NotFound } from "../common/errors/not-found.js";
import { Connection } from "../common/pagination/connection.js";
import { NotificationKind } from "./notification.type.js";

export enum InboxSubjectType {
  REQUEST = "REQUEST",
  INVITATION = "INVITATION",
  ASSIGNMENT = "ASSIGNMENT",
  FEE_CLAIM = "FEE_CLAIM",
  TRAINING_SESSION = "TRAINING_SESSION",
  INTAKE_APPOINTMENT = "INTAKE_APPOINTMENT",
}
registerEnumType(InboxSubjectType, {
  name: "InboxSubjectType",
  description:
    "What an inbox line is about; open it with the matching query (`myInvitations`, `request(id:)`, `myAssignments`, `myFeeClaims`, …).",
});

@ObjectType({
  description:
    "A line in your in-app inbox: the same events as the e-mails, without personal data. Open what it is about through the normal queries.",
})
export class InboxNotification {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => String, { description: "The e-mail's title, in the request's language." })
  title!: string;

  @Field(() => String, { description: "One sentence saying what happened, in the request's language and Swedish time." })
  summary!: string;

  @Field(() => InboxSubjectType, { nullable: true })
  subjectType!: InboxSubjectType | null;

  @Field(() => ID, { nullable: true, description: "The id of what it is about (a request, an invitation, …)." })
  subjectId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When you marked it read; null while unread." })
  readAt!: Date | null;

  @Field(() => Boolean)
  read!: boolean;
}

export const InboxNotificationConnection = Connection(InboxNotification, "InboxNotification");

@ObjectType({ description: "Your in-app inbox: members their own, staff what came for the networks and units they still hold." })
export class MyInbox {
  tenantId!: string;

  @Field(() => Int, { description: "Unread lines (for a badge)." })
  unreadCount!: number;

  @Field({
    description:
      "When `unreadCount` was counted (the API's clock). Pass it as `since` to `inboxNotificationAdded` so that a line written " +
      "while the subscription was being set up (or the socket reconnected) still arrives.",
  })
  countedAt!: Date;
}

@InputType()
export class MarkInboxNotificationsInput {
  @Field(() => [ID], { description: "1–100 of your inbox lines." })
  ids!: string[];

  @Field(() => Boolean, { description: "true: read; false: unread again." })
  read!: boolean;
}

const MarkInboxNotificationsError = createUnionType({
  name: "MarkInboxNotificationsError",
  types: () => [NotFound] as const,
});

@ObjectType()
export class MarkInboxNotificationsPayload {
  @Field(() => [InboxNotification], { description: "The lines as they are now." })
  notifications!: InboxNotification[];

  @Field(() => Int)
  unreadCount!: number;

  @Field(() => [MarkInboxNotificationsError])
  errors!: Array<typeof MarkInboxNotificationsError>;
}

@ObjectType()
export class MarkAllInboxNotificationsReadPayload {
  @Field(() => Int, { description: "How many were marked read." })
  marked!: number;

  @Field(() => Int)
  unreadCount!: number;
}
