import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import {
  type FeedbackRow,
  findAssignmentsOfMembers,
  findAssignmentTypesByIds,
  findCostCentresByIds,
  findEventsByRequestIds,
  findExperienceTagKeysByRequestIds,
  findFeedbackByRequestIds,
  findOccasionsByRequestIds,
  findRequestsByIds,
  findUnitsByIds,
  type OccasionRow,
  type RequestRow,
} from "./request.repository.js";

type EventRow = Awaited<ReturnType<typeof findEventsByRequestIds>>[number];
type AssignmentTypeRow = Awaited<ReturnType<typeof findAssignmentTypesByIds>>[number];

function groupBy<Row>(keys: readonly string[], rows: readonly Row[], keyOf: (row: Row) => string): Row[][] {
  const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function byId<Row extends { id: string }>(keys: readonly string[], rows: readonly Row[]): Array<Row | null> {
  const map = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** One query per page for each nested field of a list of requests, whatever the page size. */
export function createRequestLoaders(scope: TenantScope) {
  const tenantId = scope.tenantId;
  return {
    /** A request row by id WITHOUT any visibility check: callers must already know the reader may see it. */
    requestRowById: new DataLoader<string, RequestRow | null>(async (ids) =>
      byId(ids, await scope.transaction((tx) => findRequestsByIds(tx, tenantId, ids))),
    ),
    requestOccasionsByRequestId: new DataLoader<string, OccasionRow[]>(async (ids) =>
      groupBy(ids, await scope.transaction((tx) => findOccasionsByRequestIds(tx, tenantId, ids)), (row) => row.requestId),
    ),
    requestEventsByRequestId: new DataLoader<string, EventRow[]>(async (ids) =>
      groupBy(ids, await scope.transaction((tx) => findEventsByRequestIds(tx, tenantId, ids)), (row) => row.requestId),
    ),
    requestFeedbackByRequestId: new DataLoader<string, FeedbackRow[]>(async (ids) =>
      groupBy(ids, await scope.transaction((tx) => findFeedbackByRequestIds(tx, tenantId, ids)), (row) => row.requestId),
    ),
    requestExperienceTagKeysByRequestId: new DataLoader<string, string[]>(async (ids) => {
      const rows = await scope.transaction((tx) => findExperienceTagKeysByRequestIds(tx, tenantId, ids));
      return groupBy(ids, rows, (row) => row.requestId).map((group) => group.map((row) => row.tag.key));
    }),
    requestAssignmentTypeById: new DataLoader<string, AssignmentTypeRow | null>(async (ids) =>
      byId(ids, await scope.transaction((tx) => findAssignmentTypesByIds(tx, tenantId, ids))),
    ),
    requestUnitById: new DataLoader<string, { id: string; name: string; organisation: { name: string } } | null>(async (ids) =>
      byId(ids, await scope.transaction((tx) => findUnitsByIds(tx, tenantId, ids))),
    ),
    requestCostCentreById: new DataLoader<string, { id: string; code: string } | null>(async (ids) =>
      byId(ids, await scope.transaction((tx) => findCostCentresByIds(tx, tenantId, ids))),
    ),
    /** Keyed `requestId:memberId`: the member's assignment id on the request (not cancelled), or null. */
    requestAssignmentOfMember: new DataLoader<string, string | null>(async (keys) => {
      const pairs = keys.map((key) => {
        const [requestId = "", memberId = ""] = key.split(":");
        return { requestId, memberId };
      });
      const rows = await scope.transaction((tx) => findAssignmentsOfMembers(tx, tenantId, pairs));
      const found = new Map(rows.map((row) => [`${row.requestId}:${row.memberId}`, row.id]));
      return keys.map((key) => found.get(key) ?? null);
    }),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createRequestLoaders> {}
}
