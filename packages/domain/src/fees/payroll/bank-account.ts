import { parse as parseKontonummer } from "kontonummer";
import type { LocalizedText } from "../../messages/locale.js";

// Issue 21: a member's bank account for payment of fees (Kalmar: "first-timers register a bank account for payment").
// Swedish bank accounts are a clearing number (clearingnummer, 4 digits; Swedbank's 8xxx carry a fifth, check digit)
// and an account number whose length and check digit depend on the bank. The rules are Bankgirot's "Bankernas
// kontonummeruppbyggnad" (the clearing-number ranges of each bank, type 1 accounts = clearing + 7 digits checked with
// modulus 11 over the clearing and the account (comment 1: the last three clearing digits, comment 2: all four),
// type 2 accounts = the bank's own length checked with modulus 10 (comment 1 and 3) or modulus 11 (comment 2)). They
// are kept up to date in the `kontonummer` package (Bankgirot's 2024-02-22 edition), which this module wraps: the
// package is maintained, MIT-licensed and has no dependencies of its own.

export type BankAccountProblem = "FORMAT" | "UNKNOWN_CLEARING_NUMBER" | "INVALID_ACCOUNT_NUMBER";

export const BANK_ACCOUNT_PROBLEMS: readonly BankAccountProblem[] = ["FORMAT", "UNKNOWN_CLEARING_NUMBER", "INVALID_ACCOUNT_NUMBER"];

/** Why an account was refused, for the person typing it (never repeating the number). */
export const BANK_ACCOUNT_MESSAGES: Readonly<Record<BankAccountProblem, LocalizedText>> = {
  FORMAT: {
    sv: "Ange clearingnummer (4 siffror, Swedbank ibland 5: 8327-9) och kontonummer med bara siffror, mellanslag och bindestreck.",
    en: "Enter the clearing number (4 digits, Swedbank sometimes 5: 8327-9) and the account number using only digits, spaces and hyphens.",
  },
  UNKNOWN_CLEARING_NUMBER: {
    sv: "Clearingnumret hör inte till någon svensk bank. Kontrollera det med din bank.",
    en: "The clearing number belongs to no Swedish bank. Check it with your bank.",
  },
  INVALID_ACCOUNT_NUMBER: {
    sv: "Kontonumret stämmer inte för den banken (fel antal siffror eller fel kontrollsiffra).",
    en: "The account number is not valid for that bank (wrong number of digits or wrong check digit).",
  },
};

export interface BankAccount {
  /** Digits only: four, or five for Swedbank's 8xxx-x. */
  readonly clearingNumber: string;
  /** Digits only, as the bank numbers the account. */
  readonly accountNumber: string;
  readonly bankName: string;
}

export type BankAccountResult = { ok: true; account: BankAccount } | { ok: false; problem: BankAccountProblem };

const ALLOWED = /^[\d\s-]+$/;

/**
 * Validates a Swedish bank account by Bankgirot's rules, strictly: a clearing number of a known bank (Swedbank's
 * five-digit 8xxx-C with its own check digit), the bank's account length and the account's check digit. Bankgirot
 * notes that a few old Swedbank accounts carry no verifiable check digit; such an account is refused here too
 * (accepting any check digit for every Swedbank account would let most typing errors through), and is given to the
 * payroll office directly.
 */
