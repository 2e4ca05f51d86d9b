import { describe, expect, it } from "vitest";
import { REGION_SEEDS } from "../seed-data/regions.js";
import { isOverdueForFollowUp } from "./follow-up.js";
import { type IntakeRules, isMunicipalityAllowed, validateIntakeRules } from "./intake-rules.js";

const base: IntakeRules = {
  minimumAge: null,
  guardianConsentBelowAge: 18,
  requireContactCall: true,
  requireIntroductionMeeting: true,
  requireTrainingAttended: false,
  allowedMunicipalities: null,
  recordOrganisationMandate: false,
  followUpWithinDays: 14,
};
const codes = (rules: IntakeRules) => validateIntakeRules(rules).map((e) => [e.field, e.code]);

describe("validateIntakeRules", () => {
  it("accepts every seeded region's rules", () => {
    for (const seed of REGION_SEEDS) expect(codes(seed.intakeRules), seed.tenant.slug).toEqual([]);
  });

  it("keeps ages and days within range", () => {
    expect(codes({ ...base, minimumAge: -1 })).toEqual([["input.minimumAge", "OUT_OF_RANGE"]]);
    expect(codes({ ...base, minimumAge: 121 })).toEqual([["input.minimumAge", "OUT_OF_RANGE"]]);
    expect(codes({ ...base, guardianConsentBelowAge: 0 })).toEqual([["input.guardianConsentBelowAge", "OUT_OF_RANGE"]]);
    expect(codes({ ...base, guardianConsentBelowAge: 17.5 })).toEqual([["input.guardianConsentBelowAge", "OUT_OF_RANGE"]]);
    expect(codes({ ...base, followUpWithinDays: 0 })).toEqual([["input.followUpWithinDays", "OUT_OF_RANGE"]]);
    expect(codes({ ...base, followUpWithinDays: 366 })).toEqual([["input.followUpWithinDays", "OUT_OF_RANGE"]]);
  });

  it("refuses a consent age that could never apply", () => {
    const errors = validateIntakeRules({ ...base, minimumAge: 18, guardianConsentBelowAge: 18 });
    expect(errors.map((e) => [e.field, e.code])).toEqual([["input.guardianConsentBelowAge", "MUST_BE_GREATER"]]);
    expect(errors[0]?.message.sv).toBe("Vårdnadshavares samtycke under ålder måste vara större än lägsta ålder.");
    expect(codes({ ...base, minimumAge: 13, guardianConsentBelowAge: 18 })).toEqual([]);
  });

  it("checks the municipality list", () => {
    expect(codes({ ...base, allowedMunicipalities: [] })).toEqual([["input.allowedMunicipalities", "TOO_FEW"]]);
    expect(codes({ ...base, allowedMunicipalities: ["Kalmar", " ", "KALMAR"] })).toEqual([
      ["input.allowedMunicipalities[1]", "REQUIRED"],
      ["input.allowedMunicipalities[2]", "DUPLICATE"],
    ]);
  });
});

describe("isMunicipalityAllowed", () => {
  it("compares without case or accents", () => {
    const rules = { allowedMunicipalities: ["Mörbylånga", "Västervik"] };
    expect(isMunicipalityAllowed(rules, "morbylanga")).toBe(true);
    expect(isMunicipalityAllowed(rules, " VÄSTERVIK ")).toBe(true);
    expect(isMunicipalityAllowed(rules, "Växjö")).toBe(false);
    expect(isMunicipalityAllowed(rules, null)).toBe(false);
    expect(isMunicipalityAllowed({ allowedMunicipalities: null }, null)).toBe(true);
  });
});

describe("isOverdueForFollowUp", () => {
  const registeredAt = new Date("2024-03-01T10:00:00Z");
  it("is overdue only after the promised number of days", () => {
    expect(isOverdueForFollowUp(registeredAt, new Date("2024-03-15T10:00:00Z"), base)).toBe(false);
    expect(isOverdueForFollowUp(registeredAt, new Date("2024-03-15T10:00:01Z"), base)).toBe(true);
  });
  it("is never overdue without a deadline", () => {
    expect(isOverdueForFollowUp(registeredAt, new Date("2030-01-01T00:00:00Z"), { followUpWithinDays: null })).toBe(false);
  });
});
