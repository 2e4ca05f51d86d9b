import { startTestApi, type TestApi } from "@medverkan/api/testing";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { personnummer } from "./people.js";
import { signIn, signOut } from "./sign-in.js";

// Kalmar's intake followed through in Chromium (seeds 002/003: "Barn behöver skriftligt samtycke från
// vårdnadshavare"; "utvecklingsledaren ringer upp personen och bokar in ett möte för introduktion"; "löpande
// uppföljning per telefon"), on the real API and a fresh seeded database:
// - a 15-year-old registers interest through the register page: the guardian's fields appear once the personal
//   identity number says she is a minor, every error is shown at its field, nothing typed is lost, and the
//   registration is held for the guardian's consent;
// - the development leader sees her guardian and how to reach them, records the consent and the call;
// - books the introduction meeting (with the API's refusals at their fields), moves it to another time and place,
//   and — once it has started — records it held, moving the membership to active in the same step;
// - logs a follow-up call with the next date, which puts her on the intake queue's list of follow-ups.
// axe-core checks every new state of the pages.

let api: TestApi;
let browser: Browser;
let origin: string;
const prisma = () => api.running.database.prisma;
const TENANT = "kalmar";
const COORDINATOR = "kalmar-coordinator-1";
const suffix = Date.now().toString(36).slice(-5);
const GIVEN_NAME = "Wilma";
const FAMILY_NAME = `Ungström ${suffix}`;
const NAME = `${GIVEN_NAME} ${FAMILY_NAME}`;
const EMAIL = `wilma.${suffix}@example.se`;
const GUARDIAN = { name: "Maria Ungström", relation: "mamma", phone: "070-765 43 21" };
let memberPath: string;
let membershipId: string;

const pad = (n: number) => String(n).padStart(2, "0");

// Fifteen years and a month old: under Kalmar's guardian age (18) whatever the day of the run.
const born = new Date();
born.setFullYear(born.getFullYear() - 15);
born.setDate(born.getDate() - 30);
const BIRTH_DATE = `${born.getFullYear()}-${pad(born.getMonth() + 1)}-${pad(born.getDate())}`;
const MINOR_NUMBER = personnummer(BIRTH_DATE.replaceAll("-", ""), "482");

// The browser runs in Europe/Stockholm, as Kalmar does; the dates typed are that calendar's, whatever this machine's.
const STOCKHOLM = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });

/** A `date` value `days` from today. */
function localDate(days: number): string {
  return STOCKHOLM.format(new Date(Date.now() + days * 86_400_000)).slice(0, 10);
}

/** A `datetime-local` value `days` from today at `hour`:`minute`. */
function localDateTime(days: number, hour: number, minute = 0): string {
  return `${localDate(days)}T${pad(hour)}:${pad(minute)}`;
}

/** An instant as the browser shows it in a `datetime-local` input. */
function inStockholm(instant: Date): string {
  return STOCKHOLM.format(instant).replace(" ", "T");
}

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function membershipStatus(page: Page): Promise<string> {
  return ((await page.locator("[data-testid^='membership-status-']").first().textContent()) ?? "").trim();
}

async function expectInvalid(field: Locator, message: string | RegExp): Promise<void> {
  await expect.poll(() => field.getAttribute("aria-invalid"), { timeout: 30_000 }).toBe("true");
  const id = (await field.getAttribute("id")) as string;
  expect(await field.getAttribute("aria-describedby")).toContain(`${id}-error`);
  // The field may already be invalid from an earlier refusal (the browser's own check before the API's answer), so
  // wait for this message rather than reading the first text that is there.
  const text = () => field.page().locator(`[id="${id}-error"]`).textContent();
  if (typeof message === "string") await expect.poll(text, { timeout: 30_000 }).toContain(message);
  else await expect.poll(text, { timeout: 30_000 }).toMatch(message);
}

/** The coordinator's page of the new member. */
async function openMember(page: Page): Promise<void> {
  await signIn(page, origin, TENANT, COORDINATOR);
  await page.goto(`${origin}${memberPath}`);
  await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
}

async function coordinatorToken(): Promise<string> {
  return api.tokenFor({ tenant: TENANT, role: "coordinator" });
}

