import type { Prisma } from "@medverkan/database";
import {
  type RequestFormField as DomainRequestFormField,
  type FieldError,
  isRequestFieldKey,
  type Locale,
  REQUEST_FIELD_LABELS,
  type RequestFormDefinition,
} from "@medverkan/domain";
import type { AssignmentTypeRow, RequestFormRow } from "./request-form.repository.js";
import type { AssignmentType, RequestField, RequestForm, RequestFormField } from "./request-form.type.js";

export function toAssignmentType(row: AssignmentTypeRow, locale: Locale): AssignmentType {
  return {
    id: row.id,
    tenantId: row.tenantId,
    key: row.key,
    label: locale === "en" ? row.labelEn : row.labelSv,
    labelSv: row.labelSv,
    labelEn: row.labelEn,
    retiredAt: row.retiredAt,
    version: row.version,
  };
}

/**
 * The stored `fields` column as the domain reads it. It was validated before it was written; anything else is a
 * corrupt row, which is a bug to surface (masked as an internal error), not a shape to guess at.
 */
export function parseFormFields(json: Prisma.JsonValue, formId: string): DomainRequestFormField[] {
  if (!Array.isArray(json)) throw new Error(`Request form ${formId}: fields is not a list`);
  return json.map((entry, index) => {
    const value = entry as { field?: unknown; required?: unknown; help?: { sv?: unknown; en?: unknown } } | null;
    if (
      !value ||
      !isRequestFieldKey(value.field) ||
      typeof value.required !== "boolean" ||
      typeof value.help?.sv !== "string" ||
      typeof value.help?.en !== "string"
    ) {
      throw new Error(`Request form ${formId}: field ${index} is malformed`);
    }
    return { field: value.field, required: value.required, help: { sv: value.help.sv, en: value.help.en } };
  });
}

export function definitionOf(row: RequestFormRow): RequestFormDefinition {
  return { fields: parseFormFields(row.fields, row.id), assignmentTypeKeys: row.assignmentTypeKeys };
}

/** The domain's field list as the JSON column stores it (the shape the seed writes). */
export function fieldsColumn(fields: readonly DomainRequestFormField[]): Prisma.InputJsonArray {
  return fields.map((entry) => ({ field: entry.field, required: entry.required, help: { sv: entry.help.sv, en: entry.help.en } }));
}

function toFormField(entry: DomainRequestFormField, locale: Locale): RequestFormField {
  const label = REQUEST_FIELD_LABELS[entry.field];
  const hasHelp = entry.help.sv !== "" || entry.help.en !== "";
  return {
    field: entry.field as RequestField,
    label: label[locale],
    labelSv: label.sv,
    labelEn: label.en,
    required: entry.required,
    help: hasHelp ? entry.help[locale] : null,
    helpSv: hasHelp ? entry.help.sv : null,
    helpEn: hasHelp ? entry.help.en : null,
  };
}

export function toRequestForm(row: RequestFormRow, locale: Locale): RequestForm {
  return {
    id: row.id,
    tenantId: row.tenantId,
    assignmentTypeKeys: row.assignmentTypeKeys,
    name: row.name,
    isTenantDefault: row.isTenantDefault,
    fields: parseFormFields(row.fields, row.id).map((entry) => toFormField(entry, locale)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    retiredAt: row.retiredAt,
    version: row.version,
  };
}

/** What the audit log keeps of a form. */
export function formSnapshot(row: RequestFormRow) {
  return {
    id: row.id,
    name: row.name,
    isTenantDefault: row.isTenantDefault,
    ...definitionOf(row),
    retiredAt: row.retiredAt,
    version: row.version,
  };
}

export function assignmentTypeSnapshot(row: AssignmentTypeRow) {
  return { id: row.id, key: row.key, labelSv: row.labelSv, labelEn: row.labelEn, retiredAt: row.retiredAt, version: row.version };
}

/**
 * The domain names localized texts `label.sv` / `help.en`; the GraphQL inputs have them flat (`labelSv`, `helpEn`),
 * like every bilingual field of the API. Field errors name the input the client sent.
 */
export function toInputPaths(errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({
    ...error,
    field: error.field.replace(
      /\.(label|help)\.(sv|en)$/,
      (_match, name: string, language: string) => `.${name}${language === "sv" ? "Sv" : "En"}`,
    ),
  }));
}
