// Deterministic ids for seeded rows. The seed must be idempotent: the second run has to find the rows of the first
// and update them instead of adding copies, so every id is derived from a readable, stable name of the row
// (e.g. `seedId("kalmar", "member", 7)`) instead of being generated. The derivation is RFC 4122 name-based
// (version 5, SHA-1) under a namespace of our own, so the ids are valid UUIDs for the `@db.Uuid` columns and never
// collide with the time-ordered v7 ids the API generates for rows created at run time.
import { createHash } from "node:crypto";

/** Namespace of Medverkan's demo seed (a fixed random UUID; changing it would re-key every seeded row). */
export const SEED_NAMESPACE = "4f0b8d6e-2c1a-4e57-9a3d-6b2f7c8e1d05";

const namespaceBytes = Buffer.from(SEED_NAMESPACE.replaceAll("-", ""), "hex");

/** A stable UUID (v5) for the row named by `parts`; the same parts always give the same id. */
export function seedId(...parts: ReadonlyArray<string | number>): string {
  if (parts.length === 0) throw new Error("seedId needs at least one part");
  // JSON keeps the parts apart unambiguously: ("a/b") and ("a", "b") are different rows.
  const name = JSON.stringify(parts);
  const hash = createHash("sha1").update(namespaceBytes).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
