import { describe, expect, it } from "vitest";
import { daysInMonth, formatIsoDate, isIsoDate, isoDateInTimeZone, parseIsoDate, parseIsoDateTime } from "./iso-date.js";

describe("ISO dates", () => {
  it("parses real dates only", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2024-04-31")).toBeNull();
    expect(parseIsoDate("2024-13-01")).toBeNull();
    expect(parseIsoDate("2024-00-10")).toBeNull();
    expect(parseIsoDate("2024-1-5")).toBeNull();
    expect(parseIsoDate("2024-01-05T00:00")).toBeNull();
    expect(isIsoDate("2024-01-05")).toBe(true);
    expect(isIsoDate(20240105)).toBe(false);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(formatIsoDate({ year: 987, month: 3, day: 4 })).toBe("0987-03-04");
  });

  it("reads an instant as a Swedish calendar date", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
    expect(isoDateInTimeZone(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
    // Summer time: 22:30 UTC is 00:30 the next day.
    expect(isoDateInTimeZone(new Date("2024-06-30T22:30:00Z"))).toBe("2024-07-01");
    expect(isoDateInTimeZone(new Date("2024-06-30T21:30:00Z"))).toBe("2024-06-30");
    expect(isoDateInTimeZone(new Date("2024-06-30T21:30:00Z"), "UTC")).toBe("2024-06-30");
  });

  it("parses date-times only with an offset", () => {
    expect(parseIsoDateTime("2022-02-17T16:30:00+01:00")?.toISOString()).toBe("2022-02-17T15:30:00.000Z");
    expect(parseIsoDateTime("2022-02-17T16:30+01:00")?.toISOString()).toBe("2022-02-17T15:30:00.000Z");
    expect(parseIsoDateTime("2022-02-17T15:30:00.250Z")?.toISOString()).toBe("2022-02-17T15:30:00.250Z");
    expect(parseIsoDateTime("2022-02-17T16:30:00")).toBeNull();
    expect(parseIsoDateTime("2022-02-30T16:30:00Z")).toBeNull();
    expect(parseIsoDateTime("2022-02-17T24:30:00Z")).toBeNull();
    expect(parseIsoDateTime("2022-02-17 16:30:00Z")).toBeNull();
    expect(parseIsoDateTime("tomorrow")).toBeNull();
  });
});
