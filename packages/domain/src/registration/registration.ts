import { parseIsoDate } from "../calendar/iso-date.js";
import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { parsePersonalIdentityNumber } from "../identity/personal-identity-number.js";
import { ageOn } from "../intake/age.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isBlank, normaliseLine } from "../text/normalise.js";
import { checkText, checkTextList } from "../validation/checks.js";
import { isPerspective, type Perspective } from "../vocabulary/vocabulary.js";

// The public registration of interest ("intresseanmälan") and the postal one a coordinator types
// in. Validation reports every problem at once; normalisation makes the stored data comparable
// (one spelling of a phone number, trimmed names) so that duplicates can be found.

export interface GuardianInput {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  /** E.g. "mamma", "förälder", "särskilt förordnad vårdnadshavare". */
  readonly relation?: string | null;
}

export interface RegistrationInput {
  readonly givenName?: string | null;
  readonly familyName?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  /** YYYY-MM-DD. */
  readonly birthDate?: string | null;
  /** When only the year is given (common on paper forms). */
  readonly birthYear?: number | null;
  readonly municipality?: string | null;
  readonly perspectives?: readonly string[] | null;
  readonly experienceTagKeys?: readonly string[] | null;
  readonly experienceText?: string | null;
  readonly competences?: readonly string[] | null;
  readonly languages?: readonly string[] | null;
  readonly accessibilityNeeds?: string | null;
  readonly availability?: string | null;
  /** The patient or user organisation the person speaks for, if any. */
  readonly organisationRepresented?: string | null;
  readonly networkIds?: readonly string[] | null;
  /** Version of the consent text the person accepted; without it there is no legal record of the consent. */
  readonly consentTextVersion?: string | null;
  readonly guardian?: GuardianInput | null;
}

export interface Guardian {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly relation: string | null;
}

export interface Registration {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string | null;
  /** E.164. */
  readonly phone: string | null;
  readonly birthDate: string | null;
  /** Taken from the birth date when that is given. */
  readonly birthYear: number | null;
  readonly municipality: string | null;
  readonly perspectives: readonly Perspective[];
  readonly experienceTagKeys: readonly string[];
  readonly experienceText: string | null;
  readonly competences: readonly string[];
  readonly languages: readonly string[];
  readonly accessibilityNeeds: string | null;
  readonly availability: string | null;
  readonly organisationRepresented: string | null;
  readonly networkIds: readonly string[];
  readonly consentTextVersion: string;
  readonly guardian: Guardian | null;
}

export interface RegistrationOptions {
  /** Today's date in the tenant's time zone (ISO); birth dates after it are refused. */
  readonly today: string;
  /** When given, every network id must be one of these (the tenant's networks open for registration). */
  readonly knownNetworkIds?: readonly string[];
  /** When given, every experience tag must be one of these (the tenant's taxonomy). */
  readonly knownExperienceTagKeys?: readonly string[];
  /** Require a birth date or year — set it when the chosen networks' intake rules depend on age. */
  readonly birthRequired?: boolean;
  /** Below this age a guardian must be named (the networks' guardianConsentBelowAge). */
  readonly guardianRequiredBelowAge?: number | null;
}

export type RegistrationResult =
  | { readonly ok: true; readonly registration: Registration }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export const REGISTRATION_LIMITS = {
  nameLength: 100,
  emailLength: 254,
  municipalityLength: 100,
  textLength: 4000,
  shortTextLength: 2000,
  organisationLength: 200,
  listItemLength: 100,
  maxListItems: 30,
  maxNetworks: 20,
  consentVersionLength: 50,
  maxAge: 120,
} as const;

