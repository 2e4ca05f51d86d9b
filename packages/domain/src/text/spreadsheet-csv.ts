import { type Options, stringify } from "csv-stringify/sync";

// Every CSV Medverkan writes is opened in a spreadsheet by someone (an analyst, a payroll clerk), and many of its
// cells hold text other people typed: names, municipalities, unit names. A spreadsheet evaluates a cell that starts
// with = + - @ (and, in some programs, a tab or carriage return before them) as a formula, which can run commands
// (DDE, `=cmd|…`) or send the sheet's contents away (`=HYPERLINK("http://…"&A1)`). OWASP's CSV injection advice: prefix
// such a cell with a single quote so it is shown as text. Spreadsheets skip leading whitespace and invisible
// characters and read full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) as the ASCII ones, so the guard looks past
// those too.

/** The characters that start a formula (OWASP), plus the tab and carriage return that programs skip before them. */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** Minus-like characters NFKC does not fold to "-" but some programs still read as a sign. */
const MINUS_LOOKALIKES = new Set(["\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\uFE58"]);

/** Whitespace, control and invisible format characters (zero-width space, BOM, bidi marks) a reader does not see. */
const IGNORED_LEADING = /^[\s\p{Cc}\p{Cf}]+/u;

/** A plain number (a negative amount, say) is a value, not a formula: "-250,00" stays as it is. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/u;

/** True when a spreadsheet could read the text as a formula. */
export function startsLikeFormula(value: string): boolean {
  if (value.length === 0) return false;
  if (value[0] === "\t" || value[0] === "\r") return true;
  if (PLAIN_NUMBER.test(value)) return false;
  const rest = value.replace(IGNORED_LEADING, "");
  if (rest.length === 0) return false;
  const first = String.fromCodePoint(rest.codePointAt(0) as number);
  return FORMULA_START.has(first) || FORMULA_START.has(first.normalize("NFKC")) || MINUS_LOOKALIKES.has(first);
}

/** The text as a spreadsheet must show it: with a leading single quote when it could be read as a formula. */
export function spreadsheetText(value: string): string {
  return startsLikeFormula(value) ? `'${value}` : value;
}

/** UTF-8 byte-order mark: without it Excel on Swedish Windows reads a CSV as Windows-1252 and garbles å, ä and ö. */
export const BYTE_ORDER_MARK = "\uFEFF";

/** A number as Swedish spreadsheets read it: a decimal comma, no grouping (0.85 → "0,85", -3 → "-3"). */
export function decimalComma(value: number): string {
  if (!Number.isFinite(value)) return "";
  return String(value).replace(".", ",");
}

/**
 * CSV for spreadsheets, as Excel on Swedish Windows opens it with a double click: a UTF-8 byte-order mark, `;` between
 * cells, a decimal comma in numbers and CRLF line ends (csv-stringify quotes what needs quoting). Every text cell goes
 * through spreadsheetText. The only way Medverkan writes CSV, so no export can forget the guard or the format.
 */
export function spreadsheetCsv(rows: readonly (readonly unknown[])[] | readonly Record<string, unknown>[], options: Options = {}): string {
  return (
    BYTE_ORDER_MARK +
    stringify(rows as unknown[], {
      delimiter: ";",
      record_delimiter: "windows",
      ...options,
      cast: { number: (value) => decimalComma(value), ...options.cast, string: (value) => spreadsheetText(value) },
    })
  );
}
