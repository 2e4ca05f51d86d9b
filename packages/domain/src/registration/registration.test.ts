import { describe, expect, it } from "vitest";
import { exampleIdentityNumber, luhnCheckDigit } from "../identity/personal-identity-number.js";
import { checkBirthAgainstIdentityNumber, type RegistrationInput, type RegistrationOptions, validateRegistration } from "./registration.js";

const options: RegistrationOptions = { today: "2025-03-14" };

const valid: RegistrationInput = {
  givenName: "  Anna-Lena ",
  familyName: "Öberg   Svensson",
  email: " Anna.Oberg@Example.SE ",
  phone: "070-123 45 67",
  birthDate: "1980-05-01",
  municipality: " Kalmar ",
  perspectives: ["PATIENT", "RELATIVE", "PATIENT"],
  experienceTagKeys: ["diabetes", " diabetes ", "stroke"],
  experienceText: "  Har levt med diabetes i 20 år.\n\n\n\nAnhörig till en strokepatient.  ",
  competences: ["Sjuksköterska", " sjuksköterska ", "", "Pedagog"],
  languages: ["svenska", "arabiska"],
  networkIds: ["net-1"],
  consentTextVersion: "2024-01",
};

function registration(input: RegistrationInput, opts: RegistrationOptions = options) {
  const result = validateRegistration(input, opts);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.map((e) => [e.field, e.code])));
  return result.registration;
}

function errors(input: RegistrationInput, opts: RegistrationOptions = options) {
  const result = validateRegistration(input, opts);
  return result.ok ? [] : result.errors.map((e) => [e.field, e.code]);
}

describe("validateRegistration: normalisation", () => {
  it("returns trimmed, de-duplicated, comparable data", () => {
    expect(registration(valid)).toEqual({
      givenName: "Anna-Lena",
      familyName: "Öberg Svensson",
      email: "anna.oberg@example.se",
      phone: "+46701234567",
      birthDate: "1980-05-01",
      birthYear: 1980,
      municipality: "Kalmar",
      perspectives: ["PATIENT", "RELATIVE"],
      experienceTagKeys: ["diabetes", "stroke"],
      experienceText: "Har levt med diabetes i 20 år.\n\nAnhörig till en strokepatient.",
      competences: ["Sjuksköterska", "Pedagog"],
      languages: ["svenska", "arabiska"],
      accessibilityNeeds: null,
      availability: null,
      organisationRepresented: null,
      networkIds: ["net-1"],
      consentTextVersion: "2024-01",
      guardian: null,
    });
  });

  it("accepts a phone number alone, in any common Swedish spelling", () => {
    for (const phone of ["+46 70 123 45 67", "0046 70 123 45 67", "0701234567"]) {
      expect(registration({ ...valid, email: null, phone }).phone).toBe("+46701234567");
    }
  });

  it("accepts an e-mail address alone, and a birth year instead of a date", () => {
    const result = registration({ ...valid, phone: "  ", birthDate: null, birthYear: 1950 });
    expect(result.phone).toBeNull();
    expect(result.birthDate).toBeNull();
    expect(result.birthYear).toBe(1950);
  });
});

describe("validateRegistration: errors", () => {
  it("reports every problem at once, with field paths", () => {
    expect(
      errors({
        givenName: " ",
        familyName: null,
        email: "anna@",
        phone: "12345",
        birthDate: "2030-01-01",
        perspectives: [],
        networkIds: [],
        consentTextVersion: "",
      }),
    ).toEqual([
      ["input.givenName", "REQUIRED"],
      ["input.familyName", "REQUIRED"],
      ["input.email", "INVALID_EMAIL"],
      ["input.phone", "INVALID_PHONE"],
      ["input.birthDate", "DATE_IN_FUTURE"],
      ["input.perspectives", "TOO_FEW"],
      ["input.networkIds", "TOO_FEW"],
      ["input.consentTextVersion", "REQUIRED"],
    ]);
  });

  it("requires an e-mail address or a phone number, in words a person understands", () => {
    const result = validateRegistration({ ...valid, email: "", phone: null }, options);
    expect(result.ok ? [] : result.errors).toEqual([
      {
        field: "input.email",
        code: "REQUIRED",
        message: {
          sv: "E-postadress eller telefonnummer måste fyllas i.",
          en: "E-mail address or phone number is required.",
        },
      },
    ]);
  });

  it("checks birth dates and years for plausibility", () => {
    expect(errors({ ...valid, birthDate: "1980-02-30" })).toEqual([["input.birthDate", "INVALID_DATE"]]);
    expect(errors({ ...valid, birthDate: "01/05/1980" })).toEqual([["input.birthDate", "INVALID_DATE"]]);
    expect(errors({ ...valid, birthDate: "2025-03-15" })).toEqual([["input.birthDate", "DATE_IN_FUTURE"]]);
    expect(registration({ ...valid, birthDate: "2025-03-14" }).birthYear).toBe(2025);
    expect(errors({ ...valid, birthDate: "1904-03-13" })).toEqual([["input.birthDate", "OUT_OF_RANGE"]]);
    expect(registration({ ...valid, birthDate: "1905-03-14" }).birthDate).toBe("1905-03-14");
    expect(errors({ ...valid, birthDate: null, birthYear: 2026 })).toEqual([["input.birthYear", "OUT_OF_RANGE"]]);
    expect(errors({ ...valid, birthDate: null, birthYear: 1904 })).toEqual([["input.birthYear", "OUT_OF_RANGE"]]);
    expect(errors({ ...valid, birthYear: 1981 })).toEqual([["input.birthYear", "INCONSISTENT"]]);
    expect(registration({ ...valid, birthYear: 1980 }).birthYear).toBe(1980);
  });

  it("requires birth data when the network's rules depend on age", () => {
    expect(errors({ ...valid, birthDate: null }, { ...options, birthRequired: true })).toEqual([["input.birthDate", "REQUIRED"]]);
    expect(errors({ ...valid, birthDate: null, birthYear: 1990 }, { ...options, birthRequired: true })).toEqual([]);
  });

  it("refuses unknown perspectives, networks and experience tags", () => {
    expect(
      errors(
        { ...valid, perspectives: ["PATIENT", "DOCTOR"], networkIds: ["net-1", "net-9"], experienceTagKeys: ["cancer"] },
        { ...options, knownNetworkIds: ["net-1", "net-2"], knownExperienceTagKeys: ["diabetes", "stroke"] },
      ),
    ).toEqual([
      ["input.perspectives[1]", "NOT_ALLOWED"],
      ["input.experienceTagKeys[0]", "UNKNOWN_REFERENCE"],
      ["input.networkIds[1]", "UNKNOWN_REFERENCE"],
    ]);
  });

  it("limits lengths", () => {
    const long = "x".repeat(101);
    const result = validateRegistration({ ...valid, givenName: long, competences: [long] }, options);
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code, e.message.sv])).toEqual([
      ["input.givenName", "TOO_LONG", "Förnamn får vara högst 100 tecken."],
      ["input.competences[0]", "TOO_LONG", "Kompetens 1 får vara högst 100 tecken."],
    ]);
    expect(errors({ ...valid, languages: Array.from({ length: 31 }, (_, i) => `språk ${i}`) })).toEqual([["input.languages", "TOO_MANY"]]);
  });
});

