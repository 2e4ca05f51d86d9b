import { isoDateInTimeZone } from "../calendar/iso-date.js";
import type { MembershipStatus } from "../intake/membership-status.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isFillingRequestStatus, type RequestStatus, requestPlacesLeft } from "../request/request-lifecycle.js";
import { checkText } from "../validation/checks.js";

// A coordinator's personal invitation of a member to a request (Kalmar's routine, seeds/003 step 2a: "tillfrågar om
// uppdraget genom personlig kontakt"). Pure rules: the caller holds the request row's lock while it applies the
// placement rules, so the counts it passes in are the truth at that moment.

export const INVITATION_STATUSES = ["PENDING", "ACCEPTED", "WAITLISTED", "DECLINED", "EXPIRED", "WITHDRAWN"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const INVITATION_LIMITS = {
  messageLength: 2000,
  declineReasonLength: 1000,
  /** Members invited in one call: a shortlist, not a mass mailing. */
  membersPerInvitation: 50,
  minExpiryDays: 1,
  maxExpiryDays: 90,
} as const;

const DAY_MS = 86_400_000;

/** The moment an invitation lapses: the tenant's answer time (`Tenant.invitationExpiryDays`) after it was sent. */
export function invitationExpiresAt(invitedAt: Date, expiryDays: number): Date {
  const days = Math.min(INVITATION_LIMITS.maxExpiryDays, Math.max(INVITATION_LIMITS.minExpiryDays, Math.trunc(expiryDays)));
  return new Date(invitedAt.getTime() + days * DAY_MS);
}

export interface InvitationTiming {
  readonly status: InvitationStatus;
  readonly expiresAt: Date;
}

/** An unanswered invitation whose answer time has run out. Only PENDING ones lapse: an answer given in time stands. */
export function hasLapsed(invitation: InvitationTiming, now: Date): boolean {
  return invitation.status === "PENDING" && invitation.expiresAt.getTime() <= now.getTime();
}

/** The status as it is at `now`, whether or not the expiry job has written it yet. */
export function effectiveInvitationStatus(invitation: InvitationTiming, now: Date): InvitationStatus {
  return hasLapsed(invitation, now) ? "EXPIRED" : invitation.status;
}

export type InviteRefusal =
  /** No place in the request's network (or no such member, as far as this coordinator can tell). */
  | "NOT_IN_POOL"
  /** In the network, but not ACTIVE there (still in intake, paused, withdrawn). */
  | "NOT_ACTIVE"
  /** Processing restricted (GDPR art. 18): the data is kept, every other use is refused. */
  | "RESTRICTED"
  /** Has a pause covering one of the request's occasions. */
  | "PAUSED"
  /** Already asked and the question is still open, or already said yes. */
  | "ALREADY_INVITED"
  /** Said no to this request: they are not asked again. */
  | "DECLINED_BEFORE";

export interface InviteeFacts {
  /** The member's status in the request's network; null when they have no membership there. */
  readonly membershipStatus: MembershipStatus | null;
  readonly restricted: boolean;
  readonly erased: boolean;
  /** Calendar dates (YYYY-MM-DD); a null end means until further notice. */
  readonly pauses: ReadonlyArray<{ readonly startsOn: string; readonly endsOn: string | null }>;
  /** Their earlier invitation to the same request, if any (there is at most one per request and member). */
  readonly previous: { readonly status: InvitationStatus } | null;
}

/** Whether any of the pauses covers any of the dates (both inclusive). */
export function isPausedOnAny(pauses: InviteeFacts["pauses"], dates: readonly string[]): boolean {
  return dates.some((date) => pauses.some((pause) => pause.startsOn <= date && (pause.endsOn === null || date <= pause.endsOn)));
}

/** The calendar dates of the occasions still to be held, in the tenant's time zone (a 00:30 meeting belongs to its day). */
export function occasionDates(
  occasions: ReadonlyArray<{ readonly startsAt: Date; readonly endsAt: Date; readonly cancelledAt: Date | null }>,
  timeZone: string,
): string[] {
  const dates = new Set<string>();
  for (const occasion of occasions) {
    if (occasion.cancelledAt) continue;
    dates.add(isoDateInTimeZone(occasion.startsAt, timeZone));
    dates.add(isoDateInTimeZone(occasion.endsAt, timeZone));
  }
  return [...dates].sort();
}

/**
 * Why this member may not be invited to the request, or null when they may. The order is the order a coordinator
 * would want to hear it in: someone outside the pool first, a remembered "no" before a passing pause.
 */
export function inviteRefusal(facts: InviteeFacts, dates: readonly string[]): InviteRefusal | null {
  if (facts.erased || facts.membershipStatus === null || facts.membershipStatus === "ERASED") return "NOT_IN_POOL";
  if (facts.restricted) return "RESTRICTED";
  if (facts.previous?.status === "DECLINED") return "DECLINED_BEFORE";
  if (facts.previous && isAskedOrTaking(facts.previous.status)) return "ALREADY_INVITED";
  if (facts.membershipStatus !== "ACTIVE") return "NOT_ACTIVE";
  if (isPausedOnAny(facts.pauses, dates)) return "PAUSED";
  return null;
}

/** PENDING, ACCEPTED and WAITLISTED are live; an expired or withdrawn invitation may be sent again. */
function isAskedOrTaking(status: InvitationStatus): boolean {
  return status === "PENDING" || status === "ACCEPTED" || status === "WAITLISTED";
}

export const INVITE_REFUSAL_MESSAGES: Readonly<Record<InviteRefusal, LocalizedText>> = {
  NOT_IN_POOL: { sv: "Personen finns inte i nätverkets pool.", en: "The person is not in the network's pool." },
  NOT_ACTIVE: {
    sv: "Personen är inte aktiv i nätverket (under introduktion, pausad eller utträdd).",
    en: "The person is not active in the network (in intake, paused or withdrawn).",
  },
  RESTRICTED: {
    sv: "Behandlingen av personens uppgifter är begränsad; personen kan inte tillfrågas.",
    en: "Processing of the person's data is restricted; they cannot be asked.",
  },
  PAUSED: {
    sv: "Personen har paus under något av uppdragets tillfällen.",
    en: "The person has a pause during one of the occasions.",
  },
  ALREADY_INVITED: {
    sv: "Personen är redan tillfrågad om uppdraget.",
    en: "The person has already been asked about this request.",
  },
  DECLINED_BEFORE: {
    sv: "Personen har tackat nej till uppdraget och tillfrågas inte igen.",
    en: "The person declined this request and is not asked again.",
  },
};

export type ResponseRefusal =
  /** The answer time ran out. */
  | "EXPIRED"
  /** The coordinator took the question back. */
  | "WITHDRAWN"
  /** Already answered; an answer is changed by withdrawing from the assignment, not by answering again. */
  | "ALREADY_ANSWERED"
  /** The request was cancelled, declined or is already carried out. */
  | "REQUEST_CLOSED";

/**
 * Whether the member may answer now. Only an open question (PENDING, in time) on a request still being filled; the
 * request lifecycle's filling statuses are also those in which a coordinator may invite.
 */
export function responseRefusal(invitation: InvitationTiming, requestStatus: RequestStatus, now: Date): ResponseRefusal | null {
  const status = effectiveInvitationStatus(invitation, now);
  if (status === "EXPIRED") return "EXPIRED";
  if (status === "WITHDRAWN") return "WITHDRAWN";
  if (status !== "PENDING") return "ALREADY_ANSWERED";
  if (!isFillingRequestStatus(requestStatus)) return "REQUEST_CLOSED";
  return null;
}

/**
 * Where an acceptance lands: a place while fewer than the number asked for have one, otherwise the waiting list
 * (inviting more people than asked for is allowed; over-filling is not).
 */
export function placementOnAcceptance(numberOfPersons: number, accepted: number): "ACCEPTED" | "WAITLISTED" {
  return requestPlacesLeft(numberOfPersons, accepted) > 0 ? "ACCEPTED" : "WAITLISTED";
}

/**
 * Who moves up from the waiting list when places free up: as many as there are free places, in the order they
 * accepted. `waitlisted` must already be in that order.
 */
export function waitlistedToPromote<T>(numberOfPersons: number, accepted: number, waitlisted: readonly T[]): T[] {
  return waitlisted.slice(0, requestPlacesLeft(numberOfPersons, accepted));
}

/** A member withdraws what they accepted (a place or a place in the queue); nothing else is theirs to withdraw. */
export function canWithdrawAcceptance(status: InvitationStatus): boolean {
  return status === "ACCEPTED" || status === "WAITLISTED";
}

/** A coordinator takes back a question still open or an acceptance still waiting; a place is cancelled instead. */
export function canWithdrawInvitation(status: InvitationStatus): boolean {
  return status === "PENDING" || status === "WAITLISTED";
}

const LABELS = {
  memberIds: { sv: "Personer att tillfråga", en: "Members to invite" },
  message: { sv: "Personligt meddelande", en: "Personal message" },
  declineReason: { sv: "Anledning", en: "Reason" },
} as const satisfies Record<string, LocalizedText>;

export type InvitationInputResult =
  | { readonly ok: true; readonly memberIds: string[]; readonly message: string | null }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The coordinator's list (duplicates folded: asking twice in one call is asking once) and personal message. */
export function validateInvitationInput(
  input: { memberIds: readonly string[]; message?: string | null },
  path = "input",
): InvitationInputResult {
  const errors: FieldError[] = [];
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.length === 0) errors.push(fieldError(`${path}.memberIds`, "TOO_FEW", LABELS.memberIds, { min: 1 }));
  if (memberIds.length > INVITATION_LIMITS.membersPerInvitation) {
    errors.push(fieldError(`${path}.memberIds`, "TOO_MANY", LABELS.memberIds, { max: INVITATION_LIMITS.membersPerInvitation }));
  }
  const message = checkText(errors, `${path}.message`, LABELS.message, input.message, {
    required: false,
    maxLength: INVITATION_LIMITS.messageLength,
    multiline: true,
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, memberIds, message };
}

export type ReasonResult =
  | { readonly ok: true; readonly reason: string | null }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** An optional free-text reason (a decline, a withdrawal, a cancellation). */
export function validateInvitationReason(reason: string | null | undefined, field: string, required = false): ReasonResult {
  const errors: FieldError[] = [];
  const text = checkText(errors, field, LABELS.declineReason, reason, {
    required,
    maxLength: INVITATION_LIMITS.declineReasonLength,
    multiline: true,
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, reason: text };
}
