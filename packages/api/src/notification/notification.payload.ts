import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { MessageTemplate, NotificationPreference, OutboxMessage, TenantSender } from "./notification.type.js";

@ObjectType({ implements: ErrorResult, description: "A legal notice cannot be turned off: the region must send it." })
export class LegalNoticeRequired extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "Only a FAILED message can be put back in the queue." })
export class OutboxMessageNotFailed extends ErrorResult {}

export const notificationErrors = {
  legalNoticeRequired: (locale: Locale) =>
    errorResult(
      LegalNoticeRequired,
      "LEGAL_NOTICE_REQUIRED",
      {
        sv: "Det här är information som regionen är skyldig att ge dig, så den kan inte stängas av.",
        en: "This is information the region must give you, so it cannot be turned off.",
      },
      locale,
    ),
  notFailed: (locale: Locale) =>
    errorResult(
      OutboxMessageNotFailed,
      "OUTBOX_MESSAGE_NOT_FAILED",
      {
        sv: "Meddelandet har inte misslyckats; det skickas eller är redan skickat.",
        en: "The message has not failed; it is on its way or already sent.",
      },
      locale,
    ),
};

const TemplateError = createUnionType({ name: "MessageTemplateError", types: () => [NotFound] as const });
const SenderError = createUnionType({ name: "UpdateTenantSenderError", types: () => [NotFound] as const });
const PreferenceError = createUnionType({ name: "SetNotificationPreferenceError", types: () => [LegalNoticeRequired] as const });
const RetryError = createUnionType({ name: "RetryOutboxMessageError", types: () => [NotFound, OutboxMessageNotFailed] as const });

@ObjectType()
export class UpsertMessageTemplatePayload {
  @Field(() => MessageTemplate, { nullable: true })
  template!: MessageTemplate | null;

  @Field(() => [TemplateError])
  errors!: Array<typeof TemplateError>;
}

@ObjectType()
export class ResetMessageTemplatePayload {
  @Field(() => MessageTemplate, { nullable: true, description: "The wording that applies now." })
  template!: MessageTemplate | null;

  @Field(() => [TemplateError])
  errors!: Array<typeof TemplateError>;
}

@ObjectType()
export class UpdateTenantSenderPayload {
  @Field(() => TenantSender, { nullable: true })
  sender!: TenantSender | null;

  @Field(() => [SenderError])
  errors!: Array<typeof SenderError>;
}

@ObjectType()
export class SetNotificationPreferencePayload {
  @Field(() => NotificationPreference, { nullable: true })
  preference!: NotificationPreference | null;

  @Field(() => [PreferenceError])
  errors!: Array<typeof PreferenceError>;
}

@ObjectType()
export class RetryOutboxMessagePayload {
  @Field(() => OutboxMessage, { nullable: true })
  message!: OutboxMessage | null;

  @Field(() => [RetryError])
  errors!: Array<typeof RetryError>;
}
