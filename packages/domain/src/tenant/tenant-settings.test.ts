import { describe, expect, it } from "vitest";
import { validateTenantOwnSettings, validateTenantSettings } from "./tenant-settings.js";

const ecKey = {
  kty: "EC",
  crv: "P-256",
  x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
  y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
};
const valid = {
  slug: "sormland",
  name: "Region Sörmland",
  tokenIssuer: "https://login.regionsormland.se",
  tokenAudience: "medverkan",
  jwksUrl: "https://login.regionsormland.se/.well-known/jwks.json",
  firstAdmin: { subject: "admin-1", name: "Ada Admin", email: "Ada.Admin@Example.se" },
};

describe("validateTenantSettings", () => {
  it("accepts a complete tenant and fills the Swedish defaults", () => {
    const result = validateTenantSettings(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toMatchObject({ locale: "sv-SE", timeZone: "Europe/Stockholm", currency: "SEK", publicKeys: null });
    expect(result.settings.firstAdmin.email).toBe("ada.admin@example.se");
  });

  it("accepts inline public keys instead of a JWKS URL", () => {
    const result = validateTenantSettings({ ...valid, jwksUrl: null, publicKeys: JSON.stringify({ keys: [ecKey] }) });
    expect(result.ok && result.settings.publicKeys?.keys).toEqual([ecKey]);
  });

  it("reports every problem at once", () => {
    const result = validateTenantSettings({
      slug: "Sörmland!",
      name: "",
      timeZone: "Mars/Olympus",
      currency: "kr",
      tokenIssuer: "x",
      tokenAudience: "",
      jwksUrl: "http://insecure.example",
      firstAdmin: { subject: "", name: "A", email: "nope" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field).sort()).toEqual(
      [
        "input.slug",
        "input.name",
        "input.timeZone",
        "input.currency",
        "input.tokenAudience",
        "input.jwksUrl",
        "input.firstAdmin.subject",
        "input.firstAdmin.email",
      ].sort(),
    );
    for (const error of result.errors) expect(error.message.sv && error.message.en).toBeTruthy();
  });

  it("requires some way to verify tokens", () => {
    const result = validateTenantSettings({ ...valid, jwksUrl: null, publicKeys: null });
    expect(!result.ok && result.errors.map((error) => error.field)).toEqual(["input.jwksUrl"]);
  });

  it("refuses shared secrets and private keys in the key set", () => {
    const secret = validateTenantSettings({
      ...valid,
      jwksUrl: null,
      publicKeys: JSON.stringify({ keys: [{ kty: "oct", k: "c2VjcmV0" }] }),
    });
    const privateKey = validateTenantSettings({
      ...valid,
      jwksUrl: null,
      publicKeys: JSON.stringify({ keys: [{ ...ecKey, d: "secret" }] }),
    });
    const garbage = validateTenantSettings({ ...valid, jwksUrl: null, publicKeys: "{not json" });
    for (const result of [secret, privateKey, garbage]) {
      expect(!result.ok && result.errors.map((error) => error.field)).toEqual(["input.publicKeys"]);
    }
  });
});

describe("validateTenantOwnSettings", () => {
  it("patches only what is given, and null retention means keep until withdrawal", () => {
    expect(validateTenantOwnSettings({ invitationExpiryDays: 10, memberRetentionMonths: null })).toEqual({
      ok: true,
      patch: { invitationExpiryDays: 10, memberRetentionMonths: null },
    });
    expect(validateTenantOwnSettings({})).toEqual({ ok: true, patch: {} });
    const full = validateTenantOwnSettings({
      name: "  Region  Sörmland ",
      invitationExpiryDays: 90,
      smallCellThreshold: 3,
      memberRetentionMonths: 240,
      feeClaimAttester: "EITHER",
    });
    expect(full).toEqual({
      ok: true,
      patch: {
        name: "Region Sörmland",
        invitationExpiryDays: 90,
        smallCellThreshold: 3,
        memberRetentionMonths: 240,
        feeClaimAttester: "EITHER",
      },
    });
  });

  it("refuses values outside the limits, a threshold below 3 included, all at once and in both languages", () => {
    const result = validateTenantOwnSettings({
      name: "",
      invitationExpiryDays: 0,
      smallCellThreshold: 2,
      memberRetentionMonths: 11,
      feeClaimAttester: "ANYONE",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.field, error.code])).toEqual([
      ["input.name", "REQUIRED"],
      ["input.invitationExpiryDays", "OUT_OF_RANGE"],
      ["input.smallCellThreshold", "OUT_OF_RANGE"],
      ["input.memberRetentionMonths", "OUT_OF_RANGE"],
      ["input.feeClaimAttester", "NOT_ALLOWED"],
    ]);
    for (const error of result.errors) expect(error.message.sv && error.message.en).toBeTruthy();
    expect(result.errors[2]?.message.en).toBe("Small-cell threshold in statistics must be between 3 and 50.");
  });

  it("refuses the upper limits plus one and fractions, and null where a value is required", () => {
    const result = validateTenantOwnSettings({ invitationExpiryDays: 91, smallCellThreshold: 51, memberRetentionMonths: 12.5 });
    expect(!result.ok && result.errors.map((error) => error.field)).toEqual([
      "input.invitationExpiryDays",
      "input.smallCellThreshold",
      "input.memberRetentionMonths",
    ]);
    const nulls = validateTenantOwnSettings({ invitationExpiryDays: null, smallCellThreshold: null, feeClaimAttester: null });
    expect(!nulls.ok && nulls.errors.map((error) => error.code)).toEqual(["REQUIRED", "REQUIRED", "REQUIRED"]);
  });
});

describe("whether a region records personal identity numbers", () => {
  it("is a yes or no the admin sets; null is refused rather than read as keep", () => {
    expect(validateTenantOwnSettings({ collectsPersonalIdentityNumbers: false })).toEqual({
      ok: true,
      patch: { collectsPersonalIdentityNumbers: false },
    });
    const refused = validateTenantOwnSettings({ collectsPersonalIdentityNumbers: null });
    expect(!refused.ok && refused.errors.map((error) => [error.field, error.code])).toEqual([
      ["input.collectsPersonalIdentityNumbers", "REQUIRED"],
    ]);
  });
});

describe("whether a region pays fees to a bank account the member registers", () => {
  it("is a yes or no the admin sets; null is refused rather than read as keep", () => {
    expect(validateTenantOwnSettings({ paysByBankAccount: true })).toEqual({ ok: true, patch: { paysByBankAccount: true } });
    const refused = validateTenantOwnSettings({ paysByBankAccount: null });
    expect(!refused.ok && refused.errors.map((error) => [error.field, error.code])).toEqual([["input.paysByBankAccount", "REQUIRED"]]);
  });
});

describe("when intake appointments are reminded of", () => {
  it("is a number of hours 1–168, or null for the day before", () => {
    expect(validateTenantOwnSettings({ intakeReminderHoursBefore: 24 })).toEqual({ ok: true, patch: { intakeReminderHoursBefore: 24 } });
    expect(validateTenantOwnSettings({ intakeReminderHoursBefore: null })).toEqual({
      ok: true,
      patch: { intakeReminderHoursBefore: null },
    });
    const refused = validateTenantOwnSettings({ intakeReminderHoursBefore: 0 });
    expect(!refused.ok && refused.errors.map((error) => [error.field, error.code])).toEqual([
      ["input.intakeReminderHoursBefore", "OUT_OF_RANGE"],
    ]);
  });
});

describe("whether units may record participants outside the pool", () => {
  it("is a yes or no the admin sets; null is refused rather than read as keep", () => {
    expect(validateTenantOwnSettings({ allowsParticipantsOutsidePool: true })).toEqual({
      ok: true,
      patch: { allowsParticipantsOutsidePool: true },
    });
    const refused = validateTenantOwnSettings({ allowsParticipantsOutsidePool: null });
    expect(!refused.ok && refused.errors.map((error) => [error.field, error.code])).toEqual([
      ["input.allowsParticipantsOutsidePool", "REQUIRED"],
    ]);
  });
});
