import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isMember } from "../permissions/rules.js";
import { isRequester } from "../request/request.rules.js";

// The requesting unit or the request network's coordinators; the services check that it is this request's. No member
// identity is on an Assignment, so it carries nothing personal to a unit. `Request.assignments` is guarded by the
// request feature's map (a type's rules cannot be declared twice) and by the same service check.
const runsRequests = or(isRequester, isCoordinator);

export const assignmentPermissions: PermissionMap = {
  Query: { myAssignments: isMember },
  Mutation: { recordAttendance: runsRequests, recordAgreement: runsRequests, cancelParticipant: runsRequests },
  Assignment: runsRequests,
  MyAssignment: isMember,
  MyAssignmentConnection: isMember,
  AttendanceRecord: or(isRequester, isCoordinator, isMember),
  RecordAttendancePayload: runsRequests,
  RecordAgreementPayload: runsRequests,
  CancelParticipantPayload: runsRequests,
  AttendanceNotPossible: runsRequests,
  AssignmentCancelled: runsRequests,
  AssignmentCarriedOut: runsRequests,
};
