import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator } from "../permissions/rules.js";

// Candidates are personal data for the coordinators of the request's network; the service decides which requests,
// and `Member` keeps its own field guard. `Request.candidates` is guarded by the request feature's map (type rules
// cannot be declared twice) and by the same service check.
export const matchingPermissions: PermissionMap = {
  Query: { requestCandidates: isCoordinator },
  RequestCandidates: isCoordinator,
  RequestCandidate: isCoordinator,
  CandidateReason: isCoordinator,
  CandidateExclusion: isCoordinator,
};
