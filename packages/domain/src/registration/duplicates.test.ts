import { describe, expect, it } from "vitest";
import { duplicateKeys, findProbableDuplicates } from "./duplicates.js";

describe("duplicateKeys", () => {
  it("normalises e-mail, phone and accent-folded name with birth date and year", () => {
    expect(
      duplicateKeys({
        givenName: "Åsa ",
        familyName: "Öberg-Lind",
        email: " ASA@Example.se",
        phone: "070-123 45 67",
        birthDate: "1980-05-01",
      }),
    ).toEqual([
      { kind: "EMAIL", value: "asa@example.se" },
      { kind: "PHONE", value: "+46701234567" },
      { kind: "NAME_AND_BIRTH_DATE", value: "asa|oberg lind|1980-05-01" },
      { kind: "NAME_AND_BIRTH_YEAR", value: "asa|oberg lind|1980" },
    ]);
  });

  it("leaves out keys it cannot form", () => {
    expect(duplicateKeys({ givenName: "Åsa", familyName: "Öberg", email: "not an address", phone: "123" })).toEqual([]);
    expect(duplicateKeys({ givenName: "", familyName: "Öberg", birthYear: 1980 })).toEqual([]);
    expect(duplicateKeys({ givenName: "Åsa", familyName: "Öberg", birthYear: 1980 })).toEqual([
      { kind: "NAME_AND_BIRTH_YEAR", value: "asa|oberg|1980" },
    ]);
  });
});

describe("findProbableDuplicates", () => {
  const existing = [
    { id: "a", givenName: "Asa", familyName: "Oberg Lind", email: "asa@example.se", birthDate: "1980-05-01" },
    { id: "b", givenName: "Bertil", familyName: "Ek", phone: "+46 70 123 45 67" },
    { id: "c", givenName: "Åsa", familyName: "Öberg-Lind", birthDate: "1985-09-09" },
    { id: "d", givenName: "ÅSA", familyName: "ÖBERG LIND", birthYear: 1980 },
    { id: "e", givenName: "Cecilia", familyName: "Ek", email: "cecilia@example.se" },
  ];

  it("finds matches on each key and says which, strongest first", () => {
    const matches = findProbableDuplicates(
      {
        givenName: "Åsa",
        familyName: "Öberg-Lind",
        email: "ASA@example.se",
        phone: "0701234567",
        birthDate: "1980-05-01",
      },
      existing,
    );
    expect(matches.map((m) => [m.existing.id, m.matchedOn])).toEqual([
      ["a", ["EMAIL", "NAME_AND_BIRTH_DATE"]],
      ["b", ["PHONE"]],
      ["d", ["NAME_AND_BIRTH_YEAR"]],
    ]);
  });

  it("does not match namesakes whose full birth dates differ", () => {
    const matches = findProbableDuplicates({ givenName: "Asa", familyName: "Oberg Lind", birthDate: "1985-01-01" }, existing);
    expect(matches.map((m) => m.existing.id)).toEqual([]);
  });

  it("matches a birth year against a full birth date", () => {
    const matches = findProbableDuplicates({ givenName: "Åsa", familyName: "Öberg Lind", birthYear: 1985 }, existing);
    expect(matches.map((m) => [m.existing.id, m.matchedOn])).toEqual([["c", ["NAME_AND_BIRTH_YEAR"]]]);
  });

  it("finds nothing for a new person", () => {
    expect(findProbableDuplicates({ givenName: "David", familyName: "Ny", email: "david@example.se" }, existing)).toEqual([]);
  });
});
