import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { ORGANISATION_KINDS, type OrganisationKind } from "../seed-data/regions.js";
import { normaliseLine } from "../text/normalise.js";
import { checkOneOf, checkText } from "../validation/checks.js";
import { isGiven, type ValidationMode, type ValidationResult } from "../validation/patch.js";

// Organisations taking part in a tenant's programme (the region, municipalities, a federation such as
// Kommunförbundet Kalmar län, patient associations), their units (verksamheter) and their cost centres (ansvarskoder).

export const ORGANISATION_LIMITS = { nameLength: 200, costCentreCodeLength: 30 } as const;

export const ORGANISATION_LABELS = {
  name: { sv: "Namn", en: "Name" },
  kind: { sv: "Typ av organisation", en: "Kind of organisation" },
  paysOwnParticipants: { sv: "Betalar egna deltagare", en: "Pays its own participants" },
  organisationId: { sv: "Organisation", en: "Organisation" },
  unitId: { sv: "Verksamhet", en: "Unit" },
  code: { sv: "Ansvarskod", en: "Cost centre code" },
  shared: { sv: "Gemensam ansvarskod", en: "Shared cost centre" },
} as const satisfies Record<string, LocalizedText>;

const L = ORGANISATION_LABELS;

export interface OrganisationFields {
  readonly name: string;
  readonly kind: OrganisationKind;
  /** Kalmar: a single municipality's activities are paid by that municipality, not through the region. */
  readonly paysOwnParticipants: boolean;
}

export interface OrganisationFieldsInput {
  readonly name?: string | null;
  readonly kind?: string | null;
  readonly paysOwnParticipants?: boolean | null;
}

