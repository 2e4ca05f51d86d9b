import { allow } from "graphql-shield";
import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isMember, permissionRule } from "../permissions/rules.js";

// Intake appointments and the follow-up log: coordinators (narrowed to their networks in the service) and tenant admins.
const managesIntake = permissionRule(Permission.ManageIntake);

// Services narrow every answer to the networks the coordinator coordinates; these rules only keep everyone else out.
export const intakePermissions: PermissionMap = {
  Query: {
    membership: isCoordinator,
    intakeQueue: isCoordinator,
    duplicateCandidates: isCoordinator,
    intakeAppointment: managesIntake,
    membershipFollowUps: managesIntake,
    followUpsDue: managesIntake,
    myIntakeAppointments: isMember,
  },
  Mutation: {
    transitionMembership: isCoordinator,
    recordIntroductionHeld: isCoordinator,
    recordGuardianConsent: isCoordinator,
    withdrawGuardianConsent: isCoordinator,
    registerMemberOnBehalf: isCoordinator,
    resolveDuplicateCandidate: isCoordinator,
    bookIntakeAppointment: managesIntake,
    rescheduleIntakeAppointment: managesIntake,
    recordIntakeAppointmentOutcome: managesIntake,
    logMembershipFollowUp: managesIntake,
  },
  BookIntakeAppointmentPayload: managesIntake,
  RescheduleIntakeAppointmentPayload: managesIntake,
  RecordIntakeAppointmentOutcomePayload: managesIntake,
  LogMembershipFollowUpPayload: managesIntake,
  MembershipFollowUp: managesIntake,
  MembershipFollowUpConnection: managesIntake,
  FollowUpDue: managesIntake,
  FollowUpDueConnection: managesIntake,
  InvalidIntakeInput: allow,
  IntakeAppointmentNotChangeable: allow,
  // Reached through the coordinators' queries and payloads above, Membership.intakeAppointments (narrowed in the
  // service) and the member's own myIntakeAppointments (without the note).
  IntakeAppointment: allow,
  IntakeAppointmentTime: allow,
  TransitionMembershipPayload: isCoordinator,
  RecordIntroductionHeldPayload: isCoordinator,
  RecordGuardianConsentPayload: isCoordinator,
  WithdrawGuardianConsentPayload: isCoordinator,
  RegisterMemberOnBehalfPayload: isCoordinator,
  ResolveDuplicateCandidatePayload: isCoordinator,
  IntakeQueueItem: isCoordinator,
  IntakeQueueItemConnection: isCoordinator,
  DuplicateCandidate: isCoordinator,
  DuplicateCandidateConnection: isCoordinator,
  // Reached only through Member.guardians (guarded by canReadMemberPersonalData) and coordinators' payloads;
  // Membership.events is narrowed to the membership's coordinators in the service.
  Guardian: allow,
  GuardianConsent: allow,
  MembershipEvent: allow,
};
