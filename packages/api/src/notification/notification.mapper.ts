import {
  DEFAULT_TEMPLATES,
  type Locale,
  NOTIFICATION_CATALOGUE,
  type NotificationKind as NotificationKindName,
  type TemplateSource,
  variablesOf,
} from "@medverkan/domain";
import type { OutboxRow, TemplateRow, TenantSenderRow } from "./notification.repository.js";
import {
  type MessageLocale,
  type MessageTemplate,
  MessageTemplateSource,
  type NotificationKind,
  type OutboxMessage,
  type OutboxMessageStatus,
  type TenantSender,
} from "./notification.type.js";
import { maskAddresses } from "./outbox-worker.js";

/** The wording that applies to a kind and language, for the tenant (networkId null) or one network. */
export function toMessageTemplate(
  kind: NotificationKindName,
  locale: Locale,
  networkId: string | null,
  rows: { own: TemplateRow | null; inherited: TemplateRow | null },
  requestLocale: Locale,
): MessageTemplate {
  const applying = rows.own ?? rows.inherited;
  const source: TemplateSource = rows.own ? (networkId ? "NETWORK" : "TENANT") : rows.inherited ? "TENANT" : "DEFAULT";
  const text = applying ?? DEFAULT_TEMPLATES[kind][locale];
  return {
    id: rows.own?.id ?? null,
    kind: kind as NotificationKind,
    locale: locale as MessageLocale,
    networkId,
    subject: text.subject,
    body: text.body,
    source: MessageTemplateSource[source],
    // The version of the row this scope would change; 0 when it has none of its own yet.
    version: rows.own?.version ?? 0,
    updatedAt: rows.own?.updatedAt ?? null,
    legalNotice: NOTIFICATION_CATALOGUE[kind].legalNotice,
    variables: variablesOf(kind).map((variable) => ({
      name: variable.name,
      description: variable.description[requestLocale],
      optional: variable.optional === true || variable.type === "OCCASIONS",
    })),
  };
}

export function toTenantSender(row: TenantSenderRow): TenantSender {
  return {
    senderEmail: row.senderEmail,
    senderName: row.senderName,
    signatureSv: row.signatureSv,
    signatureEn: row.signatureEn,
    version: row.version,
  };
}

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    recipient: maskAddresses(row.recipient),
    locale: row.locale as MessageLocale,
    status: row.status as OutboxMessageStatus,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
