import { createHash } from "node:crypto";
import { type Locale, safeFileName } from "@medverkan/domain";
import type { MailAttachment } from "../notification/mail-transport.js";
import { type CalendarEvent, calendarFile } from "./calendar.js";

// The calendar file sent with the e-mails that book someone for a time: the invitation and the assignment
// description (the request's occasions) and the introduction booking and its reminder. Built from the message's own
// data when it is sent, so it says what the e-mail says.

const CALENDAR_KINDS = new Set([
  "INVITATION",
  "ASSIGNMENT_DESCRIPTION",
  "INTRODUCTION_BOOKED",
  "INTRODUCTION_REMINDER",
  "INTAKE_APPOINTMENT_BOOKED",
  "INTAKE_APPOINTMENT_RESCHEDULED",
  "INTAKE_APPOINTMENT_REMINDER",
]);

/** The length a calendar shows for an intake appointment booked without an end (a conversation of about an hour). */
const DEFAULT_APPOINTMENT_MINUTES = 60;

const str = (value: unknown): string | null => (typeof value === "string" && value.length > 0 ? value : null);
const date = (value: unknown): Date | null => {
  const text = str(value);
  if (!text) return null;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};
const stableId = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);

export function calendarAttachment(
  kind: string,
  data: Readonly<Record<string, unknown>>,
  tenant: { name: string; timeZone: string; networkName: string | null },
  locale: Locale,
): MailAttachment[] {
  if (!CALENDAR_KINDS.has(kind)) return [];
  const where = [tenant.networkName, tenant.name].filter(Boolean).join(", ");
  const events: CalendarEvent[] = [];
  let name: string;
  if (kind.startsWith("INTAKE_APPOINTMENT_")) {
    name = locale === "sv" ? "Introduktionsmöte" : "Introduction meeting";
    const startsAt = date(data.startsAt);
    if (!startsAt) return [];
    events.push({
      // The appointment's own id: a reschedule's file replaces the booking's event in the person's calendar.
      uid: `intake-appointment-${str(data.appointmentId) ?? stableId(name, startsAt.toISOString())}@medverkan`,
      startsAt,
      endsAt: date(data.endsAt) ?? new Date(startsAt.getTime() + DEFAULT_APPOINTMENT_MINUTES * 60_000),
      summary: tenant.networkName ? `${name}, ${tenant.networkName}` : name,
      description: where,
      location: str(data.place),
      url: str(data.digitalLink),
      cancelled: false,
    });
  } else if (kind === "INTRODUCTION_BOOKED" || kind === "INTRODUCTION_REMINDER") {
    name = str(data.sessionTitle) ?? (locale === "sv" ? "Introduktion" : "Introduction");
    const startsAt = date(data.startsAt);
    const endsAt = date(data.endsAt);
    // Messages queued before sessions carried their end have no calendar file rather than a guessed one.
    if (!startsAt || !endsAt) return [];
    events.push({
      uid: `training-session-${str(data.sessionId) ?? stableId(name, startsAt.toISOString())}@medverkan`,
      startsAt,
      endsAt,
      summary: name,
      description: where,
      location: str(data.place),
      url: str(data.digitalLink),
      cancelled: false,
    });
  } else {
    name = str(data.requestTitle) ?? (locale === "sv" ? "Uppdrag" : "Assignment");
    const occasions = Array.isArray(data.occasions) ? (data.occasions as Array<Record<string, unknown>>) : [];
    for (const occasion of occasions) {
      const startsAt = date(occasion.startsAt);
      const endsAt = date(occasion.endsAt);
      if (!startsAt || !endsAt) continue;
      events.push({
        uid: `occasion-${str(occasion.id) ?? stableId(name, startsAt.toISOString())}@medverkan`,
        startsAt,
        endsAt,
        summary: name,
        description: where,
        location: str(occasion.place),
        url: str(occasion.digitalLink),
        cancelled: false,
      });
    }
  }
  if (events.length === 0) return [];
  return [
    {
      filename: safeFileName(name, "ics"),
      content: calendarFile({ name, timeZone: tenant.timeZone, stampedAt: new Date(), events }),
      contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    },
  ];
}
