import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import { LOCALES, type Locale, type LocalizedText } from "../messages/locale.js";
import { normaliseLine } from "../text/normalise.js";
import { isRequestFieldKey, REQUEST_FIELD_LABELS, type RequestFieldKey, type RequestFormConfig } from "./request-form.js";

// Checks a request form a tenant administrator saves.

const L = {
  assignmentTypes: { sv: "Uppdragstyper", en: "Assignment types" },
  assignmentType: { sv: "Uppdragstyp", en: "Assignment type" },
  key: { sv: "Nyckel", en: "Key" },
  labelSv: { sv: "Benämning på svenska", en: "Swedish label" },
  labelEn: { sv: "Benämning på engelska", en: "English label" },
  field: { sv: "Fält", en: "Field" },
  helpSv: { sv: "Hjälptext på svenska", en: "Swedish help text" },
  helpEn: { sv: "Hjälptext på engelska", en: "English help text" },
} as const satisfies Record<string, LocalizedText>;

const KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,49}$/;
const LABEL_LENGTH = 100;
const HELP_LENGTH = 1000;

/** A request cannot be routed to the right people or listed without these. */
const ALWAYS_REQUIRED: readonly RequestFieldKey[] = ["assignmentType", "title"];

export function validateRequestForm(config: RequestFormConfig, path = "input"): FieldError[] {
  const errors: FieldError[] = [];

  if (config.assignmentTypes.length === 0) {
    errors.push(fieldError(`${path}.assignmentTypes`, "TOO_FEW", L.assignmentTypes, { min: 1 }));
  }
  const keys = config.assignmentTypes.map((type) => type.key);
  config.assignmentTypes.forEach((type, index) => {
    const at = `${path}.assignmentTypes[${index}]`;
    const item = itemLabel(L.assignmentType, index);
    if (!KEY_PATTERN.test(type.key)) {
      errors.push(
        fieldError(`${at}.key`, "INVALID_FORMAT", nestedLabel(item, L.key), {
          hint: {
            sv: "Använd versaler, siffror och understreck, till exempel PATIENT_PANEL.",
            en: "Use capital letters, digits and underscores, for example PATIENT_PANEL.",
          },
        }),
      );
    } else if (keys.indexOf(type.key) !== index) {
      errors.push(fieldError(`${at}.key`, "DUPLICATE", nestedLabel(item, L.key)));
    }
    const labels = { sv: nestedLabel(item, L.labelSv), en: nestedLabel(item, L.labelEn) };
    checkLocalized(errors, `${at}.label`, labels, type.label, { required: true, maxLength: LABEL_LENGTH });
  });

  const fields = config.fields.map((entry) => entry.field);
  config.fields.forEach((entry, index) => {
    const at = `${path}.fields[${index}]`;
    const item = itemLabel(L.field, index);
    if (!isRequestFieldKey(entry.field)) {
      errors.push(fieldError(`${at}.field`, "NOT_ALLOWED", item));
    } else if (fields.indexOf(entry.field) !== index) {
      errors.push(fieldError(`${at}.field`, "DUPLICATE", item));
    }
    const labels = { sv: nestedLabel(item, L.helpSv), en: nestedLabel(item, L.helpEn) };
    checkLocalized(errors, `${at}.help`, labels, entry.help, { required: false, maxLength: HELP_LENGTH });
  });

  for (const key of ALWAYS_REQUIRED) {
    if (!config.fields.some((entry) => entry.field === key && entry.required)) {
      errors.push(
        fieldError(`${path}.fields`, "REQUIRED", REQUEST_FIELD_LABELS[key], {
          hint: {
            sv: "Formuläret måste fråga efter det som ett obligatoriskt fält.",
            en: "The form must ask for it as a required field.",
          },
        }),
      );
    }
  }
  return errors;
}

/** Both languages, or (when optional) neither: a text must never exist in one language only. */
function checkLocalized(
  errors: FieldError[],
  field: string,
  labels: Readonly<Record<Locale, LocalizedText>>,
  text: LocalizedText,
  rule: { required: boolean; maxLength: number },
): void {
  const values: Record<Locale, string> = { sv: normaliseLine(text.sv ?? ""), en: normaliseLine(text.en ?? "") };
  const required = rule.required || values.sv !== "" || values.en !== "";
  for (const language of LOCALES) {
    const value = values[language];
    if (value === "" && required) errors.push(fieldError(`${field}.${language}`, "REQUIRED", labels[language]));
    else if (value.length > rule.maxLength) {
      errors.push(fieldError(`${field}.${language}`, "TOO_LONG", labels[language], { max: rule.maxLength }));
    }
  }
}
