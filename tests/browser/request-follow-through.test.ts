import { readFile } from "node:fs/promises";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoStaff } from "@medverkan/database/seed";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  activePool,
  contactSharingVersion,
  INVITE,
  type InvitationView,
  memberTokens,
  mutate,
  query,
  REQUEST_ASSIGNMENTS,
} from "../invitations/invitations.js";
import { RECORD_FOLLOW_UP, REQUEST, startMatching, submitRequest, transitionRequest } from "../support/requests.js";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { signIn, signOut } from "./sign-in.js";

// The request page after matching (issue 18 of the web app), clicked through in Chromium on the real API and a fresh
// seeded database, the Kalmar way (seeds/003): the unit records the written agreement of a long assignment signed by
// both, the development leader cancels an occasion that will not take place, the unit marks the assignment carried
// out and gives feedback, the development leader reads it and records the follow-up, which closes the request; and a
// unit cancels a request it no longer needs, after confirming, with the reason. Every refusal shows at its field, in
// the person's language; every outcome is checked through the UI and, where the page alone cannot prove it, through
// the API. axe-core checks each new state of the page.

let api: TestApi;
let browser: Browser;
let origin: string;
const prisma = () => api.running.database.prisma;

const staffOf = (role: string, unit?: string) => {
  const person = (demoStaff.kalmar ?? []).find((candidate) => candidate.role === role && (!unit || candidate.unitName === unit));
  if (!person) throw new Error(`no seeded ${role} in Kalmar`);
  return person;
};
const COORDINATOR = staffOf("COORDINATOR").subject;
// The unit of Kalmar's own walk-through (seeds/003): äldreomsorgen in Nybro.
const REQUESTER = "kalmar-requester-7";
const suffix = Date.now().toString(36).slice(-5);
const LONG_TITLE = `Nära vård – brukarråd under våren ${suffix}`;
const CANCELLED_TITLE = `Workshop om trygg hemgång ${suffix}`;

let requesterToken: string;
let coordinatorToken: string;
let longRequestId: string;
let participantName: string;
let assignmentId: string;
let cancelRequestId: string;
let pendingInvitationId: string;

const STOCKHOLM_DATE = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const stockholmDate = (date: Date) => STOCKHOLM_DATE.format(date);
const STOCKHOLM_DATE_TIME = new Intl.DateTimeFormat("sv-SE", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm" });

/** An occasion `days` from now at 09:00–12:00 UTC, on site. */
function occasionIn(days: number): { startsAt: string; endsAt: string; place: string } {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(), place: "Kommunhuset, Nybro" };
}

/** Invites free active members one at a time until one is invited; returns the invitation. */
async function inviteOne(requestId: string, skip: ReadonlySet<string> = new Set()): Promise<InvitationView> {
  const network = await prisma().request.findFirstOrThrow({ where: { id: requestId }, select: { networkId: true } });
  const pool = await activePool(api, coordinatorToken, network.networkId, 8);
  for (const memberId of pool.filter((id) => !skip.has(id))) {
    const invited = await mutate<{ invitations: InvitationView[] }>(api, coordinatorToken, INVITE, {
      requestId,
      memberIds: [memberId],
      message: "Hej! Din erfarenhet passar uppdraget.",
    });
    const invitation = invited.invitations[0];
    if (invited.errors.length === 0 && invitation) return invitation;
  }
  throw new Error("nobody in the pool could be invited");
}

async function openRequest(subject: string, requestId: string, title: string): Promise<{ context: BrowserContext; page: Page }> {
  const person = await newPerson(browser);
  await signIn(person.page, origin, "kalmar", subject);
  await person.page.goto(`${origin}/requests/${requestId}`);
  await person.page.getByRole("heading", { level: 1, name: title }).waitFor();
  return person;
}

const statusOf = (page: Page) => page.getByTestId("request-status").textContent();

