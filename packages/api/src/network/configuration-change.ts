// Shared by the configuration features (networks, organisations, taxonomy, staff). Belongs in common/ once they settle.

/**
 * The part of a patch that actually changes the stored row. An update that changes nothing writes nothing: no new
 * version, no audit event, so re-saving an unchanged form is harmless.
 */
export function changedFields<T extends object>(current: T, patch: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    const now = current[key];
    const same = next instanceof Date && now instanceof Date ? next.getTime() === now.getTime() : Object.is(next, now);
    if (!same) changes[key] = next;
  }
  return changes;
}

export const hasChanges = (changes: object): boolean => Object.keys(changes).length > 0;
