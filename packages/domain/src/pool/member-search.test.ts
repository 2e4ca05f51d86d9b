import { describe, expect, it } from "vitest";
import { AGE_BANDS, ageBand, ageOn } from "../intake/age.js";
import { birthRangeForAgeBand, expandExperienceTagKeys, validateMemberSearch } from "./member-search.js";

const inRange = (range: ReturnType<typeof birthRangeForAgeBand>, birth: { birthDate?: string; birthYear?: number }) =>
  birth.birthDate
    ? (range.bornAfter === null || birth.birthDate > range.bornAfter) && birth.birthDate <= range.bornOnOrBefore
    : (range.birthYearFrom === null || (birth.birthYear ?? 0) >= range.birthYearFrom) && (birth.birthYear ?? 0) <= range.birthYearTo;

describe("birthRangeForAgeBand", () => {
  // The SQL filter must put every birth in exactly the band `ageBand(ageOn(...))` gives, on ordinary days and edges.
  it.each(["2025-06-15", "2024-02-29", "2025-12-31", "2025-01-01", "2023-03-01"])("agrees with ageOn on %s", (today) => {
    const ranges = AGE_BANDS.map((band) => [band, birthRangeForAgeBand(band, today)] as const);
    const start = new Date(`${Number(today.slice(0, 4)) - 100}-01-01T00:00:00Z`).getTime();
    for (let time = start; time <= new Date(`${today}T00:00:00Z`).getTime(); time += 86_400_000 * 3 + 3_600_000) {
      const birthDate = new Date(time).toISOString().slice(0, 10);
      const expected = ageBand(ageOn({ birthDate }, today) ?? -1);
      expect(ranges.filter(([, range]) => inRange(range, { birthDate })).map(([band]) => band)).toEqual([expected]);
    }
    for (let birthYear = Number(today.slice(0, 4)) - 100; birthYear <= Number(today.slice(0, 4)); birthYear += 1) {
      const expected = ageBand(ageOn({ birthYear }, today) ?? -1);
      expect(ranges.filter(([, range]) => inRange(range, { birthYear })).map(([band]) => band)).toEqual([expected]);
    }
  });

  it("turns 29 February into 28 February in a common year", () => {
    expect(birthRangeForAgeBand("AGE_18_29", "2024-02-29")).toMatchObject({ bornOnOrBefore: "2006-02-28", bornAfter: "1994-02-28" });
  });
});

describe("expandExperienceTagKeys", () => {
  const tags = [
    { id: "a", key: "hjarta", parentId: null },
    { id: "b", key: "hjartsvikt", parentId: "a" },
    { id: "c", key: "svar-hjartsvikt", parentId: "b" },
    { id: "d", key: "cancer", parentId: null },
  ];
  it("includes every tag below, however deep", () => {
    expect(expandExperienceTagKeys(tags, ["hjarta"]).sort()).toEqual(["a", "b", "c"]);
    expect(expandExperienceTagKeys(tags, ["hjartsvikt", "cancer"]).sort()).toEqual(["b", "c", "d"]);
    expect(expandExperienceTagKeys(tags, ["unknown"])).toEqual([]);
  });
});

describe("validateMemberSearch", () => {
  it("normalises lists and splits the name", () => {
    const result = validateMemberSearch(
      { languages: [" EN ", "en"], name: " Anna  Berg ", experienceTagKeys: ["kol"] },
      { knownExperienceTagKeys: ["kol"] },
    );
    expect(result).toMatchObject({ ok: true, search: { languages: ["en"], nameWords: ["Anna", "Berg"], experienceTagKeys: ["kol"] } });
  });

  it("reports unknown tags, empty windows and contradictions at once", () => {
    const result = validateMemberSearch(
      {
        experienceTagKeys: ["nope"],
        lastInvitedAfter: new Date("2025-02-01"),
        lastInvitedBefore: new Date("2025-01-01"),
        neverAssigned: true,
        lastAssignmentAfter: new Date("2024-01-01"),
      },
      { knownExperienceTagKeys: [] },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => [error.field, error.code])).toEqual([
        ["filter.experienceTagKeys[0]", "UNKNOWN_REFERENCE"],
        ["filter.lastInvitedAfter", "INCONSISTENT"],
        ["filter.neverAssigned", "INCONSISTENT"],
      ]);
      expect(result.errors[0]?.message.sv).toContain("Erfarenhet");
    }
  });
});
