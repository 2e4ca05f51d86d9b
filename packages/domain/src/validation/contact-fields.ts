import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isBlank } from "../text/normalise.js";

// Contact fields of configuration (a network's mailbox, a staff user's address), stored in their normalised form.

/** The normalised e-mail address, or null (with an error appended when it was required or malformed). */
export function checkEmailField(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: string | null | undefined,
  rule: { readonly required: boolean },
): string | null {
  if (isBlank(value)) {
    if (rule.required) errors.push(fieldError(field, "REQUIRED", label));
    return null;
  }
  const email = normaliseEmail(value ?? "");
  if (email === null) errors.push(fieldError(field, "INVALID_EMAIL", label));
  return email;
}

/** The phone number in E.164, or null (with an error appended when it was required or cannot be read). */
export function checkPhoneField(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: string | null | undefined,
  rule: { readonly required: boolean },
): string | null {
  if (isBlank(value)) {
    if (rule.required) errors.push(fieldError(field, "REQUIRED", label));
    return null;
  }
  const phone = normalisePhoneNumber(value ?? "");
  if (phone === null) errors.push(fieldError(field, "INVALID_PHONE", label));
  return phone;
}
