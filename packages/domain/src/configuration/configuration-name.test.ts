import { describe, expect, it } from "vitest";
import type { FieldError } from "../messages/field-error.js";
import { checkConfigurationName, checkSourceDocument, isSameConfigurationName } from "./configuration-name.js";

describe("configuration names", () => {
  it("stores a name on one line, trimmed", () => {
    const errors: FieldError[] = [];
    expect(checkConfigurationName(errors, "  Nationell   modell ", "input.name")).toBe("Nationell modell");
    expect(errors).toEqual([]);
  });

  it("requires a name of at most 100 characters", () => {
    const errors: FieldError[] = [];
    expect(checkConfigurationName(errors, "   ", "input.name")).toBeNull();
    expect(checkConfigurationName(errors, "x".repeat(101), "input.name")).toBeNull();
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.name", "REQUIRED"],
      ["input.name", "TOO_LONG"],
    ]);
    expect(errors[0]?.message).toEqual({ sv: "Namn måste fyllas i.", en: "Name is required." });
  });

  it("keeps the source document optional", () => {
    const errors: FieldError[] = [];
    expect(checkSourceDocument(errors, null, "input.sourceDocument")).toBeNull();
    expect(checkSourceDocument(errors, "RJL 2017-08-23", "input.sourceDocument")).toBe("RJL 2017-08-23");
    expect(checkSourceDocument(errors, "x".repeat(501), "input.sourceDocument")).toBeNull();
    expect(errors.map((error) => error.code)).toEqual(["TOO_LONG"]);
  });

  it("treats names that differ only in case, accents or punctuation as the same", () => {
    expect(isSameConfigurationName("Arvode Jönköping", "arvode jonkoping")).toBe(true);
    expect(isSameConfigurationName("Standard-formulär", "standard formular")).toBe(true);
    expect(isSameConfigurationName("Arvode 2024", "Arvode 2025")).toBe(false);
  });
});
