import type { FeeSchedule, FeeScheduleVersion, Prisma } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { ConfigurationStore } from "../common/configuration/configuration-kind.js";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

export type FeeScheduleRow = FeeSchedule;
export type FeeScheduleVersionRow = FeeScheduleVersion;

export type FeeScheduleVersionData = Omit<
  Prisma.FeeScheduleVersionUncheckedCreateInput,
  "tenantId" | "id" | "feeScheduleId" | "createdAt" | "feeClaims"
>;

export function findFeeSchedule(tx: Tx, tenantId: string, id: string): Promise<FeeScheduleRow | null> {
  return tx.feeSchedule.findFirst({ where: { tenantId, id } });
}

export async function listFeeSchedules(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean },
  page: PageRequest,
): Promise<{ rows: FeeScheduleRow[]; total: number }> {
  const where: Prisma.FeeScheduleWhereInput = { tenantId, ...(filter.includeRetired ? {} : { retiredAt: null }) };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.feeSchedule.findMany({ ...query, where: { ...where, ...query.where } }),
    tx.feeSchedule.count({ where }),
  ]);
  return { rows, total };
}

/** A schedule's lifecycle queries, the configuration kit's port (common/configuration): the kit puts them in order. */
export const feeScheduleStore: ConfigurationStore<FeeScheduleRow, { name: string; isTenantDefault: boolean }, { name?: string }> = {
  /**
   * Serialises changes to the tenant's fee schedules and their versions, so that two administrators cannot both pass
   * the overlap, name or default checks with what the other is writing. Transaction-scoped.
   */
  async lock(tx, tenantId) {
    await advisoryLock(tx, `${tenantId}:fee-schedules`);
  },
  find: findFeeSchedule,
  findLive: (tx, tenantId) => tx.feeSchedule.findMany({ where: { tenantId, retiredAt: null }, orderBy: { id: "asc" } }),
  insert: (tx, tenantId, data) => tx.feeSchedule.create({ data: { tenantId, ...data } }),
  /**
   * Applies a change only if the schedule is still live with the version the caller read; returns 0 or 1. With no
   * data it only moves the version on: a schedule's versions are part of it, so changing them changes the schedule.
   */
  async updateIfVersion(tx, tenantId, id, expectedVersion, change) {
    const result = await tx.feeSchedule.updateMany({
      where: { tenantId, id, version: expectedVersion, retiredAt: null },
      data: { ...change, version: { increment: 1 } },
    });
    return result.count;
  },
  async clearTenantDefault(tx, tenantId, ids) {
    if (ids.length === 0) return [];
    await tx.feeSchedule.updateMany({
      where: { tenantId, id: { in: [...ids] } },
      data: { isTenantDefault: false, version: { increment: 1 } },
    });
    return tx.feeSchedule.findMany({ where: { tenantId, id: { in: [...ids] } }, orderBy: { id: "asc" } });
  },
  async findNetworkIdsUsing(tx, tenantId, feeScheduleId) {
    const rows = await tx.network.findMany({
      where: { tenantId, feeScheduleId, retiredAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => row.id);
  },
};

export function findVersionsOfSchedules(tx: Tx, tenantId: string, feeScheduleIds: readonly string[]): Promise<FeeScheduleVersionRow[]> {
  return tx.feeScheduleVersion.findMany({
    where: { tenantId, feeScheduleId: { in: [...feeScheduleIds] } },
    orderBy: [{ validFrom: "asc" }, { id: "asc" }],
  });
}

export function findVersionsOfSchedule(tx: Tx, tenantId: string, feeScheduleId: string): Promise<FeeScheduleVersionRow[]> {
  return findVersionsOfSchedules(tx, tenantId, [feeScheduleId]);
}

export function insertFeeScheduleVersion(
  tx: Tx,
  tenantId: string,
  feeScheduleId: string,
  data: FeeScheduleVersionData,
): Promise<FeeScheduleVersionRow> {
  return tx.feeScheduleVersion.create({ data: { tenantId, feeScheduleId, ...data } });
}

/** Moves a version's end: closing it where a new version begins, or reopening it when that one is withdrawn. */
export function setVersionValidTo(tx: Tx, tenantId: string, id: string, validTo: Date | null): Promise<FeeScheduleVersionRow> {
  return tx.feeScheduleVersion.update({ where: { tenantId_id: { tenantId, id } }, data: { validTo } });
}

/** Only for a version that has not come into force and that no claim names (checked by the caller). */
export async function deleteFeeScheduleVersion(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.feeScheduleVersion.deleteMany({ where: { tenantId, id } });
}

export function countClaimsComputedWith(tx: Tx, tenantId: string, feeScheduleVersionId: string): Promise<number> {
  return tx.feeClaim.count({ where: { tenantId, feeScheduleVersionId } });
}

/** The schedule each network uses: its own, or the tenant's default when it names none. */
export async function findFeeSchedulesForNetworks(
  tx: Tx,
  tenantId: string,
  networkIds: readonly string[],
): Promise<Map<string, FeeScheduleRow | null>> {
  const [networks, tenantDefault] = await Promise.all([
    tx.network.findMany({ where: { tenantId, id: { in: [...networkIds] } }, select: { id: true, feeSchedule: true } }),
    tx.feeSchedule.findFirst({ where: { tenantId, isTenantDefault: true, retiredAt: null }, orderBy: { id: "asc" } }),
  ]);
  return new Map(networks.map((network) => [network.id, network.feeSchedule ?? tenantDefault]));
}
