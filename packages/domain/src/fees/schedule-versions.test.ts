import { describe, expect, it } from "vitest";
import { isValidOn, selectScheduleVersion, type ValidityPeriod, validateScheduleVersions } from "./schedule-versions.js";

const period = (validFrom: string, validTo: string | null, name = validFrom) => ({ validFrom, validTo, name });

describe("selectScheduleVersion", () => {
  const versions = [period("2026-01-01", null, "new"), period("2020-01-01", "2026-01-01", "old")];

  it("treats validFrom as inclusive and validTo as exclusive", () => {
    expect(selectScheduleVersion(versions, "2020-01-01")?.name).toBe("old");
    expect(selectScheduleVersion(versions, "2025-12-31")?.name).toBe("old");
    expect(selectScheduleVersion(versions, "2026-01-01")?.name).toBe("new");
    expect(selectScheduleVersion(versions, "2040-06-30")?.name).toBe("new");
  });

  it("returns null before the first version or in a gap", () => {
    expect(selectScheduleVersion(versions, "2019-12-31")).toBeNull();
    expect(selectScheduleVersion([period("2020-01-01", "2021-01-01"), period("2021-02-01", null)], "2021-01-15")).toBeNull();
    expect(selectScheduleVersion([], "2024-01-01")).toBeNull();
  });

  it("prefers the most recently started version if a bad set overlaps", () => {
    const overlapping = [period("2020-01-01", null, "a"), period("2024-01-01", null, "b")];
    expect(selectScheduleVersion(overlapping, "2024-06-01")?.name).toBe("b");
    expect(isValidOn(period("2020-01-01", null), "2024-06-01")).toBe(true);
  });
});

describe("validateScheduleVersions", () => {
  const codes = (versions: ValidityPeriod[]) => validateScheduleVersions(versions).map((e) => [e.field, e.code]);

  it("accepts consecutive versions that meet exactly, in any order", () => {
    expect(codes([period("2022-01-01", "2024-01-01"), period("2024-01-01", null)])).toEqual([]);
    expect(codes([period("2024-01-01", null), period("2020-01-01", "2022-01-01"), period("2022-01-01", "2024-01-01")])).toEqual([]);
    expect(codes([period("2024-01-01", "2025-01-01")])).toEqual([]);
  });

  it("refuses overlapping versions", () => {
    expect(codes([period("2022-01-01", "2024-06-01"), period("2024-01-01", null)])).toEqual([["versions[1].validFrom", "OVERLAP"]]);
    expect(codes([period("2022-01-01", null), period("2024-01-01", null)])).toEqual([["versions[1].validFrom", "OVERLAP"]]);
    expect(codes([period("2024-01-01", null), period("2024-01-01", "2025-01-01")])).toEqual([["versions[1].validFrom", "OVERLAP"]]);
  });

  it("refuses a gap between versions", () => {
    const errors = validateScheduleVersions([period("2024-02-01", null), period("2022-01-01", "2024-01-01")]);
    expect(errors.map((e) => [e.field, e.code])).toEqual([["versions[0].validFrom", "GAP"]]);
    expect(errors[0]?.message).toEqual({
      sv: "Version 1: giltig från lämnar ett glapp efter version 2.",
      en: "Version 1: valid from leaves a gap after version 2.",
    });
  });

  it("refuses bad dates and empty periods", () => {
    expect(codes([period("2024-13-01", null)])).toEqual([["versions[0].validFrom", "INVALID_DATE"]]);
    expect(codes([period("2024-01-01", "2024-01-01")])).toEqual([["versions[0].validTo", "MUST_BE_AFTER"]]);
    expect(codes([period("2024-01-01", "2023-01-01")])).toEqual([["versions[0].validTo", "MUST_BE_AFTER"]]);
    expect(codes([period("2024-01-01", "soon")])).toEqual([["versions[0].validTo", "INVALID_DATE"]]);
    expect(codes([])).toEqual([["versions", "TOO_FEW"]]);
  });

  it("uses the caller's path", () => {
    expect(validateScheduleVersions([], "input.feeSchedules")[0]?.field).toBe("input.feeSchedules");
  });
});
