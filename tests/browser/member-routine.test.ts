import { readFile } from "node:fs/promises";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoMemberSubjects } from "@medverkan/database/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPerson, screenshot } from "./browser.js";
import { personnummer } from "./people.js";
import { signIn, signOut } from "./sign-in.js";

// The member's side in Chromium (issue 18, "Mina sidor"), on the real API and a fresh seeded database:
// - a new citizen registers interest in Jönköping with the region's own questions and the consent text, each field
//   error shown at its field, and lands on Mina sidor as a member;
// - Jönköping's routine (seeds/000 "Arvodering till person med egen eller anhörigerfarenhet"): the unit's request
//   through Jönköping's form, the coordinator's matching and invitation, the member's acceptance with the
//   contact-sharing consent, the occasion held, the member's travel (km) and expenses filled in on the fee claim and
//   signed, the unit attesting (Jönköping lets units attest: feeClaimAttester EITHER), and the coordinator's payroll;
// - the member's assignments with the occasion as a calendar file, and a long assignment's agreement as a PDF.
// axe-core checks every page visited.

let api: TestApi;
let browser: Browser;
let origin: string;
const prisma = () => api.running.database.prisma;
const TENANT = "jonkoping";
const REQUESTER = "jonkoping-requester-1";
const COORDINATOR = "jonkoping-coordinator-1";
const TITLE = "Patientmedverkan i förbättringsarbete på hjärtavdelningen";
const FAMILY_NAME = "Bergsten Ekholm";
const MEMBER_NAME = `Astrid ${FAMILY_NAME}`;
// What the unit seeks and the new member offers: she is the best candidate (competence, perspective, never asked).
const COMPETENCE = "utskrivning från hjärtavdelning";
let requestPath: string;

// The citizen's e-identification at the development provider: the same number signs in as the same person.
const CITIZEN_NUMBER = personnummer("19850412", "238");

const QUESTIONS = [
  {
    key: "HEARD_OF_US",
    type: "SINGLE_CHOICE",
    labelSv: "Hur fick du höra talas om oss?",
    labelEn: "How did you hear about us?",
    required: true,
    options: [
      { key: "FRIEND", labelSv: "Genom en vän", labelEn: "From a friend" },
      { key: "CARE", labelSv: "Genom vården", labelEn: "Through my care" },
      { key: "OTHER", labelSv: "Annat", labelEn: "Other" },
    ],
  },
  {
    key: "WHERE",
    type: "SHORT_TEXT",
    labelSv: "Var då?",
    labelEn: "Where?",
    maxLength: 40,
    showWhen: { question: "HEARD_OF_US", anyOf: ["OTHER"] },
    requiredWhen: { question: "HEARD_OF_US", anyOf: ["OTHER"] },
  },
  { key: "DIGITAL", type: "YES_NO", labelSv: "Kan du medverka digitalt?", labelEn: "Can you take part online?" },
];

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  origin = new URL(api.url).origin;
  browser = await launchBrowser();
  // Jönköping's own registration questions, as its administrator saves them (the admin pages are another area's).
  const admin = await api.tokenFor({ tenant: TENANT, role: "tenant-admin" });
  const saved = await api.graphql<{ updateRegistrationForm: { errors: unknown[] } }>(
    `mutation($input: UpdateRegistrationFormInput!) { updateRegistrationForm(input: $input) { errors { __typename } } }`,
    { token: admin, variables: { input: { expectedVersion: 0, questions: QUESTIONS } } },
  );
  expect(saved.errors).toBeUndefined();
  expect(saved.data?.updateRegistrationForm.errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** A local datetime-local value `days` from now at `hour`:00. */
function localDateTime(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
}

/** The identity provider's page: "Ny medborgare" with the citizen's number (as through a BankID broker). */
async function chooseCitizen(page: Page): Promise<void> {
  await page
    .getByRole("button", { name: /^Logga in/ })
    .first()
    .click();
  await page.getByLabel("Välj person").selectOption(`new-citizen:${TENANT}`);
  await page.getByLabel("Personnummer för Ny medborgare").fill(CITIZEN_NUMBER);
  await page.getByRole("button", { name: "Logga in" }).click();
}

async function signInAsMember(page: Page): Promise<void> {
  await page.goto(`${origin}/region`);
  await page.locator(`#region-${TENANT}`).check();
  await page.getByRole("button", { name: "Fortsätt" }).click();
  await page.getByRole("heading", { level: 1, name: /^Logga in i / }).waitFor();
  await chooseCitizen(page);
  await page.getByRole("heading", { level: 1, name: /^Välkommen/ }).waitFor();
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), text: (await readFile(await download.path())).toString("utf8") };
}

