import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember } from "../permissions/rules.js";
import { isRequester } from "../request/request.rules.js";

// Services decide which requests and invitations: a coordinator's network's, a member's own, the requesting unit's.
// `Request.invitations` and `Request.participants` are guarded by the request feature's map (a type's rules cannot be
// declared twice) and by the same service checks.
export const invitationPermissions: PermissionMap = {
  // The service answers only the coordinators of the request's network (another's invitee is null).
  Query: { myInvitations: isMember, invitee: isCoordinator },
  Mutation: {
    inviteMembers: isCoordinator,
    withdrawInvitation: isCoordinator,
    recordInvitationAnswerOnBehalf: isCoordinator,
    respondToInvitation: isMember,
    withdrawFromAssignment: isMember,
    withdrawContactSharingConsent: isMember,
  },
  Invitation: isCoordinator,
  InvitationConnection: isCoordinator,
  Invitee: isCoordinator,
  MyInvitation: isMember,
  MyInvitationConnection: isMember,
  AssignmentBrief: isMember,
  BriefOccasion: isMember,
  // The requesting unit or the network's coordinators; the service returns the consented participants only.
  ReleasedContact: or(isRequester, isCoordinator),
  InviteMembersPayload: isCoordinator,
  WithdrawInvitationPayload: isCoordinator,
  RecordInvitationAnswerOnBehalfPayload: isCoordinator,
  RespondToInvitationPayload: isMember,
  WithdrawFromAssignmentPayload: isMember,
  WithdrawContactSharingConsentPayload: isMember,
  // Typed outcomes carry nothing but their message (and the id the caller sent).
  MemberNotInvitable: isCoordinator,
  RequestNotOpenForInvitations: isCoordinator,
  InvitationNotOpen: isAuthenticated,
  InvitationNotWithdrawable: or(isCoordinator, isMember),
};
