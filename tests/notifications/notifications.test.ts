import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { type MailCatcher, startMailCatcher } from "@medverkan/api/testing/mail-catcher";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";
import { CREATE_SESSION, digitalSession, ENROL, hoursFromNow } from "../training/training.js";
import {
  DEV_OUTBOX,
  errorCode,
  fieldErrorsOf,
  MESSAGE_TEMPLATES,
  MY_PREFERENCES,
  mutate,
  OUTBOX,
  PREVIEW,
  RESET_TEMPLATE,
  SET_PREFERENCE,
  TENANT_SENDER,
  type Template,
  UPDATE_SENDER,
  UPSERT_TEMPLATE,
} from "./notifications.js";

// Issue 9: e-mail through the transactional outbox, delivered by the in-process worker to a real SMTP server. What the
// server received is what is asserted: who got what, in which language, from whom, once.

let api: TestApi;
let catcher: MailCatcher;
let kalmar: PublicTenant;
let kalmarNetworkId: string;
const KALMAR_MAILBOX = "invanarmedverkan@regionkalmar.se";
const tokens: Record<string, string> = {};

const worker = () => {
  const running = api.running.notifications.worker;
  if (!running) throw new Error("the outbox worker is not running");
  return running;
};

/** Runs the worker until the outbox is empty and returns what the SMTP server received meanwhile. */
/** Where the last delivery's messages ended: a spec sees what was sent after it, whichever pass sent it. */
let delivered = 0;

/** Runs the outbox and answers every message sent since the last call. */
async function deliver() {
  await worker().runOnce();
  const fresh = catcher.messages.slice(delivered);
  delivered = catcher.messages.length;
  return fresh;
}

async function register(overrides: Record<string, unknown> = {}) {
  const input = registrationInput(kalmar, overrides);
  const response = await api.graphql<{ registerMember: { registration: { outcome: string } | null; errors: unknown[] } }>(REGISTER_MEMBER, {
    variables: { input },
  });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.data?.registerMember.errors).toEqual([]);
  return { input, outcome: response.data?.registerMember.registration?.outcome };
}

const to = <Message extends { envelopeTo: string[] }>(messages: Message[], address: string) =>
  messages.filter((message) => message.envelopeTo.includes(address));

beforeAll(async () => {
  catcher = await startMailCatcher();
  api = await startTestApi({
    mail: {
      smtpUrl: catcher.url,
      defaultFromAddress: "noreply@medverkan.test",
      defaultFromName: "Medverkan",
      devMailDirectory: null,
      messageIdDomain: "medverkan.test",
      appBaseUrl: "https://medverkan.test",
    },
    // The specs drive the worker themselves (runOnce); its own polling stays out of the way.
    outbox: {
      enabled: true,
      pollIntervalMs: 3_600_000,
      reminderScanIntervalMs: 3_600_000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    },
  });
  kalmar = await publicTenant(api, "kalmar");
  kalmarNetworkId = kalmar.networks.nodes[0]?.id as string;
  for (const [name, tenant, role] of [
    ["kalmarAdmin", "kalmar", "tenant-admin"],
    ["kalmarCoordinator", "kalmar", "coordinator"],
    ["kalmarRequester", "kalmar", "requester"],
    ["kalmarMember", "kalmar", "member"],
    ["vgrAdmin", "vgr", "tenant-admin"],
  ] as const) {
    tokens[name] = await api.tokenFor({ tenant, role });
  }
  // Anything the seed or a first poll queued is not what these specs look at. The worker's own first pass (started
  // with the server) may still be sending it on a busy machine: wait for it, so it cannot land in a spec's delivery.
  await worker().runOnce();
  await worker().idle();
  delivered = catcher.messages.length;
});

beforeEach(() => {
  catcher.refuseNext(0, 451);
});

afterAll(async () => {
  await api?.stop();
  await catcher?.close();
});

