import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "@medverkan/database";
import { DEFAULT_OUTBOX_RETRY_POLICY, type OutboxRetryPolicy, retryDelayMs } from "@medverkan/domain";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../common/errors/format-error.js";
import { TenantScope, type Tx } from "../context/tenant-scope.js";
import { composeMessage } from "./compose.js";
import { isPermanentRecipientFailure, type MailSettings, type MailTransport, stableMessageId } from "./mail-transport.js";
import { type ClaimedMessage, claimDueMessages, listActiveTenantIds, releaseClaim, settleMessage } from "./notification.repository.js";

// Delivery guarantees, honestly:
//
// - Never lost. A message exists iff the change that caused it committed (it is written in the same transaction).
//   It leaves the outbox only as SENT (the SMTP server accepted it) or FAILED (attempts used up, or the server refused
//   the recipient for good) — FAILED stays visible to the tenant admin, who can put it back in the queue.
// - Never doubled by Medverkan's own doing. The idempotency key is unique per tenant, so a retried mutation or a
//   reminder scan that runs twice queues one message; a claim takes rows with FOR UPDATE SKIP LOCKED and holds them
//   by a lease, so two workers never send the same message side by side; outcomes are fenced by the lease holder.
// - The one window that remains: the SMTP server has accepted the message and the worker dies (or loses the
//   database) before it records SENT. No protocol closes that gap — SMTP has no way to ask "did you get this?" — so
//   the choice is between at-most-once (record "sending" as final before sending: a crash loses the message) and
//   at-least-once (retry after the lease lapses: a crash may send it twice). Medverkan chooses at-least-once, because
//   a lost invitation or contact release is worse than a repeated one, and narrows the window: the SENT update follows
//   the server's 250 reply immediately, SMTP timeouts are far inside the lease, and the resend carries the same
//   Message-ID (derived from tenant + idempotency key) so mail systems and people can recognise it as the same message.
//
// Why not pg-boss: it runs only on a PostgreSQL server (not on the embedded PGlite the default `start` uses), keeps its
// jobs in its own schema outside row-level security (one global queue holding every tenant's personal data, reached
// as the owner role), and would need the job written through its own connection — no longer the caller's
// transaction. The outbox table already is the queue: the same SQL on PGlite and PostgreSQL, tenant-scoped like
// everything else. The worker reads the tenant list (platform data) and claims each tenant's messages inside that
// tenant's own transaction as the application role, so it sees exactly what row-level security lets it see.

export interface OutboxWorkerOptions {
  pollIntervalMs: number;
  /** How long a claim holds; longer than any SMTP conversation (socket timeout 60 s). */
  leaseMs: number;
  batchSize: number;
  retry: OutboxRetryPolicy;
  reminderScanIntervalMs: number;
}

export const DEFAULT_OUTBOX_WORKER_OPTIONS: OutboxWorkerOptions = {
  pollIntervalMs: 2_000,
  leaseMs: 5 * 60_000,
  batchSize: 20,
  retry: DEFAULT_OUTBOX_RETRY_POLICY,
  reminderScanIntervalMs: 10 * 60_000,
};

/** A periodic look for messages that are due because of time, not of a change (reminders). Idempotent by key. */
export type ReminderScan = (tx: Tx, tenantId: string) => Promise<number>;

export interface OutboxRunReport {
  sent: number;
  retried: number;
  failed: number;
  /** Outcomes another worker recorded first, after this one's lease had lapsed. */
  lostLeases: number;
}

const MAX_ERROR_LENGTH = 500;

/** What a worker decided about a claimed message: an outcome to record, or the claim given back (nothing was sent). */
type Settlement =
  | { status: "SENT" }
  | { status: "PENDING"; retryInMs: number; error: string }
  | { status: "FAILED"; error: string }
  | { status: "RELEASE" };

/** A claim this worker holds but could not settle yet (the database went away); settled first on the next pass. */
interface Unsettled {
  message: ClaimedMessage;
  settlement: Settlement;
}

