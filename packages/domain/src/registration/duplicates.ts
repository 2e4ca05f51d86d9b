import { parseIsoDate } from "../calendar/iso-date.js";
import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { foldForComparison } from "../text/normalise.js";

// The same person registering twice (once on the web, once on paper; once to each network) must
// be noticed, not silently doubled. We compare normalised keys and tell the coordinator which
// keys matched; a human decides whether it is the same person.

export interface PersonIdentity {
  readonly givenName: string;
  readonly familyName: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly birthDate?: string | null;
  readonly birthYear?: number | null;
}

export const DUPLICATE_KEY_KINDS = ["EMAIL", "PHONE", "NAME_AND_BIRTH_DATE", "NAME_AND_BIRTH_YEAR"] as const;
export type DuplicateKeyKind = (typeof DUPLICATE_KEY_KINDS)[number];

export interface DuplicateKey {
  readonly kind: DuplicateKeyKind;
  readonly value: string;
}

/**
 * Normalised keys: e-mail in lower case, phone in E.164, and the accent-folded full name with the
 * birth date and with the birth year. The year key lets a paper registration with only a year
 * meet a web registration with a full date.
 */
export function duplicateKeys(person: PersonIdentity): DuplicateKey[] {
  const keys: DuplicateKey[] = [];
  const email = person.email ? normaliseEmail(person.email) : null;
  if (email) keys.push({ kind: "EMAIL", value: email });
  const phone = person.phone ? normalisePhoneNumber(person.phone) : null;
  if (phone) keys.push({ kind: "PHONE", value: phone });

  const given = foldForComparison(person.givenName);
  const family = foldForComparison(person.familyName);
  const hasName = given !== "" && family !== "";
  const name = `${given}|${family}`;
  const born = person.birthDate ? parseIsoDate(person.birthDate) : null;
  const year = born?.year ?? person.birthYear ?? null;
  if (hasName && born) keys.push({ kind: "NAME_AND_BIRTH_DATE", value: `${name}|${person.birthDate}` });
  if (hasName && year !== null) keys.push({ kind: "NAME_AND_BIRTH_YEAR", value: `${name}|${year}` });
  return keys;
}

export interface ProbableDuplicate<T> {
  readonly existing: T;
  readonly matchedOn: readonly DuplicateKeyKind[];
}

/**
 * Existing persons who share at least one key with the candidate, those matching on most keys
 * first. Name and birth year alone do not count when both sides give full birth dates: then the
 * dates decide, and two different dates mean two different people of the same name.
 */
export function findProbableDuplicates<T extends PersonIdentity>(
  candidate: PersonIdentity,
  existing: readonly T[],
): ProbableDuplicate<T>[] {
  const wanted = new Set(duplicateKeys(candidate).map((key) => `${key.kind}:${key.value}`));
  const matches: ProbableDuplicate<T>[] = [];
  for (const person of existing) {
    const bothHaveDates = Boolean(candidate.birthDate && person.birthDate);
    const matchedOn = duplicateKeys(person)
      .filter((key) => wanted.has(`${key.kind}:${key.value}`))
      .filter((key) => !(key.kind === "NAME_AND_BIRTH_YEAR" && bothHaveDates))
      .map((key) => key.kind);
    if (matchedOn.length > 0) matches.push({ existing: person, matchedOn });
  }
  return matches.sort((a, b) => b.matchedOn.length - a.matchedOn.length);
}
