import { describe, expect, it } from "vitest";
import { validateTenantSettings } from "./tenant-settings.js";

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
