import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findOrganisationsByIds, findUnitsByIds } from "./organisation.repository.js";
import type { Organisation, Unit } from "./organisation.type.js";

export function createOrganisationLoaders(scope: TenantScope) {
  return {
    organisationById: new DataLoader<string, Organisation | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findOrganisationsByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    unitById: new DataLoader<string, Unit | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findUnitsByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createOrganisationLoaders> {}
}
