// What erasure (GDPR art. 17) and the retention job leave of a member. The person disappears; the facts that
// statistics count remain, detached from anyone who could be recognised:
// - kept: the member row's id (so "unique participants", memberships, assignments, attendance and fee-claim amounts
//   still add up), perspectives (a statistics dimension with three values), the preferred language of messages,
//   memberships (network, channel, dates; status becomes ERASED), training attendance, invitations' and assignments'
//   statuses and dates, attendance, fee-claim amounts, consent records (kind, text version, dates: the proof that the
//   processing which happened was lawful), the audit trail's who/what/when/why, data-subject-request dates.
// - birth: the date is cleared; the year is kept only as the first year of its five-year cohort, so an age band in a
//   statistic is at most one band off while the exact year can no longer single anyone out in a small pool.
// - cleared: name, contact details, sign-in subject, duplicate keys, municipality, own words about the experience,
//   experience tags (health data), competences, languages, accessibility needs, availability, organisation
//   represented, pauses (reasons may be health data), guardians, probable-duplicate flags, notification preferences,
//   the contents of correction history, free text others wrote about them (intake notes, invitation messages,
//   decline and cancellation reasons, feedback comments on their assignments and feedback they gave, fee-claim expense
//   descriptions, rejection reasons), notifications to or about them (recipient and contents; unsent ones never go),
//   audit events' details (the before/after of changes), notes on earlier data-subject requests.

export const BIRTH_COHORT_YEARS = 5;

/** The first year of the five-year cohort a birth year belongs to (1968 → 1965). */
export function birthCohortYear(birthYear: number): number {
  return birthYear - (((birthYear % BIRTH_COHORT_YEARS) + BIRTH_COHORT_YEARS) % BIRTH_COHORT_YEARS);
}

export interface ErasableBirth {
  readonly birthDate: string | null;
  readonly birthYear: number | null;
}

/** The member row's personal fields as they are after erasure (the perspectives and the row itself stay). */
export interface AnonymisedMemberFields {
  readonly subject: null;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: null;
  readonly phone: null;
  readonly birthDate: null;
  readonly birthYear: number | null;
  readonly municipality: null;
  readonly experienceText: null;
  readonly competences: readonly string[];
  readonly languages: readonly string[];
  readonly accessibilityNeeds: null;
  readonly availabilityNote: null;
  readonly organisationRepresented: null;
  readonly emailKey: null;
  readonly phoneKey: null;
  readonly nameBirthYearKey: null;
  readonly restrictedAt: null;
}

/** Names are required columns; erased rows carry none (they are never shown: every reader skips erased members). */
export const ERASED_NAME = "";

export function anonymisedMemberFields(birth: ErasableBirth): AnonymisedMemberFields {
  const year = birth.birthDate ? Number(birth.birthDate.slice(0, 4)) : birth.birthYear;
  return {
    subject: null,
    givenName: ERASED_NAME,
    familyName: ERASED_NAME,
    email: null,
    phone: null,
    birthDate: null,
    birthYear: typeof year === "number" && Number.isInteger(year) ? birthCohortYear(year) : null,
    municipality: null,
    experienceText: null,
    competences: [],
    languages: [],
    accessibilityNeeds: null,
    availabilityNote: null,
    organisationRepresented: null,
    emailKey: null,
    phoneKey: null,
    nameBirthYearKey: null,
    // Nothing personal is left to restrict.
    restrictedAt: null,
  };
}

/** Why an erasure is recorded: the person asked, or the tenant's retention period ran out. */
export type ErasureReason = "REQUEST" | "RETENTION";
