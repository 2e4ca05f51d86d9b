import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findPausesByMemberIds, findRevisionsByMemberIds } from "./self-service.repository.js";

type PauseRow = Awaited<ReturnType<typeof findPausesByMemberIds>>[number];
type RevisionRow = Awaited<ReturnType<typeof findRevisionsByMemberIds>>[number];

export function createSelfServiceLoaders(scope: TenantScope) {
  return {
    pausesByMemberId: new DataLoader<string, PauseRow[]>(async (memberIds) => {
      const rows = await scope.transaction((tx) => findPausesByMemberIds(tx, scope.tenantId, memberIds));
      return memberIds.map((id) => rows.filter((row) => row.memberId === id));
    }),
    revisionsByMemberId: new DataLoader<string, RevisionRow[]>(async (memberIds) => {
      const rows = await scope.transaction((tx) => findRevisionsByMemberIds(tx, scope.tenantId, memberIds));
      return memberIds.map((id) => rows.filter((row) => row.memberId === id));
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createSelfServiceLoaders> {}
}
