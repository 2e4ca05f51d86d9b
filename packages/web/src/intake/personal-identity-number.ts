// The date of birth a Swedish personal identity number (personnummer, or samordningsnummer: the day plus 60) carries,
// for the registration form: it shows the guardian's fields as soon as the number says the person is a minor, and
// fills in the birth date the network's age rules are checked against. The API checks the number itself again.

const pad = (n: number) => String(n).padStart(2, "0");

function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let index = 0; index < tenDigits.length; index++) {
    let digit = Number(tenDigits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * YYYY-MM-DD from YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDDNNNN (a `+` for someone 100 or older); null when
 * the text is not such a number (format, real date not in the future, check digit).
 */
export function birthDateOfPersonalIdentityNumber(text: string, now = new Date()): string | null {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(text.replace(/\s+/g, ""));
  if (!match) return null;
  const [, century, yy, mm, dd, sign, serial, check] = match as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!luhnValid(`${yy}${mm}${dd}${serial}${check}`)) return null;
  let year: number;
  if (century !== undefined) year = Number(`${century}${yy}`);
  else {
    // The latest year with these two digits that is not in the future; `+` means a hundred years earlier.
    year = Math.floor(now.getFullYear() / 100) * 100 + Number(yy);
    if (year > now.getFullYear()) year -= 100;
    if (sign === "+") year -= 100;
  }
  const month = Number(mm);
  const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (date.getTime() > now.getTime()) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}
