import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";

/** How outgoing e-mail leaves Medverkan. */
export interface MailSettings {
  /** `smtp://user:password@host:587` or `smtps://…:465`; null: no SMTP server (see `devMailDirectory`). */
  smtpUrl: string | null;
  /** The sender when a tenant has set none of its own. */
  defaultFromAddress: string;
  defaultFromName: string;
  /** Development without SMTP: each message is written here as an `.eml` file. Null: nothing leaves at all. */
  devMailDirectory: string | null;
  /** The right-hand side of every Message-ID. */
  messageIdDomain: string;
  /** The front end links in messages point to (invitation answers, feedback); null leaves them as paths. */
  appBaseUrl: string | null;
}

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  /** Stable per tenant and idempotency key: a resend after a crash carries the same Message-ID as the first try. */
  messageId: string;
  /** Sorting help for mailboxes (`X-Medverkan-Kind`); carries no personal data. */
  kind: string;
  /** Files sent with the message (an iCalendar file of the occasions or the introduction). */
  attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailTransport {
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP error that will not change on retry: the server refused this recipient for good. */
export function isPermanentRecipientFailure(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: number; command?: string };
  return typeof responseCode === "number" && [550, 551, 553].includes(responseCode) && /RCPT/iu.test(command ?? "");
}

/**
 * `<hash@domain>` from the tenant and the idempotency key. Receiving systems and people can recognise a resend as
 * the same message; mail clients and many servers collapse copies with one Message-ID.
 */
export function stableMessageId(tenantId: string, idempotencyKey: string, domain: string): string {
  const hash = createHash("sha256").update(`${tenantId}\u0000${idempotencyKey}`).digest("hex").slice(0, 40);
  return `<${hash}@${domain}>`;
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo ?? undefined,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    attachments: (mail.attachments ?? []).map((attachment) => ({ ...attachment })),
    headers: {
      // RFC 3834: vacation responders and ticket systems must not answer automatically.
      "Auto-Submitted": "auto-generated",
      "X-Medverkan-Kind": mail.kind,
    },
  };
}

/** Delivery through an SMTP server (pooled connections, timeouts well inside the worker's lease). */
export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  const transporter = nodemailer.createTransport({
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === "smtps:" ? 465 : 587)),
    secure: parsed.protocol === "smtps:",
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    // Local test servers offer no TLS; a real server is upgraded with STARTTLS when it offers it.
    ignoreTLS: parsed.searchParams.get("ignoreTLS") === "true",
  });
  return {
    description: `SMTP ${parsed.hostname}:${parsed.port || (parsed.protocol === "smtps:" ? 465 : 587)}`,
    async send(mail) {
      await transporter.sendMail(message(mail));
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Development without an SMTP server: the complete message (as an SMTP server would receive it) is written to a
 * folder. The file is named after the Message-ID, so a resend overwrites rather than doubles it.
 */
export function folderTransport(directory: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `folder ${directory}`,
    async send(mail) {
      const info = (await transporter.sendMail(message(mail))) as { message: Buffer };
      await mkdir(directory, { recursive: true });
      const name = `${createHash("sha256").update(mail.messageId).digest("hex").slice(0, 24)}.eml`;
      const temporary = join(directory, `.${name}.${process.pid}.tmp`);
      await writeFile(temporary, info.message);
      await rename(temporary, join(directory, name));
    },
    close() {},
  };
}

export function transportFor(settings: MailSettings): MailTransport | null {
  if (settings.smtpUrl) return smtpTransport(settings.smtpUrl);
  if (settings.devMailDirectory) return folderTransport(settings.devMailDirectory);
  return null;
}
