// Phone numbers are stored in E.164 ("+46701234567") so that the same number typed as
// "070-123 45 67", "+46 70 123 45 67" or "0046 70 123 45 67" is one number — for duplicate
// detection, and so that text messages can be sent without guessing.

/** Swedish national significant numbers have 7–9 digits after the trunk 0; mobile numbers (07…) exactly 9. */
function swedishNational(digits: string): string | null {
  // "+46 070 …" is a common slip: the trunk 0 does not belong after the country code.
  const national = digits.startsWith("0") ? digits.slice(1) : digits;
  if (!/^[1-9]\d{6,8}$/.test(national)) return null;
  if (national.startsWith("7") && national.length !== 9) return null;
  return `+46${national}`;
}

/**
 * The number in E.164, or null if it cannot be read. Numbers without a country code are read as
 * Swedish (they must start with the trunk 0); other countries must be written with + or 00.
 */
export function normalisePhoneNumber(value: string): string | null {
  const text = value.normalize("NFKC").trim().replace(/\(0\)/g, "");
  if (text === "" || /[^\d\s\-+()./]/.test(text) || text.lastIndexOf("+") > 0) return null;
  const digits = text.replace(/\D/g, "");
  let international: string;
  if (text.startsWith("+")) international = digits;
  else if (digits.startsWith("00")) international = digits.slice(2);
  else if (digits.startsWith("0")) return swedishNational(digits);
  else return null;
  if (international.startsWith("46")) return swedishNational(international.slice(2));
  // E.164 allows at most 15 digits, country code included, and no country code starts with 0.
  return /^[1-9]\d{6,14}$/.test(international) ? `+${international}` : null;
}
