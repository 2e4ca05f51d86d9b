import { describe, expect, it } from "vitest";
import { type RegionQuestion, validateRegionAnswers, validateRegionQuestions } from "./region-questions.js";

const question = (overrides: Partial<RegionQuestion> & Pick<RegionQuestion, "key" | "type">): RegionQuestion => ({
  label: { sv: `Fråga ${overrides.key}`, en: `Question ${overrides.key}` },
  help: { sv: "", en: "" },
  required: false,
  options: [],
  minLength: null,
  maxLength: null,
  minValue: null,
  maxValue: null,
  maxSelections: null,
  showWhen: null,
  requiredWhen: null,
  placeAfter: null,
  ...overrides,
});

const opt = (key: string) => ({ key, label: { sv: key.toLowerCase(), en: key.toLowerCase() } });
const context = {
  assignmentTypeKeys: ["WORKSHOP", "FOCUS_GROUP"],
  fields: ["assignmentType", "title", "oneOffOrLong", "occasions"] as const,
};

// Kalmar-like: "if several occasions, how often do you meet?" — asked only after a yes.
const severalOccasions = question({ key: "SEVERAL_OCCASIONS", type: "YES_NO", required: true });
const frequency = question({
  key: "MEETING_FREQUENCY",
  type: "SINGLE_CHOICE",
  options: [opt("WEEKLY"), opt("MONTHLY"), opt("QUARTERLY")],
  showWhen: { question: "SEVERAL_OCCASIONS", anyOf: ["YES"] },
  required: true,
});
const agreement = question({ key: "AGREEMENT_NOTE", type: "LONG_TEXT", requiredWhen: { question: "oneOffOrLong", anyOf: ["LONG_TERM"] } });
const form = [severalOccasions, frequency, agreement];

const fieldsOf = (errors: { field: string; code: string }[]) => errors.map((e) => [e.field, e.code]);

describe("validateRegionQuestions", () => {
  it("accepts a form with typed questions, options, limits and conditions", () => {
    expect(
      validateRegionQuestions(
        [
          ...form,
          question({ key: "PARTICIPANTS_AGE", type: "NUMBER", minValue: 0, maxValue: 120 }),
          question({ key: "TOPICS", type: "MULTIPLE_CHOICE", options: [opt("A"), opt("B"), opt("C")], maxSelections: 2 }),
          question({ key: "DEADLINE", type: "DATE", placeAfter: "occasions", help: { sv: "Senast", en: "At the latest" } }),
          question({ key: "NOTE", type: "SHORT_TEXT", minLength: 2, maxLength: 80 }),
        ],
        { ...context, fields: [...context.fields] },
      ),
    ).toEqual([]);
  });

  it("reports every problem at once, in both languages", () => {
    const errors = validateRegionQuestions(
      [
        question({ key: "bad key", type: "SHORT_TEXT", label: { sv: "Fråga", en: "" }, options: [opt("A")], minValue: 1 }),
        question({ key: "CHOICE", type: "SINGLE_CHOICE", options: [opt("ONLY")] }),
        question({ key: "CHOICE", type: "LONG_TEXT", minLength: 10, maxLength: 5, help: { sv: "Bara svenska", en: "" } }),
        question({ key: "MULTI", type: "MULTIPLE_CHOICE", options: [opt("A"), opt("A")], maxSelections: 3 }),
        question({ key: "LATER", type: "YES_NO", showWhen: { question: "NOT_YET", anyOf: ["YES"] } }),
        question({ key: "ON_TEXT", type: "YES_NO", showWhen: { question: "CHOICE", anyOf: ["X"] } }),
        question({ key: "ON_CHOICE", type: "DATE", requiredWhen: { question: "MULTI", anyOf: ["Z", "A", "A"] }, placeAfter: "purpose" }),
        question({ key: "BOTH", type: "NUMBER", required: true, requiredWhen: { question: "oneOffOrLong", anyOf: ["LONG_TERM"] } }),
        question({ key: "TYPE_OF", type: "NUMBER", showWhen: { question: "assignmentType", anyOf: [] }, minValue: 5, maxValue: 1 }),
      ],
      { ...context, fields: [...context.fields] },
    );
    expect(fieldsOf(errors)).toEqual([
      ["input.questions[0].key", "INVALID_FORMAT"],
      ["input.questions[0].label.en", "REQUIRED"],
      ["input.questions[0].options", "NOT_ALLOWED"],
      ["input.questions[0].minValue", "NOT_ALLOWED"],
      ["input.questions[1].options", "TOO_FEW"],
      ["input.questions[2].key", "DUPLICATE"],
      ["input.questions[2].help.en", "REQUIRED"],
      ["input.questions[2].maxLength", "MUST_BE_GREATER"],
      ["input.questions[3].options[1].key", "DUPLICATE"],
      ["input.questions[3].maxSelections", "OUT_OF_RANGE"],
      ["input.questions[4].showWhen.question", "UNKNOWN_REFERENCE"],
      ["input.questions[5].showWhen.question", "NOT_ALLOWED"],
      ["input.questions[6].requiredWhen.anyOf[0]", "UNKNOWN_REFERENCE"],
      ["input.questions[6].requiredWhen.anyOf[2]", "DUPLICATE"],
      ["input.questions[6].placeAfter", "UNKNOWN_REFERENCE"],
      ["input.questions[7].requiredWhen", "NOT_ALLOWED"],
      ["input.questions[8].maxValue", "MUST_BE_GREATER"],
      ["input.questions[8].showWhen.anyOf", "TOO_FEW"],
    ]);
    for (const error of errors) {
      expect(error.message.sv.length).toBeGreaterThan(0);
      expect(error.message.en.length).toBeGreaterThan(0);
    }
    expect(errors[1]?.message.sv).toContain("Fråga 1");
  });

  it("refuses a condition on one-off/long when the form does not ask for it", () => {
    const errors = validateRegionQuestions([agreement], { assignmentTypeKeys: ["WORKSHOP"], fields: ["assignmentType", "title"] });
    expect(fieldsOf(errors)).toEqual([["input.questions[0].requiredWhen.question", "UNKNOWN_REFERENCE"]]);
  });
});

