import { join } from "node:path";
import type { PrismaClient } from "@medverkan/database";
import type { Logger } from "pino";
import { expireLapsedInvitations } from "../invitation/invitation.repository.js";
import { REMINDER_SCANS } from "./enqueue.js";
import { type MailSettings, transportFor } from "./mail-transport.js";
import { OutboxWorker, type OutboxWorkerOptions, type ReminderScan } from "./outbox-worker.js";

export interface OutboxSettings extends Partial<OutboxWorkerOptions> {
  /** Run the delivery worker in this process (default). Off for an API instance that leaves delivery to others. */
  enabled: boolean;
}

/**
 * What the worker does periodically for every tenant, in that tenant's transaction: the reminder scans, and the expiry
 * of unanswered invitations (reads derive it meanwhile, so a stopped worker only delays the stored status change).
 */
const PERIODIC_SCANS: readonly ReminderScan[] = [...REMINDER_SCANS, (tx, tenantId) => expireLapsedInvitations(tx, tenantId, new Date())];

/** The running notification side of the API: settings the resolvers need, and the in-process worker if any. */
export interface NotificationRuntime {
  mail: MailSettings;
  worker: OutboxWorker | null;
  stop(): Promise<void>;
}

/**
 * The settings resolvers need (the sender defaults for previews, whether development views are open), found from the
 * request context's database client: several API instances in one process (tests) each keep their own.
 */
const settingsByDatabase = new WeakMap<object, { mail: MailSettings; production: boolean }>();

export function notificationSettingsOf(system: object): { mail: MailSettings; production: boolean } {
  // An instance started some other way is treated as production: no development views.
  return settingsByDatabase.get(system) ?? { mail: developmentMailSettings(null), production: true };
}

/**
 * What a configuration without mail settings (a hand-built one, as in tests) gets: delivery to `<data dir>/mail`, or —
 * with no data directory (in memory) — no delivery at all: messages stay in the outbox, where `devOutbox` shows them.
 */
export function developmentMailSettings(dataDirectory: string | null): MailSettings {
  return {
    smtpUrl: null,
    defaultFromAddress: "noreply@medverkan.localhost",
    defaultFromName: "Medverkan",
    devMailDirectory: dataDirectory ? join(dataDirectory, "mail") : null,
    messageIdDomain: "medverkan.localhost",
    appBaseUrl: null,
  };
}

/**
 * Starts the outbox worker in this process. Without SMTP in production nothing is delivered — messages wait in the
 * outbox, none is lost — and the log says so; in development messages go to a folder instead.
 */
export function startNotifications(options: {
  prisma: PrismaClient;
  mail: MailSettings;
  outbox: OutboxSettings;
  production: boolean;
  log: Logger;
}): NotificationRuntime {
  const { prisma, mail, outbox, log } = options;
  settingsByDatabase.set(prisma, { mail, production: options.production });
  const transport = options.production && !mail.smtpUrl ? null : transportFor(mail);
  if (!outbox.enabled || !transport) {
    if (outbox.enabled && options.production) {
      log.warn("no SMTP_URL: notifications are kept in the outbox and not delivered until SMTP is configured");
    }
    transport?.close();
    return { mail, worker: null, stop: async () => {} };
  }
  const worker = new OutboxWorker(prisma, transport, mail, log.child({ component: "outbox" }), outbox, PERIODIC_SCANS);
  worker.start();
  log.info({ transport: transport.description, worker: worker.workerId }, "outbox worker started");
  return { mail, worker, stop: () => worker.stop() };
}
