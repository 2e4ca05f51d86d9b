import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptPersonalIdentityNumber, decryptPiiField, derivePiiKeys, encryptPiiField } from "../personal-identity-number.crypto.js";

// Issue 21: a member's bank account is kept like the personal identity number (SECURITY.md): AES-256-GCM under
// MEDVERKAN_PII_KEY, bound to the tenant and to the field it was written for.

const TENANT = "0193a3c0-0000-7000-8000-000000000001";
const OTHER_TENANT = "0193a3c0-0000-7000-8000-000000000002";
const ACCOUNT = "83279,9143231117";
const keys = derivePiiKeys(randomBytes(32));

describe("protected fields at rest", () => {
  it("are encrypted with a fresh IV each time and no digits of the value show", () => {
    const first = encryptPiiField(TENANT, "bankAccount", ACCOUNT, keys);
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first).not.toContain("9143231117");
    expect(first).not.toBe(encryptPiiField(TENANT, "bankAccount", ACCOUNT, keys));
    expect(decryptPiiField(TENANT, "bankAccount", first, keys)).toBe(ACCOUNT);
  });

  it("do not decrypt with another key, in another tenant, as another field, or altered", () => {
    const stored = encryptPiiField(TENANT, "bankAccount", ACCOUNT, keys);
    expect(() => decryptPiiField(TENANT, "bankAccount", stored, derivePiiKeys(randomBytes(32)))).toThrow();
    expect(() => decryptPiiField(OTHER_TENANT, "bankAccount", stored, keys)).toThrow();
    expect(() => decryptPiiField(TENANT, "employeeNumber", stored, keys)).toThrow();
    expect(() => decryptPersonalIdentityNumber(TENANT, stored, keys)).toThrow();
    const [version, iv, tag, ciphertext = ""] = stored.split(".");
    // One bit of the ciphertext itself (not a base64 character, whose last one may carry only padding bits).
    const bytes = Buffer.from(ciphertext, "base64url");
    bytes[0] = (bytes[0] as number) ^ 1;
    const flipped = bytes.toString("base64url");
    expect(() => decryptPiiField(TENANT, "bankAccount", [version, iv, tag, flipped].join("."), keys)).toThrow();
  });
});
