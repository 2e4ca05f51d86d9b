import type { Database } from "@medverkan/database";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuditWriter } from "../../audit/audit-writer.js";
import { TenantScope } from "../../context/tenant-scope.js";
import { type MailCatcher, startMailCatcher } from "../../testing/mail-catcher.js";
import { openTestDatabase } from "../../testing/test-database.js";
import { enqueueContactRelease, enqueueInvitation, enqueueRegistrationNotices, redactOldDeliveredMessages } from "../enqueue.js";
import { type MailSettings, smtpTransport, stableMessageId } from "../mail-transport.js";
import { claimDueMessages } from "../notification.repository.js";
import { notify } from "../notify.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../outbox-worker.js";

// The outbox against a real database and a real SMTP server: delivered once, retried after failures, never doubled
// by two workers, taken over after a crashed worker's lease, and fenced so a late worker cannot overwrite the outcome.

let database: Database;
let dispose: () => Promise<void>;
let catcher: MailCatcher;
let tenantId: string;
let otherTenantId: string;
let networkId: string;
let memberId: string;
const workers: OutboxWorker[] = [];
const log = pino({ level: "silent" });
const audit = new AuditWriter({ kind: "ANONYMOUS" });

const mail: MailSettings = {
  smtpUrl: null,
  defaultFromAddress: "noreply@medverkan.test",
  defaultFromName: "Medverkan",
  devMailDirectory: null,
  messageIdDomain: "medverkan.test",
  appBaseUrl: "https://app.medverkan.test",
};
const fast: Partial<OutboxWorkerOptions> = { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, batchSize: 5 };

function worker(options: Partial<OutboxWorkerOptions> = {}) {
  const created = new OutboxWorker(database.prisma, smtpTransport(catcher.url), mail, log, { ...fast, ...options });
  workers.push(created);
  return created;
}

const scope = (tenant = tenantId) => new TenantScope(database.prisma, tenant);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function queueInvitationMessage(key: string, recipient = "anna@example.se") {
  return scope().transaction((tx) =>
    notify(tx, {
      kind: "FEEDBACK_REQUESTED",
      tenantId,
      recipient,
      memberId,
      networkId,
      locale: "sv",
      data: { recipientName: "Anna", requestTitle: `Workshop ${key}`, feedbackUrl: "/feedback/1", notDeclared: "dropped" },
      idempotencyKey: key,
    }),
  );
}

const outbox = () => database.prisma.outboxMessage.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase());
  catcher = await startMailCatcher();
  const prisma = database.prisma;
  const tenant = await prisma.tenant.create({
    data: {
      slug: "outbox",
      name: "Region Outbox",
      tokenIssuer: "iss",
      tokenAudience: "aud-outbox",
      senderEmail: "invanarmedverkan@region.test",
      signatureSv: "Utvecklingsledarna",
    },
  });
  tenantId = tenant.id;
  otherTenantId = (await prisma.tenant.create({ data: { slug: "other", name: "Other", tokenIssuer: "iss", tokenAudience: "aud-other" } }))
    .id;
  networkId = (
    await prisma.network.create({
      data: { tenantId, slug: "bank", name: "Intressebanken", careDomain: "MIXED", contactEmail: "bank@region.test" },
    })
  ).id;
  memberId = (
    await prisma.member.create({
      data: { tenantId, givenName: "Anna", familyName: "Andersson", email: "anna@example.se", phone: "+46701234567" },
    })
  ).id;
});

beforeEach(async () => {
  catcher.messages.length = 0;
  catcher.refuseNext(0, 451);
  await database.prisma.outboxMessage.deleteMany({});
  await database.prisma.notificationPreference.deleteMany({});
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((created) => created.stop()));
});

afterAll(async () => {
  await catcher?.close();
  await dispose?.();
});

