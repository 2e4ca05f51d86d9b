import { describe, expect, it } from "vitest";
import {
  checkDownloadLink,
  DOCUMENT_KINDS,
  DOWNLOAD_LINK_LIFETIME_SECONDS,
  DOWNLOAD_REFUSALS,
  documentKindOfSegment,
  documentKindSegment,
  linkExpiry,
  safeFileName,
} from "./download-link.js";

const now = new Date("2026-12-07T10:00:00Z");
const link = { kind: "FEE_CLAIM_FORM", subjectId: "claim-1", expiresAt: linkExpiry(now) };

describe("download links", () => {
  it("live a few minutes", () => {
    expect(DOWNLOAD_LINK_LIFETIME_SECONDS).toBeLessThanOrEqual(10 * 60);
    expect(linkExpiry(now).getTime() - now.getTime()).toBe(DOWNLOAD_LINK_LIFETIME_SECONDS * 1000);
  });

  it("open their own document before they expire", () => {
    expect(checkDownloadLink(link, { kind: "FEE_CLAIM_FORM", subjectId: "claim-1" }, now)).toEqual({ ok: true, kind: "FEE_CLAIM_FORM" });
  });

  it("refuse another document, another kind, an expired link and an unknown one", () => {
    expect(checkDownloadLink(link, { kind: "FEE_CLAIM_FORM", subjectId: "claim-2" }, now)).toEqual({
      ok: false,
      refusal: "LINK_FOR_ANOTHER_DOCUMENT",
    });
    expect(checkDownloadLink(link, { kind: "ASSIGNMENT_AGREEMENT", subjectId: "claim-1" }, now)).toMatchObject({
      refusal: "LINK_FOR_ANOTHER_DOCUMENT",
    });
    expect(checkDownloadLink(link, { kind: null, subjectId: "claim-1" }, now)).toMatchObject({ refusal: "LINK_FOR_ANOTHER_DOCUMENT" });
    expect(checkDownloadLink(link, { kind: "FEE_CLAIM_FORM", subjectId: "claim-1" }, link.expiresAt)).toMatchObject({
      refusal: "LINK_EXPIRED",
    });
    expect(checkDownloadLink(null, { kind: "FEE_CLAIM_FORM", subjectId: "claim-1" }, now)).toMatchObject({ refusal: "LINK_NOT_FOUND" });
    expect(checkDownloadLink({ ...link, kind: "SOMETHING" }, { kind: "FEE_CLAIM_FORM", subjectId: "claim-1" }, now)).toMatchObject({
      refusal: "LINK_NOT_FOUND",
    });
  });

  it("explain every refusal in Swedish and English", () => {
    for (const refusal of Object.values(DOWNLOAD_REFUSALS)) {
      expect(refusal.message.sv.length).toBeGreaterThan(10);
      expect(refusal.message.en.length).toBeGreaterThan(10);
      expect(refusal.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("name each kind in the path and back", () => {
    for (const kind of DOCUMENT_KINDS) expect(documentKindOfSegment(documentKindSegment(kind))).toBe(kind);
    expect(documentKindSegment("FEE_CLAIM_FORM")).toBe("fee-claim-form");
    expect(documentKindOfSegment("nonsense")).toBeNull();
  });

  it("give files plain names", () => {
    expect(safeFileName("Reseräkning utan traktamente – arvode-2026-03-02", "pdf")).toBe(
      "reserakning-utan-traktamente-arvode-2026-03-02.pdf",
    );
    expect(safeFileName('Brukarråd "Växjö"/../x', "ics")).toBe("brukarrad-vaxjo-..-x.ics");
    expect(safeFileName("", "csv")).toBe("dokument.csv");
  });
});
