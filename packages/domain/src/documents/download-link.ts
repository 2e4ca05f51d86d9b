import type { LocalizedText } from "../messages/locale.js";

// Download links (issue 17): a person who may read a document through the API asks for a link to it as a file —
// a fee form, an agreement, a payroll summary, a calendar file. The link is for that one document, lives a few
// minutes, and the download checks the document's own permission again with the asker's grants as they are then.

export const DOCUMENT_KINDS = [
  "FEE_CLAIM_FORM",
  "ASSIGNMENT_AGREEMENT",
  "PAYROLL_SUMMARY",
  "PAYROLL_CSV",
  "PAYROLL_PAXML",
  "OCCASION_CALENDAR",
  "TRAINING_SESSION_CALENDAR",
  "INTAKE_APPOINTMENT_CALENDAR",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (value: unknown): value is DocumentKind => (DOCUMENT_KINDS as readonly unknown[]).includes(value);

/** How long a link works: long enough to click, short enough that a link left in a chat or history is useless. */
export const DOWNLOAD_LINK_LIFETIME_SECONDS = 5 * 60;

/** Documents that name a person or their money: every download is audited, per person. */
export const DOCUMENT_HAS_PERSONAL_DATA: Readonly<Record<DocumentKind, boolean>> = {
  FEE_CLAIM_FORM: true,
  ASSIGNMENT_AGREEMENT: true,
  PAYROLL_SUMMARY: true,
  PAYROLL_CSV: true,
  PAYROLL_PAXML: true,
  OCCASION_CALENDAR: false,
  TRAINING_SESSION_CALENDAR: false,
  // A meeting with one named person: downloads by staff are audited like the rest of the member's data.
  INTAKE_APPOINTMENT_CALENDAR: true,
};

/** The path segment of a kind in a link (`/downloads/<tenant>/fee-claim-form/<id>/<secret>`). */
export const documentKindSegment = (kind: DocumentKind): string => kind.toLowerCase().replaceAll("_", "-");

export function documentKindOfSegment(segment: string): DocumentKind | null {
  const kind = segment.toUpperCase().replaceAll("-", "_");
  return isDocumentKind(kind) ? kind : null;
}

export type DownloadRefusal = "LINK_NOT_FOUND" | "LINK_EXPIRED" | "LINK_FOR_ANOTHER_DOCUMENT" | "DOCUMENT_NOT_AVAILABLE";

export const DOWNLOAD_REFUSALS: Readonly<Record<DownloadRefusal, { status: number; message: LocalizedText }>> = {
  LINK_NOT_FOUND: {
    status: 404,
    message: { sv: "Länken finns inte. Hämta en ny länk i appen.", en: "The link does not exist. Get a new link in the app." },
  },
  LINK_EXPIRED: {
    status: 410,
    message: {
      sv: "Länken har gått ut (den gäller några minuter). Hämta en ny länk i appen.",
      en: "The link has expired (it works for a few minutes). Get a new link in the app.",
    },
  },
  LINK_FOR_ANOTHER_DOCUMENT: {
    status: 403,
    message: {
      sv: "Länken gäller ett annat dokument. En länk kan bara användas för det dokument den skapades för.",
      en: "The link is for another document. A link works only for the document it was made for.",
    },
  },
  DOCUMENT_NOT_AVAILABLE: {
    status: 403,
    message: {
      sv: "Du får inte längre se dokumentet, eller så finns det inte längre.",
      en: "You may no longer see the document, or it no longer exists.",
    },
  },
};

export interface StoredDownloadLink {
  readonly kind: string;
  readonly subjectId: string;
  readonly expiresAt: Date;
}

/**
 * Whether a stored link opens the document the URL names: the same kind and the same document, before it expires.
 * The document's own permission is checked after this, as the asker.
 */
export function checkDownloadLink(
  link: StoredDownloadLink | null,
  asked: { readonly kind: DocumentKind | null; readonly subjectId: string },
  now: Date,
): { ok: true; kind: DocumentKind } | { ok: false; refusal: DownloadRefusal } {
  if (!link || !isDocumentKind(link.kind)) return { ok: false, refusal: "LINK_NOT_FOUND" };
  if (link.kind !== asked.kind || link.subjectId !== asked.subjectId) return { ok: false, refusal: "LINK_FOR_ANOTHER_DOCUMENT" };
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, refusal: "LINK_EXPIRED" };
  return { ok: true, kind: link.kind };
}

export const linkExpiry = (now: Date): Date => new Date(now.getTime() + DOWNLOAD_LINK_LIFETIME_SECONDS * 1000);

/** A file name without characters that trouble a file system or a Content-Disposition header: "arvodesblankett-2026-03-02.pdf". */
export function safeFileName(base: string, extension: string): string {
  const ascii = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, 80);
  return `${ascii || "dokument"}.${extension}`;
}
