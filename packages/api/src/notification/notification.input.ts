import { Field, ID, InputType, Int } from "type-graphql";
import { MessageLocale, NotificationChannel, NotificationKind } from "./notification.type.js";

@InputType({ description: "Tenant admins: the tenant's (or one network's) own wording of a kind of message in one language." })
export class UpsertMessageTemplateInput {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => MessageLocale)
  locale!: MessageLocale;

  @Field(() => ID, { nullable: true, description: "Override for this network only; omit for the whole tenant." })
  networkId?: string | null;

  @Field(() => String, { description: "One line; may use the kind's variables." })
  subject!: string;

  @Field(() => String)
  body!: string;

  @Field(() => Int, { description: "The `version` you read (0 while the default applies); a stale one fails with CONFLICT." })
  expectedVersion!: number;
}

@InputType({
  description: "Tenant admins: go back to the default wording (the tenant's, for a network; the built-in one, for the tenant).",
})
export class ResetMessageTemplateInput {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => MessageLocale)
  locale!: MessageLocale;

  @Field(() => ID, { nullable: true })
  networkId?: string | null;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Tenant admins: the tenant's sender address and signature. Empty strings clear a field." })
export class UpdateTenantSenderInput {
  @Field(() => String, { nullable: true })
  senderEmail?: string | null;

  @Field(() => String, { nullable: true })
  senderName?: string | null;

  @Field(() => String, { nullable: true })
  signatureSv?: string | null;

  @Field(() => String, { nullable: true })
  signatureEn?: string | null;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "A member's choice for one kind of message." })
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => NotificationChannel)
  channel!: NotificationChannel;
}

@InputType({ description: "Tenant admins: put a FAILED message back in the queue (after the address or the mail server was fixed)." })
export class RetryOutboxMessageInput {
  @Field(() => ID)
  id!: string;
}
