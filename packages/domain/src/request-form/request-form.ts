import type { LocalizedText } from "../messages/locale.js";
import type { RegionAnswerInput, RegionQuestion } from "./region-questions.js";

// A request for participation (uppdragsförfrågan) has the same fields everywhere, but each region
// asks for a different subset, in its own words, with its own assignment types. The form is
// therefore tenant data: which fields are shown, which are required, and the help text.

export const REQUEST_FIELD_KEYS = [
  "assignmentType",
  "title",
  "purpose",
  "expectations",
  "experienceSought",
  "competencesSought",
  "perspectivesSought",
  "numberOfPersons",
  "oneOffOrLong",
  "occasions",
  "audience",
  "audienceSize",
  "selectionProcess",
  "specialRequirements",
  "preparation",
  "compensationOffered",
  "costCentre",
  "contactPerson",
] as const;
export type RequestFieldKey = (typeof REQUEST_FIELD_KEYS)[number];

export function isRequestFieldKey(value: unknown): value is RequestFieldKey {
  return (REQUEST_FIELD_KEYS as readonly unknown[]).includes(value);
}

export interface AssignmentTypeOption {
  /** UPPER_SNAKE_CASE key stored on the request, e.g. WORKSHOP. */
  readonly key: string;
  readonly label: LocalizedText;
}

export interface RequestFormField {
  readonly field: RequestFieldKey;
  readonly required: boolean;
  /** The region's own question or guidance shown with the field. */
  readonly help: LocalizedText;
}

export interface RequestFormConfig {
  readonly assignmentTypes: readonly AssignmentTypeOption[];
  /** In display order. A field not listed is not asked for. */
  readonly fields: readonly RequestFormField[];
  /** The region's own questions, in display order (none when left out). */
  readonly questions?: readonly RegionQuestion[];
}

/** Field names in human words, for forms and for validation messages. */
export const REQUEST_FIELD_LABELS: Readonly<Record<RequestFieldKey, LocalizedText>> = {
  assignmentType: { sv: "Typ av uppdrag", en: "Type of assignment" },
  title: { sv: "Rubrik", en: "Title" },
  purpose: { sv: "Syfte", en: "Purpose" },
  expectations: { sv: "Förväntningar på medverkande", en: "Expectations of the participant" },
  experienceSought: { sv: "Önskad erfarenhet", en: "Experience sought" },
  competencesSought: { sv: "Önskad kompetens", en: "Competence sought" },
  perspectivesSought: { sv: "Önskade perspektiv", en: "Perspectives sought" },
  numberOfPersons: { sv: "Antal personer", en: "Number of persons" },
  oneOffOrLong: { sv: "Engångsuppdrag eller längre uppdrag", en: "One-off or long assignment" },
  occasions: { sv: "Tillfällen", en: "Occasions" },
  audience: { sv: "Övriga deltagare och målgrupp", en: "Others present and audience" },
  audienceSize: { sv: "Antal övriga deltagare", en: "Number of others present" },
  selectionProcess: { sv: "Urvalsprocess", en: "Selection process" },
  specialRequirements: { sv: "Särskilda krav", en: "Special requirements" },
  preparation: { sv: "Förberedelser", en: "Preparation" },
  compensationOffered: { sv: "Ersättning", en: "Compensation" },
  costCentre: { sv: "Ansvarskod", en: "Cost centre" },
  contactPerson: { sv: "Kontaktperson", en: "Contact person" },
};

export const ASSIGNMENT_LENGTHS = ["ONE_OFF", "LONG_TERM"] as const;
/** A long assignment needs a written agreement signed by both parties (Kalmar). */
export type AssignmentLength = (typeof ASSIGNMENT_LENGTHS)[number];

export interface OccasionInput {
  /** ISO 8601 with offset, e.g. 2025-03-14T09:00:00+01:00. */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly place?: string | null;
  /** https link for a digital meeting. */
  readonly digitalLink?: string | null;
}

export interface ContactPersonInput {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

export interface ExperienceSoughtInput {
  /** Keys from the tenant's experience taxonomy. */
  readonly tagKeys?: readonly string[] | null;
  readonly text?: string | null;
}

/** A submitted request as the form delivers it; anything may be missing until validated. */
export interface RequestInput {
  readonly assignmentType?: string | null;
  readonly title?: string | null;
  readonly purpose?: string | null;
  readonly expectations?: string | null;
  readonly experienceSought?: ExperienceSoughtInput | null;
  /** Competences in the unit's own words (e.g. "van att tala inför grupp"), matched against members' competences. */
  readonly competencesSought?: readonly string[] | null;
  readonly perspectivesSought?: readonly string[] | null;
  readonly numberOfPersons?: number | null;
  readonly oneOffOrLong?: string | null;
  readonly occasions?: readonly OccasionInput[] | null;
  readonly audience?: string | null;
  readonly audienceSize?: number | null;
  readonly selectionProcess?: string | null;
  readonly specialRequirements?: string | null;
  readonly preparation?: string | null;
  readonly compensationOffered?: string | null;
  readonly costCentre?: string | null;
  readonly contactPerson?: ContactPersonInput | null;
  /** Answers to the form's region questions. */
  readonly answers?: readonly RegionAnswerInput[] | null;
}
