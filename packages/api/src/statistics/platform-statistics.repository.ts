import type { PrismaClient } from "@medverkan/database";

export interface LiveTenant {
  readonly id: string;
  readonly name: string;
}

/**
 * Platform-level: the tenants that are not retired (the tenant list itself is platform data, outside any tenant).
 * Only ids and names: each tenant's figures are then read inside that tenant's own scope.
 */
export function findLiveTenants(system: PrismaClient): Promise<LiveTenant[]> {
  return system.tenant.findMany({ where: { retiredAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
