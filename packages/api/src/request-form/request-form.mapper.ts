import type { Prisma } from "@medverkan/database";
import {
  type RequestFormField as DomainRequestFormField,
  type FieldError,
  isQuestionType,
  isRequestFieldKey,
  type Locale,
  type LocalizedText,
  normaliseRegionQuestions,
  type QuestionCondition,
  type QuestionOption,
  REQUEST_FIELD_LABELS,
  REQUEST_FIELD_SHAPES,
  type RegionQuestion,
  type RequestFormDefinition,
} from "@medverkan/domain";
import type { RequestFormQuestionInput } from "./request-form.input.js";
import type { AssignmentTypeRow, RequestFormRow } from "./request-form.repository.js";
import type {
  AssignmentType,
  FormCondition,
  FormFieldType,
  FormQuestionOption,
  FormQuestionType,
  RequestField,
  RequestForm,
  RequestFormField,
  RequestFormQuestion,
} from "./request-form.type.js";

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

/** The stored `questions` column as the domain reads it; validated before it was written, like `fields`. */
export function parseFormQuestions(json: Prisma.JsonValue, formId: string): RegionQuestion[] {
  if (!Array.isArray(json)) throw new Error(`Request form ${formId}: questions is not a list`);
  // Rebuilt in the domain's key order (jsonb keeps its own), so snapshots of equal forms compare equal.
  return normaliseRegionQuestions(
    json.map((entry, index) => {
      const value = entry as unknown as RegionQuestion | null;
      if (!value || typeof value.key !== "string" || !isQuestionType(value.type) || !Array.isArray(value.options)) {
        throw new Error(`Request form ${formId}: question ${index} is malformed`);
      }
      return value;
    }),
  );
}

export function definitionOf(row: RequestFormRow): RequestFormDefinition {
  return {
    fields: parseFormFields(row.fields, row.id),
    assignmentTypeKeys: row.assignmentTypeKeys,
    questions: parseFormQuestions(row.questions, row.id),
  };
}

/** The domain's questions as the JSON column stores them. */
export function questionsColumn(questions: readonly RegionQuestion[]): Prisma.InputJsonArray {
  return JSON.parse(JSON.stringify(questions)) as Prisma.InputJsonArray;
}

/** The input's questions in the domain's shape: left out is none (help: empty, limits: null, conditions: null). */
export function questionsFromInput(questions: readonly RequestFormQuestionInput[]): RegionQuestion[] {
  const condition = (input: { question: string; anyOf: string[] } | null | undefined): QuestionCondition | null =>
    input ? { question: input.question, anyOf: [...input.anyOf] } : null;
  return questions.map((input) => ({
    key: input.key,
    type: input.type,
    label: { sv: input.labelSv, en: input.labelEn },
    help: { sv: input.helpSv ?? "", en: input.helpEn ?? "" },
    required: input.required === true,
    options: (input.options ?? []).map((option) => ({ key: option.key, label: { sv: option.labelSv, en: option.labelEn } })),
    minLength: input.minLength ?? null,
    maxLength: input.maxLength ?? null,
    minValue: input.minValue ?? null,
    maxValue: input.maxValue ?? null,
    maxSelections: input.maxSelections ?? null,
    showWhen: condition(input.showWhen),
    requiredWhen: condition(input.requiredWhen),
    placeAfter: input.placeAfter ?? null,
  }));
}

const localized = (text: LocalizedText, locale: Locale) => ({ label: text[locale], labelSv: text.sv, labelEn: text.en });

export function toQuestionOption(option: QuestionOption, locale: Locale): FormQuestionOption {
  return { key: option.key, ...localized(option.label, locale) };
}

const toCondition = (condition: QuestionCondition | null): FormCondition | null =>
  condition ? { question: condition.question, anyOf: [...condition.anyOf] } : null;

export function toFormQuestion(question: RegionQuestion, locale: Locale): RequestFormQuestion {
  const hasHelp = question.help.sv !== "" || question.help.en !== "";
  return {
    key: question.key,
    type: question.type as FormQuestionType,
    ...localized(question.label, locale),
    help: hasHelp ? question.help[locale] : null,
    helpSv: hasHelp ? question.help.sv : null,
    helpEn: hasHelp ? question.help.en : null,
    required: question.required,
    options: question.options.map((option) => toQuestionOption(option, locale)),
    minLength: question.minLength,
    maxLength: question.maxLength,
    minValue: question.minValue,
    maxValue: question.maxValue,
    maxSelections: question.maxSelections,
    showWhen: toCondition(question.showWhen),
    requiredWhen: toCondition(question.requiredWhen),
    placeAfter: question.placeAfter as RequestField | null,
  };
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
    ...fieldShape(entry.field, locale),
  };
}

function fieldShape(field: DomainRequestFormField["field"], locale: Locale) {
  const shape = REQUEST_FIELD_SHAPES[field];
  return {
    type: shape.type as FormFieldType,
    maxLength: shape.maxLength,
    minValue: shape.minValue,
    maxValue: shape.maxValue,
    maxItems: shape.maxItems,
    options: shape.options.map((option) => toQuestionOption(option, locale)),
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
    questions: parseFormQuestions(row.questions, row.id).map((question) => toFormQuestion(question, locale)),
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
