import { isIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { addDaysToIsoDate } from "./appointment.js";
import type { IntakeRules } from "./intake-rules.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a registration still waiting for its first contact has waited longer than the
 * network promises. Measured in elapsed 24-hour days; the hour a clock change adds or removes
 * does not matter at this scale. The caller asks only for memberships still REGISTERED.
 */
export function isOverdueForFollowUp(registeredAt: Date, now: Date, rules: Pick<IntakeRules, "followUpWithinDays">): boolean {
  if (rules.followUpWithinDays === null) return false;
  return now.getTime() - registeredAt.getTime() > rules.followUpWithinDays * DAY_MS;
}

// ----- the ongoing follow-up of members (Kalmar: "löpande uppföljning per telefon") ---------------------------------

export const FOLLOW_UP_CHANNELS = ["PHONE", "EMAIL", "MEETING", "OTHER"] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

export const FOLLOW_UP_CHANNEL_LABELS: Readonly<Record<FollowUpChannel, LocalizedText>> = {
  PHONE: { sv: "Telefon", en: "Phone" },
  EMAIL: { sv: "E-post", en: "E-mail" },
  MEETING: { sv: "Möte", en: "Meeting" },
  OTHER: { sv: "Annat", en: "Other" },
};

export const FOLLOW_UP_NOTE_MAX = 2000;

export interface FollowUpInput {
  readonly contactedOn: string;
  readonly nextFollowUpOn: string | null;
  readonly note: string | null;
}

const F = {
  contactedOn: { sv: "Datum för kontakten", en: "Date of the contact" },
  nextFollowUpOn: { sv: "Nästa uppföljning", en: "Next follow-up" },
  contactedOnMidSentence: { sv: "datumet för kontakten", en: "the date of the contact" },
  note: { sv: "Anteckning", en: "Note" },
} as const satisfies Record<string, LocalizedText>;

/**
 * A logged contact: a real date not after today (the tenant's today), a next follow-up (if any) after the contact,
 * a note of reasonable length. Dates are calendar dates in the tenant's zone ("2026-12-07").
 */
export function validateFollowUp(input: FollowUpInput, today: string, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  const at = (field: string) => `${path}.${field}`;
  const contacted = isIsoDate(input.contactedOn);
  if (!contacted) errors.push(fieldError(at("contactedOn"), "INVALID_DATE", F.contactedOn));
  else if (input.contactedOn > today) errors.push(fieldError(at("contactedOn"), "DATE_IN_FUTURE", F.contactedOn));
  if (input.nextFollowUpOn !== null) {
    if (!isIsoDate(input.nextFollowUpOn)) errors.push(fieldError(at("nextFollowUpOn"), "INVALID_DATE", F.nextFollowUpOn));
    else if (contacted && input.nextFollowUpOn <= input.contactedOn) {
      errors.push(fieldError(at("nextFollowUpOn"), "MUST_BE_AFTER", F.nextFollowUpOn, { other: F.contactedOnMidSentence }));
    }
  }
  if (input.note !== null && input.note.length > FOLLOW_UP_NOTE_MAX) {
    errors.push(fieldError(at("note"), "TOO_LONG", F.note, { max: FOLLOW_UP_NOTE_MAX }));
  }
  return errors;
}

/**
 * Whether a membership's follow-up is due: its latest logged contact set a next date that is today or earlier (or
 * within `withinDays` from today, for a list of what is coming). Only the latest contact counts — a call logged since
 * answers the earlier "call again on…". Memberships no longer in the pool are never due.
 */
export function isFollowUpDue(
  latest: { readonly nextFollowUpOn: string | null } | null,
  today: string,
  withinDays = 0,
  membershipClosed = false,
): boolean {
  if (membershipClosed || !latest?.nextFollowUpOn) return false;
  return latest.nextFollowUpOn <= addDaysToIsoDate(today, withinDays);
}

/** The ordering of a membership's log: newest contact first; on the same day, the one logged last first. */
export function compareFollowUpsNewestFirst(
  a: { readonly contactedOn: string; readonly recordedAt: Date; readonly id: string },
  b: { readonly contactedOn: string; readonly recordedAt: Date; readonly id: string },
): number {
  if (a.contactedOn !== b.contactedOn) return a.contactedOn < b.contactedOn ? 1 : -1;
  if (a.recordedAt.getTime() !== b.recordedAt.getTime()) return b.recordedAt.getTime() - a.recordedAt.getTime();
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
