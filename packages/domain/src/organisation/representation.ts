import { isIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkText } from "../validation/checks.js";
import type { ValidationResult } from "../validation/patch.js";

// Organisation representatives (VGR, seeds/001: a patient representative "kan komma från en patientförening eller
// brukarorganisation och har då mandat att representera deras många, olika, erfarenheter"). A member's mandate is a
// representation of one of the tenant's patient organisations: from, to (open-ended), what it covers, and optionally
// which networks and assignment types. A coordinator records it, or confirms what the member proposed; only a
// confirmed mandate that runs today is ever shown to a unit, and only beside contact details already released.

/** The organisation kinds a member can represent: the tenant's patient and user organisations. */
export const REPRESENTABLE_ORGANISATION_KINDS = ["PATIENT_ORGANISATION"] as const;

export function isRepresentableOrganisationKind(kind: string): boolean {
  return (REPRESENTABLE_ORGANISATION_KINDS as readonly string[]).includes(kind);
}

export const REPRESENTATION_STATUSES = ["PROPOSED", "CONFIRMED", "REJECTED"] as const;
export type RepresentationStatus = (typeof REPRESENTATION_STATUSES)[number];

export const REPRESENTATION_LIMITS = { coversLength: 2000, scopeItems: 50 } as const;

export const REPRESENTATION_LABELS = {
  organisationId: { sv: "Organisation", en: "Organisation" },
  validFrom: { sv: "Mandatet gäller från", en: "Mandate valid from" },
  validTo: { sv: "Mandatet gäller till", en: "Mandate valid to" },
  covers: { sv: "Vad mandatet omfattar", en: "What the mandate covers" },
  networkIds: { sv: "Nätverk som mandatet gäller", en: "Networks the mandate covers" },
  assignmentTypes: { sv: "Typer av uppdrag som mandatet gäller", en: "Assignment types the mandate covers" },
} as const satisfies Record<string, LocalizedText>;

const L = REPRESENTATION_LABELS;

export interface RepresentationTermsInput {
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly covers?: string | null;
  readonly networkIds?: readonly string[] | null;
  readonly assignmentTypes?: readonly string[] | null;
}

export interface RepresentationTerms {
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly covers: string | null;
  readonly networkIds: readonly string[];
  readonly assignmentTypes: readonly string[];
}

function checkScope(errors: FieldError[], field: string, label: LocalizedText, values: readonly string[] | null | undefined): string[] {
  const list = [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value !== ""))];
  if (list.length > REPRESENTATION_LIMITS.scopeItems) {
    errors.push(fieldError(field, "TOO_MANY", label, { max: REPRESENTATION_LIMITS.scopeItems }));
    return [];
  }
  return list;
}

/**
 * The mandate's terms: a valid start date (required), an end date on or after it (optional), what it covers (free text,
 * optional), and which networks and assignment types it is limited to (empty: all of them).
 */
export function validateRepresentationTerms(input: RepresentationTermsInput, path = "input"): ValidationResult<RepresentationTerms> {
  const errors: FieldError[] = [];
  const validFrom = input.validFrom?.trim() ?? "";
  const validTo = input.validTo?.trim() ?? "";
  if (validFrom === "") errors.push(fieldError(`${path}.validFrom`, "REQUIRED", L.validFrom));
  else if (!isIsoDate(validFrom)) errors.push(fieldError(`${path}.validFrom`, "INVALID_DATE", L.validFrom));
  if (validTo !== "") {
    if (!isIsoDate(validTo)) errors.push(fieldError(`${path}.validTo`, "INVALID_DATE", L.validTo));
    else if (isIsoDate(validFrom) && validTo < validFrom)
      errors.push(fieldError(`${path}.validTo`, "MUST_BE_AFTER", L.validTo, { other: { sv: "startdagen", en: "the start date" } }));
  }
  const covers = checkText(errors, `${path}.covers`, L.covers, input.covers, {
    required: false,
    maxLength: REPRESENTATION_LIMITS.coversLength,
    multiline: true,
  });
  const networkIds = checkScope(errors, `${path}.networkIds`, L.networkIds, input.networkIds);
  const assignmentTypes = checkScope(errors, `${path}.assignmentTypes`, L.assignmentTypes, input.assignmentTypes);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { validFrom, validTo: validTo === "" ? null : validTo, covers, networkIds, assignmentTypes } };
}

/** The decisions on a representation; each is allowed from some statuses only. */
export type RepresentationDecision = "CONFIRM" | "REJECT" | "END" | "CHANGE_TERMS";

/**
 * What a decision leads to from a status, or null when it is not allowed: a proposal is confirmed or rejected; a
 * confirmed mandate is ended (its last day set) or its terms changed; a rejected one is final.
 */
export function representationTransition(status: RepresentationStatus, decision: RepresentationDecision): RepresentationStatus | null {
  switch (decision) {
    case "CONFIRM":
    case "REJECT":
      return status === "PROPOSED" ? (decision === "CONFIRM" ? "CONFIRMED" : "REJECTED") : null;
    case "END":
    case "CHANGE_TERMS":
      return status === "CONFIRMED" ? "CONFIRMED" : null;
  }
}

export interface RepresentationForRelease {
  readonly status: RepresentationStatus;
  /** ISO dates. */
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly networkIds: readonly string[];
  readonly assignmentTypeIds: readonly string[];
}

/** Does the mandate run on `today` (ISO date)? A mandate whose last day has passed has ended; one not yet begun has not started. */
export function isMandateCurrent(representation: Pick<RepresentationForRelease, "validFrom" | "validTo">, today: string): boolean {
  return representation.validFrom <= today && (representation.validTo === null || representation.validTo >= today);
}

/**
 * Which of a participant's representations the requesting unit sees beside their released contact: only confirmed
 * mandates, current today, covering the request's network and assignment type (an empty list covers all). The
 * caller shows them only where the contact itself is released (`unitMaySeeParticipant`).
 */
export function representationsShownToUnit<T extends RepresentationForRelease>(
  representations: readonly T[],
  context: { readonly today: string; readonly networkId: string; readonly assignmentTypeId: string },
): T[] {
  return representations.filter(
    (r) =>
      r.status === "CONFIRMED" &&
      isMandateCurrent(r, context.today) &&
      (r.networkIds.length === 0 || r.networkIds.includes(context.networkId)) &&
      (r.assignmentTypeIds.length === 0 || r.assignmentTypeIds.includes(context.assignmentTypeId)),
  );
}

/** A patient or user organisation's name: required, at most the length of any organisation's name. */
export function validatePatientOrganisationName(name: string | null | undefined, path = "input"): ValidationResult<string> {
  const errors: FieldError[] = [];
  const value = checkText(errors, `${path}.name`, { sv: "Namn", en: "Name" }, name, { required: true, maxLength: 200 });
  return value === null ? { ok: false, errors } : { ok: true, value };
}
