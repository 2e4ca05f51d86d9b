import { formatIsoDate, isoDateInTimeZone, parseIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";

// A dated intake meeting with one member (Kalmar: "utvecklingsledaren ringer upp personen och bokar in ett
// introduktionsmöte"). Its lifecycle, what a booking must say, and when its reminder is due.

export const INTAKE_APPOINTMENT_STATUSES = ["BOOKED", "RESCHEDULED", "HELD", "NO_SHOW", "CANCELLED"] as const;
export type IntakeAppointmentStatus = (typeof INTAKE_APPOINTMENT_STATUSES)[number];

export const INTAKE_APPOINTMENT_STATUS_LABELS: Readonly<Record<IntakeAppointmentStatus, LocalizedText>> = {
  BOOKED: { sv: "Bokad", en: "Booked" },
  RESCHEDULED: { sv: "Ombokad", en: "Rescheduled" },
  HELD: { sv: "Genomförd", en: "Held" },
  NO_SHOW: { sv: "Uteblev", en: "No-show" },
  CANCELLED: { sv: "Avbokad", en: "Cancelled" },
};

/** What a coordinator can do to an appointment after booking it. */
export type IntakeAppointmentAction = "RESCHEDULE" | "HELD" | "NO_SHOW" | "CANCELLED";

/** An appointment still to come (or whose outcome is not yet recorded). */
export const isOpenAppointment = (status: IntakeAppointmentStatus): boolean => status === "BOOKED" || status === "RESCHEDULED";

export type AppointmentActionCheck =
  | { readonly ok: true; readonly to: IntakeAppointmentStatus }
  | { readonly ok: false; readonly code: "TRANSITION_NOT_ALLOWED" | "NOT_YET_STARTED"; readonly message: LocalizedText };

/**
 * BOOKED → RESCHEDULED (any number of times) → HELD, NO_SHOW or CANCELLED. An outcome is final. Whether it was held
 * or missed can only be said once it has started; cancelling is possible until then (and after, if nobody recorded
 * anything — a meeting that did not happen for another reason).
 */
export function checkAppointmentAction(
  appointment: { readonly status: IntakeAppointmentStatus; readonly startsAt: Date },
  action: IntakeAppointmentAction,
  now: Date,
): AppointmentActionCheck {
  const to: IntakeAppointmentStatus = action === "RESCHEDULE" ? "RESCHEDULED" : action;
  if (!isOpenAppointment(appointment.status)) {
    const from = INTAKE_APPOINTMENT_STATUS_LABELS[appointment.status];
    return {
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      message: {
        sv: `Mötet är redan ${from.sv.toLowerCase()} och kan inte ändras.`,
        en: `The appointment is already ${from.en.toLowerCase()} and cannot be changed.`,
      },
    };
  }
  if ((action === "HELD" || action === "NO_SHOW") && now.getTime() < appointment.startsAt.getTime()) {
    return {
      ok: false,
      code: "NOT_YET_STARTED",
      message: {
        sv: "Mötet har inte börjat än: om det hölls eller om personen uteblev kan registreras först när det har börjat.",
        en: "The appointment has not started yet: whether it was held or missed can be recorded once it has started.",
      },
    };
  }
  return { ok: true, to };
}

export interface AppointmentTimeInput {
  readonly startsAt: Date;
  readonly endsAt: Date | null;
  readonly place: string | null;
  readonly digitalLink: string | null;
}

const L = {
  startsAt: { sv: "Mötets starttid", en: "The appointment's start" },
  endsAt: { sv: "Mötets sluttid", en: "The appointment's end" },
  start: { sv: "starttiden", en: "the start time" },
  place: { sv: "Plats", en: "Place" },
  digitalLink: { sv: "Länk till videomöte", en: "Video meeting link" },
} as const satisfies Record<string, LocalizedText>;

const PLACE_MAX = 300;
const LINK_MAX = 1000;
/** An intake meeting is a conversation, not a course: longer than this is a typing mistake. */
export const APPOINTMENT_MAX_HOURS = 12;

/**
 * The time and place of a booking or a reschedule: not in the past, an end (if given) after the start and within
 * twelve hours, a video link that is an https address. `path` prefixes the field names (`input`).
 */
export function validateAppointmentTime(input: AppointmentTimeInput, now: Date, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  const at = (field: string) => `${path}.${field}`;
  if (Number.isNaN(input.startsAt.getTime())) {
    errors.push(fieldError(at("startsAt"), "INVALID_DATE", L.startsAt));
    return errors;
  }
  if (input.startsAt.getTime() <= now.getTime()) errors.push(fieldError(at("startsAt"), "DATE_IN_PAST", L.startsAt));
  if (input.endsAt) {
    if (Number.isNaN(input.endsAt.getTime())) errors.push(fieldError(at("endsAt"), "INVALID_DATE", L.endsAt));
    else if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      errors.push(fieldError(at("endsAt"), "MUST_BE_AFTER", L.endsAt, { other: L.start }));
    } else if (input.endsAt.getTime() - input.startsAt.getTime() > APPOINTMENT_MAX_HOURS * HOUR_MS) {
      errors.push(
        fieldError(at("endsAt"), "OUT_OF_RANGE", L.endsAt, {
          hint: {
            sv: `Ett möte får vara högst ${APPOINTMENT_MAX_HOURS} timmar.`,
            en: `An appointment can last at most ${APPOINTMENT_MAX_HOURS} hours.`,
          },
        }),
      );
    }
  }
  if (input.place !== null && input.place.length > PLACE_MAX) {
    errors.push(fieldError(at("place"), "TOO_LONG", L.place, { max: PLACE_MAX }));
  }
  if (input.digitalLink !== null) {
    if (input.digitalLink.length > LINK_MAX) errors.push(fieldError(at("digitalLink"), "TOO_LONG", L.digitalLink, { max: LINK_MAX }));
    else if (!isHttpsUrl(input.digitalLink)) {
      errors.push(
        fieldError(at("digitalLink"), "INVALID_FORMAT", L.digitalLink, {
          hint: { sv: "Skriv hela adressen, med https://.", en: "Give the full address, with https://." },
        }),
      );
    }
  }
  return errors;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
}

