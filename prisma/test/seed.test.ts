import {
  computeFee,
  type FeeScheduleVersion,
  isValidOn,
  NATIONAL_PRICE_BASE_AMOUNTS,
  priceBaseAmountTable,
  REGION_SEEDS,
} from "@medverkan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAudience, demoMemberSubjects, demoStaff, type SeedSummary, seedDemoData, seedId } from "../seed/index.js";
import { buildTenantPlan } from "../seed/tenant-plan.js";
import { DEMO_TENANTS } from "../seed/tenants/index.js";
import { Calendar, startOfStockholmDay } from "../seed/time.js";
import { type Database, openDatabase, type PrismaClient } from "../src/index.js";

// The demo seed on a fresh in-memory PGlite: migrated, seeded, seeded again. The assertions read the database, not
// the seed's own plan, so they check what `start` and the API tests will actually find.

const NOW = new Date("2026-11-22T07:00:00.000Z");
const FIRST = {
  tokenIssuer: "urn:medverkan:test-issuer-1",
  publicKeys: { keys: [{ kty: "EC", crv: "P-256", x: "a", y: "b", kid: "k1" }] },
};
const SECOND = {
  tokenIssuer: "urn:medverkan:test-issuer-2",
  publicKeys: { keys: [{ kty: "EC", crv: "P-256", x: "c", y: "d", kid: "k2" }] },
};
const SLUGS = ["jonkoping", "vgr", "kalmar", "ostergotland"] as const;

let db: Database;
let prisma: PrismaClient;
let first: SeedSummary;
let second: SeedSummary;
let before: Map<string, string>;
let after: Map<string, string>;
let tableNames: string[];

/**
 * Rows that triggers keep beside the data and that say nothing a re-seed should reproduce: the candidate ranking's
 * counters keep a month they once counted at zero (harmless, read as nothing), and a tenant's statistics data version
 * and its candidate pool version are new random values after every committed write, by design (migrations
 * 20261208150000 and 20261208150001).
 */
const DERIVED: Record<string, string> = {
  MemberActivity: `WHERE t."lastInvitedAt" IS NOT NULL OR t."liveAssignments" <> 0`,
  MemberActivityMonth: `WHERE t."invitations" <> 0 OR t."liveAssignments" <> 0`,
  StatisticsDataVersion: "WHERE false",
  CandidatePoolVersion: "WHERE false",
};

