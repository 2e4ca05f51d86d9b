import {
  advisoryLock,
  db,
  execute,
  type NotificationChannel,
  type OutboxStatus,
  type Prisma,
  type PrismaClient,
  type RawBuilder,
  rows,
  sql,
} from "@medverkan/database";
import type { PageRequest } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

// The only code of the notification feature that touches Prisma: the outbox, templates, preferences, the tenant's
// sender, and what the enqueue helpers read to fill a message.

export interface OutboxInsert {
  tenantId: string;
  kind: string;
  idempotencyKey: string;
  recipient: string;
  locale: string;
  payload: Prisma.InputJsonValue;
  memberId: string | null;
  networkId: string | null;
}

/**
 * Writes the message in the caller's transaction. A second message with the same idempotency key (a retried mutation,
 * a reminder scan running twice) is silently the first one: `ON CONFLICT DO NOTHING` on (tenantId, idempotencyKey).
 * Returns whether a row was written.
 */
export async function insertOutboxMessage(tx: Tx, message: OutboxInsert): Promise<boolean> {
  const { count } = await tx.outboxMessage.createMany({ data: [message], skipDuplicates: true });
  return count === 1;
}

export async function findPreference(tx: Tx, tenantId: string, memberId: string, kind: string): Promise<NotificationChannel | null> {
  const row = await tx.notificationPreference.findUnique({
    where: { tenantId_memberId_kind: { tenantId, memberId, kind } },
    select: { channel: true },
  });
  return row?.channel ?? null;
}

export function listPreferences(tx: Tx, tenantId: string, memberId: string) {
  return tx.notificationPreference.findMany({ where: { tenantId, memberId }, select: { kind: true, channel: true } });
}

export function upsertPreference(tx: Tx, tenantId: string, memberId: string, kind: string, channel: NotificationChannel) {
  return tx.notificationPreference.upsert({
    where: { tenantId_memberId_kind: { tenantId, memberId, kind } },
    create: { tenantId, memberId, kind, channel },
    update: { channel },
    select: { kind: true, channel: true },
  });
}

/** The contact-sharing consent that allows a member's details to go to one request's unit: given and not withdrawn. */
export async function hasContactSharingConsent(tx: Tx, tenantId: string, consentId: string, memberId: string, requestId: string) {
  const consent = await tx.consent.findFirst({
    where: { tenantId, id: consentId, memberId, requestId, kind: "CONTACT_SHARING", withdrawnAt: null },
    select: { id: true },
  });
  return consent !== null;
}

// ─── Templates ──────────────────────────────────────────────────────────────────────────────────────────────

const templateSelect = {
  id: true,
  networkId: true,
  kind: true,
  locale: true,
  subject: true,
  body: true,
  version: true,
  updatedAt: true,
} as const;
export type TemplateRow = Prisma.MessageTemplateGetPayload<{ select: typeof templateSelect }>;

/** The tenant's overrides and, when a network is named, that network's. */
export function listTemplates(tx: Tx, tenantId: string, networkId: string | null) {
  return tx.messageTemplate.findMany({
    where: { tenantId, OR: [{ networkId: null }, ...(networkId ? [{ networkId }] : [])] },
    select: templateSelect,
  });
}

export function findTemplate(tx: Tx, tenantId: string, kind: string, locale: string, networkId: string | null) {
  return tx.messageTemplate.findFirst({ where: { tenantId, kind, locale, networkId }, select: templateSelect });
}

export function insertTemplate(
  tx: Tx,
  data: { tenantId: string; networkId: string | null; kind: string; locale: string; subject: string; body: string },
) {
  return tx.messageTemplate.create({ data, select: templateSelect });
}

