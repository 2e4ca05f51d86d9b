import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { type CaughtMail, type MailCatcher, startMailCatcher } from "@medverkan/api/testing/mail-catcher";
import ICAL from "ical.js";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ATTEST,
  type Claim,
  CREATE_EXPORT,
  holdOccasion,
  kr,
  mutate,
  type PayloadError,
  type PayrollExport,
  prepareOne,
  SUBMIT,
  step,
  tokenForSubject,
} from "../fees/fees.js";
import { INVITE, ME_MEMBER, query, RECORD_AGREEMENT } from "../invitations/invitations.js";
import { occasionInDays, startMatching, submitRequest } from "../support/requests.js";

// Issue 17, documents: the fee form per person and occasion (Kalmar's "Arvodesblankett", Jönköping's "Reseräkning utan
// traktamente"), the agreement of a long assignment and the payroll summary as PDFs; occasions and introductions as
// iCalendar files (also attached to the e-mails); every file behind a short-lived link for one document, checked as
// the asker and audited. Files are read back with independent parsers: pdfjs-dist for PDF, ical.js for iCalendar.

/** pdfjs reads the standard 14 fonts (Helvetica, which the PDFs use) from its own package. */
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

let api: TestApi;
let catcher: MailCatcher;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;
let origin: string;
let erasedMembersLink: { token: string; path: string; memberId: string } | null = null;

const LINK = `mutation($input: CreateDownloadLinkInput!) { createDownloadLink(input: $input) {
  link { kind subjectId path fileName contentType expiresAt containsPersonalData } errors { __typename code message } } }`;

interface Link {
  kind: string;
  subjectId: string;
  path: string;
  fileName: string;
  contentType: string;
  expiresAt: string;
  containsPersonalData: boolean;
}

async function linkFor(who: string, kind: string, subjectId: string): Promise<{ link: Link | null; errors: PayloadError[] }> {
  return mutate(api, token(who), LINK, { kind, subjectId });
}

async function download(path: string, language = "sv"): Promise<Response> {
  return fetch(`${origin}${path}`, { headers: { "accept-language": language } });
}

async function pdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS })
    .promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await pdf.destroy();
  return pages.join("\n").replace(/\s+/gu, " ");
}

/** "2 131 kr", written as the domain writes amounts (no Intl: the same on every machine). */
const kronor = (ore: number) =>
  `${String(Math.floor(ore / 100)).replace(/\B(?=(\d{3})+(?!\d))/gu, " ")}${ore % 100 ? `,${String(ore % 100).padStart(2, "0")}` : ""} kr`;

function calendarEvents(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  expect(component.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Stockholm");
  return component.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = vevent.getFirstProperty("dtstart");
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      tzid: start?.getParameter("tzid"),
      local: event.startDate.toString(),
      localEnd: event.endDate.toString(),
      utcStart: event.startDate.toJSDate().toISOString(),
      utcEnd: event.endDate.toJSDate().toISOString(),
    };
  });
}

async function claimFor(tenant: string, occasion: { startsAt: string; endsAt: string; durationMinutes: number; travelMinutes: number }) {
  const held = await holdOccasion(api, {
    tenant,
    requesterToken: token(`${tenant}Requester`),
    memberSubject: `${tenant}-member-1`,
    title: `Dokumenttest ${tenant} ${occasion.startsAt}`,
    ...occasion,
  });
  return { held, claim: await prepareOne(api, token(`${tenant}Coordinator`), held.occasionId) };
}

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
    outbox: { enabled: true, pollIntervalMs: 3_600_000, reminderScanIntervalMs: 3_600_000 },
  });
  origin = new URL(api.url).origin;
  for (const tenant of ["jonkoping", "kalmar", "vgr"]) {
    tokens[`${tenant}Requester`] = await api.tokenFor({ tenant, role: "requester" });
    tokens[`${tenant}Coordinator`] = await api.tokenFor({ tenant, role: "coordinator" });
    tokens[`${tenant}Admin`] = await api.tokenFor({ tenant, role: "tenant-admin" });
    tokens[`${tenant}Member`] = await api.tokenFor({ tenant, role: "member" });
  }
  tokens.jonkopingMember2 = await tokenForSubject(api, "jonkoping", "jonkoping-member-2");
  tokens.kalmarOtherUnit = await tokenForSubject(api, "kalmar", "kalmar-requester-2");
  await api.running.notifications.worker?.idle();
  await api.running.notifications.worker?.runOnce();
  catcher.messages.length = 0;
});

