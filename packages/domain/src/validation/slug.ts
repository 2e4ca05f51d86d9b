import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { normaliseLine } from "../text/normalise.js";

// Slugs and keys name configuration in URLs, tokens and other tenants' integrations (`levande-bibliotek`, `hjarta-karl`):
// plain ASCII so they survive every system they pass through, lower case so they cannot differ only by case.

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const SLUG_HINT: LocalizedText = {
  sv: "Använd små bokstäver a–z, siffror och enkla bindestreck, till exempel levande-bibliotek.",
  en: "Use lower-case letters a–z, digits and single hyphens, for example levande-bibliotek.",
};

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

/** Checks a slug or key; returns it trimmed, or null (with an error appended when it was required or malformed). */
export function checkSlug(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: string | null | undefined,
  rule: { readonly required: boolean; readonly maxLength: number },
): string | null {
  const slug = typeof value === "string" ? normaliseLine(value) : "";
  if (slug === "") {
    if (rule.required) errors.push(fieldError(field, "REQUIRED", label));
    return null;
  }
  if (slug.length > rule.maxLength) {
    errors.push(fieldError(field, "TOO_LONG", label, { max: rule.maxLength }));
    return null;
  }
  if (!isSlug(slug)) {
    errors.push(fieldError(field, "INVALID_FORMAT", label, { hint: SLUG_HINT }));
    return null;
  }
  return slug;
}
