import { allow } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator } from "../permissions/rules.js";

// Services narrow every answer to the networks the coordinator coordinates; these rules only keep everyone else out.
export const intakePermissions: PermissionMap = {
  Query: { membership: isCoordinator, intakeQueue: isCoordinator, duplicateCandidates: isCoordinator },
  Mutation: {
    transitionMembership: isCoordinator,
    recordIntroductionHeld: isCoordinator,
    recordGuardianConsent: isCoordinator,
    withdrawGuardianConsent: isCoordinator,
    registerMemberOnBehalf: isCoordinator,
    resolveDuplicateCandidate: isCoordinator,
  },
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
