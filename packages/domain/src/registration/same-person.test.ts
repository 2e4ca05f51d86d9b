import { describe, expect, it } from "vitest";
import { duplicateKeys, findProbableDuplicates } from "./duplicates.js";
import { isSamePerson } from "./same-person.js";

const anna = { givenName: "Anna", familyName: "Svensson", email: "anna@example.se", phone: null, birthDate: "1970-03-04" };

describe("isSamePerson", () => {
  it("needs a contact detail and name with birth to agree", () => {
    expect(isSamePerson(["EMAIL", "NAME_AND_BIRTH_DATE"])).toBe(true);
    expect(isSamePerson(["PHONE", "NAME_AND_BIRTH_YEAR"])).toBe(true);
  });

  it("treats a single kind of match as a probable duplicate only", () => {
    expect(isSamePerson(["EMAIL"])).toBe(false);
    expect(isSamePerson(["PHONE", "EMAIL"])).toBe(false);
    expect(isSamePerson(["NAME_AND_BIRTH_DATE", "NAME_AND_BIRTH_YEAR"])).toBe(false);
    expect(isSamePerson([])).toBe(false);
  });

  it("recognises the same person re-registering with different spelling of the e-mail and name", () => {
    const again = { givenName: " anna ", familyName: "SVENSSON", email: "Anna@Example.se ", phone: null, birthDate: "1970-03-04" };
    const [match] = findProbableDuplicates(again, [anna]);
    expect(match && isSamePerson(match.matchedOn)).toBe(true);
    expect(duplicateKeys(again)).toEqual(duplicateKeys(anna));
  });

  it("does not merge a relative who shares the family e-mail", () => {
    const daughter = { givenName: "Lisa", familyName: "Svensson", email: "anna@example.se", phone: null, birthDate: "2001-09-12" };
    const [match] = findProbableDuplicates(daughter, [anna]);
    expect(match?.matchedOn).toEqual(["EMAIL"]);
    expect(isSamePerson(match?.matchedOn ?? [])).toBe(false);
  });
});
