import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { foldForComparison, isBlank } from "../text/normalise.js";
import { checkText } from "../validation/checks.js";

// A direct booking (SPEC §2, Jönköping): the unit found the person itself and records the participation so that
// fees and statistics cover it. The unit already knows who it booked, so it names the person by family name and the
// e-mail address or phone number it used; the pool member is found by those keys. A unit never learns anything about
// the pool it did not bring itself: a miss answers the same whether the person is unknown or the details differ.

export const DIRECT_BOOKING_LIMITS = { maxParticipants: 20 } as const;

const L = {
  participants: { sv: "Medverkande", en: "Participants" },
  participant: { sv: "Medverkande", en: "Participant" },
  familyName: { sv: "Efternamn", en: "Family name" },
  email: { sv: "E-postadress", en: "E-mail address" },
  phone: { sv: "Telefonnummer", en: "Phone number" },
  emailOrPhone: { sv: "E-postadress eller telefonnummer", en: "E-mail address or phone number" },
} as const satisfies Record<string, LocalizedText>;

export interface DirectBookingParticipantInput {
  readonly familyName?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

/** How the pool member is looked up: normalised the way registration stores its duplicate keys. */
export interface ParticipantIdentification {
  readonly familyNameKey: string;
  readonly emailKey: string | null;
  readonly phoneKey: string | null;
}

export type DirectBookingParticipantsResult =
  | { readonly ok: true; readonly value: readonly ParticipantIdentification[] }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The pool members a unit names on its direct booking. At least one, unless the region lets units record people from
 * outside the pool (`outsidePoolAllowed`): then the booking may name none and carry only those (added afterwards).
 */
export function validateDirectBookingParticipants(
  participants: readonly DirectBookingParticipantInput[],
  path = "input.participants",
  outsidePoolAllowed = false,
): DirectBookingParticipantsResult {
  const errors: FieldError[] = [];
  if (participants.length === 0 && !outsidePoolAllowed)
    return { ok: false, errors: [fieldError(path, "TOO_FEW", L.participants, { min: 1 })] };
  if (participants.length > DIRECT_BOOKING_LIMITS.maxParticipants) {
    return { ok: false, errors: [fieldError(path, "TOO_MANY", L.participants, { max: DIRECT_BOOKING_LIMITS.maxParticipants })] };
  }
  const value: ParticipantIdentification[] = [];
  participants.forEach((participant, index) => {
    const at = `${path}[${index}]`;
    const item = itemLabel(L.participant, index);
    const familyName = checkText(errors, `${at}.familyName`, nestedLabel(item, L.familyName), participant.familyName, {
      required: true,
      maxLength: 200,
    });
    const email = isBlank(participant.email) ? null : normaliseEmail(participant.email ?? "");
    const phone = isBlank(participant.phone) ? null : normalisePhoneNumber(participant.phone ?? "");
    if (!isBlank(participant.email) && email === null) errors.push(fieldError(`${at}.email`, "INVALID_EMAIL", nestedLabel(item, L.email)));
    if (!isBlank(participant.phone) && phone === null) errors.push(fieldError(`${at}.phone`, "INVALID_PHONE", nestedLabel(item, L.phone)));
    if (isBlank(participant.email) && isBlank(participant.phone)) {
      errors.push(fieldError(`${at}.email`, "REQUIRED", nestedLabel(item, L.emailOrPhone)));
    }
    if (familyName !== null && (email !== null || phone !== null)) {
      const identification = { familyNameKey: foldForComparison(familyName), emailKey: email, phoneKey: phone };
      const twice = value.some(
        (other) =>
          (identification.emailKey !== null && other.emailKey === identification.emailKey) ||
          (identification.phoneKey !== null && other.phoneKey === identification.phoneKey),
      );
      if (twice) errors.push(fieldError(at, "DUPLICATE", item));
      value.push(identification);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** A candidate is the named person when the family name matches and every contact key given matches too. */
export function isIdentifiedParticipant(
  identification: ParticipantIdentification,
  candidate: { readonly familyName: string; readonly emailKey: string | null; readonly phoneKey: string | null },
): boolean {
  if (foldForComparison(candidate.familyName) !== identification.familyNameKey) return false;
  if (identification.emailKey !== null && candidate.emailKey !== identification.emailKey) return false;
  if (identification.phoneKey !== null && candidate.phoneKey !== identification.phoneKey) return false;
  return true;
}

/** Who confirmed a direct-booking participant: the network's coordinator or the member themself. */
export type DirectBookingDecidedBy = "COORDINATOR" | "MEMBER";

/**
 * Does a confirmed direct-booking participant appear among the unit's participants, with name, e-mail and phone
 * (issue 21 item 7)? Only when the person themself confirmed and, in doing so, consented to sharing their contact
 * details with the unit for this request — the same consent an invited participant gives by accepting, and withdrawn
 * the same way. A coordinator's confirmation makes the participation count (assignment, fees, statistics) but shows
 * the unit nothing: the unit would otherwise learn from the coordinator's decision that the person it named is in the
 * pool (issue 22 finding 2), and no consent of the person stands behind it.
 */
export function directBookingReleasesContact(decidedBy: DirectBookingDecidedBy, consentedToShareContact: boolean): boolean {
  return decidedBy === "MEMBER" && consentedToShareContact;
}