const L = {
  givenName: { sv: "Förnamn", en: "Given name" },
  familyName: { sv: "Efternamn", en: "Family name" },
  email: { sv: "E-postadress", en: "E-mail address" },
  phone: { sv: "Telefonnummer", en: "Phone number" },
  emailOrPhone: { sv: "E-postadress eller telefonnummer", en: "E-mail address or phone number" },
  birthDate: { sv: "Födelsedatum", en: "Date of birth" },
  birthYear: { sv: "Födelseår", en: "Year of birth" },
  birthDateOrYear: { sv: "Födelsedatum eller födelseår", en: "Date or year of birth" },
  municipality: { sv: "Kommun", en: "Municipality" },
  perspectives: { sv: "Perspektiv", en: "Perspectives" },
  perspective: { sv: "Perspektiv", en: "Perspective" },
  experienceTagKeys: { sv: "Erfarenheter", en: "Experiences" },
  experienceTag: { sv: "Erfarenhet", en: "Experience" },
  experienceText: { sv: "Beskrivning av dina erfarenheter", en: "Description of your experience" },
  competences: { sv: "Kompetenser", en: "Competences" },
  competence: { sv: "Kompetens", en: "Competence" },
  languages: { sv: "Språk", en: "Languages" },
  language: { sv: "Språk", en: "Language" },
  accessibilityNeeds: { sv: "Behov av tillgänglighet", en: "Accessibility needs" },
  availability: { sv: "Tillgänglighet i tid", en: "Availability" },
  organisationRepresented: { sv: "Organisation du företräder", en: "Organisation you represent" },
  networkIds: { sv: "Nätverk", en: "Networks" },
  network: { sv: "Nätverk", en: "Network" },
  consentTextVersion: { sv: "Samtycke till behandling av personuppgifter", en: "Consent to processing of personal data" },
  guardian: { sv: "Vårdnadshavare", en: "Guardian" },
  name: { sv: "Namn", en: "Name" },
  relation: { sv: "Relation", en: "Relation" },
} as const satisfies Record<string, LocalizedText>;

/** Trimmed, non-blank, first spelling wins among entries that differ only in case or accents. */
function checkEmail(errors: FieldError[], field: string, label: LocalizedText, value: string | null | undefined) {
  if (isBlank(value)) return null;
  const email = normaliseEmail(value ?? "");
  if (email === null) errors.push(fieldError(field, "INVALID_EMAIL", label));
  return email;
}

function checkPhone(errors: FieldError[], field: string, label: LocalizedText, value: string | null | undefined) {
  if (isBlank(value)) return null;
  const phone = normalisePhoneNumber(value ?? "");
  if (phone === null) errors.push(fieldError(field, "INVALID_PHONE", label));
  return phone;
}

function checkBirth(
  errors: FieldError[],
  path: string,
  input: RegistrationInput,
  options: RegistrationOptions,
): { birthDate: string | null; birthYear: number | null } {
  const today = parseIsoDate(options.today);
  if (today === null) throw new RangeError(`today must be an ISO date, got ${options.today}`);
  const { maxAge } = REGISTRATION_LIMITS;
  let birthDate: string | null = null;
  let birthYear: number | null = null;

  if (!isBlank(input.birthDate)) {
    const field = `${path}.birthDate`;
    const value = (input.birthDate ?? "").trim();
    const parsed = parseIsoDate(value);
    if (parsed === null) {
      errors.push(fieldError(field, "INVALID_DATE", L.birthDate, { hint: { sv: "Skriv ÅÅÅÅ-MM-DD.", en: "Write YYYY-MM-DD." } }));
    } else if (value > options.today) {
      errors.push(fieldError(field, "DATE_IN_FUTURE", L.birthDate));
    } else if ((ageOn({ birthDate: value }, options.today) ?? 0) > maxAge) {
      errors.push(
        fieldError(field, "OUT_OF_RANGE", L.birthDate, {
          hint: { sv: `Ingen kan vara äldre än ${maxAge} år.`, en: `Nobody can be older than ${maxAge}.` },
        }),
      );
    } else {
      birthDate = value;
      birthYear = parsed.year;
    }
  }

  if (input.birthYear !== null && input.birthYear !== undefined) {
    const field = `${path}.birthYear`;
    const year = input.birthYear;
    if (!Number.isInteger(year) || year > today.year || year < today.year - maxAge) {
      errors.push(fieldError(field, "OUT_OF_RANGE", L.birthYear, { min: today.year - maxAge, max: today.year }));
    } else if (birthYear !== null && birthYear !== year) {
      errors.push(fieldError(field, "INCONSISTENT", L.birthYear, { other: { sv: "födelsedatumet", en: "the date of birth" } }));
    } else if (isBlank(input.birthDate)) {
      birthYear = year;
    }
  }

  if (options.birthRequired && isBlank(input.birthDate) && (input.birthYear === null || input.birthYear === undefined)) {
    errors.push(fieldError(`${path}.birthDate`, "REQUIRED", L.birthDateOrYear));
  }
  return { birthDate, birthYear };
}

