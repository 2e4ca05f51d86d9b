import type { NotificationChannel, OutboxStatus, Prisma, PrismaClient } from "@medverkan/database";
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
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`template:${tenantId}:${networkId ?? "-"}:${kind}:${locale}`}, 0))`;
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

export interface ClaimedMessage {
  id: string;
  tenantId: string;
  kind: string;
  idempotencyKey: string;
  recipient: string;
  locale: string;
  payload: Prisma.JsonValue;
  networkId: string | null;
  attempts: number;
}

/**
 * Claims up to `limit` due messages of one tenant for `workerId` until the lease ends: PENDING ones whose time has
 * come, and SENDING ones whose lease has lapsed (their worker crashed or hung). `FOR UPDATE SKIP LOCKED` lets workers
 * claim side by side without waiting for or doubling each other; the claim commits before anything is sent, so the
 * lease (not a held lock) is what keeps others off while the SMTP conversation runs. The attempt is counted here, so
 * a message that crashes every worker that takes it still ends as FAILED.
 */
export function claimDueMessages(tx: Tx, tenantId: string, workerId: string, leaseMs: number, limit: number) {
  return tx.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" AS m
       SET "status" = 'SENDING', "lockedBy" = ${workerId},
           "lockedUntil" = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
           "attempts" = m."attempts" + 1
     WHERE m."tenantId" = ${tenantId}::uuid
       AND m."id" IN (
         SELECT d."id" FROM "OutboxMessage" AS d
          WHERE d."tenantId" = ${tenantId}::uuid
            AND ((d."status" = 'PENDING' AND d."nextAttemptAt" <= now())
              OR (d."status" = 'SENDING' AND d."lockedUntil" < now()))
          ORDER BY d."nextAttemptAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
    RETURNING m."id"::text AS "id", m."tenantId"::text AS "tenantId", m."kind", m."idempotencyKey", m."recipient",
              m."locale", m."payload", m."networkId"::text AS "networkId", m."attempts"`;
}

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
  const error = outcome.error ?? null;
  const retryInSeconds = (outcome.retryInMs ?? 0) / 1000;
  const count = await tx.$executeRaw`
    UPDATE "OutboxMessage"
       SET "status" = ${outcome.status}::"OutboxStatus", "lockedBy" = NULL, "lockedUntil" = NULL,
           "lastError" = ${error},
           "sentAt" = CASE WHEN ${outcome.status} = 'SENT' THEN now() ELSE NULL END,
           "nextAttemptAt" = CASE WHEN ${outcome.status} = 'PENDING'
                                  THEN now() + make_interval(secs => ${retryInSeconds}::double precision)
                                  ELSE "nextAttemptAt" END
     WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${id}::uuid AND "status" = 'SENDING' AND "lockedBy" = ${workerId}`;
  return count === 1;
}

/**
 * Gives a claim back without an outcome — the worker could not compose or record it (the database went away), or never
 * got to it — so the message is due again at once, for any worker, instead of waiting SENDING until the lease lapses.
 * Nothing was sent, so the attempt the claim counted is returned. Fenced like `settleMessage`.
 */
export async function releaseClaim(tx: Tx, tenantId: string, id: string, workerId: string): Promise<boolean> {
  const count = await tx.$executeRaw`
    UPDATE "OutboxMessage"
       SET "status" = 'PENDING', "lockedBy" = NULL, "lockedUntil" = NULL,
           "attempts" = GREATEST("attempts" - 1, 0), "nextAttemptAt" = now()
     WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${id}::uuid AND "status" = 'SENDING' AND "lockedBy" = ${workerId}`;
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
  return tx.$queryRaw<{ id: string }[]>`
    SELECT e."id"::text AS "id"
      FROM "TrainingEnrolment" e
      JOIN "TrainingSession" s ON s."tenantId" = e."tenantId" AND s."id" = e."sessionId"
      JOIN "Tenant" t ON t."id" = e."tenantId"
     WHERE e."tenantId" = ${tenantId}::uuid AND e."status" = 'ENROLLED' AND s."cancelledAt" IS NULL
       AND (s."startsAt" AT TIME ZONE t."timeZone")::date = (now() AT TIME ZONE t."timeZone")::date + 1`;
}

/** Confirmed participants of occasions that start on the tenant's tomorrow. */
export function findOccasionParticipantsTomorrow(tx: Tx, tenantId: string) {
  return tx.$queryRaw<{ assignmentId: string; occasionId: string }[]>`
    SELECT a."id"::text AS "assignmentId", o."id"::text AS "occasionId"
      FROM "Assignment" a
      JOIN "Occasion" o ON o."tenantId" = a."tenantId" AND o."requestId" = a."requestId"
      JOIN "Tenant" t ON t."id" = a."tenantId"
     WHERE a."tenantId" = ${tenantId}::uuid AND a."status" = 'CONFIRMED' AND o."cancelledAt" IS NULL
       AND (o."startsAt" AT TIME ZONE t."timeZone")::date = (now() AT TIME ZONE t."timeZone")::date + 1`;
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
  return tx.$executeRaw`
    UPDATE "OutboxMessage"
       SET "payload" = '{}'::jsonb,
           "recipient" = left("recipient", 1) || '***' || substr("recipient", strpos("recipient", '@'))
     WHERE "tenantId" = ${tenantId}::uuid AND "status" = 'SENT' AND "payload" <> '{}'::jsonb
       AND "sentAt" < now() - make_interval(days => ${days}::int)`;
}
