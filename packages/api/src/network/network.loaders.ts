import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findNetworksByIds } from "./network.repository.js";
import type { Network } from "./network.type.js";

export function createNetworkLoaders(scope: TenantScope) {
  return {
    networkById: new DataLoader<string, Network | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findNetworksByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createNetworkLoaders> {}
}
