import { type FieldError, fieldError } from "../messages/field-error.js";

// A tenant administrator invites a staff user by the identifier their staff identity provider puts in its identifier
// claim (an HSA-id such as `SE2321000065-1001`, or an e-mail address). Both compare case-insensitively, so the
// invitation and the claim are compared in one normal form: trimmed and in lower case.

export const STAFF_IDENTIFIER_MAX_LENGTH = 254;
export const STAFF_IDENTIFIER_LABEL = { sv: "HSA-id eller e-postadress", en: "HSA-id or e-mail address" };

/** The normal form of an invitation identifier or a claim value; null when it can never be one (empty, spaces, too long). */
export function normaliseStaffIdentifier(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim().toLowerCase();
  if (trimmed === "" || trimmed.length > STAFF_IDENTIFIER_MAX_LENGTH || /\s/u.test(trimmed)) return null;
  return trimmed;
}

/** The identifier of an invitation, normalised, or the field errors (bilingual) that say why not. */
export function checkStaffIdentifier(value: unknown, path = "input.identifier"): { identifier: string } | { errors: FieldError[] } {
  const raw = typeof value === "string" ? value.trim() : "";
  if (raw === "") return { errors: [fieldError(path, "REQUIRED", STAFF_IDENTIFIER_LABEL)] };
  if (raw.length > STAFF_IDENTIFIER_MAX_LENGTH) {
    return { errors: [fieldError(path, "TOO_LONG", STAFF_IDENTIFIER_LABEL, { max: STAFF_IDENTIFIER_MAX_LENGTH })] };
  }
  const identifier = normaliseStaffIdentifier(raw);
  if (identifier === null) return { errors: [fieldError(path, "INVALID_FORMAT", STAFF_IDENTIFIER_LABEL)] };
  return { identifier };
}