function checkGuardian(
  errors: FieldError[],
  path: string,
  input: GuardianInput | null | undefined,
  /** The age limit the person is under, when a guardian is needed; null otherwise. */
  requiredBelowAge: number | null,
): Guardian | null {
  const field = `${path}.guardian`;
  const empty = !input || [input.name, input.email, input.phone, input.relation].every((value) => isBlank(value));
  if (empty) {
    if (requiredBelowAge !== null) {
      errors.push(
        fieldError(field, "REQUIRED", L.guardian, {
          hint: {
            sv: `Den som är under ${requiredBelowAge} år behöver vårdnadshavares skriftliga samtycke.`,
            en: `Anyone under ${requiredBelowAge} needs a guardian's written consent.`,
          },
        }),
      );
    }
    return null;
  }
  const label = (child: LocalizedText) => nestedLabel(L.guardian, child);
  const name = checkText(errors, `${field}.name`, label(L.name), input?.name, { required: true, maxLength: 200 });
  const email = checkEmail(errors, `${field}.email`, label(L.email), input?.email);
  const phone = checkPhone(errors, `${field}.phone`, label(L.phone), input?.phone);
  // The guardian must be reachable to give written consent.
  if (isBlank(input?.email) && isBlank(input?.phone)) {
    errors.push(fieldError(`${field}.email`, "REQUIRED", label(L.emailOrPhone)));
  }
  const relation = checkText(errors, `${field}.relation`, label(L.relation), input?.relation, {
    required: false,
    maxLength: REGISTRATION_LIMITS.listItemLength,
  });
  return name === null ? null : { name, email, phone, relation };
}

/** The profile part of a registration: every field a member can later correct themself. */
export interface MemberProfile {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string | null;
  /** E.164. */
  readonly phone: string | null;
  readonly birthDate: string | null;
  readonly birthYear: number | null;
  readonly municipality: string | null;
  readonly perspectives: readonly Perspective[];
  readonly experienceTagKeys: readonly string[];
  readonly experienceText: string | null;
  readonly competences: readonly string[];
  readonly languages: readonly string[];
  readonly accessibilityNeeds: string | null;
  readonly availability: string | null;
  readonly organisationRepresented: string | null;
}

/** The checked profile; a name is null only when it was missing (and `errors` says so). */
export type CheckedMemberProfile = Omit<MemberProfile, "givenName" | "familyName"> & {
  readonly givenName: string | null;
  readonly familyName: string | null;
};

export type MemberProfileOptions = Pick<RegistrationOptions, "today" | "knownExperienceTagKeys" | "birthRequired">;

/**
 * A birth date or year given beside a personal identity number must be the number's own. The age rules (a network's
 * minimum age, a guardian's consent below an age) are decided on the birth given, so a minor could otherwise pass as
 * an adult by typing another date next to their own number. `twelveDigits` is the number as recorded (YYYYMMDDNNNC).
 */
export function checkBirthAgainstIdentityNumber(
  birth: { readonly birthDate: string | null; readonly birthYear: number | null },
  twelveDigits: string | null,
  path = "input",
): FieldError[] {
  if (twelveDigits === null) return [];
  const parsed = parsePersonalIdentityNumber(twelveDigits);
  if (!parsed.ok) return [];
  const numbers = { sv: "personnumret", en: "the personal identity number" };
  // A date carries its year (validation fills the year in from it), so a wrong date is one error, at the date.
  if (birth.birthDate !== null) {
    return birth.birthDate === parsed.number.birthDate
      ? []
      : [fieldError(`${path}.birthDate`, "INCONSISTENT", L.birthDate, { other: numbers })];
  }
  const errors: FieldError[] = [];
  if (birth.birthYear !== null && birth.birthYear !== Number(parsed.number.birthDate.slice(0, 4))) {
    errors.push(fieldError(`${path}.birthYear`, "INCONSISTENT", L.birthYear, { other: numbers }));
  }
  return errors;
}

/**
 * Checks and normalises the profile fields, appending every problem to `errors`. Shared by registration and by the
 * member's own corrections, so a corrected profile meets exactly the rules a new one does.
 */
