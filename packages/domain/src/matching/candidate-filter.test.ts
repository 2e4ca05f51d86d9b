import { describe, expect, it } from "vitest";
import { filterCandidates, fitsCandidateFilter, validateCandidateFilter } from "./candidate-filter.js";

const TODAY = "2026-11-22";
const profile = {
  perspectives: ["RELATIVE" as const],
  birthDate: "1960-11-23",
  birthYear: null,
  languages: ["sv", "ar"],
  municipality: "Växjö",
};

function filter(input: Parameters<typeof validateCandidateFilter>[0]) {
  const result = validateCandidateFilter(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.filter;
}

describe("candidate filter", () => {
  it("passes everyone when empty and narrows on each field, any of the values listed", () => {
    expect(fitsCandidateFilter(profile, filter({}), TODAY)).toBe(true);
    expect(fitsCandidateFilter(profile, filter({ perspectives: ["PATIENT", "RELATIVE"] }), TODAY)).toBe(true);
    expect(fitsCandidateFilter(profile, filter({ perspectives: ["PATIENT"] }), TODAY)).toBe(false);
    expect(fitsCandidateFilter(profile, filter({ languages: [" AR "] }), TODAY)).toBe(true);
    expect(fitsCandidateFilter(profile, filter({ languages: ["fi"] }), TODAY)).toBe(false);
    expect(fitsCandidateFilter(profile, filter({ municipalities: ["VÄXJÖ"] }), TODAY)).toBe(true);
    expect(fitsCandidateFilter({ ...profile, municipality: null }, filter({ municipalities: ["Växjö"] }), TODAY)).toBe(false);
    expect(fitsCandidateFilter(profile, filter({ perspectives: ["RELATIVE"], languages: ["fi"] }), TODAY)).toBe(false);
  });

  it("filters a pool: the same array when nothing narrows, those who fit otherwise", () => {
    const other = { ...profile, perspectives: ["PATIENT" as const], languages: ["fi"] };
    const pool = [profile, other];
    expect(filterCandidates(pool, filter({}), TODAY)).toBe(pool);
    expect(filterCandidates(pool, filter({ perspectives: ["PATIENT"] }), TODAY)).toEqual([other]);
    expect(filterCandidates(pool, filter({ languages: ["sv", "fi"] }), TODAY)).toEqual(pool);
    expect(filterCandidates(pool, filter({ municipalities: ["Kalmar"] }), TODAY)).toEqual([]);
  });

  it("counts ages as the pool search does, by the calendar date of the birthday", () => {
    expect(fitsCandidateFilter(profile, filter({ ageBands: ["AGE_65_79"] }), TODAY)).toBe(true);
    expect(fitsCandidateFilter(profile, filter({ ageBands: ["AGE_65_79"] }), "2025-11-22")).toBe(false);
    expect(fitsCandidateFilter({ ...profile, birthDate: null, birthYear: 1961 }, filter({ ageBands: ["AGE_50_64"] }), TODAY)).toBe(true);
    expect(fitsCandidateFilter({ ...profile, birthDate: null }, filter({ ageBands: ["AGE_50_64", "AGE_65_79"] }), TODAY)).toBe(false);
  });

  it("refuses what the pool search refuses, with the same bilingual field errors", () => {
    const result = validateCandidateFilter({ ageBands: ["AGE_100_PLUS"], languages: [" "] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.field, error.code])).toEqual([
      ["filter.ageBands[0]", "NOT_ALLOWED"],
      ["filter.languages[0]", "REQUIRED"],
    ]);
    expect(result.errors[0]?.message.sv).toBeTruthy();
  });
});
