import { hasLapsed } from "../invitation/invitation.js";

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
//   represented, answers to the region's registration questions, pauses (reasons may be health data), guardians, probable-duplicate flags, notification preferences,
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

/** An invitation of a member being erased, with what decides whether it is still open. */
export interface CommitmentOnErasure {
  readonly invitationId: string;
  readonly requestId: string;
  /** As stored (an unanswered one past its answer time counts as lapsed, not open). */
  readonly status: "PENDING" | "ACCEPTED" | "WAITLISTED" | "DECLINED" | "EXPIRED" | "WITHDRAWN";
  readonly expiresAt: Date;
  /** The place an acceptance holds, if any. */
  readonly assignment: { readonly id: string; readonly status: "CONFIRMED" | "CARRIED_OUT" | "CANCELLED" } | null;
  /** Whether the request has an occasion (not cancelled) that has not ended yet. */
  readonly occasionsAhead: boolean;
}

export interface CommitmentsGivenUp {
  /** Invitations withdrawn: unanswered, waitlisted, or holding an upcoming place. */
  readonly withdraw: readonly string[];
  /** Upcoming places cancelled (the next on the waiting list moves up). */
  readonly cancelAssignments: readonly string[];
  /** The requests whose places must be settled again, each once. */
  readonly requests: readonly string[];
}

/**
 * What erasure closes of a member's open commitments. A person who no longer exists cannot answer an invitation, wait
 * for a place or turn up: unanswered and waitlisted invitations are withdrawn, and a place on an assignment still
 * ahead is cancelled so the unit is not left waiting for nobody (and the next in line gets it). What has happened —
 * declined, expired, carried out, a place whose occasions are all over (attendance and fee claims may hang on it) — is
 * history and stays as it was, anonymous, for the statistics.
 */
export function commitmentsGivenUpOnErasure(invitations: readonly CommitmentOnErasure[], now: Date): CommitmentsGivenUp {
  const withdraw: string[] = [];
  const cancelAssignments: string[] = [];
  const requests = new Set<string>();
  for (const invitation of invitations) {
    const open = (invitation.status === "PENDING" && !hasLapsed(invitation, now)) || invitation.status === "WAITLISTED";
    const upcomingPlace = invitation.status === "ACCEPTED" && invitation.assignment?.status === "CONFIRMED" && invitation.occasionsAhead;
    if (!open && !upcomingPlace) continue;
    withdraw.push(invitation.invitationId);
    if (upcomingPlace && invitation.assignment) cancelAssignments.push(invitation.assignment.id);
    requests.add(invitation.requestId);
  }
  return { withdraw, cancelAssignments, requests: [...requests].sort() };
}
