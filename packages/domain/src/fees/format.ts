import type { Locale } from "../messages/locale.js";

// Formatting for the explanation of a fee, written by hand rather than with Intl so that the
// text is the same on every machine (Intl's Swedish output uses narrow no-break spaces that
// vary between ICU versions).

function group(integer: number, separator: string): string {
  return String(integer).replace(/\B(?=(\d{3})+(?!\d))/gu, separator);
}

/** "2 063 kr" or "2 062,80 kr" in Swedish; "SEK 2,063" or "SEK 2,062.80" in English. */
export function formatOre(ore: number, locale: Locale): string {
  const sign = ore < 0 ? "-" : "";
  const absolute = Math.abs(Math.round(ore));
  const kronor = Math.floor(absolute / 100);
  const cents = absolute % 100;
  const fraction = cents === 0 ? "" : String(cents).padStart(2, "0");
  if (locale === "sv") return `${sign}${group(kronor, " ")}${fraction ? `,${fraction}` : ""} kr`;
  return `${sign}SEK ${group(kronor, ",")}${fraction ? `.${fraction}` : ""}`;
}

/** 360 → "3,6 %" / "3.6%". */
export function formatBasisPoints(basisPoints: number, locale: Locale): string {
  const percent = String(basisPoints / 100);
  return locale === "sv" ? `${percent.replace(".", ",")} %` : `${percent}%`;
}

/** 150 → "2 h 30 min"; 120 → "2 h"; 45 → "45 min" (the same in both languages). */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** 42.5 → "42,5" / "42.5". */
export function formatNumber(value: number, locale: Locale): string {
  return locale === "sv" ? String(value).replace(".", ",") : String(value);
}
