import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findGrantsByStaffUserIds, findStaffUsersByIds, type RoleGrantRow } from "./staff.repository.js";
import type { StaffUser } from "./staff.type.js";

export function createStaffLoaders(scope: TenantScope) {
  return {
    staffUserById: new DataLoader<string, StaffUser | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findStaffUsersByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Every grant of each staff user, revoked ones included, oldest first. */
    roleGrantsByStaffUserId: new DataLoader<string, RoleGrantRow[]>(async (staffUserIds) => {
      const rows = await scope.transaction((tx) => findGrantsByStaffUserIds(tx, scope.tenantId, staffUserIds));
      return staffUserIds.map((id) => rows.filter((row) => row.staffUserId === id));
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createStaffLoaders> {}
}