describe("validateRegionAnswers", () => {
  it("keeps valid answers in the form's order with the question's and options' labels", () => {
    const result = validateRegionAnswers(
      form,
      [
        { question: "MEETING_FREQUENCY", choice: "MONTHLY" },
        { question: "SEVERAL_OCCASIONS", yes: true },
      ],
      { oneOffOrLong: "ONE_OFF" },
    );
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual([
      expect.objectContaining({ question: "SEVERAL_OCCASIONS", type: "YES_NO", yes: true }),
      expect.objectContaining({ question: "MEETING_FREQUENCY", choices: [opt("MONTHLY")], label: frequency.label }),
    ]);
  });

  it("asks a conditional question only when its condition holds, and drops an answer to a question not asked", () => {
    const no = validateRegionAnswers(
      form,
      [
        { question: "SEVERAL_OCCASIONS", yes: false },
        { question: "MEETING_FREQUENCY", choice: "NOT_AN_OPTION" },
      ],
      {},
    );
    expect(no.errors).toEqual([]);
    expect(no.answers.map((a) => a.question)).toEqual(["SEVERAL_OCCASIONS"]);

    const yes = validateRegionAnswers(form, [{ question: "SEVERAL_OCCASIONS", yes: true }], {});
    expect(fieldsOf(yes.errors)).toEqual([["input.answers.MEETING_FREQUENCY", "REQUIRED"]]);
    expect(yes.errors[0]?.message).toEqual({
      sv: "Fråga MEETING_FREQUENCY måste fyllas i.",
      en: "Question MEETING_FREQUENCY is required.",
    });
  });

  it("requires an answer when a built-in answer makes it so", () => {
    const answers = [{ question: "SEVERAL_OCCASIONS", yes: false }];
    expect(fieldsOf(validateRegionAnswers(form, answers, { oneOffOrLong: "LONG_TERM" }).errors)).toEqual([
      ["input.answers.AGREEMENT_NOTE", "REQUIRED"],
    ]);
    expect(validateRegionAnswers(form, answers, { oneOffOrLong: "ONE_OFF" }).errors).toEqual([]);
  });

  it("checks types, limits and references, every problem at once", () => {
    const questions = [
      severalOccasions,
      question({ key: "AGE", type: "NUMBER", minValue: 16, maxValue: 99 }),
      question({ key: "NOTE", type: "SHORT_TEXT", minLength: 5, maxLength: 10 }),
      question({ key: "WHEN", type: "DATE" }),
      question({ key: "TOPICS", type: "MULTIPLE_CHOICE", options: [opt("A"), opt("B"), opt("C")], maxSelections: 2, required: true }),
      question({ key: "LONG", type: "LONG_TEXT" }),
    ];
    const result = validateRegionAnswers(
      questions,
      [
        { question: "SEVERAL_OCCASIONS", text: "ja" },
        { question: "AGE", number: 12 },
        { question: "NOTE", text: "kort" },
        { question: "WHEN", date: "2026-02-30" },
        { question: "TOPICS", choices: ["A", "B", "C", "X"] },
        { question: "UNKNOWN", text: "?" },
        { question: "AGE", number: 20 },
        { question: "LONG", text: "x".repeat(4001) },
      ],
      {},
    );
    expect(fieldsOf(result.errors)).toEqual([
      ["input.answers[5].question", "UNKNOWN_REFERENCE"],
      ["input.answers[6].question", "DUPLICATE"],
      ["input.answers.SEVERAL_OCCASIONS", "INVALID_FORMAT"],
      ["input.answers.AGE", "OUT_OF_RANGE"],
      ["input.answers.NOTE", "TOO_SHORT"],
      ["input.answers.WHEN", "INVALID_DATE"],
      ["input.answers.TOPICS[3]", "NOT_ALLOWED"],
      ["input.answers.TOPICS", "TOO_MANY"],
      ["input.answers.LONG", "TOO_LONG"],
    ]);
    expect(result.errors.find((e) => e.field === "input.answers.AGE")?.message.en).toBe("Question AGE must be between 16 and 99.");
  });

  it("requires at least one choice of a required multiple choice, and keeps choices in the form's order", () => {
    const topics = question({ key: "TOPICS", type: "MULTIPLE_CHOICE", options: [opt("A"), opt("B"), opt("C")], required: true });
    expect(fieldsOf(validateRegionAnswers([topics], [{ question: "TOPICS", choices: [] }], {}).errors)).toEqual([
      ["input.answers.TOPICS", "TOO_FEW"],
    ]);
    const ok = validateRegionAnswers([topics], [{ question: "TOPICS", choices: ["C", "A"] }], {});
    expect(ok.answers[0]?.choices.map((c) => c.key)).toEqual(["A", "C"]);
  });
});
