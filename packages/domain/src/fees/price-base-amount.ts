import { type FieldError, fieldError } from "../messages/field-error.js";
import { checkInteger } from "../validation/checks.js";

// The price base amount (prisbasbelopp, PBB) is set by the government for each calendar year.
// It is platform data that an administrator extends every year; the rules only look it up.

export interface PriceBaseAmount {
  readonly year: number;
  readonly amountKronor: number;
}

/** Year → amount in whole kronor. */
export type PriceBaseAmounts = ReadonlyMap<number, number>;

/** Builds the lookup table, refusing two amounts for the same year (which one would a claim use?). */
export function priceBaseAmountTable(rows: readonly PriceBaseAmount[]): PriceBaseAmounts {
  const table = new Map<number, number>();
  for (const { year, amountKronor } of rows) {
    if (table.has(year)) throw new RangeError(`Two price base amounts for ${year}`);
    table.set(year, amountKronor);
  }
  return table;
}

/** The amount in kronor for `year`, or null when the table has not been extended to that year yet. */
export function priceBaseAmountFor(year: number, table: PriceBaseAmounts): number | null {
  return table.get(year) ?? null;
}

const YEAR_LABEL = { sv: "År", en: "Year" } as const;
const AMOUNT_LABEL = { sv: "Prisbasbelopp", en: "Price base amount" } as const;

/** Checks a new row an administrator adds to the table. */
export function validatePriceBaseAmount(row: PriceBaseAmount, existing: PriceBaseAmounts, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  if (checkInteger(errors, `${path}.year`, YEAR_LABEL, row.year, { min: 1960, max: 2200 }) && existing.has(row.year)) {
    errors.push(fieldError(`${path}.year`, "DUPLICATE", YEAR_LABEL));
  }
  checkInteger(errors, `${path}.amountKronor`, AMOUNT_LABEL, row.amountKronor, { min: 1, max: 10_000_000 });
  return errors;
}
