import {
  type FieldError,
  fieldError,
  LOCALES,
  type Locale,
  NOTIFICATION_KINDS,
  type NotificationKind,
  normaliseEmail,
  sampleData,
  validateTemplate,
} from "@medverkan/domain";
import { reloadAfterVersionedUpdate } from "../common/concurrency.js";
import { badUserInput, conflict } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantAdmin } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { composeMessage } from "./compose.js";
import type { ResetMessageTemplateInput, UpdateTenantSenderInput, UpsertMessageTemplateInput } from "./notification.input.js";
import { toMessageTemplate, toTenantSender } from "./notification.mapper.js";
import type { ResetMessageTemplatePayload, UpdateTenantSenderPayload, UpsertMessageTemplatePayload } from "./notification.payload.js";
import {
  deleteTemplate,
  findNetwork,
  findTemplate,
  findTenantSender,
  insertTemplate,
  listTemplates,
  lockTemplateSlot,
  type TemplateRow,
  updateTemplate,
  updateTenantSender as writeTenantSender,
} from "./notification.repository.js";
import { type MessagePreview, type MessageTemplate, MessageTemplateSource, type TenantSender } from "./notification.type.js";
import { notificationSettingsOf } from "./notification-runtime.js";

const NETWORK = { sv: "Nätverket", en: "The network" };
const TEMPLATE = { sv: "Meddelandemallen", en: "The message template" };

/** A network of the admin's tenant, or null (another tenant's id reads exactly like an unknown one). */
async function networkOf(tx: Tx, tenantId: string, networkId: string | null | undefined) {
  if (!networkId) return { found: true as const, id: null };
  if (!isId(networkId)) return { found: false as const };
  const network = await findNetwork(tx, tenantId, networkId);
  return network ? { found: true as const, id: network.id } : { found: false as const };
}

async function templateFor(
  tx: Tx,
  tenantId: string,
  kind: NotificationKind,
  locale: Locale,
  networkId: string | null,
  requestLocale: Locale,
) {
  const [own, inherited] = await Promise.all([
    findTemplate(tx, tenantId, kind, locale, networkId),
    networkId ? findTemplate(tx, tenantId, kind, locale, null) : null,
  ]);
  return toMessageTemplate(kind, locale, networkId, { own, inherited }, requestLocale);
}

/** Tenant admins: the wording that applies to every kind and language (or one kind), tenant-wide or for one network. */
export async function listMessageTemplates(
  ctx: RequestContext,
  args: { networkId?: string | null; kind?: NotificationKind | null },
): Promise<MessageTemplate[]> {
  const admin = requireTenantAdmin(ctx);
  return ctx.scope(admin.tenantId).transaction(async (tx) => {
    const network = await networkOf(tx, admin.tenantId, args.networkId);
    if (!network.found) return [];
    const rows = await listTemplates(tx, admin.tenantId, network.id);
    const find = (kind: string, locale: string, networkId: string | null): TemplateRow | null =>
      rows.find((row) => row.kind === kind && row.locale === locale && row.networkId === networkId) ?? null;
    const kinds = args.kind ? [args.kind] : NOTIFICATION_KINDS;
    return kinds.flatMap((kind) =>
      LOCALES.map((locale) =>
        toMessageTemplate(
          kind,
          locale,
          network.id,
          { own: find(kind, locale, network.id), inherited: network.id ? find(kind, locale, null) : null },
          ctx.locale,
        ),
      ),
    );
  });
}

function templateErrors(kind: NotificationKind, subject: string, body: string): FieldError[] {
  return validateTemplate(kind, { subject: subject.trim(), body: body.trim() });
}

/**
 * Tenant admins: saves the tenant's (or a network's) wording. The first save of a slot expects version 0; later ones
 * the version read. The template is validated against the kind's variables before anything is written.
 */
