import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { normaliseLine } from "../text/normalise.js";
import type { AssignmentTypeOption } from "./request-form.js";

// Checks one of the tenant's assignment types on its own, as an administrator adds or relabels it. The key is
// stored on every request of that type, so it follows the same pattern validateRequestForm accepts.

const L = {
  key: { sv: "Nyckel", en: "Key" },
  labelSv: { sv: "Benämning på svenska", en: "Swedish label" },
  labelEn: { sv: "Benämning på engelska", en: "English label" },
} as const satisfies Record<string, LocalizedText>;

export const ASSIGNMENT_TYPE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,49}$/;
export const ASSIGNMENT_TYPE_LABEL_LENGTH = 100;

export function validateAssignmentType(type: AssignmentTypeOption, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  if (!ASSIGNMENT_TYPE_KEY_PATTERN.test(type.key)) {
    errors.push(
      fieldError(`${path}.key`, "INVALID_FORMAT", L.key, {
        hint: {
          sv: "Använd versaler, siffror och understreck, till exempel PATIENT_PANEL.",
          en: "Use capital letters, digits and underscores, for example PATIENT_PANEL.",
        },
      }),
    );
  }
  errors.push(...validateAssignmentTypeLabel(type.label, path));
  return errors;
}

/** Both labels are required: a requester reads the form in either language. */
export function validateAssignmentTypeLabel(label: LocalizedText, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  for (const [language, name] of [
    ["sv", L.labelSv],
    ["en", L.labelEn],
  ] as const) {
    const value = normaliseLine(label[language] ?? "");
    const field = `${path}.label.${language}`;
    if (value === "") errors.push(fieldError(field, "REQUIRED", name));
    else if (value.length > ASSIGNMENT_TYPE_LABEL_LENGTH)
      errors.push(fieldError(field, "TOO_LONG", name, { max: ASSIGNMENT_TYPE_LABEL_LENGTH }));
  }
  return errors;
}

export function normaliseAssignmentTypeLabel(label: LocalizedText): LocalizedText {
  return { sv: normaliseLine(label.sv), en: normaliseLine(label.en) };
}
