import type { IntakeRuleSet, Prisma } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

export type IntakeRuleSetRow = IntakeRuleSet;

export type IntakeRuleSetData = Omit<
  Prisma.IntakeRuleSetUncheckedCreateInput,
  "tenantId" | "id" | "createdAt" | "updatedAt" | "retiredAt" | "version" | "networks"
> & { allowedMunicipalities: string[] };

/**
 * Serialises changes to the tenant's intake rule sets, so that two administrators cannot both pass the name check
 * or both end up with a tenant default. Transaction-scoped: released at commit or rollback.
 */
export async function lockIntakeRuleSets(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${tenantId}:intake-rule-sets`}, 0))`;
}

export function findIntakeRuleSet(tx: Tx, tenantId: string, id: string): Promise<IntakeRuleSetRow | null> {
  return tx.intakeRuleSet.findFirst({ where: { tenantId, id } });
}

export async function listIntakeRuleSets(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean },
  page: PageRequest,
): Promise<{ rows: IntakeRuleSetRow[]; total: number }> {
  const where: Prisma.IntakeRuleSetWhereInput = { tenantId, ...(filter.includeRetired ? {} : { retiredAt: null }) };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.intakeRuleSet.findMany({ ...query, where: { ...where, ...query.where } }),
    tx.intakeRuleSet.count({ where }),
  ]);
  return { rows, total };
}

/** The rule sets in use (not retired): names must be unique among them, and one of them may be the default. */
export function findLiveIntakeRuleSets(tx: Tx, tenantId: string): Promise<IntakeRuleSetRow[]> {
  return tx.intakeRuleSet.findMany({ where: { tenantId, retiredAt: null }, orderBy: { id: "asc" } });
}

export function insertIntakeRuleSet(tx: Tx, tenantId: string, data: IntakeRuleSetData): Promise<IntakeRuleSetRow> {
  return tx.intakeRuleSet.create({ data: { tenantId, ...data } });
}

/** Applies a change only if the row is still live with the version the caller read; returns 0 or 1. */
export async function updateIntakeRuleSetIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<IntakeRuleSetData> & { retiredAt?: Date },
): Promise<number> {
  const result = await tx.intakeRuleSet.updateMany({
    where: { tenantId, id, version: expectedVersion, retiredAt: null },
    data: { ...data, version: { increment: 1 } },
  });
  return result.count;
}

/** Takes the default away from the listed rule sets (each one's version moves on, as for any change). */
export async function clearTenantDefaultIntakeRuleSets(tx: Tx, tenantId: string, ids: readonly string[]): Promise<IntakeRuleSetRow[]> {
  if (ids.length === 0) return [];
  await tx.intakeRuleSet.updateMany({
    where: { tenantId, id: { in: [...ids] } },
    data: { isTenantDefault: false, version: { increment: 1 } },
  });
  return tx.intakeRuleSet.findMany({ where: { tenantId, id: { in: [...ids] } }, orderBy: { id: "asc" } });
}

/** The networks still open that name this rule set. */
export async function findNetworkIdsUsingIntakeRuleSet(tx: Tx, tenantId: string, intakeRuleSetId: string): Promise<string[]> {
  const rows = await tx.network.findMany({
    where: { tenantId, intakeRuleSetId, retiredAt: null },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}

/**
 * The rule set that applies to each network: its own, or the tenant's default when it names none (as registration
 * reads them). A network of another tenant, or none, gets null.
 */
export async function findIntakeRuleSetsForNetworks(
  tx: Tx,
  tenantId: string,
  networkIds: readonly string[],
): Promise<Map<string, IntakeRuleSetRow | null>> {
  const [networks, tenantDefault] = await Promise.all([
    tx.network.findMany({ where: { tenantId, id: { in: [...networkIds] } }, select: { id: true, intakeRuleSet: true } }),
    tx.intakeRuleSet.findFirst({ where: { tenantId, isTenantDefault: true, retiredAt: null }, orderBy: { id: "asc" } }),
  ]);
  return new Map(networks.map((network) => [network.id, network.intakeRuleSet ?? tenantDefault]));
}
