import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { findTagsByIds, findTagsByParentIds, type TagRow } from "./taxonomy.repository.js";

export function createTaxonomyLoaders(scope: TenantScope) {
  return {
    /** The whole row, retirement included (the member feature's `experienceTagById` reads only what members show). */
    experienceTagRecordById: new DataLoader<string, TagRow | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findTagsByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    experienceTagChildrenByParentId: new DataLoader<string, TagRow[]>(async (parentIds) => {
      const rows = await scope.transaction((tx) => findTagsByParentIds(tx, scope.tenantId, parentIds));
      return parentIds.map((id) => rows.filter((row) => row.parentId === id));
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createTaxonomyLoaders> {}
}
