import { NOTIFICATION_KINDS, type NotificationKind as NotificationKindName } from "@medverkan/domain";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";

/** The catalogue's kinds as a GraphQL enum; the domain package is the one list. */
export const NotificationKind = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, kind])) as {
  [Kind in NotificationKindName]: Kind;
};
export type NotificationKind = NotificationKindName;
registerEnumType(NotificationKind, {
  name: "NotificationKind",
  description: "A kind of e-mail Medverkan sends (see `messageTemplates` for each kind's variables).",
});

export enum NotificationChannel {
  EMAIL = "EMAIL",
  NONE = "NONE",
}
registerEnumType(NotificationChannel, {
  name: "NotificationChannel",
  description: "How a member wants a kind of message: by e-mail, or not at all.",
});

export enum MessageLocale {
  SV = "sv",
  EN = "en",
}
registerEnumType(MessageLocale, { name: "MessageLocale", description: "The language of a message." });

export enum MessageTemplateSource {
  DEFAULT = "DEFAULT",
  TENANT = "TENANT",
  NETWORK = "NETWORK",
}
registerEnumType(MessageTemplateSource, {
  name: "MessageTemplateSource",
  description: "Where the wording comes from: the built-in default, the tenant's own, or one network's.",
});

export enum OutboxMessageStatus {
  PENDING = "PENDING",
  SENDING = "SENDING",
  SENT = "SENT",
  FAILED = "FAILED",
}
registerEnumType(OutboxMessageStatus, {
  name: "OutboxMessageStatus",
  description:
    "PENDING waits (or waits to be retried); SENDING is claimed by a worker; SENT was accepted by the mail server; FAILED gave up.",
});

@ObjectType({ description: "A variable a template may use, `{{name}}`." })
export class MessageTemplateVariable {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "In the request's language." })
  description!: string;

  @Field(() => Boolean, { description: "May be empty: wrap it in `{{#name}}…{{/name}}` to show a line only when it has a value." })
  optional!: boolean;
}

@ObjectType({
  description: "Tenant admins: the wording of one kind of message in one language, as it applies to the tenant or to one network.",
})
export class MessageTemplate {
  @Field(() => ID, { nullable: true, description: "Null while the built-in default applies." })
  id!: string | null;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => MessageLocale)
  locale!: MessageLocale;

  @Field(() => ID, { nullable: true, description: "The network this override is for; null: tenant-wide." })
  networkId!: string | null;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { description: "Plain text in Mustache syntax. The tenant's signature is added under it." })
  body!: string;

  @Field(() => MessageTemplateSource)
  source!: MessageTemplateSource;

  @Field(() => Int, { description: "Pass as `expectedVersion` when changing it; 0 while the default applies." })
  version!: number;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => Boolean, { description: "Information the region must give; members cannot turn it off." })
  legalNotice!: boolean;

  @Field(() => [MessageTemplateVariable])
  variables!: MessageTemplateVariable[];
}

@ObjectType({ description: "A message rendered with sample data, exactly as it would be sent." })
export class MessagePreview {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => MessageLocale)
  locale!: MessageLocale;

  @Field(() => String)
  from!: string;

  @Field(() => String, { nullable: true })
  replyTo!: string | null;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  text!: string;

  @Field(() => MessageTemplateSource)
  source!: MessageTemplateSource;
}

@ObjectType({ description: "The tenant's own sender of notifications (its functional mailbox) and the signature under them." })
export class TenantSender {
  @Field(() => String, { nullable: true, description: "Null: the platform's default sender." })
  senderEmail!: string | null;

  @Field(() => String, { nullable: true })
  senderName!: string | null;

  @Field(() => String, { nullable: true })
  signatureSv!: string | null;

  @Field(() => String, { nullable: true })
  signatureEn!: string | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType({ description: "A member's choice for one kind of message." })
export class NotificationPreference {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => String, { description: "What the kind is, in the request's language." })
  title!: string;

  @Field(() => NotificationChannel)
  channel!: NotificationChannel;

  @Field(() => Boolean, { description: "False for legal notices: the region must send them." })
  canTurnOff!: boolean;
}

@ObjectType({ description: "Tenant admins: a message in the outbox and how its delivery goes. The address is masked." })
export class OutboxMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => String, { description: "Masked, e.g. `a***@example.se`." })
  recipient!: string;

  @Field(() => MessageLocale)
  locale!: MessageLocale;

  @Field(() => OutboxMessageStatus)
  status!: OutboxMessageStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date)
  nextAttemptAt!: Date;

  @Field(() => String, { nullable: true, description: "The last delivery error, addresses masked." })
  lastError!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}

@ObjectType({ description: "Development only: a message in the outbox with its full address and rendered text." })
export class DevOutboxMessage extends OutboxMessage {
  @Field(() => String, { description: "The full address." })
  to!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  text!: string;
}

export const OutboxMessageConnection = Connection(OutboxMessage, "OutboxMessage");
export const DevOutboxMessageConnection = Connection(DevOutboxMessage, "DevOutboxMessage");
