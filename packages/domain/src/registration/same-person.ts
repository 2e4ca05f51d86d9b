import type { DuplicateKeyKind } from "./duplicates.js";

/**
 * When a registration matches an existing person both on a contact detail (e-mail or phone) and on name with birth
 * date or year, it is the same person registering again — typically to one more network, or submitting the form
 * twice. Their record is reused instead of doubled. A match on only one of those (a shared family e-mail, two people
 * of the same name and year) is a *probable* duplicate: it is recorded and flagged for a coordinator to decide.
 */
export function isSamePerson(matchedOn: readonly DuplicateKeyKind[]): boolean {
  const contact = matchedOn.includes("EMAIL") || matchedOn.includes("PHONE");
  const identity = matchedOn.includes("NAME_AND_BIRTH_DATE") || matchedOn.includes("NAME_AND_BIRTH_YEAR");
  return contact && identity;
}
