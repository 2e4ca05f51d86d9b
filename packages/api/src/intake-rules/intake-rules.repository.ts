import type { IntakeRuleSet, Prisma } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { ConfigurationStore } from "../common/configuration/configuration-kind.js";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

export type IntakeRuleSetRow = IntakeRuleSet;

export type IntakeRuleSetData = Omit<
  Prisma.IntakeRuleSetUncheckedCreateInput,
  "tenantId" | "id" | "createdAt" | "updatedAt" | "retiredAt" | "version" | "networks"
> & { allowedMunicipalities: string[] };

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

/** A rule set's lifecycle queries, the configuration kit's port (common/configuration): the kit puts them in order. */
export const intakeRuleSetStore: ConfigurationStore<IntakeRuleSetRow, IntakeRuleSetData, Partial<IntakeRuleSetData>> = {
  /**
   * Serialises changes to the tenant's intake rule sets, so that two administrators cannot both pass the name check
   * or both end up with a tenant default. Transaction-scoped: released at commit or rollback.
   */
  async lock(tx, tenantId) {
    await advisoryLock(tx, `${tenantId}:intake-rule-sets`);
  },
  find: findIntakeRuleSet,
  findLive: (tx, tenantId) => tx.intakeRuleSet.findMany({ where: { tenantId, retiredAt: null }, orderBy: { id: "asc" } }),
  insert: (tx, tenantId, data) => tx.intakeRuleSet.create({ data: { tenantId, ...data } }),
  async updateIfVersion(tx, tenantId, id, expectedVersion, change) {
    const result = await tx.intakeRuleSet.updateMany({
      where: { tenantId, id, version: expectedVersion, retiredAt: null },
      data: { ...change, version: { increment: 1 } },
    });
    return result.count;
  },
  async clearTenantDefault(tx, tenantId, ids) {
    if (ids.length === 0) return [];
    await tx.intakeRuleSet.updateMany({
      where: { tenantId, id: { in: [...ids] } },
      data: { isTenantDefault: false, version: { increment: 1 } },
    });
    return tx.intakeRuleSet.findMany({ where: { tenantId, id: { in: [...ids] } }, orderBy: { id: "asc" } });
  },
  async findNetworkIdsUsing(tx, tenantId, intakeRuleSetId) {
    const rows = await tx.network.findMany({
      where: { tenantId, intakeRuleSetId, retiredAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => row.id);
  },
};

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
