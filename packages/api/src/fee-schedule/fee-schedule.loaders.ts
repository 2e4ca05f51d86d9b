import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import {
  type FeeScheduleRow,
  type FeeScheduleVersionRow,
  findFeeSchedulesForNetworks,
  findVersionsOfSchedules,
} from "./fee-schedule.repository.js";

export function createFeeScheduleLoaders(scope: TenantScope) {
  return {
    /** A schedule's versions, oldest first. */
    feeScheduleVersionsByScheduleId: new DataLoader<string, FeeScheduleVersionRow[]>(async (scheduleIds) => {
      const rows = await scope.transaction((tx) => findVersionsOfSchedules(tx, scope.tenantId, scheduleIds));
      return scheduleIds.map((id) => rows.filter((row) => row.feeScheduleId === id));
    }),
    /** The schedule a network uses (its own or the tenant default); null for a network not in this tenant. */
    feeScheduleByNetworkId: new DataLoader<string, FeeScheduleRow | null>(async (networkIds) => {
      const byNetwork = await scope.transaction((tx) => findFeeSchedulesForNetworks(tx, scope.tenantId, networkIds));
      return networkIds.map((id) => byNetwork.get(id) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createFeeScheduleLoaders> {}
}
