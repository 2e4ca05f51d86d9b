import { allow, or } from "graphql-shield";
import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { canReadMemberPersonalData, isAuthenticated, isCoordinator, isMember, permissionRule } from "../permissions/rules.js";

const plansSessions = permissionRule(Permission.PlanTrainingSessions);
const actsOnEnrolments = or(isCoordinator, isMember);

export const trainingPermissions: PermissionMap = {
  Query: { trainingSessions: plansSessions, trainingSession: plansSessions, myTrainingEnrolments: isMember },
  Mutation: {
    createTrainingSession: plansSessions,
    updateTrainingSession: plansSessions,
    cancelTrainingSession: plansSessions,
    createTrainingEnrolment: actsOnEnrolments,
    cancelTrainingEnrolment: actsOnEnrolments,
    recordTrainingAttendance: isCoordinator,
  },
  TrainingSession: plansSessions,
  TrainingSessionConnection: plansSessions,
  // Public (through Network.upcomingTrainingSessions): date, time, format and places; never who comes.
  TrainingSessionSummary: allow,
  TrainingSessionSummaryConnection: allow,
  // Services hand a member only their own enrolments, a coordinator only their networks'.
  TrainingEnrolment: actsOnEnrolments,
  TrainingEnrolmentConnection: actsOnEnrolments,
  TrainingParticipant: canReadMemberPersonalData,
  CreateTrainingSessionPayload: plansSessions,
  UpdateTrainingSessionPayload: plansSessions,
  CancelTrainingSessionPayload: plansSessions,
  CreateTrainingEnrolmentPayload: actsOnEnrolments,
  CancelTrainingEnrolmentPayload: actsOnEnrolments,
  RecordTrainingAttendancePayload: isCoordinator,
  // Typed outcomes carry nothing but their message.
  AlreadyEnrolled: isAuthenticated,
  SessionCancelled: isAuthenticated,
  SessionStarted: isAuthenticated,
  SessionNotStarted: isAuthenticated,
  NotInSessionNetwork: isAuthenticated,
  TrainingEnrolmentCancelled: isAuthenticated,
};
