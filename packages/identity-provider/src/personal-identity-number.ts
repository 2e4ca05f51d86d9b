import { randomInt } from "node:crypto";

/** The Luhn check digit over the ten digits YYMMDDNNN (the century is not part of the check). */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let index = 0; index < nineDigits.length; index++) {
    let digit = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A made-up, valid personnummer (12 digits, YYYYMMDDNNNC) for a development citizen: an adult born 1950–2005, with a
 * serial in the 980–999 range the Swedish Tax Agency's test numbers also use, so it is unlikely to be anyone's.
 */
export function generatePersonalIdentityNumber(random: (min: number, max: number) => number = randomInt): string {
  const year = random(1950, 2006);
  const month = random(1, 13);
  const day = random(1, 29);
  const serial = random(980, 1000);
  const nine = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${serial}`;
  return `${year}${nine.slice(2)}${luhnCheckDigit(nine)}`;
}

/**
 * A typed personnummer or samordningsnummer (`YYYYMMDD-NNNN` or twelve digits) as the twelve digits a BankID broker
 * would send, or null when it is not one (format, date with +60 for a samordningsnummer, check digit).
 */
export function normalisePersonalIdentityNumber(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$/.exec(text.replace(/\s+/g, ""));
  if (!match) return null;
  const [, year, month, day, serial, check] = match as unknown as string[];
  const realDay = Number(day) > 60 ? Number(day) - 60 : Number(day);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, realDay));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== realDay || date.getTime() > Date.now()) return null;
  const nine = `${String(year).slice(2)}${month}${day}${serial}`;
  return luhnCheckDigit(nine) === Number(check) ? `${year}${month}${day}${serial}${check}` : null;
}