export function parseBankAccount(clearing: string, account: string): BankAccountResult {
  const clearingText = clearing.trim();
  const accountText = account.trim();
  if (!ALLOWED.test(clearingText) || !ALLOWED.test(accountText)) return { ok: false, problem: "FORMAT" };
  const clearingDigits = clearingText.replace(/\D/g, "");
  const accountDigits = accountText.replace(/\D/g, "");
  if (!/^\d{4,5}$/.test(clearingDigits) || accountDigits.length < 2 || accountDigits.length > 15) return { ok: false, problem: "FORMAT" };
  if (clearingDigits.length === 5 && !clearingDigits.startsWith("8")) return { ok: false, problem: "FORMAT" };
  try {
    const parsed = parseKontonummer(clearingDigits, accountDigits, { mode: "strict" });
    return { ok: true, account: { clearingNumber: parsed.sortingCode, accountNumber: parsed.accountNumber, bankName: parsed.bankName } };
  } catch (error) {
    // The library says which part failed: no bank with that clearing number, or a five-digit Swedbank clearing number
    // with a wrong check digit, is the clearing number's fault; everything else the account number's.
    return { ok: false, problem: /sorting code/i.test(String(error)) ? "UNKNOWN_CLEARING_NUMBER" : "INVALID_ACCOUNT_NUMBER" };
  }
}

/** The clearing number as banks print it: `8327-9` for Swedbank's five digits, else the four digits. */
export function formatClearingNumber(clearingNumber: string): string {
  return clearingNumber.length === 5 ? `${clearingNumber.slice(0, 4)}-${clearingNumber.slice(4)}` : clearingNumber;
}

/**
 * What the API shows of an account: the clearing number (it names the bank, not the person) and the last four digits
 * of the account, `8327-9, ••••••1117`.
 */
export function maskBankAccount(account: Pick<BankAccount, "clearingNumber" | "accountNumber">): string {
  const digits = account.accountNumber;
  const shown = digits.slice(-4);
  return `${formatClearingNumber(account.clearingNumber)}, ${"•".repeat(Math.max(digits.length - shown.length, 0))}${shown}`;
}

/** The stored (then encrypted) form: `clearing,account`, digits only. */
export function serialiseBankAccount(account: Pick<BankAccount, "clearingNumber" | "accountNumber">): string {
  return `${account.clearingNumber},${account.accountNumber}`;
}

export function deserialiseBankAccount(text: string): { clearingNumber: string; accountNumber: string } | null {
  const match = /^(\d{4,5}),(\d{2,15})$/.exec(text);
  return match ? { clearingNumber: match[1] as string, accountNumber: match[2] as string } : null;
}

/**
 * Whether an invitation asks the member to register a bank account: where the region pays fees to an account the
 * member registers (Kalmar, seed 003: "Personer som inte medverkat tidigare informeras om att gå in och registrera sitt
 * konto för utbetalning av arvode") and the member has none registered yet — a first-timer, or anyone who removed it.
 */
export function asksForBankAccount(tenant: { readonly paysByBankAccount: boolean }, member: { readonly hasBankAccount: boolean }): boolean {
  return tenant.paysByBankAccount && !member.hasBankAccount;
}

// Employee number (anställningsnummer): the payroll system's own key for a person. Systems differ (Heroma, Personec,
// Hogia, Fortnox: digits, sometimes letters); PAXml's `anstid` is free text. Kept to what every system can store.

export type EmployeeNumberProblem = "FORMAT";

export const EMPLOYEE_NUMBER_MESSAGES: Readonly<Record<EmployeeNumberProblem, LocalizedText>> = {
  FORMAT: {
    sv: "Anställningsnumret får ha 1–20 tecken: siffror, bokstäver A–Z och bindestreck.",
    en: "The employee number may have 1–20 characters: digits, letters A–Z and hyphens.",
  },
};

export const EMPLOYEE_NUMBER_TAKEN_MESSAGE: LocalizedText = {
  sv: "Någon annan i regionen har redan det anställningsnumret.",
  en: "Someone else in the region already has that employee number.",
};

export type EmployeeNumberResult = { ok: true; value: string } | { ok: false; problem: EmployeeNumberProblem };

export function parseEmployeeNumber(text: string): EmployeeNumberResult {
  const value = text.trim().toUpperCase();
  return /^[0-9A-Z](?:[0-9A-Z-]{0,18}[0-9A-Z])?$/.test(value) ? { ok: true, value } : { ok: false, problem: "FORMAT" };
}
