import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import {
  DEVELOPMENT_PII_KEY,
  decryptPersonalIdentityNumber,
  derivePiiKeys,
  encryptPersonalIdentityNumber,
  parsePiiKey,
  personalIdentityNumberIndex,
} from "../personal-identity-number.crypto.js";

// SECURITY.md: personal identity numbers are encrypted at rest (AES-256-GCM) with a key from configuration, found by a
// keyed blind index, and production never runs on the public development key.

const TENANT = "0193a3c0-0000-7000-8000-000000000001";
const OTHER_TENANT = "0193a3c0-0000-7000-8000-000000000002";
const NUMBER = "198503129826";
const keys = derivePiiKeys(randomBytes(32));

describe("personal identity numbers at rest", () => {
  it("are encrypted with a fresh IV each time: no digits of the number, never the same ciphertext twice", () => {
    const first = encryptPersonalIdentityNumber(TENANT, NUMBER, keys);
    const second = encryptPersonalIdentityNumber(TENANT, NUMBER, keys);
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first).not.toContain(NUMBER.slice(0, 8));
    expect(first).not.toContain(NUMBER.slice(2));
    expect(first).not.toBe(second);
    expect(decryptPersonalIdentityNumber(TENANT, first, keys)).toBe(NUMBER);
  });

  it("cannot be read with another key, in another tenant, or after being altered", () => {
    const stored = encryptPersonalIdentityNumber(TENANT, NUMBER, keys);
    expect(() => decryptPersonalIdentityNumber(TENANT, stored, derivePiiKeys(randomBytes(32)))).toThrow();
    expect(() => decryptPersonalIdentityNumber(TENANT, stored, derivePiiKeys(DEVELOPMENT_PII_KEY))).toThrow();
    expect(() => decryptPersonalIdentityNumber(OTHER_TENANT, stored, keys)).toThrow();
    const [version, iv, tag, body = ""] = stored.split(".");
    const flipped = `${body.slice(0, -2)}${body.endsWith("AA") ? "AB" : "AA"}`;
    expect(() => decryptPersonalIdentityNumber(TENANT, [version, iv, tag, flipped].join("."), keys)).toThrow();
  });

  it("are found by a blind index that is stable for one key and tenant, and different for another key or tenant", () => {
    const index = personalIdentityNumberIndex(TENANT, NUMBER, keys);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(personalIdentityNumberIndex(TENANT, NUMBER, keys)).toBe(index);
    expect(personalIdentityNumberIndex(OTHER_TENANT, NUMBER, keys)).not.toBe(index);
    expect(personalIdentityNumberIndex(TENANT, NUMBER, derivePiiKeys(randomBytes(32)))).not.toBe(index);
    expect(personalIdentityNumberIndex(TENANT, "198503129834", keys)).not.toBe(index);
  });
});

describe("the key from configuration", () => {
  it("is 32 bytes, base64 or hex; anything else is refused at start", () => {
    const key = randomBytes(32);
    expect(parsePiiKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parsePiiKey(key.toString("hex")).equals(key)).toBe(true);
    expect(() => parsePiiKey("too-short")).toThrow(/32 random bytes/);
  });

  it("is required in production; elsewhere the development key is used when it is unset", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, [])).toThrow(/MEDVERKAN_PII_KEY is required in production/);
    const key = randomBytes(32);
    expect(loadConfig({ NODE_ENV: "production", MEDVERKAN_PII_KEY: key.toString("base64") }, []).piiKey?.equals(key)).toBe(true);
    expect(loadConfig({}, []).piiKey).toBeUndefined();
  });
});
