import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoMemberSubjects, demoStaff } from "@medverkan/database/seed";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { signIn, signOut } from "./sign-in.js";

// The member's "Mina sidor" (profile, pauses, my data with who read it), the coordinator's intake queue and the
// analyst's statistics with suppressed cells marked: each page works in Chromium and passes axe.

let api: TestApi;
let browser: Browser;
let origin: string;

const staffSubject = (tenant: string, role: string): string => {
  const person = (demoStaff[tenant] ?? []).find((candidate) => candidate.role === role);
  if (!person) throw new Error(`no seeded ${role} in ${tenant}`);
  return person.subject;
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

describe("Member and staff pages in the browser", () => {
  it("the member keeps the profile current, adds a pause and sees who read their data", async () => {
    const subject = demoMemberSubjects.kalmar?.[0] as string;
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", subject);
    await page.getByRole("navigation").getByRole("link", { name: "Mina sidor" }).click();
    const municipality = page.getByLabel("Kommun");
    await municipality.waitFor();
    await expectAccessible(page);
    await municipality.fill("Borgholm");
    await page.getByRole("button", { name: "Spara profilen" }).click();
    await page.getByText("Sparat.").waitFor();
    const member = await api.running.database.prisma.member.findFirstOrThrow({ where: { subject } });
    expect(member.municipality).toBe("Borgholm");

    await page.getByLabel("Från", { exact: false }).first().fill("2030-06-01");
    await page.getByLabel("Till", { exact: false }).first().fill("2030-08-31");
    await page.getByRole("button", { name: "Lägg till uppehåll" }).click();
    await page.getByRole("button", { name: "Ta bort uppehåll 2030-06-01" }).waitFor();

    await page.getByRole("navigation").getByRole("link", { name: "Mina uppgifter" }).click();
    await page.getByRole("heading", { name: "Vem har läst mina uppgifter" }).waitFor();
    await page.getByRole("button", { name: "Hämta mina uppgifter (JSON)" }).waitFor();
    await expectAccessible(page);
    await signOut(page);
    await context.close();
  });

  it("the member's inbox badge counts a new line live (over the WebSocket), and the inbox marks it read", async () => {
    const subject = demoMemberSubjects.kalmar?.[1] as string;
    const prisma = api.running.database.prisma;
    const member = await prisma.member.findFirstOrThrow({ where: { subject } });
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", subject);
    const inbox = page.getByRole("banner").getByRole("link", { name: /Inkorg/ });
    await inbox.waitFor();
    const unreadBefore = await prisma.inboxNotification.count({ where: { recipientMemberId: member.id, readAt: null } });
    // Scenario: an event for this member was written (by any instance): the badge learns of it without a reload.
    await prisma.inboxNotification.create({
      data: {
        tenantId: member.tenantId,
        kind: "FEEDBACK_REQUESTED",
        recipientMemberId: member.id,
        data: { requestTitle: "Patientpanel om vårdövergångar" },
        idempotencyKey: `browser-spec:${member.id}`,
      },
    });
    await page
      .getByRole("banner")
      .getByText(`${unreadBefore + 1} olästa`)
      .waitFor({ state: "attached", timeout: 20_000 });
    await inbox.click();
    const line = page.getByRole("article").filter({ hasText: "Patientpanel om vårdövergångar" });
    await line.waitFor();
    await expectAccessible(page, "inbox");
    await line.getByRole("button", { name: "Markera som läst" }).click();
    await line.getByRole("button", { name: "Markera som oläst" }).waitFor();
    expect(await prisma.inboxNotification.count({ where: { recipientMemberId: member.id, readAt: null } })).toBe(unreadBefore);
    await signOut(page);
    await context.close();
  });

  it("the coordinator sees the intake queue", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, "kalmar", staffSubject("kalmar", "COORDINATOR"));
    await page.getByRole("navigation").getByRole("link", { name: "Intagskö" }).click();
    await page.getByRole("heading", { level: 1, name: "Intagskö" }).waitFor();
    await expect
      .poll(async () => (await page.locator("main table tbody tr").count()) + (await page.getByText("Ingen väntar.").count()))
      .toBeGreaterThan(0);
    await expectAccessible(page);
    await signOut(page);
    await context.close();
  });

  it("the analyst reads statistics with suppressed cells marked and a CSV to download", async () => {
    const tenant = (["ostergotland", "kalmar", "jonkoping", "vgr"] as const).find((slug) =>
      (demoStaff[slug] ?? []).some((person) => person.role === "ANALYST"),
    ) as string;
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, tenant, staffSubject(tenant, "ANALYST"));
    await page.getByRole("navigation").getByRole("link", { name: "Statistik" }).click();
    const table = page.locator("main table");
    await table.waitFor();
    expect(await table.locator("tr.total").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Ladda ner CSV" }).getAttribute("href")).toMatch(/^data:text\/csv/);
    const suppressed = await table.locator("td.suppressed").count();
    if (suppressed > 0) expect(await page.getByText("Celler markerade ”Dold” är skyddade").count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, "7-statistik");
    await signOut(page);
    await context.close();
  });
});
