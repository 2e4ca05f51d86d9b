import type { FeeRounding } from "./fee-schedule.js";

/**
 * An exact amount in öre as a fraction. Shares of the price base amount are rarely whole öre
 * (0.5 % of 57 300 kr is 286.50 kr, and pro-rated minutes make it worse), so amounts stay exact
 * until the schedule's rounding rule is applied once.
 */
export interface ExactOre {
  readonly numerator: number;
  readonly denominator: number;
}

export const exactOre = (numerator: number, denominator = 1): ExactOre => ({ numerator, denominator });

/** `amount × factor / divisor`, still exact. */
export function scale(amount: ExactOre, factor: number, divisor = 1): ExactOre {
  return { numerator: amount.numerator * factor, denominator: amount.denominator * divisor };
}

/** Integer quotient and remainder of non-negative integers, correcting any floating-point slip. */
function divide(numerator: number, denominator: number): { quotient: number; remainder: number } {
  let quotient = Math.floor(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  return { quotient, remainder };
}

/**
 * Rounds a non-negative exact amount to whole öre as the schedule says. Half-even matters:
 * Jönköping's 0.5 % of 57 300 kr is 286.50 kr, which the region publishes as 286 kr, while
 * 2 062.80 kr is published as 2 063 kr. EXACT_ORE keeps the öre (half an öre rounds up).
 */
export function roundOre({ numerator, denominator }: ExactOre, rounding: FeeRounding): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`Cannot round ${numerator}/${denominator} öre`);
  }
  const unit = rounding === "EXACT_ORE" ? 1 : 100;
  const divisor = denominator * unit;
  const { quotient, remainder } = divide(numerator, divisor);
  const twice = 2 * remainder;
  let units = quotient;
  switch (rounding) {
    case "DOWN_TO_KRONA":
      break;
    case "NEAREST_KRONA_HALF_UP":
    case "EXACT_ORE":
      if (twice >= divisor) units += 1;
      break;
    case "NEAREST_KRONA_HALF_EVEN":
      if (twice > divisor || (twice === divisor && quotient % 2 === 1)) units += 1;
      break;
  }
  return units * unit;
}
