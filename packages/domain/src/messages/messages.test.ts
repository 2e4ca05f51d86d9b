import { describe, expect, it } from "vitest";
import { FIELD_ERROR_CODES, fieldError, fieldErrorMessage, itemLabel, nestedLabel } from "./field-error.js";
import { DEFAULT_LOCALE, isLocale, localize, resolveLocale } from "./locale.js";

const email = { sv: "E-postadress", en: "E-mail address" };

describe("locale", () => {
  it("picks the text of a locale", () => {
    expect(localize({ sv: "Hej", en: "Hello" }, "sv")).toBe("Hej");
    expect(localize({ sv: "Hej", en: "Hello" }, "en")).toBe("Hello");
  });

  it("resolves language tags and Accept-Language headers, defaulting to Swedish", () => {
    expect(DEFAULT_LOCALE).toBe("sv");
    expect(resolveLocale("en")).toBe("en");
    expect(resolveLocale("en-GB")).toBe("en");
    expect(resolveLocale("sv-SE")).toBe("sv");
    expect(resolveLocale("de-DE,en;q=0.8,sv;q=0.9")).toBe("sv");
    expect(resolveLocale("fi, en;q=0.5")).toBe("en");
    expect(resolveLocale("en;q=0, sv;q=0")).toBe("sv");
    expect(resolveLocale("fr")).toBe("sv");
    expect(resolveLocale("")).toBe("sv");
    expect(resolveLocale(null)).toBe("sv");
    expect(isLocale("en")).toBe(true);
    expect(isLocale("EN")).toBe(false);
  });
});

describe("field errors", () => {
  it("has a message in both languages for every code, naming the field", () => {
    for (const code of FIELD_ERROR_CODES) {
      const message = fieldErrorMessage(code, email, { min: 1, max: 3, other: { sv: "x", en: "x" } });
      expect(message.sv, code).toMatch(/^E-postadress/);
      expect(message.en, code).toMatch(/^E-mail address/);
      expect(message.sv, code).not.toBe(message.en);
      expect(message.sv, code).not.toContain("undefined");
      expect(message.en, code).not.toContain("undefined");
    }
  });

  it("builds a field error with its path, code and message", () => {
    expect(fieldError("input.email", "INVALID_EMAIL", email)).toEqual({
      field: "input.email",
      code: "INVALID_EMAIL",
      message: { sv: "E-postadress är inte en giltig e-postadress.", en: "E-mail address is not a valid e-mail address." },
    });
  });

  it("puts limits and comparisons in the message", () => {
    const name = { sv: "Förnamn", en: "Given name" };
    expect(fieldErrorMessage("TOO_LONG", name, { max: 100 }).sv).toBe("Förnamn får vara högst 100 tecken.");
    expect(fieldErrorMessage("OUT_OF_RANGE", name, { min: 1, max: 50 }).en).toBe("Given name must be between 1 and 50.");
    expect(fieldErrorMessage("OUT_OF_RANGE", name, { min: 1 }).sv).toBe("Förnamn måste vara minst 1.");
    expect(fieldErrorMessage("OUT_OF_RANGE", name, { max: 9 }).en).toBe("Given name must be at most 9.");
    expect(
      fieldErrorMessage("MUST_BE_AFTER", { sv: "Sluttid", en: "End time" }, { other: { sv: "starttiden", en: "the start time" } }),
    ).toEqual({ sv: "Sluttid måste vara senare än starttiden.", en: "End time must be later than the start time." });
  });

  it("appends a hint", () => {
    expect(fieldErrorMessage("REQUIRED", email, { hint: { sv: "Vi behöver den.", en: "We need it." } })).toEqual({
      sv: "E-postadress måste fyllas i. Vi behöver den.",
      en: "E-mail address is required. We need it.",
    });
  });

  it("labels list items and nested fields", () => {
    const occasion = itemLabel({ sv: "Tillfälle", en: "Occasion" }, 1);
    expect(occasion).toEqual({ sv: "Tillfälle 2", en: "Occasion 2" });
    expect(nestedLabel(occasion, { sv: "Sluttid", en: "End time" })).toEqual({
      sv: "Tillfälle 2: sluttid",
      en: "Occasion 2: end time",
    });
    // Acronyms keep their capitals.
    expect(nestedLabel(occasion, { sv: "PBB-år", en: "PBB year" }).en).toBe("Occasion 2: PBB year");
  });
});
