import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import {
  type AssignmentTypeRow,
  findAssignmentTypesByKeys,
  findRequestFormsForNetworks,
  type RequestFormRow,
} from "./request-form.repository.js";

export function createRequestFormLoaders(scope: TenantScope) {
  return {
    /** The form a network uses (its own or the tenant default); null for a network not in this tenant. */
    requestFormByNetworkId: new DataLoader<string, RequestFormRow | null>(async (networkIds) => {
      const byNetwork = await scope.transaction((tx) => findRequestFormsForNetworks(tx, scope.tenantId, networkIds));
      return networkIds.map((id) => byNetwork.get(id) ?? null);
    }),
    /** One of the tenant's assignment types by key, retired or not. */
    assignmentTypeByKey: new DataLoader<string, AssignmentTypeRow | null>(async (keys) => {
      const rows = await scope.transaction((tx) => findAssignmentTypesByKeys(tx, scope.tenantId, keys));
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createRequestFormLoaders> {}
}