describe("registration (Kalmar, seeds/003: registration → functional mailbox → development leader calls)", () => {
  it("sends the person a receipt in Swedish and Intressebanken's mailbox a notice without personal data, each once", async () => {
    const { input } = await register();
    const email = input.email as string;
    const sent = await deliver();
    expect(sent).toHaveLength(2);
    const [receipt] = to(sent, email);
    expect(receipt?.subject).toBe("Vi har tagit emot din intresseanmälan till Intressebanken");
    expect(receipt?.text).toContain("Hej Testa!");
    expect(receipt?.text).toContain("Region Kalmar län");
    expect(receipt?.text).toContain(`Frågor besvaras på ${KALMAR_MAILBOX}.`);
    expect(receipt?.replyTo).toBe(KALMAR_MAILBOX);
    const [notice] = to(sent, KALMAR_MAILBOX);
    expect(notice?.subject).toBe("Ny intresseanmälan till Intressebanken");
    for (const personal of [input.familyName as string, email, "070"]) expect(notice?.text).not.toContain(personal);
    expect(await deliver()).toEqual([]);
  });

  it("writes to the person in English when that is their language", async () => {
    const { input } = await register({ preferredLocale: "en" });
    const [receipt] = to(await deliver(), input.email as string);
    expect(receipt?.subject).toBe("We have received your registration for Intressebanken");
    expect(receipt?.text).toContain("Hello Testa,");
    expect(receipt?.text).toContain("You have the right to know what we hold about you");
  });

  it("asks the guardian of a child for written consent", async () => {
    const guardianEmail = `guardian.${Date.now()}@example.se`;
    const { outcome } = await register({
      givenName: "Elsa",
      birthDate: "2013-04-02",
      guardian: { name: "Maria Lind", email: guardianEmail, relation: "mamma" },
    });
    expect(outcome).toBe("AWAITING_GUARDIAN_CONSENT");
    const [request] = to(await deliver(), guardianEmail);
    expect(request?.subject).toBe("Ditt samtycke behövs för Elsas anmälan");
    expect(request?.text).toContain("Hej Maria Lind!");
    expect(request?.text).toContain("Eftersom Elsa är under 18 år behöver vi ditt skriftliga samtycke");
  });
});

