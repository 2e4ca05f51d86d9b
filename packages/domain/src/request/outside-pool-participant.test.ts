import { describe, expect, it } from "vitest";
import { OUTSIDE_POOL_PARTICIPANT_LIMITS, validateOutsidePoolParticipant } from "./outside-pool-participant.js";

const codes = (result: ReturnType<typeof validateOutsidePoolParticipant>) =>
  result.ok ? [] : result.errors.map((error) => [error.field, error.code]);

describe("a participant from outside the pool", () => {
  it("needs a given name and a family name; contact details and organisation are optional", () => {
    expect(validateOutsidePoolParticipant({ givenName: "  Lena ", familyName: "Ek" })).toEqual({
      ok: true,
      value: { givenName: "Lena", familyName: "Ek", email: null, phone: null, organisation: null },
    });
  });

  it("normalises the e-mail address and phone number and keeps the organisation as written", () => {
    const result = validateOutsidePoolParticipant({
      givenName: "Lena",
      familyName: "Ek",
      email: " Lena.Ek@Example.SE ",
      phone: "070-123 45 67",
      organisation: "Attention Göteborg",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.email).toBe("lena.ek@example.se");
    expect(result.value.phone).not.toBeNull();
    expect(result.value.organisation).toBe("Attention Göteborg");
  });

  it("treats blank optional fields as left out", () => {
    const result = validateOutsidePoolParticipant({ givenName: "Lena", familyName: "Ek", email: "  ", phone: "", organisation: " " });
    expect(result.ok && result.value).toMatchObject({ email: null, phone: null, organisation: null });
  });

  it("reports every problem at once, with Swedish and English messages", () => {
    const result = validateOutsidePoolParticipant({
      givenName: " ",
      familyName: null,
      email: "not-an-address",
      phone: "call me",
      organisation: "x".repeat(OUTSIDE_POOL_PARTICIPANT_LIMITS.maxOrganisationLength + 1),
    });
    expect(codes(result)).toEqual([
      ["input.givenName", "REQUIRED"],
      ["input.familyName", "REQUIRED"],
      ["input.email", "INVALID_EMAIL"],
      ["input.phone", "INVALID_PHONE"],
      ["input.organisation", "TOO_LONG"],
    ]);
    if (result.ok) return;
    for (const error of result.errors) {
      expect(error.message.sv).not.toBe("");
      expect(error.message.en).not.toBe("");
      expect(error.message.sv).not.toBe(error.message.en);
    }
    expect(result.errors[0]?.message.sv).toContain("Förnamn");
    expect(result.errors[0]?.message.en).toContain("Given name");
  });

  it("refuses names longer than the limit", () => {
    const long = "a".repeat(OUTSIDE_POOL_PARTICIPANT_LIMITS.maxNameLength + 1);
    expect(codes(validateOutsidePoolParticipant({ givenName: long, familyName: long }))).toEqual([
      ["input.givenName", "TOO_LONG"],
      ["input.familyName", "TOO_LONG"],
    ]);
  });
});
