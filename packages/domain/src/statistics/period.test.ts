import { describe, expect, it } from "vitest";
import { periodEnd, zonedMidnight } from "./period.js";

const STOCKHOLM = "Europe/Stockholm";
const LATER = new Date("2030-01-01T00:00:00Z");

describe("zonedMidnight", () => {
  it("is midnight on the 1st by the Swedish wall clock, in winter time and in summer time", () => {
    // Winter time (CET, UTC+1) in January and November; summer time (CEST, UTC+2) from the last Sunday of March.
    expect(zonedMidnight(2026, 1, STOCKHOLM).toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(zonedMidnight(2025, 3, STOCKHOLM).toISOString()).toBe("2025-02-28T23:00:00.000Z");
    expect(zonedMidnight(2025, 4, STOCKHOLM).toISOString()).toBe("2025-03-31T22:00:00.000Z");
    expect(zonedMidnight(2025, 10, STOCKHOLM).toISOString()).toBe("2025-09-30T22:00:00.000Z");
    expect(zonedMidnight(2025, 11, STOCKHOLM).toISOString()).toBe("2025-10-31T23:00:00.000Z");
  });

  it("works west of UTC and in UTC itself", () => {
    expect(zonedMidnight(2025, 4, "America/New_York").toISOString()).toBe("2025-04-01T04:00:00.000Z");
    expect(zonedMidnight(2025, 1, "America/New_York").toISOString()).toBe("2025-01-01T05:00:00.000Z");
    expect(zonedMidnight(2025, 7, "UTC").toISOString()).toBe("2025-07-01T00:00:00.000Z");
  });
});

describe("periodEnd", () => {
  it("ends a month, a quarter and a year at their last millisecond in Swedish time, across the changes of clock", () => {
    const end = (key: string) => periodEnd(2025, key, STOCKHOLM, LATER).toISOString();
    // March: winter time at its start (DST from 30 March), summer time at its end.
    expect(end("03")).toBe("2025-03-31T21:59:59.999Z");
    expect(end("Q1")).toBe("2025-03-31T21:59:59.999Z");
    // October: summer time at its start, winter time (from 26 October) at its end.
    expect(end("10")).toBe("2025-10-31T22:59:59.999Z");
    expect(end("09")).toBe("2025-09-30T21:59:59.999Z");
    expect(end("Q3")).toBe("2025-09-30T21:59:59.999Z");
    // February in winter time; the year, its last quarter and December alike.
    expect(end("02")).toBe("2025-02-28T22:59:59.999Z");
    expect(end("*")).toBe("2025-12-31T22:59:59.999Z");
    expect(end("Q4")).toBe("2025-12-31T22:59:59.999Z");
    expect(end("12")).toBe("2025-12-31T22:59:59.999Z");
    // A leap year's February.
    expect(periodEnd(2024, "02", STOCKHOLM, LATER).toISOString()).toBe("2024-02-29T22:59:59.999Z");
  });

  it("is now for a period not over yet, and the period's end for one that is", () => {
    const now = new Date("2025-06-15T10:00:00Z");
    expect(periodEnd(2025, "*", STOCKHOLM, now)).toEqual(now);
    expect(periodEnd(2025, "Q2", STOCKHOLM, now)).toEqual(now);
    expect(periodEnd(2025, "06", STOCKHOLM, now)).toEqual(now);
    expect(periodEnd(2025, "05", STOCKHOLM, now).toISOString()).toBe("2025-05-31T21:59:59.999Z");
    expect(periodEnd(2025, "Q1", STOCKHOLM, now).toISOString()).toBe("2025-03-31T21:59:59.999Z");
    // The last millisecond of a period is its end, not yet the next period's.
    const lastMillisecond = new Date("2025-05-31T21:59:59.999Z");
    expect(periodEnd(2025, "05", STOCKHOLM, lastMillisecond)).toEqual(lastMillisecond);
  });

  it("refuses a key that is no period of a year", () => {
    for (const key of ["", "Q0", "Q5", "00", "13", "3", "2025"]) expect(() => periodEnd(2025, key, STOCKHOLM, LATER)).toThrow(RangeError);
  });
});
