import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PrismaClient } from "@medverkan/database";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createRequestContext } from "../../context/request-context.js";
import { createLoaders } from "../../schema/loaders.js";
import { folderTransport, isPermanentRecipientFailure, stableMessageId } from "../mail-transport.js";
import { developmentMailSettings, startNotifications } from "../notification-runtime.js";
import { listDevOutbox } from "../outbox-admin.service.js";
import { maskAddresses } from "../outbox-worker.js";

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

const mail = {
  from: { name: "Intressebanken", address: "invanarmedverkan@regionkalmar.se" },
  to: "anna@example.se",
  replyTo: null,
  subject: "Förfrågan om medverkan",
  text: "Hej Anna!\n",
  messageId: stableMessageId("tenant", "INVITATION:1", "medverkan.test"),
  kind: "INVITATION",
};

describe("mail transports", () => {
  it("writes each message once to the development folder, a resend overwriting the same file", async () => {
    const directory = await mkdtemp(join(tmpdir(), "medverkan-mail-"));
    directories.push(directory);
    const transport = folderTransport(join(directory, "mail"));
    await transport.send(mail);
    await transport.send(mail);
    const files = await readdir(join(directory, "mail"));
    expect(files).toHaveLength(1);
    const raw = await readFile(join(directory, "mail", files[0] as string), "utf8");
    expect(raw).toContain(`Message-ID: ${mail.messageId}`);
    expect(raw).toContain("Auto-Submitted: auto-generated");
    expect(raw).toContain("To: anna@example.se");
  });

  it("derives the Message-ID from tenant and idempotency key only", () => {
    expect(stableMessageId("t1", "k", "d.se")).toBe(stableMessageId("t1", "k", "d.se"));
    expect(stableMessageId("t1", "k", "d.se")).not.toBe(stableMessageId("t2", "k", "d.se"));
    expect(stableMessageId("t1", "k", "d.se")).toMatch(/^<[0-9a-f]{40}@d\.se>$/u);
  });

  it("treats only a refused recipient as final, and masks addresses in errors", () => {
    expect(isPermanentRecipientFailure({ responseCode: 550, command: "RCPT TO" })).toBe(true);
    expect(isPermanentRecipientFailure({ responseCode: 451, command: "DATA" })).toBe(false);
    expect(isPermanentRecipientFailure({ responseCode: 535, command: "AUTH PLAIN" })).toBe(false);
    expect(maskAddresses("550 5.1.1 <anna.andersson@example.se>: no such user")).toBe("550 5.1.1 <a***@example.se>: no such user");
  });
});

describe("development outbox", () => {
  it("is refused in production, before any data is read", async () => {
    const prisma = {} as PrismaClient;
    const runtime = startNotifications({
      prisma,
      mail: developmentMailSettings(null),
      outbox: { enabled: false },
      production: true,
      log: pino({ level: "silent" }),
    });
    const ctx = createRequestContext({
      requestId: "r",
      locale: "en",
      actor: {
        kind: "STAFF",
        tenantId: "t",
        subject: "s",
        staffUserId: "u",
        name: "Admin",
        unitId: null,
        grants: [{ role: "TENANT_ADMIN", networkId: null, unitId: null }],
      },
      prisma,
      log: pino({ level: "silent" }),
      createLoaders,
    });
    await expect(listDevOutbox(ctx, {})).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    await runtime.stop();
  });
});
