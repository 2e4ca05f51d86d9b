import type { Locale } from "../messages/locale.js";
import {
  FEE_CLAIM_STATUS_MESSAGE_LABELS,
  INVITATION_ANSWER_MESSAGE_LABELS,
  NOTIFICATION_CATALOGUE,
  type NotificationKind,
} from "./kinds.js";
import { formatMessageDate, formatMessageDateTime } from "./render.js";

// The in-app inbox beside e-mail (issue 17). The same events that queue an e-mail leave a line in the inbox of
// each person who reads it in Medverkan: the member it is to, or the staff behind the mailbox it goes to (the
// network's coordinators, the requesting unit's requesters). The line is short and carries no personal data: the
// title, what it is about (a request's title, a date, a status), and the id of the thing it concerns, which the
// person then opens through the normal, authorised queries (where reading a member's details is audited as usual).

/** Who reads a kind in Medverkan; null: nobody (guardians have no account; a claim code is for someone not signed in). */
export type InboxAudience = "MEMBER" | "NETWORK_COORDINATORS" | "UNIT_REQUESTERS";

export function inboxAudience(kind: NotificationKind): InboxAudience | null {
  if (kind === "ACCOUNT_CLAIM_CODE") return null;
  switch (NOTIFICATION_CATALOGUE[kind].audience) {
    case "MEMBER":
      return "MEMBER";
    case "COORDINATOR":
      return "NETWORK_COORDINATORS";
    case "UNIT":
      return "UNIT_REQUESTERS";
    case "GUARDIAN":
      return null;
  }
}

/**
 * The variables an inbox line keeps, per kind: never names, addresses, phone numbers, messages written by people
 * or codes. Everything else in the e-mail's data is dropped before the row is written.
 */
export const INBOX_VARIABLES: Readonly<Record<NotificationKind, readonly string[]>> = {
  ACCOUNT_CLAIM_CODE: [],
  REGISTRATION_RECEIVED: [],
  REGISTRATION_QUEUED: ["receivedAt"],
  GUARDIAN_CONSENT_NEEDED: [],
  INTRODUCTION_BOOKED: ["sessionTitle", "startsAt"],
  INTRODUCTION_REMINDER: ["sessionTitle", "startsAt"],
  INTAKE_APPOINTMENT_BOOKED: ["startsAt"],
  INTAKE_APPOINTMENT_RESCHEDULED: ["startsAt", "previousStartsAt"],
  INTAKE_APPOINTMENT_REMINDER: ["startsAt"],
  INVITATION: ["requestTitle", "expiresAt"],
  INVITATION_ANSWERED: ["requestTitle", "answer"],
  CONTACT_DETAILS_RELEASED: ["requestTitle"],
  ASSIGNMENT_DESCRIPTION: ["requestTitle"],
  OCCASION_REMINDER: ["requestTitle", "startsAt"],
  FEEDBACK_REQUESTED: ["requestTitle"],
  FEE_CLAIM_STATUS_CHANGED: ["requestTitle", "occasionDate", "status"],
};

/** The kept variables of an event's data (strings only). */
export function inboxData(kind: NotificationKind, data: Readonly<Record<string, unknown>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of INBOX_VARIABLES[kind]) {
    const value = data[name];
    if (typeof value === "string" && value !== "") kept[name] = value;
  }
  return kept;
}

const label = (labels: Readonly<Record<string, { sv: string; en: string }>>, code: string | undefined, locale: Locale) =>
  (code ? labels[code]?.[locale] : undefined) ?? code ?? "";

/** The inbox line's title: the e-mail's title, in the reader's language. */
export function inboxTitle(kind: NotificationKind, locale: Locale): string {
  return NOTIFICATION_CATALOGUE[kind].title[locale];
}