export async function upsertMessageTemplate(ctx: RequestContext, input: UpsertMessageTemplateInput): Promise<UpsertMessageTemplatePayload> {
  const admin = requireTenantAdmin(ctx);
  const errors = templateErrors(input.kind, input.subject, input.body);
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const locale = input.locale as Locale;
  const text = { subject: input.subject.trim(), body: input.body.trim() };

  return ctx.scope(admin.tenantId).transaction(async (tx): Promise<UpsertMessageTemplatePayload> => {
    const network = await networkOf(tx, admin.tenantId, input.networkId);
    if (!network.found) return { template: null, errors: [notFound(NETWORK, ctx.locale)] };
    await lockTemplateSlot(tx, admin.tenantId, input.kind, locale, network.id);
    const existing = await findTemplate(tx, admin.tenantId, input.kind, locale, network.id);
    if (!existing) {
      if (input.expectedVersion !== 0) throw conflict(ctx.locale);
      const created = await insertTemplate(tx, { tenantId: admin.tenantId, networkId: network.id, kind: input.kind, locale, ...text });
      await ctx.audit.recordChange(tx, admin.tenantId, {
        subjectType: "MessageTemplate",
        subjectId: created.id,
        before: null,
        after: created,
      });
    } else {
      const count = await updateTemplate(tx, admin.tenantId, existing.id, input.expectedVersion, text);
      const after = await reloadAfterVersionedUpdate(
        count,
        () => findTemplate(tx, admin.tenantId, input.kind, locale, network.id),
        ctx.locale,
      );
      if (!after) return { template: null, errors: [notFound(TEMPLATE, ctx.locale)] };
      await ctx.audit.recordChange(tx, admin.tenantId, { subjectType: "MessageTemplate", subjectId: existing.id, before: existing, after });
    }
    return { template: await templateFor(tx, admin.tenantId, input.kind, locale, network.id, ctx.locale), errors: [] };
  });
}

/** Tenant admins: removes the override of a slot, so the wording above it applies again. */
export async function resetMessageTemplate(ctx: RequestContext, input: ResetMessageTemplateInput): Promise<ResetMessageTemplatePayload> {
  const admin = requireTenantAdmin(ctx);
  const locale = input.locale as Locale;
  return ctx.scope(admin.tenantId).transaction(async (tx): Promise<ResetMessageTemplatePayload> => {
    const network = await networkOf(tx, admin.tenantId, input.networkId);
    if (!network.found) return { template: null, errors: [notFound(NETWORK, ctx.locale)] };
    await lockTemplateSlot(tx, admin.tenantId, input.kind, locale, network.id);
    const existing = await findTemplate(tx, admin.tenantId, input.kind, locale, network.id);
    if (existing) {
      if ((await deleteTemplate(tx, admin.tenantId, existing.id, input.expectedVersion)) !== 1) throw conflict(ctx.locale);
      await ctx.audit.recordChange(tx, admin.tenantId, {
        subjectType: "MessageTemplate",
        subjectId: existing.id,
        before: existing,
        after: null,
      });
    } else if (input.expectedVersion !== 0) {
      throw conflict(ctx.locale);
    }
    return { template: await templateFor(tx, admin.tenantId, input.kind, locale, network.id, ctx.locale), errors: [] };
  });
}

/**
 * Tenant admins: a kind rendered with sample data, as it would be sent now — from the tenant's sender, with its
 * signature, in the network's wording when a network is named. Given `subject` and `body`, renders that unsaved
 * wording instead, so an admin sees a change before saving it.
 */
export async function previewMessage(
  ctx: RequestContext,
  args: { kind: NotificationKind; locale: Locale; networkId?: string | null; subject?: string | null; body?: string | null },
): Promise<MessagePreview> {
  const admin = requireTenantAdmin(ctx);
  const draft =
    args.subject != null || args.body != null ? { subject: (args.subject ?? "").trim(), body: (args.body ?? "").trim() } : undefined;
  if (draft) {
    const errors = validateTemplate(args.kind, draft).map((error) => ({ ...error, field: error.field.replace(/^input\./u, "") }));
    if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  }
  const { mail } = notificationSettingsOf(ctx.system);
  return ctx.scope(admin.tenantId).transaction(async (tx) => {
    const network = await networkOf(tx, admin.tenantId, args.networkId);
    if (!network.found) throw badUserInput([fieldError("networkId", "UNKNOWN_REFERENCE", NETWORK)], ctx.locale);
    const composed = await composeMessage(
      tx,
      { tenantId: admin.tenantId, kind: args.kind, locale: args.locale, networkId: network.id, data: sampleData(args.kind) },
      mail,
      draft,
    );
    return {
      kind: args.kind,
      locale: args.locale,
      from: composed.from.name ? `${composed.from.name} <${composed.from.address}>` : composed.from.address,
      replyTo: composed.replyTo,
      subject: composed.subject,
      text: composed.text,
      source: MessageTemplateSource[composed.source],
    } as MessagePreview;
  });
}