/** Every row of every table, as canonical JSON keyed by table, for before/after comparisons. */
async function snapshot(): Promise<Map<string, string>> {
  const tables = new Map<string, string>();
  for (const table of tableNames) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT to_jsonb(t) AS row FROM "${table}" t ${DERIVED[table] ?? ""}`,
    );
    const lines = rows.map((row) => JSON.stringify(row.row)).sort();
    tables.set(table, lines.join("\n"));
  }
  return tables;
}

async function tenantId(slug: string): Promise<string> {
  return (await prisma.tenant.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

beforeAll(async () => {
  db = await openDatabase({ kind: "embedded", dataDirectory: null });
  await db.migrate();
  prisma = db.prisma;
  tableNames = (
    await prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    )
  ).map((row) => row.table_name);
  first = await seedDemoData(prisma, { ...FIRST, now: NOW });
  before = await snapshot();
  second = await seedDemoData(prisma, { ...SECOND, now: NOW });
  after = await snapshot();
});

afterAll(async () => {
  await db?.close();
});

describe("the four demo tenants", () => {
  it("exist with their networks, care domains and contact addresses", async () => {
    const tenants = await prisma.tenant.findMany({
      orderBy: { slug: "asc" },
      select: {
        slug: true,
        name: true,
        locale: true,
        timeZone: true,
        currency: true,
        tokenAudience: true,
        networks: { orderBy: { slug: "asc" }, select: { slug: true, name: true, careDomain: true, contactEmail: true } },
      },
    });
    expect(tenants.map((tenant) => tenant.slug)).toEqual([...SLUGS].sort());
    for (const tenant of tenants) {
      expect(tenant).toMatchObject({
        locale: "sv-SE",
        timeZone: "Europe/Stockholm",
        currency: "SEK",
        tokenAudience: demoAudience(tenant.slug),
      });
    }
    const bySlug = Object.fromEntries(tenants.map((tenant) => [tenant.slug, tenant]));
    expect(bySlug.jonkoping?.name).toBe("Region Jönköpings län");
    expect(bySlug.jonkoping?.networks).toEqual([
      { slug: "levande-bibliotek", name: "Levande bibliotek", careDomain: "SOMATIC", contactEmail: "levandebibliotek@rjl.se" },
      { slug: "peer", name: "Peer", careDomain: "PSYCHIATRIC", contactEmail: "peeruppdrag@rjl.se" },
    ]);
    expect(bySlug.vgr?.name).toBe("Västra Götalandsregionen");
    expect(bySlug.vgr?.networks).toEqual([
      { slug: "levande-bibliotek", name: "Levande bibliotek", careDomain: "MIXED", contactEmail: "levande.bibliotek@vgregion.se" },
    ]);
    expect(bySlug.kalmar?.name).toBe("Region Kalmar län");
    expect(bySlug.kalmar?.networks).toEqual([
      { slug: "intressebanken", name: "Intressebanken", careDomain: "MIXED", contactEmail: "invanarmedverkan@regionkalmar.se" },
    ]);
    expect(bySlug.ostergotland?.name).toBe("Region Östergötland");
    expect(bySlug.ostergotland?.networks).toHaveLength(1);
    expect(bySlug.ostergotland?.networks[0]?.name).toBe("Levande bibliotek");
    expect(bySlug.ostergotland?.networks[0]?.contactEmail).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  });

  it("link every network to the tenant's intake rules, request form and fee schedule", async () => {
    const networks = await prisma.network.findMany({
      select: { intakeRuleSet: { select: { isTenantDefault: true } }, requestForm: true, feeSchedule: true, tenantId: true },
    });
    for (const network of networks) {
      expect(network.intakeRuleSet?.isTenantDefault).toBe(true);
      expect(network.requestForm?.isTenantDefault).toBe(true);
      expect(network.feeSchedule?.isTenantDefault).toBe(true);
    }
  });

  it("configure VGR's fees as fixed amounts: 931 kr per half day, 1 863 kr per full day", async () => {
    const [version] = await prisma.feeScheduleVersion.findMany({ where: { tenantId: await tenantId("vgr") } });
    expect(version?.basis).toBe("FIXED_AMOUNTS");
    expect(version?.payoutMethod).toBe("FEE");
    const categories = version?.categories as Array<{ category: string; upToMinutes: number | null; value: number }>;
    expect(categories).toEqual([
      { category: "HALF_DAY", upToMinutes: 240, value: 93_100 },
      { category: "FULL_DAY", upToMinutes: null, value: 186_300 },
    ]);
  });

  it("configure Jönköping's fees as a share of the price base amount, paid as salary with 30 % withheld", async () => {
    const [version] = await prisma.feeScheduleVersion.findMany({ where: { tenantId: await tenantId("jonkoping") } });
    expect(version).toMatchObject({
      basis: "SHARE_OF_PRICE_BASE_AMOUNT",
      payoutMethod: "SALARY",
      withholdingBasisPoints: 3000,
      hourlyValue: 50,
      travelTimeCounts: true,
    });
    expect(version?.categories).toEqual([
      { category: "SHORT", upToMinutes: 120, value: 90 },
      { category: "HALF_DAY", upToMinutes: 240, value: 180 },
      { category: "FULL_DAY", upToMinutes: null, value: 360 },
    ]);
    const pbb = await prisma.priceBaseAmount.findMany({ orderBy: { year: "asc" } });
    expect(pbb.map((row) => [row.year, row.amountKronor])).toEqual([
      [2020, 47_300],
      [2021, 47_600],
      [2022, 48_300],
      [2023, 52_500],
      [2024, 57_300],
      [2025, 58_800],
      [2026, 59_200],
    ]);
  });

  it("make VGR's introduction mandatory and Kalmar's guardian consent required below 18", async () => {
    const vgr = await prisma.intakeRuleSet.findFirstOrThrow({ where: { tenantId: await tenantId("vgr"), isTenantDefault: true } });
    expect(vgr.requireTrainingAttended).toBe(true);
    expect(vgr.recordOrganisationMandate).toBe(true);
    const kalmar = await prisma.intakeRuleSet.findFirstOrThrow({ where: { tenantId: await tenantId("kalmar"), isTenantDefault: true } });
    expect(kalmar.guardianConsentBelowAge).toBe(18);
    expect(kalmar.requireIntroductionMeeting).toBe(true);
  });

  it("record Kalmar's legal basis and Kalmar's county organisations, one municipality paying its own participants", async () => {
    const id = await tenantId("kalmar");
    const processing = await prisma.consentText.findFirstOrThrow({ where: { tenantId: id, kind: "PROCESSING", version: "1" } });
    expect(processing.textSv).toContain("allmänt intresse");
    const organisations = await prisma.organisation.findMany({ where: { tenantId: id } });
    const names = organisations.map((organisation) => organisation.name);
    expect(names).toEqual(
      expect.arrayContaining(["Region Kalmar län", "Kommunförbundet Kalmar län", "Kalmar kommun", "Västerviks kommun"]),
    );
    expect(organisations.filter((organisation) => organisation.kind === "MUNICIPALITY").length).toBeGreaterThanOrEqual(4);
    expect(organisations.filter((organisation) => organisation.paysOwnParticipants).map((organisation) => organisation.name)).toEqual([
      "Västerviks kommun",
    ]);
  });

  it("give every tenant consent texts in Swedish and English, a bilingual hierarchical taxonomy, units with cost centres", async () => {
    for (const slug of SLUGS) {
      const id = await tenantId(slug);
      const texts = await prisma.consentText.findMany({ where: { tenantId: id }, orderBy: { kind: "asc" } });
      expect(texts.map((text) => `${text.kind} v${text.version}`).sort()).toEqual(["CONTACT_SHARING v1", "GUARDIAN v1", "PROCESSING v1"]);
      for (const text of texts) expect(text.textSv.length > 50 && text.textEn.length > 50).toBe(true);
      const tags = await prisma.experienceTag.findMany({ where: { tenantId: id } });
      expect(tags.filter((tag) => tag.parentId === null).length).toBeGreaterThan(3);
      expect(tags.filter((tag) => tag.parentId !== null).length).toBeGreaterThan(20);
      expect(tags.every((tag) => tag.labelSv !== "" && tag.labelEn !== "")).toBe(true);
      const units = await prisma.unit.findMany({ where: { tenantId: id }, select: { costCentres: true } });
      expect(units.length).toBeGreaterThan(3);
      expect(units.every((unit) => unit.costCentres.length === 1)).toBe(true);
    }
    const shared = await prisma.costCentre.findMany({ where: { tenantId: await tenantId("jonkoping"), shared: true, unitId: null } });
    expect(shared.map((costCentre) => costCentre.name)).toEqual([expect.stringContaining("LPO")]);
  });

  it("schedule VGR's digital introduction on the published 2022 dates and on upcoming ones", async () => {
    const sessions = await prisma.trainingSession.findMany({ where: { tenantId: await tenantId("vgr") }, orderBy: { startsAt: "asc" } });
    const first2022 = sessions.find((session) => session.startsAt.toISOString() === "2022-02-17T15:30:00.000Z");
    expect(first2022).toMatchObject({ format: "DIGITAL", endsAt: new Date("2022-02-17T17:00:00.000Z") });
    expect(sessions.filter((session) => session.startsAt.getUTCFullYear() === 2022)).toHaveLength(6);
    expect(sessions.filter((session) => session.startsAt > NOW).length).toBeGreaterThanOrEqual(2);
  });
});

describe("staff and members to sign in as", () => {
  it("has at least one staff user with a grant for every role in every tenant; coordinators per network", async () => {
    for (const slug of SLUGS) {
      const grants = await prisma.roleGrant.findMany({ where: { tenantId: await tenantId(slug), revokedAt: null } });
      for (const role of ["TENANT_ADMIN", "COORDINATOR", "REQUESTER", "ANALYST"] as const) {
        expect(grants.some((grant) => grant.role === role)).toBe(true);
      }
      expect(grants.filter((grant) => grant.role === "COORDINATOR").every((grant) => grant.networkId !== null)).toBe(true);
      expect(grants.filter((grant) => grant.role === "REQUESTER").every((grant) => grant.unitId !== null)).toBe(true);
      const networks = await prisma.network.findMany({ where: { tenantId: await tenantId(slug) } });
      for (const network of networks)
        expect(grants.some((grant) => grant.role === "COORDINATOR" && grant.networkId === network.id)).toBe(true);
    }
  });

  it("lists demo staff and members that exist with the listed roles", async () => {
    for (const slug of SLUGS) {
      const id = await tenantId(slug);
      const staff = demoStaff[slug] ?? [];
      expect(new Set(staff.map((person) => person.role))).toEqual(new Set(["TENANT_ADMIN", "COORDINATOR", "REQUESTER", "ANALYST"]));
      for (const person of staff) {
        const row = await prisma.staffUser.findUniqueOrThrow({
          where: { tenantId_subject: { tenantId: id, subject: person.subject } },
          select: { roleGrants: { select: { role: true, network: { select: { slug: true } } } } },
        });
        expect(row.roleGrants.some((grant) => grant.role === person.role && (grant.network?.slug ?? null) === person.networkSlug)).toBe(
          true,
        );
      }
      const subjects = demoMemberSubjects[slug] ?? [];
      expect(subjects[0]).toBe(`${slug}-member-1`);
      for (const subject of subjects) {
        await prisma.member.findUniqueOrThrow({ where: { tenantId_subject: { tenantId: id, subject } } });
      }
      const firstMember = await prisma.member.findUniqueOrThrow({
        where: { tenantId_subject: { tenantId: id, subject: `${slug}-member-1` } },
        select: { erasedAt: true, memberships: { select: { status: true } }, assignments: true, feeClaims: true },
      });
      expect(firstMember.erasedAt).toBeNull();
      expect(firstMember.memberships.map((membership) => membership.status)).toContain("ACTIVE");
      expect(firstMember.assignments.length).toBeGreaterThan(0);
      expect(firstMember.feeClaims.length).toBeGreaterThan(0);
    }
    const operator = await prisma.platformOperator.findUniqueOrThrow({ where: { subject: "platform-operator" } });
    expect(operator.disabledAt).toBeNull();
  });
});

describe("synthetic members", () => {
  it("fill each network with 25–40 people in every intake status, with consents, experiences and languages", async () => {
    const statuses = new Set<string>();
    for (const slug of SLUGS) {
      const id = await tenantId(slug);
      for (const network of await prisma.network.findMany({ where: { tenantId: id } })) {
        const count = await prisma.membership.count({ where: { tenantId: id, networkId: network.id } });
        expect(count).toBeGreaterThanOrEqual(25);
        expect(count).toBeLessThanOrEqual(40);
      }
      const members = await prisma.member.findMany({
        where: { tenantId: id },
        select: {
          id: true,
          email: true,
          phone: true,
          erasedAt: true,
          languages: true,
          experiences: true,
          consents: true,
          memberships: true,
        },
      });
      for (const member of members) {
        for (const membership of member.memberships) statuses.add(membership.status);
        expect(member.consents.some((consent) => consent.kind === "PROCESSING")).toBe(true);
        if (member.erasedAt) continue;
        expect(member.languages).toContain("sv");
        expect(member.experiences.length).toBeGreaterThan(0);
        if (member.email) expect(member.email).toMatch(/@example\.se$/);
        // The series PTS reserves for fiction: no seeded number can ring a real phone.
        if (member.phone) expect(member.phone).toMatch(/^\+46701740(6[0-9]{2})$/);
      }
    }
    expect([...statuses].sort()).toEqual(
      [
        "ACTIVE",
        "CONTACTED",
        "ERASED",
        "INTRODUCTION_BOOKED",
        "PAUSED",
        "PENDING_GUARDIAN_CONSENT",
        "REGISTERED",
        "TRAINED",
        "WITHDRAWN",
      ].sort(),
    );
  });

  it("include Kalmar's minors: one waiting for a guardian's consent, one with a guardian and written consent", async () => {
    const id = await tenantId("kalmar");
    const pending = await prisma.membership.findMany({
      where: { tenantId: id, status: "PENDING_GUARDIAN_CONSENT" },
      select: { member: { select: { guardians: true, consents: true, birthDate: true } } },
    });
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(pending[0]?.member.consents.some((consent) => consent.kind === "GUARDIAN")).toBe(false);
    const guardianConsents = await prisma.consent.findMany({
      where: { tenantId: id, kind: "GUARDIAN", withdrawnAt: null },
      select: { givenBy: true, guardianId: true, member: { select: { birthDate: true, memberships: { select: { status: true } } } } },
    });
    expect(guardianConsents.length).toBeGreaterThanOrEqual(1);
    const consent = guardianConsents[0];
    expect(consent?.givenBy).toBe("GUARDIAN");
    expect(consent?.guardianId).not.toBeNull();
    const born = consent?.member.birthDate ?? new Date(0);
    expect(NOW.getTime() - born.getTime()).toBeLessThan(18 * 365.25 * 86_400_000);
    expect(consent?.member.memberships.map((membership) => membership.status)).toContain("ACTIVE");
  });

  it("flag probable duplicates, pauses and a representative's organisation", async () => {
    for (const slug of SLUGS) {
      const id = await tenantId(slug);
      const duplicates = await prisma.duplicateCandidate.findMany({ where: { tenantId: id } });
      expect(duplicates.some((duplicate) => duplicate.resolvedAt === null)).toBe(true);
      expect(duplicates.every((duplicate) => duplicate.matchedOn.length > 0)).toBe(true);
      expect(await prisma.memberPause.count({ where: { tenantId: id } })).toBeGreaterThan(0);
    }
    const representatives = await prisma.member.count({
      where: { tenantId: await tenantId("vgr"), organisationRepresented: { not: null } },
    });
    expect(representatives).toBeGreaterThan(0);
  });
});

describe("requests and what follows", () => {
  it("cover every request status, and invitations pending, accepted and declined", async () => {
    for (const slug of SLUGS) {
      const id = await tenantId(slug);
      const requests = await prisma.request.findMany({ where: { tenantId: id }, select: { status: true, occasions: true } });
      expect(new Set(requests.map((request) => request.status))).toEqual(
        new Set(["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED", "CARRIED_OUT", "FOLLOWED_UP", "DECLINED", "CANCELLED"]),
      );
      expect(requests.every((request) => request.occasions.length > 0)).toBe(true);
      const invitations = await prisma.invitation.findMany({ where: { tenantId: id } });
      for (const status of ["PENDING", "ACCEPTED", "DECLINED"] as const)
        expect(invitations.some((invitation) => invitation.status === status)).toBe(true);
      for (const invitation of invitations.filter((candidate) => candidate.status === "PENDING"))
        expect(invitation.expiresAt > NOW).toBe(true);
    }
  });

  it("share contact details only after acceptance, with a contact-sharing consent for that request", async () => {
    const invitations = await prisma.invitation.findMany({ include: { contactConsent: true } });
    for (const invitation of invitations) {
      if (invitation.status === "ACCEPTED") {
        expect(invitation.contactConsent).toMatchObject({
          kind: "CONTACT_SHARING",
          requestId: invitation.requestId,
          memberId: invitation.memberId,
        });
      } else {
        expect(invitation.contactConsentId).toBeNull();
        expect(invitation.contactReleasedAt).toBeNull();
      }
    }
    const accepted = await prisma.invitation.findMany({ where: { status: "ACCEPTED" }, include: { assignment: true } });
    expect(accepted.every((invitation) => invitation.assignment !== null)).toBe(true);
  });

  it("compute every fee claim with the domain's rules for the schedule valid on the occasion's date", async () => {
    const priceBaseAmounts = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);
    const claims = await prisma.feeClaim.findMany({
      include: { expenses: true, tenant: { select: { slug: true } }, feeScheduleVersion: { select: { validFrom: true } } },
    });
    expect(claims.length).toBeGreaterThanOrEqual(20);
    for (const claim of claims) {
      const region = REGION_SEEDS.find((candidate) => candidate.tenant.slug === claim.tenant.slug);
      const occasionDate = claim.occasionDate.toISOString().slice(0, 10);
      const schedule = region?.feeSchedules.find((version: FeeScheduleVersion) => isValidOn(version, occasionDate));
      if (!schedule) throw new Error(`no schedule for ${claim.tenant.slug} on ${occasionDate}`);
      expect(claim.feeScheduleVersion.validFrom.toISOString().slice(0, 10)).toBe(schedule.validFrom);
      const result = computeFee({
        schedule,
        occasionDate,
        durationMinutes: claim.durationMinutes,
        travelMinutes: claim.travelMinutes,
        preparationMinutes: claim.preparationMinutes,
        hourly: claim.hourly,
        mileageKm: claim.mileageKm,
        expenses: claim.expenses.map((expense) => ({ description: expense.description, amountOre: expense.amountOre })),
        priceBaseAmounts,
      });
      if (!result.ok) throw new Error(result.failure.message.en);
      expect({
        category: claim.category,
        grossOre: claim.grossOre,
        preparationOre: claim.preparationOre,
        mileageOre: claim.mileageOre,
        expensesOre: claim.expensesOre,
        withholdingOre: claim.withholdingOre,
        netOre: claim.netOre,
      }).toEqual({
        category: result.fee.category,
        grossOre: result.fee.grossOre,
        preparationOre: result.fee.preparationOre,
        mileageOre: result.fee.mileageOre,
        expensesOre: result.fee.expensesOre,
        withholdingOre: result.fee.withholdingOre,
        netOre: result.fee.netOre,
      });
    }
    // Jönköping's salary claims withhold 30 %; VGR's fees withhold nothing.
    const jonkoping = claims.filter((claim) => claim.tenant.slug === "jonkoping");
    expect(jonkoping.every((claim) => claim.withholdingOre > 0)).toBe(true);
    expect(claims.filter((claim) => claim.tenant.slug === "vgr").every((claim) => claim.withholdingOre === 0)).toBe(true);
    for (const status of ["DRAFT", "SUBMITTED", "ATTESTED", "PAID", "REJECTED", "SUPERSEDED"]) {
      expect(claims.some((claim) => claim.status === status)).toBe(true);
    }
    const paid = claims.filter((claim) => claim.status === "PAID" || claim.status === "SENT_TO_PAYROLL");
    expect(paid.every((claim) => claim.payrollExportId !== null)).toBe(true);
  });

  it("pay a participant in a single municipality through that municipality", async () => {
    const id = await tenantId("kalmar");
    const vastervik = await prisma.organisation.findUniqueOrThrow({
      where: { tenantId_name: { tenantId: id, name: "Västerviks kommun" } },
    });
    const claims = await prisma.feeClaim.findMany({ where: { tenantId: id, payerOrganisationId: vastervik.id } });
    expect(claims.length).toBeGreaterThan(0);
  });

  it("has feedback from unit, participant and coordinator on followed-up requests", async () => {
    for (const slug of SLUGS) {
      const feedback = await prisma.feedback.findMany({ where: { tenantId: await tenantId(slug) } });
      expect(new Set(feedback.map((item) => item.author))).toEqual(new Set(["UNIT", "PARTICIPANT", "COORDINATOR"]));
    }
  });
});

describe("idempotency", () => {
  it("counts the same after the second run, and the second run changes nothing but the token settings", () => {
    expect(second.tenants).toEqual(first.tenants);
    for (const slug of SLUGS) {
      expect(first.changes[slug]?.created).toBeGreaterThan(0);
      expect(second.changes[slug]).toMatchObject({ created: 0, updated: 0 });
    }
    for (const table of tableNames) {
      // The token settings live on the tenant and, since sign-in through identity providers, in its primary provider.
      if (table === "Tenant" || table === "IdentityProvider") continue;
      expect(after.get(table), table).toBe(before.get(table));
    }
  });

  it("updates the tenants' token issuer and public keys to the latest options", async () => {
    const tenants = await prisma.tenant.findMany({ select: { tokenIssuer: true, publicKeys: true, id: true, slug: true } });
    for (const tenant of tenants) {
      expect(tenant.tokenIssuer).toBe(SECOND.tokenIssuer);
      expect(tenant.publicKeys).toEqual(SECOND.publicKeys);
      expect(tenant.id).toBe(seedId("tenant", tenant.slug));
    }
  });

  it("keeps one row per thing when re-seeded on a later day", async () => {
    const later = await seedDemoData(prisma, { ...SECOND, now: new Date(NOW.getTime() + 9 * 86_400_000) });
    for (const slug of SLUGS) {
      const { members, memberships, requests, invitations, assignments, consents, staffUsers, experienceTags } = later.tenants[slug] ?? {};
      expect({ members, memberships, requests, invitations, assignments, consents, staffUsers, experienceTags }).toEqual({
        members: first.tenants[slug]?.members,
        memberships: first.tenants[slug]?.memberships,
        requests: first.tenants[slug]?.requests,
        invitations: first.tenants[slug]?.invitations,
        assignments: first.tenants[slug]?.assignments,
        consents: first.tenants[slug]?.consents,
        staffUsers: first.tenants[slug]?.staffUsers,
        experienceTags: first.tenants[slug]?.experienceTags,
      });
    }
    // And back to the reference day: exactly the first picture again.
    await seedDemoData(prisma, { ...SECOND, now: NOW });
    const again = await snapshot();
    for (const table of tableNames) {
      // The token settings live on the tenant and, since sign-in through identity providers, in its primary provider.
      if (table === "Tenant" || table === "IdentityProvider") continue;
      expect(again.get(table), table).toBe(after.get(table));
    }
    // Two whole seeds: about 20 s on a quiet 2-core machine, five times that at a load average of 7.
  }, 300_000);
});

describe("tenant isolation", () => {
  it("keeps every foreign key within its tenant", async () => {
    // Every foreign key between tenant-scoped tables must include the tenant column on both sides …
    const keys = await prisma.$queryRawUnsafe<{ child: string; parent: string; columns: string[]; parent_columns: string[] }[]>(`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
             ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
             ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
        FROM pg_constraint c
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const parent = key.parent.replaceAll('"', "");
      if (parent === "Tenant") continue;
      expect(key.columns[0], `${key.child} → ${key.parent}`).toBe("tenantId");
      expect(key.parent_columns[0], `${key.child} → ${key.parent}`).toBe("tenantId");
      // … and the rows must actually find their parent in the same tenant.
      const pairs = key.columns.map((column, index) => `p."${key.parent_columns[index]}" = c."${column}"`).join(" AND ");
      const set = key.columns
        .slice(1)
        .map((column) => `c."${column}" IS NOT NULL`)
        .join(" AND ");
      const [orphans] = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${key.child} c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${pairs})`,
      );
      expect(orphans?.n, `${key.child} → ${key.parent}`).toBe(0);
    }
  });

  it("keeps the references without a foreign key (actors, attesters, recorders) within the tenant too", async () => {
    // Columns that name a staff user or member by id without a database constraint.
    const loose: Array<{ table: string; column: string; targets: string[] }> = [
      { table: "RoleGrant", column: "grantedBy", targets: ["StaffUser"] },
      { table: "Invitation", column: "invitedById", targets: ["StaffUser"] },
      { table: "Attendance", column: "reportedById", targets: ["StaffUser"] },
      { table: "FeeClaim", column: "attestedById", targets: ["StaffUser"] },
      { table: "PayrollExport", column: "createdById", targets: ["StaffUser"] },
      { table: "Consent", column: "recordedById", targets: ["StaffUser"] },
      { table: "Feedback", column: "authorId", targets: ["StaffUser", "Member"] },
      { table: "MembershipEvent", column: "actorId", targets: ["StaffUser", "Member"] },
      { table: "RequestEvent", column: "actorId", targets: ["StaffUser", "Member"] },
      { table: "MemberRevision", column: "actorId", targets: ["StaffUser", "Member"] },
      { table: "DataSubjectRequest", column: "memberId", targets: ["Member"] },
    ];
    for (const { table, column, targets } of loose) {
      const exists = targets.map(
        (target) => `EXISTS (SELECT 1 FROM "${target}" t WHERE t."tenantId" = c."tenantId" AND t.id = c."${column}")`,
      );
      const [counts] = await prisma.$queryRawUnsafe<{ total: number; outside: number }[]>(
        `SELECT count(c."${column}")::int AS total,
                count(*) FILTER (WHERE c."${column}" IS NOT NULL AND NOT (${exists.join(" OR ")}))::int AS outside
           FROM "${table}" c`,
      );
      expect(counts?.total, `${table}.${column} is used`).toBeGreaterThan(0);
      expect(counts?.outside, `${table}.${column}`).toBe(0);
    }
  });
});

describe("the plan on any day", () => {
  // Relative dates move with the day the demo is started; the planned history must stay a possible one (the seed
  // checks every membership step against the intake rules and every request's order of events) whatever that day is.
  it("builds for every tenant on reference days across two years", () => {
    const priceBaseAmounts = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);
    for (let week = 0; week < 104; week += 5) {
      const calendar = new Calendar(startOfStockholmDay(new Date(Date.parse("2025-01-03T10:00:00Z") + week * 7 * 86_400_000)));
      for (const demo of DEMO_TENANTS) {
        const region = REGION_SEEDS.find((candidate) => candidate.tenant.slug === demo.slug);
        if (!region) throw new Error(`no region seed for ${demo.slug}`);
        const plan = buildTenantPlan(region, demo, calendar, priceBaseAmounts);
        expect(plan.members.length, `${demo.slug} on ${calendar.today}`).toBeGreaterThan(25);
        expect(plan.requests.length).toBe(demo.requests.length);
      }
    }
  });
});
