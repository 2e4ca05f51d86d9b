import { isIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";

// A region changes its fees from a date (a new PBB share, new fixed amounts) without touching
// claims already made: each version has a validity period, and a claim always uses the version
// valid on the occasion's date. Periods are half-open, [validFrom, validTo), so consecutive
// versions meet exactly: the old one's validTo is the new one's validFrom.

export interface ValidityPeriod {
  readonly validFrom: string;
  readonly validTo: string | null;
}

export function isValidOn(period: ValidityPeriod, date: string): boolean {
  return period.validFrom <= date && (period.validTo === null || date < period.validTo);
}

/**
 * The version valid on `date` (ISO date), or null if none is. If a badly configured set has
 * several, the most recently started wins, so the answer is at least deterministic.
 */
export function selectScheduleVersion<T extends ValidityPeriod>(versions: readonly T[], date: string): T | null {
  let selected: T | null = null;
  for (const version of versions) {
    if (isValidOn(version, date) && (selected === null || version.validFrom > selected.validFrom)) {
      selected = version;
    }
  }
  return selected;
}

const VERSION = { sv: "Version", en: "Version" } as const;
const VALID_FROM = { sv: "Giltig från", en: "Valid from" } as const;
const VALID_TO = { sv: "Giltig till", en: "Valid to" } as const;
const VERSIONS = { sv: "Versioner", en: "Versions" } as const;

function previousVersion(index: number) {
  return { sv: `version ${index + 1}`, en: `version ${index + 1}` };
}

/**
 * Refuses a set of versions that overlap (two amounts for one day) or leave a gap (a day with
 * no amount). Only the latest version may be open-ended.
 */
export function validateScheduleVersions(versions: readonly ValidityPeriod[], path = "versions"): FieldError[] {
  if (versions.length === 0) return [fieldError(path, "TOO_FEW", VERSIONS, { min: 1 })];
  const errors: FieldError[] = [];
  const checkable: number[] = [];
  versions.forEach((version, index) => {
    const label = itemLabel(VERSION, index);
    const before = errors.length;
    if (!isIsoDate(version.validFrom)) {
      errors.push(fieldError(`${path}[${index}].validFrom`, "INVALID_DATE", nestedLabel(label, VALID_FROM)));
    }
    if (version.validTo !== null && !isIsoDate(version.validTo)) {
      errors.push(fieldError(`${path}[${index}].validTo`, "INVALID_DATE", nestedLabel(label, VALID_TO)));
    } else if (version.validTo !== null && version.validTo <= version.validFrom) {
      errors.push(
        fieldError(`${path}[${index}].validTo`, "MUST_BE_AFTER", nestedLabel(label, VALID_TO), {
          other: { sv: "giltig från", en: "valid from" },
        }),
      );
    }
    if (errors.length === before) checkable.push(index);
  });

  const ordered = checkable.sort((a, b) => {
    const byStart = (versions[a]?.validFrom ?? "").localeCompare(versions[b]?.validFrom ?? "");
    return byStart !== 0 ? byStart : a - b;
  });
  for (let i = 1; i < ordered.length; i++) {
    const earlierIndex = ordered[i - 1] as number;
    const laterIndex = ordered[i] as number;
    const earlier = versions[earlierIndex] as ValidityPeriod;
    const later = versions[laterIndex] as ValidityPeriod;
    const field = `${path}[${laterIndex}].validFrom`;
    const label = nestedLabel(itemLabel(VERSION, laterIndex), VALID_FROM);
    const other = previousVersion(earlierIndex);
    if (earlier.validTo === null || earlier.validTo > later.validFrom) {
      errors.push(fieldError(field, "OVERLAP", label, { other }));
    } else if (earlier.validTo < later.validFrom) {
      errors.push(fieldError(field, "GAP", label, { other }));
    }
  }
  return errors;
}
