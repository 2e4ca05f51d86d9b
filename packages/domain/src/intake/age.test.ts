import { describe, expect, it } from "vitest";
import { AGE_BAND_LABELS, AGE_BANDS, ageBand, ageOn } from "./age.js";

describe("ageOn", () => {
  it("counts whole years from a birth date", () => {
    expect(ageOn({ birthDate: "2006-05-14" }, "2024-05-13")).toBe(17);
    expect(ageOn({ birthDate: "2006-05-14" }, "2024-05-14")).toBe(18);
    expect(ageOn({ birthDate: "1950-12-31" }, "2024-01-01")).toBe(73);
    expect(ageOn({ birthDate: "2024-01-01" }, "2024-01-01")).toBe(0);
  });

  it("treats a leap-day birthday as passed on 1 March in other years", () => {
    expect(ageOn({ birthDate: "2008-02-29" }, "2026-02-28")).toBe(17);
    expect(ageOn({ birthDate: "2008-02-29" }, "2026-03-01")).toBe(18);
  });

  it("assumes this year's birthday has not passed when only the year is known", () => {
    expect(ageOn({ birthYear: 2006 }, "2024-06-01")).toBe(17);
    expect(ageOn({ birthYear: 2006 }, "2024-12-31")).toBe(18);
    expect(ageOn({ birthYear: 2024 }, "2024-06-01")).toBe(0);
  });

  it("prefers the birth date to the year", () => {
    expect(ageOn({ birthDate: "2006-01-02", birthYear: 1990 }, "2024-06-01")).toBe(18);
  });

  it("reads an instant as a Swedish date", () => {
    // 23:30 UTC on 13 May is already the birthday in Stockholm.
    expect(ageOn({ birthDate: "2006-05-14" }, new Date("2024-05-13T23:30:00Z"))).toBe(18);
  });

  it("returns null when the age cannot be known", () => {
    expect(ageOn({}, "2024-01-01")).toBeNull();
    expect(ageOn({ birthDate: null, birthYear: null }, "2024-01-01")).toBeNull();
    expect(ageOn({ birthDate: "2024-02-30" }, "2024-06-01")).toBeNull();
    expect(ageOn({ birthDate: "2025-01-01" }, "2024-06-01")).toBeNull();
    expect(ageOn({ birthYear: 2025 }, "2024-06-01")).toBeNull();
    expect(ageOn({ birthYear: 1990.5 }, "2024-06-01")).toBeNull();
    expect(ageOn({ birthYear: 1990 }, "not a date")).toBeNull();
  });
});

describe("ageBand", () => {
  it.each([
    [0, "AGE_UNDER_18"],
    [17, "AGE_UNDER_18"],
    [18, "AGE_18_29"],
    [29, "AGE_18_29"],
    [30, "AGE_30_49"],
    [49, "AGE_30_49"],
    [50, "AGE_50_64"],
    [64, "AGE_50_64"],
    [65, "AGE_65_79"],
    [79, "AGE_65_79"],
    [80, "AGE_80_PLUS"],
    [104, "AGE_80_PLUS"],
  ] as const)("%i → %s", (age, band) => {
    expect(ageBand(age)).toBe(band);
  });

  it("labels every band in both languages", () => {
    for (const band of AGE_BANDS) {
      expect(AGE_BAND_LABELS[band].sv).not.toBe("");
      expect(AGE_BAND_LABELS[band].en).not.toBe("");
    }
  });
});
