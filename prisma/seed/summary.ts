// What the seed leaves behind, counted from the database (not from the plan), per tenant.
import type { Prisma, PrismaClient } from "../src/index.js";
import type { WriteStats } from "./write.js";

export interface TenantSeedSummary {
  readonly tenantId: string;
  readonly name: string;
  readonly networks: number;
  readonly organisations: number;
  readonly units: number;
  readonly costCentres: number;
  readonly staffUsers: number;
  readonly roleGrants: number;
  readonly experienceTags: number;
  readonly assignmentTypes: number;
  readonly feeScheduleVersions: number;
  readonly consentTexts: number;
  readonly trainingSessions: number;
  readonly members: number;
  readonly memberships: number;
  readonly consents: number;
  readonly duplicateCandidates: number;
  readonly requests: number;
  readonly occasions: number;
  readonly invitations: number;
  readonly assignments: number;
  readonly attendances: number;
  readonly feeClaims: number;
  readonly payrollExports: number;
  readonly feedback: number;
}

export interface SeedSummary {
  /** By tenant slug. */
  readonly tenants: Readonly<Record<string, TenantSeedSummary>>;
  readonly priceBaseAmounts: number;
  readonly platformOperators: number;
  /** What this run wrote, by tenant slug: rows created, rows updated to the plan, rows already as planned. */
  readonly changes: Readonly<Record<string, WriteStats>>;
}

export async function summarise(prisma: PrismaClient, slugs: readonly string[]): Promise<Omit<SeedSummary, "changes">> {
  const tenants: Record<string, TenantSeedSummary> = {};
  for (const slug of slugs) {
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug }, select: { id: true, name: true } });
    tenants[slug] = await prisma.$transaction(async (tx) => {
      // Tenant tables answer only for the tenant set on the transaction (row-level security, forced for the owner too).
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenant.id}, true)`;
      return countTenant(tx, tenant);
    });
  }
  const [priceBaseAmounts, platformOperators] = await Promise.all([prisma.priceBaseAmount.count(), prisma.platformOperator.count()]);
  return { tenants, priceBaseAmounts, platformOperators };
}

async function countTenant(prisma: Prisma.TransactionClient, tenant: { id: string; name: string }): Promise<TenantSeedSummary> {
  const where = { tenantId: tenant.id };
  const [
    networks,
    organisations,
    units,
    costCentres,
    staffUsers,
    roleGrants,
    experienceTags,
    assignmentTypes,
    feeScheduleVersions,
    consentTexts,
    trainingSessions,
    members,
    memberships,
    consents,
    duplicateCandidates,
    requests,
    occasions,
    invitations,
    assignments,
    attendances,
    feeClaims,
    payrollExports,
    feedback,
  ] = await Promise.all([
    prisma.network.count({ where }),
    prisma.organisation.count({ where }),
    prisma.unit.count({ where }),
    prisma.costCentre.count({ where }),
    prisma.staffUser.count({ where }),
    prisma.roleGrant.count({ where }),
    prisma.experienceTag.count({ where }),
    prisma.assignmentType.count({ where }),
    prisma.feeScheduleVersion.count({ where }),
    prisma.consentText.count({ where }),
    prisma.trainingSession.count({ where }),
    prisma.member.count({ where }),
    prisma.membership.count({ where }),
    prisma.consent.count({ where }),
    prisma.duplicateCandidate.count({ where }),
    prisma.request.count({ where }),
    prisma.occasion.count({ where }),
    prisma.invitation.count({ where }),
    prisma.assignment.count({ where }),
    prisma.attendance.count({ where }),
    prisma.feeClaim.count({ where }),
    prisma.payrollExport.count({ where }),
    prisma.feedback.count({ where }),
  ]);
  return {
    tenantId: tenant.id,
    name: tenant.name,
    networks,
    organisations,
    units,
    costCentres,
    staffUsers,
    roleGrants,
    experienceTags,
    assignmentTypes,
    feeScheduleVersions,
    consentTexts,
    trainingSessions,
    members,
    memberships,
    consents,
    duplicateCandidates,
    requests,
    occasions,
    invitations,
    assignments,
    attendances,
    feeClaims,
    payrollExports,
    feedback,
  };
}
