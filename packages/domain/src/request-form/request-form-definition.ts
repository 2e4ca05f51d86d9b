import { type FieldError, fieldError, itemLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { normaliseLine } from "../text/normalise.js";
import { normaliseRegionQuestions, type RegionQuestion, validateRegionQuestions } from "./region-questions.js";
import type { AssignmentTypeOption, RequestFormConfig, RequestFormField } from "./request-form.js";
import { validateRequestForm } from "./request-form-validation.js";

// How a request form is stored: its fields, and the keys of the tenant's assignment types it offers. The
// assignment types themselves (with their labels) are the tenant's own list, shared by every form, so a label
// corrected once is corrected everywhere. The form a requester sees is the two put together.

export interface RequestFormDefinition {
  /** In display order. A field not listed is not asked for. */
  readonly fields: readonly RequestFormField[];
  /** Keys of the tenant's assignment types the form offers, in display order. */
  readonly assignmentTypeKeys: readonly string[];
  /** The region's own questions, in display order. */
  readonly questions?: readonly RegionQuestion[];
}

const L = {
  assignmentTypeKeys: { sv: "Uppdragstyper", en: "Assignment types" },
  assignmentType: { sv: "Uppdragstyp", en: "Assignment type" },
} as const satisfies Record<string, LocalizedText>;

/** The form as requesters see it. A key that is not among `available` (retired since) is simply not offered. */
export function resolveRequestForm(definition: RequestFormDefinition, available: readonly AssignmentTypeOption[]): RequestFormConfig {
  const byKey = new Map(available.map((type) => [type.key, type]));
  const seen = new Set<string>();
  const assignmentTypes: AssignmentTypeOption[] = [];
  for (const key of definition.assignmentTypeKeys) {
    const type = byKey.get(key);
    if (type && !seen.has(key)) assignmentTypes.push(type);
    seen.add(key);
  }
  return { assignmentTypes, fields: definition.fields, questions: definition.questions ?? [] };
}

/**
 * Checks a form an administrator saves against the tenant's live assignment types: every offered key must be one
 * of them, once; then the form itself as validateRequestForm sees it (fields, help texts in both languages or
 * neither, assignment type and title always required).
 */
export function validateRequestFormDefinition(
  definition: RequestFormDefinition,
  available: readonly AssignmentTypeOption[],
  path = "input",
): FieldError[] {
  const errors: FieldError[] = [];
  const field = `${path}.assignmentTypeKeys`;
  if (definition.assignmentTypeKeys.length === 0) errors.push(fieldError(field, "TOO_FEW", L.assignmentTypeKeys, { min: 1 }));
  const known = new Set(available.map((type) => type.key));
  definition.assignmentTypeKeys.forEach((key, index) => {
    const label = itemLabel(L.assignmentType, index);
    if (!known.has(key)) errors.push(fieldError(`${field}[${index}]`, "UNKNOWN_REFERENCE", label));
    else if (definition.assignmentTypeKeys.indexOf(key) !== index) errors.push(fieldError(`${field}[${index}]`, "DUPLICATE", label));
  });
  // The stored assignment types were checked when they were saved; only the form's own parts are checked here.
  const formErrors = validateRequestForm(resolveRequestForm(definition, available), path).filter(
    (error) => !error.field.startsWith(`${path}.assignmentTypes`),
  );
  const questionErrors = validateRegionQuestions(
    definition.questions ?? [],
    {
      assignmentTypeKeys: definition.assignmentTypeKeys,
      fields: definition.fields.map((entry) => entry.field),
    },
    `${path}.questions`,
  );
  return [...errors, ...formErrors, ...questionErrors];
}

/** Help texts as they are stored: one line each, trimmed. */
export function normaliseRequestFormDefinition(definition: RequestFormDefinition): RequestFormDefinition {
  return {
    fields: definition.fields.map((entry) => ({
      field: entry.field,
      required: entry.required,
      help: { sv: normaliseLine(entry.help.sv), en: normaliseLine(entry.help.en) },
    })),
    assignmentTypeKeys: [...definition.assignmentTypeKeys],
    questions: normaliseRegionQuestions(definition.questions ?? []),
  };
}
