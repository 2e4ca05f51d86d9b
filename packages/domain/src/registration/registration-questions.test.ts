import { describe, expect, it } from "vitest";
import type { RegionQuestion } from "../request-form/region-questions.js";
import { validateRegistrationAnswers, validateRegistrationQuestions } from "./registration-questions.js";

const question = (over: Partial<RegionQuestion> & Pick<RegionQuestion, "key" | "type">): RegionQuestion => ({
  label: { sv: "Fråga", en: "Question" },
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
  ...over,
});

const HEARD = question({
  key: "HEARD_OF_US",
  type: "SINGLE_CHOICE",
  options: [
    { key: "FRIEND", label: { sv: "En vän", en: "A friend" } },
    { key: "OTHER", label: { sv: "Annat", en: "Other" } },
  ],
});
const WHERE = question({ key: "WHERE", type: "SHORT_TEXT", maxLength: 20, requiredWhen: { question: "HEARD_OF_US", anyOf: ["OTHER"] } });

describe("registration form questions", () => {
  it("are checked like a request form's: conditions on earlier questions are fine", () => {
    expect(validateRegistrationQuestions([HEARD, WHERE])).toEqual([]);
  });

  it("have no built-in field to look at or be placed after", () => {
    const errors = validateRegistrationQuestions([
      question({ key: "A", type: "YES_NO", showWhen: { question: "assignmentType", anyOf: ["WORKSHOP"] } }),
      question({ key: "B", type: "YES_NO", showWhen: { question: "oneOffOrLong", anyOf: ["ONE_OFF"] } }),
      question({ key: "C", type: "YES_NO", placeAfter: "title" }),
    ]);
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.questions[0].showWhen.question", "UNKNOWN_REFERENCE"],
      ["input.questions[1].showWhen.question", "UNKNOWN_REFERENCE"],
      ["input.questions[2].placeAfter", "UNKNOWN_REFERENCE"],
    ]);
    expect(errors[0]?.message.en).toContain("earlier question");
    expect(errors[0]?.message.sv).toContain("tidigare fråga");
  });

  it("check the answers with every error at once, in both languages, and keep the labels they were given with", () => {
    const bad = validateRegistrationAnswers(
      [HEARD, WHERE],
      [
        { question: "HEARD_OF_US", choice: "OTHER" },
        { question: "NOPE", yes: true },
      ],
    );
    expect(bad.errors.map((error) => [error.field, error.code])).toEqual([
      ["input.answers[1].question", "UNKNOWN_REFERENCE"],
      ["input.answers.WHERE", "REQUIRED"],
    ]);
    const good = validateRegistrationAnswers(
      [HEARD, WHERE],
      [
        { question: "HEARD_OF_US", choice: "OTHER" },
        { question: "WHERE", text: "  Vårdcentralen " },
      ],
    );
    expect(good.errors).toEqual([]);
    expect(good.answers).toMatchObject([
      { question: "HEARD_OF_US", choices: [{ key: "OTHER", label: { sv: "Annat", en: "Other" } }] },
      { question: "WHERE", text: "Vårdcentralen" },
    ]);
  });
});