/** One sentence saying what happened, in the reader's language and the tenant's time zone. */
export function inboxSummary(kind: NotificationKind, data: Readonly<Record<string, string>>, locale: Locale, timeZone?: string): string {
  const sv = locale === "sv";
  const title = data.requestTitle ?? "";
  const at = (name: string) => (data[name] ? formatMessageDateTime(data[name] as string, locale, timeZone) : "");
  switch (kind) {
    case "ACCOUNT_CLAIM_CODE":
    case "GUARDIAN_CONSENT_NEEDED":
      return inboxTitle(kind, locale);
    case "REGISTRATION_RECEIVED":
      return sv ? "Vi har tagit emot din intresseanmälan." : "We have received your registration.";
    case "REGISTRATION_QUEUED":
      return sv
        ? `En ny intresseanmälan väntar på handläggning (${at("receivedAt")}).`
        : `A new registration awaits handling (${at("receivedAt")}).`;
    case "INTRODUCTION_BOOKED":
      return sv
        ? `Du har fått en plats på ${data.sessionTitle ?? "introduktionen"}, ${at("startsAt")}.`
        : `You have a place at ${data.sessionTitle ?? "the introduction"}, ${at("startsAt")}.`;
    case "INTRODUCTION_REMINDER":
      return sv
        ? `Påminnelse: ${data.sessionTitle ?? "introduktionen"} börjar ${at("startsAt")}.`
        : `Reminder: ${data.sessionTitle ?? "the introduction"} starts ${at("startsAt")}.`;
    case "INTAKE_APPOINTMENT_BOOKED":
      return sv ? `Ditt introduktionsmöte är bokat till ${at("startsAt")}.` : `Your introduction meeting is booked for ${at("startsAt")}.`;
    case "INTAKE_APPOINTMENT_RESCHEDULED":
      return sv
        ? `Ditt introduktionsmöte är flyttat från ${at("previousStartsAt")} till ${at("startsAt")}.`
        : `Your introduction meeting has been moved from ${at("previousStartsAt")} to ${at("startsAt")}.`;
    case "INTAKE_APPOINTMENT_REMINDER":
      return sv
        ? `Påminnelse: ditt introduktionsmöte börjar ${at("startsAt")}.`
        : `Reminder: your introduction meeting starts ${at("startsAt")}.`;
    case "INVITATION":
      return sv
        ? `Du är tillfrågad om att medverka i ”${title}”. Svara senast ${at("expiresAt")}.`
        : `You are asked to take part in "${title}". Answer by ${at("expiresAt")}.`;
    case "INVITATION_ANSWERED":
      return sv
        ? `En tillfrågad har ${label(INVITATION_ANSWER_MESSAGE_LABELS, data.answer, locale)} till ”${title}”.`
        : `An invited person has ${label(INVITATION_ANSWER_MESSAGE_LABELS, data.answer, locale)} "${title}".`;
    case "CONTACT_DETAILS_RELEASED":
      return sv
        ? `Kontaktuppgifter till en medverkande i ”${title}” finns nu under förfrågan.`
        : `Contact details of a participant in "${title}" are now on the request.`;
    case "ASSIGNMENT_DESCRIPTION":
      return sv
        ? `Uppdragsbeskrivningen för ”${title}” finns under dina uppdrag.`
        : `The description of "${title}" is under your assignments.`;
    case "OCCASION_REMINDER":
      return sv ? `Påminnelse: ”${title}” börjar ${at("startsAt")}.` : `Reminder: "${title}" starts ${at("startsAt")}.`;
    case "FEEDBACK_REQUESTED":
      return sv ? `Berätta gärna hur ”${title}” gick.` : `Please tell us how "${title}" went.`;
    case "FEE_CLAIM_STATUS_CHANGED": {
      const date = data.occasionDate ? formatMessageDate(data.occasionDate, locale) : "";
      const status = label(FEE_CLAIM_STATUS_MESSAGE_LABELS, data.status, locale);
      return sv ? `Arvodet för ”${title}” ${date} är ${status}.` : `The fee claim for "${title}" on ${date} is ${status}.`;
    }
  }
}
