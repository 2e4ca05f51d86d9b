import {
  choosePersonalIdentityNumber,
  type Locale,
  PERSONAL_IDENTITY_NUMBER_DIFFERS_MESSAGE,
  PERSONAL_IDENTITY_NUMBER_MESSAGES,
  PERSONAL_IDENTITY_NUMBER_NOT_COLLECTED_MESSAGE,
  PERSONAL_IDENTITY_NUMBER_TAKEN_MESSAGE,
} from "@medverkan/domain";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { Actor } from "../auth/actor.js";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";

export enum PersonalIdentityNumberProblem {
  INVALID_FORMAT = "INVALID_FORMAT",
  INVALID_DATE = "INVALID_DATE",
  INVALID_CHECK_DIGIT = "INVALID_CHECK_DIGIT",
  DIFFERS_FROM_SIGN_IN = "DIFFERS_FROM_SIGN_IN",
  NOT_COLLECTED = "NOT_COLLECTED",
}
registerEnumType(PersonalIdentityNumberProblem, {
  name: "PersonalIdentityNumberProblem",
  description:
    "Why a personal identity number was refused: not YYYYMMDD-NNNN / YYMMDD-NNNN, no real date of birth, a wrong check digit, another number than the one the signed-in person's e-identification vouches for, or a region that does not record the numbers (`Tenant.collectsPersonalIdentityNumbers`).",
});

@ObjectType({
  implements: ErrorResult,
  description: "The personal identity number (personnummer or samordningsnummer) is not valid. The number itself is never repeated.",
})
export class InvalidPersonalIdentityNumber extends ErrorResult {
  @Field(() => PersonalIdentityNumberProblem)
  problem!: PersonalIdentityNumberProblem;
}

@ObjectType({ implements: ErrorResult, description: "The personal identity number is already recorded for another person of the tenant." })
export class PersonalIdentityNumberTaken extends ErrorResult {}

export function invalidPersonalIdentityNumber(problem: PersonalIdentityNumberProblem, locale: Locale): InvalidPersonalIdentityNumber {
  const message =
    problem === "DIFFERS_FROM_SIGN_IN"
      ? PERSONAL_IDENTITY_NUMBER_DIFFERS_MESSAGE
      : problem === "NOT_COLLECTED"
        ? PERSONAL_IDENTITY_NUMBER_NOT_COLLECTED_MESSAGE
        : PERSONAL_IDENTITY_NUMBER_MESSAGES[problem];
  return errorResult(InvalidPersonalIdentityNumber, "INVALID_PERSONAL_IDENTITY_NUMBER", message, locale, { problem });
}

export const personalIdentityNumberTaken = (locale: Locale): PersonalIdentityNumberTaken =>
  errorResult(PersonalIdentityNumberTaken, "PERSONAL_IDENTITY_NUMBER_TAKEN", PERSONAL_IDENTITY_NUMBER_TAKEN_MESSAGE, locale);

/**
 * A form's personal identity number (domain rule: format, date, check digit): twelve digits, null for none, or the
 * typed error. A person signed in with a verified number records that number only — typed or not. A region that does
 * not record numbers (`collected: false`) refuses a typed one and keeps none from the sign-in.
 */
export function personalIdentityNumberFromInput(
  typed: string | null | undefined,
  actor: Actor,
  locale: Locale,
  options: { useVerified: boolean; collected: boolean },
): { ok: true; value: string | null } | { ok: false; error: InvalidPersonalIdentityNumber } {
  if (!options.collected) {
    if (typed !== null && typed !== undefined && typed.trim() !== "") {
      return { ok: false, error: invalidPersonalIdentityNumber(PersonalIdentityNumberProblem.NOT_COLLECTED, locale) };
    }
    return { ok: true, value: null };
  }
  const verified = options.useVerified && "verifiedPersonalIdentityNumber" in actor ? actor.verifiedPersonalIdentityNumber : undefined;
  const chosen = choosePersonalIdentityNumber(typed, verified);
  if (!chosen.ok) return { ok: false, error: invalidPersonalIdentityNumber(chosen.problem as PersonalIdentityNumberProblem, locale) };
  return chosen;
}
