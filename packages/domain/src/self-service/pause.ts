import { parseIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isBlank } from "../text/normalise.js";
import { checkText } from "../validation/checks.js";

// A member's pause: a period they do not want to be asked. Pauses plan ahead; history is not rewritten, so a pause
// cannot start in the past and a pause that is already over cannot be removed.

export interface PauseInput {
  readonly startsOn?: string | null;
  readonly endsOn?: string | null;
  readonly reason?: string | null;
}

export interface Pause {
  readonly startsOn: string;
  /** Null: until further notice. */
  readonly endsOn: string | null;
  readonly reason: string | null;
}

export const PAUSE_LIMITS = { reasonLength: 500 } as const;

const L = {
  startsOn: { sv: "Första dagen av pausen", en: "First day of the pause" },
  endsOn: { sv: "Sista dagen av pausen", en: "Last day of the pause" },
  startsOnOther: { sv: "första dagen", en: "the first day" },
  reason: { sv: "Anledning", en: "Reason" },
} as const satisfies Record<string, LocalizedText>;

export type PauseResult = { readonly ok: true; readonly pause: Pause } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** `today` is the tenant's calendar date. A pause may start today; its last day may be its first (one day off). */
export function validatePause(input: PauseInput, today: string, path = "input"): PauseResult {
  const errors: FieldError[] = [];
  let startsOn: string | null = null;
  if (isBlank(input.startsOn)) errors.push(fieldError(`${path}.startsOn`, "REQUIRED", L.startsOn));
  else if (parseIsoDate((input.startsOn ?? "").trim()) === null) errors.push(fieldError(`${path}.startsOn`, "INVALID_DATE", L.startsOn));
  else if ((input.startsOn ?? "").trim() < today) errors.push(fieldError(`${path}.startsOn`, "DATE_IN_PAST", L.startsOn));
  else startsOn = (input.startsOn ?? "").trim();

  let endsOn: string | null = null;
  if (!isBlank(input.endsOn)) {
    const value = (input.endsOn ?? "").trim();
    if (parseIsoDate(value) === null) errors.push(fieldError(`${path}.endsOn`, "INVALID_DATE", L.endsOn));
    else if (value < today) errors.push(fieldError(`${path}.endsOn`, "DATE_IN_PAST", L.endsOn));
    else if (startsOn !== null && value < startsOn)
      errors.push(fieldError(`${path}.endsOn`, "MUST_BE_AFTER", L.endsOn, { other: L.startsOnOther }));
    else endsOn = value;
  }
  const reason = checkText(errors, `${path}.reason`, L.reason, input.reason, {
    required: false,
    maxLength: PAUSE_LIMITS.reasonLength,
    multiline: true,
  });
  if (errors.length > 0 || startsOn === null) return { ok: false, errors };
  return { ok: true, pause: { startsOn, endsOn, reason } };
}

/** A pause that ended before today is history: it stays as a record of when the member was away. */
export function isPauseOver(pause: { readonly endsOn: string | null }, today: string): boolean {
  return pause.endsOn !== null && pause.endsOn < today;
}
