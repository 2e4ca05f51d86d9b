import type { FieldError } from "../messages/field-error.js";

// Configuration is created with every field and changed with patches: an update names only the fields it changes.

export type ValidationMode = "create" | "update";

export type ValidationResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Whether a field is read: always when creating; in an update only when the patch names it. A field left out keeps its
 * stored value (and is not checked again), while an explicit null asks to clear it — refused for required fields.
 */
export function isGiven(mode: ValidationMode, value: unknown): boolean {
  return mode === "create" || value !== undefined;
}
