import { forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, requireTenantAdmin } from "../context/require-tenant.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import { composeMessage } from "./compose.js";
import type { RetryOutboxMessageInput } from "./notification.input.js";
import { toOutboxMessage } from "./notification.mapper.js";
import { notificationErrors, type RetryOutboxMessagePayload } from "./notification.payload.js";
import { findOutboxMessage, listOutbox, requeueFailed } from "./notification.repository.js";
import type { DevOutboxMessage, OutboxMessageStatus } from "./notification.type.js";
import { notificationSettingsOf } from "./notification-runtime.js";

const MESSAGE = { sv: "Meddelandet", en: "The message" };

/** Tenant admins: the outbox and each message's delivery state (FAILED ones need attention); addresses masked. */
export async function listOutboxMessages(ctx: RequestContext, filter: { status: OutboxMessageStatus | null }, args: PageArgs) {
  const admin = requireTenantAdmin(ctx);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total } = await ctx.scope(admin.tenantId).transaction((tx) => listOutbox(tx, admin.tenantId, filter, page));
  return toPage(rows.map(toOutboxMessage), page, total);
}

/** Tenant admins: a FAILED message back in the queue with fresh attempts. */
export async function retryOutboxMessage(ctx: RequestContext, input: RetryOutboxMessageInput): Promise<RetryOutboxMessagePayload> {
  const admin = requireTenantAdmin(ctx);
  if (!isId(input.id)) return { message: null, errors: [notFound(MESSAGE, ctx.locale)] };
  return ctx.scope(admin.tenantId).transaction(async (tx): Promise<RetryOutboxMessagePayload> => {
    const before = await findOutboxMessage(tx, admin.tenantId, input.id);
    if (!before) return { message: null, errors: [notFound(MESSAGE, ctx.locale)] };
    if (!(await requeueFailed(tx, admin.tenantId, before.id))) return { message: null, errors: [notificationErrors.notFailed(ctx.locale)] };
    await ctx.audit.recordChange(tx, admin.tenantId, {
      subjectType: "OutboxMessage",
      subjectId: before.id,
      before: { status: before.status, attempts: before.attempts },
      after: { status: "PENDING", attempts: 0 },
      purpose: "failed message put back in the queue",
    });
    return { message: toOutboxMessage((await findOutboxMessage(tx, admin.tenantId, before.id)) ?? before), errors: [] };
  });
}

/**
 * Development only: the tenant's outbox with full addresses and each message rendered as it is (or would be) sent,
 * for the explorer. Refused in production, where messages hold real people's data. Even in development it shows only
 * what the reader may see: a tenant-wide administrator every message, a coordinator the messages of the networks
 * they coordinate (SPEC §1: members of their networks only); and each message about a member is a read of that
 * member's personal data, in the access log like any other.
 */
export async function listDevOutbox(ctx: RequestContext, args: PageArgs) {
  const { production, mail } = notificationSettingsOf(ctx.system);
  if (production) throw forbidden(ctx.locale);
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const networks = networksWhere(actor, Permission.ReadDevOutbox);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  const page = toPageRequest(args, ctx.locale);
  const { rows, total, nodes } = await ctx.scope(actor.tenantId).transaction(async (tx) => {
    const result = await listOutbox(tx, actor.tenantId, { status: null, networks }, page);
    const rendered: DevOutboxMessage[] = [];
    for (const row of result.rows) {
      let subject: string;
      let text: string;
      try {
        ({ subject, text } = await composeMessage(tx, { ...row, data: (row.payload ?? {}) as Record<string, unknown> }, mail));
      } catch (error) {
        subject = "";
        text = `(cannot be rendered: ${error instanceof Error ? error.message : String(error)})`;
      }
      rendered.push({ ...toOutboxMessage(row), to: row.recipient, subject, text });
    }
    await ctx.audit.record(
      tx,
      actor.tenantId,
      result.rows
        .slice(0, page.take)
        .filter((row) => row.memberId !== null)
        .map((row) => ({
          action: "READ" as const,
          subjectType: "OutboxMessage",
          subjectId: row.id,
          memberId: row.memberId,
          purpose: "development outbox",
          details: { kind: row.kind },
        })),
    );
    return { ...result, nodes: rendered };
  });
  return toPage(nodes, page, Math.max(total, rows.length));
}
