import { startTestApi, type TestApi } from "@medverkan/api/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { signIn, signOut } from "./sign-in.js";

// The coordinator's intake in the browser, on the real API and a fresh seeded database: VGR's mandatory digital
// introduction before activation (seed 001: "Patientintroduktionen är obligatorisk"), Kalmar's minor held until a
// guardian's written consent is recorded (seed 002/003), each entered as a postal registration; and the pool
// search finding a seeded member by a profile field, page by page. axe-core checks every new page.

let api: TestApi;
let browser: Browser;
let origin: string;
const prisma = () => api.running.database.prisma;
const suffix = Date.now().toString(36).slice(-5);

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** A local datetime-local value `days` from now at `hour`:`minute`. */
function localDateTime(days: number, hour: number, minute = 0): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:${pad(minute)}`;
}

async function membershipStatus(page: Page): Promise<string> {
  return ((await page.locator("[data-testid^='membership-status-']").first().textContent()) ?? "").trim();
}

/** Enters a postal registration and opens the new member's page from the confirmation. */
async function registerByPost(
  page: Page,
  person: { givenName: string; familyName: string; birthYear: number; municipality: string; email: string; perspective: string },
  guardian?: { name: string; relation: string; phone: string },
): Promise<string> {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Intagskö" }).click();
  await page.getByRole("heading", { level: 1, name: "Intagskö" }).waitFor();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Registrera anmälan via post eller telefon" }).click();
  await page.getByRole("heading", { level: 1, name: "Anmälan via post eller telefon" }).waitFor();
  await expectAccessible(page);

  // Sent without a name or a perspective: the API's field errors at their fields, and a summary linking to them.
  await page.getByRole("button", { name: "Registrera" }).click();
  const givenName = page.locator("#r-givenName");
  await expect.poll(() => givenName.getAttribute("aria-invalid")).toBe("true");
  expect(await givenName.getAttribute("aria-describedby")).toContain("r-givenName-error");
  expect(await page.locator(".error-summary a[href='#r-givenName']").count()).toBe(1);
  await expectAccessible(page, "postal registration with field errors");

  await givenName.fill(person.givenName);
  await page.locator("#r-familyName").fill(person.familyName);
  await page.locator("#r-birthYear").fill(String(person.birthYear));
  await page.locator("#r-municipality").fill(person.municipality);
  await page.locator("#r-email").fill(person.email);
  await page.locator(`#r-perspective-${person.perspective}`).check();
  if (guardian) {
    await page.locator("#r-guardianName").fill(guardian.name);
    await page.locator("#r-guardianRelation").fill(guardian.relation);
    await page.locator("#r-guardianPhone").fill(guardian.phone);
  }
  await page.locator("#r-consent-accepted").check();
  await page.getByRole("button", { name: "Registrera" }).click();
  const name = `${person.givenName} ${person.familyName}`;
  const confirmation = page.getByRole("status").filter({ hasText: name });
  await confirmation.waitFor();
  const text = (await confirmation.textContent()) ?? "";
  await confirmation.getByRole("link", { name: `Öppna ${name}` }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  return text;
}

