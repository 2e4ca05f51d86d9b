import {
  effectiveTemplate,
  isLocale,
  isNotificationKind,
  type Locale,
  type MessageTemplateText,
  type NotificationKind,
  renderMessage,
  type TemplateSource,
} from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";
import { calendarAttachment } from "../document/calendar-attachment.js";
import type { MailAttachment, MailSettings } from "./mail-transport.js";
import { findNetwork, findTemplate, findTenantSender } from "./notification.repository.js";

export interface ComposedMessage {
  subject: string;
  text: string;
  from: { name: string; address: string };
  /** The network's functional mailbox, so an answer reaches the coordinators rather than a no-reply address. */
  replyTo: string | null;
  source: TemplateSource;
  /** An iCalendar file of the occasions (invitation, assignment description) or the introduction (booked, reminder). */
  attachments: MailAttachment[];
}

/**
 * Renders a message as it goes out now: the network's or the tenant's template (or the built-in one), the tenant's
 * sender and signature, the tenant's and network's names. Rendered at send time, so a corrected template also
 * applies to messages still waiting in the outbox.
 */
export async function composeMessage(
  tx: Tx,
  message: { tenantId: string; kind: string; locale: string; networkId: string | null; data: Record<string, unknown> },
  mail: Pick<MailSettings, "defaultFromAddress" | "defaultFromName" | "appBaseUrl">,
  override?: MessageTemplateText,
): Promise<ComposedMessage> {
  if (!isNotificationKind(message.kind)) throw new Error(`Unknown notification kind ${message.kind}`);
  const kind: NotificationKind = message.kind;
  const locale: Locale = isLocale(message.locale) ? message.locale : "sv";
  const [tenant, network, tenantTemplate, networkTemplate] = await Promise.all([
    findTenantSender(tx, message.tenantId),
    message.networkId ? findNetwork(tx, message.tenantId, message.networkId) : null,
    findTemplate(tx, message.tenantId, kind, locale, null),
    message.networkId ? findTemplate(tx, message.tenantId, kind, locale, message.networkId) : null,
  ]);
  if (!tenant) throw new Error("The message's tenant no longer exists");
  const template = override
    ? { ...override, source: "NETWORK" as TemplateSource }
    : effectiveTemplate(kind, locale, { network: networkTemplate, tenant: tenantTemplate });
  const rendered = renderMessage(
    kind,
    template,
    { ...message.data, tenantName: tenant.name, networkName: network?.name ?? null, networkContactEmail: network?.contactEmail ?? null },
    {
      locale,
      timeZone: tenant.timeZone,
      signature: locale === "en" ? tenant.signatureEn : tenant.signatureSv,
      appBaseUrl: mail.appBaseUrl,
    },
  );
  return {
    subject: rendered.subject,
    text: rendered.text,
    from: {
      name: tenant.senderName ?? (tenant.senderEmail ? tenant.name : mail.defaultFromName),
      address: tenant.senderEmail ?? mail.defaultFromAddress,
    },
    replyTo: network?.contactEmail ?? null,
    source: override ? (message.networkId ? "NETWORK" : "TENANT") : template.source,
    attachments: calendarAttachment(
      kind,
      message.data,
      { name: tenant.name, timeZone: tenant.timeZone, networkName: network?.name ?? null },
      locale,
    ),
  };
}
