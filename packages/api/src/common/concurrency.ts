import type { Locale } from "@medverkan/domain";
import { conflict } from "./errors/api-error.js";

/**
 * Optimistic concurrency: an update names the `version` it read and is applied only if the row still has it
 * (`updateMany({ where: { tenantId, id, version }, data: { ..., version: { increment: 1 } } })`). When nothing was
 * updated, the row either vanished (→ the caller answers NotFound) or changed meanwhile (→ CONFLICT, no lost update).
 */
export async function assertVersionedUpdate(
  updatedCount: number,
  stillExists: () => Promise<boolean>,
  locale: Locale,
): Promise<"UPDATED" | "NOT_FOUND"> {
  if (updatedCount === 1) return "UPDATED";
  if (!(await stillExists())) return "NOT_FOUND";
  throw conflict(locale);
}

/**
 * The usual continuation of a versioned update: the row as it is now when the update applied, null when the row has
 * gone (the caller answers NotFound), CONFLICT when someone else changed it first.
 */
export async function reloadAfterVersionedUpdate<Row>(
  updatedCount: number,
  reload: () => Promise<Row | null>,
  locale: Locale,
): Promise<Row | null> {
  const row = await reload();
  if (updatedCount === 1 || row === null) return row;
  throw conflict(locale);
}
