import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

// Issue 15: personal identity numbers at rest. The number is encrypted with AES-256-GCM (a fresh 96-bit IV each time,
// the tenant as additional data so a value copied to another tenant does not decrypt) and found through a keyed blind
// index, HMAC-SHA256 over tenant and number, unique per tenant. Both keys are derived (HKDF-SHA256) from one secret,
// MEDVERKAN_PII_KEY (32 bytes, base64 or hex); production refuses to start without it (config.ts).

/**
 * The development and test secret: public, in the source, so it protects nothing. Used only outside production
 * when MEDVERKAN_PII_KEY is unset.
 */
export const DEVELOPMENT_PII_KEY = Buffer.from("medverkan-development-pii-key-32b", "utf8");

const VERSION = "v1";

export interface PiiKeys {
  readonly encryption: Buffer;
  readonly index: Buffer;
}

/** Reads MEDVERKAN_PII_KEY: 32 bytes as base64/base64url (43–44 characters) or hex (64 characters). */
export function parsePiiKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("MEDVERKAN_PII_KEY must be 32 random bytes, base64 or hex (e.g. `openssl rand -base64 32`)");
  return key;
}

export function derivePiiKeys(secret: Buffer): PiiKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `medverkan:${purpose}`, 32));
  return { encryption: derive("personal-identity-number:aes-256-gcm"), index: derive("personal-identity-number:blind-index") };
}

let active: PiiKeys = derivePiiKeys(DEVELOPMENT_PII_KEY);

/** Set once at start from the configuration (app.ts). */
export function usePiiKey(secret: Buffer): void {
  active = derivePiiKeys(secret);
}

export function encryptPersonalIdentityNumber(tenantId: string, twelveDigits: string, keys: PiiKeys = active): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv);
  cipher.setAAD(Buffer.from(`tenant:${tenantId}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(twelveDigits, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The number, or throws when the value was written with another key, for another tenant, or was altered. */
export function decryptPersonalIdentityNumber(tenantId: string, envelope: string, keys: PiiKeys = active): string {
  const [version, iv, tag, ciphertext] = envelope.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("not a personal identity number envelope");
  const decipher = createDecipheriv("aes-256-gcm", keys.encryption, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`tenant:${tenantId}`, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** The blind index of a number in a tenant: equal numbers give equal indexes, nothing else can be read from it. */
export function personalIdentityNumberIndex(tenantId: string, twelveDigits: string, keys: PiiKeys = active): string {
  return createHmac("sha256", keys.index).update(`${tenantId}:${twelveDigits}`).digest("hex");
}

// Issue 21: other personal data kept the same way (a member's bank account for payment). The same key and envelope,
// with the field's name in the additional data besides the tenant, so a value copied between columns (a bank account
// into the personal identity number, or back) does not decrypt.

/** Encrypts one protected field of a member (`bankAccount`) for the tenant: `v1.<iv>.<tag>.<ciphertext>`. */
export function encryptPiiField(tenantId: string, field: string, plaintext: string, keys: PiiKeys = active): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv);
  cipher.setAAD(Buffer.from(`tenant:${tenantId}:field:${field}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The field's value, or throws when it was written with another key, for another tenant or field, or was altered. */
export function decryptPiiField(tenantId: string, field: string, envelope: string, keys: PiiKeys = active): string {
  const [version, iv, tag, ciphertext] = envelope.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("not a protected-field envelope");
  const decipher = createDecipheriv("aes-256-gcm", keys.encryption, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`tenant:${tenantId}:field:${field}`, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
