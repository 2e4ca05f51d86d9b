import { TZDate } from "@date-fns/tz";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod } from "ical-generator";

// iCalendar files (RFC 5545) for occasions and introduction sessions, written with ical-generator: times in the
// tenant's zone (Europe/Stockholm) with TZID and the zone's VTIMEZONE block, so a calendar shows 09:00 as 09:00
// whatever zone the reader's device is in, and summer time is right on both sides of the change.

export interface CalendarEvent {
  /** Stable: the same occasion gives the same UID, so a calendar updates the event instead of doubling it. */
  readonly uid: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly summary: string;
  readonly description: string | null;
  readonly location: string | null;
  readonly url: string | null;
  readonly cancelled: boolean;
  /** RFC 5545 SEQUENCE: raised with each new time of the same event, so a calendar takes the later file. */
  readonly sequence?: number;
}

export function calendarFile(options: { name: string; timeZone: string; stampedAt: Date; events: readonly CalendarEvent[] }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "Medverkan", product: "Medverkan", language: "SV" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: options.timeZone, generator: getVtimezoneComponent },
  });
  for (const event of options.events) {
    calendar.createEvent({
      id: event.uid,
      // A TZDate, so ical-generator writes the wall-clock time of the zone (a plain Date would be read in the
      // server's own zone).
      start: new TZDate(event.startsAt.getTime(), options.timeZone),
      end: new TZDate(event.endsAt.getTime(), options.timeZone),
      timezone: options.timeZone,
      summary: event.summary,
      description: event.description ?? undefined,
      location: event.location ?? undefined,
      url: event.url ?? undefined,
      status: event.cancelled ? ("CANCELLED" as never) : ("CONFIRMED" as never),
      stamp: new TZDate(options.stampedAt.getTime(), options.timeZone),
      ...(event.sequence !== undefined ? { sequence: event.sequence } : {}),
    });
  }
  return calendar.toString();
}
