// The browser's own clock for the date and time inputs of the intake pages: a `datetime-local` value is read as local
// time and sent as an ISO instant; an instant is shown back in a `datetime-local` input; a `date` input's today.

const pad = (n: number) => String(n).padStart(2, "0");

/** A `datetime-local` value (YYYY-MM-DDTHH:mm) as an ISO instant; empty or unreadable: null. */
export function toInstant(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Today's date (YYYY-MM-DD) on the browser's calendar, moved by `days`. */
export function localDate(days = 0, now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