export async function getTenantSender(ctx: RequestContext): Promise<TenantSender> {
  const admin = requireTenantAdmin(ctx);
  const row = await ctx.scope(admin.tenantId).transaction((tx) => findTenantSender(tx, admin.tenantId));
  if (!row) throw new Error("The admin's tenant does not exist");
  return toTenantSender(row);
}

const SIGNATURE_MAX = 1_000;
const NAME_MAX = 100;

/** Tenant admins: the sender address and signature under every message. Omitted fields stay; "" clears one. */
export async function updateTenantSender(ctx: RequestContext, input: UpdateTenantSenderInput): Promise<UpdateTenantSenderPayload> {
  const admin = requireTenantAdmin(ctx);
  const errors: FieldError[] = [];
  const given = (value: string | null | undefined) => (value === null || value === undefined ? undefined : value.trim());
  const senderEmail = given(input.senderEmail);
  const normalisedEmail = senderEmail ? normaliseEmail(senderEmail) : senderEmail;
  if (senderEmail && !normalisedEmail)
    errors.push(fieldError("input.senderEmail", "INVALID_EMAIL", { sv: "Avsändaradressen", en: "The sender address" }));
  const senderName = given(input.senderName);
  if (senderName && (senderName.length > NAME_MAX || /[\r\n<>"]/u.test(senderName))) {
    errors.push(
      fieldError(
        "input.senderName",
        senderName.length > NAME_MAX ? "TOO_LONG" : "INVALID_FORMAT",
        { sv: "Avsändarnamnet", en: "The sender name" },
        { max: NAME_MAX },
      ),
    );
  }
  const signatureSv = given(input.signatureSv);
  const signatureEn = given(input.signatureEn);
  for (const [field, value] of [
    ["signatureSv", signatureSv],
    ["signatureEn", signatureEn],
  ] as const) {
    if (value && value.length > SIGNATURE_MAX)
      errors.push(fieldError(`input.${field}`, "TOO_LONG", { sv: "Signaturen", en: "The signature" }, { max: SIGNATURE_MAX }));
  }
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);

  return ctx.scope(admin.tenantId).transaction(async (tx): Promise<UpdateTenantSenderPayload> => {
    const before = await findTenantSender(tx, admin.tenantId);
    if (!before) return { sender: null, errors: [notFound({ sv: "Regionen", en: "The tenant" }, ctx.locale)] };
    const pick = (value: string | null | undefined, current: string | null) =>
      value === undefined ? current : value === "" ? null : value;
    const count = await writeTenantSender(tx, admin.tenantId, input.expectedVersion, {
      senderEmail: pick(normalisedEmail, before.senderEmail),
      senderName: pick(senderName, before.senderName),
      signatureSv: pick(signatureSv, before.signatureSv),
      signatureEn: pick(signatureEn, before.signatureEn),
    });
    const after = await reloadAfterVersionedUpdate(count, () => findTenantSender(tx, admin.tenantId), ctx.locale);
    if (!after) return { sender: null, errors: [notFound({ sv: "Regionen", en: "The tenant" }, ctx.locale)] };
    await ctx.audit.recordChange(tx, admin.tenantId, {
      subjectType: "Tenant",
      subjectId: admin.tenantId,
      before: toTenantSender(before),
      after: toTenantSender(after),
      purpose: "notification sender",
    });
    return { sender: toTenantSender(after), errors: [] };
  });
}
