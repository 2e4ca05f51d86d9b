import { describe, expect, it } from "vitest";
import { formatBasisPoints, formatMinutes, formatNumber, formatOre } from "./format.js";

describe("formatting for explanations", () => {
  it("formats öre as kronor in each language", () => {
    expect(formatOre(206_300, "sv")).toBe("2 063 kr");
    expect(formatOre(206_280, "sv")).toBe("2 062,80 kr");
    expect(formatOre(206_300, "en")).toBe("SEK 2,063");
    expect(formatOre(206_280, "en")).toBe("SEK 2,062.80");
    expect(formatOre(5, "sv")).toBe("0,05 kr");
    expect(formatOre(123_456_789, "sv")).toBe("1 234 567,89 kr");
    expect(formatOre(-1_050, "en")).toBe("-SEK 10.50");
  });

  it("formats basis points as per cent", () => {
    expect(formatBasisPoints(360, "sv")).toBe("3,6 %");
    expect(formatBasisPoints(360, "en")).toBe("3.6%");
    expect(formatBasisPoints(3000, "sv")).toBe("30 %");
    expect(formatBasisPoints(3142, "en")).toBe("31.42%");
  });

  it("formats minutes and numbers", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(150)).toBe("2 h 30 min");
    expect(formatNumber(42.5, "sv")).toBe("42,5");
    expect(formatNumber(42.5, "en")).toBe("42.5");
  });
});
