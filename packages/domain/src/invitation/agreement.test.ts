import { describe, expect, it } from "vitest";
import { isAgreementSigned, validateAgreement } from "./agreement.js";

const at = (iso: string) => new Date(iso);
const now = at("2026-03-10T12:00:00Z");

// Kalmar's samordnande grupp Barn och unga: a representative for the year, signed by both (seeds/003 step 3).
const kalmarAgreement = {
  validFrom: "2026-01-01",
  validTo: "2026-12-31",
  scope: "  Brukarrepresentant i samordnande grupp Barn och unga:\n\n\n möten en gång i månaden, läsa handlingar. ",
  signedByMemberAt: at("2026-01-10T09:00:00Z"),
  signedByUnitAt: at("2026-01-12T14:00:00Z"),
};

const fields = (result: ReturnType<typeof validateAgreement>) => (result.ok ? [] : result.errors.map((e) => [e.field, e.code]));

describe("written agreement", () => {
  it("accepts an agreement signed by both, normalising the scope", () => {
    const result = validateAgreement(kalmarAgreement, now);
    expect(result).toEqual({
      ok: true,
      value: {
        ...kalmarAgreement,
        scope: "Brukarrepresentant i samordnande grupp Barn och unga:\n\nmöten en gång i månaden, läsa handlingar.",
      },
    });
    expect(validateAgreement({ ...kalmarAgreement, validTo: "2026-01-01" }, now).ok).toBe(true);
  });

  it("requires both signatures", () => {
    const result = validateAgreement({ ...kalmarAgreement, signedByMemberAt: null, signedByUnitAt: undefined }, now);
    expect(fields(result)).toEqual([
      ["input.signedByMemberAt", "REQUIRED"],
      ["input.signedByUnitAt", "REQUIRED"],
    ]);
    if (!result.ok) expect(result.errors[0]?.message.en).toContain("signed by both parties");
  });

  it("refuses a period that ends before it starts, and dates that do not exist", () => {
    expect(fields(validateAgreement({ ...kalmarAgreement, validTo: "2025-12-31" }, now))).toEqual([["input.validTo", "MUST_BE_AFTER"]]);
    expect(fields(validateAgreement({ ...kalmarAgreement, validFrom: "2026-02-30", validTo: "" }, now))).toEqual([
      ["input.validFrom", "INVALID_DATE"],
      ["input.validTo", "REQUIRED"],
    ]);
  });

  it("requires a scope and signatures that have happened", () => {
    expect(fields(validateAgreement({ ...kalmarAgreement, scope: "   ", signedByUnitAt: at("2026-03-11T12:00:00Z") }, now))).toEqual([
      ["input.scope", "REQUIRED"],
      ["input.signedByUnitAt", "DATE_IN_FUTURE"],
    ]);
    expect(fields(validateAgreement({ ...kalmarAgreement, signedByMemberAt: new Date(Number.NaN) }, now))).toEqual([
      ["input.signedByMemberAt", "INVALID_DATE"],
    ]);
  });

  it("counts as signed only with both signatures", () => {
    expect(isAgreementSigned({ agreementSignedByMemberAt: now, agreementSignedByUnitAt: now })).toBe(true);
    expect(isAgreementSigned({ agreementSignedByMemberAt: now, agreementSignedByUnitAt: null })).toBe(false);
  });
});
