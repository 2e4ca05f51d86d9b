import type { Locale } from "@medverkan/domain";
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import {
  getTenantSender,
  listMessageTemplates,
  previewMessage,
  resetMessageTemplate,
  updateTenantSender,
  upsertMessageTemplate,
} from "./message-template.service.js";
import {
  ResetMessageTemplateInput,
  RetryOutboxMessageInput,
  SetNotificationPreferenceInput,
  UpdateTenantSenderInput,
  UpsertMessageTemplateInput,
} from "./notification.input.js";
import {
  ResetMessageTemplatePayload,
  RetryOutboxMessagePayload,
  SetNotificationPreferencePayload,
  UpdateTenantSenderPayload,
  UpsertMessageTemplatePayload,
} from "./notification.payload.js";
import {
  DevOutboxMessageConnection,
  MessageLocale,
  MessagePreview,
  MessageTemplate,
  NotificationKind,
  NotificationPreference,
  OutboxMessageConnection,
  OutboxMessageStatus,
  TenantSender,
} from "./notification.type.js";
import { listMyNotificationPreferences, setNotificationPreference } from "./notification-preference.service.js";
import { listDevOutbox, listOutboxMessages, retryOutboxMessage } from "./outbox-admin.service.js";

@Resolver()
export class NotificationResolver {
  @Query(() => [MessageTemplate], {
    description:
      "Tenant admins: the wording of every kind of message in Swedish and English, tenant-wide or for one network, with each kind's variables.",
  })
  messageTemplates(
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Arg("kind", () => NotificationKind, { nullable: true }) kind: NotificationKind | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MessageTemplate[]> {
    return listMessageTemplates(ctx, { networkId, kind });
  }

  @Query(() => MessagePreview, {
    description:
      "Tenant admins: a kind of message rendered with sample data as it would be sent; with `subject` and `body`, an unsaved wording.",
  })
  previewMessage(
    @Arg("kind", () => NotificationKind) kind: NotificationKind,
    @Arg("locale", () => MessageLocale) locale: MessageLocale,
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Arg("subject", () => String, { nullable: true }) subject: string | null,
    @Arg("body", () => String, { nullable: true }) body: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MessagePreview> {
    return previewMessage(ctx, { kind, locale: locale as Locale, networkId, subject, body });
  }

  @Query(() => TenantSender, { description: "Tenant admins: the sender address and signature of the tenant's notifications." })
  tenantSender(@Ctx() ctx: RequestContext): Promise<TenantSender> {
    return getTenantSender(ctx);
  }

  @Query(() => OutboxMessageConnection, {
    description: "Tenant admins: messages in the outbox and their delivery, newest first (FAILED ones need attention).",
  })
  outboxMessages(
    @Arg("status", () => OutboxMessageStatus, { nullable: true }) status: OutboxMessageStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listOutboxMessages(ctx, { status }, page);
  }

  @Query(() => DevOutboxMessageConnection, {
    description: "Development only (refused in production): the tenant's outgoing messages in full, as the local mail folder holds them.",
  })
  devOutbox(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listDevOutbox(ctx, page);
  }

  @Query(() => [NotificationPreference], { description: "Members: how you want each kind of message." })
  myNotificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreference[]> {
    return listMyNotificationPreferences(ctx);
  }

  @Mutation(() => UpsertMessageTemplatePayload, {
    description: "Tenant admins: the tenant's or one network's wording of a kind of message.",
  })
  upsertMessageTemplate(
    @Arg("input", () => UpsertMessageTemplateInput) input: UpsertMessageTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpsertMessageTemplatePayload> {
    return upsertMessageTemplate(ctx, input);
  }

  @Mutation(() => ResetMessageTemplatePayload, { description: "Tenant admins: drop an override so the wording above it applies again." })
  resetMessageTemplate(
    @Arg("input", () => ResetMessageTemplateInput) input: ResetMessageTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResetMessageTemplatePayload> {
    return resetMessageTemplate(ctx, input);
  }

  @Mutation(() => UpdateTenantSenderPayload, {
    description: "Tenant admins: the sender address and signature of the tenant's notifications.",
  })
  updateTenantSender(
    @Arg("input", () => UpdateTenantSenderInput) input: UpdateTenantSenderInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateTenantSenderPayload> {
    return updateTenantSender(ctx, input);
  }

  @Mutation(() => RetryOutboxMessagePayload, { description: "Tenant admins: put a FAILED message back in the queue." })
  retryOutboxMessage(
    @Arg("input", () => RetryOutboxMessageInput) input: RetryOutboxMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetryOutboxMessagePayload> {
    return retryOutboxMessage(ctx, input);
  }

  @Mutation(() => SetNotificationPreferencePayload, {
    description: "Members: e-mail or nothing for one kind of message (legal notices stay on).",
  })
  setNotificationPreference(
    @Arg("input", () => SetNotificationPreferenceInput) input: SetNotificationPreferenceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetNotificationPreferencePayload> {
    return setNotificationPreference(ctx, input);
  }
}
