import type { CareDomain, Prisma } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { PageRequest } from "../common/pagination/connection.js";
import { pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";
import type { Network } from "./network.type.js";

const networkFields = {
  tenantId: true,
  id: true,
  slug: true,
  name: true,
  description: true,
  careDomain: true,
  contactEmail: true,
  intakeRuleSetId: true,
  requestFormId: true,
  feeScheduleId: true,
  createdAt: true,
  updatedAt: true,
  retiredAt: true,
  version: true,
} as const satisfies Prisma.NetworkSelect;

async function listWhere(tx: Tx, where: Prisma.NetworkWhereInput, page: PageRequest): Promise<{ rows: Network[]; total: number }> {
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.network.findMany({ ...query, where: { ...where, ...query.where }, select: networkFields }),
    tx.network.count({ where }),
  ]);
  return { rows: rows as Network[], total };
}

export function listOpenNetworks(tx: Tx, tenantId: string, page: PageRequest): Promise<{ rows: Network[]; total: number }> {
  return listWhere(tx, { tenantId, retiredAt: null }, page);
}

/** Every network of the tenant for its administrator, retired ones on request. */
export function listTenantNetworks(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean },
  page: PageRequest,
): Promise<{ rows: Network[]; total: number }> {
  return listWhere(tx, { tenantId, ...(filter.includeRetired ? {} : { retiredAt: null }) }, page);
}

/** The ids of every network of the tenant. */
export async function findNetworkIds(tx: Tx, tenantId: string): Promise<string[]> {
  return (await tx.network.findMany({ where: { tenantId }, select: { id: true } })).map((row) => row.id);
}

export async function findNetworksByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Network[]> {
  const rows = await tx.network.findMany({ where: { tenantId, id: { in: [...ids] } }, select: networkFields });
  return rows as Network[];
}

export async function findNetwork(tx: Tx, tenantId: string, id: string): Promise<Network | null> {
  return (await tx.network.findFirst({ where: { tenantId, id }, select: networkFields })) as Network | null;
}

/**
 * Serialises changes that claim the same slug, so two administrators choosing it at the same moment cannot both pass
 * the check below. Transaction-scoped: released at commit or rollback.
 */
export async function lockNetworkSlug(tx: Tx, tenantId: string, slug: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:network-slug:${slug}`);
}

/** Retired networks keep their slug: links and tokens naming it must never start to mean another network. */
export async function isNetworkSlugTaken(tx: Tx, tenantId: string, slug: string, exceptId: string | null): Promise<boolean> {
  const row = await tx.network.findFirst({
    where: { tenantId, slug, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  return row !== null;
}

export interface ConfigurationReferences {
  intakeRuleSetId?: string | null;
  requestFormId?: string | null;
  feeScheduleId?: string | null;
}

export type FoundReference = { retired: boolean } | null;

/** For each id named: whether it is one of the tenant's own (and still in use). Another tenant's id is not found. */
export async function findConfigurationReferences(
  tx: Tx,
  tenantId: string,
  ids: ConfigurationReferences,
): Promise<Record<keyof ConfigurationReferences, FoundReference>> {
  const select = { retiredAt: true } as const;
  const found = (row: { retiredAt: Date | null } | null): FoundReference => (row ? { retired: row.retiredAt !== null } : null);
  const [intakeRuleSetId, requestFormId, feeScheduleId] = await Promise.all([
    ids.intakeRuleSetId ? tx.intakeRuleSet.findFirst({ where: { tenantId, id: ids.intakeRuleSetId }, select }).then(found) : null,
    ids.requestFormId ? tx.requestForm.findFirst({ where: { tenantId, id: ids.requestFormId }, select }).then(found) : null,
    ids.feeScheduleId ? tx.feeSchedule.findFirst({ where: { tenantId, id: ids.feeScheduleId }, select }).then(found) : null,
  ]);
  return { intakeRuleSetId, requestFormId, feeScheduleId };
}

export interface NetworkData {
  slug: string;
  name: string;
  description: string | null;
  careDomain: CareDomain;
  contactEmail: string;
  intakeRuleSetId: string | null;
  requestFormId: string | null;
  feeScheduleId: string | null;
}

export async function insertNetwork(tx: Tx, tenantId: string, data: NetworkData): Promise<Network> {
  return (await tx.network.create({ data: { tenantId, ...data }, select: networkFields })) as Network;
}

/** Applies a change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateNetworkIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<NetworkData> & { retiredAt?: Date },
): Promise<number> {
  const result = await tx.network.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return result.count;
}
