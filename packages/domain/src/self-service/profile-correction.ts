import type { FieldError } from "../messages/field-error.js";
import { duplicateKeys, type PersonIdentity } from "../registration/duplicates.js";
import {
  checkMemberProfile,
  type MemberProfile,
  type MemberProfileOptions,
  REGISTRATION_LIMITS,
  type RegistrationInput,
} from "../registration/registration.js";
import { checkText } from "../validation/checks.js";

// A member correcting their own profile (GDPR art. 16, rectification). The corrected profile must meet the same rules
// as a registration; what changed is kept as history, field by field, before and after.

/** The fields a member may correct: a field left out keeps its value, null clears it. */
export type ProfilePatch = Partial<
  Pick<
    RegistrationInput,
    | "givenName"
    | "familyName"
    | "email"
    | "phone"
    | "birthDate"
    | "birthYear"
    | "municipality"
    | "perspectives"
    | "experienceTagKeys"
    | "experienceText"
    | "competences"
    | "languages"
    | "accessibilityNeeds"
    | "availability"
    | "organisationRepresented"
  >
>;

export const PROFILE_FIELDS = [
  "givenName",
  "familyName",
  "email",
  "phone",
  "birthDate",
  "birthYear",
  "municipality",
  "perspectives",
  "experienceTagKeys",
  "experienceText",
  "competences",
  "languages",
  "accessibilityNeeds",
  "availability",
  "organisationRepresented",
] as const satisfies readonly (keyof MemberProfile)[];
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type ProfileCorrectionResult =
  | { readonly ok: true; readonly profile: MemberProfile }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The profile as it would be after the patch, checked as a whole: clearing the e-mail is fine while a phone number
 * remains, and refused when it would leave no way to reach the person.
 */
export function validateProfileCorrection(
  current: MemberProfile,
  patch: ProfilePatch,
  options: MemberProfileOptions,
  path = "input",
): ProfileCorrectionResult {
  const merged: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const next = (patch as Record<string, unknown>)[field];
    merged[field] = next === undefined ? current[field] : next;
  }
  const errors: FieldError[] = [];
  const profile = checkMemberProfile(errors, merged as RegistrationInput, options, path);
  const { givenName, familyName } = profile;
  if (errors.length > 0 || givenName === null || familyName === null) return { ok: false, errors };
  return { ok: true, profile: { ...profile, givenName, familyName } };
}

/** One corrected field. Values are lists so that one shape holds text, numbers and lists; empty means no value. */
export interface ProfileChange {
  readonly field: ProfileField;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

function asList(value: MemberProfile[ProfileField]): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** What differs between two profiles, in the order of PROFILE_FIELDS; lists compare as sets (order is not a change). */
export function profileChanges(before: MemberProfile, after: MemberProfile): ProfileChange[] {
  const changes: ProfileChange[] = [];
  for (const field of PROFILE_FIELDS) {
    const a = asList(before[field]);
    const b = asList(after[field]);
    const same = Array.isArray(before[field])
      ? a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000")
      : a.join("") === b.join("") && a.length === b.length;
    if (!same) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/** The normalised keys stored on a member for duplicate detection; kept in step with every correction. */
export function memberDuplicateKeys(person: PersonIdentity): {
  emailKey: string | null;
  phoneKey: string | null;
  nameBirthYearKey: string | null;
} {
  const keys = duplicateKeys(person);
  const find = (kind: string) => keys.find((key) => key.kind === kind)?.value ?? null;
  return { emailKey: find("EMAIL"), phoneKey: find("PHONE"), nameBirthYearKey: find("NAME_AND_BIRTH_YEAR") };
}

export type AvailabilityResult =
  | { readonly ok: true; readonly note: string | null }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The member's own words on when they can take part; blank clears it. */
export function validateAvailabilityNote(note: string | null | undefined, path = "input"): AvailabilityResult {
  const errors: FieldError[] = [];
  const value = checkText(errors, `${path}.note`, { sv: "Tillgänglighet i tid", en: "Availability" }, note, {
    required: false,
    maxLength: REGISTRATION_LIMITS.shortTextLength,
    multiline: true,
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, note: value };
}
