import { describe, expect, it } from "vitest";
import {
  choosePersonalIdentityNumber,
  exampleIdentityNumber,
  luhnCheckDigit,
  maskPersonalIdentityNumber,
  PERSONAL_IDENTITY_NUMBER_MESSAGES,
  parsePersonalIdentityNumber,
} from "./personal-identity-number.js";

const today = new Date("2026-12-06T12:00:00Z");
const parse = (text: string) => parsePersonalIdentityNumber(text, today);

describe("personal identity numbers", () => {
  it("accepts the Tax Agency's example in every written form and stores twelve digits", () => {
    // 811218-9876 is the Tax Agency's own example (SKV 704).
    for (const text of ["811218-9876", "8112189876", "19811218-9876", "198112189876", " 19811218 9876 "]) {
      const result = parse(text);
      expect(result.ok, text).toBe(true);
      if (result.ok) expect(result.number).toEqual({ value: "198112189876", kind: "PERSONNUMMER", birthDate: "1981-12-18" });
    }
  });

  it("computes the Luhn check digit over YYMMDDNNN", () => {
    expect(luhnCheckDigit("811218987")).toBe(6);
  });

  it("refuses a wrong check digit, an impossible date and a wrong format", () => {
    expect(parse("811218-9877")).toEqual({ ok: false, problem: "INVALID_CHECK_DIGIT" });
    expect(parse("19810230-1234")).toEqual({ ok: false, problem: "INVALID_DATE" });
    expect(parse("19811318-9876")).toEqual({ ok: false, problem: "INVALID_DATE" });
    expect(parse("abc")).toEqual({ ok: false, problem: "INVALID_FORMAT" });
    expect(parse("19811218+9876")).toEqual({ ok: false, problem: "INVALID_FORMAT" });
    expect(parse("19811218987")).toEqual({ ok: false, problem: "INVALID_FORMAT" });
  });

  it("reads a coordination number: the day plus 60", () => {
    const number = exampleIdentityNumber("1990-05-07").replace(/^(\d{6})07/, "$167");
    const nine = number.slice(2, 11);
    const valid = `${number.slice(0, 11)}${luhnCheckDigit(nine)}`;
    const result = parse(valid);
    expect(result.ok && result.number.kind).toBe("SAMORDNINGSNUMMER");
    expect(result.ok && result.number.birthDate).toBe("1990-05-07");
    expect(parse(`${valid.slice(0, 6)}92${valid.slice(8)}`).ok).toBe(false);
  });

  it("puts ten digits in the century that is not in the future, and a century earlier with +", () => {
    const young = exampleIdentityNumber("2020-03-04").slice(2);
    const result = parse(`${young.slice(0, 6)}-${young.slice(6)}`);
    expect(result.ok && result.number.value.slice(0, 4)).toBe("2020");
    const old = exampleIdentityNumber("1920-03-04").slice(2);
    const plus = parse(`${old.slice(0, 6)}+${old.slice(6)}`);
    expect(plus.ok && plus.number.value.slice(0, 4)).toBe("1920");
    expect(parse(exampleIdentityNumber("2027-01-01")).ok).toBe(false);
  });

  it("masks all but the birth date", () => {
    expect(maskPersonalIdentityNumber("198112189876")).toBe("19811218-****");
  });
});

describe("messages for a refused number", () => {
  it("exist in Swedish and English for every problem and never contain digits of a number", () => {
    for (const problem of ["INVALID_FORMAT", "INVALID_DATE", "INVALID_CHECK_DIGIT"] as const) {
      const message = PERSONAL_IDENTITY_NUMBER_MESSAGES[problem];
      expect(message.sv.length).toBeGreaterThan(10);
      expect(message.en.length).toBeGreaterThan(10);
      expect(`${message.sv}${message.en}`).not.toMatch(/\d{4}/);
    }
  });
});

describe("choosing the number a form records", () => {
  const typed = exampleIdentityNumber("1985-03-12");
  it("takes the typed number in any written form, or the verified one when nothing is typed", () => {
    expect(choosePersonalIdentityNumber(`${typed.slice(2, 8)}-${typed.slice(8)}`, null, today)).toEqual({ ok: true, value: typed });
    expect(choosePersonalIdentityNumber(undefined, typed, today)).toEqual({ ok: true, value: typed });
    expect(choosePersonalIdentityNumber("  ", null, today)).toEqual({ ok: true, value: null });
  });
  it("refuses a malformed number, and another number than the signed-in person's verified one", () => {
    expect(choosePersonalIdentityNumber("19850312-0000", null, today)).toEqual({ ok: false, problem: "INVALID_CHECK_DIGIT" });
    expect(choosePersonalIdentityNumber("abc", null, today)).toEqual({ ok: false, problem: "INVALID_FORMAT" });
    expect(choosePersonalIdentityNumber(typed, exampleIdentityNumber("1990-01-01"), today)).toEqual({
      ok: false,
      problem: "DIFFERS_FROM_SIGN_IN",
    });
  });
});
