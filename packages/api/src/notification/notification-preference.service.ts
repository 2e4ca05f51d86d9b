import { memberChoosableKinds, NOTIFICATION_CATALOGUE, validatePreference } from "@medverkan/domain";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { SetNotificationPreferenceInput } from "./notification.input.js";
import { notificationErrors, type SetNotificationPreferencePayload } from "./notification.payload.js";
import { listPreferences, upsertPreference } from "./notification.repository.js";
import { NotificationChannel, type NotificationKind, type NotificationPreference } from "./notification.type.js";

function requireMember(ctx: RequestContext) {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  return actor;
}

function toPreference(ctx: RequestContext, kind: NotificationKind, channel: string | null): NotificationPreference {
  const definition = NOTIFICATION_CATALOGUE[kind];
  return {
    kind,
    title: definition.title[ctx.locale],
    // A legal notice reads EMAIL whatever was stored before it became one.
    channel: definition.legalNotice || channel !== "NONE" ? NotificationChannel.EMAIL : NotificationChannel.NONE,
    canTurnOff: !definition.legalNotice,
  };
}

/** The member's choice for every kind that is sent to members; e-mail unless they turned it off. */
export async function listMyNotificationPreferences(ctx: RequestContext): Promise<NotificationPreference[]> {
  const member = requireMember(ctx);
  const rows = await ctx.scope(member.tenantId).transaction((tx) => listPreferences(tx, member.tenantId, member.memberId));
  return memberChoosableKinds().map((kind) => toPreference(ctx, kind, rows.find((row) => row.kind === kind)?.channel ?? null));
}

/** A member chooses e-mail or nothing for one kind; legal notices cannot be turned off. */
export async function setNotificationPreference(
  ctx: RequestContext,
  input: SetNotificationPreferenceInput,
): Promise<SetNotificationPreferencePayload> {
  const member = requireMember(ctx);
  const errors = validatePreference(input.kind, input.channel);
  if (errors.some((error) => error.field === "input.kind")) throw badUserInput(errors, ctx.locale);
  if (errors.length > 0) return { preference: null, errors: [notificationErrors.legalNoticeRequired(ctx.locale)] };
  return ctx.scope(member.tenantId).transaction(async (tx): Promise<SetNotificationPreferencePayload> => {
    const row = await upsertPreference(tx, member.tenantId, member.memberId, input.kind, input.channel);
    await ctx.audit.record(tx, member.tenantId, {
      action: "WRITE",
      subjectType: "NotificationPreference",
      subjectId: member.memberId,
      memberId: member.memberId,
      purpose: "notification preference set by the member",
      details: { kind: input.kind, channel: input.channel },
    });
    return { preference: toPreference(ctx, input.kind, row.channel), errors: [] };
  });
}
