import { advisoryLock, db, type Prisma, type PrismaClient, rows, sql } from "@medverkan/database";
import { type SortedPageRequest, sortedPageQuery } from "../common/pagination/ordering.js";
import type { Tx } from "../context/tenant-scope.js";
import type { FeeClaimOrderField } from "./fee-claim.type.js";

// The only code of the fee-claim feature that knows about Prisma.

const claimInclude = {
  expenses: { orderBy: { id: "asc" } },
  member: { select: { givenName: true, familyName: true, erasedAt: true } },
  assignment: { select: { request: { select: { id: true, title: true, networkId: true, unitId: true } } } },
  costCentre: { select: { code: true } },
  payrollExport: { select: { createdAt: true } },
  feeScheduleVersion: { select: { travelTimeCounts: true, payoutMethod: true } },
  supersededBy: { select: { id: true }, orderBy: { id: "asc" } },
} satisfies Prisma.FeeClaimInclude;

export type ClaimRow = Prisma.FeeClaimGetPayload<{ include: typeof claimInclude }>;

/** Which claims an actor may see: a member their own; staff those of their networks or of their own units. */
export type ClaimScope =
  | { readonly kind: "MEMBER"; readonly memberId: string }
  | { readonly kind: "STAFF"; readonly networks: "ALL" | readonly string[]; readonly unitIds: readonly string[] };

export function scopeWhere(scope: ClaimScope): Prisma.FeeClaimWhereInput {
  if (scope.kind === "MEMBER") return { memberId: scope.memberId };
  if (scope.networks === "ALL") return {};
  const or: Prisma.FeeClaimWhereInput[] = [];
  if (scope.networks.length > 0) or.push({ assignment: { request: { networkId: { in: [...scope.networks] } } } });
  if (scope.unitIds.length > 0) or.push({ assignment: { request: { unitId: { in: [...scope.unitIds] } } } });
  return or.length > 0 ? { OR: or } : { id: { in: [] } };
}

export function findClaim(tx: Tx, tenantId: string, id: string, scope: ClaimScope): Promise<ClaimRow | null> {
  return tx.feeClaim.findFirst({ where: { AND: [{ tenantId, id }, scopeWhere(scope)] }, include: claimInclude });
}

export function findClaimsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<ClaimRow[]> {
  return tx.feeClaim.findMany({ where: { tenantId, id: { in: [...ids] } }, include: claimInclude, orderBy: { id: "asc" } });
}

/** The columns fee claims sort by (FeeClaimOrderField). */
export const feeClaimSortColumns = { CREATED_AT: "id", OCCASION_DATE: "occasionDate" } satisfies Record<FeeClaimOrderField, string>;

export async function listClaims(
  tx: Tx,
  tenantId: string,
  where: Prisma.FeeClaimWhereInput,
  page: SortedPageRequest<FeeClaimOrderField>,
): Promise<{ rows: ClaimRow[]; total: number }> {
  const base: Prisma.FeeClaimWhereInput = { AND: [{ tenantId }, where] };
  const query = sortedPageQuery(page, feeClaimSortColumns);
  const [rows, total] = await Promise.all([
    tx.feeClaim.findMany({
      where: query.where ? { AND: [base, query.where] } : base,
      include: claimInclude,
      orderBy: query.orderBy,
      take: query.take,
    }),
    tx.feeClaim.count({ where: base }),
  ]);
  return { rows, total };
}

/** Holds the claim's row until the transaction ends, so a concurrent step waits and then sees the new status. */
export async function lockClaim(tx: Tx, tenantId: string, id: string): Promise<void> {
  await rows(
    tx,
    db.selectFrom("FeeClaim").select(sql<number>`1`.as("locked")).where("tenantId", "=", tenantId).where("id", "=", id).forUpdate(),
  );
}

/** Everything a claim for an occasion is computed from: the request's network and unit, and who attended. */
export function findOccasionForClaims(tx: Tx, tenantId: string, occasionId: string) {
  return tx.occasion.findFirst({
    where: { tenantId, id: occasionId },
    select: {
      id: true,
      startsAt: true,
      cancelledAt: true,
      request: {
        select: {
          id: true,
          networkId: true,
          unitId: true,
          costCentreId: true,
          unit: { select: { organisation: { select: { id: true, paysOwnParticipants: true } } } },
        },
      },
      attendances: {
        where: { attended: true },
        orderBy: { id: "asc" },
        select: {
          assignmentId: true,
          attended: true,
          durationMinutes: true,
          travelMinutes: true,
          assignment: { select: { memberId: true, status: true } },
        },
      },
    },
  });
}

export type OccasionForClaims = NonNullable<Awaited<ReturnType<typeof findOccasionForClaims>>>;