export class OutboxWorker {
  readonly workerId: string;
  private readonly options: OutboxWorkerOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private lastScanAt = 0;
  private readonly unsettled = new Map<string, Unsettled>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly transport: MailTransport,
    private readonly mail: Pick<MailSettings, "defaultFromAddress" | "defaultFromName" | "messageIdDomain" | "appBaseUrl">,
    private readonly log: Logger,
    options: Partial<OutboxWorkerOptions> = {},
    private readonly scans: readonly ReminderScan[] = [],
  ) {
    this.options = { ...DEFAULT_OUTBOX_WORKER_OPTIONS, ...options };
    this.workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Polls until `stop()`. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Resolves when the pass in progress (e.g. the first one `start()` runs at once) has finished. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Finishes the pass in progress (so nothing is left half-recorded), then stops polling and closes the transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    // Give back what this worker still holds, so another instance need not wait for the leases to lapse.
    await this.settleLeftovers({ sent: 0, retried: 0, failed: 0, lostLeases: 0 }).catch((error: unknown) => {
      this.log.warn({ err: error, unsettled: this.unsettled.size }, "outbox claims left to their leases at stop");
    });
    this.transport.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.options.pollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (Date.now() - this.lastScanAt >= this.options.reminderScanIntervalMs) {
        this.lastScanAt = Date.now();
        await this.scanReminders();
      }
      await this.runOnce();
    } catch (error) {
      // The database may be down for a moment; the next tick tries again and nothing committed is lost.
      this.log.warn({ err: error }, "outbox pass failed");
    }
  }

  /** Runs the reminder scans for every tenant; returns how many messages they queued. */
  async scanReminders(): Promise<number> {
    let queued = 0;
    for (const { id: tenantId } of await listActiveTenantIds(this.prisma)) {
      for (const scan of this.scans) {
        queued += await new TenantScope(this.prisma, tenantId).transaction((tx) => scan(tx, tenantId));
      }
    }
    return queued;
  }

  /**
   * One pass: first the claims a failed pass left unsettled, then every tenant's due messages, claimed batch by batch
   * until none is due. When the database goes away mid-batch, the message in hand keeps its outcome (SENT is recorded
   * later, not sent again) and the rest of the batch is given back, so none waits SENDING for its lease to lapse.
   */
  async runOnce(): Promise<OutboxRunReport> {
    const report: OutboxRunReport = { sent: 0, retried: 0, failed: 0, lostLeases: 0 };
    await this.settleLeftovers(report);
    for (const { id: tenantId } of await listActiveTenantIds(this.prisma)) {
      const scope = new TenantScope(this.prisma, tenantId);
      for (;;) {
        const claimed = await scope.transaction((tx) =>
          claimDueMessages(tx, tenantId, this.workerId, this.options.leaseMs, this.options.batchSize),
        );
        if (claimed.length === 0) break;
        for (const [index, message] of claimed.entries()) {
          try {
            await this.deliver(scope, message, report);
          } catch (error) {
            for (const untouched of claimed.slice(index + 1))
              this.unsettled.set(untouched.id, { message: untouched, settlement: { status: "RELEASE" } });
            // The database may be back already (a moment's blip); otherwise the next pass settles them.
            await this.settleLeftovers(report).catch(() => undefined);
            throw error;
          }
        }
        if (claimed.length < this.options.batchSize) break;
      }
    }
    if (report.sent + report.retried + report.failed > 0) this.log.info({ worker: this.workerId, ...report }, "outbox pass");
    return report;
  }

  /** Records what earlier passes could not; throws (keeping the rest) while the database is still away. */
  private async settleLeftovers(report: OutboxRunReport): Promise<void> {
    for (const [id, { message, settlement }] of this.unsettled) {
      await this.settle(new TenantScope(this.prisma, message.tenantId), message, settlement, report);
      this.unsettled.delete(id);
    }
  }

  private async deliver(scope: TenantScope, message: ClaimedMessage, report: OutboxRunReport): Promise<void> {
    let failure: unknown = null;
    let sent = false;
    try {
      const composed = await scope.transaction((tx) =>
        composeMessage(tx, { ...message, data: (message.payload ?? {}) as Record<string, unknown> }, this.mail),
      );
      await this.transport.send({
        from: composed.from,
        to: message.recipient,
        replyTo: composed.replyTo,
        subject: composed.subject,
        text: composed.text,
        messageId: stableMessageId(message.tenantId, message.idempotencyKey, this.mail.messageIdDomain),
        kind: message.kind,
        attachments: composed.attachments,
      });
      sent = true;
    } catch (error) {
      failure = error;
    }
    await this.settle(scope, message, this.settlementOf(message, sent, failure), report);
  }

  private settlementOf(message: ClaimedMessage, sent: boolean, failure: unknown): Settlement {
    if (sent) return { status: "SENT" };
    // Composing needs the database; when it is away, nothing is wrong with the message: give the claim back.
    if (isDatabaseUnavailable(failure)) return { status: "RELEASE" };
    const error = describeError(failure);
    const delay = isPermanentRecipientFailure(failure) ? null : retryDelayMs(message.attempts, this.options.retry, Math.random());
    return delay === null ? { status: "FAILED", error } : { status: "PENDING", retryInMs: delay, error };
  }

  /**
   * Records a settlement, fenced by the lease. When that fails (the database went away), the settlement is kept and
   * recorded by the next pass: a SENT message is then marked sent rather than sent again, as long as the lease holds.
   */
  private async settle(scope: TenantScope, message: ClaimedMessage, settlement: Settlement, report: OutboxRunReport): Promise<void> {
    let settled: boolean;
    try {
      settled = await scope.transaction((tx) =>
        settlement.status === "RELEASE"
          ? releaseClaim(tx, message.tenantId, message.id, this.workerId)
          : settleMessage(tx, message.tenantId, message.id, this.workerId, settlement),
      );
    } catch (error) {
      this.unsettled.set(message.id, { message, settlement });
      throw error;
    }
    if (settlement.status === "RELEASE") return;
    if (!settled) return this.lostLease(message, report);
    if (settlement.status === "SENT") {
      report.sent++;
      return;
    }
    const { error } = settlement;
    const delay = settlement.status === "PENDING" ? settlement.retryInMs : null;
    if (delay === null) {
      report.failed++;
      this.log.error(
        { tenantId: message.tenantId, outboxId: message.id, kind: message.kind, attempts: message.attempts, error },
        "message failed for good",
      );
    } else {
      report.retried++;
      this.log.warn(
        { tenantId: message.tenantId, outboxId: message.id, kind: message.kind, attempts: message.attempts, retryInMs: delay, error },
        "message will be retried",
      );
    }
  }

  private lostLease(message: ClaimedMessage, report: OutboxRunReport): void {
    report.lostLeases++;
    this.log.warn(
      { tenantId: message.tenantId, outboxId: message.id, worker: this.workerId },
      "outbox lease lapsed before the outcome was recorded",
    );
  }
}

/** The error as an admin may read it: no stack, addresses masked, bounded. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return maskAddresses(text).slice(0, MAX_ERROR_LENGTH);
}

/** `anna.andersson@example.se` → `a***@example.se`. */
export function maskAddresses(text: string): string {
  return text.replace(/([\p{L}\p{N}])[\p{L}\p{N}._%+-]*@([\p{L}\p{N}.-]+\.[\p{L}]{2,})/gu, "$1***@$2");
}