describe("A new citizen registers interest", () => {
  it("from the region page, with the region's questions and the consent text; every error at its field; then a member", async () => {
    const { context, page } = await newPerson(browser);
    await page.goto(`${origin}/region`);
    await page.locator(`#region-${TENANT}`).check();
    await expectAccessible(page, "region with interest registration");
    await page.getByRole("button", { name: "Anmäl intresse" }).click();
    await page.waitForURL(/\/signin\/jonkoping\?next=/);
    await page.getByRole("heading", { level: 1, name: /^Logga in i / }).waitFor();
    await chooseCitizen(page);
    await page.getByRole("heading", { level: 1, name: "Intresseanmälan" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/register");
    // The region's consent text as published, and its own questions; "Var då?" only once "Annat" is chosen.
    const consent = await prisma().consentText.findFirstOrThrow({
      where: { tenant: { slug: TENANT }, kind: "PROCESSING", retiredAt: null },
      orderBy: { publishedAt: "desc" },
    });
    expect(await page.locator(".consent-text").textContent()).toBe(consent.textSv);
    await page.getByRole("group", { name: /Hur fick du höra talas om oss\?/ }).waitFor();
    // The personal identity number is asked only where the region records them.
    const region = await prisma().tenant.findUniqueOrThrow({ where: { slug: TENANT } });
    expect(await page.getByLabel("Personnummer").count()).toBe(region.collectsPersonalIdentityNumbers ? 1 : 0);
    expect(await page.getByLabel("Var då?").count()).toBe(0);
    await expectAccessible(page);

    // Sent empty: the API's field errors, each at its field (the region's question too), linked from the summary.
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();
    await page.locator(".error-summary").waitFor();
    const givenName = page.locator("#r-givenName");
    await expect.poll(() => givenName.getAttribute("aria-invalid"), { timeout: 30_000 }).toBe("true");
    expect(await givenName.getAttribute("aria-describedby")).toContain("r-givenName-error");
    expect(await page.locator("#r-givenName-error").textContent()).not.toBe("");
    expect(await page.locator("[id='r-networkIds-error']").count()).toBe(1);
    expect(await page.locator("[id='r-perspectives-error']").count()).toBe(1);
    const question = page.locator("[id='r-answers.HEARD_OF_US']");
    expect(await question.getAttribute("aria-describedby")).toContain("r-answers.HEARD_OF_US-error");
    expect(await page.locator("[id='r-answers.HEARD_OF_US-error']").textContent()).not.toBe("");
    expect(await page.locator(".error-summary a[href='#r-answers.HEARD_OF_US']").count()).toBe(1);
    expect(await page.locator(".error-summary a[href='#r-givenName']").count()).toBe(1);
    await expectAccessible(page, "register with field errors");
    await screenshot(page, "8-intresseanmalan-felmeddelanden");

    // Filled in; "Annat" asks "Var då?", which is then required.
    await page.getByRole("checkbox", { name: "Levande bibliotek" }).check();
    await page.getByLabel("Förnamn").fill("Astrid");
    await page.getByLabel("Efternamn").fill(FAMILY_NAME);
    await page.getByLabel("E-post").fill("astrid.bergsten.ekholm@example.se");
    await page.getByLabel("Kommun").fill("Jönköping");
    await page.getByRole("checkbox", { name: "Patient" }).check();
    await page.getByLabel("Berätta kort om din erfarenhet").fill("Hjärtsjukvård på Ryhov under flera år.");
    await page.getByLabel("Kompetenser").fill(`Berätta om ${COMPETENCE}\nSitta i patientpanel`);
    await page.getByRole("radio", { name: "Annat" }).check();
    await page.getByLabel("Var då?").fill("På biblioteket");
    await page
      .getByRole("group", { name: /Kan du medverka digitalt/ })
      .getByRole("radio", { name: "Ja" })
      .check();
    // Without the consent the API refuses, and says so at the consent box.
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();
    const consentBox = page.locator("#r-consent");
    await expect.poll(() => consentBox.getAttribute("aria-invalid"), { timeout: 30_000 }).toBe("true");
    expect(await consentBox.getAttribute("aria-describedby")).toContain("r-consent-error");
    expect(await page.locator(".error-summary a[href='#r-consent']").count()).toBe(1);
    await expectAccessible(page, "register with consent error");
    await consentBox.check();
    await page.getByRole("button", { name: "Skicka intresseanmälan" }).click();

    // On Mina sidor as a member, with the receipt.
    await page.waitForURL(/\/my$/);
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
    await page.getByText("Du är nu registrerad som medverkande.").waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Mina uppdrag" }).waitFor();
    await expectAccessible(page, "my pages after registration");
    await screenshot(page, "9-mina-sidor-ny-medverkande");

    const member = await prisma().member.findFirstOrThrow({
      where: { tenant: { slug: TENANT }, givenName: "Astrid", familyName: FAMILY_NAME },
      include: { memberships: { include: { network: true } }, logins: true },
    });
    expect(member.givenName).toBe("Astrid");
    expect(member.memberships.map((membership) => membership.network.name)).toEqual(["Levande bibliotek"]);
    expect(member.memberships[0]?.registrationFormVersion).toBe(1);
    expect(member.memberships[0]?.registrationAnswers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: "HEARD_OF_US" }),
        expect.objectContaining({ question: "WHERE" }),
        expect.objectContaining({ question: "DIGITAL" }),
      ]),
    );
    expect(member.competences).toContain(`Berätta om ${COMPETENCE}`);
    // The login that registered is the member's now.
    expect(member.logins).toHaveLength(1);
    await signOut(page);
    await context.close();

    // Scenario: the coordinator has called her and she has attended the short training (the intake pages are another
    // area's), so she is active in Levande bibliotek and can be asked.
    await prisma().membership.updateMany({
      where: { memberId: member.id },
      data: { status: "ACTIVE", contactCallAt: new Date(), trainedAt: new Date(), activatedAt: new Date() },
    });
  });
});