export async function updateTemplate(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: { subject: string; body: string },
): Promise<number> {
  const { count } = await tx.messageTemplate.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

export async function deleteTemplate(tx: Tx, tenantId: string, id: string, expectedVersion: number): Promise<number> {
  const { count } = await tx.messageTemplate.deleteMany({ where: { tenantId, id, version: expectedVersion } });
  return count;
}

/** Serialises the first save of one template slot, so two admins creating it together get one row and a CONFLICT. */
export async function lockTemplateSlot(tx: Tx, tenantId: string, kind: string, locale: string, networkId: string | null) {
  await advisoryLock(tx, `template:${tenantId}:${networkId ?? "-"}:${kind}:${locale}`);
}

export function findNetwork(tx: Tx, tenantId: string, networkId: string) {
  return tx.network.findFirst({
    where: { tenantId, id: networkId },
    select: { id: true, name: true, contactEmail: true },
  });
}

// ─── The tenant's sender ────────────────────────────────────────────────────────────────────────────────────

const senderSelect = {
  id: true,
  slug: true,
  name: true,
  timeZone: true,
  senderEmail: true,
  senderName: true,
  signatureSv: true,
  signatureEn: true,
  version: true,
} as const;
export type TenantSenderRow = Prisma.TenantGetPayload<{ select: typeof senderSelect }>;

export function findTenantSender(tx: Tx, tenantId: string) {
  return tx.tenant.findUnique({ where: { id: tenantId }, select: senderSelect });
}

export async function updateTenantSender(
  tx: Tx,
  tenantId: string,
  expectedVersion: number,
  data: { senderEmail: string | null; senderName: string | null; signatureSv: string | null; signatureEn: string | null },
): Promise<number> {
  const { count } = await tx.tenant.updateMany({
    where: { id: tenantId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

// ─── The worker ─────────────────────────────────────────────────────────────────────────────────────────────

/** Tenants the worker serves. The tenant table is platform data (no row-level security); outbox rows are not. */
export function listActiveTenantIds(system: PrismaClient) {
  return system.tenant.findMany({ where: { retiredAt: null }, select: { id: true }, orderBy: { id: "asc" } });
}

/**
 * Claims up to `limit` due messages of one tenant for `workerId` until the lease ends: PENDING ones whose time has
 * come, and SENDING ones whose lease has lapsed (their worker crashed or hung). `FOR UPDATE SKIP LOCKED` lets workers
 * claim side by side without waiting for or doubling each other; the claim commits before anything is sent, so the
 * lease (not a held lock) is what keeps others off while the SMTP conversation runs. The attempt is counted here, so
 * a message that crashes every worker that takes it still ends as FAILED.
 */
export function claimDueMessages(tx: Tx, tenantId: string, workerId: string, leaseMs: number, limit: number) {
  const due = db
    .selectFrom("OutboxMessage as d")
    .select("d.id")
    .where("d.tenantId", "=", tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb("d.status", "=", "PENDING"), eb("d.nextAttemptAt", "<=", sql<Date>`now()`)]),
        eb.and([eb("d.status", "=", "SENDING"), eb("d.lockedUntil", "<", sql<Date>`now()`)]),
      ]),
    )
    .orderBy("d.nextAttemptAt")
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return rows(
    tx,
    db
      .updateTable("OutboxMessage as m")
      .set((eb) => ({
        status: "SENDING",
        lockedBy: workerId,
        lockedUntil: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000}::double precision)`,
        attempts: eb("m.attempts", "+", 1),
      }))
      .where("m.tenantId", "=", tenantId)
      .where("m.id", "in", due)
      .returning(["m.id", "m.tenantId", "m.kind", "m.idempotencyKey", "m.recipient", "m.locale", "m.payload", "m.networkId", "m.attempts"]),
  );
}

/** A message this worker holds until its lease ends: what it needs to compose and send it. */
export type ClaimedMessage = Awaited<ReturnType<typeof claimDueMessages>>[number];

/**
 * Settles a claimed message, fenced by the lease: only the worker that still holds it may record the outcome. Returns
 * false when the lease had lapsed and another worker took the message over.
 */
export async function settleMessage(
  tx: Tx,
  tenantId: string,
  id: string,
  workerId: string,
  outcome: { status: Extract<OutboxStatus, "SENT" | "PENDING" | "FAILED">; retryInMs?: number; error?: string },
): Promise<boolean> {
  const settled = db
    .updateTable("OutboxMessage")
    .set({
      status: outcome.status,
      lockedBy: null,
      lockedUntil: null,
      lastError: outcome.error ?? null,
      sentAt: outcome.status === "SENT" ? sql<Date>`now()` : null,
      // A message to retry is due again after the pause; a sent or failed one keeps the time it was last due.
      ...(outcome.status === "PENDING"
        ? { nextAttemptAt: sql<Date>`now() + make_interval(secs => ${(outcome.retryInMs ?? 0) / 1000}::double precision)` }
        : {}),
    })
    .where("tenantId", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "SENDING")
    .where("lockedBy", "=", workerId);
  const count = await execute(tx, settled);
  return count === 1;
}

/**
 * Gives a claim back without an outcome — the worker could not compose or record it (the database went away), or never
 * got to it — so the message is due again at once, for any worker, instead of waiting SENDING until the lease lapses.
 * Nothing was sent, so the attempt the claim counted is returned. Fenced like `settleMessage`.
 */
export async function releaseClaim(tx: Tx, tenantId: string, id: string, workerId: string): Promise<boolean> {
  const released = db
    .updateTable("OutboxMessage")
    .set({
      status: "PENDING",
      lockedBy: null,
      lockedUntil: null,
      attempts: sql<number>`GREATEST("attempts" - 1, 0)`,
      nextAttemptAt: sql<Date>`now()`,
    })
    .where("tenantId", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "SENDING")
    .where("lockedBy", "=", workerId);
  const count = await execute(tx, released);
  return count === 1;
}

// ─── Admin and development views ────────────────────────────────────────────────────────────────────────────

const outboxSelect = {
  id: true,
  tenantId: true,
  kind: true,
  recipient: true,
  locale: true,
  payload: true,
  networkId: true,
  memberId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  createdAt: true,
  sentAt: true,
} as const;
export type OutboxRow = Prisma.OutboxMessageGetPayload<{ select: typeof outboxSelect }>;

/** Newest first; the cursor is the last id seen (ids are time-ordered uuid v7). */
export async function listOutbox(
  tx: Tx,
  tenantId: string,
  filter: { status: OutboxStatus | null; networks?: "ALL" | readonly string[] },
  page: PageRequest,
): Promise<{ rows: OutboxRow[]; total: number }> {
  const where: Prisma.OutboxMessageWhereInput = {
    tenantId,
    ...(filter.status ? { status: filter.status } : {}),
    // Only the messages of these networks (a message of no network is then left out).
    ...(filter.networks && filter.networks !== "ALL" ? { networkId: { in: [...filter.networks] } } : {}),
  };
  const [rows, total] = await Promise.all([
    tx.outboxMessage.findMany({
      where: page.afterId ? { AND: [where, { id: { lt: page.afterId } }] } : where,
      select: outboxSelect,
      orderBy: { id: "desc" },
      take: page.take + 1,
    }),
    tx.outboxMessage.count({ where }),
  ]);
  return { rows, total };
}

export function findOutboxMessage(tx: Tx, tenantId: string, id: string) {
  return tx.outboxMessage.findFirst({ where: { tenantId, id }, select: outboxSelect });
}

/** A FAILED message back in the queue, with fresh attempts (an admin fixed the address or the SMTP settings). */
export async function requeueFailed(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const { count } = await tx.outboxMessage.updateMany({
    where: { tenantId, id, status: "FAILED" },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lastError: null },
  });
  return count === 1;
}

// ─── What the enqueue helpers read ──────────────────────────────────────────────────────────────────────────

const memberContactSelect = {
  id: true,
  givenName: true,
  familyName: true,
  email: true,
  phone: true,
  preferredLocale: true,
  erasedAt: true,
  restrictedAt: true,
} as const;

export function findMemberContact(tx: Tx, tenantId: string, memberId: string) {
  return tx.member.findFirst({ where: { tenantId, id: memberId }, select: memberContactSelect });
}

export function findGuardians(tx: Tx, tenantId: string, memberId: string) {
  return tx.guardian.findMany({ where: { tenantId, memberId }, select: { id: true, name: true, email: true }, orderBy: { id: "asc" } });
}

export function findTenantLocale(tx: Tx, tenantId: string) {
  return tx.tenant.findUnique({ where: { id: tenantId }, select: { locale: true } });
}

export function findEnrolmentWithSession(tx: Tx, tenantId: string, enrolmentId: string) {
  return tx.trainingEnrolment.findFirst({
    where: { tenantId, id: enrolmentId },
    select: {
      id: true,
      status: true,
      enrolledAt: true,
      memberId: true,
      session: {
        select: { id: true, networkId: true, title: true, startsAt: true, endsAt: true, place: true, digitalLink: true, cancelledAt: true },
      },
    },
  });
}

/** ENROLLED places in sessions that start on the tenant's tomorrow (in its own time zone). */
export function findEnrolmentsStartingTomorrow(tx: Tx, tenantId: string) {
  return rows(
    tx,
    db
      .selectFrom("TrainingEnrolment as e")
      .innerJoin("TrainingSession as s", (join) => join.onRef("s.tenantId", "=", "e.tenantId").onRef("s.id", "=", "e.sessionId"))
      .innerJoin("Tenant as t", "t.id", "e.tenantId")
      .select("e.id")
      .where("e.tenantId", "=", tenantId)
      .where("e.status", "=", "ENROLLED")
      .where("s.cancelledAt", "is", null)
      .where(tomorrowInTenant(sql.ref("s.startsAt"))),
  );
}

/** Confirmed participants of occasions that start on the tenant's tomorrow. */
export function findOccasionParticipantsTomorrow(tx: Tx, tenantId: string) {
  return rows(
    tx,
    db
      .selectFrom("Assignment as a")
      .innerJoin("Occasion as o", (join) => join.onRef("o.tenantId", "=", "a.tenantId").onRef("o.requestId", "=", "a.requestId"))
      .innerJoin("Tenant as t", "t.id", "a.tenantId")
      .select(["a.id as assignmentId", "o.id as occasionId"])
      .where("a.tenantId", "=", tenantId)
      .where("a.status", "=", "CONFIRMED")
      .where("o.cancelledAt", "is", null)
      .where(tomorrowInTenant(sql.ref("o.startsAt"))),
  );
}

/** `startsAt` falls on the tenant's tomorrow, in the tenant's own time zone (the query joins the tenant as `t`). */
function tomorrowInTenant(startsAt: RawBuilder<unknown>) {
  return sql<boolean>`(${startsAt} AT TIME ZONE t."timeZone")::date = (now() AT TIME ZONE t."timeZone")::date + 1`;
}

const requestSummarySelect = {
  id: true,
  networkId: true,
  unitId: true,
  title: true,
  purpose: true,
  expectations: true,
  preparation: true,
  compensationOffered: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  unit: { select: { name: true, organisation: { select: { name: true } } } },
  occasions: {
    where: { cancelledAt: null },
    select: { id: true, startsAt: true, endsAt: true, place: true, digitalLink: true },
    orderBy: { startsAt: "asc" },
  },
} as const;

export function findInvitationForMessage(tx: Tx, tenantId: string, invitationId: string) {
  return tx.invitation.findFirst({
    where: { tenantId, id: invitationId },
    select: {
      id: true,
      status: true,
      memberId: true,
      message: true,
      invitedAt: true,
      expiresAt: true,
      respondedAt: true,
      declineReason: true,
      contactConsentId: true,
      contactReleasedAt: true,
      request: { select: requestSummarySelect },
    },
  });
}

export function findAssignmentForMessage(tx: Tx, tenantId: string, assignmentId: string) {
  return tx.assignment.findFirst({
    where: { tenantId, id: assignmentId },
    select: { id: true, status: true, memberId: true, request: { select: requestSummarySelect } },
  });
}

export function findFeeClaimForMessage(tx: Tx, tenantId: string, feeClaimId: string) {
  return tx.feeClaim.findFirst({
    where: { tenantId, id: feeClaimId },
    select: {
      id: true,
      status: true,
      memberId: true,
      occasionDate: true,
      netOre: true,
      rejectionReason: true,
      version: true,
      assignment: { select: { request: { select: { title: true, networkId: true } } } },
    },
  });
}

export function findClaimIdsOfPayrollExport(tx: Tx, tenantId: string, payrollExportId: string) {
  return tx.feeClaim.findMany({ where: { tenantId, payrollExportId }, select: { id: true }, orderBy: { id: "asc" } });
}

export function findCarriedOutAssignmentIds(tx: Tx, tenantId: string, requestId: string) {
  return tx.assignment.findMany({ where: { tenantId, requestId, status: "CARRIED_OUT" }, select: { id: true }, orderBy: { id: "asc" } });
}

/**
 * Data minimisation: a message delivered more than `days` ago keeps its row (its idempotency key must keep a repeated
 * event from being sent again) but loses its content and most of its address.
 */
export function redactDeliveredMessages(tx: Tx, tenantId: string, days: number) {
  return execute(
    tx,
    db
      .updateTable("OutboxMessage")
      .set({
        payload: sql`'{}'::jsonb`,
        recipient: sql<string>`left("recipient", 1) || '***' || substr("recipient", strpos("recipient", '@'))`,
      })
      .where("tenantId", "=", tenantId)
      .where("status", "=", "SENT")
      .where(sql<boolean>`"payload" <> '{}'::jsonb`)
      .where("sentAt", "<", sql<Date>`now() - make_interval(days => ${days}::int)`),
  );
}