// ----- reminders -------------------------------------------------------------------------------------------------

const HOUR_MS = 60 * 60 * 1000;
export const REMINDER_HOURS_MIN = 1;
export const REMINDER_HOURS_MAX = 168;

/** The tenant's reminder setting: a whole number of hours before, 1–168 (a week); null means the day before. */
export function validateReminderHoursBefore(value: number | null, field = "input.intakeReminderHoursBefore"): FieldError[] {
  if (value === null) return [];
  if (!Number.isInteger(value) || value < REMINDER_HOURS_MIN || value > REMINDER_HOURS_MAX) {
    return [
      fieldError(
        field,
        "OUT_OF_RANGE",
        { sv: "Påminnelse, timmar före mötet", en: "Reminder, hours before the appointment" },
        {
          min: REMINDER_HOURS_MIN,
          max: REMINDER_HOURS_MAX,
        },
      ),
    ];
  }
  return [];
}

/** The instant a calendar day begins in a time zone (00:00 local; the offset is that of the day itself). */
export function startOfDayInTimeZone(isoDate: string, timeZone: string): Date {
  const date = parseIsoDate(isoDate);
  if (!date) throw new Error(`Not a date: ${isoDate}`);
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  // Local midnight is UTC midnight minus the zone's offset; the offset at the guess may differ from the one at
  // the answer only on a day that changes clock at midnight, which Swedish time never does (it changes at 02:00/03:00).
  return new Date(utcMidnight - offsetMs(new Date(utcMidnight), timeZone));
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return local - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A calendar date moved by whole days ("2026-03-31" + 1 → "2026-04-01"). */
export function addDaysToIsoDate(isoDate: string, days: number): string {
  const date = parseIsoDate(isoDate);
  if (!date) throw new Error(`Not a date: ${isoDate}`);
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return formatIsoDate({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
}

/**
 * When an appointment's reminder goes out: the given number of hours before it starts, or — with no setting —
 * at the start of the day before, in the tenant's time zone (a meeting Tuesday 09:00 is reminded of on Monday).
 */
export function reminderDueAt(startsAt: Date, hoursBefore: number | null, timeZone: string): Date {
  if (hoursBefore !== null) return new Date(startsAt.getTime() - hoursBefore * HOUR_MS);
  const dayBefore = addDaysToIsoDate(isoDateInTimeZone(startsAt, timeZone), -1);
  return startOfDayInTimeZone(dayBefore, timeZone);
}

export interface ReminderState {
  readonly status: IntakeAppointmentStatus;
  readonly startsAt: Date;
  /** When the current time was set (the booking or the last reschedule). */
  readonly scheduledAt: Date;
  /** The start the reminder was already queued for, if any. */
  readonly remindedForStartsAt: Date | null;
}

/**
 * Whether the reminder for an appointment's current time is due now: once (not again for the same start), only for
 * an appointment still to come (not cancelled, held or missed), from its due time until it starts, and not when the
 * time was set after the due time — then the booking e-mail, sent moments ago, is the reminder.
 */
export function isReminderDue(appointment: ReminderState, now: Date, hoursBefore: number | null, timeZone: string): boolean {
  if (!isOpenAppointment(appointment.status)) return false;
  if (appointment.remindedForStartsAt?.getTime() === appointment.startsAt.getTime()) return false;
  const due = reminderDueAt(appointment.startsAt, hoursBefore, timeZone);
  if (appointment.scheduledAt.getTime() >= due.getTime()) return false;
  return now.getTime() >= due.getTime() && now.getTime() < appointment.startsAt.getTime();
}
