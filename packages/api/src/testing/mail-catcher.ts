import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process: what it accepted is what a mail server would have received. Shared by the
// API's integration tests and the end-to-end tests (`@medverkan/api/testing/mail-catcher`).

export interface CaughtMail {
  envelopeTo: string[];
  from: string;
  replyTo: string | null;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  headers: Map<string, unknown>;
  /** Attached files (the calendar file of an invitation or a booking), their content as UTF-8 text. */
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

export interface MailCatcher {
  url: string;
  messages: CaughtMail[];
  /** The next `count` messages are refused with this code (451: try later; 550: no such recipient). */
  refuseNext(count: number, code: number, at?: "RCPT" | "DATA"): void;
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  /** Runs after a message is accepted, before the server's reply reaches the sender (a fault test stops the database here). */
  afterAccept: ((mail: CaughtMail) => void) | null;
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  let refusals = { count: 0, code: 451, at: "DATA" as "RCPT" | "DATA" };
  const refusal = (at: "RCPT" | "DATA") => {
    if (refusals.count === 0 || refusals.at !== at) return null;
    refusals.count--;
    return Object.assign(new Error(refusals.code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: refusals.code });
  };
  const catcher = { afterAccept: null } as MailCatcher;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(refusal("RCPT"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const refused = refusal("DATA");
          if (refused) return callback(refused);
          const mail: CaughtMail = {
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: parsed.from?.text ?? "",
            replyTo: parsed.replyTo?.text ?? null,
            to: Array.isArray(parsed.to) ? parsed.to.map((to) => to.text).join(", ") : (parsed.to?.text ?? ""),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            messageId: parsed.messageId ?? "",
            headers: parsed.headers,
            attachments: parsed.attachments.map((attachment) => ({
              filename: attachment.filename ?? "",
              contentType: attachment.contentType,
              content: attachment.content.toString("utf8"),
            })),
          };
          messages.push(mail);
          catcher.afterAccept?.(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  Object.assign(catcher, {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    refuseNext(count: number, code: number, at: "RCPT" | "DATA" = "DATA") {
      refusals = { count, code, at };
    },
    async waitFor(count: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return catcher;
}
