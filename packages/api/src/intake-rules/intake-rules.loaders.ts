import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findIntakeRuleSetsForNetworks, type IntakeRuleSetRow } from "./intake-rules.repository.js";

export function createIntakeRulesLoaders(scope: TenantScope) {
  return {
    /** The rule set that applies to a network (its own or the tenant default); null for a network not in this tenant. */
    intakeRuleSetByNetworkId: new DataLoader<string, IntakeRuleSetRow | null>(async (networkIds) => {
      const byNetwork = await scope.transaction((tx) => findIntakeRuleSetsForNetworks(tx, scope.tenantId, networkIds));
      return networkIds.map((id) => byNetwork.get(id) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createIntakeRulesLoaders> {}
}
