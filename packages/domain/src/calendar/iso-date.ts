// Dates in the domain are calendar dates ("2024-03-14") in the tenant's time zone, kept as
// ISO strings: they compare correctly as strings and never shift with the server's zone.

export const DEFAULT_TIME_ZONE = "Europe/Stockholm";

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY-MM-DD", refusing dates that do not exist (2023-02-29). */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && parseIsoDate(value) !== null;
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// Building an Intl.DateTimeFormat costs far more than using one (tens of microseconds: a request that dated a few
// hundred things spent milliseconds here), and a process sees a handful of time zones: one per zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    // Only a zone Intl accepts gets here (the constructor throws otherwise), and there are a few hundred of those.
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date of an instant as seen in `timeZone` (an occasion at 00:30 Swedish time belongs to that day). */
export function isoDateInTimeZone(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const parts = dateFormatIn(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate({ year: part("year"), month: part("month"), day: part("day") });
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO 8601 date-time that carries its offset ("2024-03-14T09:00:00+01:00" or "…Z").
 * A time without an offset is refused: its meaning would depend on the server's time zone.
 */
export function parseIsoDateTime(value: string): Date | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match || parseIsoDate(match[1] ?? "") === null) return null;
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