describe("Kalmar's intake followed through in the browser", () => {
  it("a minor registers with a guardian through the register page and is held for the guardian's consent", async () => {
    const { context, page } = await newPerson(browser);
    await page.goto(`${origin}/region`);
    await page.locator(`#region-${TENANT}`).check();
    await page.getByRole("button", { name: "Anmäl intresse" }).click();
    await page.getByRole("heading", { level: 1, name: /^Logga in i / }).waitFor();
    // Her e-identification (through a BankID broker, here the development provider) carries her number.
    await page
      .getByRole("button", { name: /^Logga in/ })
      .first()
      .click();
    await page.getByLabel("Välj person").selectOption(`new-citizen:${TENANT}`);
    await page.getByLabel("Personnummer för Ny medborgare").fill(MINOR_NUMBER);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Intresseanmälan" }).waitFor();

    await page.getByRole("checkbox", { name: "Intressebanken" }).check();
    await page.locator("#r-givenName").fill(GIVEN_NAME);
    await page.locator("#r-familyName").fill(FAMILY_NAME);
    await page.locator("#r-email").fill(EMAIL);
    await page.locator("#r-municipality").fill("Kalmar");
    await page.locator("#r-perspective-SERVICE_USER").check();
    await page.locator("#r-experienceText").fill("Har gått i skolan med stöd från elevhälsan och BUP.");
    // No age yet: no guardian asked for.
    expect(await page.locator("#r-guardian").count()).toBe(0);

    // The number says she is fifteen: the birth date is filled in from it, and the guardian's fields appear.
    await page.locator("#r-personalIdentityNumber").fill(MINOR_NUMBER);
    await expect.poll(() => page.locator("#r-birthDate").inputValue()).toBe(BIRTH_DATE);
    expect(await page.locator("#r-birthDate-hint").textContent()).toContain("Hämtat från personnumret.");
    const guardian = page.getByRole("group", { name: "Vårdnadshavare" });
    await guardian.waitFor();
    expect(await guardian.textContent()).toContain("Du är under 18 år.");
    expect(await page.getByRole("status").filter({ hasText: "Uppgifter om vårdnadshavare behövs" }).count()).toBe(1);
    await expectAccessible(page, "register (minor, guardian fields)");
    await screenshot(page, "intag-minderarig-vardnadshavare");

    // Sent without the guardian: the API asks for one, at the guardian's name, linked from the summary.
    await page.locator("#r-consent").check();
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();
    await expectInvalid(page.locator("#r-guardianName"), "under 18 år");
    expect(await page.locator(".error-summary a[href='#r-guardianName']").count()).toBe(1);
    expect(await page.locator("#r-givenName").inputValue()).toBe(GIVEN_NAME);
    await expectAccessible(page, "register (minor, guardian missing)");

    // A guardian with no way to reach them: the API wants a phone or an e-mail, said at the e-mail field. Typed key by
    // key, as a person does: the error summary must not take the focus from the field after each key.
    await page.locator("#r-guardianName").click();
    await page.keyboard.type(GUARDIAN.name);
    expect(await page.locator("#r-guardianName").inputValue()).toBe(GUARDIAN.name);
    await page.locator("#r-guardianRelation").fill(GUARDIAN.relation);
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();
    await expectInvalid(page.locator("#r-guardianEmail"), /telefon/i);
    expect(await page.locator("#r-guardianName").getAttribute("aria-invalid")).toBeNull();

    // A birth date typed over the number's makes her an adult: the fields go, and come back with what was typed.
    await page.locator("#r-birthDate").fill("1990-05-05");
    await expect.poll(() => page.locator("#r-guardian").count()).toBe(0);
    // Sent like that, the API decides the age on the number's own date: the typed one is refused at its field.
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();
    await expectInvalid(page.locator("#r-birthDate"), "stämmer inte med personnumret");
    await page.locator("#r-birthDate").fill(BIRTH_DATE);
    await guardian.waitFor();
    expect(await page.locator("#r-guardianName").inputValue()).toBe(GUARDIAN.name);
    expect(await page.locator("#r-guardianRelation").inputValue()).toBe(GUARDIAN.relation);

    await page.locator("#r-guardianPhone").fill(GUARDIAN.phone);
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();
    await page.waitForURL(/\/my$/);
    await page.getByText("Din vårdnadshavare behöver ge sitt skriftliga samtycke").waitFor();
    await expectAccessible(page, "my pages (awaiting guardian consent)");

    const member = await prisma().member.findFirstOrThrow({
      where: { tenant: { slug: TENANT }, email: EMAIL },
      include: { guardians: true, memberships: true },
    });
    expect(member.birthDate?.toISOString().slice(0, 10)).toBe(BIRTH_DATE);
    expect(member.guardians.map((g) => ({ name: g.name, relation: g.relation, phone: g.phone }))).toEqual([
      { name: GUARDIAN.name, relation: GUARDIAN.relation, phone: "+46707654321" },
    ]);
    expect(member.memberships.map((m) => m.status)).toEqual(["PENDING_GUARDIAN_CONSENT"]);
    memberPath = `/members/${member.id}`;
    membershipId = member.memberships[0]?.id as string;
    await signOut(page);
    await context.close();
  });

  it("the coordinator sees the guardian and how to reach them, records the consent and the call", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, TENANT, COORDINATOR);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Intagskö" }).click();
    const row = page.getByRole("row", { name: new RegExp(NAME) });
    await row.waitFor();
    expect(await row.textContent()).toContain("Väntar på vårdnadshavares samtycke");
    await row.getByRole("link", { name: NAME }).click();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();

    const consent = page.getByRole("region", { name: "Vårdnadshavares samtycke" });
    expect(await consent.textContent()).toContain(`${GUARDIAN.name} (${GUARDIAN.relation}): Saknas`);
    expect(await consent.getByRole("link", { name: "+46707654321" }).getAttribute("href")).toBe("tel:+46707654321");
    await expectAccessible(page, "member (minor registered on the web, guardian)");

    await consent.getByLabel("Vårdnadshavaren har skrivit under samtycket på papper").check();
    await consent.getByRole("button", { name: "Registrera samtycke" }).click();
    await consent.getByText("Samtycket är registrerat. Medlemskapet går vidare till ”Anmäld”.").waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Anmäld");

    const membership = page.locator("section.card").filter({ hasText: "Medlemskap i Intressebanken" });
    await membership.getByLabel("Flytta till").selectOption({ label: "Kontaktad" });
    await membership.getByLabel("Anteckning (sparas i historiken)").fill("Ringt Wilma och hennes mamma.");
    await membership.getByRole("button", { name: "Flytta" }).click();
    await expect.poll(() => membershipStatus(page)).toBe("Kontaktad");
    await signOut(page);
    await context.close();
  });

  it("the coordinator books the introduction meeting, moves it, and records it held, activating the member", async () => {
    const { context, page } = await newPerson(browser);
    await openMember(page);
    const meeting = page.getByRole("region", { name: "Introduktionsmöte" });
    await meeting.getByText("Inget möte är bokat.").waitFor();
    const book = meeting.getByRole("form", { name: "Boka introduktionsmöte" });
    const startsAt = book.getByLabel(/^Börjar/);

    // Nothing given: the start is asked for at its field before anything is sent.
    await book.getByRole("button", { name: "Spara bokningen" }).click();
    await expectInvalid(startsAt, "Ange när mötet börjar.");
    expect(await prisma().intakeAppointment.count({ where: { membershipId } })).toBe(0);

    // A time already past and a link without https: the API's refusals, each at its field; nothing booked.
    await startsAt.fill(localDateTime(-1, 10));
    await book.getByLabel("Videomöte").check();
    const link = book.getByLabel("Möteslänk (https://)");
    await link.fill("meet.kalmar.example/intro");
    await book.getByLabel("Anteckning (visas inte för personen)").fill("Mamma vill vara med.");
    await book.getByRole("button", { name: "Spara bokningen" }).click();
    await expectInvalid(startsAt, "har redan passerat");
    await expectInvalid(link, "https://");
    expect(await book.locator(".error-summary a").count()).toBe(2);
    expect(await book.getByLabel("Anteckning (visas inte för personen)").inputValue()).toBe("Mamma vill vara med.");
    expect(await prisma().intakeAppointment.count({ where: { membershipId } })).toBe(0);
    await expectAccessible(page, "member (appointment refused)");

    // Booked as a video meeting: the contact call is recorded, so Kalmar's rules let the membership move on.
    await startsAt.fill(localDateTime(3, 10));
    await book.getByLabel(/^Slutar/).fill(localDateTime(3, 11));
    await link.fill("https://meet.kalmar.example/intro-wilma");
    await book.getByRole("button", { name: "Spara bokningen" }).click();
    await meeting.getByText("Mötet är bokat.").waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Introduktion bokad");
    const facts = meeting.getByTestId(`appointment-${membershipId}`);
    expect(await facts.textContent()).toContain("Bokat");
    expect(await facts.getByRole("link", { name: "https://meet.kalmar.example/intro-wilma" }).count()).toBe(1);
    expect(await facts.textContent()).toContain("Mamma vill vara med.");
    await expectAccessible(page, "member (appointment booked)");
    const booked = await prisma().intakeAppointment.findFirstOrThrow({ where: { membershipId } });
    expect(booked).toMatchObject({ status: "BOOKED", digitalLink: "https://meet.kalmar.example/intro-wilma", place: null });
    expect(inStockholm(booked.startsAt)).toBe(localDateTime(3, 10));

    // Moved to another day, in person: the video link goes, the earlier time is kept.
    await meeting.getByText("Ny tid för mötet").click();
    const reschedule = meeting.locator("details form");
    await reschedule.getByLabel(/^Börjar/).fill(localDateTime(5, 13, 30));
    await reschedule.getByLabel(/^Slutar/).fill(localDateTime(5, 14, 30));
    await reschedule.getByLabel("På plats").check();
    await reschedule.getByLabel("Plats (adress, rum)").fill("Kommunförbundet, Storgatan 1, Kalmar");
    await reschedule.getByRole("button", { name: "Spara den nya tiden" }).click();
    await meeting.getByText(/^Mötet är flyttat till /).waitFor();
    await expect.poll(() => facts.textContent()).toContain("Ombokat");
    expect(await facts.textContent()).toContain("Kommunförbundet, Storgatan 1, Kalmar");
    expect(await meeting.getByRole("heading", { name: "Tidigare tider" }).count()).toBe(1);
    await expectAccessible(page, "member (appointment rescheduled)");
    await screenshot(page, "intag-introduktionsmote-ombokat");
    const moved = await prisma().intakeAppointment.findFirstOrThrow({ where: { id: booked.id } });
    expect(moved).toMatchObject({ status: "RESCHEDULED", place: "Kommunförbundet, Storgatan 1, Kalmar", digitalLink: null });
    expect(inStockholm(moved.startsAt)).toBe(localDateTime(5, 13, 30));
    expect(moved.previousTimes).toHaveLength(1);

    // Held before it has started: the API refuses, and says why.
    const outcome = meeting.getByRole("form", { name: "Hur gick mötet?" });
    await outcome.getByRole("button", { name: "Registrera utfallet" }).click();
    const choices = outcome.getByRole("group", { name: /^Utfall/ });
    await expect.poll(() => outcome.getByLabel("Mötet hölls").getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await choices.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe("Välj hur mötet gick.");
    await outcome.getByLabel("Mötet hölls").check();
    await outcome.getByRole("button", { name: "Registrera utfallet" }).click();
    const refusal = outcome.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("Mötet har inte börjat än");
    await expectAccessible(page, "member (appointment outcome refused)");
    expect((await prisma().intakeAppointment.findFirstOrThrow({ where: { id: booked.id } })).status).toBe("RESCHEDULED");

    // Scenario: the meeting day has come (the appointment moves to an hour ago, as in the API's end-to-end tests).
    await prisma().intakeAppointment.updateMany({
      where: { id: booked.id },
      data: { startsAt: new Date(Date.now() - 3_600_000), endsAt: null },
    });
    await page.reload();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await outcome.getByLabel("Mötet hölls").check();
    await outcome.getByLabel("Flytta samtidigt medlemskapet till").selectOption({ label: "Aktiv" });
    await outcome.getByLabel("Anteckning (visas inte för personen)").fill("Introduktionen hölls; Wilma vill börja med enkäter.");
    await outcome.getByRole("button", { name: "Registrera utfallet" }).click();
    await meeting.getByText("Utfallet är registrerat: Mötet hölls. Medlemskapet är nu: Aktiv.").waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Aktiv");
    expect(await meeting.getByText("Inget möte är bokat.").count()).toBe(1);
    await meeting.getByText("Tidigare möten").click();
    expect(await meeting.locator("details").last().textContent()).toContain("Genomfört");
    await expectAccessible(page, "member (appointment held)");

    // Through the API: the appointment held, the membership active with the introduction meeting recorded.
    const read = await api.graphql<{
      intakeAppointment: { status: string; note: string | null };
      membership: { status: string; introductionHeldAt: string | null };
    }>(
      `query($id: ID!, $membershipId: ID!) { intakeAppointment(id: $id) { status note } membership(id: $membershipId) { status introductionHeldAt } }`,
      {
        token: await coordinatorToken(),
        variables: { id: booked.id, membershipId },
      },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.intakeAppointment).toEqual({ status: "HELD", note: "Introduktionen hölls; Wilma vill börja med enkäter." });
    expect(read.data?.membership.status).toBe("ACTIVE");
    expect(read.data?.membership.introductionHeldAt).not.toBeNull();
    await signOut(page);
    await context.close();
  });

  it("the coordinator logs a follow-up call with the next date, and finds her among the follow-ups due", async () => {
    const { context, page } = await newPerson(browser);
    await openMember(page);
    const log = page.getByRole("region", { name: "Uppföljning" });
    await log.getByText("Ingen kontakt är loggad ännu.").waitFor();
    const form = log.getByRole("form", { name: "Logga en kontakt" });
    const note = "Ringde Wilma: enkäten om elevhälsan passar henne.";

    // A contact logged for tomorrow: refused at the date, the note kept.
    await form.getByLabel(/^Datum för kontakten/).fill(localDate(1));
    await form.getByLabel("Anteckning").fill(note);
    await form.getByLabel(/^Nästa uppföljning/).fill(localDate(8));
    await form.getByRole("button", { name: "Logga kontakten" }).click();
    await expectInvalid(form.getByLabel(/^Datum för kontakten/), "kan inte ligga i framtiden");
    expect(await form.getByLabel("Anteckning").inputValue()).toBe(note);
    await expectAccessible(page, "member (follow-up refused)");

    await form.getByLabel(/^Datum för kontakten/).fill(localDate(0));
    await form.getByLabel(/^Nästa uppföljning/).fill(localDate(7));
    await form.getByRole("button", { name: "Logga kontakten" }).click();
    await form.getByText("Kontakten är loggad.").waitFor();
    const entries = log.getByTestId(`follow-ups-${membershipId}`).getByRole("listitem");
    await expect.poll(() => entries.count()).toBe(1);
    expect(await entries.first().textContent()).toContain(`Telefon: ${note}`);
    expect(await entries.first().textContent()).toContain("Nästa uppföljning");
    expect(await form.getByLabel("Anteckning").inputValue()).toBe("");
    await expectAccessible(page, "member (follow-up logged)");

    const read = await api.graphql<{
      membershipFollowUps: {
        totalCount: number;
        nodes: Array<{ contactedOn: string; channel: string; note: string; nextFollowUpOn: string }>;
      };
    }>(`query($id: ID!) { membershipFollowUps(membershipId: $id) { totalCount nodes { contactedOn channel note nextFollowUpOn } } }`, {
      token: await coordinatorToken(),
      variables: { id: membershipId },
    });
    expect(read.errors).toBeUndefined();
    expect(read.data?.membershipFollowUps).toEqual({
      totalCount: 1,
      nodes: [{ contactedOn: localDate(0), channel: "PHONE", note, nextFollowUpOn: localDate(7) }],
    });

    // On the intake queue's list of follow-ups due within two weeks.
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Intagskö" }).click();
    const due = page.getByRole("region", { name: "Uppföljningar de närmaste 14 dagarna" });
    const row = due.getByRole("row", { name: new RegExp(NAME) });
    await row.waitFor();
    expect(await row.textContent()).toContain("om 7 dagar");
    expect(await row.textContent()).toContain("Intressebanken");
    await expectAccessible(page, "intake (follow-ups due)");
    await row.getByRole("link", { name: NAME }).click();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await signOut(page);
    await context.close();
  });
});