export function validateOrganisationFields(
  input: OrganisationFieldsInput,
  mode: "create",
  path?: string,
): ValidationResult<OrganisationFields>;
export function validateOrganisationFields(
  input: OrganisationFieldsInput,
  mode: "update",
  path?: string,
): ValidationResult<Partial<OrganisationFields>>;
export function validateOrganisationFields(
  input: OrganisationFieldsInput,
  mode: ValidationMode,
  path = "input",
): ValidationResult<Partial<OrganisationFields>> {
  const errors: FieldError[] = [];
  const value: { -readonly [K in keyof OrganisationFields]?: OrganisationFields[K] } = {};
  if (isGiven(mode, input.name)) {
    const name = checkText(errors, `${path}.name`, L.name, input.name, { required: true, maxLength: ORGANISATION_LIMITS.nameLength });
    if (name !== null) value.name = name;
  }
  if (isGiven(mode, input.kind) && checkOneOf(errors, `${path}.kind`, L.kind, input.kind, ORGANISATION_KINDS)) {
    value.kind = input.kind;
  }
  // Most organisations are paid for through the tenant; only an explicit choice changes that.
  if (mode === "create") value.paysOwnParticipants = input.paysOwnParticipants ?? false;
  else if (input.paysOwnParticipants === null) errors.push(fieldError(`${path}.paysOwnParticipants`, "REQUIRED", L.paysOwnParticipants));
  else if (input.paysOwnParticipants !== undefined) value.paysOwnParticipants = input.paysOwnParticipants;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

export interface UnitFields {
  readonly name: string;
}

export function validateUnitFields(input: { readonly name?: string | null }, mode: "create", path?: string): ValidationResult<UnitFields>;
export function validateUnitFields(
  input: { readonly name?: string | null },
  mode: "update",
  path?: string,
): ValidationResult<Partial<UnitFields>>;
export function validateUnitFields(
  input: { readonly name?: string | null },
  mode: ValidationMode,
  path = "input",
): ValidationResult<Partial<UnitFields>> {
  const errors: FieldError[] = [];
  if (!isGiven(mode, input.name)) return { ok: true, value: {} };
  const name = checkText(errors, `${path}.name`, L.name, input.name, { required: true, maxLength: ORGANISATION_LIMITS.nameLength });
  return name === null ? { ok: false, errors } : { ok: true, value: { name } };
}

export interface CostCentreFields {
  /** The ansvarskod as payroll knows it, in capitals: `10-2410`, `KFKL-210`, `490900`. Unique within the tenant. */
  readonly code: string;
  readonly name: string;
  /** Billed for work shared across units (Jönköping's county-wide programme areas, LPO); such a code has no unit. */
  readonly shared: boolean;
}

export interface CostCentreFieldsInput {
  readonly code?: string | null;
  readonly name?: string | null;
  readonly shared?: boolean | null;
}

const COST_CENTRE_CODE = /^[A-Z0-9](?:[A-Z0-9./-]*[A-Z0-9])?$/;

/** Codes are compared as payroll systems compare them: without surrounding space and case-insensitively. */
export function normaliseCostCentreCode(value: string): string {
  return normaliseLine(value).toUpperCase();
}

export function validateCostCentreFields(input: CostCentreFieldsInput, mode: "create", path?: string): ValidationResult<CostCentreFields>;
export function validateCostCentreFields(
  input: CostCentreFieldsInput,
  mode: "update",
  path?: string,
): ValidationResult<Partial<CostCentreFields>>;
export function validateCostCentreFields(
  input: CostCentreFieldsInput,
  mode: ValidationMode,
  path = "input",
): ValidationResult<Partial<CostCentreFields>> {
  const errors: FieldError[] = [];
  const value: { -readonly [K in keyof CostCentreFields]?: CostCentreFields[K] } = {};
  if (isGiven(mode, input.code)) {
    const code = normaliseCostCentreCode(input.code ?? "");
    if (code === "") errors.push(fieldError(`${path}.code`, "REQUIRED", L.code));
    else if (code.length > ORGANISATION_LIMITS.costCentreCodeLength) {
      errors.push(fieldError(`${path}.code`, "TOO_LONG", L.code, { max: ORGANISATION_LIMITS.costCentreCodeLength }));
    } else if (!COST_CENTRE_CODE.test(code)) {
      errors.push(
        fieldError(`${path}.code`, "INVALID_FORMAT", L.code, {
          hint: {
            sv: "Använd bokstäver A–Z, siffror, bindestreck, punkt eller snedstreck, till exempel 10-2410.",
            en: "Use letters A–Z, digits, hyphens, dots or slashes, for example 10-2410.",
          },
        }),
      );
    } else value.code = code;
  }
  if (isGiven(mode, input.name)) {
    const name = checkText(errors, `${path}.name`, L.name, input.name, { required: true, maxLength: ORGANISATION_LIMITS.nameLength });
    if (name !== null) value.name = name;
  }
  if (mode === "create") value.shared = input.shared ?? false;
  else if (input.shared === null) errors.push(fieldError(`${path}.shared`, "REQUIRED", L.shared));
  else if (input.shared !== undefined) value.shared = input.shared;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** Who a cost centre belongs to, as it would be after a change. */
export interface CostCentreOwnership {
  readonly organisationId: string;
  readonly shared: boolean;
  /** The unit, with the organisation it belongs to; null for an organisation-wide or shared code. */
  readonly unit: { readonly id: string; readonly organisationId: string } | null;
}

/**
 * A shared code belongs to no single unit, and a unit's code is its own organisation's: a claim billed to a unit's
 * code must reach the payroll of the organisation that unit belongs to.
 */
export function costCentreOwnershipErrors(ownership: CostCentreOwnership, path = "input"): FieldError[] {
  if (ownership.unit === null) return [];
  if (ownership.shared) {
    return [
      fieldError(`${path}.unitId`, "NOT_ALLOWED", L.unitId, {
        hint: {
          sv: "En gemensam ansvarskod hör inte till någon enskild verksamhet.",
          en: "A shared cost centre does not belong to a single unit.",
        },
      }),
    ];
  }
  if (ownership.unit.organisationId !== ownership.organisationId) {
    return [fieldError(`${path}.unitId`, "INCONSISTENT", L.unitId, { other: { sv: "organisationen", en: "the organisation" } })];
  }
  return [];
}
