import { describe, expect, it } from "vitest";
import { exampleIdentityNumber } from "../../identity/personal-identity-number.js";
import {
  asksForBankAccount,
  deserialiseBankAccount,
  maskBankAccount,
  parseBankAccount,
  parseEmployeeNumber,
  serialiseBankAccount,
} from "./bank-account.js";

// Rules from Bankgirot, "Bankernas kontonummeruppbyggnad" (2024-02-22 edition, as the `kontonummer` package carries it):
// - type 1, comment 1 (e.g. SEB 5000–5999): clearing + 7-digit account, modulus 11 over the last three clearing
//   digits and the account;
// - type 2, comment 2 (Handelsbanken 6000–6999): up to 9 digits, modulus 11 over the account;
// - type 2, comment 1 (Nordea personkonto 3300): the 10-digit personal identity number, modulus 10;
// - type 2, comment 3 (Swedbank 8000–8999): a five-digit clearing number 8xxx-C with its own modulus-10 check digit,
//   and up to 10 account digits with a modulus-10 check digit.
describe("a Swedish bank account", () => {
  it("accepts valid accounts of each kind of rule, whatever the spacing and hyphens", () => {
    expect(parseBankAccount("5491", "000 000 3")).toEqual({
      ok: true,
      account: { clearingNumber: "5491", accountNumber: "0000003", bankName: "SEB" },
    });
    expect(parseBankAccount("6000", "123 456 789")).toMatchObject({ ok: true, account: { bankName: "Handelsbanken" } });
    expect(parseBankAccount("8327-9", "914 323 111-7")).toEqual({
      ok: true,
      account: { clearingNumber: "83279", accountNumber: "9143231117", bankName: "Swedbank" },
    });
    const personkonto = exampleIdentityNumber("1980-01-01").slice(2);
    expect(parseBankAccount("3300", personkonto)).toMatchObject({ ok: true, account: { bankName: "Nordea", accountNumber: personkonto } });
  });

  it("refuses a wrong check digit in the account (type 1 and type 2)", () => {
    expect(parseBankAccount("5491", "0000004")).toEqual({ ok: false, problem: "INVALID_ACCOUNT_NUMBER" });
    expect(parseBankAccount("6000", "123456788")).toEqual({ ok: false, problem: "INVALID_ACCOUNT_NUMBER" });
    expect(parseBankAccount("8327-9", "914 323 111-8")).toEqual({ ok: false, problem: "INVALID_ACCOUNT_NUMBER" });
    const personkonto = exampleIdentityNumber("1980-01-01").slice(2);
    const wrong = `${personkonto.slice(0, 9)}${(Number(personkonto.slice(9)) + 1) % 10}`;
    expect(parseBankAccount("3300", wrong)).toEqual({ ok: false, problem: "INVALID_ACCOUNT_NUMBER" });
  });

  it("refuses a wrong length for the bank (a type 1 account has exactly 7 digits)", () => {
    expect(parseBankAccount("5491", "00000003")).toEqual({ ok: false, problem: "INVALID_ACCOUNT_NUMBER" });
  });

  it("refuses a clearing number no bank has, and a Swedbank clearing number with a wrong check digit", () => {
    expect(parseBankAccount("9999", "1234567")).toEqual({ ok: false, problem: "UNKNOWN_CLEARING_NUMBER" });
    expect(parseBankAccount("8327-8", "914 323 111-7")).toEqual({ ok: false, problem: "UNKNOWN_CLEARING_NUMBER" });
  });

  it("refuses letters, an empty field and impossible lengths as a format error", () => {
    expect(parseBankAccount("12a4", "1234567")).toEqual({ ok: false, problem: "FORMAT" });
    expect(parseBankAccount("5491", "")).toEqual({ ok: false, problem: "FORMAT" });
    expect(parseBankAccount("549", "0000003")).toEqual({ ok: false, problem: "FORMAT" });
    expect(parseBankAccount("54911", "0000003")).toEqual({ ok: false, problem: "FORMAT" });
  });

  it("is shown masked: the clearing number and the last four digits", () => {
    expect(maskBankAccount({ clearingNumber: "83279", accountNumber: "9143231117" })).toBe("8327-9, ••••••1117");
    expect(maskBankAccount({ clearingNumber: "5491", accountNumber: "0000003" })).toBe("5491, •••0003");
  });

  it("is stored as digits, and read back", () => {
    const stored = serialiseBankAccount({ clearingNumber: "83279", accountNumber: "9143231117" });
    expect(stored).toBe("83279,9143231117");
    expect(deserialiseBankAccount(stored)).toEqual({ clearingNumber: "83279", accountNumber: "9143231117" });
    expect(deserialiseBankAccount("garbage")).toBeNull();
  });
});

describe("an employee number", () => {
  it("is 1–20 digits, letters and inner hyphens, upper-cased", () => {
    expect(parseEmployeeNumber(" 10234 ")).toEqual({ ok: true, value: "10234" });
    expect(parseEmployeeNumber("ab-12")).toEqual({ ok: true, value: "AB-12" });
    expect(parseEmployeeNumber("")).toEqual({ ok: false, problem: "FORMAT" });
    expect(parseEmployeeNumber("-12")).toEqual({ ok: false, problem: "FORMAT" });
    expect(parseEmployeeNumber("12 34")).toEqual({ ok: false, problem: "FORMAT" });
    expect(parseEmployeeNumber("1".repeat(21))).toEqual({ ok: false, problem: "FORMAT" });
  });
});

describe("asking for a bank account", () => {
  it("happens where the region pays to a registered account and the member has none", () => {
    expect(asksForBankAccount({ paysByBankAccount: true }, { hasBankAccount: false })).toBe(true);
    expect(asksForBankAccount({ paysByBankAccount: true }, { hasBankAccount: true })).toBe(false);
    expect(asksForBankAccount({ paysByBankAccount: false }, { hasBankAccount: false })).toBe(false);
  });
});
