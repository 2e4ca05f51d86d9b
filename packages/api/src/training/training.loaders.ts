import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import { countByStatus, findSessionsByIds, findWaitlisted, type SessionRow } from "./training.repository.js";

export interface SessionCounts {
  enrolled: number;
  waitlisted: number;
}

export function createTrainingLoaders(scope: TenantScope) {
  return {
    trainingSessionById: new DataLoader<string, SessionRow | null>(async (ids) => {
      const rows = await scope.transaction((tx) => findSessionsByIds(tx, scope.tenantId, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    trainingCountsBySessionId: new DataLoader<string, SessionCounts>(async (ids) => {
      const groups = await scope.transaction((tx) => countByStatus(tx, scope.tenantId, ids));
      const counts = new Map(ids.map((id) => [id, { enrolled: 0, waitlisted: 0 }]));
      for (const group of groups) {
        const entry = counts.get(group.sessionId);
        if (entry && group.status === "ENROLLED") entry.enrolled = group.count;
        if (entry && group.status === "WAITLISTED") entry.waitlisted = group.count;
      }
      return ids.map((id) => counts.get(id) ?? { enrolled: 0, waitlisted: 0 });
    }),
    /** Each session's waiting list as enrolment ids in queue order. */
    trainingWaitlistBySessionId: new DataLoader<string, string[]>(async (ids) => {
      const rows = await scope.transaction((tx) => findWaitlisted(tx, scope.tenantId, ids));
      const lists = new Map<string, string[]>(ids.map((id) => [id, []]));
      for (const row of rows) lists.get(row.sessionId)?.push(row.id);
      return ids.map((id) => lists.get(id) ?? []);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createTrainingLoaders> {}
}
