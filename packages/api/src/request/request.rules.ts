import { allow, type IRule, or, rule } from "graphql-shield";
import type { RequestContext } from "../context/request-context.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember, isTenantStaff } from "../permissions/rules.js";
import { requesterUnitIds } from "./request-access.js";

/** A staff user with a requester grant for a unit. */
export const isRequester: IRule = rule("isRequester", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => requesterUnitIds(ctx.actor).length > 0,
);

export const isMemberOrStaff: IRule = rule("isMemberOrStaff", { cache: "contextual" })(
  (_parent, _args, ctx: RequestContext) => ctx.actor.kind === "STAFF" || ctx.actor.kind === "MEMBER",
);

// Which request a caller sees, and what they may do with it, depends on the request (its unit, its network, the
// caller's invitation): the services decide, and an invisible request reads as missing. These rules keep out whoever
// can never see a request at all (anonymous callers, citizens, platform operators).
export const requestPermissions: PermissionMap = {
  Query: {
    request: isMemberOrStaff,
    requests: isMemberOrStaff,
    openFollowUps: isCoordinator,
    directBookingParticipantsToConfirm: isCoordinator,
    myDirectBookingsToConfirm: isMember,
    myRequestOptions: isRequester,
  },
  Mutation: {
    submitRequest: isRequester,
    updateRequest: isRequester,
    startMatching: isCoordinator,
    declineRequest: isCoordinator,
    cancelRequest: isTenantStaff,
    markRequestCarriedOut: isTenantStaff,
    recordFollowUp: isCoordinator,
    addOccasion: isTenantStaff,
    cancelOccasion: isTenantStaff,
    markOccasionHeld: isTenantStaff,
    giveFeedback: isMemberOrStaff,
    recordDirectBooking: isRequester,
    confirmDirectBookingParticipant: isCoordinator,
    rejectDirectBookingParticipant: isCoordinator,
    confirmMyDirectBooking: isMember,
    declineMyDirectBooking: isMember,
    addOutsidePoolParticipant: isRequester,
    removeOutsidePoolParticipant: or(isRequester, isCoordinator),
  },
  // Reached only through a request the reader may see. Fields other features add on Request are listed here too
  // (a type's rules cannot be declared twice); their services check the request's network or unit again.
  Request: {
    "*": isAuthenticated,
    events: isTenantStaff,
    invitations: isCoordinator,
    participants: isTenantStaff,
    outsidePoolParticipants: or(isRequester, isCoordinator),
    candidates: isCoordinator,
    assignments: or(isRequester, isCoordinator),
    // An invited member reads what the assignment asks of them (AssignmentBrief has the same); the unit's internal
    // bookkeeping stays with staff. (The coordinator's follow-up note reads as null for everyone else: see the service.)
    costCentreCode: isTenantStaff,
  },
  RequestConnection: isAuthenticated,
  RequestContactPerson: allow,
  // Answers to the form's region questions: read like the request's other free texts (Request "*").
  RequestAnswer: isAuthenticated,
  RequestOptions: isRequester,
  RequestCostCentreOption: isRequester,
  RequestEvent: isTenantStaff,
  Occasion: isAuthenticated,
  Feedback: isAuthenticated,
  SubmitRequestPayload: isAuthenticated,
  UpdateRequestPayload: isAuthenticated,
  StartMatchingPayload: isAuthenticated,
  DeclineRequestPayload: isAuthenticated,
  CancelRequestPayload: isAuthenticated,
  MarkRequestCarriedOutPayload: isAuthenticated,
  RecordFollowUpPayload: isAuthenticated,
  RecordDirectBookingPayload: isAuthenticated,
  AddOccasionPayload: isAuthenticated,
  CancelOccasionPayload: isAuthenticated,
  MarkOccasionHeldPayload: isAuthenticated,
  GiveFeedbackPayload: isAuthenticated,
  RequestRuleNotMet: isAuthenticated,
  FeedbackAlreadyGiven: isAuthenticated,
  ParticipantNotIdentified: isAuthenticated,
  // Who a unit named, and the match: coordinators only (the services check the network again).
  // The network's coordinators, or the member the booking was matched to (the services decide which rows).
  DirectBookingParticipant: or(isCoordinator, isMember),
  DecideDirectBookingParticipantPayload: or(isCoordinator, isMember),
  DirectBookingNotConfirmable: isAuthenticated,
  OutsidePoolParticipant: or(isRequester, isCoordinator),
  OutsidePoolParticipantNotAllowed: isAuthenticated,
  AddOutsidePoolParticipantPayload: isAuthenticated,
  RemoveOutsidePoolParticipantPayload: isAuthenticated,
};
