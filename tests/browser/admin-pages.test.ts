import { startTestApi, type TestApi } from "@medverkan/api/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { signIn, signOut } from "./sign-in.js";

// The tenant admin's Administration (issue 18) in Chromium, on the real API and a fresh seeded database: Kalmar's
// administrator previews the fee for a future date, saves a new fee schedule version from that date (after the
// field error of a missing date is shown at its field) and sees the preview follow it; adds a question to the
// request form; grants a role to a staff user. Every administration page passes axe. Then the platform operator's
// page: the regions and a new region with its first administrator.

let api: TestApi;
let browser: Browser;
let origin: string;
const prisma = () => api.running.database.prisma;
const ADMIN = "kalmar-admin-1";
// One signed-in administrator for the steps below, which follow each other.
let context: BrowserContext;
let page: Page;
let tenant: { id: string };

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
  tenant = await prisma().tenant.findUniqueOrThrow({ where: { slug: "kalmar" } });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** A date ten days ahead (Stockholm), as YYYY-MM-DD: a new version may start tomorrow at the earliest. */
function daysAhead(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(date);
}

async function openAdminPage(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  await page.getByText("Laddar …").first().waitFor({ state: "detached" });
  // The page's queries answered: no error is shown instead of the lists.
  expect(await page.getByRole("alert").allTextContents(), name).toEqual([]);
}

