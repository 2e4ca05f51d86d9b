import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isBlank } from "../text/normalise.js";
import { checkText } from "../validation/checks.js";

// A participant from outside the pool (issue 21 item 7): where the tenant allows it (VGR recruits through patient and
// user organisations as well as its own pool), a unit records in its own direct booking a person it arranged itself.
// Nothing of it is compared with the pool — the unit learns nothing about who is in it — and it counts as a
// participation at once: the unit arranged it and knows the person, and there is no pool member whose record a
// coordinator's confirmation would protect.

export const OUTSIDE_POOL_PARTICIPANT_LIMITS = { maxNameLength: 200, maxOrganisationLength: 300, maxPerRequest: 50 } as const;

const L = {
  givenName: { sv: "Förnamn", en: "Given name" },
  familyName: { sv: "Efternamn", en: "Family name" },
  email: { sv: "E-postadress", en: "E-mail address" },
  phone: { sv: "Telefonnummer", en: "Phone number" },
  organisation: { sv: "Organisation", en: "Organisation" },
} as const satisfies Record<string, LocalizedText>;

export interface OutsidePoolParticipantInput {
  readonly givenName?: string | null;
  readonly familyName?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly organisation?: string | null;
}

export interface OutsidePoolParticipantValue {
  readonly givenName: string;
  readonly familyName: string;
  /** Normalised (lower-case) e-mail address, or null. */
  readonly email: string | null;
  /** Normalised phone number, or null. */
  readonly phone: string | null;
  readonly organisation: string | null;
}

export type OutsidePoolParticipantResult =
  | { readonly ok: true; readonly value: OutsidePoolParticipantValue }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Checks a unit's record of a participant from outside the pool; every problem is reported at once. */
export function validateOutsidePoolParticipant(input: OutsidePoolParticipantInput, path = "input"): OutsidePoolParticipantResult {
  const errors: FieldError[] = [];
  const maxLength = OUTSIDE_POOL_PARTICIPANT_LIMITS.maxNameLength;
  const givenName = checkText(errors, `${path}.givenName`, L.givenName, input.givenName, { required: true, maxLength });
  const familyName = checkText(errors, `${path}.familyName`, L.familyName, input.familyName, { required: true, maxLength });
  const email = isBlank(input.email) ? null : normaliseEmail(input.email ?? "");
  if (!isBlank(input.email) && email === null) errors.push(fieldError(`${path}.email`, "INVALID_EMAIL", L.email));
  const phone = isBlank(input.phone) ? null : normalisePhoneNumber(input.phone ?? "");
  if (!isBlank(input.phone) && phone === null) errors.push(fieldError(`${path}.phone`, "INVALID_PHONE", L.phone));
  const organisation = checkText(errors, `${path}.organisation`, L.organisation, input.organisation, {
    required: false,
    maxLength: OUTSIDE_POOL_PARTICIPANT_LIMITS.maxOrganisationLength,
  });
  if (errors.length > 0 || givenName === null || familyName === null) return { ok: false, errors };
  return { ok: true, value: { givenName, familyName, email, phone, organisation: organisation || null } };
}
