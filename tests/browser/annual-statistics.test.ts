import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoStaff } from "@medverkan/database/seed";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { signIn, signOut } from "./sign-in.js";

// Östergötland's routine ends with the coordination function producing the year's statistics (seed 004: "Tar fram
// årlig statistik"). Its coordinator reads the annual report against the year before, prints it, and charts the
// year by month — the figures on the page are the API's protected figures, hidden ones marked, never a small count.

let api: TestApi;
let browser: Browser;
let origin: string;

const coordinator = () => {
  const person = (demoStaff.ostergotland ?? []).find((candidate) => candidate.role === "COORDINATOR");
  if (!person?.networkSlug) throw new Error("no seeded coordinator in Östergötland");
  return person;
};

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe("Östergötland's annual statistics in the browser", () => {
  it("the coordinator reads the annual report beside the year before, as the API gives it, and prints it without the menu", async () => {
    const person = coordinator();
    const year = new Date().getFullYear();
    const token = await api.tokenFor({ tenant: "ostergotland", role: "coordinator", network: person.networkSlug as string });
    const expected = await api.graphql<{
      annualReport: { figures: { key: string; labelSv: string; value: { value: number | null; suppressed: boolean } }[] };
    }>("query($y: Int!) { annualReport(year: $y) { figures { key labelSv value { value suppressed } } } }", {
      token,
      variables: { y: year },
    });
    const figures = expected.data?.annualReport.figures ?? [];
    expect(figures.length).toBeGreaterThan(5);

    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "ostergotland", person.subject);
    await page.getByRole("navigation").getByRole("link", { name: "Årsrapport" }).click();
    await page.getByRole("heading", { level: 1, name: `Årsrapport ${year}` }).waitFor();
    const rows = page.locator("main table tbody tr");
    await expect.poll(() => rows.count()).toBe(figures.length);
    // Every headline: a hidden one says so, a shown one is the API's figure (requests received as a plain count).
    for (const figure of figures) {
      const label = figure.labelSv.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const cell = page
        .getByRole("row", { name: new RegExp(`^${label}`) })
        .locator("td")
        .first();
      const text = (await cell.textContent()) ?? "";
      if (figure.value.suppressed) expect(text).toMatch(/^x \(för få för att redovisas\)$|^–$/);
      else if (figure.key === "requestsReceived") expect(text.replace(/\s/g, "")).toBe(String(figure.value.value));
      else expect(text).not.toContain("för få");
    }
    await expectAccessible(page);
    await screenshot(page, "8-arsrapport");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(false);
    expect(await page.locator("main table").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await signOut(page);
    await context.close();
  });

  it("the coordinator charts a quarter by month, with hidden groups named beside the chart and the table as its text", async () => {
    const person = coordinator();
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "ostergotland", person.subject);
    await page.getByRole("navigation").getByRole("link", { name: "Statistik" }).click();
    await page.getByLabel("Kvartal").selectOption("Q4");
    await page.getByLabel("Gruppera efter").selectOption("MONTH");
    await page.getByRole("button", { name: "Visa" }).click();
    await page.getByRole("heading", { level: 2, name: /^Förfrågningar per Månad, Kvartal 4/ }).waitFor();
    const chart = page.getByRole("img", { name: /^Stapeldiagram: Förfrågningar per Månad\./ });
    await chart.waitFor();
    const months = await page.locator("main table tbody tr:not(.total)").count();
    const hidden = await page.locator("main table tbody tr:not(.total) td:first-of-type.suppressed").count();
    expect(months).toBeGreaterThan(0);
    expect(months).toBeLessThanOrEqual(3);
    // The chart's description counts the same groups as the table: shown bars plus hidden groups.
    const description = (await chart.getAttribute("aria-label")) ?? "";
    expect(description).toContain(`${months - hidden} grupper visas; ${hidden} är dolda`);
    if (hidden > 0) await page.getByText(/^Dolda i diagrammet/).waitFor();
    await page.getByLabel("Diagram över").selectOption("newRegistrations");
    await page.getByRole("img", { name: /^Stapeldiagram: Nya anmälningar per Månad\./ }).waitFor();
    await expectAccessible(page, "statistics-chart");
    await screenshot(page, "9-statistik-diagram");
    await signOut(page);
    await context.close();
  });
});
