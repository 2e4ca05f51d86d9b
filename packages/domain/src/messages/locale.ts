// Every message a person reads exists in Swedish and English (SPEC §5). Swedish is the
// default because every tenant is a Swedish region.

export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export interface LocalizedText {
  readonly sv: string;
  readonly en: string;
}

export const DEFAULT_LOCALE: Locale = "sv";

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/**
 * Picks the best supported locale from a language tag or an Accept-Language header
 * ("en-GB,en;q=0.9,sv;q=0.8"). Anything unsupported or missing falls back to Swedish.
 */
export function resolveLocale(preference: string | null | undefined): Locale {
  if (!preference) return DEFAULT_LOCALE;
  const ranked = preference
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      const language = tag.trim().toLowerCase().split("-")[0];
      return { language, weight: Number.isNaN(weight) ? 0 : weight, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { language } of ranked) {
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}
