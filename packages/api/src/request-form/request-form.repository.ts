import type { AssignmentType, Prisma, RequestForm } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import type { ConfigurationStore } from "../common/configuration/configuration-kind.js";
import type { VersionedRowStore } from "../common/configuration/versioned-rows.js";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

export type AssignmentTypeRow = AssignmentType;
export type RequestFormRow = RequestForm;

export interface RequestFormData {
  name: string;
  isTenantDefault: boolean;
  fields: Prisma.InputJsonArray;
  assignmentTypeKeys: string[];
  questions: Prisma.InputJsonArray;
}

/**
 * Serialises changes to the tenant's request forms and assignment types together: a form offering a type and the
 * type being retired must not pass their checks at the same moment, nor two forms both become the default.
 */
export async function lockRequestForms(tx: Tx, tenantId: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:request-forms`);
}

// ─── Assignment types ─────────────────────────────────────────────────────────────────────────────────────────

export function findAssignmentType(tx: Tx, tenantId: string, id: string): Promise<AssignmentTypeRow | null> {
  return tx.assignmentType.findFirst({ where: { tenantId, id } });
}

/** Keys are unique per tenant for ever (retired types keep theirs: requests store the type). */
export function findAssignmentTypeByKey(tx: Tx, tenantId: string, key: string): Promise<AssignmentTypeRow | null> {
  return tx.assignmentType.findFirst({ where: { tenantId, key } });
}

export function findAssignmentTypesByKeys(tx: Tx, tenantId: string, keys: readonly string[]): Promise<AssignmentTypeRow[]> {
  return tx.assignmentType.findMany({ where: { tenantId, key: { in: [...keys] } } });
}

export function findLiveAssignmentTypes(tx: Tx, tenantId: string): Promise<AssignmentTypeRow[]> {
  return tx.assignmentType.findMany({ where: { tenantId, retiredAt: null }, orderBy: { id: "asc" } });
}

export async function listLiveAssignmentTypes(
  tx: Tx,
  tenantId: string,
  page: PageRequest,
): Promise<{ rows: AssignmentTypeRow[]; total: number }> {
  const where: Prisma.AssignmentTypeWhereInput = { tenantId, retiredAt: null };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.assignmentType.findMany({ ...query, where: { ...where, ...query.where } }),
    tx.assignmentType.count({ where }),
  ]);
  return { rows, total };
}

export function insertAssignmentType(
  tx: Tx,
  tenantId: string,
  data: { key: string; labelSv: string; labelEn: string },
): Promise<AssignmentTypeRow> {
  return tx.assignmentType.create({ data: { tenantId, ...data } });
}

/** An assignment type's versioned changes, the port of the kit's versioned rows (common/configuration). */
export const assignmentTypeStore: VersionedRowStore<AssignmentTypeRow, { labelSv?: string; labelEn?: string; retiredAt?: Date }> = {
  find: findAssignmentType,
  /** Changes a type still in use only if it still has the version the caller read; returns 0 or 1. */
  async updateIfVersion(tx, tenantId, id, expectedVersion, change) {
    const result = await tx.assignmentType.updateMany({
      where: { tenantId, id, version: expectedVersion, retiredAt: null },
      data: { ...change, version: { increment: 1 } },
    });
    return result.count;
  },
};

// ─── Request forms ────────────────────────────────────────────────────────────────────────────────────────────

export function findRequestForm(tx: Tx, tenantId: string, id: string): Promise<RequestFormRow | null> {
  return tx.requestForm.findFirst({ where: { tenantId, id } });
}

export async function listRequestForms(
  tx: Tx,
  tenantId: string,
  filter: { includeRetired: boolean },
  page: PageRequest,
): Promise<{ rows: RequestFormRow[]; total: number }> {
  const where: Prisma.RequestFormWhereInput = { tenantId, ...(filter.includeRetired ? {} : { retiredAt: null }) };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.requestForm.findMany({ ...query, where: { ...where, ...query.where } }),
    tx.requestForm.count({ where }),
  ]);
  return { rows, total };
}

export function findLiveRequestForms(tx: Tx, tenantId: string): Promise<RequestFormRow[]> {
  return tx.requestForm.findMany({ where: { tenantId, retiredAt: null }, orderBy: { id: "asc" } });
}

/** A form's lifecycle queries, the configuration kit's port (common/configuration): the kit puts them in order. */
export const requestFormStore: ConfigurationStore<RequestFormRow, RequestFormData, Partial<RequestFormData>> = {
  lock: lockRequestForms,
  find: findRequestForm,
  findLive: findLiveRequestForms,
  insert: (tx, tenantId, data) => tx.requestForm.create({ data: { tenantId, ...data } }),
  async updateIfVersion(tx, tenantId, id, expectedVersion, change) {
    const result = await tx.requestForm.updateMany({
      where: { tenantId, id, version: expectedVersion, retiredAt: null },
      data: { ...change, version: { increment: 1 } },
    });
    return result.count;
  },
  async clearTenantDefault(tx, tenantId, ids) {
    if (ids.length === 0) return [];
    await tx.requestForm.updateMany({
      where: { tenantId, id: { in: [...ids] } },
      data: { isTenantDefault: false, version: { increment: 1 } },
    });
    return tx.requestForm.findMany({ where: { tenantId, id: { in: [...ids] } }, orderBy: { id: "asc" } });
  },
  async findNetworkIdsUsing(tx, tenantId, requestFormId) {
    const rows = await tx.network.findMany({
      where: { tenantId, requestFormId, retiredAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => row.id);
  },
};

/** The form each network uses: its own, or the tenant's default when it names none. */
export async function findRequestFormsForNetworks(
  tx: Tx,
  tenantId: string,
  networkIds: readonly string[],
): Promise<Map<string, RequestFormRow | null>> {
  const [networks, tenantDefault] = await Promise.all([
    tx.network.findMany({ where: { tenantId, id: { in: [...networkIds] } }, select: { id: true, requestForm: true } }),
    tx.requestForm.findFirst({ where: { tenantId, isTenantDefault: true, retiredAt: null }, orderBy: { id: "asc" } }),
  ]);
  return new Map(networks.map((network) => [network.id, network.requestForm ?? tenantDefault]));
}
