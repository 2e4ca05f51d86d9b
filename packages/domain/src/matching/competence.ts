import { foldForComparison } from "../text/normalise.js";

// Competences are free text on both sides: a member writes "Van att tala inför grupp, föreläser ofta", a unit asks for
// "föreläsare" or "tala inför grupp". A sought competence is met when one of the member's competences holds it as
// whole words once case, accents and punctuation are set aside — "tala inför grupp" is in the member's text,
// "föreläsare" is not (the member wrote "föreläser"), and a member's bare "grupp" does not meet "tala inför grupp".
// Deliberately plain, so a coordinator can see why a member matched and a unit can phrase a wish that will be
// found; stemming or synonyms would make both guesses.

/** A text as competences are compared: folded, padded with spaces so `includes` finds whole words only. */
function asWords(text: string): string {
  return ` ${foldForComparison(text)} `;
}

/** Whether one of the member's competences holds `sought` as whole words. */
export function meetsCompetence(memberCompetences: readonly string[], sought: string): boolean {
  const wanted = asWords(sought);
  if (wanted.trim() === "") return false;
  return memberCompetences.some((competence) => {
    return asWords(competence).includes(wanted);
  });
}

/** The sought competences the member meets, in the order sought. */
export function competencesMet(memberCompetences: readonly string[], sought: readonly string[]): string[] {
  return sought.filter((wanted) => meetsCompetence(memberCompetences, wanted));
}