describe("Administration in the browser", () => {
  it("Kalmar's admin previews the fee for a future date and saves a new fee schedule version from it", async () => {
    const validFrom = daysAhead(10);
    const year = Number(validFrom.slice(0, 4));
    // Scenario: the price base amount of that year is published (the national model is a share of it).
    await prisma().priceBaseAmount.upsert({ where: { year }, create: { year, amountKronor: 59_200 }, update: {} });

    ({ context, page } = await newPerson(browser));
    await signIn(page, origin, "kalmar", ADMIN);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Administration" }).click();
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await expectAccessible(page);

    // Fee schedules: the versions, a preview for the future date under the rules in force, then the new version.
    await openAdminPage(page, "Arvodesmodeller");
    await page.getByRole("heading", { level: 2, name: "Ny version från ett datum" }).waitFor();
    await expectAccessible(page);
    await page.locator("#preview-occasionDate").fill(validFrom);
    await page.getByLabel(/^Tid \(minuter\)/).fill("120");
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await page.getByRole("heading", { level: 3, name: "Enligt versionen som gäller från 2021-11-26" }).waitFor();
    const feeBefore = await page.locator("dl.facts dd").first().textContent();

    // No date: the API's field error is shown at the field, and nothing is saved.
    await page.getByRole("button", { name: "Spara ny version" }).click();
    const validFromInput = page.getByLabel("Gäller från", { exact: false }).first();
    await page.locator("#version-feeScheduleVersion-validFrom[aria-invalid='true']").waitFor();
    await page.getByRole("alert").filter({ hasText: "Några uppgifter behöver rättas" }).waitFor();
    await expectAccessible(page, "fee schedules with a field error");

    await validFromInput.fill(validFrom);
    await page.locator("#version-feeScheduleVersion-categories-0-value").fill("100");
    await page.getByRole("button", { name: "Spara ny version" }).click();
    await page.getByText("Den nya versionen är sparad.").waitFor();
    // The preview on show is computed again: the new version applies from that date, with the higher short fee.
    await page.getByRole("heading", { level: 3, name: `Enligt versionen som gäller från ${validFrom}` }).waitFor();
    const feeAfter = await page.locator("dl.facts dd").first().textContent();
    expect(feeAfter).not.toBe(feeBefore);
    await page.getByRole("button", { name: `Dra tillbaka versionen från ${validFrom}` }).waitFor();
    const versions = await prisma().feeScheduleVersion.findMany({ where: { tenantId: tenant.id }, orderBy: { validFrom: "asc" } });
    expect(versions.map((v) => v.validFrom.toISOString().slice(0, 10))).toEqual(["2021-11-26", validFrom]);
    await screenshot(page, "admin-fee-schedules");
  }, 240_000);

  it("adds a question to the request form, with the field error and a conflict shown and explained", async () => {
    // Request form: a new question of the region's own.
    await openAdminPage(page, "Formulär för förfrågningar");
    await expectAccessible(page);
    await page.getByLabel("Nyckel").fill("tillganglighet");
    await page.getByLabel(/^Text på svenska/).fill("Behöver lokalen anpassas för tillgänglighet?");
    await page.getByLabel(/^Text på engelska/).fill("Does the venue need accessibility adaptations?");
    await page.getByLabel("Svarstyp").selectOption("YES_NO");
    await page.getByRole("button", { name: "Lägg till fråga" }).click();
    // A key in lower case: the API's error is shown at the key's field (the third question), and nothing is saved.
    const keyError = page.locator("#request-form-question-questions-2-key-error");
    await keyError.waitFor();
    expect(await keyError.textContent()).toContain("Fråga 3: nyckel har fel format");
    expect(await page.getByLabel("Nyckel").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "request form with a field error");
    await page.getByLabel("Nyckel").fill("TILLGANGLIGHET");
    await page.getByRole("button", { name: "Lägg till fråga" }).click();
    await page.getByText("Frågan är tillagd.").waitFor();
    await page.getByRole("cell", { name: "Behöver lokalen anpassas för tillgänglighet?", exact: true }).waitFor();
    const forms = await prisma().requestForm.findMany({ where: { tenantId: tenant.id } });
    expect(JSON.stringify(forms.map((form) => form.questions))).toContain("TILLGANGLIGHET");

    // Scenario: another administrator saves the form meanwhile. The next save is refused (CONFLICT) and explained,
    // the page reads the form again, and saving once more works.
    await prisma().requestForm.updateMany({ where: { tenantId: tenant.id }, data: { version: { increment: 1 } } });
    await page.getByLabel("Nyckel").fill("PARKERING");
    await page.getByLabel(/^Text på svenska/).fill("Finns det parkering nära lokalen?");
    await page.getByLabel(/^Text på engelska/).fill("Is there parking near the venue?");
    await page.getByRole("button", { name: "Lägg till fråga" }).click();
    await page.getByRole("alert").filter({ hasText: "Någon annan har sparat en ändring sedan du öppnade sidan" }).waitFor();
    expect(JSON.stringify((await prisma().requestForm.findMany({ where: { tenantId: tenant.id } })).map((f) => f.questions))).not.toContain(
      "PARKERING",
    );
    await page.getByRole("button", { name: "Lägg till fråga" }).click();
    await page.getByRole("cell", { name: "Finns det parkering nära lokalen?", exact: true }).waitFor();
  });

  it("grants a role to a staff user", async () => {
    // Staff and grants: the process leader also gets the analyst's role.
    await openAdminPage(page, "Personal och behörigheter");
    await expectAccessible(page);
    const person = await prisma().staffUser.findFirstOrThrow({ where: { tenantId: tenant.id, subject: "kalmar-requester-4" } });
    await page.getByLabel("Person", { exact: false }).first().selectOption(person.id);
    await page.getByLabel("Roll", { exact: false }).first().selectOption("ANALYST");
    await page.getByRole("button", { name: "Ge behörighet" }).click();
    await page.getByText("Behörigheten är given.").waitFor();
    const grants = await prisma().roleGrant.findMany({ where: { tenantId: tenant.id, staffUserId: person.id, revokedAt: null } });
    expect(grants.map((grant) => grant.role).sort()).toEqual(["ANALYST", "REQUESTER"]);
    await page
      .getByRole("button", { name: new RegExp(`^Ta bort .* för ${person.name}$`) })
      .first()
      .waitFor();
  });

  it("every other administration page passes axe", async () => {
    for (const name of [
      "Intagsregler",
      "Formulär för intresseanmälan",
      "Nätverk",
      "Erfarenheter och uppdragstyper",
      "Organisationer",
      "Verksamheter och kostnadsställen",
      "Inloggning",
    ]) {
      await openAdminPage(page, name);
      await expectAccessible(page);
    }
    await signOut(page);
    await context.close();
  }, 300_000);

  it("the platform operator's page lists the regions and creates one with its first administrator", async () => {
    // Signed in as everyone else is: from the region page's link, at the development provider, for the platform.
    const { context: operatorContext, page: operatorPage } = await newPerson(browser);
    const page = operatorPage;
    await page.goto(`${origin}/region`);
    await page.getByRole("link", { name: "Plattformens operatörer loggar in här" }).click();
    await page.getByRole("heading", { level: 1, name: "Logga in som plattformsoperatör" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByLabel("Välj person").selectOption("platform-operator");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Regioner på plattformen" }).waitFor();
    await page.getByRole("cell", { name: "kalmar", exact: true }).waitFor();
    await expectAccessible(page);

    await page.getByLabel("Namn", { exact: false }).first().fill("Region Sörmland");
    await page.getByLabel("Kortnamn", { exact: false }).fill("sormland");
    await page.getByLabel("Utfärdare (issuer)", { exact: false }).fill("https://login.sormland.example.se");
    await page.getByLabel("Mottagare (audience)", { exact: false }).fill("medverkan:sormland");
    await page.getByLabel("Adress till nycklar (JWKS)").fill("https://login.sormland.example.se/jwks");
    const admin = page.getByRole("group", { name: "Första administratören" });
    await admin.getByLabel("Namn", { exact: false }).fill("Sara Admin");
    await admin.getByLabel("E-post", { exact: false }).fill("sara.admin@sormland.example.se");
    await admin.getByLabel("Administratörens id", { exact: false }).fill("sormland-admin-1");
    await page.getByRole("button", { name: "Skapa region" }).click();
    await page.getByText("Regionen är skapad.").waitFor();
    await page.getByRole("cell", { name: "sormland", exact: true }).waitFor();
    const created = await prisma().tenant.findUniqueOrThrow({ where: { slug: "sormland" } });
    expect(created.name).toBe("Region Sörmland");

    // The same slug again.
    await page.getByLabel("Namn", { exact: false }).first().fill("Region Sörmland igen");
    await page.getByLabel("Kortnamn", { exact: false }).fill("sormland");
    await page.getByLabel("Utfärdare (issuer)", { exact: false }).fill("https://login2.sormland.example.se");
    await page.getByLabel("Mottagare (audience)", { exact: false }).fill("medverkan:sormland2");
    await page.getByLabel("Adress till nycklar (JWKS)").fill("https://login2.sormland.example.se/jwks");
    await admin.getByLabel("Namn", { exact: false }).fill("Sara Admin");
    await admin.getByLabel("E-post", { exact: false }).fill("sara.admin@sormland.example.se");
    await admin.getByLabel("Administratörens id", { exact: false }).fill("sormland-admin-2");
    await page.getByRole("button", { name: "Skapa region" }).click();
    // The slug is taken: said at the slug's field, and nothing more is created.
    await page.getByRole("alert").filter({ hasText: "Kortnamnet används redan av en annan region." }).waitFor();
    expect(await page.getByLabel("Kortnamn", { exact: false }).getAttribute("aria-invalid")).toBe("true");
    expect(await prisma().tenant.count({ where: { slug: "sormland" } })).toBe(1);
    await operatorContext.close();
  });
});
