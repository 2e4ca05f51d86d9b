import DataLoader from "dataloader";
import type { TenantScope } from "../context/tenant-scope.js";
import {
  type AssignmentRow,
  type AttendanceRow,
  findAssignmentsOfRequests,
  findAttendancesOfAssignments,
} from "./assignment.repository.js";

function groupInto<T>(keys: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return keys.map((id) => groups.get(id) ?? []);
}

export function createAssignmentLoaders(scope: TenantScope) {
  return {
    assignmentsByRequestId: new DataLoader<string, AssignmentRow[]>(async (requestIds) =>
      groupInto(
        requestIds,
        await scope.transaction((tx) => findAssignmentsOfRequests(tx, scope.tenantId, requestIds)),
        (row) => row.requestId,
      ),
    ),
    attendancesByAssignmentId: new DataLoader<string, AttendanceRow[]>(async (assignmentIds) =>
      groupInto(
        assignmentIds,
        await scope.transaction((tx) => findAttendancesOfAssignments(tx, scope.tenantId, assignmentIds)),
        (row) => row.assignmentId,
      ),
    ),
  };
}

// This feature's part of every request's loaders (context/loaders.ts); schema/loaders.ts builds them.
declare module "../context/loaders.js" {
  interface Loaders extends ReturnType<typeof createAssignmentLoaders> {}
}
