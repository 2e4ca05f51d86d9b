import { type FieldError, fieldError, itemLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { foldForComparison, normaliseLine } from "../text/normalise.js";
import { checkInteger } from "../validation/checks.js";

// What a network demands before someone joins its pool. Each region's routine differs: VGR
// makes its digital introduction mandatory, Kalmar requires a guardian's written consent for
// children and books an introduction meeting, Jönköping holds a conversation and a short
// training. Those differences are data, never branches in code.

export interface IntakeRules {
  /** Youngest age accepted at all; null for no limit. */
  readonly minimumAge: number | null;
  /** Below this age a guardian's written consent is needed (Kalmar: 18); null if never. */
  readonly guardianConsentBelowAge: number | null;
  /** A coordinator's call must be recorded before the introduction or anything later. */
  readonly requireContactCall: boolean;
  /** An introduction meeting must have been held before training or activation. */
  readonly requireIntroductionMeeting: boolean;
  /** Training (VGR: the ≈1.5 h digital introduction) must have been attended before activation. */
  readonly requireTrainingAttended: boolean;
  /** Municipalities (names) whose residents may join; null for anyone. */
  readonly allowedMunicipalities: readonly string[] | null;
  /** Someone who speaks for a patient or user organisation must have that mandate recorded before activation. */
  readonly recordOrganisationMandate: boolean;
  /** A new registration should be followed up within this many days; null for no deadline. */
  readonly followUpWithinDays: number | null;
}

const L = {
  minimumAge: { sv: "Lägsta ålder", en: "Minimum age" },
  guardianConsentBelowAge: { sv: "Vårdnadshavares samtycke under ålder", en: "Guardian consent below age" },
  allowedMunicipalities: { sv: "Tillåtna kommuner", en: "Allowed municipalities" },
  municipality: { sv: "Kommun", en: "Municipality" },
  followUpWithinDays: { sv: "Uppföljning inom antal dagar", en: "Follow-up within days" },
} as const satisfies Record<string, LocalizedText>;

const MAX_AGE = 120;

export function validateIntakeRules(rules: IntakeRules, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  const minimumAgeOk =
    rules.minimumAge === null || checkInteger(errors, `${path}.minimumAge`, L.minimumAge, rules.minimumAge, { min: 0, max: MAX_AGE });
  if (rules.guardianConsentBelowAge !== null) {
    const field = `${path}.guardianConsentBelowAge`;
    const ok = checkInteger(errors, field, L.guardianConsentBelowAge, rules.guardianConsentBelowAge, {
      min: 1,
      max: MAX_AGE,
    });
    // A consent age at or below the minimum age could never apply, which is surely a mistake.
    if (ok && minimumAgeOk && rules.minimumAge !== null && rules.guardianConsentBelowAge <= rules.minimumAge) {
      errors.push(
        fieldError(field, "MUST_BE_GREATER", L.guardianConsentBelowAge, {
          other: { sv: "lägsta ålder", en: "the minimum age" },
        }),
      );
    }
  }
  if (rules.allowedMunicipalities !== null) {
    const field = `${path}.allowedMunicipalities`;
    if (rules.allowedMunicipalities.length === 0) {
      errors.push(
        fieldError(field, "TOO_FEW", L.allowedMunicipalities, {
          min: 1,
          hint: { sv: "Lämna tomt för att tillåta alla kommuner.", en: "Leave it empty to allow every municipality." },
        }),
      );
    }
    const seen = new Set<string>();
    rules.allowedMunicipalities.forEach((name, index) => {
      const key = foldForComparison(name);
      const label = itemLabel(L.municipality, index);
      if (normaliseLine(name) === "") errors.push(fieldError(`${field}[${index}]`, "REQUIRED", label));
      else if (seen.has(key)) errors.push(fieldError(`${field}[${index}]`, "DUPLICATE", label));
      seen.add(key);
    });
  }
  if (rules.followUpWithinDays !== null) {
    checkInteger(errors, `${path}.followUpWithinDays`, L.followUpWithinDays, rules.followUpWithinDays, {
      min: 1,
      max: 365,
    });
  }
  return errors;
}

/** Whether a municipality is accepted; names compare without regard to case or accents ("Mörbylånga" = "morbylanga"). */
export function isMunicipalityAllowed(rules: Pick<IntakeRules, "allowedMunicipalities">, municipality: string | null): boolean {
  if (rules.allowedMunicipalities === null) return true;
  if (municipality === null) return false;
  const key = foldForComparison(municipality);
  return rules.allowedMunicipalities.some((allowed) => foldForComparison(allowed) === key);
}
