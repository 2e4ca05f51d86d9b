import { type FieldError, fieldError } from "../messages/field-error.js";
import { checkText } from "../validation/checks.js";

// GDPR art. 12(3): a data subject's request is answered "without undue delay and in any event within one month of
// receipt". The month is a calendar month (EDPB guidelines 01/2022 §157: received 5 May, due 5 June); when the next
// month has no such day, the last day of that month.

export const DATA_SUBJECT_REQUEST_KINDS = ["ACCESS", "RECTIFICATION", "RESTRICTION", "ERASURE", "OBJECTION", "PORTABILITY"] as const;
export type DataSubjectRequestKind = (typeof DATA_SUBJECT_REQUEST_KINDS)[number];

export const DATA_SUBJECT_REQUEST_LIMITS = { noteLength: 2000 } as const;

/** The legal deadline for a request received at `receivedAt`: the same time of day one calendar month later (UTC). */
export function dataSubjectRequestDueAt(receivedAt: Date): Date {
  const year = receivedAt.getUTCFullYear();
  const month = receivedAt.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const due = new Date(receivedAt.getTime());
  due.setUTCDate(1);
  due.setUTCMonth(month);
  due.setUTCDate(Math.min(receivedAt.getUTCDate(), lastDay));
  return due;
}

export interface DataSubjectRequestState {
  readonly dueAt: Date;
  readonly completedAt: Date | null;
}

export const isDataSubjectRequestOpen = (request: DataSubjectRequestState): boolean => request.completedAt === null;

export const isDataSubjectRequestOverdue = (request: DataSubjectRequestState, now: Date): boolean =>
  request.completedAt === null && request.dueAt.getTime() < now.getTime();

const RECEIVED = { sv: "Mottagningsdag", en: "Date received" };

export type DataSubjectRequestNoteResult =
  | { readonly ok: true; readonly note: string | null; readonly receivedAt: Date }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * A staff member logs a request received by letter or phone: when it arrived (not in the future, and not so long ago
 * that the log would be rewritten: at most a year back) and an optional note.
 */
export function validateDataSubjectRequestEntry(
  entry: { note?: string | null; receivedAt?: Date | null },
  now: Date,
  path = "input",
): DataSubjectRequestNoteResult {
  const errors: FieldError[] = [];
  const note = checkText(errors, `${path}.note`, { sv: "Anteckning", en: "Note" }, entry.note, {
    required: false,
    maxLength: DATA_SUBJECT_REQUEST_LIMITS.noteLength,
    multiline: true,
  });
  const receivedAt = entry.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    errors.push(fieldError(`${path}.receivedAt`, "DATE_IN_FUTURE", RECEIVED));
  } else if (receivedAt.getTime() < now.getTime() - 366 * 24 * 3_600_000) {
    errors.push(
      fieldError(`${path}.receivedAt`, "DATE_IN_PAST", RECEIVED, {
        hint: { sv: "Den får ligga högst ett år bakåt.", en: "It can be at most a year ago." },
      }),
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, note, receivedAt };
}