afterAll(async () => {
  await api?.stop();
  await catcher?.close();
});

describe("the fee form per person and occasion (PDF)", () => {
  let jonkoping: Claim;
  let kalmar: Claim;

  it("Jönköping: 'Reseräkning utan traktamente', filled in by the unit and the person, with the computed 2026 full day", async () => {
    // 2026-03-02 09:00–12:45 in Stockholm: 3 h 45 min plus 30 min travel is a full day, 3.6 % of 59 200 = 2 131 kr.
    ({ claim: jonkoping } = await claimFor("jonkoping", {
      startsAt: "2026-03-02T08:00:00Z",
      endsAt: "2026-03-02T11:45:00Z",
      durationMinutes: 225,
      travelMinutes: 30,
    }));
    expect(jonkoping.fee.amountOre).toBe(kr(2131));
    const { link, errors } = await linkFor("jonkopingMember", "FEE_CLAIM_FORM", jonkoping.id);
    expect(errors).toEqual([]);
    expect(link).toMatchObject({ kind: "FEE_CLAIM_FORM", contentType: "application/pdf", containsPersonalData: true });
    expect(new Date(link?.expiresAt as string).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const response = await download(link?.path as string);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="reseraknin.*\.pdf"$/u);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await pdfText(response);
    expect(text).toContain("Reseräkning utan traktamente");
    expect(text).toContain("Fylls i av verksamheten och den medverkande tillsammans");
    expect(text).toContain(jonkoping.participantName);
    expect(text).toContain("2026-03-02");
    expect(text).toContain("09:00–12:45");
    expect(text).toContain("Heldag");
    expect(text).toContain(`Arvode ${kronor(jonkoping.fee.amountOre)}`);
    expect(text).toContain(`Skatteavdrag -${kronor(jonkoping.withholding.amountOre)}`);
    expect(text).toContain(`Att betala ut ${kronor(jonkoping.net.amountOre)}`);
    expect(text).toContain("2 131 kr");
    expect(text).toContain("1 492 kr");
    expect(text).toContain(jonkoping.costCentreCode as string);
    expect(text).toContain("Den medverkandes underskrift");
    expect(text).toContain("Verksamhetens attest");
  });

  it("Kalmar: 'Arvodesblankett', signed by the participant and attested by the development leader; English on request", async () => {
    // 2026-04-14 10:00–11:30 in Stockholm (UTC+2): 1 h 30 min is a short occasion, 0.9 % of 59 200 = 533 kr.
    ({ claim: kalmar } = await claimFor("kalmar", {
      startsAt: "2026-04-14T08:00:00Z",
      endsAt: "2026-04-14T09:30:00Z",
      durationMinutes: 90,
      travelMinutes: 0,
    }));
    const submitted = await step(api, token("kalmarMember"), SUBMIT, { id: kalmar.id, expectedVersion: kalmar.version });
    kalmar = await step(api, token("kalmarCoordinator"), ATTEST, { id: kalmar.id, expectedVersion: submitted.version });
    const { link } = await linkFor("kalmarCoordinator", "FEE_CLAIM_FORM", kalmar.id);
    const text = await pdfText(await download(link?.path as string));
    expect(text).toContain("Arvodesblankett");
    expect(text).toContain("En blankett för varje person och varje tillfälle");
    expect(text).toContain("Attesteras av utvecklingsledare/samordnare");
    expect(text).toContain("10:00–11:30");
    expect(text).toContain(`Arvode ${kronor(kalmar.fee.amountOre)}`);
    expect(text).toContain(`Att betala ut ${kronor(kalmar.net.amountOre)}`);
    expect(text).toMatch(/bekräftat \d{4}-\d{2}-\d{2}/u);
    expect(text).toMatch(/attesterat \d{4}-\d{2}-\d{2}/u);

    const en = await api.graphql<{ createDownloadLink: { link: Link } }>(LINK, {
      token: token("kalmarCoordinator"),
      variables: { input: { kind: "FEE_CLAIM_FORM", subjectId: kalmar.id } },
      headers: { "accept-language": "en" },
    });
    const englishText = await pdfText(await download(en.data?.createDownloadLink.link.path as string));
    expect(englishText).toContain("Fee form");
    expect(englishText).toContain("Participant's signature");
  });

  it("VGR: the unit's 'Blankett för utbetalning av arvode' with the fixed half-day fee, for the unit that attests", async () => {
    const { claim } = await claimFor("vgr", {
      startsAt: "2026-03-10T08:00:00Z",
      endsAt: "2026-03-10T11:00:00Z",
      durationMinutes: 180,
      travelMinutes: 0,
    });
    expect(claim.fee.amountOre).toBe(kr(931));
    const { link, errors } = await linkFor("vgrRequester", "FEE_CLAIM_FORM", claim.id);
    expect(errors).toEqual([]);
    const text = await pdfText(await download(link?.path as string));
    expect(text).toContain("Blankett för utbetalning av arvode");
    expect(text).toContain("Halvdag");
    expect(text).toContain("Arvode 931 kr");
    expect(text).not.toContain("Skatteavdrag");
    expect(text).toContain(`Att betala ut ${kronor(claim.net.amountOre)}`);
  });

  it("puts the payroll summary (PDF) and the payroll file (CSV with a byte-order mark) behind links too", async () => {
    const created = await mutate<{ payrollExport: PayrollExport | null; errors: PayloadError[] }>(
      api,
      token("kalmarAdmin"),
      CREATE_EXPORT,
      {
        periodFrom: "2026-04-01",
        periodTo: "2026-04-30",
      },
    );
    expect(created.errors).toEqual([]);
    const batch = created.payrollExport as PayrollExport;
    const summary = await linkFor("kalmarAdmin", "PAYROLL_SUMMARY", batch.id);
    const text = await pdfText(await download(summary.link?.path as string));
    expect(text).toContain("Löneunderlag – sammanställning av arvoden");
    expect(text).toContain("2026-04-01 – 2026-04-30");
    expect(text).toContain(kalmar.participantName);
    expect(text).toContain(`Att betala ut ${kronor(batch.net.amountOre)}`);
    expect(text).toContain(kronor(kalmar.net.amountOre));

    const file = await linkFor("kalmarAdmin", "PAYROLL_CSV", batch.id);
    const response = await download(file.link?.path as string);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8").slice(1);
    const [header, ...rows] = csv.split("\r\n").filter(Boolean);
    expect(header).toContain("Personreferens;Namn;Ansvarskod;Datum;Kategori;Timmar;Arvode brutto;Förberedelse;Milersättning;Utlägg");
    const row = rows.find((line) => line.endsWith(kalmar.id));
    expect(row).toContain(`;${kalmar.occasionDate};Kort uppdrag;1,50;`);
    expect(row).toContain(`;${(kalmar.net.amountOre / 100).toFixed(2).replace(".", ",")};`);
  });

  it("refuses another member's claim and another unit's; the unit that fills in the form gets it whoever attests", async () => {
    expect((await linkFor("jonkopingMember2", "FEE_CLAIM_FORM", jonkoping.id)).errors).toMatchObject([{ code: "NOT_FOUND" }]);
    // Kalmar's coordinators attest, but the unit fills in the fee form per person and occasion (issue 21).
    expect((await linkFor("kalmarRequester", "FEE_CLAIM_FORM", kalmar.id)).errors).toEqual([]);
    expect((await linkFor("kalmarOtherUnit", "FEE_CLAIM_FORM", kalmar.id)).errors).toMatchObject([{ code: "NOT_FOUND" }]);
    expect((await linkFor("jonkopingMember", "PAYROLL_SUMMARY", kalmar.id)).errors).toMatchObject([{ code: "NOT_FOUND" }]);
  });
});

