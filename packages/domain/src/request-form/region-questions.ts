import { parseIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import { LOCALES, type LocalizedText } from "../messages/locale.js";
import { isBlank, normaliseLine, normaliseMultiline } from "../text/normalise.js";
import { ASSIGNMENT_LENGTHS, isRequestFieldKey, type RequestFieldKey } from "./request-form.js";

// A region's own questions on its request form, next to the built-in fields: each with a type, labels and help in
// Swedish and English, options and limits, and (where a region needs it) a condition on an earlier answer that shows
// the question or makes it required ("if several occasions …"). The rules for saving a question and for checking an
// answer live here; the form stores the questions as data.

export const QUESTION_TYPES = ["SHORT_TEXT", "LONG_TEXT", "NUMBER", "DATE", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const isQuestionType = (value: unknown): value is QuestionType => (QUESTION_TYPES as readonly unknown[]).includes(value);

const CHOICE_TYPES: readonly QuestionType[] = ["SINGLE_CHOICE", "MULTIPLE_CHOICE"];
const TEXT_TYPES: readonly QuestionType[] = ["SHORT_TEXT", "LONG_TEXT"];

/** The answers of a yes/no question as a condition names them. */
export const YES_NO_VALUES = ["YES", "NO"] as const;

/** Built-in fields a condition may look at: those with a fixed set of values. */
export const CONDITION_FIELDS = ["oneOffOrLong", "assignmentType"] as const satisfies readonly RequestFieldKey[];
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const QUESTION_LIMITS = {
  questions: 30,
  options: 50,
  keyLength: 50,
  labelLength: 200,
  optionLabelLength: 100,
  helpLength: 1000,
  shortTextLength: 300,
  longTextLength: 4000,
  /** Numbers are kept as JavaScript numbers; beyond this they lose precision. */
  numberMagnitude: 1_000_000_000,
} as const;

export interface QuestionOption {
  /** UPPER_SNAKE_CASE, stored with the answer. */
  readonly key: string;
  readonly label: LocalizedText;
}

/** Holds when the answer to `question` (an earlier region question, or a built-in field of CONDITION_FIELDS) is one of `anyOf`. */
export interface QuestionCondition {
  readonly question: string;
  /** Option keys; YES or NO for a yes/no question; for a multiple choice, any one of them selected. */
  readonly anyOf: readonly string[];
}

export interface RegionQuestion {
  /** UPPER_SNAKE_CASE, unique in the form, e.g. SEVERAL_OCCASIONS; the answer is stored under it. */
  readonly key: string;
  readonly type: QuestionType;
  readonly label: LocalizedText;
  /** Both languages or neither. */
  readonly help: LocalizedText;
  readonly required: boolean;
  /** SINGLE_CHOICE and MULTIPLE_CHOICE only: at least two. */
  readonly options: readonly QuestionOption[];
  /** Text questions: length in characters. */
  readonly minLength: number | null;
  readonly maxLength: number | null;
  /** NUMBER only. */
  readonly minValue: number | null;
  readonly maxValue: number | null;
  /** MULTIPLE_CHOICE only. */
  readonly maxSelections: number | null;
  /** Asked only when this holds; an answer to a question not asked is not kept. */
  readonly showWhen: QuestionCondition | null;
  /** Required only when this holds (a question that is always required needs none). */
  readonly requiredWhen: QuestionCondition | null;
  /** Shown after this built-in field; null: after the built-in fields. */
  readonly placeAfter: RequestFieldKey | null;
}

const L = {
  question: { sv: "Fråga", en: "Question" },
  key: { sv: "Nyckel", en: "Key" },
  type: { sv: "Typ", en: "Type" },
  labelSv: { sv: "Frågan på svenska", en: "Swedish question text" },
  labelEn: { sv: "Frågan på engelska", en: "English question text" },
  helpSv: { sv: "Hjälptext på svenska", en: "Swedish help text" },
  helpEn: { sv: "Hjälptext på engelska", en: "English help text" },
  options: { sv: "Svarsalternativ", en: "Options" },
  option: { sv: "Svarsalternativ", en: "Option" },
  optionSv: { sv: "Alternativet på svenska", en: "Swedish option text" },
  optionEn: { sv: "Alternativet på engelska", en: "English option text" },
  minLength: { sv: "Minsta längd", en: "Minimum length" },
  maxLength: { sv: "Största längd", en: "Maximum length" },
  minValue: { sv: "Minsta värde", en: "Minimum value" },
  maxValue: { sv: "Största värde", en: "Maximum value" },
  maxSelections: { sv: "Högsta antal val", en: "Maximum selections" },
  showWhen: { sv: "Villkor för att visa frågan", en: "Condition for showing the question" },
  requiredWhen: { sv: "Villkor för att kräva svar", en: "Condition for requiring an answer" },
  conditionQuestion: { sv: "Fråga som villkoret gäller", en: "Question the condition looks at" },
  conditionValue: { sv: "Värde i villkoret", en: "Value in the condition" },
  placeAfter: { sv: "Placering", en: "Placement" },
  answer: { sv: "Svar", en: "Answer" },
} as const satisfies Record<string, LocalizedText>;

const KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,49}$/;
const KEY_HINT: LocalizedText = {
  sv: "Använd versaler, siffror och understreck, till exempel SEVERAL_OCCASIONS.",
  en: "Use capital letters, digits and underscores, for example SEVERAL_OCCASIONS.",
};
const NOT_FOR_TYPE: LocalizedText = { sv: "Gäller inte den här frågetypen.", en: "Does not apply to this question type." };

/** What a built-in field a condition may look at can be answered with. */
export interface ConditionContext {
  /** The keys of the assignment types the form offers. */
  readonly assignmentTypeKeys: readonly string[];
  /** The built-in fields the form asks for. */
  readonly fields: readonly RequestFieldKey[];
}

function conditionValues(
  question: string,
  earlier: ReadonlyMap<string, RegionQuestion>,
  context: ConditionContext,
): readonly string[] | null | "NOT_A_CHOICE" {
  if (question === "oneOffOrLong") return context.fields.includes("oneOffOrLong") ? ASSIGNMENT_LENGTHS : null;
  // A request form always asks for the assignment type; a form without built-in fields (registration) has none to look at.
  if (question === "assignmentType") return context.fields.includes("assignmentType") ? context.assignmentTypeKeys : null;
  const referenced = earlier.get(question);
  if (!referenced) return null;
  if (referenced.type === "YES_NO") return YES_NO_VALUES;
  if (CHOICE_TYPES.includes(referenced.type)) return referenced.options.map((option) => option.key);
  return "NOT_A_CHOICE";
}

function checkLocalized(
  errors: FieldError[],
  field: string,
  labels: { sv: LocalizedText; en: LocalizedText },
  text: LocalizedText,
  rule: { required: boolean; maxLength: number },
): void {
  const values = { sv: normaliseLine(text.sv ?? ""), en: normaliseLine(text.en ?? "") };
  const required = rule.required || values.sv !== "" || values.en !== "";
  for (const language of LOCALES) {
    const value = values[language];
    if (value === "" && required) errors.push(fieldError(`${field}.${language}`, "REQUIRED", labels[language]));
    else if (value.length > rule.maxLength)
      errors.push(fieldError(`${field}.${language}`, "TOO_LONG", labels[language], { max: rule.maxLength }));
  }
}

function checkBound(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: number | null,
  applies: boolean,
  range: { min: number; max: number; integer: boolean },
): void {
  if (value === null) return;
  if (!applies) {
    errors.push(fieldError(field, "NOT_ALLOWED", label, { hint: NOT_FOR_TYPE }));
    return;
  }
  if (!Number.isFinite(value) || (range.integer && !Number.isInteger(value)) || value < range.min || value > range.max) {
    errors.push(fieldError(field, "OUT_OF_RANGE", label, { min: range.min, max: range.max }));
  }
}

/**
 * Checks the region questions of a form an administrator saves: keys, labels in both languages, options only (and at
 * least two) on choice questions, limits that fit the type and each other, conditions on an earlier question's fixed
 * values, placements among the form's own fields. Every problem at once.
 */
export function validateRegionQuestions(
  questions: readonly RegionQuestion[],
  context: ConditionContext,
  path = "input.questions",
): FieldError[] {
  const errors: FieldError[] = [];
  if (questions.length > QUESTION_LIMITS.questions) {
    errors.push(fieldError(path, "TOO_MANY", L.question, { max: QUESTION_LIMITS.questions }));
  }
  const earlier = new Map<string, RegionQuestion>();
  questions.forEach((question, index) => {
    const at = `${path}[${index}]`;
    const item = itemLabel(L.question, index);
    const label = (part: LocalizedText) => nestedLabel(item, part);
    if (!KEY_PATTERN.test(question.key)) {
      errors.push(fieldError(`${at}.key`, "INVALID_FORMAT", label(L.key), { hint: KEY_HINT }));
    } else if (earlier.has(question.key) || questions.findIndex((q) => q.key === question.key) !== index) {
      errors.push(fieldError(`${at}.key`, "DUPLICATE", label(L.key)));
    }
    if (!isQuestionType(question.type)) errors.push(fieldError(`${at}.type`, "NOT_ALLOWED", label(L.type)));
    checkLocalized(errors, `${at}.label`, { sv: label(L.labelSv), en: label(L.labelEn) }, question.label, {
      required: true,
      maxLength: QUESTION_LIMITS.labelLength,
    });
    checkLocalized(errors, `${at}.help`, { sv: label(L.helpSv), en: label(L.helpEn) }, question.help, {
      required: false,
      maxLength: QUESTION_LIMITS.helpLength,
    });

    // Options
    const isChoice = CHOICE_TYPES.includes(question.type);
    if (isChoice) {
      if (question.options.length < 2) errors.push(fieldError(`${at}.options`, "TOO_FEW", label(L.options), { min: 2 }));
      if (question.options.length > QUESTION_LIMITS.options) {
        errors.push(fieldError(`${at}.options`, "TOO_MANY", label(L.options), { max: QUESTION_LIMITS.options }));
      }
      question.options.forEach((option, optionIndex) => {
        const optionAt = `${at}.options[${optionIndex}]`;
        const optionItem = nestedLabel(item, itemLabel(L.option, optionIndex));
        if (!KEY_PATTERN.test(option.key)) {
          errors.push(fieldError(`${optionAt}.key`, "INVALID_FORMAT", nestedLabel(optionItem, L.key), { hint: KEY_HINT }));
        } else if (question.options.findIndex((o) => o.key === option.key) !== optionIndex) {
          errors.push(fieldError(`${optionAt}.key`, "DUPLICATE", nestedLabel(optionItem, L.key)));
        }
        checkLocalized(
          errors,
          `${optionAt}.label`,
          { sv: nestedLabel(optionItem, L.optionSv), en: nestedLabel(optionItem, L.optionEn) },
          option.label,
          { required: true, maxLength: QUESTION_LIMITS.optionLabelLength },
        );
      });
    } else if (question.options.length > 0) {
      errors.push(fieldError(`${at}.options`, "NOT_ALLOWED", label(L.options), { hint: NOT_FOR_TYPE }));
    }

    // Limits
    const isText = TEXT_TYPES.includes(question.type);
    const textCap = question.type === "LONG_TEXT" ? QUESTION_LIMITS.longTextLength : QUESTION_LIMITS.shortTextLength;
    checkBound(errors, `${at}.minLength`, label(L.minLength), question.minLength, isText, { min: 0, max: textCap, integer: true });
    checkBound(errors, `${at}.maxLength`, label(L.maxLength), question.maxLength, isText, { min: 1, max: textCap, integer: true });
    if (isText && question.minLength !== null && question.maxLength !== null && question.minLength > question.maxLength) {
      errors.push(
        fieldError(`${at}.maxLength`, "MUST_BE_GREATER", label(L.maxLength), { other: { sv: "minsta längden", en: "the minimum length" } }),
      );
    }
    const isNumber = question.type === "NUMBER";
    const magnitude = QUESTION_LIMITS.numberMagnitude;
    checkBound(errors, `${at}.minValue`, label(L.minValue), question.minValue, isNumber, {
      min: -magnitude,
      max: magnitude,
      integer: false,
    });
    checkBound(errors, `${at}.maxValue`, label(L.maxValue), question.maxValue, isNumber, {
      min: -magnitude,
      max: magnitude,
      integer: false,
    });
    if (isNumber && question.minValue !== null && question.maxValue !== null && question.minValue > question.maxValue) {
      errors.push(
        fieldError(`${at}.maxValue`, "MUST_BE_GREATER", label(L.maxValue), { other: { sv: "minsta värdet", en: "the minimum value" } }),
      );
    }
    checkBound(errors, `${at}.maxSelections`, label(L.maxSelections), question.maxSelections, question.type === "MULTIPLE_CHOICE", {
      min: 1,
      max: Math.max(1, question.options.length),
      integer: true,
    });

    // Conditions
    for (const kind of ["showWhen", "requiredWhen"] as const) {
      const condition = question[kind];
      if (!condition) continue;
      const conditionAt = `${at}.${kind}`;
      const conditionLabel = label(L[kind]);
      if (kind === "requiredWhen" && question.required) {
        errors.push(
          fieldError(conditionAt, "NOT_ALLOWED", conditionLabel, {
            hint: { sv: "Frågan är redan alltid obligatorisk.", en: "The question is already always required." },
          }),
        );
        continue;
      }
      const values = conditionValues(condition.question, earlier, context);
      if (values === null) {
        errors.push(
          fieldError(`${conditionAt}.question`, "UNKNOWN_REFERENCE", nestedLabel(conditionLabel, L.conditionQuestion), {
            hint:
              context.fields.length > 0
                ? {
                    sv: "Ett villkor kan gälla en tidigare fråga i formuläret, uppdragstypen eller engångs-/längre uppdrag.",
                    en: "A condition can look at an earlier question of the form, the assignment type or one-off/long assignment.",
                  }
                : {
                    sv: "Ett villkor kan gälla en tidigare fråga i formuläret.",
                    en: "A condition can look at an earlier question of the form.",
                  },
          }),
        );
        continue;
      }
      if (values === "NOT_A_CHOICE") {
        errors.push(
          fieldError(`${conditionAt}.question`, "NOT_ALLOWED", nestedLabel(conditionLabel, L.conditionQuestion), {
            hint: {
              sv: "Ett villkor kan bara gälla en fråga med fasta svarsalternativ eller ja/nej.",
              en: "A condition can only look at a question with fixed options or yes/no.",
            },
          }),
        );
        continue;
      }
      if (condition.anyOf.length === 0) {
        errors.push(fieldError(`${conditionAt}.anyOf`, "TOO_FEW", nestedLabel(conditionLabel, L.conditionValue), { min: 1 }));
      }
      condition.anyOf.forEach((value, valueIndex) => {
        const valueLabel = nestedLabel(conditionLabel, itemLabel(L.conditionValue, valueIndex));
        if (!values.includes(value)) errors.push(fieldError(`${conditionAt}.anyOf[${valueIndex}]`, "UNKNOWN_REFERENCE", valueLabel));
        else if (condition.anyOf.indexOf(value) !== valueIndex)
          errors.push(fieldError(`${conditionAt}.anyOf[${valueIndex}]`, "DUPLICATE", valueLabel));
      });
    }

    if (question.placeAfter !== null && !(isRequestFieldKey(question.placeAfter) && context.fields.includes(question.placeAfter))) {
      errors.push(
        fieldError(`${at}.placeAfter`, "UNKNOWN_REFERENCE", label(L.placeAfter), {
          hint: { sv: "Ange ett fält som formuläret frågar efter.", en: "Name a field the form asks for." },
        }),
      );
    }
    if (KEY_PATTERN.test(question.key)) earlier.set(question.key, question);
  });
  return errors;
}

/** Labels and help as they are stored: one line each, trimmed. */
export function normaliseRegionQuestions(questions: readonly RegionQuestion[]): RegionQuestion[] {
  const line = (text: LocalizedText): LocalizedText => ({ sv: normaliseLine(text.sv ?? ""), en: normaliseLine(text.en ?? "") });
  return questions.map((question) => ({
    key: question.key,
    type: question.type,
    label: line(question.label),
    help: line(question.help),
    required: question.required,
    options: question.options.map((option) => ({ key: option.key, label: line(option.label) })),
    minLength: question.minLength,
    maxLength: question.maxLength,
    minValue: question.minValue,
    maxValue: question.maxValue,
    maxSelections: question.maxSelections,
    showWhen: question.showWhen ? { question: question.showWhen.question, anyOf: [...question.showWhen.anyOf] } : null,
    requiredWhen: question.requiredWhen ? { question: question.requiredWhen.question, anyOf: [...question.requiredWhen.anyOf] } : null,
    placeAfter: question.placeAfter,
  }));
}

// ─── Answers ─────────────────────────────────────────────────────────────────────────────────────────────────

/** One answer as a requester sends it: the value in the member that fits the question's type, the others left out. */
export interface RegionAnswerInput {
  readonly question: string;
  readonly text?: string | null;
  readonly number?: number | null;
  /** YYYY-MM-DD. */
  readonly date?: string | null;
  readonly choice?: string | null;
  readonly choices?: readonly string[] | null;
  readonly yes?: boolean | null;
}

/**
 * An answer as it is kept with the request: the question and the chosen options with their labels as they were when
 * it was answered, so a later version of the form never changes what a submitted request says.
 */
export interface StoredRegionAnswer {
  readonly question: string;
  readonly type: QuestionType;
  readonly label: LocalizedText;
  readonly text: string | null;
  readonly number: number | null;
  readonly date: string | null;
  readonly choices: readonly QuestionOption[];
  readonly yes: boolean | null;
}

/** The built-in answers a condition may look at. */
export interface BuiltInConditionAnswers {
  readonly oneOffOrLong?: string | null;
  readonly assignmentType?: string | null;
}

export type RegionAnswersResult = { readonly errors: FieldError[]; readonly answers: StoredRegionAnswer[] };

const VALUE_MEMBERS = ["text", "number", "date", "choice", "choices", "yes"] as const;
type ValueMember = (typeof VALUE_MEMBERS)[number];
const MEMBER_OF_TYPE: Readonly<Record<QuestionType, ValueMember>> = {
  SHORT_TEXT: "text",
  LONG_TEXT: "text",
  NUMBER: "number",
  DATE: "date",
  SINGLE_CHOICE: "choice",
  MULTIPLE_CHOICE: "choices",
  YES_NO: "yes",
};

const isGiven = (value: unknown): boolean =>
  value !== null && value !== undefined && !(typeof value === "string" && isBlank(value)) && !(Array.isArray(value) && value.length === 0);

/** The values an answer holds for a condition to look at (option keys, YES/NO). */
function answerValues(question: RegionQuestion, answer: RegionAnswerInput | undefined): readonly string[] {
  if (!answer) return [];
  if (question.type === "YES_NO") return typeof answer.yes === "boolean" ? [answer.yes ? "YES" : "NO"] : [];
  if (question.type === "SINGLE_CHOICE") return typeof answer.choice === "string" ? [answer.choice] : [];
  if (question.type === "MULTIPLE_CHOICE") return answer.choices ?? [];
  return [];
}

/**
 * Which questions are asked and which are required, given the answers so far: a question whose `showWhen` does not
 * hold is not asked (nor is one whose condition looks at a question not asked).
 */
export function evaluateConditions(
  questions: readonly RegionQuestion[],
  answers: readonly RegionAnswerInput[],
  builtIn: BuiltInConditionAnswers,
): Map<string, { asked: boolean; required: boolean }> {
  const byKey = new Map(answers.map((answer) => [answer.question, answer]));
  const state = new Map<string, { asked: boolean; required: boolean }>();
  const questionsByKey = new Map(questions.map((question) => [question.key, question]));
  const holds = (condition: QuestionCondition): boolean => {
    if (condition.question === "oneOffOrLong" || condition.question === "assignmentType") {
      const value = builtIn[condition.question];
      return typeof value === "string" && condition.anyOf.includes(value);
    }
    const referenced = questionsByKey.get(condition.question);
    if (!referenced || !state.get(referenced.key)?.asked) return false;
    return answerValues(referenced, byKey.get(referenced.key)).some((value) => condition.anyOf.includes(value));
  };
  for (const question of questions) {
    const asked = question.showWhen ? holds(question.showWhen) : true;
    const required = asked && (question.required || (question.requiredWhen ? holds(question.requiredWhen) : false));
    state.set(question.key, { asked, required });
  }
  return state;
}

/**
 * Checks the answers to a form's region questions, every problem at once, each reported at `<path>.<KEY>`: an answer
 * to a question the form does not have, twice to one question, in the member that does not fit the type, outside the
 * question's limits, or missing where the question (or its condition) requires one. Answers to questions not asked
 * (their `showWhen` does not hold) are dropped. On success, the answers as they are stored, in the form's order.
 */
export function validateRegionAnswers(
  questions: readonly RegionQuestion[],
  answers: readonly RegionAnswerInput[],
  builtIn: BuiltInConditionAnswers,
  path = "input.answers",
): RegionAnswersResult {
  const errors: FieldError[] = [];
  const known = new Map(questions.map((question) => [question.key, question]));
  answers.forEach((answer, index) => {
    const label = itemLabel(L.answer, index);
    if (!known.has(answer.question)) errors.push(fieldError(`${path}[${index}].question`, "UNKNOWN_REFERENCE", label));
    else if (answers.findIndex((a) => a.question === answer.question) !== index)
      errors.push(fieldError(`${path}[${index}].question`, "DUPLICATE", label));
  });
  const byKey = new Map<string, RegionAnswerInput>();
  for (const answer of answers) if (!byKey.has(answer.question)) byKey.set(answer.question, answer);
  const state = evaluateConditions(questions, answers, builtIn);

  const stored: StoredRegionAnswer[] = [];
  for (const question of questions) {
    const { asked, required } = state.get(question.key) ?? { asked: false, required: false };
    if (!asked) continue;
    const field = `${path}.${question.key}`;
    const label = question.label;
    const answer = byKey.get(question.key);
    const member = MEMBER_OF_TYPE[question.type];
    const misplaced = answer ? VALUE_MEMBERS.filter((other) => other !== member && isGiven(answer[other])) : [];
    if (misplaced.length > 0) {
      errors.push(
        fieldError(field, "INVALID_FORMAT", label, {
          hint: { sv: `Svara med ${member}.`, en: `Answer with ${member}.` },
        }),
      );
      continue;
    }
    const value = answer?.[member];
    if (!isGiven(value)) {
      if (required) errors.push(fieldError(field, question.type === "MULTIPLE_CHOICE" ? "TOO_FEW" : "REQUIRED", label, { min: 1 }));
      continue;
    }
    const base = { question: question.key, type: question.type, label, text: null, number: null, date: null, choices: [], yes: null };
    switch (question.type) {
      case "SHORT_TEXT":
      case "LONG_TEXT": {
        const text = question.type === "LONG_TEXT" ? normaliseMultiline(value as string) : normaliseLine(value as string);
        const max =
          question.maxLength ?? (question.type === "LONG_TEXT" ? QUESTION_LIMITS.longTextLength : QUESTION_LIMITS.shortTextLength);
        if (text.length > max) errors.push(fieldError(field, "TOO_LONG", label, { max }));
        else if (question.minLength !== null && text.length < question.minLength)
          errors.push(fieldError(field, "TOO_SHORT", label, { min: question.minLength }));
        else stored.push({ ...base, text });
        break;
      }
      case "NUMBER": {
        const number = value as number;
        const min = question.minValue ?? -QUESTION_LIMITS.numberMagnitude;
        const max = question.maxValue ?? QUESTION_LIMITS.numberMagnitude;
        if (!Number.isFinite(number) || number < min || number > max) {
          errors.push(
            fieldError(field, "OUT_OF_RANGE", label, {
              ...(question.minValue !== null ? { min } : {}),
              ...(question.maxValue !== null ? { max } : {}),
            }),
          );
        } else stored.push({ ...base, number });
        break;
      }
      case "DATE": {
        const date = (value as string).trim();
        if (parseIsoDate(date) === null) {
          errors.push(
            fieldError(field, "INVALID_DATE", label, { hint: { sv: "Ange datumet som ÅÅÅÅ-MM-DD.", en: "Give the date as YYYY-MM-DD." } }),
          );
        } else stored.push({ ...base, date });
        break;
      }
      case "SINGLE_CHOICE": {
        const option = question.options.find((o) => o.key === value);
        if (!option) errors.push(fieldError(field, "NOT_ALLOWED", label));
        else stored.push({ ...base, choices: [option] });
        break;
      }
      case "MULTIPLE_CHOICE": {
        const keys = value as readonly string[];
        const chosen: QuestionOption[] = [];
        let bad = false;
        keys.forEach((key, index) => {
          const option = question.options.find((o) => o.key === key);
          if (!option) {
            errors.push(fieldError(`${field}[${index}]`, "NOT_ALLOWED", itemLabel(label, index)));
            bad = true;
          } else if (keys.indexOf(key) !== index) {
            errors.push(fieldError(`${field}[${index}]`, "DUPLICATE", itemLabel(label, index)));
            bad = true;
          } else chosen.push(option);
        });
        if (question.maxSelections !== null && keys.length > question.maxSelections) {
          errors.push(fieldError(field, "TOO_MANY", label, { max: question.maxSelections }));
          bad = true;
        }
        if (!bad) {
          // Kept in the form's order of options, whatever order they were sent in.
          stored.push({ ...base, choices: question.options.filter((o) => chosen.includes(o)) });
        }
        break;
      }
      case "YES_NO":
        stored.push({ ...base, yes: value as boolean });
        break;
    }
  }
  return { errors, answers: stored };
}