/** The text of the error a control's aria-describedby points to, and that the control is marked invalid. */
async function errorAt(page: Page, label: string | RegExp): Promise<string> {
  const control = page.getByLabel(label, { exact: typeof label === "string" });
  await expect.poll(() => control.getAttribute("aria-invalid")).toBe("true");
  const describedBy = ((await control.getAttribute("aria-describedby")) ?? "").split(" ").filter((id) => id.endsWith("-error"));
  expect(describedBy, "the control is described by its error").toHaveLength(1);
  return (await page.locator(`[id="${describedBy[0]}"]`).textContent()) ?? "";
}

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
  requesterToken = await api.signToken({ subject: REQUESTER, audience: "medverkan:kalmar" });
  coordinatorToken = await api.signToken({ subject: COORDINATOR, audience: "medverkan:kalmar" });
  const consentVersion = await contactSharingVersion(api, "kalmar");

  // Scenario: a long assignment (two meetings of a user council) that the development leader has filled: one person
  // accepted and consented to share contact details with the unit.
  longRequestId = await submitRequest(api, requesterToken, {
    title: LONG_TITLE,
    oneOffOrLong: "LONG_TERM",
    numberOfPersons: 1,
    perspectivesSought: ["SERVICE_USER"],
    occasions: [occasionIn(10), occasionIn(24)],
  });
  await startMatching(api, coordinatorToken, longRequestId);
  const invitation = await inviteOne(longRequestId);
  const tokens = await memberTokens(api, "kalmar", [invitation.invitee.memberId]);
  const accepted = await accept(api, tokens.get(invitation.invitee.memberId) as string, invitation.id, consentVersion);
  expect(accepted.errors).toEqual([]);
  participantName = `${invitation.invitee.givenName} ${invitation.invitee.familyName}`;
  assignmentId = accepted.invitation?.assignmentId as string;
  expect(assignmentId).toBeTruthy();

  // Scenario: a one-off workshop still in matching, one invitation awaiting an answer.
  cancelRequestId = await submitRequest(api, requesterToken, { title: CANCELLED_TITLE, occasions: [occasionIn(30)] });
  await startMatching(api, coordinatorToken, cancelRequestId);
  pendingInvitationId = (await inviteOne(cancelRequestId, new Set([invitation.invitee.memberId]))).id;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

interface AssignmentsView {
  request: {
    status: string;
    assignments: Array<{
      id: string;
      agreementSigned: boolean;
      agreementScope: string | null;
      agreementValidFrom: string | null;
      agreementValidTo: string | null;
      agreementSignedByMemberAt: string | null;
      agreementSignedByUnitAt: string | null;
    }>;
  };
}

