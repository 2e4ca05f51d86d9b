// The demo seed: the four regions of SPEC §2 with their configuration (from @medverkan/domain's region seed),
// organisation, staff for every role and synthetic members, requests, assignments and fee claims in every state.
// Used by `start` on the embedded database and by tests. Idempotent: every row has a deterministic id and is
// upserted, so a second run leaves the same data and only refreshes what the options change (the tenants' token
// issuer and keys).
import { NATIONAL_PRICE_BASE_AMOUNTS, priceBaseAmountTable, REGION_SEEDS } from "@medverkan/domain";
import type { Prisma, PrismaClient } from "../src/index.js";
import { CONFIGURATION_EPOCH } from "./context.js";
import { PLATFORM_OPERATOR_SUBJECT } from "./demo-users.js";
import { seedId } from "./ids.js";
import { type SeedSummary, summarise } from "./summary.js";
import { buildTenantPlan } from "./tenant-plan.js";
import { DEMO_TENANTS } from "./tenants/index.js";
import { Calendar, startOfStockholmDay } from "./time.js";
import { type WriteStats, writePlan, writeRepresentations } from "./write.js";

export { type DemoStaffUser, demoAudience, demoMemberSubjects, demoStaff, PLATFORM_OPERATOR_SUBJECT } from "./demo-users.js";
export { seedId } from "./ids.js";
// The planning pieces the national-scale generator (packages/bench) shares with the demo seed.
export { drawCompetences, drawIdentity, drawLanguages, emailLocalPart } from "./people.js";
export { type SeededRandom, seededRandom } from "./random.js";
export type { SeedSummary, TenantSeedSummary } from "./summary.js";
export { addDays, dateOnly, stockholm, stockholmDate } from "./time.js";
export type { WriteStats } from "./write.js";

export interface SeedOptions {
  /** The issuer (`iss`) every demo tenant trusts, e.g. the development token issuer. */
  readonly tokenIssuer: string;
  /** The public keys tenants verify tokens with: a JSON Web Key Set `{ keys: [...] }`. */
  readonly publicKeys: unknown;
  /**
   * The reference time relative dates are counted from (recent history, upcoming occasions). Defaults to the start
   * of today in Stockholm, so that re-seeding on the same day changes nothing.
   */
  readonly now?: Date;
}

/** A tenant's work is one transaction; seeding a tenant on PGlite takes about a second, this leaves a wide margin. */
const TENANT_TRANSACTION_TIMEOUT_MS = 120_000;

export async function seedDemoData(prisma: PrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const publicKeys = jsonWebKeySet(options.publicKeys);
  const calendar = new Calendar(options.now ?? startOfStockholmDay(new Date()));
  const priceBaseAmounts = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);

  // Platform data: the price base amounts and the operator.
  for (const { year, amountKronor } of NATIONAL_PRICE_BASE_AMOUNTS) {
    await prisma.priceBaseAmount.upsert({
      where: { year },
      create: { year, amountKronor, createdAt: CONFIGURATION_EPOCH },
      update: { amountKronor },
    });
  }
  const operator = { name: "Plattformsoperatör (demo)", email: "drift@medverkan.example.se", disabledAt: null };
  await prisma.platformOperator.upsert({
    where: { subject: PLATFORM_OPERATOR_SUBJECT },
    create: {
      id: seedId("platform-operator", PLATFORM_OPERATOR_SUBJECT),
      subject: PLATFORM_OPERATOR_SUBJECT,
      ...operator,
      createdAt: CONFIGURATION_EPOCH,
    },
    update: operator,
  });

  const changes: Record<string, WriteStats> = {};
  for (const demo of DEMO_TENANTS) {
    const region = REGION_SEEDS.find((candidate) => candidate.tenant.slug === demo.slug);
    if (!region) throw new Error(`@medverkan/domain has no region seed for the demo tenant "${demo.slug}"`);
    // Planned before the transaction opens, so a mistake in the demo content fails before anything is written.
    const plan = buildTenantPlan(region, demo, calendar, priceBaseAmounts);
    const { tenant: tenantRow } = plan;
    const tenantColumns = {
      name: tenantRow.name,
      locale: tenantRow.locale,
      timeZone: tenantRow.timeZone,
      currency: tenantRow.currency,
      tokenIssuer: options.tokenIssuer,
      tokenAudience: tenantRow.tokenAudience,
      jwksUrl: null,
      publicKeys,
      memberRetentionMonths: tenantRow.memberRetentionMonths,
      invitationExpiryDays: tenantRow.invitationExpiryDays,
      feeClaimAttester: tenantRow.feeClaimAttester,
      paysByBankAccount: tenantRow.paysByBankAccount,
      allowsParticipantsOutsidePool: tenantRow.allowsParticipantsOutsidePool,
      settings: tenantRow.settings,
      retiredAt: null,
      version: 1,
      updatedAt: tenantRow.createdAt,
    };
    await prisma.$transaction(
      async (tx) => {
        // By slug: a tenant that already exists keeps its id, and every seeded row is attached to it.
        const tenant = await tx.tenant.upsert({
          where: { slug: tenantRow.slug },
          create: { id: seedId("tenant", tenantRow.slug), slug: tenantRow.slug, ...tenantColumns, createdAt: tenantRow.createdAt },
          update: tenantColumns,
          select: { id: true },
        });
        // Row-level security, where enabled, reads the tenant from the transaction (as the API's TenantScope does).
        await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenant.id}, true)`;
        changes[tenantRow.slug] = await writePlan(tx, tenant.id, plan);
        await writeRepresentations(tx, tenant.id);
      },
      { timeout: TENANT_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  }
  return {
    ...(await summarise(
      prisma,
      DEMO_TENANTS.map((tenant) => tenant.slug),
    )),
    changes,
  };
}

function jsonWebKeySet(value: unknown): Prisma.InputJsonObject {
  const keys = typeof value === "object" && value !== null ? (value as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0) throw new TypeError("publicKeys must be a JSON Web Key Set: { keys: [ … ] }");
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject;
}