describe("validateRegistration: guardians", () => {
  const kalmar: RegistrationOptions = { ...options, guardianRequiredBelowAge: 18 };
  const minor = { ...valid, birthDate: "2010-06-01" };

  it("requires a guardian for a minor where the network asks for consent", () => {
    const result = validateRegistration(minor, kalmar);
    expect(result.ok ? [] : result.errors).toMatchObject([
      {
        field: "input.guardian",
        code: "REQUIRED",
        message: { sv: "Vårdnadshavare måste fyllas i. Den som är under 18 år behöver vårdnadshavares skriftliga samtycke." },
      },
    ]);
    expect(errors(minor, options)).toEqual([]);
    expect(errors(valid, kalmar)).toEqual([]);
  });

  it("requires the guardian's name and a way to reach them", () => {
    expect(errors({ ...minor, guardian: { relation: "mamma" } }, kalmar)).toEqual([
      ["input.guardian.name", "REQUIRED"],
      ["input.guardian.email", "REQUIRED"],
    ]);
    expect(errors({ ...minor, guardian: { name: "Eva", email: "eva@", phone: "12" } }, kalmar)).toEqual([
      ["input.guardian.email", "INVALID_EMAIL"],
      ["input.guardian.phone", "INVALID_PHONE"],
    ]);
  });

  it("normalises the guardian", () => {
    const result = registration({ ...minor, guardian: { name: " Eva  Öberg ", phone: "0701234568", relation: "mamma" } }, kalmar);
    expect(result.guardian).toEqual({ name: "Eva Öberg", email: null, phone: "+46701234568", relation: "mamma" });
  });

  it("treats an empty guardian as none", () => {
    expect(registration({ ...valid, guardian: { name: " ", email: "" } }).guardian).toBeNull();
  });
});

describe("checkBirthAgainstIdentityNumber", () => {
  const number = exampleIdentityNumber("2011-02-03", 982);

  it("accepts the number's own date or year, or no birth at all, and anything without a number", () => {
    expect(checkBirthAgainstIdentityNumber({ birthDate: "2011-02-03", birthYear: null }, number)).toEqual([]);
    expect(checkBirthAgainstIdentityNumber({ birthDate: null, birthYear: 2011 }, number)).toEqual([]);
    expect(checkBirthAgainstIdentityNumber({ birthDate: null, birthYear: null }, number)).toEqual([]);
    expect(checkBirthAgainstIdentityNumber({ birthDate: "1990-01-01", birthYear: null }, null)).toEqual([]);
  });

  it("refuses another date or year at its own field, in Swedish and English", () => {
    expect(checkBirthAgainstIdentityNumber({ birthDate: "1990-02-03", birthYear: 1990 }, number)).toEqual([
      {
        field: "input.birthDate",
        code: "INCONSISTENT",
        message: { sv: "Födelsedatum stämmer inte med personnumret.", en: "Date of birth does not match the personal identity number." },
      },
    ]);
    expect(checkBirthAgainstIdentityNumber({ birthDate: null, birthYear: 1990 }, number)).toEqual([
      {
        field: "input.birthYear",
        code: "INCONSISTENT",
        message: { sv: "Födelseår stämmer inte med personnumret.", en: "Year of birth does not match the personal identity number." },
      },
    ]);
  });

  it("reads a coordination number's birth date (the day plus 60)", () => {
    const nine = `110263${number.slice(8, 11)}`;
    const coordination = `20${nine}${luhnCheckDigit(nine)}`;
    expect(checkBirthAgainstIdentityNumber({ birthDate: "2011-02-03", birthYear: null }, coordination)).toEqual([]);
    expect(checkBirthAgainstIdentityNumber({ birthDate: "2011-02-04", birthYear: null }, coordination)).toHaveLength(1);
  });
});
