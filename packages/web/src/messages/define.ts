/**
 * One area's messages: Swedish first, and English with exactly the same keys (a missing one fails the typecheck).
 * Keys are prefixed with the area's name (`admin…`, `pool…`) so areas never overwrite each other's words.
 */
export function defineMessages<const Sv extends Record<string, string>>(sv: Sv, en: Record<keyof Sv, string>) {
  return { sv, en };
}