export function checkMemberProfile(
  errors: FieldError[],
  input: RegistrationInput,
  options: MemberProfileOptions,
  path = "input",
): CheckedMemberProfile {
  const limits = REGISTRATION_LIMITS;
  const at = (name: string) => `${path}.${name}`;

  const nameRule = { required: true, maxLength: limits.nameLength };
  const givenName = checkText(errors, at("givenName"), L.givenName, input.givenName, nameRule);
  const familyName = checkText(errors, at("familyName"), L.familyName, input.familyName, nameRule);

  const email = checkEmail(errors, at("email"), L.email, input.email);
  const phone = checkPhone(errors, at("phone"), L.phone, input.phone);
  if (isBlank(input.email) && isBlank(input.phone)) {
    errors.push(fieldError(at("email"), "REQUIRED", L.emailOrPhone));
  }

  const { birthDate, birthYear } = checkBirth(errors, path, input, options);

  const municipality = checkText(errors, at("municipality"), L.municipality, input.municipality, {
    required: false,
    maxLength: limits.municipalityLength,
  });

  const perspectives: Perspective[] = [];
  (input.perspectives ?? []).forEach((value, index) => {
    if (!isPerspective(value)) errors.push(fieldError(at(`perspectives[${index}]`), "NOT_ALLOWED", itemLabel(L.perspective, index)));
    else if (!perspectives.includes(value)) perspectives.push(value);
  });
  if ((input.perspectives ?? []).length === 0) errors.push(fieldError(at("perspectives"), "TOO_FEW", L.perspectives, { min: 1 }));

  const experienceTagKeys = checkReferences(
    errors,
    at("experienceTagKeys"),
    L.experienceTag,
    input.experienceTagKeys,
    options.knownExperienceTagKeys,
  );
  if (experienceTagKeys.length > limits.maxListItems) {
    errors.push(fieldError(at("experienceTagKeys"), "TOO_MANY", L.experienceTagKeys, { max: limits.maxListItems }));
  }
  const experienceText = checkText(errors, at("experienceText"), L.experienceText, input.experienceText, {
    required: false,
    maxLength: limits.textLength,
    multiline: true,
  });
  const listLimits = { maxItems: limits.maxListItems, maxLength: REGISTRATION_LIMITS.listItemLength };
  const competences = checkTextList(errors, at("competences"), L.competences, L.competence, input.competences, listLimits);
  const languages = checkTextList(errors, at("languages"), L.languages, L.language, input.languages, listLimits);
  const freeText = { required: false, maxLength: limits.shortTextLength, multiline: true };
  const accessibilityNeeds = checkText(errors, at("accessibilityNeeds"), L.accessibilityNeeds, input.accessibilityNeeds, freeText);
  const availability = checkText(errors, at("availability"), L.availability, input.availability, freeText);
  const organisationRepresented = checkText(
    errors,
    at("organisationRepresented"),
    L.organisationRepresented,
    input.organisationRepresented,
    { required: false, maxLength: limits.organisationLength },
  );

  return {
    givenName,
    familyName,
    email,
    phone,
    birthDate,
    birthYear,
    municipality,
    perspectives,
    experienceTagKeys,
    experienceText,
    competences,
    languages,
    accessibilityNeeds,
    availability,
    organisationRepresented,
  };
}

export function validateRegistration(input: RegistrationInput, options: RegistrationOptions, path = "input"): RegistrationResult {
  const errors: FieldError[] = [];
  const limits = REGISTRATION_LIMITS;
  const at = (name: string) => `${path}.${name}`;

  const profile = checkMemberProfile(errors, input, options, path);

  const networkIds = checkReferences(errors, at("networkIds"), L.network, input.networkIds, options.knownNetworkIds);
  if ((input.networkIds ?? []).length === 0) errors.push(fieldError(at("networkIds"), "TOO_FEW", L.networkIds, { min: 1 }));
  else if (networkIds.length > limits.maxNetworks) {
    errors.push(fieldError(at("networkIds"), "TOO_MANY", L.networkIds, { max: limits.maxNetworks }));
  }

  const consentTextVersion = checkText(errors, at("consentTextVersion"), L.consentTextVersion, input.consentTextVersion, {
    required: true,
    maxLength: limits.consentVersionLength,
  });

  const age = ageOn(profile, options.today);
  const limit = options.guardianRequiredBelowAge ?? null;
  const guardianNeeded = age !== null && limit !== null && age < limit;
  const guardian = checkGuardian(errors, path, input.guardian, guardianNeeded ? limit : null);

  const { givenName, familyName } = profile;
  if (errors.length > 0 || givenName === null || familyName === null || consentTextVersion === null) {
    return { ok: false, errors };
  }
  return { ok: true, registration: { ...profile, givenName, familyName, networkIds, consentTextVersion, guardian } };
}

/** Trimmed, de-duplicated references (ids or keys); unknown ones are reported when the known set is given. */
function checkReferences(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  values: readonly string[] | null | undefined,
  known: readonly string[] | undefined,
): string[] {
  const result: string[] = [];
  (values ?? []).forEach((raw, index) => {
    const value = normaliseLine(raw);
    if (value === "") errors.push(fieldError(`${field}[${index}]`, "REQUIRED", itemLabel(label, index)));
    else if (known !== undefined && !known.includes(value)) {
      errors.push(fieldError(`${field}[${index}]`, "UNKNOWN_REFERENCE", itemLabel(label, index)));
    } else if (!result.includes(value)) result.push(value);
  });
  return result;
}
