// The calendar of statistics: a year, its quarters and its months in the tenant's time zone. Flows are counted
// over a period; the pool is a stock, counted at the instant its period ends.

/**
 * A period within a year, as statistics name it: "*" for the whole year, "Q1".."Q4" for a quarter, "01".."12" for a
 * month (the keys of the time dimension of every cube).
 */
export type PeriodKey = string;

/** The last month (1–12) of a period of a year. */
function lastMonthOf(key: PeriodKey): number {
  if (key === "*") return 12;
  const quarter = /^Q([1-4])$/.exec(key);
  if (quarter) return Number(quarter[1]) * 3;
  if (/^(0[1-9]|1[0-2])$/.test(key)) return Number(key);
  throw new RangeError(`${key} is not a period of a year`);
}

/**
 * The instant a period ends (its last millisecond), or `now` for a period not over yet: the instant the pool is
 * counted for that period. `now` is the caller's clock, so the rule stays a function of its arguments.
 */
export function periodEnd(year: number, key: PeriodKey, timeZone: string, now: Date): Date {
  const month = lastMonthOf(key);
  const next = month === 12 ? zonedMidnight(year + 1, 1, timeZone) : zonedMidnight(year, month + 1, timeZone);
  return new Date(Math.min(next.getTime() - 1, now.getTime()));
}

/** Midnight at the start of the 1st of a month (1–12) in a time zone, as an instant. */
export function zonedMidnight(year: number, month: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, 1);
  // The instant whose wall clock reads `wall`: step back by the zone's offset, then once more by the offset at
  // that instant, in case the offset changes between the two (it never does at midnight on the 1st in Europe, whose
  // changes fall on the last Sunday of March and October at 01:00 UTC, but other zones differ).
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}
