// Text arrives from web forms, postal registrations typed in by a coordinator and spreadsheets
// migrated from the old routines; the same name can be typed in many ways.

/**
 * One-line text: composed Unicode (so "å" typed as a + ring equals "å"), every run of
 * whitespace a single space, no leading or trailing space.
 */
export function normaliseLine(value: string): string {
  return value.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Free text that may keep its paragraphs: trims each line and allows at most one empty line in a row. */
export function normaliseMultiline(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/gu, "\n")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/gu, " ").trim())
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

/** Null for null, undefined and text that is only whitespace; otherwise the normalised line. */
export function lineOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const line = normaliseLine(value);
  return line === "" ? null : line;
}

export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === "";
}

// Letters that Unicode decomposition does not reduce to a base letter.
const FOLDS: Readonly<Record<string, string>> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", þ: "th" };

/**
 * Comparison key for names: lower case, accents removed, punctuation and hyphens as spaces.
 * "Åsa  Öberg-Lind" and "asa oberg lind" give the same key. Lossy on purpose — it is only
 * used to find records a coordinator should look at, never to decide identity on its own.
 */
export function foldForComparison(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øæœßłđþ]/gu, (letter) => FOLDS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
