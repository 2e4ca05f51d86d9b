import { describe, expect, it } from "vitest";
import { foldForComparison, isBlank, lineOrNull, normaliseLine, normaliseMultiline } from "./normalise.js";

describe("text normalisation", () => {
  it("collapses whitespace and composes characters in one-line text", () => {
    expect(normaliseLine("  Anna \t  Maria\n Svensson ")).toBe("Anna Maria Svensson");
    expect(normaliseLine("A\u030Asa")).toBe("Åsa");
    expect(normaliseLine("\u00A0Eva\u00A0")).toBe("Eva");
  });

  it("keeps paragraphs in free text", () => {
    expect(normaliseMultiline("  Rad ett  \r\n\r\n\r\n\r\n  rad   två \n")).toBe("Rad ett\n\nrad två");
  });

  it("treats whitespace-only text as missing", () => {
    expect(lineOrNull("   ")).toBeNull();
    expect(lineOrNull(undefined)).toBeNull();
    expect(lineOrNull(" Kalmar ")).toBe("Kalmar");
    expect(isBlank(" \n ")).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank("x")).toBe(false);
  });

  it("folds names for comparison", () => {
    expect(foldForComparison("Åsa  Öberg-Lind")).toBe("asa oberg lind");
    expect(foldForComparison("ÅSA ÖBERG LIND")).toBe("asa oberg lind");
    expect(foldForComparison("Søren Kierkegaard")).toBe("soren kierkegaard");
    expect(foldForComparison("Æbelø Straße")).toBe("aebelo strasse");
    expect(foldForComparison("José  García")).toBe("jose garcia");
    expect(foldForComparison(" O'Brien ")).toBe("o brien");
  });
});
