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
} as const;

export async function listOpenNetworks(tx: Tx, tenantId: string, page: PageRequest): Promise<{ rows: Network[]; total: number }> {
  const where = { tenantId, retiredAt: null };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.network.findMany({ ...query, where: { ...where, ...query.where }, select: networkFields }),
    tx.network.count({ where }),
  ]);
  return { rows: rows as Network[], total };
}

export async function findNetworksByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Network[]> {
  const rows = await tx.network.findMany({ where: { tenantId, id: { in: [...ids] } }, select: networkFields });
  return rows as Network[];
}
