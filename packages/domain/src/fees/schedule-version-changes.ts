import { formatIsoDate, parseIsoDate } from "../calendar/iso-date.js";
import { isValidOn, type ValidityPeriod, validateScheduleVersions } from "./schedule-versions.js";

// How a fee schedule changes over time without rewriting history. Claims already made (and any occasion
// up to today) were computed with the version valid on their date, so a change may only ever affect days
// after today: a new version starts tomorrow at the earliest, and it closes the open-ended version before it.

export interface DatedVersion extends ValidityPeriod {
  readonly id: string;
}

export const VALIDITY_STATUSES = ["PAST", "IN_FORCE", "UPCOMING"] as const;
export type ValidityStatus = (typeof VALIDITY_STATUSES)[number];

/** Where a version stands on `today`: over, in force, or not yet begun. */
export function validityStatus(period: ValidityPeriod, today: string): ValidityStatus {
  if (isValidOn(period, today)) return "IN_FORCE";
  return period.validFrom > today ? "UPCOMING" : "PAST";
}

/** The calendar day after `date` (ISO): the first day a change made today may take effect. */
export function nextDay(date: string): string {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`Not an ISO date: ${date}`);
  const next = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + 1));
  return formatIsoDate({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
}

export type VersionAppend<T extends DatedVersion> =
  /** Allowed: set `closes.validTo` on that version (null when nothing needs closing), then add the new one. */
  | { readonly ok: true; readonly closes: { readonly version: T; readonly validTo: string } | null }
  /** The new version would start on a day that has already begun or passed. */
  | { readonly ok: false; readonly reason: "IN_FORCE"; readonly earliestValidFrom: string }
  /** The new version would share days with `conflictsWith`. */
  | { readonly ok: false; readonly reason: "OVERLAP"; readonly conflictsWith: T }
  /** Days between `conflictsWith` and the new version would have no version at all. */
  | { readonly ok: false; readonly reason: "GAP"; readonly conflictsWith: T };

/**
 * Plans adding `next` to a schedule's `existing` versions on `today` (ISO dates in the tenant's time zone).
 * The latest version, if open-ended and started before `next`, is closed on `next.validFrom` so the two meet
 * exactly; any remaining overlap or gap is refused (validateScheduleVersions). Nothing in force or past changes.
 */
export function planVersionAppend<T extends DatedVersion>(existing: readonly T[], next: ValidityPeriod, today: string): VersionAppend<T> {
  if (next.validFrom <= today) return { ok: false, reason: "IN_FORCE", earliestValidFrom: nextDay(today) };

  const latest = latestVersion(existing);
  const closes =
    latest && latest.validTo === null && latest.validFrom < next.validFrom ? { version: latest, validTo: next.validFrom } : null;
  const proposed: ValidityPeriod[] = existing.map((version) =>
    closes && version === closes.version ? { validFrom: version.validFrom, validTo: closes.validTo } : version,
  );
  const problem = validateScheduleVersions([...proposed, next]).find((error) => error.code === "OVERLAP" || error.code === "GAP");
  if (problem) {
    // The existing versions are valid among themselves, so a problem always involves the new one: name the
    // version it collides with (overlap) or the one it fails to meet (gap).
    const reason = problem.code === "OVERLAP" ? "OVERLAP" : "GAP";
    const conflictsWith =
      reason === "OVERLAP"
        ? existing.find((version, index) => overlaps(proposed[index] ?? version, next))
        : (latestStartingBefore(existing, next.validFrom) ?? earliestStartingAfter(existing, next.validFrom));
    const other = conflictsWith ?? latest;
    if (other) return { ok: false, reason, conflictsWith: other };
  }
  return { ok: true, closes };
}

export type VersionWithdrawal<T extends DatedVersion> =
  /** Allowed: remove the version and give `reopens` (if any) the withdrawn version's end instead. */
  | { readonly ok: true; readonly reopens: { readonly version: T; readonly validTo: string | null } | null }
  | { readonly ok: false; readonly reason: "IN_FORCE" }
  /** Only the latest version can be withdrawn; otherwise a gap would open in the middle. */
  | { readonly ok: false; readonly reason: "LATER_VERSION_EXISTS" }
  /** A schedule keeps at least one version; retire the schedule instead. */
  | { readonly ok: false; readonly reason: "ONLY_VERSION" };

/**
 * Plans withdrawing a version that has not yet come into force (a mistake noticed in time). The version before
 * it, closed on the withdrawn version's first day, gets the withdrawn version's end, so no gap opens.
 */
export function planVersionWithdrawal<T extends DatedVersion>(existing: readonly T[], withdrawn: T, today: string): VersionWithdrawal<T> {
  if (withdrawn.validFrom <= today) return { ok: false, reason: "IN_FORCE" };
  if (existing.some((version) => version.validFrom > withdrawn.validFrom)) return { ok: false, reason: "LATER_VERSION_EXISTS" };
  const others = existing.filter((version) => version.id !== withdrawn.id);
  if (others.length === 0) return { ok: false, reason: "ONLY_VERSION" };
  const previous = others.find((version) => version.validTo === withdrawn.validFrom) ?? null;
  return { ok: true, reopens: previous ? { version: previous, validTo: withdrawn.validTo } : null };
}

function latestVersion<T extends ValidityPeriod>(versions: readonly T[]): T | null {
  return versions.reduce<T | null>((latest, version) => (latest === null || version.validFrom > latest.validFrom ? version : latest), null);
}

function latestStartingBefore<T extends ValidityPeriod>(versions: readonly T[], date: string): T | null {
  return latestVersion(versions.filter((version) => version.validFrom < date));
}

/** Whether two half-open periods share at least one day. */
function overlaps(a: ValidityPeriod, b: ValidityPeriod): boolean {
  return (a.validTo === null || b.validFrom < a.validTo) && (b.validTo === null || a.validFrom < b.validTo);
}

function earliestStartingAfter<T extends ValidityPeriod>(versions: readonly T[], date: string): T | null {
  return versions
    .filter((version) => version.validFrom > date)
    .reduce<T | null>((earliest, version) => (earliest === null || version.validFrom < earliest.validFrom ? version : earliest), null);
}