describe("the tenant's sender and signature", () => {
  it("sends from the region's functional mailbox with its signature once the admin sets them", async () => {
    const current = await api.graphql<{ tenantSender: { version: number; senderEmail: string | null } }>(TENANT_SENDER, {
      token: tokens.kalmarAdmin,
    });
    const version = current.data?.tenantSender.version as number;
    const { value, errors } = await mutate<{ senderEmail: string; version: number }>(
      api,
      tokens.kalmarAdmin as string,
      UPDATE_SENDER,
      {
        senderEmail: "Invanarmedverkan@RegionKalmar.se",
        senderName: "Intressebanken, Region Kalmar län",
        signatureSv: "Utvecklingsledare invånarmedverkan\nRegion Kalmar län",
        signatureEn: "Development leaders, citizen participation\nRegion Kalmar län",
        expectedVersion: version,
      },
      "updateTenantSender",
      "sender",
    );
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ senderEmail: KALMAR_MAILBOX, version: version + 1 });

    const stale = await api.graphql(UPDATE_SENDER, {
      token: tokens.kalmarAdmin,
      variables: { input: { senderName: "X", expectedVersion: version } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    const invalid = await api.graphql(UPDATE_SENDER, {
      token: tokens.kalmarAdmin,
      variables: { input: { senderEmail: "not an address", expectedVersion: version + 1 } },
    });
    expect(fieldErrorsOf(invalid)).toEqual([["input.senderEmail", "INVALID_EMAIL"]]);

    const { input } = await register();
    const [receipt] = to(await deliver(), input.email as string);
    expect(receipt?.from).toBe(`"Intressebanken, Region Kalmar län" <${KALMAR_MAILBOX}>`);
    expect(receipt?.text).toMatch(/\n-- \nUtvecklingsledare invånarmedverkan\nRegion Kalmar län\n?$/u);
    expect(errorCode(await api.graphql(TENANT_SENDER, { token: tokens.kalmarCoordinator }))).toBe("FORBIDDEN");
  });
});

describe("templates per tenant and network", () => {
  const templates = async (token: string, variables: Record<string, unknown>) =>
    (await api.graphql<{ messageTemplates: Template[] }>(MESSAGE_TEMPLATES, { token, variables })).data?.messageTemplates ?? [];
  const upsert = (input: Record<string, unknown>, token = tokens.kalmarAdmin as string) =>
    mutate<Template>(api, token, UPSERT_TEMPLATE, input, "upsertMessageTemplate", "template");

  it("lists the built-in wording of every kind in both languages, with its variables", async () => {
    const all = await templates(tokens.kalmarAdmin as string, {});
    // 16 kinds (the account claim code since sign-in, the intake appointment booked / moved / reminded since issue 21)
    // × Swedish and English
    expect(all.length).toBe(32);
    const invitation = all.find((template) => template.kind === "INVITATION" && template.locale === "EN");
    expect(invitation).toMatchObject({ source: "DEFAULT", version: 0, id: null, legalNotice: false });
    expect(invitation?.variables.map((variable) => variable.name)).toEqual(
      expect.arrayContaining(["acceptUrl", "declineUrl", "requestTitle"]),
    );
    expect(all.find((template) => template.kind === "ASSIGNMENT_DESCRIPTION")?.legalNotice).toBe(true);
    expect(errorCode(await api.graphql(MESSAGE_TEMPLATES, { token: tokens.kalmarCoordinator }))).toBe("FORBIDDEN");
  });

  it("overrides the wording for the tenant and for one network, validates it, and uses it for the next message", async () => {
    const unknown = await api.graphql(UPSERT_TEMPLATE, {
      token: tokens.kalmarAdmin,
      variables: {
        input: { kind: "REGISTRATION_RECEIVED", locale: "SV", subject: "Hej {{personnummer}}", body: "{{> sidhuvud}}", expectedVersion: 0 },
      },
    });
    expect(fieldErrorsOf(unknown)).toEqual([
      ["input.subject", "UNKNOWN_REFERENCE"],
      ["input.body", "UNKNOWN_REFERENCE"],
    ]);

    const tenantWide = await upsert({
      kind: "REGISTRATION_RECEIVED",
      locale: "SV",
      subject: "Välkommen till {{tenantName}}, {{recipientName}}",
      body: "Tack {{recipientName}}!",
      expectedVersion: 0,
    });
    expect(tenantWide.value).toMatchObject({ source: "TENANT", version: 1, networkId: null });
    const again = await api.graphql(UPSERT_TEMPLATE, {
      token: tokens.kalmarAdmin,
      variables: { input: { kind: "REGISTRATION_RECEIVED", locale: "SV", subject: "x", body: "y", expectedVersion: 0 } },
    });
    expect(errorCode(again)).toBe("CONFLICT");

    const forNetwork = await upsert({
      kind: "REGISTRATION_RECEIVED",
      locale: "SV",
      networkId: kalmarNetworkId,
      subject: "Välkommen till {{networkName}}, {{recipientName}}",
      body: "Tack {{recipientName}}! Vi hörs.",
      expectedVersion: 0,
    });
    expect(forNetwork.value).toMatchObject({ source: "NETWORK", version: 1, networkId: kalmarNetworkId });

    const { input } = await register();
    const [receipt] = to(await deliver(), input.email as string);
    expect(receipt?.subject).toBe("Välkommen till Intressebanken, Testa");
    expect(receipt?.text).toMatch(/^Tack Testa! Vi hörs.\n\n-- \n/u);

    const preview = await api.graphql<{ previewMessage: { subject: string; text: string; source: string; from: string } }>(PREVIEW, {
      token: tokens.kalmarAdmin,
      variables: { kind: "REGISTRATION_RECEIVED", locale: "SV", networkId: kalmarNetworkId },
    });
    expect(preview.data?.previewMessage).toMatchObject({ subject: "Välkommen till Intressebanken, Anna Andersson", source: "NETWORK" });
    const draft = await api.graphql<{ previewMessage: { subject: string; text: string } }>(PREVIEW, {
      token: tokens.kalmarAdmin,
      variables: {
        kind: "INVITATION",
        locale: "EN",
        subject: "Join {{requestTitle}}",
        body: "{{#occasions}}{{startsAt}}\n{{/occasions}}{{acceptUrl}}",
      },
    });
    expect(draft.data?.previewMessage.subject).toBe("Join Förbättringsarbete inom äldreomsorgen");
    expect(draft.data?.previewMessage.text).toMatch(
      /^Thursday 12 March 2026 at 09:30\nhttps:\/\/medverkan\.example\.se\/inbjudan\/abc\?svar=ja\n/u,
    );

    const reset = await mutate<Template>(
      api,
      tokens.kalmarAdmin as string,
      RESET_TEMPLATE,
      { kind: "REGISTRATION_RECEIVED", locale: "SV", networkId: kalmarNetworkId, expectedVersion: 1 },
      "resetMessageTemplate",
      "template",
    );
    expect(reset.value).toMatchObject({ source: "TENANT", version: 0, subject: "Välkommen till {{tenantName}}, {{recipientName}}" });
    await mutate(
      api,
      tokens.kalmarAdmin as string,
      RESET_TEMPLATE,
      { kind: "REGISTRATION_RECEIVED", locale: "SV", expectedVersion: 1 },
      "resetMessageTemplate",
      "template",
    );
  });

  it("keeps each tenant's templates to itself", async () => {
    await upsert({
      kind: "FEEDBACK_REQUESTED",
      locale: "EN",
      subject: "Kalmar asks {{recipientName}}",
      body: "Kalmar only",
      expectedVersion: 0,
    });
    const [vgrView] = await templates(tokens.vgrAdmin as string, { kind: "FEEDBACK_REQUESTED" }).then((all) =>
      all.filter((t) => t.locale === "EN"),
    );
    expect(vgrView).toMatchObject({ source: "DEFAULT", version: 0 });
    expect(await templates(tokens.vgrAdmin as string, { networkId: kalmarNetworkId })).toEqual([]);
    const foreign = await upsert(
      { kind: "FEEDBACK_REQUESTED", locale: "EN", networkId: kalmarNetworkId, subject: "x", body: "y", expectedVersion: 0 },
      tokens.vgrAdmin as string,
    );
    expect(foreign.errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);
    const preview = await api.graphql(PREVIEW, {
      token: tokens.vgrAdmin,
      variables: { kind: "INVITATION", locale: "SV", networkId: kalmarNetworkId },
    });
    expect(fieldErrorsOf(preview)).toEqual([["networkId", "UNKNOWN_REFERENCE"]]);
  });
});

describe("member preferences", () => {
  it("lets a member turn off a kind by e-mail but never a legal notice, and not choose for staff messages", async () => {
    const token = tokens.kalmarMember as string;
    const listed = await api.graphql<{ myNotificationPreferences: Array<{ kind: string; channel: string; canTurnOff: boolean }> }>(
      MY_PREFERENCES,
      { token },
    );
    const preferences = listed.data?.myNotificationPreferences ?? [];
    expect(preferences.find((preference) => preference.kind === "INVITATION")).toMatchObject({ channel: "EMAIL", canTurnOff: true });
    expect(preferences.find((preference) => preference.kind === "ASSIGNMENT_DESCRIPTION")).toMatchObject({
      channel: "EMAIL",
      canTurnOff: false,
    });
    expect(preferences.map((preference) => preference.kind)).not.toContain("CONTACT_DETAILS_RELEASED");

    const off = await mutate(
      api,
      token,
      SET_PREFERENCE,
      { kind: "INTRODUCTION_BOOKED", channel: "NONE" },
      "setNotificationPreference",
      "preference",
    );
    expect(off).toMatchObject({ value: { kind: "INTRODUCTION_BOOKED", channel: "NONE" }, errors: [] });
    const legal = await mutate(
      api,
      token,
      SET_PREFERENCE,
      { kind: "ASSIGNMENT_DESCRIPTION", channel: "NONE" },
      "setNotificationPreference",
      "preference",
    );
    expect(legal.errors.map((error) => error.code)).toEqual(["LEGAL_NOTICE_REQUIRED"]);
    const staffKind = await api.graphql(SET_PREFERENCE, { token, variables: { input: { kind: "REGISTRATION_QUEUED", channel: "NONE" } } });
    expect(fieldErrorsOf(staffKind)).toEqual([["input.kind", "NOT_ALLOWED"]]);
    expect(errorCode(await api.graphql(MY_PREFERENCES, { token: tokens.kalmarCoordinator }))).toBe("FORBIDDEN");
  });
});

describe("introductions (booked, and a reminder the day before)", () => {
  it("confirms a booking, reminds once the day before, and respects a member who turned bookings off", async () => {
    const { input } = await register();
    const member = await api.running.database.prisma.member.findFirstOrThrow({
      where: { email: input.email as string },
      select: { id: true },
    });
    const session = await mutate<{ id: string }>(
      api,
      tokens.kalmarCoordinator as string,
      CREATE_SESSION,
      digitalSession(kalmarNetworkId, {
        title: "Introduktion till Intressebanken",
        startsAt: hoursFromNow(24),
        endsAt: hoursFromNow(25.5),
        digitalLink: "https://moten.example.se/kalmar/intro",
      }),
      "createTrainingSession",
      "session",
    );
    expect(session.errors).toEqual([]);
    await deliver();
    const enrolled = await mutate(
      api,
      tokens.kalmarCoordinator as string,
      ENROL,
      { sessionId: session.value?.id, memberId: member.id },
      "createTrainingEnrolment",
      "enrolment",
    );
    expect(enrolled.errors).toEqual([]);
    const [booked] = to(await deliver(), input.email as string);
    expect(booked?.subject).toBe("Du är anmäld till Introduktion till Intressebanken");
    expect(booked?.text).toContain("Länk: https://moten.example.se/kalmar/intro");

    expect(await worker().scanReminders()).toBeGreaterThanOrEqual(1);
    const [reminder] = to(await deliver(), input.email as string);
    expect(reminder?.subject).toBe("Påminnelse: Introduktion till Intressebanken i morgon");
    await worker().scanReminders();
    expect(to(await deliver(), input.email as string)).toEqual([]);

    // The seeded member turned booking confirmations off (previous spec): enrolled, but no e-mail.
    const me = await api.graphql<{ me: { member: { id: string; email: string | null } | null } }>("query { me { member { id email } } }", {
      token: tokens.kalmarMember,
    });
    const seeded = me.data?.me.member;
    expect(seeded?.email).toBeTruthy();
    const seededEnrolment = await mutate(
      api,
      tokens.kalmarCoordinator as string,
      ENROL,
      { sessionId: session.value?.id, memberId: seeded?.id },
      "createTrainingEnrolment",
      "enrolment",
    );
    expect(seededEnrolment.errors).toEqual([]);
    const afterSeeded = await deliver();
    expect(afterSeeded.filter((message) => message.subject.startsWith("Du är anmäld"))).toEqual([]);
    const queuedForSeeded = await api.running.database.prisma.outboxMessage.count({
      where: { memberId: seeded?.id, kind: "INTRODUCTION_BOOKED" },
    });
    expect(queuedForSeeded).toBe(0);
  });
});

describe("delivery when the mail server fails, as the admin sees it", () => {
  it("delays a message while the server refuses, then delivers it once; failures are visible with masked addresses", async () => {
    catcher.refuseNext(2, 451);
    const { input } = await register();
    const email = input.email as string;
    await worker().runOnce();
    const pending = await api.graphql<{
      outboxMessages: { nodes: Array<{ recipient: string; attempts: number; lastError: string | null; status: string }> };
    }>(OUTBOX, { token: tokens.kalmarAdmin, variables: { status: "PENDING", first: 10 } });
    const waiting = pending.data?.outboxMessages.nodes ?? [];
    expect(waiting).toHaveLength(2);
    expect(waiting.every((message) => message.attempts === 1 && message.lastError?.includes("Try again later"))).toBe(true);
    expect(waiting.map((message) => message.recipient)).toContain(`t***@example.se`);
    expect(JSON.stringify(waiting)).not.toContain(email);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const sent = await deliver();
    expect(to(sent, email)).toHaveLength(1);
    expect(await deliver()).toEqual([]);
    expect(errorCode(await api.graphql(OUTBOX, { token: tokens.kalmarCoordinator }))).toBe("FORBIDDEN");
  });
});

describe("development outbox", () => {
  it("shows coordinators and admins the rendered messages in development, and nobody else", async () => {
    const response = await api.graphql<{
      devOutbox: { totalCount: number; nodes: Array<{ to: string; subject: string; text: string; status: string }> };
    }>(DEV_OUTBOX, { token: tokens.kalmarCoordinator, variables: { first: 5 } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.devOutbox.totalCount).toBeGreaterThan(5);
    const [newest] = response.data?.devOutbox.nodes ?? [];
    expect(newest?.subject.length).toBeGreaterThan(0);
    expect(newest?.text).toContain("-- \n");
    expect(errorCode(await api.graphql(DEV_OUTBOX, { token: tokens.kalmarRequester }))).toBe("FORBIDDEN");
    expect(errorCode(await api.graphql(DEV_OUTBOX, { token: tokens.kalmarMember }))).toBe("FORBIDDEN");
  });
});

describe("nothing personal reaches a unit before consent", () => {
  it("sent nothing about a member to any address but the member's own, their guardian's and the network mailbox", async () => {
    const rows = await api.running.database.prisma.outboxMessage.findMany({ select: { kind: true, recipient: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.kind === "CONTACT_DETAILS_RELEASED")).toEqual([]);
    const unitContacts = await api.running.database.prisma.request.findMany({ select: { contactEmail: true } });
    const unitAddresses = new Set(unitContacts.map((request) => request.contactEmail.toLowerCase()));
    expect(catcher.messages.filter((message) => message.envelopeTo.some((address) => unitAddresses.has(address.toLowerCase())))).toEqual(
      [],
    );
  });
});
