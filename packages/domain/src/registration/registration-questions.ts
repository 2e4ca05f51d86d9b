import type { FieldError } from "../messages/field-error.js";
import {
  type ConditionContext,
  type RegionAnswerInput,
  type RegionAnswersResult,
  type RegionQuestion,
  validateRegionAnswers,
  validateRegionQuestions,
} from "../request-form/region-questions.js";

// A region's own questions on its public registration form (intresseanmälan), beside the built-in details: the same
// questions as on a request form (types, labels and help in Swedish and English, options, limits, conditions) and the
// same checks — only that a registration form has no built-in field a condition could look at or a question could be
// placed after, so conditions name earlier questions and `placeAfter` stays empty.

/** What a registration form's conditions may look at: its own earlier questions only. */
export const REGISTRATION_FORM_CONTEXT: ConditionContext = { assignmentTypeKeys: [], fields: [] };

/** Checks the questions an administrator saves for the registration form; every problem at once. */
export function validateRegistrationQuestions(questions: readonly RegionQuestion[], path = "input.questions"): FieldError[] {
  return validateRegionQuestions(questions, REGISTRATION_FORM_CONTEXT, path);
}

/** Checks a registrant's answers against the form as it is; on success, the answers as a membership keeps them. */
export function validateRegistrationAnswers(
  questions: readonly RegionQuestion[],
  answers: readonly RegionAnswerInput[],
  path = "input.answers",
): RegionAnswersResult {
  return validateRegionAnswers(questions, answers, {}, path);
}
