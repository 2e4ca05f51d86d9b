import type { LocalizedText } from "../messages/locale.js";
import { PERSPECTIVE_LABELS, PERSPECTIVES } from "../vocabulary/vocabulary.js";
import { QUESTION_TYPES, type QuestionOption } from "./region-questions.js";
import type { RequestFieldKey } from "./request-form.js";
import { REQUEST_LIMITS } from "./request-validation.js";

// What a front end needs to render a built-in field without knowing it in advance: its type, limits and fixed options,
// the same figures validateRequestAgainstForm checks. Region questions carry their own (region-questions.ts).

/** The region question types, and the built-in fields that are more than one value. */
export const FORM_FIELD_TYPES = [...QUESTION_TYPES, "OCCASIONS", "EXPERIENCE", "TEXT_LIST", "CONTACT_PERSON", "COST_CENTRE"] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FieldShape {
  readonly type: FormFieldType;
  readonly maxLength: number | null;
  readonly minValue: number | null;
  readonly maxValue: number | null;
  /** Fixed options; the assignment types are the form's own list (RequestForm.assignmentTypes). */
  readonly options: readonly QuestionOption[];
  /** How many items at most (occasions, a list of texts). */
  readonly maxItems: number | null;
}

const ASSIGNMENT_LENGTH_LABELS: readonly QuestionOption[] = [
  { key: "ONE_OFF", label: { sv: "Engångsuppdrag", en: "One-off assignment" } },
  { key: "LONG_TERM", label: { sv: "Längre uppdrag", en: "Long assignment" } },
];

const shape = (type: FormFieldType, rest: Partial<Omit<FieldShape, "type">> = {}): FieldShape => ({
  type,
  maxLength: null,
  minValue: null,
  maxValue: null,
  options: [],
  maxItems: null,
  ...rest,
});

const { titleLength, textLength, shortTextLength, maxPersons, maxAudienceSize, maxOccasions } = REQUEST_LIMITS;

export const REQUEST_FIELD_SHAPES: Readonly<Record<RequestFieldKey, FieldShape>> = {
  assignmentType: shape("SINGLE_CHOICE"),
  title: shape("SHORT_TEXT", { maxLength: titleLength }),
  purpose: shape("LONG_TEXT", { maxLength: textLength }),
  expectations: shape("LONG_TEXT", { maxLength: textLength }),
  experienceSought: shape("EXPERIENCE", { maxLength: textLength }),
  competencesSought: shape("TEXT_LIST", { maxLength: REQUEST_LIMITS.competenceLength, maxItems: REQUEST_LIMITS.maxCompetences }),
  perspectivesSought: shape("MULTIPLE_CHOICE", {
    options: PERSPECTIVES.map((key) => ({ key, label: PERSPECTIVE_LABELS[key] as LocalizedText })),
  }),
  numberOfPersons: shape("NUMBER", { minValue: 1, maxValue: maxPersons }),
  oneOffOrLong: shape("SINGLE_CHOICE", { options: ASSIGNMENT_LENGTH_LABELS }),
  occasions: shape("OCCASIONS", { maxItems: maxOccasions }),
  audience: shape("LONG_TEXT", { maxLength: textLength }),
  audienceSize: shape("NUMBER", { minValue: 0, maxValue: maxAudienceSize }),
  selectionProcess: shape("LONG_TEXT", { maxLength: textLength }),
  specialRequirements: shape("LONG_TEXT", { maxLength: textLength }),
  preparation: shape("LONG_TEXT", { maxLength: textLength }),
  compensationOffered: shape("LONG_TEXT", { maxLength: shortTextLength }),
  costCentre: shape("COST_CENTRE", { maxLength: REQUEST_LIMITS.costCentreLength }),
  contactPerson: shape("CONTACT_PERSON"),
};