describe("download links", () => {
  let claim: Claim;
  let other: Claim;
  let link: Link;

  beforeAll(async () => {
    ({ claim } = await claimFor("jonkoping", {
      startsAt: "2026-05-05T07:00:00Z",
      endsAt: "2026-05-05T09:00:00Z",
      durationMinutes: 120,
      travelMinutes: 0,
    }));
    ({ claim: other } = await claimFor("jonkoping", {
      startsAt: "2026-05-06T07:00:00Z",
      endsAt: "2026-05-06T09:00:00Z",
      durationMinutes: 120,
      travelMinutes: 0,
    }));
    link = (await linkFor("jonkopingMember", "FEE_CLAIM_FORM", claim.id)).link as Link;
  });

  it("work for their one document only: another document's id or kind in the path is refused, in Swedish and English", async () => {
    const swapped = link.path.replace(claim.id, other.id);
    const refused = await download(swapped);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as {
      errors: Array<{ message: string; extensions: { reason: string; messages: { sv: string; en: string } } }>;
    };
    expect(body.errors[0]?.extensions.reason).toBe("LINK_FOR_ANOTHER_DOCUMENT");
    expect(body.errors[0]?.message).toBe("Länken gäller ett annat dokument. En länk kan bara användas för det dokument den skapades för.");
    expect(body.errors[0]?.extensions.messages.en).toBe(
      "The link is for another document. A link works only for the document it was made for.",
    );
    const otherKind = await download(link.path.replace("/fee-claim-form/", "/assignment-agreement/"), "en");
    expect(otherKind.status).toBe(403);
    expect(((await otherKind.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(
      /^The link is for another document/u,
    );
    // The link itself still works for its own document.
    expect((await download(link.path)).status).toBe(200);
  });

  it("are refused across tenants: the same secret under another tenant finds nothing", async () => {
    const kalmar = await api.running.database.prisma.tenant.findFirstOrThrow({ where: { slug: "kalmar" }, select: { id: true } });
    const [, , tenantId] = link.path.split("/");
    const foreign = await download(link.path.replace(tenantId as string, kalmar.id));
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { errors: Array<{ extensions: { reason: string } }> }).errors[0]?.extensions.reason).toBe(
      "LINK_NOT_FOUND",
    );
    const guessed = await download(`${link.path.slice(0, -10)}AAAAAAAAAA`);
    expect(guessed.status).toBe(404);
  });

  it("expire after a few minutes", async () => {
    const fresh = (await linkFor("jonkopingMember", "FEE_CLAIM_FORM", claim.id)).link as Link;
    expect((await download(fresh.path)).status).toBe(200);
    // Five minutes pass (the stored expiry is moved back; the clock of the test cannot be moved inside the server).
    await api.running.database.prisma.downloadLink.updateMany({
      where: { subjectId: claim.id, expiresAt: { gt: new Date() } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await download(fresh.path);
    expect(expired.status).toBe(410);
    const body = (await expired.json()) as { errors: Array<{ message: string; extensions: { reason: string; messages: { en: string } } }> };
    expect(body.errors[0]?.extensions.reason).toBe("LINK_EXPIRED");
    expect(body.errors[0]?.message).toMatch(/^Länken har gått ut/u);
    expect(body.errors[0]?.extensions.messages.en).toMatch(/^The link has expired/u);
  });

  it("audit every download of personal data, shown to the member in 'who read my data'", async () => {
    const staffLink = (await linkFor("jonkopingCoordinator", "FEE_CLAIM_FORM", other.id)).link as Link;
    expect((await download(staffLink.path)).status).toBe(200);
    const events = await api.running.database.prisma.auditEvent.findMany({
      where: { subjectId: other.id, purpose: "document downloaded" },
      select: { action: true, memberId: true, subjectType: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "EXPORT", subjectType: "FEE_CLAIM_FORM", memberId: expect.any(String) });
    const log = await api.graphql<{ myDataAccessLog: { nodes: Array<{ purpose: string | null }> } }>(
      "query { myDataAccessLog(first: 100) { nodes { purpose } } }",
      { token: token("jonkopingMember") },
    );
    expect(log.data?.myDataAccessLog.nodes.map((node) => node.purpose)).toContain("document downloaded");
  });

  it("check the asker's grants again when downloading: a revoked coordinator opens nothing", async () => {
    const prisma = api.running.database.prisma;
    const coordinator = await prisma.staffUser.findFirstOrThrow({
      where: { tenant: { slug: "vgr" }, roleGrants: { some: { role: "COORDINATOR", revokedAt: null } } },
      select: { id: true, subject: true },
    });
    const vgrToken = await tokenForSubject(api, "vgr", coordinator.subject);
    const session = await prisma.trainingSession.findFirstOrThrow({
      where: { tenant: { slug: "vgr" }, cancelledAt: null },
      select: { id: true },
      orderBy: { startsAt: "desc" },
    });
    const created = await mutate<{ link: Link }>(api, vgrToken, LINK, { kind: "TRAINING_SESSION_CALENDAR", subjectId: session.id });
    expect(created.link.containsPersonalData).toBe(false);
    const grants = await prisma.roleGrant.findMany({ where: { staffUserId: coordinator.id, revokedAt: null }, select: { id: true } });
    await prisma.roleGrant.updateMany({ where: { id: { in: grants.map((grant) => grant.id) } }, data: { revokedAt: new Date() } });
    try {
      const refused = await download(created.link.path);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { errors: Array<{ extensions: { reason: string } }> }).errors[0]?.extensions.reason).toBe(
        "DOCUMENT_NOT_AVAILABLE",
      );
    } finally {
      await prisma.roleGrant.updateMany({ where: { id: { in: grants.map((grant) => grant.id) } }, data: { revokedAt: null } });
    }
  });
});

describe("iCalendar files in Europe/Stockholm time", () => {
  it("gives an occasion's participant its calendar file: 09:00 local in winter, TZID and VTIMEZONE", async () => {
    const { held } = await claimFor("jonkoping", {
      startsAt: "2026-02-10T08:00:00Z",
      endsAt: "2026-02-10T10:00:00Z",
      durationMinutes: 120,
      travelMinutes: 0,
    });
    const { link, errors } = await linkFor("jonkopingMember", "OCCASION_CALENDAR", held.occasionId);
    expect(errors).toEqual([]);
    expect(link?.containsPersonalData).toBe(false);
    const response = await download(link?.path as string);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = calendarEvents(await response.text());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      uid: `occasion-${held.occasionId}@medverkan`,
      tzid: "Europe/Stockholm",
      local: "2026-02-10T09:00:00",
      localEnd: "2026-02-10T11:00:00",
      utcStart: "2026-02-10T08:00:00.000Z",
      utcEnd: "2026-02-10T10:00:00.000Z",
      location: "Konferensrum 1",
    });
    expect(events[0]?.summary).toMatch(/^Dokumenttest jonkoping/u);
    // The unit that booked it may have it too; another member may not.
    expect((await linkFor("jonkopingRequester", "OCCASION_CALENDAR", held.occasionId)).errors).toEqual([]);
    expect((await linkFor("jonkopingMember2", "OCCASION_CALENDAR", held.occasionId)).errors).toMatchObject([{ code: "NOT_FOUND" }]);
    expect((await linkFor("kalmarCoordinator", "OCCASION_CALENDAR", held.occasionId)).errors).toMatchObject([{ code: "NOT_FOUND" }]);
  });

  it("gives the coordinator an introduction session's calendar file in summer time", async () => {
    const created = await mutate<{ session: { id: string } | null; errors: PayloadError[] }>(
      api,
      token("vgrCoordinator"),
      `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { id } errors { __typename ... on ErrorResult { code message } } } }`,
      {
        networkId: (
          await api.running.database.prisma.network.findFirstOrThrow({ where: { tenant: { slug: "vgr" } }, select: { id: true } })
        ).id,
        title: "Digital introduktion för levande böcker",
        startsAt: "2027-06-17T14:30:00Z",
        endsAt: "2027-06-17T16:00:00Z",
        format: "DIGITAL",
        digitalLink: "https://meet.vgregion.test/intro",
        capacity: 20,
      },
    );
    expect(created.errors).toEqual([]);
    const { link } = await linkFor("vgrCoordinator", "TRAINING_SESSION_CALENDAR", created.session?.id as string);
    const events = calendarEvents(await (await download(link?.path as string)).text());
    expect(events[0]).toMatchObject({
      summary: "Digital introduktion för levande böcker",
      tzid: "Europe/Stockholm",
      local: "2027-06-17T16:30:00",
      localEnd: "2027-06-17T18:00:00",
      utcStart: "2027-06-17T14:30:00.000Z",
    });
  });

  it("attaches the occasions to the invitation e-mail", async () => {
    const requester = await api.signToken({ subject: "kalmar-requester-7", audience: "medverkan:kalmar" });
    const member = await api.signToken({ subject: "kalmar-member-2", audience: "medverkan:kalmar" });
    const me = (await query<{ me: { member: { id: string } } }>(api, member, ME_MEMBER)).me.member;
    const first = occasionInDays(20, 3);
    const requestId = await submitRequest(api, requester, {
      networkSlug: "intressebanken",
      title: "Brukarråd – äldreomsorg i Växjö",
      numberOfPersons: 1,
      occasions: [first, occasionInDays(40, 2)],
    });
    await startMatching(api, token("kalmarCoordinator"), requestId);
    const invited = await mutate<{ errors: PayloadError[] }>(api, token("kalmarCoordinator"), INVITE, { requestId, memberIds: [me.id] });
    expect(invited.errors).toEqual([]);
    const before = catcher.messages.length;
    await api.running.notifications.worker?.runOnce();
    const invitation = catcher.messages.slice(before).find((mail: CaughtMail) => mail.headers.get("x-medverkan-kind") === "INVITATION");
    expect(invitation?.attachments).toHaveLength(1);
    const attachment = invitation?.attachments[0];
    expect(attachment?.contentType).toBe("text/calendar");
    expect(attachment?.filename).toMatch(/\.ics$/u);
    const events = calendarEvents(attachment?.content as string);
    expect(events).toHaveLength(2);
    expect(events[0]?.summary).toBe("Brukarråd – äldreomsorg i Växjö");
    expect(events[0]?.tzid).toBe("Europe/Stockholm");
    expect(events[0]?.utcStart).toBe(new Date(first.startsAt).toISOString());
    expect(events[0]?.location).toBe(first.place);

    // The invited member may put an occasion in the calendar too (kept for the erasure below).
    const occasion = await api.running.database.prisma.occasion.findFirstOrThrow({ where: { requestId }, select: { id: true } });
    const created = await mutate<{ link: Link | null; errors: PayloadError[] }>(api, member, LINK, {
      kind: "OCCASION_CALENDAR",
      subjectId: occasion.id,
    });
    expect(created.errors).toEqual([]);
    erasedMembersLink = { token: member, path: (created.link as Link).path, memberId: me.id };
    expect((await download(erasedMembersLink.path)).status).toBe(200);
  });
});

describe("the agreement of a long assignment (PDF)", () => {
  it("is signed by both, with its period and scope, for the coordinator and the participant", async () => {
    const { held } = await claimFor("kalmar", {
      startsAt: "2026-05-20T07:00:00Z",
      endsAt: "2026-05-20T10:00:00Z",
      durationMinutes: 180,
      travelMinutes: 0,
    });
    const recorded = await mutate<{ errors: PayloadError[] }>(api, token("kalmarCoordinator"), RECORD_AGREEMENT, {
      assignmentId: held.assignmentId,
      validFrom: "2026-05-01",
      validTo: "2026-12-31",
      scope: "Medverkan i förbättringsarbetet: fyra workshoppar och en uppföljning.",
      signedByMemberAt: "2026-04-28T10:00:00Z",
      signedByUnitAt: "2026-04-29T10:00:00Z",
    });
    expect(recorded.errors).toEqual([]);
    const member = await api.running.database.prisma.member.findFirstOrThrow({
      where: { id: held.memberId },
      select: { givenName: true, familyName: true },
    });
    for (const who of ["kalmarCoordinator", "kalmarMember"]) {
      const { link, errors } = await linkFor(who, "ASSIGNMENT_AGREEMENT", held.assignmentId);
      expect(errors).toEqual([]);
      const text = await pdfText(await download(link?.path as string));
      expect(text).toContain("Överenskommelse om medverkan");
      expect(text).toContain(`${member.givenName} ${member.familyName}`);
      expect(text).toContain("2026-05-01 – 2026-12-31");
      expect(text).toContain("fyra workshoppar och en uppföljning");
      expect(text).toContain("undertecknat 2026-04-28");
      expect(text).toContain("undertecknat 2026-04-29");
    }
    expect((await linkFor("jonkopingCoordinator", "ASSIGNMENT_AGREEMENT", held.assignmentId)).errors).toMatchObject([
      { code: "NOT_FOUND" },
    ]);
  });
});

describe("erasure", () => {
  it("forgets the erased member's links: the one they had opens nothing", async () => {
    const link = erasedMembersLink as NonNullable<typeof erasedMembersLink>;
    const erased = await mutate<{ errors: PayloadError[] }>(
      api,
      link.token,
      `mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { __typename ... on ErrorResult { code message } } } }`,
      { confirm: true },
    );
    expect(erased.errors).toEqual([]);
    expect(await api.running.database.prisma.downloadLink.count({ where: { memberId: link.memberId } })).toBe(0);
    const refused = await download(link.path);
    expect(refused.status).toBe(404);
  });
});
