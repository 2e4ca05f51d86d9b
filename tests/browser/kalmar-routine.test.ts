import { readFile } from "node:fs/promises";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoMemberSubjects } from "@medverkan/database/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { signIn, signOut } from "./sign-in.js";

// Kalmar's routine ("Praktiska anvisningar", seeds/003) clicked through in Chromium by each role, on the real API
// and a fresh seeded database: the unit's "Förfrågan om medverkan" through the region's own form, the development
// leader's matching and personal invitation, the member's acceptance with consent to share contact details, the
// unit seeing them only then, the occasion held with attendance, the fee form signed, attested and exported.
// axe-core checks every page visited.

let api: TestApi;
let browser: Browser;
let origin: string;
const prisma = () => api.running.database.prisma;
const REQUESTER = "kalmar-requester-7";
const COORDINATOR = "kalmar-coordinator-1";
const TITLE = "Förbättringsprogram Nära vård – medverkande i workshop";
let requestPath: string;
let invitedSubject: string;
let invitedName: string;

beforeAll(async () => {
  // With the development OpenID Connect provider at <api>/idp, which the seeded tenants trust: the real sign-in.
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function heading(page: Page): Promise<string> {
  return (await page.getByRole("heading", { level: 1 }).first().textContent()) ?? "";
}

/** A local datetime-local value `days` from now at 09:00. */
function localDateTime(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
}

describe("Kalmar's routine in the browser", () => {
  it("starts with choosing the region, in Swedish, and switches to English", async () => {
    const { context, page } = await newPerson(browser);
    await page.goto(`${origin}/`);
    await page.waitForURL(/\/region$/);
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await heading(page)).toBe("Välj region");
    await expect.poll(() => page.getByRole("radio").count()).toBe(4);
    await expectAccessible(page);
    await page.getByRole("button", { name: "In English" }).click();
    expect(await heading(page)).toBe("Choose region");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Välj region" }).waitFor();
    // The skip link is the first stop for the keyboard and leads to the content.
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Hoppa till innehållet");
    // /graphql stays the API.
    const response = await page.request.post(`${origin}/graphql`, { data: { query: "{ __typename }" } });
    expect(await response.json()).toMatchObject({ data: { __typename: "Query" } });
    await context.close();
  });

  it("the unit submits a request through Kalmar's own form; every field error is shown at its field", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", REQUESTER);
    expect(await heading(page)).toMatch(/^Välkommen/);
    await expectAccessible(page);
    await page.getByRole("navigation").getByRole("link", { name: "Ny förfrågan" }).click();
    await page.locator("#f-title").waitFor();
    expect(await heading(page)).toBe("Förfrågan om medverkan");
    await expectAccessible(page);

    // Sent empty: the API's field errors, each tied to its field, and a summary that links to them.
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.getByRole("alert").first().waitFor();
    const title = page.locator("#f-title");
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await title.getAttribute("aria-describedby")) ?? "";
    expect(describedBy).toContain("f-title-error");
    expect(await page.locator("#f-title-error").textContent()).toBe("Rubrik måste fyllas i.");
    expect(await page.locator(".error-summary a[href='#f-title']").count()).toBe(1);
    await expectAccessible(page, "new-request with field errors");
    await screenshot(page, "2-forfragan-felmeddelanden");

    // Filled in as the form asks.
    const fill = async (id: string, value: string) => {
      const field = page.locator(`[id="${id}"]`);
      if (await field.count()) await field.fill(value);
    };
    await fill("f-title", TITLE);
    await fill("f-purpose", "Vi vill förstå hur äldre och deras närstående upplever övergången mellan sjukhus och hemtjänst.");
    await fill("f-expectations", "Dela dina erfarenheter i en workshop med personalen.");
    await fill("f-audience", "Personal i hemtjänsten och på vårdavdelningen");
    await fill("f-audienceSize", "20");
    await fill("f-numberOfPersons", "1");
    await fill("f-experienceSought.text", "Erfarenhet av äldreomsorg som brukare eller närstående");
    await fill("f-selectionProcess", "Ingen särskild urvalsprocess.");
    await fill("f-specialRequirements", "Lokalen är tillgänglig med rullstol.");
    await fill("f-preparation", "Ett kort samtal en vecka innan.");
    await fill("f-compensationOffered", "Arvode enligt regionens riktlinjer.");
    // The cost centre is a choice among the unit's own ones, its own preselected (Kalmar's form requires it).
    const costCentre = page.locator("select#f-costCentre");
    await costCentre.waitFor();
    await expect.poll(() => costCentre.inputValue(), { timeout: 30_000 }).not.toBe("");
    await fill("f-contactPerson.name", "Eva Ek");
    await fill("f-contactPerson.email", "eva.ek@nybro.example.se");
    await fill("f-contactPerson.phone", "0481-123 45");
    await fill("f-occasions[0].startsAt", localDateTime(20, 9));
    await fill("f-occasions[0].endsAt", localDateTime(20, 12));
    await fill("f-occasions[0].place", "Konferensrum Tallen, Nybro");
    const assignmentType = page.locator("#f-assignmentType");
    if (await assignmentType.count()) {
      const value = await assignmentType.locator("option").nth(1).getAttribute("value");
      await assignmentType.selectOption(value ?? "");
    }
    for (const id of ["f-perspective-SERVICE_USER", "f-perspective-RELATIVE"]) {
      const box = page.locator(`#${id}`);
      if (await box.count()) await box.check();
    }
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]+$/);
    requestPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => page.getByTestId("request-status").textContent()).toBe("Inskickad");
    expect(await page.getByText("Kontaktuppgifter visas här när en medverkande har tackat ja").count()).toBe(1);
    await expectAccessible(page, "request (unit)");
    await signOut(page);
    await context.close();
  });

  it("the coordinator starts matching, reads ranked candidates with reasons, and invites with a personal message", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", COORDINATOR);
    await page.getByRole("navigation").getByRole("link", { name: "Förfrågningar" }).click();
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("button", { name: "Starta matchning" }).click();
    await page.getByRole("heading", { name: "Föreslagna medverkande" }).waitFor();
    await expect.poll(() => page.getByTestId("request-status").textContent()).toBe("Matchning pågår");
    await expectAccessible(page, "request (coordinator, candidates)");
    await screenshot(page, "3-matchning-kandidater");

    // Invite the best-ranked candidate who can sign in (has a subject at the identity provider).
    const members = await prisma().member.findMany({
      where: { tenant: { slug: "kalmar" }, subject: { in: [...(demoMemberSubjects.kalmar ?? [])] } },
      select: { subject: true, givenName: true, familyName: true },
    });
    const labels = await page.locator(".candidates label").allTextContents();
    const chosen = labels
      .map((label) => members.find((member) => label.includes(`${member.givenName} ${member.familyName}`)))
      .find((member) => member !== undefined);
    expect(chosen, `a candidate with a login among ${labels.join(" | ")}`).toBeDefined();
    invitedSubject = chosen?.subject as string;
    invitedName = `${chosen?.givenName} ${chosen?.familyName}`;
    // Every candidate comes with the reasons for the rank.
    expect(await page.locator(".candidates .reasons li").count()).toBeGreaterThan(0);
    await page.getByRole("checkbox", { name: new RegExp(invitedName) }).check();
    await page.getByLabel("Personligt meddelande").fill("Hej! Din erfarenhet passar workshopen i Nybro. Hör av dig om du har frågor.");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByRole("heading", { name: "Inbjudningar" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(invitedName) });
    expect(await row.textContent()).toContain("Väntar på svar");
    await signOut(page);
    await context.close();
  });

  it("the member reads the assignment description and accepts with the consent to share contact details", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", invitedSubject);
    await page.getByRole("navigation").getByRole("link", { name: "Inbjudningar" }).click();
    const card = page.getByRole("article", { name: TITLE });
    await card.waitFor();
    expect(await card.textContent()).toContain("Din erfarenhet passar workshopen i Nybro");
    expect(await card.textContent()).toContain("Konferensrum Tallen, Nybro");
    await expectAccessible(page);
    await screenshot(page, "4-inbjudan-medverkande");
    // Accepting without the consent is refused at the checkbox.
    await card.getByRole("button", { name: "Tacka ja" }).click();
    const consent = card.getByLabel("Jag samtycker till att mina kontaktuppgifter delas med verksamheten");
    await expect.poll(() => consent.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "invitation consent error");
    await consent.check();
    await card.getByRole("button", { name: "Tacka ja" }).click();
    await expect.poll(async () => card.textContent()).toContain("Accepterad");
    await signOut(page);
    await context.close();
  });

  it("the unit sees the participant's contact details only now, reports the occasion held and attendance", async () => {
    // Scenario: the workshop day has come (the occasion moves to yesterday, as in the API's end-to-end tests).
    const requestId = requestPath.split("/").at(-1) as string;
    const occasion = await prisma().occasion.findFirstOrThrow({ where: { requestId } });
    const startsAt = new Date(Date.now() - 86_400_000);
    await prisma().occasion.updateMany({
      where: { id: occasion.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) },
    });

    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", REQUESTER);
    await page.goto(`${origin}${requestPath}`);
    const participants = page.getByRole("region", { name: "Medverkande och kontaktuppgifter" });
    await participants.getByText(invitedName).waitFor();
    const member = await prisma().member.findFirstOrThrow({ where: { subject: invitedSubject } });
    if (member.email) expect(await participants.textContent()).toContain(member.email);
    await page.getByRole("button", { name: "Markera som genomfört" }).click();
    await page.getByRole("button", { name: `Närvarade: ${invitedName}` }).click();
    await page.getByText("Närvaro registrerad").waitFor();
    await expectAccessible(page, "request (unit, attendance)");
    await signOut(page);
    await context.close();
  });

  it("the member signs the fee claim; the coordinator attests it and exports payroll", async () => {
    const member = await newPerson(browser);
    await signIn(member.page, origin, "kalmar", invitedSubject);
    await member.page.getByRole("navigation").getByRole("link", { name: "Arvoden" }).click();
    const sign = member.page.getByRole("button", { name: new RegExp(`^Signera och skicka in: ${TITLE}`) });
    await sign.click();
    await member.page.getByRole("cell", { name: "Inskickad" }).waitFor();
    await expectAccessible(member.page);
    await signOut(member.page);
    await member.context.close();

    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", COORDINATOR);
    await page.getByRole("navigation").getByRole("link", { name: "Arvoden" }).click();
    await page.getByRole("button", { name: new RegExp(`^Attestera: ${invitedName}`) }).click();
    await page.getByRole("row", { name: new RegExp(`${invitedName}.*Attesterad`) }).waitFor();
    await expectAccessible(page, "fee claims (coordinator)");
    // Kalmar's fee form, attested, as a PDF through a short-lived download link (issue 17).
    const [form] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: new RegExp(`^Blankett \\(PDF\\): ${invitedName}`) }).click(),
    ]);
    expect(form.suggestedFilename()).toMatch(/^arvodesblankett-.*\.pdf$/u);
    expect((await readFile(await form.path())).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.getByRole("navigation").getByRole("link", { name: "Löneunderlag" }).click();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Skapa löneunderlag" }).click();
    await page.getByText("Löneunderlag med 1 arvoden skapat.").waitFor();
    const csv = decodeURIComponent(
      ((await page.getByRole("link", { name: "Ladda ner CSV" }).getAttribute("href")) ?? "").replace(/^data:[^,]*,/, ""),
    );
    expect(csv).toContain(invitedName.split(" ").at(-1) as string);
    const [summary] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /^Sammanställning \(PDF\)/u }).click(),
    ]);
    expect(summary.suggestedFilename()).toMatch(/^loneunderlag-.*\.pdf$/u);
    expect((await readFile(await summary.path())).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await signOut(page);
    await context.close();
  });
});