describe("The request page after matching: agreement, occasions, carried out, feedback, follow-up, cancellation", () => {
  it("the unit reads where the request stands and records the written agreement signed by both; refusals show at their fields", async () => {
    const { context, page } = await openRequest(REQUESTER, longRequestId, LONG_TITLE);
    expect(await statusOf(page)).toBe("Tillsatt");
    expect(await page.getByTestId("request-status-explained").textContent()).toContain("Alla platser är tillsatta");
    const agreement = page.getByRole("article", { name: `Överenskommelse med ${participantName}` });
    await agreement.waitFor();
    expect(await agreement.textContent()).toContain("Ingen underskriven överenskommelse är registrerad än.");
    await expectAccessible(page, "request (unit, agreement due)");

    // The agreement to sign, as a PDF, before anything is recorded.
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      agreement.getByRole("button", { name: `Överenskommelse (PDF): ${participantName}` }).click(),
    ]);
    expect((await readFile(await pdf.path())).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Sent with what it covers but without the signatures: the API refuses each signature at its field; what was
    // typed stays.
    const scope = "Två möten i brukarrådet à tre timmar, läsa underlag inför varje möte och ge synpunkter på förslagen.";
    await agreement.getByLabel(/^Vad överenskommelsen omfattar/).fill(scope);
    await agreement.getByRole("button", { name: "Registrera överenskommelsen" }).click();
    expect(await errorAt(page, /^Datum då den medverkande skrev under/)).toContain("båda parter");
    expect(await errorAt(page, /^Datum då verksamheten skrev under/)).toContain("båda parter");
    expect(await agreement.getByLabel(/^Vad överenskommelsen omfattar/).inputValue()).toBe(scope);
    await expectAccessible(page, "request (unit, agreement with field errors)");
    await screenshot(page, "forfragan-overenskommelse-fel");

    // Signed by the participant yesterday and by the unit today.
    const validFrom = await agreement.getByLabel(/^Gäller från/).inputValue();
    const validTo = await agreement.getByLabel(/^Gäller till och med/).inputValue();
    const request = await prisma().request.findFirstOrThrow({
      where: { id: longRequestId },
      include: { occasions: { orderBy: { startsAt: "asc" } } },
    });
    // The period is prefilled from the first and last occasion.
    expect(validFrom).toBe(stockholmDate(request.occasions[0]?.startsAt as Date));
    expect(validTo).toBe(stockholmDate(request.occasions.at(-1)?.endsAt as Date));
    await agreement.getByLabel(/^Datum då den medverkande skrev under/).fill(stockholmDate(new Date(Date.now() - 86_400_000)));
    await agreement.getByLabel(/^Datum då verksamheten skrev under/).fill(stockholmDate(new Date()));
    await agreement.getByRole("button", { name: "Registrera överenskommelsen" }).click();
    await agreement.getByText(`Överenskommelsen med ${participantName} är registrerad.`, { exact: true }).waitFor();
    await agreement.getByText(`Underskriven av båda. Gäller ${validFrom} till och med ${validTo}.`, { exact: true }).waitFor();
    expect(await agreement.getByRole("button", { name: "Registrera överenskommelsen" }).count()).toBe(0);
    await expectAccessible(page, "request (unit, agreement recorded)");

    // Through the API: signed by both, with the scope and period as entered.
    const data = await query<AssignmentsView>(api, requesterToken, REQUEST_ASSIGNMENTS, { id: longRequestId });
    const place = data.request.assignments.find((candidate) => candidate.id === assignmentId);
    expect(place).toMatchObject({ agreementSigned: true, agreementScope: scope, agreementValidFrom: validFrom, agreementValidTo: validTo });
    expect(new Date(place?.agreementSignedByMemberAt as string).getTime()).toBeLessThan(
      new Date(place?.agreementSignedByUnitAt as string).getTime(),
    );
    await signOut(page);
    await context.close();
  });

  it("the development leader cancels the second occasion, after confirming, with the reason the participants are told", async () => {
    const { context, page } = await openRequest(COORDINATOR, longRequestId, LONG_TITLE);
    const second = await prisma().occasion.findFirstOrThrow({ where: { requestId: longRequestId }, orderBy: { startsAt: "desc" } });
    const when = STOCKHOLM_DATE_TIME.format(second.startsAt);
    const occasions = page.getByRole("region", { name: "Tillfällen" });
    const start = occasions.getByRole("button", { name: `Ställ in tillfället ${when}` });

    // Opened, then kept: nothing changes and the focus is back on the button.
    await start.click();
    await occasions.getByText(`Vill du ställa in tillfället ${when}? Det går inte att ångra.`, { exact: true }).waitFor();
    await occasions.getByRole("button", { name: "Nej, behåll tillfället" }).click();
    await expect.poll(() => page.locator(":focus").getAttribute("aria-label")).toBe(`Ställ in tillfället ${when}`);

    // Confirmed without a reason: the API's rule, at the reason.
    await start.click();
    await occasions.getByRole("button", { name: "Ja, ställ in tillfället" }).click();
    expect(await errorAt(page, /^Varför ställs tillfället in\?/)).toContain("Ange varför tillfället ställs in");
    await expectAccessible(page, "request (coordinator, cancel occasion refused)");
    expect((await prisma().occasion.findFirstOrThrow({ where: { id: second.id } })).cancelledAt).toBeNull();

    const reason = "Lokalen är inte tillgänglig den dagen; vi tar frågorna på det första mötet i stället.";
    await page.getByLabel(/^Varför ställs tillfället in\?/).fill(reason);
    await occasions.getByRole("button", { name: "Ja, ställ in tillfället" }).click();
    await occasions.getByText(`Tillfället ${when} är inställt.`, { exact: true }).waitFor();
    expect(await page.getByTestId(`occasion-cancelled-${second.id}`).textContent()).toContain(`Skäl: ${reason}`);
    expect(await occasions.getByRole("button", { name: `Ställ in tillfället ${when}` }).count()).toBe(0);
    await expectAccessible(page, "request (coordinator, occasion cancelled)");

    const stored = await prisma().occasion.findFirstOrThrow({ where: { id: second.id } });
    expect(stored.cancelledAt).not.toBeNull();
    expect(stored.cancellationReason).toBe(reason);
    await signOut(page);
    await context.close();
  });

  it("after the meeting the unit marks the assignment carried out and gives feedback once", async () => {
    // Scenario: the first meeting has taken place (moved to yesterday, as in the API's end-to-end tests).
    const first = await prisma().occasion.findFirstOrThrow({ where: { requestId: longRequestId, cancelledAt: null } });
    const startsAt = new Date(Date.now() - 86_400_000);
    await prisma().occasion.updateMany({
      where: { id: first.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) },
    });

    const { context, page } = await openRequest(REQUESTER, longRequestId, LONG_TITLE);
    const feedback = page.getByRole("region", { name: "Återkoppling" });
    expect(await feedback.textContent()).toContain("Återkoppling lämnas när uppdraget är markerat som genomfört.");
    await page.getByRole("button", { name: "Markera uppdraget som genomfört" }).click();
    await page.getByText("Uppdraget är markerat som genomfört.", { exact: true }).waitFor();
    await expect.poll(() => statusOf(page)).toBe("Genomförd");
    expect(await page.getByRole("button", { name: "Markera uppdraget som genomfört" }).count()).toBe(0);

    // Sent without a rating: refused at the rating, the comment kept.
    const comment = "Brukarrådet gav oss konkreta förslag om hemgången. Tack för ett gott samarbete!";
    await feedback.getByLabel("Kommentar").fill(comment);
    await feedback.getByRole("button", { name: "Skicka återkoppling" }).click();
    const ratings = feedback.getByRole("group", { name: /^Betyg, från 1/ });
    await expect.poll(() => ratings.getAttribute("aria-describedby")).toBe("feedback-rating-error");
    expect(await page.locator("#feedback-rating-error").textContent()).toContain("Betyg");
    expect(await feedback.getByLabel("Kommentar").inputValue()).toBe(comment);
    await expectAccessible(page, "request (unit, feedback refused)");
    expect(await prisma().feedback.count({ where: { requestId: longRequestId } })).toBe(0);

    await ratings.getByLabel("4", { exact: true }).check();
    await feedback.getByRole("button", { name: "Skicka återkoppling" }).click();
    await feedback.getByText("Tack! Återkopplingen är skickad.", { exact: true }).waitFor();
    const given = page.getByTestId("feedback-given");
    await given.waitFor();
    expect(await given.textContent()).toContain("Betyg 4 av 5");
    expect(await given.textContent()).toContain(comment);
    expect(await feedback.getByRole("button", { name: "Skicka återkoppling" }).count()).toBe(0);
    await expectAccessible(page, "request (unit, feedback given)");
    await screenshot(page, "forfragan-aterkoppling");

    const rows = await prisma().feedback.findMany({ where: { requestId: longRequestId } });
    expect(rows.map((row) => ({ author: row.author, rating: row.rating, comment: row.comment }))).toEqual([
      { author: "UNIT", rating: 4, comment },
    ]);
    const carried = await query<{ request: { status: string; carriedOutAt: string | null } }>(api, requesterToken, REQUEST, {
      id: longRequestId,
    });
    expect(carried.request.status).toBe("CARRIED_OUT");
    expect(carried.request.carriedOutAt).not.toBeNull();
    await signOut(page);
    await context.close();
  });

  it("the development leader sees the follow-up due with the unit's feedback, is refused without a note (in English too), and closes the request", async () => {
    const { context, page } = await openRequest(COORDINATOR, longRequestId, LONG_TITLE);
    const followUp = page.getByRole("region", { name: "Uppföljning" });
    expect(await page.getByTestId("follow-up-due").textContent()).toMatch(
      /^Uppföljning väntar: uppdraget genomfördes .+ \(0 dagar sedan\)\.$/,
    );
    const received = page.getByTestId("feedback-received");
    expect(await received.textContent()).toContain("Verksamheten");
    expect(await received.textContent()).toContain("Betyg 4 av 5");

    // The network's other requests waiting for their follow-up, as openFollowUps lists them.
    const open = await query<{ openFollowUps: { totalCount: number; nodes: Array<{ id: string }> } }>(
      api,
      coordinatorToken,
      "query { openFollowUps(first: 100) { totalCount nodes { id } } }",
    );
    expect(open.openFollowUps.nodes.map((node) => node.id)).toContain(longRequestId);
    const others = open.openFollowUps.totalCount - 1;
    if (others > 0) await expect.poll(() => page.getByTestId("other-follow-ups").getByRole("link").count()).toBe(Math.min(5, others));
    else await followUp.getByText("Inga andra förfrågningar väntar på uppföljning.", { exact: true }).waitFor();
    await expectAccessible(page, "request (coordinator, follow-up due)");

    // In English the API's refusal reads in English, at the note.
    const refusal = await transitionRequest(api, coordinatorToken, RECORD_FOLLOW_UP, { requestId: longRequestId, note: "" });
    expect(refusal.errors.map((error) => error.code)).toEqual(["FOLLOW_UP_NOTE_REQUIRED"]);
    await page.getByRole("button", { name: "In English" }).click();
    const english = page.getByRole("region", { name: "Follow-up" });
    await english.getByRole("button", { name: "Record the follow-up and close the request" }).click();
    expect(await errorAt(page, /^Note from the follow-up/)).toBe(refusal.errors[0]?.messageEn);
    await expectAccessible(page, "request (coordinator, follow-up refused, English)");

    // Back in Swedish, the same refusal in Swedish; the note written, the request closes.
    await page.getByRole("button", { name: "På svenska" }).click();
    await followUp.getByRole("button", { name: "Registrera uppföljningen och avsluta förfrågan" }).click();
    await expect.poll(() => errorAt(page, /^Anteckning från uppföljningen/)).toBe(refusal.errors[0]?.messageSv);
    const note = "Samtal med enheten och med deltagaren: båda nöjda, rådet fortsätter i höst.";
    await page.getByLabel(/^Anteckning från uppföljningen/).fill(note);
    await followUp.getByRole("button", { name: "Registrera uppföljningen och avsluta förfrågan" }).click();
    await followUp.getByText("Uppföljningen är registrerad och förfrågan är avslutad.", { exact: true }).waitFor();
    await expect.poll(() => statusOf(page)).toBe("Uppföljd och avslutad");
    expect(await page.getByTestId("follow-up-done").textContent()).toMatch(/^Uppföljd .+\. Förfrågan är avslutad\.$/);
    expect(await followUp.textContent()).toContain(note);
    await expectAccessible(page, "request (coordinator, followed up)");
    await screenshot(page, "forfragan-uppfoljd");

    const closed = await prisma().request.findFirstOrThrow({ where: { id: longRequestId } });
    expect(closed.status).toBe("FOLLOWED_UP");
    expect(closed.followUpNote).toBe(note);
    expect(closed.closedAt).not.toBeNull();
    await signOut(page);
    await context.close();
  });

  it("the unit cancels a request it no longer needs: a confirmation step, the reason required, pending invitations withdrawn", async () => {
    const { context, page } = await openRequest(REQUESTER, cancelRequestId, CANCELLED_TITLE);
    expect(await statusOf(page)).toBe("Matchning pågår");
    const section = page.getByRole("region", { name: "Avboka förfrågan" });
    const start = section.getByRole("button", { name: "Avboka förfrågan …" });

    // Opened, then kept.
    await start.click();
    await section.getByText(`Vill du avboka ”${CANCELLED_TITLE}”? Det går inte att ångra.`, { exact: true }).waitFor();
    await expectAccessible(page, "request (unit, cancel confirmation)");
    await section.getByRole("button", { name: "Nej, behåll förfrågan" }).click();
    await expect.poll(() => page.locator(":focus").textContent()).toBe("Avboka förfrågan …");
    expect(await statusOf(page)).toBe("Matchning pågår");

    // Confirmed without a reason: refused at the reason.
    await start.click();
    await section.getByRole("button", { name: "Ja, avboka förfrågan" }).click();
    expect(await errorAt(page, /^Varför avbokas förfrågan\?/)).toContain("Ange ett skäl");
    await expectAccessible(page, "request (unit, cancel refused)");
    expect((await prisma().request.findFirstOrThrow({ where: { id: cancelRequestId } })).status).toBe("MATCHING");

    const reason = "Workshopen flyttas till hösten; vi skickar en ny förfrågan då.";
    await page.getByLabel(/^Varför avbokas förfrågan\?/).fill(reason);
    await section.getByRole("button", { name: "Ja, avboka förfrågan" }).click();
    await section.getByText("Förfrågan är avbokad.", { exact: true }).waitFor();
    await expect.poll(() => statusOf(page)).toBe("Avbokad");
    expect(await page.getByTestId("request-status-explained").textContent()).toBe("Förfrågan är avbokad.");
    await page.getByText(`Skäl: ${reason}`, { exact: true }).waitFor();
    await expectAccessible(page, "request (unit, cancelled)");
    await screenshot(page, "forfragan-avbokad");

    const stored = await prisma().request.findFirstOrThrow({ where: { id: cancelRequestId } });
    expect(stored).toMatchObject({ status: "CANCELLED", statusReason: reason });
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { id: pendingInvitationId } });
    expect(invitation.status).toBe("WITHDRAWN");
    await signOut(page);
    await context.close();
  });
});
