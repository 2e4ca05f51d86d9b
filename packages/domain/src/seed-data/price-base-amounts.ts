import type { PriceBaseAmount } from "../fees/price-base-amount.js";

/** Sweden's price base amount per year in kronor (SPEC §2, national model). Data for seeding and tests. */
export const NATIONAL_PRICE_BASE_AMOUNTS: readonly PriceBaseAmount[] = [
  { year: 2020, amountKronor: 47_300 },
  { year: 2021, amountKronor: 47_600 },
  { year: 2022, amountKronor: 48_300 },
  { year: 2023, amountKronor: 52_500 },
  { year: 2024, amountKronor: 57_300 },
  { year: 2025, amountKronor: 58_800 },
  { year: 2026, amountKronor: 59_200 },
];
