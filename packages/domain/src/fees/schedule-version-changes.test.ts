import { describe, expect, it } from "vitest";
import { nextDay, planVersionAppend, planVersionWithdrawal, validityStatus } from "./schedule-version-changes.js";

const version = (id: string, validFrom: string, validTo: string | null = null) => ({ id, validFrom, validTo });
const period = (validFrom: string, validTo: string | null = null) => ({ validFrom, validTo });

describe("validityStatus and nextDay", () => {
  it("tells past, in-force and upcoming versions apart (validTo exclusive)", () => {
    expect(validityStatus(period("2020-01-01", "2024-01-01"), "2024-01-01")).toBe("PAST");
    expect(validityStatus(period("2020-01-01", "2024-01-01"), "2023-12-31")).toBe("IN_FORCE");
    expect(validityStatus(period("2024-01-01"), "2024-01-01")).toBe("IN_FORCE");
    expect(validityStatus(period("2024-01-02"), "2024-01-01")).toBe("UPCOMING");
  });

  it("steps over month, year and leap-day boundaries", () => {
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2023-02-28")).toBe("2023-03-01");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(() => nextDay("2026-13-01")).toThrow(RangeError);
  });
});

describe("planVersionAppend", () => {
  const today = "2026-11-22";
  const current = version("current", "2022-01-01");

  it("closes the open-ended version on the new version's first day", () => {
    const plan = planVersionAppend([current], period("2027-01-01"), today);
    expect(plan).toEqual({ ok: true, closes: { version: current, validTo: "2027-01-01" } });
  });

  it("allows a version from tomorrow, but never from today or earlier: history is not rewritten", () => {
    expect(planVersionAppend([current], period("2026-11-23"), today).ok).toBe(true);
    expect(planVersionAppend([current], period("2026-11-22"), today)).toEqual({
      ok: false,
      reason: "IN_FORCE",
      earliestValidFrom: "2026-11-23",
    });
    expect(planVersionAppend([current], period("2021-01-01"), today)).toMatchObject({ ok: false, reason: "IN_FORCE" });
  });

  it("appends after a closed version when the two meet exactly, closing nothing", () => {
    const closed = version("closed", "2022-01-01", "2027-01-01");
    expect(planVersionAppend([closed], period("2027-01-01"), today)).toEqual({ ok: true, closes: null });
  });

  it("refuses a gap after a closed version, naming the version it fails to meet", () => {
    const closed = version("closed", "2022-01-01", "2027-01-01");
    expect(planVersionAppend([closed], period("2027-02-01"), today)).toEqual({ ok: false, reason: "GAP", conflictsWith: closed });
  });

  it("refuses a version that would start inside an upcoming one", () => {
    const past = version("past", "2022-01-01", "2027-01-01");
    const upcoming = version("upcoming", "2027-01-01");
    expect(planVersionAppend([past, upcoming], period("2026-12-01"), today)).toEqual({
      ok: false,
      reason: "OVERLAP",
      conflictsWith: past,
    });
    expect(planVersionAppend([past, upcoming], period("2027-01-01"), today)).toEqual({
      ok: false,
      reason: "OVERLAP",
      conflictsWith: upcoming,
    });
  });

  it("accepts a new version with an end of its own", () => {
    const closed = version("closed", "2022-01-01", "2027-01-01");
    expect(planVersionAppend([closed], period("2027-01-01", "2027-06-01"), today)).toEqual({ ok: true, closes: null });
    expect(planVersionAppend([current], period("2027-01-01", "2027-06-01"), today)).toEqual({
      ok: true,
      closes: { version: current, validTo: "2027-01-01" },
    });
  });

  it("accepts a first version on a schedule without any", () => {
    expect(planVersionAppend([], period("2027-01-01"), today)).toEqual({ ok: true, closes: null });
  });
});

describe("planVersionWithdrawal", () => {
  const today = "2026-11-22";
  const past = version("past", "2022-01-01", "2027-01-01");
  const upcoming = version("upcoming", "2027-01-01");

  it("withdraws an upcoming latest version and reopens the one before it", () => {
    expect(planVersionWithdrawal([past, upcoming], upcoming, today)).toEqual({ ok: true, reopens: { version: past, validTo: null } });
  });

  it("gives the reopened version the withdrawn version's own end", () => {
    const closedUpcoming = version("upcoming", "2027-01-01", "2028-01-01");
    expect(planVersionWithdrawal([past, closedUpcoming], closedUpcoming, today)).toEqual({
      ok: true,
      reopens: { version: past, validTo: "2028-01-01" },
    });
  });

  it("never withdraws a version in force or past", () => {
    expect(planVersionWithdrawal([past, upcoming], past, today)).toEqual({ ok: false, reason: "IN_FORCE" });
    const fromToday = version("today", "2026-11-22");
    expect(planVersionWithdrawal([version("a", "2022-01-01", "2026-11-22"), fromToday], fromToday, today)).toEqual({
      ok: false,
      reason: "IN_FORCE",
    });
  });

  it("withdraws only the latest version, and never the only one", () => {
    const first = version("first", "2027-01-01", "2028-01-01");
    const second = version("second", "2028-01-01");
    expect(planVersionWithdrawal([first, second], first, today)).toEqual({ ok: false, reason: "LATER_VERSION_EXISTS" });
    const only = version("only", "2027-01-01");
    expect(planVersionWithdrawal([only], only, today)).toEqual({ ok: false, reason: "ONLY_VERSION" });
  });
});
