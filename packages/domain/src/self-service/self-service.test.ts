import { describe, expect, it } from "vitest";
import type { MemberProfile } from "../registration/registration.js";
import { isPauseOver, validatePause } from "./pause.js";
import { memberDuplicateKeys, profileChanges, validateAvailabilityNote, validateProfileCorrection } from "./profile-correction.js";

const current: MemberProfile = {
  givenName: "Anna",
  familyName: "Berg",
  email: "anna@example.se",
  phone: null,
  birthDate: null,
  birthYear: 1970,
  municipality: "Kalmar",
  perspectives: ["PATIENT"],
  experienceTagKeys: ["kol"],
  experienceText: null,
  competences: [],
  languages: ["sv"],
  accessibilityNeeds: null,
  availability: null,
  organisationRepresented: null,
};
const options = { today: "2025-05-01", knownExperienceTagKeys: ["kol", "astma"] };

describe("validateProfileCorrection", () => {
  it("applies a patch and keeps what it leaves out", () => {
    const result = validateProfileCorrection(current, { familyName: " Lind ", phone: "070-123 45 67", languages: ["sv", "en"] }, options);
    expect(result).toMatchObject({
      ok: true,
      profile: { givenName: "Anna", familyName: "Lind", phone: "+46701234567", languages: ["sv", "en"] },
    });
  });

  it("checks the corrected profile as a whole, with the registration's rules", () => {
    const result = validateProfileCorrection(
      current,
      { email: null, perspectives: [], experienceTagKeys: ["okand"], givenName: "" },
      options,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => error.field)).toEqual([
        "input.givenName",
        "input.email",
        "input.perspectives",
        "input.experienceTagKeys[0]",
      ]);
    }
  });
});

describe("profileChanges", () => {
  it("lists changed fields with before and after; reordering a list is no change", () => {
    const after = { ...current, familyName: "Lind", languages: ["sv"], birthYear: 1971, experienceTagKeys: ["kol"] };
    expect(profileChanges(current, after)).toEqual([
      { field: "familyName", before: ["Berg"], after: ["Lind"] },
      { field: "birthYear", before: ["1970"], after: ["1971"] },
    ]);
    expect(profileChanges({ ...current, languages: ["sv", "en"] }, { ...current, languages: ["en", "sv"] })).toEqual([]);
  });
});

describe("memberDuplicateKeys", () => {
  it("follows the duplicate detection's normalisation", () => {
    expect(memberDuplicateKeys({ givenName: "Åsa", familyName: "Berg", email: "A@Example.se", birthYear: 1970 })).toEqual({
      emailKey: "a@example.se",
      phoneKey: null,
      nameBirthYearKey: "asa|berg|1970",
    });
  });
});

describe("validatePause", () => {
  it("accepts an open-ended pause from today and a one-day pause", () => {
    expect(validatePause({ startsOn: "2025-05-01" }, "2025-05-01")).toEqual({
      ok: true,
      pause: { startsOn: "2025-05-01", endsOn: null, reason: null },
    });
    expect(validatePause({ startsOn: "2025-06-01", endsOn: "2025-06-01" }, "2025-05-01").ok).toBe(true);
  });

  it("refuses a start in the past, an end before the start and bad dates", () => {
    const codes = (input: Parameters<typeof validatePause>[0]) => {
      const result = validatePause(input, "2025-05-01");
      return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.code}`);
    };
    expect(codes({ startsOn: "2025-04-30" })).toEqual(["input.startsOn:DATE_IN_PAST"]);
    expect(codes({ startsOn: "2025-06-10", endsOn: "2025-06-01" })).toEqual(["input.endsOn:MUST_BE_AFTER"]);
    expect(codes({ startsOn: "2025-02-30" })).toEqual(["input.startsOn:INVALID_DATE"]);
    expect(codes({})).toEqual(["input.startsOn:REQUIRED"]);
  });

  it("knows when a pause is over", () => {
    expect(isPauseOver({ endsOn: "2025-04-30" }, "2025-05-01")).toBe(true);
    expect(isPauseOver({ endsOn: null }, "2025-05-01")).toBe(false);
  });
});

describe("validateAvailabilityNote", () => {
  it("trims and clears", () => {
    expect(validateAvailabilityNote("  Vardagar efter 16  ")).toEqual({ ok: true, note: "Vardagar efter 16" });
    expect(validateAvailabilityNote("   ")).toEqual({ ok: true, note: null });
    expect(validateAvailabilityNote("x".repeat(3000)).ok).toBe(false);
  });
});
