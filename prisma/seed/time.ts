// Dates of the demo data. Occasions, sessions and deadlines are wall-clock times in Europe/Stockholm (every tenant's
// time zone), converted to instants here so that "13:00" stays 13:00 on both sides of a daylight-saving change.
// Relative dates ("three weeks ago", "in a month") are counted in Stockholm calendar days from the seed's
// reference day, so that the demo always has recent history and upcoming occasions whenever it is started.

const TIME_ZONE = "Europe/Stockholm";
const DAY_MS = 86_400_000;

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function stockholmParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes Stockholm is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = stockholmParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** The instant of a Stockholm wall-clock time, e.g. `stockholm("2022-02-17", "16:30")`. */
export function stockholm(date: IsoDate, time = "00:00"): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Two passes settle the offset also for times right after a change.
  let instant = wall - offsetMinutes(new Date(wall)) * 60_000;
  instant = wall - offsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The Stockholm calendar date of an instant. */
export function stockholmDate(instant: Date): IsoDate {
  const p = stockholmParts(instant);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A `@db.Date` value: midnight UTC of the calendar date, which is how Prisma reads and writes DATE columns. */
export function dateOnly(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The start (00:00 Stockholm) of the day `instant` falls on: the default reference time of the seed. */
export function startOfStockholmDay(instant: Date): Date {
  return stockholm(stockholmDate(instant));
}

/** Relative dates from one reference day. */
export class Calendar {
  readonly today: IsoDate;

  constructor(readonly now: Date) {
    this.today = stockholmDate(now);
  }

  /** The calendar date `days` from today. */
  day(days: number): IsoDate {
    return addDays(this.today, days);
  }

  /** The instant of a wall-clock time `days` from today. */
  at(days: number, time: string): Date {
    return stockholm(this.day(days), time);
  }
}
