import Mustache from "mustache";
import { DEFAULT_TIME_ZONE } from "../calendar/iso-date.js";
import { formatOre } from "../fees/format.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { Locale, LocalizedText } from "../messages/locale.js";
import { type NotificationKind, type TemplateVariable, variablesOf } from "./kinds.js";

// Rendering rules. Messages are plain text (text/plain; UTF-8): no markup to escape, so values are inserted as they
// are — but with control characters removed, and a subject is always one line (a value with a line break must not
// be able to add a mail header). Templates are Mustache, which has no code to run; a template may name only the
// variables of its kind, never a partial, and keeps the standard delimiters, so what a tenant admin saves is what
// the preview shows.

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 10_000;
/** The fields of one occasion inside `{{#occasions}}…{{/occasions}}`. */
const OCCASION_FIELDS = ["startsAt", "endsAt", "place", "digitalLink"] as const;

/** Raw values as stored in the outbox: strings, numbers (öre), codes, ISO instants, lists of occasions. */
export type NotificationData = Readonly<Record<string, unknown>>;

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
}

export interface RenderOptions {
  readonly locale: Locale;
  readonly timeZone?: string;
  /** The tenant's signature in the message's language, added under the body after the standard "-- " line. */
  readonly signature?: string | null;
  /**
   * The front end's address. Links are stored as paths (`/invitations/<id>?answer=accept`) and become absolute here,
   * so the outbox never holds a host name and a moved front end needs no data migration.
   */
  readonly appBaseUrl?: string | null;
}

type Token = [string, string, number, number, Token[]?, number?];

/** Field errors for a template a tenant admin wants to save; empty when it is fine. */
export function validateTemplate(kind: NotificationKind, template: { subject: string; body: string }): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(variablesOf(kind).map((variable) => variable.name));
  const lists = new Set(
    variablesOf(kind)
      .filter((variable) => variable.type === "OCCASIONS")
      .map((variable) => variable.name),
  );
  const hint: LocalizedText = {
    sv: `Tillåtna variabler: ${[...known].join(", ")}.`,
    en: `Allowed variables: ${[...known].join(", ")}.`,
  };
  const check = (field: "subject" | "body", value: string, max: number, label: LocalizedText) => {
    if (value.trim() === "") {
      errors.push(fieldError(`input.${field}`, "REQUIRED", label));
      return;
    }
    if (value.length > max) {
      errors.push(fieldError(`input.${field}`, "TOO_LONG", label, { max }));
      return;
    }
    if (field === "subject" && /[\r\n]/u.test(value)) {
      errors.push(
        fieldError(`input.${field}`, "INVALID_FORMAT", label, { hint: { sv: "Ämnet ska vara en rad.", en: "The subject is one line." } }),
      );
      return;
    }
    let tokens: Token[];
    try {
      tokens = Mustache.parse(value) as unknown as Token[];
    } catch {
      errors.push(
        fieldError(`input.${field}`, "INVALID_FORMAT", label, {
          hint: {
            sv: "Kontrollera att varje {{#avsnitt}} avslutas med {{/avsnitt}}.",
            en: "Check that every {{#section}} is closed by {{/section}}.",
          },
        }),
      );
      return;
    }
    const unknown = unknownNames(tokens, known, lists, null);
    if (unknown.length > 0) {
      errors.push(
        fieldError(`input.${field}`, "UNKNOWN_REFERENCE", label, {
          hint: { sv: `Okänt: ${unknown.join(", ")}. ${hint.sv}`, en: `Unknown: ${unknown.join(", ")}. ${hint.en}` },
        }),
      );
    }
  };
  check("subject", template.subject, SUBJECT_MAX_LENGTH, { sv: "Ämnesraden", en: "The subject" });
  check("body", template.body, BODY_MAX_LENGTH, { sv: "Texten", en: "The body" });
  return errors;
}

function unknownNames(tokens: Token[], known: Set<string>, lists: Set<string>, insideList: string | null): string[] {
  const found: string[] = [];
  for (const token of tokens) {
    const [type, name] = token;
    if (type === "text" || type === "!") continue;
    // Partials would pull in text from elsewhere; changed delimiters make templates unreadable to the next admin.
    if (type === ">" || type === "=") {
      found.push(type === ">" ? `{{> ${name}}}` : "{{= =}}");
      continue;
    }
    const allowedHere =
      known.has(name) ||
      (lists.has(name.replace(/\.length$/u, "")) && name.endsWith(".length")) ||
      (insideList !== null && (OCCASION_FIELDS as readonly string[]).includes(name));
    if (!allowedHere) found.push(name);
    const children = token[4];
    if (children) found.push(...unknownNames(children, known, lists, lists.has(name) ? name : insideList));
  }
  return [...new Set(found)];
}

