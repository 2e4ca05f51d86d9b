import type { LocalizedText } from "../messages/locale.js";

// The lifecycle of a request (uppdragsförfrågan): submitted → matching → partly filled → filled → carried out →
// followed up, or declined / cancelled with a reason. Filling is not a choice anyone makes: it follows from how many
// invited people have accepted, so it is derived (fillStatusAfterAcceptances) rather than requested.

export const REQUEST_STATUSES = [
  "SUBMITTED",
  "MATCHING",
  "PARTLY_FILLED",
  "FILLED",
  "CARRIED_OUT",
  "FOLLOWED_UP",
  "DECLINED",
  "CANCELLED",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, LocalizedText>> = {
  SUBMITTED: { sv: "Inskickad", en: "Submitted" },
  MATCHING: { sv: "Matchning pågår", en: "Matching" },
  PARTLY_FILLED: { sv: "Delvis tillsatt", en: "Partly filled" },
  FILLED: { sv: "Tillsatt", en: "Filled" },
  CARRIED_OUT: { sv: "Genomförd", en: "Carried out" },
  FOLLOWED_UP: { sv: "Uppföljd och avslutad", en: "Followed up and closed" },
  DECLINED: { sv: "Avböjd", en: "Declined" },
  CANCELLED: { sv: "Avbokad", en: "Cancelled" },
};

/** Statuses in which the request can no longer change. */
export const CLOSED_REQUEST_STATUSES: readonly RequestStatus[] = ["FOLLOWED_UP", "DECLINED", "CANCELLED"];

/** Statuses in which invitations may be answered and the fill status follows the acceptances. */
export const FILLING_REQUEST_STATUSES: readonly RequestStatus[] = ["MATCHING", "PARTLY_FILLED", "FILLED"];

export const isClosedRequestStatus = (status: RequestStatus): boolean => CLOSED_REQUEST_STATUSES.includes(status);

/** Statuses after the assignment took place: feedback may be given, and a booking recorded now counts as carried out. */
export const CARRIED_OUT_REQUEST_STATUSES: readonly RequestStatus[] = ["CARRIED_OUT", "FOLLOWED_UP"];
export const isCarriedOutRequestStatus = (status: RequestStatus): boolean => CARRIED_OUT_REQUEST_STATUSES.includes(status);
export const isFillingRequestStatus = (status: RequestStatus): boolean => FILLING_REQUEST_STATUSES.includes(status);

/** The moves people make on purpose; filling moves are derived from acceptances. */
export const REQUEST_ACTIONS = ["START_MATCHING", "DECLINE", "CANCEL", "MARK_CARRIED_OUT", "RECORD_FOLLOW_UP"] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export const REQUEST_ACTION_TARGET: Readonly<Record<RequestAction, RequestStatus>> = {
  START_MATCHING: "MATCHING",
  DECLINE: "DECLINED",
  CANCEL: "CANCELLED",
  MARK_CARRIED_OUT: "CARRIED_OUT",
  RECORD_FOLLOW_UP: "FOLLOWED_UP",
};

const ACTION_FROM: Readonly<Record<RequestAction, readonly RequestStatus[]>> = {
  START_MATCHING: ["SUBMITTED"],
  // Once someone has accepted, the network has committed people: the unit or coordinator cancels instead.
  DECLINE: ["SUBMITTED", "MATCHING"],
  CANCEL: ["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED"],
  // A request may be carried out with fewer people than asked for, never with none.
  MARK_CARRIED_OUT: ["PARTLY_FILLED", "FILLED"],
  RECORD_FOLLOW_UP: ["CARRIED_OUT"],
};

export const REQUEST_RULE_CODES = [
  "TRANSITION_NOT_ALLOWED",
  "REQUEST_CLOSED",
  "REASON_REQUIRED",
  "NO_PARTICIPANTS",
  "OCCASIONS_NOT_OVER",
  "FOLLOW_UP_NOTE_REQUIRED",
] as const;
export type RequestRuleCode = (typeof REQUEST_RULE_CODES)[number];

export interface RequestRuleViolation {
  readonly rule: RequestRuleCode;
  readonly message: LocalizedText;
}

export type RequestTransitionCheck =
  | { readonly ok: true; readonly to: RequestStatus }
  | { readonly ok: false; readonly violation: RequestRuleViolation };

/** What is known about the request when someone acts on it. */
export interface RequestFacts {
  readonly status: RequestStatus;
  /** Participants who accepted and have not been cancelled. */
  readonly acceptedCount: number;
  /** The latest end of an occasion that is not cancelled; null when there is none. */
  readonly lastOccasionEndsAt: Date | null;
  /** The reason (decline, cancel) or note (follow-up) given with the action. */
  readonly reason: string | null;
  readonly now: Date;
}

const violation = (rule: RequestRuleCode, sv: string, en: string): { ok: false; violation: RequestRuleViolation } => ({
  ok: false,
  violation: { rule, message: { sv, en } },
});

const hasText = (value: string | null): boolean => value !== null && value.trim() !== "";

export function checkRequestAction(action: RequestAction, facts: RequestFacts): RequestTransitionCheck {
  const from = facts.status;
  const to = REQUEST_ACTION_TARGET[action];
  const a = REQUEST_STATUS_LABELS[from];
  const b = REQUEST_STATUS_LABELS[to];
  if (isClosedRequestStatus(from)) {
    return violation(
      "REQUEST_CLOSED",
      `Förfrågan är redan avslutad (${a.sv.toLowerCase()}) och kan inte ändras.`,
      `The request is already closed (${a.en.toLowerCase()}) and cannot change.`,
    );
  }
  if (!ACTION_FROM[action].includes(from)) {
    const allowed = ACTION_FROM[action].map((status) => REQUEST_STATUS_LABELS[status]);
    return violation(
      "TRANSITION_NOT_ALLOWED",
      `En förfrågan kan inte gå från ”${a.sv}” till ”${b.sv}”; det går bara från ${list(
        allowed.map((l) => `”${l.sv}”`),
        "eller",
      )}.`,
      `A request cannot go from “${a.en}” to “${b.en}”; that is only possible from ${list(
        allowed.map((l) => `“${l.en}”`),
        "or",
      )}.`,
    );
  }
  if ((action === "DECLINE" || action === "CANCEL") && !hasText(facts.reason)) {
    return violation(
      "REASON_REQUIRED",
      "Ange ett skäl: enheten och nätverket behöver veta varför förfrågan inte blir av.",
      "Give a reason: the unit and the network need to know why the request will not go ahead.",
    );
  }
  if (action === "MARK_CARRIED_OUT") {
    if (facts.acceptedCount < 1) {
      return violation(
        "NO_PARTICIPANTS",
        "Ingen medverkande har tackat ja, så uppdraget kan inte ha genomförts. Avboka förfrågan i stället.",
        "Nobody has accepted, so the assignment cannot have been carried out. Cancel the request instead.",
      );
    }
    if (facts.lastOccasionEndsAt !== null && facts.lastOccasionEndsAt.getTime() > facts.now.getTime()) {
      return violation(
        "OCCASIONS_NOT_OVER",
        "Alla tillfällen är inte avslutade än. Markera förfrågan som genomförd efter det sista tillfället, eller ställ in de tillfällen som inte blir av.",
        "Not every occasion is over yet. Mark the request as carried out after the last occasion, or cancel the occasions that will not take place.",
      );
    }
  }
  if (action === "RECORD_FOLLOW_UP" && !hasText(facts.reason)) {
    return violation(
      "FOLLOW_UP_NOTE_REQUIRED",
      "Skriv en kort anteckning om uppföljningen med enheten och de medverkande.",
      "Write a short note on the follow-up with the unit and the participants.",
    );
  }
  return { ok: true, to };
}

function list(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * The status a request in the filling phase takes after acceptances change (an acceptance, a withdrawal, a cancelled
 * participant): MATCHING with nobody, PARTLY_FILLED with fewer than asked, FILLED when the number asked is reached.
 * Outside the filling phase the status is returned unchanged: a carried-out request does not reopen.
 */
export function fillStatusAfterAcceptances(status: RequestStatus, numberOfPersons: number, acceptedCount: number): RequestStatus {
  if (!isFillingRequestStatus(status)) return status;
  if (acceptedCount <= 0) return "MATCHING";
  return acceptedCount >= numberOfPersons ? "FILLED" : "PARTLY_FILLED";
}

/** Places still open; an acceptance when none is left is waitlisted, so a request is never over-filled. */
export function requestPlacesLeft(numberOfPersons: number, acceptedCount: number): number {
  return Math.max(0, numberOfPersons - acceptedCount);
}

/** Whether the request may still be changed by its unit (contents, not status): only before matching starts. */
export const isRequestEditable = (status: RequestStatus): boolean => status === "SUBMITTED";

/**
 * Occasions can be added, cancelled or reported held while the request is live; never after it is closed or
 * followed up, so fees and statistics stay as they were followed up.
 */
export const canChangeOccasions = (status: RequestStatus): boolean => !isClosedRequestStatus(status);

/** New occasions belong to a request not yet carried out; after that they are a new request (fees follow the old one). */
export const canAddOccasions = (status: RequestStatus): boolean => canChangeOccasions(status) && status !== "CARRIED_OUT";

/** An occasion can only have been held with participants once someone has accepted (or it was carried out). */
export const mayHaveHeldOccasions = (status: RequestStatus): boolean =>
  status === "PARTLY_FILLED" || status === "FILLED" || status === "CARRIED_OUT";

/** A direct booking (SPEC §2, Jönköping) is recorded as it happened: filled, or carried out once it is over. */
export function directBookingStatus(lastOccasionEndsAt: Date | null, now: Date): "FILLED" | "CARRIED_OUT" {
  return lastOccasionEndsAt !== null && lastOccasionEndsAt.getTime() <= now.getTime() ? "CARRIED_OUT" : "FILLED";
}