describe("Jönköping's routine in the browser", () => {
  it("the unit submits a request through Jönköping's own form", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, TENANT, REQUESTER);
    await page.getByRole("navigation").getByRole("link", { name: "Ny förfrågan" }).click();
    await page.locator("#f-title").waitFor();
    const network = page.locator("#f-networkId");
    if (await network.count()) {
      await network.selectOption({ label: "Levande bibliotek" });
    }
    const fill = async (id: string, value: string) => {
      const field = page.locator(`[id="${id}"]`);
      if (await field.count()) await field.fill(value);
    };
    await fill("f-title", TITLE);
    await fill("f-purpose", "Vi vill förstå hur patienter upplever utskrivningen från hjärtavdelningen.");
    await fill("f-expectations", "Berätta om din erfarenhet i en workshop med personalen.");
    await fill("f-audience", "Sjuksköterskor och läkare på avdelningen");
    await fill("f-audienceSize", "12");
    await fill("f-numberOfPersons", "1");
    await fill("f-experienceSought.text", "Erfarenhet av hjärtsjukvård som patient");
    await fill("f-preparation", "Ett kort samtal innan.");
    await fill("f-competencesSought", COMPETENCE);
    await fill("f-contactPerson.name", "Sara Holmgren");
    await fill("f-contactPerson.email", "sara.holmgren@rjl.example.se");
    await fill("f-contactPerson.phone", "036-12 34 56");
    await fill("f-occasions[0].startsAt", localDateTime(20, 9));
    await fill("f-occasions[0].endsAt", localDateTime(20, 12));
    await fill("f-occasions[0].place", "Qulturum, Ryhov");
    const costCentre = page.locator("#f-costCentre");
    if (
      (await costCentre.count()) &&
      (await costCentre.evaluate((element) => (element as unknown as { tagName: string }).tagName)) === "SELECT"
    ) {
      await expect.poll(() => costCentre.inputValue(), { timeout: 30_000 }).not.toBe("");
    } else await fill("f-costCentre", "1234");
    const assignmentType = page.locator("#f-assignmentType");
    if (await assignmentType.count()) {
      const value = await assignmentType.locator("option").nth(1).getAttribute("value");
      await assignmentType.selectOption(value ?? "");
    }
    for (const id of ["f-perspective-PATIENT"]) {
      const box = page.locator(`#${id}`);
      if (await box.count()) await box.check();
    }
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]+$/);
    requestPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => page.getByTestId("request-status").textContent(), { timeout: 30_000 }).toBe("Inskickad");
    await signOut(page);
    await context.close();
  });

  it("the coordinator starts matching and invites the new member, ranked first", async () => {
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, TENANT, COORDINATOR);
    await page.getByRole("navigation").getByRole("link", { name: "Förfrågningar" }).click();
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("button", { name: "Starta matchning" }).click();
    await page.getByRole("heading", { name: "Föreslagna medverkande" }).waitFor();
    const labels = await page.locator(".candidates label").allTextContents();
    expect(labels[0], labels.join(" | ")).toContain(MEMBER_NAME);
    await page.getByRole("checkbox", { name: new RegExp(MEMBER_NAME) }).check();
    await page.getByLabel("Personligt meddelande").fill("Hej! Din erfarenhet av hjärtsjukvården passar workshopen.");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByRole("heading", { name: "Inbjudningar" }).waitFor();
    expect(await page.getByRole("row", { name: new RegExp(MEMBER_NAME) }).textContent()).toContain("Väntar på svar");
    await signOut(page);
    await context.close();
  });

  it("the member accepts with the contact-sharing consent and finds the occasion as a calendar file", async () => {
    const { context, page } = await newPerson(browser);
    await signInAsMember(page);
    await page.getByRole("navigation").getByRole("link", { name: "Inbjudningar" }).click();
    const card = page.getByRole("article", { name: TITLE });
    await card.getByLabel("Jag samtycker till att mina kontaktuppgifter delas med verksamheten").check();
    await card.getByRole("button", { name: "Tacka ja" }).click();
    await expect.poll(async () => card.textContent(), { timeout: 30_000 }).toContain("Accepterad");

    await page.getByRole("navigation").getByRole("link", { name: "Mina uppdrag" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina uppdrag" }).waitFor();
    const assignment = page.getByRole("article", { name: TITLE });
    await assignment.waitFor();
    expect(await assignment.textContent()).toContain("Qulturum, Ryhov");
    expect(await assignment.textContent()).toContain("Bekräftat");
    await expectAccessible(page);
    await screenshot(page, "10-mina-uppdrag");
    const calendar = await downloadOf(page, () =>
      assignment.getByRole("button", { name: new RegExp(`^Lägg i kalendern \\(\\.ics\\): ${TITLE}`) }).click(),
    );
    expect(calendar.name).toMatch(/\.ics$/u);
    expect(calendar.text).toContain("BEGIN:VCALENDAR");
    // iCalendar escapes the comma in the place.
    expect(calendar.text).toContain("LOCATION:Qulturum\\, Ryhov");
    expect(calendar.text).toContain(`SUMMARY:${TITLE}`);
    await signOut(page);
    await context.close();
  });

  it("the unit reports the occasion held and the attendance", async () => {
    // Scenario: the workshop day has come (the occasion moves to yesterday, as in the API's end-to-end tests).
    const requestId = requestPath.split("/").at(-1) as string;
    const occasion = await prisma().occasion.findFirstOrThrow({ where: { requestId } });
    const startsAt = new Date(Date.now() - 86_400_000);
    await prisma().occasion.updateMany({
      where: { id: occasion.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) },
    });
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, TENANT, REQUESTER);
    await page.goto(`${origin}${requestPath}`);
    const participants = page.getByRole("region", { name: "Medverkande och kontaktuppgifter" });
    await participants.getByText(MEMBER_NAME).waitFor();
    await page.getByRole("button", { name: "Markera som genomfört" }).click();
    await page.getByRole("button", { name: `Närvarade: ${MEMBER_NAME}` }).click();
    await page.getByText("Närvaro registrerad").waitFor();
    await signOut(page);
    await context.close();
  });

  it("the member fills in travel and expenses on the fee claim (errors at their fields), then signs", async () => {
    const requestId = requestPath.split("/").at(-1) as string;
    const claim = await prisma().feeClaim.findFirstOrThrow({ where: { assignment: { requestId } } });
    expect(claim.status).toBe("DRAFT");
    const { context, page } = await newPerson(browser);
    await signInAsMember(page);
    await page.getByRole("navigation").getByRole("link", { name: "Arvoden" }).click();
    const form = page.getByRole("form", { name: new RegExp(`^${TITLE}`) });
    await form.waitFor();
    await expectAccessible(page, "fee claims (member, fill in)");

    const km = form.getByLabel("Körsträcka med egen bil (km, tur och retur)");
    await km.fill("46");
    await form.getByRole("button", { name: "Lägg till utlägg" }).click();
    // An amount that is no amount, and no description: each error at its own field.
    await form.getByLabel("Belopp i kronor (utlägg 1)").fill("tolv");
    await form.getByRole("button", { name: "Spara resor och utlägg" }).click();
    const amount = form.getByLabel("Belopp i kronor (utlägg 1)");
    await expect.poll(() => amount.getAttribute("aria-invalid"), { timeout: 30_000 }).toBe("true");
    await amount.fill("58,50");
    await form.getByRole("button", { name: "Spara resor och utlägg" }).click();
    const description = form.getByLabel("Vad (utlägg 1)");
    await expect.poll(() => description.getAttribute("aria-invalid"), { timeout: 30_000 }).toBe("true");
    expect(await description.getAttribute("aria-describedby")).toContain(`claim-${claim.id}-expenses[0].description-error`);
    await expectAccessible(page, "fee claims (member, field errors)");
    await description.fill("Bussbiljett Jönköping–Ryhov");
    await form.getByRole("button", { name: "Spara resor och utlägg" }).click();
    await form.getByText(/^Sparat\. Nya belopp/).waitFor();
    const saved = await prisma().feeClaim.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: claim.tenantId, id: claim.id } },
      include: { expenses: true },
    });
    expect(saved.mileageKm).toBe(46);
    expect(saved.expenses.map((expense) => [expense.description, expense.amountOre])).toEqual([["Bussbiljett Jönköping–Ryhov", 5850]]);
    expect(saved.netOre).toBeGreaterThan(claim.netOre);
    await screenshot(page, "11-arvode-resor-och-utlagg");

    await page.getByRole("button", { name: new RegExp(`^Signera och skicka in: ${TITLE}`) }).click();
    await page.getByRole("cell", { name: "Inskickad" }).waitFor();
    // Signed: nothing left to fill in.
    await expect.poll(() => page.getByRole("form", { name: new RegExp(`^${TITLE}`) }).count(), { timeout: 30_000 }).toBe(0);
    await signOut(page);
    await context.close();
  });

  it("the unit attests the claim (Jönköping: units attest) and the coordinator exports payroll", async () => {
    const tenant = await prisma().tenant.findUniqueOrThrow({ where: { slug: TENANT } });
    expect(["UNIT_REQUESTER", "EITHER"]).toContain(tenant.feeClaimAttester);
    const unit = await newPerson(browser);
    await signIn(unit.page, origin, TENANT, REQUESTER);
    await unit.page.getByRole("navigation").getByRole("link", { name: "Arvoden" }).click();
    await unit.page.getByRole("button", { name: new RegExp(`^Attestera: ${MEMBER_NAME}`) }).click();
    await unit.page.getByRole("row", { name: new RegExp(`${MEMBER_NAME}.*Attesterad`) }).waitFor();
    await expectAccessible(unit.page, "fee claims (unit)");
    await signOut(unit.page);
    await unit.context.close();

    const { context, page } = await newPerson(browser);
    await signIn(page, origin, TENANT, COORDINATOR);
    await page.getByRole("navigation").getByRole("link", { name: "Löneunderlag" }).click();
    await page.getByRole("button", { name: "Skapa löneunderlag" }).click();
    await page.getByText(/^Löneunderlag med \d+ arvoden skapat\.$/u).waitFor();
    const csv = decodeURIComponent(
      ((await page.getByRole("link", { name: "Ladda ner CSV" }).getAttribute("href")) ?? "").replace(/^data:[^,]*,/, ""),
    );
    expect(csv).toContain(FAMILY_NAME);
    const requestId = requestPath.split("/").at(-1) as string;
    const claim = await prisma().feeClaim.findFirstOrThrow({ where: { assignment: { requestId } } });
    expect(claim.status).toBe("SENT_TO_PAYROLL");
    expect(claim.mileageKm).toBe(46);
    await signOut(page);
    await context.close();
  });
});