describe("The coordinator's intake and pool search in the browser", () => {
  it("VGR: a member registered by post cannot be activated before attending the introduction; booked, attended, then activated", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "vgr", "vgr-coordinator-1");
    const person = {
      givenName: "Sven",
      familyName: `Postberg ${suffix}`,
      birthYear: 1961,
      municipality: "Borås",
      email: `sven.${suffix}@example.se`,
      perspective: "PATIENT",
    };
    const name = `${person.givenName} ${person.familyName}`;
    const confirmation = await registerByPost(page, person);
    expect(confirmation).toContain(`${name} är registrerad.`);
    const memberPath = new URL(page.url()).pathname;
    expect(await membershipStatus(page)).toBe("Anmäld");
    await expectAccessible(page);
    // VGR's rules as a checklist: the introduction training is required and not done.
    const membership = page.locator("section.card").filter({ hasText: "Medlemskap i Levande bibliotek" });
    expect(await membership.locator(".checklist li").filter({ hasText: "Introduktionsutbildning genomförd" }).textContent()).toContain(
      "Saknas",
    );

    // Straight to active is refused, with the API's reason.
    await membership.getByLabel("Flytta till").selectOption({ label: "Aktiv" });
    await membership.getByRole("button", { name: "Flytta" }).click();
    const refusal = membership.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("Personen måste ha deltagit i utbildningen först.");
    expect(await membershipStatus(page)).toBe("Anmäld");
    await expectAccessible(page, "member (intake refusal)");
    await screenshot(page, "intag-vgr-nekad-aktivering");

    // A digital introduction session (yesterday, so attendance can be recorded now).
    await page.goto(`${origin}/intake/sessions`);
    await page.getByRole("heading", { level: 1, name: "Introduktions- och utbildningstillfällen" }).waitFor();
    await expectAccessible(page);
    const title = `Introduktion för levande böcker ${suffix}`;
    await page.getByLabel(/^Rubrik/).fill(title);
    await page.getByLabel(/^Börjar/).fill(localDateTime(-1, 16, 30));
    await page.getByLabel(/^Slutar/).fill(localDateTime(-1, 18));
    await page.getByLabel(/^Möteslänk/).fill("https://meet.vgregion.example/introduktion");
    await page.getByLabel(/^Antal platser/).fill("12");
    await page.getByRole("button", { name: "Nytt tillfälle" }).click();
    await page.getByText("Tillfället är skapat.").waitFor();
    await page.getByRole("heading", { level: 3, name: new RegExp(title) }).waitFor();

    // Booked from the member's page: a place on the session is the introduction booked.
    await page.goto(`${origin}${memberPath}`);
    await page.getByRole("heading", { level: 3, name: "Boka på introduktion" }).waitFor();
    const sessionSelect = membership.getByLabel("Tillfälle", { exact: true });
    const option = sessionSelect.locator("option", { hasText: title });
    await sessionSelect.selectOption((await option.getAttribute("value")) ?? "");
    await membership.getByRole("button", { name: "Boka" }).click();
    await membership.getByText(`Bokad på ${title}.`).waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Introduktion bokad");

    // Attendance on the sessions page: attending counts as trained.
    await page.goto(`${origin}/intake/sessions`);
    await page.getByLabel("Visa även tidigare tillfällen").check();
    const session = page.locator("section.card").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(title) }) });
    await session.getByRole("link", { name }).waitFor();
    await session.getByRole("button", { name: `Deltog: ${name}` }).click();
    await session.getByText("Närvaron är registrerad.").waitFor();
    await expectAccessible(page, "training sessions (attendance)");

    // Now the rules allow activation.
    await page.goto(`${origin}${memberPath}`);
    await expect.poll(() => membershipStatus(page)).toBe("Utbildad");
    expect(await membership.locator(".checklist li").filter({ hasText: "Introduktionsutbildning genomförd" }).textContent()).toContain(
      "Klart",
    );
    await membership.getByLabel("Flytta till").selectOption({ label: "Aktiv" });
    await membership.getByLabel("Anteckning (sparas i historiken)").fill("Introduktionen genomförd, välkommen som levande bok.");
    await membership.getByRole("button", { name: "Flytta" }).click();
    await membership.getByText("Medlemskapet är nu: Aktiv.").waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Aktiv");

    const stored = await prisma().membership.findFirstOrThrow({
      where: { member: { email: person.email } },
      select: { status: true, trainedAt: true, activatedAt: true, channel: true },
    });
    expect(stored).toMatchObject({ status: "ACTIVE", channel: "POSTAL" });
    expect(stored.trainedAt).not.toBeNull();
    expect(stored.activatedAt).not.toBeNull();
    await signOut(page);
    await context.close();
  });

  it("Kalmar: a minor registered by post waits in the queue until the coordinator records the guardian's consent, then moves on", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", "kalmar-coordinator-1");
    const person = {
      givenName: "Elsa",
      familyName: `Ungdal ${suffix}`,
      birthYear: new Date().getFullYear() - 15,
      municipality: "Nybro",
      email: `elsa.${suffix}@example.se`,
      perspective: "SERVICE_USER",
    };
    const name = `${person.givenName} ${person.familyName}`;
    const confirmation = await registerByPost(page, person, { name: "Karin Ungdal", relation: "mamma", phone: "070-123 45 67" });
    expect(confirmation).toContain(`${name} är registrerad och väntar på vårdnadshavares samtycke.`);
    const memberPath = new URL(page.url()).pathname;

    // In the queue, held for the guardian's consent.
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Intagskö" }).click();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await row.waitFor();
    expect(await row.textContent()).toContain("Väntar på vårdnadshavares samtycke");
    await row.getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    expect(await membershipStatus(page)).toBe("Väntar på vårdnadshavares samtycke");
    const membership = page.locator("section.card").filter({ hasText: "Medlemskap i" });
    expect(await membership.locator("[data-testid^='missing-']").textContent()).toContain(
      "Skriftligt samtycke från vårdnadshavare (under 18 år)",
    );

    // Moving on without the consent is refused by the API, with its reason.
    await membership.getByLabel("Flytta till").selectOption({ label: "Anmäld" });
    await membership.getByRole("button", { name: "Flytta" }).click();
    await membership.getByRole("alert").waitFor();
    expect(await membership.getByRole("alert").textContent()).toContain("skriftligt samtycke från vårdnadshavare");
    expect(await membershipStatus(page)).toBe("Väntar på vårdnadshavares samtycke");
    await expectAccessible(page, "member (minor awaiting consent)");
    await screenshot(page, "intag-kalmar-vardnadshavare");

    // The consent is written: recording it without the paper box ticked is refused, with it the membership moves on.
    const guardian = page.getByRole("region", { name: "Vårdnadshavares samtycke" });
    await guardian.getByRole("button", { name: "Registrera samtycke" }).click();
    await guardian.getByRole("alert").waitFor();
    await guardian.getByLabel("Vårdnadshavaren har skrivit under samtycket på papper").check();
    await guardian.getByRole("button", { name: "Registrera samtycke" }).click();
    await guardian.getByText("Samtycket är registrerat. Medlemskapet går vidare till ”Anmäld”.").waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Anmäld");
    expect(await guardian.textContent()).toContain("Karin Ungdal (mamma): Samtycke lämnat");

    // And on through Kalmar's intake: the contact call, then the introduction meeting held.
    await page.reload();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await membership.getByLabel("Flytta till").selectOption({ label: "Kontaktad" });
    await membership.getByLabel("Anteckning (sparas i historiken)").fill("Ringt mamma och Elsa; båda positiva.");
    await membership.getByRole("button", { name: "Flytta" }).click();
    await membership.getByText("Medlemskapet är nu: Kontaktad.").waitFor();
    await expect.poll(() => membershipStatus(page)).toBe("Kontaktad");
    await membership.getByRole("button", { name: "Registrera att introduktionsmötet hållits" }).click();
    await membership.getByText("Introduktionsmötet är registrerat.").waitFor();
    await expect
      .poll(() => membership.locator(".checklist li").filter({ hasText: "Introduktionsmöte hållet" }).textContent())
      .toContain("Klart");

    const stored = await prisma().membership.findFirstOrThrow({
      where: { member: { email: person.email } },
      select: { status: true, contactCallAt: true, introductionHeldAt: true },
    });
    expect(stored.status).toBe("CONTACTED");
    expect(stored.introductionHeldAt).not.toBeNull();
    expect(memberPath).toMatch(/^\/members\//);
    await signOut(page);
    await context.close();
  });

  it("VGR: the pool search finds a seeded member by experience and perspective, page by page", async () => {
    const seeded = await prisma().member.findFirstOrThrow({
      where: { subject: "vgr-member-4" },
      select: {
        givenName: true,
        familyName: true,
        perspectives: true,
        experiences: { select: { tag: { select: { key: true, labelSv: true } } } },
      },
    });
    const ms = seeded.experiences.find((experience) => experience.tag.key === "ms");
    expect(ms, "the seed's fourth VGR member has MS").toBeDefined();
    const name = `${seeded.givenName} ${seeded.familyName}`;

    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "vgr", "vgr-coordinator-1");
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Poolen" }).click();
    await page.getByRole("heading", { level: 1, name: "Sök i poolen" }).waitFor();
    await expectAccessible(page);
    await page
      .getByRole("group", { name: "Erfarenheter" })
      .getByLabel(ms?.tag.labelSv ?? "", { exact: true })
      .check();
    await page.getByRole("group", { name: "Perspektiv" }).getByLabel("Patient", { exact: true }).check();
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    const results = page.getByRole("heading", { level: 2, name: /^Träffar: \d+$/ });
    await results.waitFor();
    const total = Number(((await results.textContent()) ?? "").replace("Träffar: ", ""));
    expect(total).toBeGreaterThan(0);
    await expectAccessible(page, "pool search results");
    await screenshot(page, "poolsok");

    // Every row has the experience searched for; the seeded member is on one of the pages, linked to their page.
    let found = false;
    for (let pageNumber = 1; pageNumber <= Math.ceil(total / 20); pageNumber += 1) {
      await page.getByText(`Sida ${pageNumber}`, { exact: true }).waitFor();
      const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
      for (const text of await rows.allTextContents()) expect(text).toContain(ms?.tag.labelSv);
      if ((await page.getByRole("link", { name, exact: true }).count()) > 0) {
        found = true;
        break;
      }
      await page.getByRole("button", { name: "Nästa sida" }).click();
    }
    expect(found, `${name} among the ${total} results`).toBe(true);
    await page.getByRole("link", { name, exact: true }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();

    // The whole pool, 20 to a page: forward and back.
    await page.goto(`${origin}/pool`);
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await results.waitFor();
    const everyone = Number(((await results.textContent()) ?? "").replace("Träffar: ", ""));
    expect(everyone).toBeGreaterThan(20);
    const dataRows = page.getByRole("row").filter({ has: page.getByRole("cell") });
    await expect.poll(() => dataRows.count()).toBe(20);
    const firstPage = await dataRows.allTextContents();
    await page.getByRole("button", { name: "Nästa sida" }).click();
    await page.getByText("Sida 2", { exact: true }).waitFor();
    await expect.poll(() => dataRows.count()).toBe(Math.min(20, everyone - 20));
    expect(await dataRows.allTextContents()).not.toEqual(firstPage);
    await page.getByRole("button", { name: "Föregående sida" }).click();
    await page.getByText("Sida 1", { exact: true }).waitFor();
    await expect.poll(() => dataRows.allTextContents()).toEqual(firstPage);
    await signOut(page);
    await context.close();
  });
});
