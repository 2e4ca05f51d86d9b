// Swedish personal identity numbers (personnummer, Skatteverket SKV 704) and coordination numbers (samordningsnummer,
// SKV 707): a birth date (the day plus 60 for a coordination number), a three-digit serial and a check digit by the
// Luhn algorithm over the ten digits YYMMDDNNN. Written with ten digits, `+` instead of `-` marks a person of 100 or more.

export type PersonalIdentityNumberKind = "PERSONNUMMER" | "SAMORDNINGSNUMMER";

export interface PersonalIdentityNumber {
  /** Twelve digits, YYYYMMDDNNNC, the form stored (encrypted) and compared. */
  readonly value: string;
  readonly kind: PersonalIdentityNumberKind;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
}

/** Why a text is not a valid number; never echoes the text itself (it is personal data). */
export type PersonalIdentityNumberProblem = "INVALID_FORMAT" | "INVALID_DATE" | "INVALID_CHECK_DIGIT";

export type PersonalIdentityNumberResult =
  | { readonly ok: true; readonly number: PersonalIdentityNumber }
  | { readonly ok: false; readonly problem: PersonalIdentityNumberProblem };

/** The Luhn check digit over nine digits (YYMMDDNNN). */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let index = 0; index < nineDigits.length; index++) {
    let digit = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

const FORMAT = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN` or `YYMMDDNNNN` (spaces ignored). Ten digits
 * get the century that puts the birth date on or before `today` (and a century earlier with `+`).
 */
export function parsePersonalIdentityNumber(text: string, today: Date = new Date()): PersonalIdentityNumberResult {
  const match = FORMAT.exec(text.replace(/\s+/g, ""));
  if (!match) return { ok: false, problem: "INVALID_FORMAT" };
  const [, century, yy, mm, dd, separator, serial, check] = match as unknown as string[];
  const month = Number(mm);
  const rawDay = Number(dd);
  const kind: PersonalIdentityNumberKind = rawDay > 60 ? "SAMORDNINGSNUMMER" : "PERSONNUMMER";
  const day = kind === "SAMORDNINGSNUMMER" ? rawDay - 60 : rawDay;

  let year: number;
  const thisYear = today.getUTCFullYear();
  if (century) {
    if (separator === "+") return { ok: false, problem: "INVALID_FORMAT" };
    year = Number(`${century}${yy}`);
  } else {
    year = Math.floor(thisYear / 100) * 100 + Number(yy);
    const birthdayThisCentury = Date.UTC(year, month - 1, Math.max(day, 1));
    if (birthdayThisCentury > today.getTime()) year -= 100;
    if (separator === "+") year -= 100;
  }
  if (year < 1850 || !isRealDate(year, month, day)) return { ok: false, problem: "INVALID_DATE" };
  if (Date.UTC(year, month - 1, day) > today.getTime()) return { ok: false, problem: "INVALID_DATE" };

  const nine = `${String(year % 100).padStart(2, "0")}${mm}${dd}${serial}`;
  if (luhnCheckDigit(nine) !== Number(check)) return { ok: false, problem: "INVALID_CHECK_DIGIT" };
  return {
    ok: true,
    number: {
      value: `${year}${mm}${dd}${serial}${check}`,
      kind,
      birthDate: `${year}-${mm}-${String(day).padStart(2, "0")}`,
    },
  };
}

/** How a number is shown: the date part, the last four hidden (`19800101-****`). */
export function maskPersonalIdentityNumber(twelveDigits: string): string {
  return /^\d{12}$/.test(twelveDigits) ? `${twelveDigits.slice(0, 8)}-****` : "********-****";
}

/** A valid made-up number (serial 980–999, as the Tax Agency's test numbers) for tests and development. */
export function exampleIdentityNumber(birthDate: string, serial = 982): string {
  const [year = "1980", month = "01", day = "01"] = birthDate.split("-");
  const nine = `${year.slice(2)}${month}${day}${String(serial).padStart(3, "0")}`;
  return `${year}${month}${day}${String(serial).padStart(3, "0")}${luhnCheckDigit(nine)}`;
}

/** Why a number was refused, for the person typing it (never repeating the number). */
export const PERSONAL_IDENTITY_NUMBER_MESSAGES: Readonly<Record<PersonalIdentityNumberProblem, { sv: string; en: string }>> = {
  INVALID_FORMAT: {
    sv: "Personnumret ska skrivas ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN).",
    en: "The personal identity number should be written YYYYMMDD-NNNN (or YYMMDD-NNNN).",
  },
  INVALID_DATE: {
    sv: "Personnumret innehåller inget giltigt födelsedatum.",
    en: "The personal identity number does not contain a valid date of birth.",
  },
  INVALID_CHECK_DIGIT: {
    sv: "Personnumrets kontrollsiffra stämmer inte. Kontrollera att det är rätt skrivet.",
    en: "The personal identity number's check digit does not match. Check that it is typed correctly.",
  },
};

/** The same number, typed twice in different forms, is the same person: compare the twelve-digit form. */
export const PERSONAL_IDENTITY_NUMBER_TAKEN_MESSAGE = {
  sv: "Personnumret är redan registrerat på en annan person i regionen.",
  en: "The personal identity number is already recorded for another person in the region.",
} as const;

/** A signed-in person typed another number than the one their e-identification vouches for. */
/** The region has chosen not to record personal identity numbers. */
export const PERSONAL_IDENTITY_NUMBER_NOT_COLLECTED_MESSAGE = {
  sv: "Regionen registrerar inte personnummer. Lämna fältet tomt.",
  en: "The region does not record personal identity numbers. Leave the field empty.",
} as const;

export const PERSONAL_IDENTITY_NUMBER_DIFFERS_MESSAGE = {
  sv: "Personnumret stämmer inte med det du loggade in med.",
  en: "The personal identity number does not match the one you signed in with.",
} as const;

/**
 * What a form's personal identity number becomes: nothing typed, a signed-in person's verified number, or the typed
 * one when valid — and, for a person signed in with a verified number, only that number.
 */
export function choosePersonalIdentityNumber(
  typed: string | null | undefined,
  verified: string | null | undefined,
  today: Date = new Date(),
):
  | { readonly ok: true; readonly value: string | null }
  | { readonly ok: false; readonly problem: PersonalIdentityNumberProblem | "DIFFERS_FROM_SIGN_IN" } {
  if (typed === null || typed === undefined || typed.trim() === "") return { ok: true, value: verified ?? null };
  const parsed = parsePersonalIdentityNumber(typed, today);
  if (!parsed.ok) return parsed;
  if (verified && verified !== parsed.number.value) return { ok: false, problem: "DIFFERS_FROM_SIGN_IN" };
  return { ok: true, value: parsed.number.value };
}
