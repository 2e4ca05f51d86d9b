import { isoDateInTimeZone, parseIsoDate } from "../calendar/iso-date.js";
import type { LocalizedText } from "../messages/locale.js";

// Members give a birth date or, on paper forms, often only a birth year.

export interface Birth {
  readonly birthDate?: string | null;
  readonly birthYear?: number | null;
}

/**
 * Age in whole years on `on` (an ISO date, or an instant read as a Swedish calendar date).
 * With only a birth year we cannot know whether this year's birthday has passed, so we assume
 * it has not — the youngest possible age — except on 31 December. Erring young means a
 * borderline 17-or-18-year-old is asked for guardian consent rather than slipping through.
 * Null when nothing is known or the date is before the birth.
 */
export function ageOn(birth: Birth, on: string | Date): number | null {
  const today = parseIsoDate(typeof on === "string" ? on : isoDateInTimeZone(on));
  if (today === null) return null;
  if (birth.birthDate) {
    const born = parseIsoDate(birth.birthDate);
    if (born === null) return null;
    const birthdayPassed = today.month > born.month || (today.month === born.month && today.day >= born.day);
    const age = today.year - born.year - (birthdayPassed ? 0 : 1);
    return age < 0 ? null : age;
  }
  if (typeof birth.birthYear === "number" && Number.isInteger(birth.birthYear)) {
    const lastDayOfYear = today.month === 12 && today.day === 31;
    const age = today.year - birth.birthYear - (lastDayOfYear ? 0 : 1);
    return today.year < birth.birthYear ? null : Math.max(age, 0);
  }
  return null;
}

export const AGE_BANDS = ["AGE_UNDER_18", "AGE_18_29", "AGE_30_49", "AGE_50_64", "AGE_65_79", "AGE_80_PLUS"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Bands for statistics and for spreading invitations across ages; wide enough not to single anyone out. */
export function ageBand(age: number): AgeBand {
  if (age < 18) return "AGE_UNDER_18";
  if (age < 30) return "AGE_18_29";
  if (age < 50) return "AGE_30_49";
  if (age < 65) return "AGE_50_64";
  if (age < 80) return "AGE_65_79";
  return "AGE_80_PLUS";
}

export const AGE_BAND_LABELS: Readonly<Record<AgeBand, LocalizedText>> = {
  AGE_UNDER_18: { sv: "Under 18 år", en: "Under 18" },
  AGE_18_29: { sv: "18–29 år", en: "18–29" },
  AGE_30_49: { sv: "30–49 år", en: "30–49" },
  AGE_50_64: { sv: "50–64 år", en: "50–64" },
  AGE_65_79: { sv: "65–79 år", en: "65–79" },
  AGE_80_PLUS: { sv: "80 år och äldre", en: "80 and over" },
};
