import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findEventsByMembershipIds, findGuardiansByMemberIds, findMembershipsByIds, type MembershipRow } from "./intake.repository.js";

type EventRow = Awaited<ReturnType<typeof findEventsByMembershipIds>>[number];
type GuardianRow = Awaited<ReturnType<typeof findGuardiansByMemberIds>>[number];

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

export function createIntakeLoaders(scope: TenantScope) {
  return {
    /** A membership with its intake dates; callers have already decided the reader may see it. */
    membershipIntakeById: new DataLoader<string, MembershipRow | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findMembershipsByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    membershipEventsByMembershipId: new DataLoader<string, EventRow[]>(async (ids) => {
      const groups = groupBy(
        await scope.transaction((tx) => findEventsByMembershipIds(tx, scope.tenantId, ids)),
        (row) => row.membershipId,
      );
      return ids.map((id) => groups.get(id) ?? []);
    }),
    guardiansByMemberId: new DataLoader<string, GuardianRow[]>(async (ids) => {
      const groups = groupBy(await scope.transaction((tx) => findGuardiansByMemberIds(tx, scope.tenantId, ids)), (row) => row.memberId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createIntakeLoaders> {}
}