/** The attendance a claim was computed from, read again when the claimant changes the claim. */
export function findAttendance(tx: Tx, tenantId: string, assignmentId: string, occasionId: string) {
  return tx.attendance.findFirst({
    where: { tenantId, assignmentId, occasionId },
    select: { attended: true, durationMinutes: true, travelMinutes: true },
  });
}

/** The region itself: whose payroll pays every claim a municipality does not pay itself. The oldest region organisation. */
export async function findTenantPayrollOrganisationId(tx: Tx, tenantId: string): Promise<string | null> {
  const row = await tx.organisation.findFirst({
    where: { tenantId, kind: "REGION_UNIT", retiredAt: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function findOrganisationNames(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.organisation.findMany({ where: { tenantId, id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Claims of an occasion that still count or wait for correction (not superseded), by assignment. */
export async function findClaimedAssignments(tx: Tx, tenantId: string, occasionId: string): Promise<Set<string>> {
  const rows = await tx.feeClaim.findMany({
    where: { tenantId, occasionId, status: { not: "SUPERSEDED" } },
    select: { assignmentId: true },
  });
  return new Set(rows.map((row) => row.assignmentId));
}

export function findLiveClaimsOfOccasion(tx: Tx, tenantId: string, occasionId: string, scope: ClaimScope): Promise<ClaimRow[]> {
  return tx.feeClaim.findMany({
    where: { AND: [{ tenantId, occasionId, status: { notIn: ["SUPERSEDED", "REJECTED"] } }, scopeWhere(scope)] },
    include: claimInclude,
    orderBy: { id: "asc" },
  });
}

/** Serialises the preparation of one occasion's claims, so two concurrent calls cannot both create them. */
export async function lockOccasionClaims(tx: Tx, tenantId: string, occasionId: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:fee-claims:${occasionId}`);
}

export type ClaimAmounts = Pick<
  Prisma.FeeClaimUncheckedCreateInput,
  | "feeScheduleVersionId"
  | "durationMinutes"
  | "travelMinutes"
  | "preparationMinutes"
  | "hourly"
  | "category"
  | "mileageKm"
  | "grossOre"
  | "preparationOre"
  | "mileageOre"
  | "expensesOre"
  | "withholdingOre"
  | "netOre"
  | "socialFeesOre"
>;

export interface NewClaim extends ClaimAmounts {
  assignmentId: string;
  occasionId: string;
  memberId: string;
  occasionDate: Date;
  currency: string;
  costCentreId: string | null;
  payerOrganisationId: string | null;
  supersedesId?: string | null;
}

export async function insertClaim(
  tx: Tx,
  tenantId: string,
  data: NewClaim,
  expenses: ReadonlyArray<{ description: string; amountOre: number }>,
): Promise<string> {
  const claim = await tx.feeClaim.create({ data: { tenantId, ...data, status: "DRAFT" }, select: { id: true } });
  if (expenses.length > 0) {
    await tx.feeClaimExpense.createMany({ data: expenses.map((expense) => ({ tenantId, feeClaimId: claim.id, ...expense })) });
  }
  return claim.id;
}

/** Applies a change only if the claim still has the version the caller read; the count says whether it did. */
export async function updateClaimIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Prisma.FeeClaimUncheckedUpdateManyInput,
): Promise<number> {
  const { count } = await tx.feeClaim.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

export async function replaceExpenses(
  tx: Tx,
  tenantId: string,
  feeClaimId: string,
  expenses: ReadonlyArray<{ description: string; amountOre: number }>,
): Promise<void> {
  await tx.feeClaimExpense.deleteMany({ where: { tenantId, feeClaimId } });
  if (expenses.length > 0) {
    await tx.feeClaimExpense.createMany({ data: expenses.map((expense) => ({ tenantId, feeClaimId, ...expense })) });
  }
}

/** The corrections before this claim, newest first (a claim names the one it supersedes). */
export async function findPredecessors(tx: Tx, tenantId: string, claim: ClaimRow): Promise<ClaimRow[]> {
  const history: ClaimRow[] = [];
  let previousId = claim.supersedesId;
  while (previousId && history.length < 50) {
    const previous = await tx.feeClaim.findFirst({ where: { tenantId, id: previousId }, include: claimInclude });
    if (!previous) break;
    history.push(previous);
    previousId = previous.supersedesId;
  }
  return history;
}

/** True when the unique index of live claims refused a write (another live claim for the same occasion exists). */
export function isLiveClaimConflict(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return (
    (error as { code?: unknown })?.code === "P2002" ||
    text.includes("FeeClaim_one_live_claim_per_assignment_occasion") ||
    text.includes("FeeClaim_superseded_once")
  );
}

/** The tenant's fee settings: who attests, and the calendar and currency claims are made in. Platform-level read. */
export function findTenantFeeSettings(db: PrismaClient | Tx, tenantId: string) {
  return db.tenant.findUnique({ where: { id: tenantId }, select: { feeClaimAttester: true, timeZone: true, currency: true } });
}
