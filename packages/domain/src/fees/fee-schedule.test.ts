import { describe, expect, it } from "vitest";
import { jonkopingFeeSchedules, vgrFeeSchedules } from "../seed-data/regions.js";
import { categorize } from "./fee-schedule.js";

const jonkoping = jonkopingFeeSchedules[0];
const vgr = vgrFeeSchedules[0];

describe("categorize", () => {
  it("uses inclusive upper limits and exclusive lower limits", () => {
    if (!jonkoping) throw new Error("seed missing");
    expect(categorize(0, jonkoping)).toBeNull();
    expect(categorize(-5, jonkoping)).toBeNull();
    expect(categorize(Number.NaN, jonkoping)).toBeNull();
    expect(categorize(1, jonkoping)).toBe("SHORT");
    expect(categorize(120, jonkoping)).toBe("SHORT");
    expect(categorize(120.5, jonkoping)).toBe("HALF_DAY");
    expect(categorize(240, jonkoping)).toBe("HALF_DAY");
    expect(categorize(241, jonkoping)).toBe("FULL_DAY");
    expect(categorize(24 * 60, jonkoping)).toBe("FULL_DAY");
  });

  it("starts at the first category a schedule has", () => {
    if (!vgr) throw new Error("seed missing");
    expect(categorize(15, vgr)).toBe("HALF_DAY");
    expect(categorize(241, vgr)).toBe("FULL_DAY");
  });

  it("returns null past the last limit of a schedule without an open-ended category", () => {
    expect(categorize(300, { categories: [{ category: "SHORT", upToMinutes: 120, value: 1 }] })).toBeNull();
  });
});
