import type { LocalizedText } from "../messages/locale.js";

// The intake lifecycle of one membership (a person in one network's pool). Which optional steps a
// network insists on is data (IntakeRules); which moves exist at all is fixed here.

export const MEMBERSHIP_STATUSES = [
  "PENDING_GUARDIAN_CONSENT",
  "REGISTERED",
  "CONTACTED",
  "INTRODUCTION_BOOKED",
  "TRAINED",
  "ACTIVE",
  "PAUSED",
  "WITHDRAWN",
  "ERASED",
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export function isMembershipStatus(value: unknown): value is MembershipStatus {
  return (MEMBERSHIP_STATUSES as readonly unknown[]).includes(value);
}

/**
 * The moves the lifecycle allows before any network rule is consulted. Intake steps go forward
 * and may be skipped (a network without an introduction meeting goes straight from CONTACTED to
 * TRAINED or ACTIVE); the rules then decide whether a skip is acceptable. Anyone not erased may
 * withdraw; only a withdrawn membership is erased, so erasure always follows a withdrawal.
 */
const TRANSITIONS: Readonly<Record<MembershipStatus, readonly MembershipStatus[]>> = {
  PENDING_GUARDIAN_CONSENT: ["REGISTERED", "WITHDRAWN"],
  REGISTERED: ["CONTACTED", "INTRODUCTION_BOOKED", "TRAINED", "ACTIVE", "WITHDRAWN"],
  CONTACTED: ["INTRODUCTION_BOOKED", "TRAINED", "ACTIVE", "WITHDRAWN"],
  INTRODUCTION_BOOKED: ["TRAINED", "ACTIVE", "WITHDRAWN"],
  TRAINED: ["ACTIVE", "WITHDRAWN"],
  ACTIVE: ["PAUSED", "WITHDRAWN"],
  PAUSED: ["ACTIVE", "WITHDRAWN"],
  WITHDRAWN: ["ERASED"],
  ERASED: [],
};

/** Statuses reachable from `from` in one move, before any rule is checked. */
export function allowedTransitions(from: MembershipStatus): readonly MembershipStatus[] {
  return TRANSITIONS[from];
}

/** A membership that has ended (withdrawn, then perhaps erased): the person takes no more part through this network. */
export function hasMembershipEnded(status: MembershipStatus): boolean {
  return status === "WITHDRAWN" || status === "ERASED";
}

export function isTransitionAllowed(from: MembershipStatus, to: MembershipStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const MEMBERSHIP_STATUS_LABELS: Readonly<Record<MembershipStatus, LocalizedText>> = {
  PENDING_GUARDIAN_CONSENT: { sv: "Väntar på vårdnadshavares samtycke", en: "Awaiting guardian consent" },
  REGISTERED: { sv: "Anmäld", en: "Registered" },
  CONTACTED: { sv: "Kontaktad", en: "Contacted" },
  INTRODUCTION_BOOKED: { sv: "Introduktion bokad", en: "Introduction booked" },
  TRAINED: { sv: "Utbildad", en: "Trained" },
  ACTIVE: { sv: "Aktiv", en: "Active" },
  PAUSED: { sv: "Pausad", en: "Paused" },
  WITHDRAWN: { sv: "Avslutad", en: "Withdrawn" },
  ERASED: { sv: "Raderad", en: "Erased" },
};