describe("transactional outbox", () => {
  it("delivers a queued message once, from the tenant's sender, with a stable Message-ID and only declared data stored", async () => {
    expect(await queueInvitationMessage("a")).toBe("QUEUED");
    expect(await queueInvitationMessage("a")).toBe("ALREADY_QUEUED");
    const [row] = await outbox();
    expect(row?.payload).toEqual({ recipientName: "Anna", requestTitle: "Workshop a", feedbackUrl: "/feedback/1" });

    expect(await worker().runOnce()).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(await worker().runOnce()).toMatchObject({ sent: 0 });
    expect(catcher.messages).toHaveLength(1);
    const [message] = catcher.messages;
    expect(message?.from).toBe('"Region Outbox" <invanarmedverkan@region.test>');
    expect(message?.replyTo).toBe("bank@region.test");
    expect(message?.subject).toBe("Hur gick det med Workshop a?");
    expect(message?.text).toContain("Lämna återkoppling: https://app.medverkan.test/feedback/1");
    expect(message?.text).toMatch(/-- \nUtvecklingsledarna\n?$/u);
    expect(message?.messageId).toBe(stableMessageId(tenantId, "FEEDBACK_REQUESTED:a", "medverkan.test"));
    expect(message?.headers.get("auto-submitted")).toBe("auto-generated");
    expect((await outbox())[0]).toMatchObject({ status: "SENT", attempts: 1, lockedBy: null });
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      scope().transaction(async (tx) => {
        await notify(tx, {
          kind: "FEEDBACK_REQUESTED",
          tenantId,
          recipient: "anna@example.se",
          memberId,
          locale: "sv",
          data: {},
          idempotencyKey: "rolled-back",
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outbox()).toEqual([]);
  });

  it("retries after the SMTP server refuses, with backoff, and delivers exactly once", async () => {
    await queueInvitationMessage("retry");
    catcher.refuseNext(1, 451);
    const first = worker();
    expect(await first.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    const [waiting] = await outbox();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting?.lastError).toContain("Try again later");
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1_000);
    await sleep(20);
    expect(await first.runOnce()).toMatchObject({ sent: 1 });
    expect(catcher.messages).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("gives up after the last attempt and keeps the message as FAILED, with the address masked in the error", async () => {
    await queueInvitationMessage("hopeless");
    catcher.refuseNext(10, 451);
    const retrying = worker();
    for (let attempt = 0; attempt < 3; attempt++) {
      await retrying.runOnce();
      await sleep(20);
    }
    expect((await outbox())[0]).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(catcher.messages).toHaveLength(0);
  });

  it("fails at once when the server refuses the recipient for good", async () => {
    await queueInvitationMessage("unknown-user", "nobody.here@example.se");
    catcher.refuseNext(1, 550, "RCPT");
    expect(await worker().runOnce()).toMatchObject({ failed: 1 });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row?.lastError ?? "").not.toContain("nobody.here@");
  });

  it("never sends a message twice when two workers run at the same time", async () => {
    for (let index = 0; index < 24; index++) await queueInvitationMessage(`concurrent-${index}`);
    const reports = await Promise.all([worker().runOnce(), worker().runOnce(), worker().runOnce()]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(24);
    const subjects = catcher.messages.map((message) => message.subject);
    expect(subjects).toHaveLength(24);
    expect(new Set(subjects).size).toBe(24);
    expect((await outbox()).every((row) => row.status === "SENT" && row.attempts === 1)).toBe(true);
  });

  it("takes over a message whose worker crashed mid-send once the lease lapses, and fences the late worker out", async () => {
    await queueInvitationMessage("crash");
    // A worker claims the message and dies before recording anything.
    const [claimed] = await scope().transaction((tx) => claimDueMessages(tx, tenantId, "crashed-worker", 60_000, 10));
    expect(claimed).toBeDefined();
    expect(await worker().runOnce()).toMatchObject({ sent: 0 });
    expect(catcher.messages).toHaveLength(0);

    // The lease lapses (here: shortened); another worker retries, with the same Message-ID as the first try would have had.
    await database.prisma.outboxMessage.updateMany({ where: { tenantId }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect(await worker().runOnce()).toMatchObject({ sent: 1 });
    expect((await outbox())[0]).toMatchObject({ status: "SENT", attempts: 2 });
    expect(catcher.messages[0]?.messageId).toBe(stableMessageId(tenantId, "FEEDBACK_REQUESTED:crash", "medverkan.test"));

    // The crashed worker comes back and tries to record an outcome: its lease is gone, so nothing changes.
    const { settleMessage } = await import("../notification.repository.js");
    const late = await scope().transaction((tx) =>
      settleMessage(tx, tenantId, claimed?.id ?? "", "crashed-worker", { status: "PENDING", retryInMs: 0 }),
    );
    expect(late).toBe(false);
    expect((await outbox())[0]?.status).toBe("SENT");
  });

  it("strips the content and most of the address from messages delivered long ago, keeping the row against resends", async () => {
    await queueInvitationMessage("old");
    await queueInvitationMessage("recent");
    await worker().runOnce();
    const [old] = await outbox();
    await database.prisma.outboxMessage.updateMany({ where: { id: old?.id }, data: { sentAt: new Date(Date.now() - 40 * 86_400_000) } });
    await scope().transaction((tx) => redactOldDeliveredMessages(tx, tenantId));
    const [redacted, kept] = await outbox();
    expect(redacted).toMatchObject({ payload: {}, recipient: "a***@example.se", status: "SENT" });
    expect(kept?.recipient).toBe("anna@example.se");
    expect(await queueInvitationMessage("old")).toBe("ALREADY_QUEUED");
  });

  it("claims only the worker's current tenant's rows inside that tenant's transaction", async () => {
    await queueInvitationMessage("mine");
    const foreign = await scope(otherTenantId).transaction((tx) => claimDueMessages(tx, tenantId, "w", 60_000, 10));
    expect(foreign).toEqual([]);
  });
});

describe("who gets what", () => {
  it("respects a member's NONE, except for legal notices", async () => {
    await database.prisma.notificationPreference.create({ data: { tenantId, memberId, kind: "FEEDBACK_REQUESTED", channel: "NONE" } });
    await database.prisma.notificationPreference.create({ data: { tenantId, memberId, kind: "REGISTRATION_RECEIVED", channel: "NONE" } });
    expect(await queueInvitationMessage("silenced")).toBe("TURNED_OFF_BY_MEMBER");
    await scope().transaction((tx) =>
      enqueueRegistrationNotices(tx, {
        tenantId,
        memberId,
        joined: [{ networkId, status: "REGISTERED" }],
        receivedAt: new Date("2026-02-03T09:12:00Z"),
      }),
    );
    const rows = await outbox();
    expect(rows.map((row) => [row.kind, row.recipient]).sort()).toEqual([
      ["REGISTRATION_QUEUED", "bank@region.test"],
      ["REGISTRATION_RECEIVED", "anna@example.se"],
    ]);
    // The mailbox learns that there is a registration, not who made it.
    const queued = rows.find((row) => row.kind === "REGISTRATION_QUEUED");
    expect(JSON.stringify(queued?.payload)).not.toMatch(/Anna|Andersson|anna@/u);
  });

  it("never lets a member's contact details go to a unit without their contact-sharing consent for that request", async () => {
    const prisma = database.prisma;
    const organisation = await prisma.organisation.create({ data: { tenantId, name: "Kalmar kommun", kind: "MUNICIPALITY" } });
    const unit = await prisma.unit.create({ data: { tenantId, organisationId: organisation.id, name: "Äldreomsorgen" } });
    const type = await prisma.assignmentType.create({ data: { tenantId, key: "workshop", labelSv: "Workshop", labelEn: "Workshop" } });
    const request = await prisma.request.create({
      data: {
        tenantId,
        networkId,
        unitId: unit.id,
        contactName: "Karin Berg",
        contactEmail: "karin.berg@kalmar.test",
        assignmentTypeId: type.id,
        title: "Flytten till särskilt boende",
        purpose: "Förbättra introduktionen",
        numberOfPersons: 1,
        assignmentLength: "ONE_OFF",
      },
    });
    const invitation = await prisma.invitation.create({
      data: { tenantId, requestId: request.id, memberId, expiresAt: new Date(Date.now() + 86_400_000) },
    });

    await scope().transaction((tx) => enqueueInvitation(tx, { tenantId, invitationId: invitation.id }));
    await expect(scope().transaction((tx) => enqueueContactRelease(tx, { tenantId, invitationId: invitation.id }, audit))).rejects.toThrow(
      /nothing was disclosed/u,
    );
    const beforeConsent = await outbox();
    expect(beforeConsent.map((row) => row.kind)).toEqual(["INVITATION"]);
    expect(beforeConsent.filter((row) => row.recipient === "karin.berg@kalmar.test")).toEqual([]);

    const text = await prisma.consentText.create({
      data: { tenantId, kind: "CONTACT_SHARING", version: "1", textSv: "Ja", textEn: "Yes" },
    });
    const consent = await prisma.consent.create({
      data: { tenantId, memberId, kind: "CONTACT_SHARING", consentTextId: text.id, givenBy: "MEMBER", requestId: request.id },
    });
    // Below the release path, notify itself refuses a unit-bound message whose consent is for another request.
    const otherRequest = await prisma.request.create({
      data: { ...request, id: undefined, title: "Annat uppdrag", submittedAt: undefined, updatedAt: undefined, answers: [] },
    });
    await expect(
      scope().transaction((tx) =>
        notify(tx, {
          kind: "CONTACT_DETAILS_RELEASED",
          tenantId,
          recipient: "karin.berg@kalmar.test",
          memberId,
          locale: "sv",
          data: { participantName: "Anna Andersson" },
          idempotencyKey: "wrong-request",
          contactConsent: { consentId: consent.id, memberId, requestId: otherRequest.id },
        }),
      ),
    ).rejects.toThrow(/contact-sharing consent/u);
    expect((await outbox()).filter((row) => row.recipient === "karin.berg@kalmar.test")).toEqual([]);

    await prisma.invitation.update({
      where: { tenantId_id: { tenantId, id: invitation.id } },
      data: { status: "ACCEPTED", contactConsentId: consent.id, contactReleasedAt: new Date() },
    });
    // Consent withdrawn before the release (say, on the waiting list): nothing goes out, and the caller goes on.
    await prisma.consent.update({ where: { tenantId_id: { tenantId, id: consent.id } }, data: { withdrawnAt: new Date() } });
    await scope().transaction((tx) => enqueueContactRelease(tx, { tenantId, invitationId: invitation.id }, audit));
    expect((await outbox()).map((row) => row.kind)).toEqual(["INVITATION"]);
    await prisma.consent.update({ where: { tenantId_id: { tenantId, id: consent.id } }, data: { withdrawnAt: null } });

    await scope().transaction((tx) => enqueueContactRelease(tx, { tenantId, invitationId: invitation.id }, audit));
    await scope().transaction((tx) => enqueueContactRelease(tx, { tenantId, invitationId: invitation.id }, audit));
    expect(await worker().runOnce()).toMatchObject({ sent: 3 });
    const disclosures = await prisma.auditEvent.findMany({ where: { tenantId, action: "DISCLOSE", memberId } });
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]?.purpose).toBe("contact details e-mailed to the requesting unit");
    const toUnit = catcher.messages.filter((message) => message.envelopeTo.includes("karin.berg@kalmar.test"));
    const toMember = catcher.messages.filter((message) => message.envelopeTo.includes("anna@example.se"));
    expect(toUnit).toHaveLength(1);
    expect(toUnit[0]?.text).toContain("E-post: anna@example.se");
    expect(toUnit[0]?.text).toContain("Telefon: +46701234567");
    expect(toMember.map((message) => message.subject).sort()).toEqual([
      "Förfrågan om medverkan: Flytten till särskilt boende",
      "Uppdragsbeskrivning: Flytten till särskilt boende",
    ]);
    const invitationText = toMember.find((message) => message.subject.startsWith("Förfrågan"))?.text ?? "";
    expect(invitationText).toContain(`Tacka ja: https://app.medverkan.test/invitations/${invitation.id}?answer=accept`);
    expect(toMember.find((message) => message.subject.startsWith("Uppdrag"))?.text).toContain(
      "Kontaktperson: Karin Berg, karin.berg@kalmar.test",
    );
  });
});
