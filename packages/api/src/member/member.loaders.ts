import { isoDateInTimeZone } from "@medverkan/domain";
import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import {
  findExperienceTagsByIds,
  findExperienceTagsByMemberIds,
  findMembershipsByMemberIds,
  findTenantTimeZone,
} from "./member.repository.js";

type MembershipRow = Awaited<ReturnType<typeof findMembershipsByMemberIds>>[number];
type TagRow = Awaited<ReturnType<typeof findExperienceTagsByMemberIds>>[number]["tag"];

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export function createMemberLoaders(scope: TenantScope) {
  return {
    membershipsByMemberId: new DataLoader<string, MembershipRow[]>(async (memberIds) => {
      const rows = await scope.transaction((tx) => findMembershipsByMemberIds(tx, scope.tenantId, memberIds));
      const groups = groupBy(rows, (row) => row.memberId);
      return memberIds.map((id) => groups.get(id) ?? []);
    }),
    experienceTagsByMemberId: new DataLoader<string, TagRow[]>(async (memberIds) => {
      const rows = await scope.transaction((tx) => findExperienceTagsByMemberIds(tx, scope.tenantId, memberIds));
      const groups = groupBy(rows, (row) => row.memberId);
      return memberIds.map((id) => (groups.get(id) ?? []).map((row) => row.tag));
    }),
    /** Today's date in the tenant's time zone, read once per request: ages and pauses are counted in calendar days. */
    tenantToday: new DataLoader<string, string>(async (tenantIds) => {
      const row = await scope.transaction((tx) => findTenantTimeZone(tx, scope.tenantId));
      const today = isoDateInTimeZone(new Date(), row?.timeZone);
      return tenantIds.map(() => today);
    }),
    experienceTagById: new DataLoader<string, TagRow | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findExperienceTagsByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createMemberLoaders> {}
}