describe("A long assignment's agreement", () => {
  it("the member downloads the written agreement as a PDF from Mina uppdrag", async () => {
    const subjects = Object.values(demoMemberSubjects).flat();
    const assignment = await prisma().assignment.findFirst({
      where: { agreementRequired: true, cancelledAt: null, member: { subject: { in: subjects } } },
      include: { member: { select: { subject: true } }, tenant: { select: { slug: true } }, request: { select: { title: true } } },
      orderBy: { createdAt: "desc" },
    });
    expect(assignment, "a seeded long assignment of a member who can sign in").not.toBeNull();
    if (!assignment?.member.subject) return;
    const { context, page } = await newPerson(browser);
    await signIn(page, origin, assignment.tenant.slug, assignment.member.subject);
    await page.getByRole("navigation").getByRole("link", { name: "Mina uppdrag" }).click();
    const card = page.getByRole("article", { name: assignment.request.title }).first();
    await card.getByRole("heading", { name: "Överenskommelse" }).waitFor();
    await expectAccessible(page, "my assignments (agreement)");
    const agreement = await downloadOf(page, () => card.getByRole("button", { name: /^Överenskommelse \(PDF\)/u }).click());
    expect(agreement.name).toMatch(/\.pdf$/u);
    expect(agreement.text.slice(0, 5)).toBe("%PDF-");
    await signOut(page);
    await context.close();
  });
});