/**
 * Renders a template with stored values: each variable formatted by its type in the message's language and the
 * tenant's time zone, missing optional ones empty. A template that no longer parses (never saved that way, but
 * defaults change) throws; the worker records that as the message's error.
 */
export function renderMessage(
  kind: NotificationKind,
  template: { subject: string; body: string },
  data: NotificationData,
  options: RenderOptions,
): RenderedMessage {
  const view = buildView(kind, data, options);
  // Mustache's escape hook is its only escaping; plain text needs none beyond the control characters removed below.
  const config = { escape: (value: unknown) => String(value) };
  const subject = oneLine(Mustache.render(template.subject, view, {}, config));
  const body = tidy(Mustache.render(template.body, view, {}, config));
  const signature = options.signature?.trim();
  return { subject, text: signature ? `${body}\n\n-- \n${signature}\n` : `${body}\n` };
}

/** The sample values of a kind, for previews. */
export function sampleData(kind: NotificationKind): Record<string, unknown> {
  return Object.fromEntries(variablesOf(kind).map((variable) => [variable.name, variable.sample]));
}

function buildView(kind: NotificationKind, data: NotificationData, options: RenderOptions): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const variable of variablesOf(kind)) {
    view[variable.name] = formatValue(variable, data[variable.name], options);
  }
  return view;
}

function formatValue(variable: TemplateVariable, value: unknown, options: RenderOptions): unknown {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (value === null || value === undefined || value === "") return variable.type === "OCCASIONS" ? [] : "";
  switch (variable.type) {
    case "TEXT":
      return clean(String(value));
    case "URL":
      return absoluteUrl(clean(String(value)), options.appBaseUrl ?? null);
    case "DATE_TIME":
      return formatMessageDateTime(String(value), options.locale, timeZone);
    case "DATE":
      return formatMessageDate(String(value), options.locale);
    case "MONEY_ORE":
      return typeof value === "number" ? formatOre(value, options.locale) : "";
    case "LABEL":
      return variable.labels?.[String(value)]?.[options.locale] ?? clean(String(value));
    case "OCCASIONS":
      return Array.isArray(value)
        ? value.map((occasion: Record<string, unknown>) => ({
            startsAt: occasion.startsAt ? formatMessageDateTime(String(occasion.startsAt), options.locale, timeZone) : "",
            endsAt: occasion.endsAt ? formatTimeOfDay(String(occasion.endsAt), timeZone) : "",
            place: occasion.place ? clean(String(occasion.place)) : "",
            digitalLink: occasion.digitalLink ? clean(String(occasion.digitalLink)) : "",
          }))
        : [];
  }
}

// Dates are written by hand, not with Intl's locale formats, so the text is the same on every machine (ICU versions
// differ in spaces and abbreviations); Intl is only asked for the wall-clock parts in the tenant's time zone.
const WEEKDAYS: Record<Locale, string[]> = {
  sv: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};
const MONTHS: Record<Locale, string[]> = {
  sv: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: string;
  minute: string;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? "0";
  const year = Number(part("year"));
  const month = Number(part("month"));
  const day = Number(part("day"));
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), hour: part("hour"), minute: part("minute") };
}

/** "tisdag 17 februari 2026 kl. 16:30" / "Tuesday 17 February 2026 at 16:30". */
export function formatMessageDateTime(iso: string, locale: Locale, timeZone: string = DEFAULT_TIME_ZONE): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return clean(iso);
  const clock = wallClock(instant, timeZone);
  const date = `${WEEKDAYS[locale][clock.weekday]} ${clock.day} ${MONTHS[locale][clock.month - 1]} ${clock.year}`;
  return locale === "sv" ? `${date} kl. ${clock.hour}:${clock.minute}` : `${date} at ${clock.hour}:${clock.minute}`;
}

function formatTimeOfDay(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return clean(iso);
  const clock = wallClock(instant, timeZone);
  return `${clock.hour}:${clock.minute}`;
}

/** "12 mars 2026" / "12 March 2026" from an ISO date. */
export function formatMessageDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(isoDate);
  if (!match) return clean(isoDate);
  const [, year, month, day] = match;
  return `${Number(day)} ${MONTHS[locale][Number(month) - 1]} ${year}`;
}

function absoluteUrl(value: string, base: string | null): string {
  if (!value.startsWith("/") || value.startsWith("//") || !base) return value;
  return `${base.replace(/\/+$/u, "")}${value}`;
}

/** Control characters out (line breaks and tabs stay in bodies). */
function clean(value: string): string {
  return value.normalize("NFC").replace(/(?![\n\r\t])\p{Cc}/gu, "");
}

function oneLine(value: string): string {
  return clean(value).replace(/\s+/gu, " ").trim();
}

/** Line endings normalised, trailing spaces and runs of blank lines left by empty sections removed. */
function tidy(value: string): string {
  return clean(value)
    .replace(/\r\n?/gu, "\n")
    .replace(/[ \t]+\n/gu, "\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}
