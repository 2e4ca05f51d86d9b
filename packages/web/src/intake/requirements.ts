import type { MembershipStatus } from "../generated/graphql";

// What a network's intake rules (`Network.intakeRuleSet.rules`) ask for, set against what is recorded on the
// membership and the member, as a checklist for the coordinator. This is a reading aid only: the API checks the
// rules again on every move (`transitionMembership`) and its `IntakeRuleNotMet` errors are what the page shows when
// a move is refused. The API has no field that answers "what is missing for the next step" itself; see the report.

export interface RulesView {
  minimumAge?: number | null;
  guardianConsentBelowAge?: number | null;
  allowedMunicipalities?: readonly string[] | null;
  requireContactCall: boolean;
  requireIntroductionMeeting: boolean;
  requireTrainingAttended: boolean;
  recordOrganisationMandate: boolean;
}

export interface FactsView {
  age: number | null;
  guardianConsentGiven: boolean;
  municipality: string | null;
  contactCallAt: string | null;
  introductionHeldAt: string | null;
  trainedAt: string | null;
  organisationRepresented: string | null;
}

export type RequirementCode =
  | "AGE_KNOWN"
  | "MINIMUM_AGE"
  | "GUARDIAN"
  | "MUNICIPALITY"
  | "CONTACT_CALL"
  | "INTRODUCTION"
  | "TRAINING"
  | "MANDATE";

export interface Requirement {
  code: RequirementCode;
  met: boolean;
  /** The intake status from which on the rules insist on it. */
  neededFor: MembershipStatus;
  /** A number the label shows (an age). */
  value?: number;
}

/** The forward intake path; steps may be skipped, the rules say which may not. */
export const INTAKE_PATH: readonly MembershipStatus[] = [
  "PENDING_GUARDIAN_CONSENT" as MembershipStatus,
  "REGISTERED" as MembershipStatus,
  "CONTACTED" as MembershipStatus,
  "INTRODUCTION_BOOKED" as MembershipStatus,
  "TRAINED" as MembershipStatus,
  "ACTIVE" as MembershipStatus,
];

/** The moves the intake lifecycle offers from a status (the API refuses the ones the rules do not allow). */
export function movesFrom(status: MembershipStatus): MembershipStatus[] {
  const s = (value: string) => value as MembershipStatus;
  switch (status) {
    case "PENDING_GUARDIAN_CONSENT":
      return [s("REGISTERED"), s("WITHDRAWN")];
    case "ACTIVE":
      return [s("PAUSED"), s("WITHDRAWN")];
    case "PAUSED":
      return [s("ACTIVE"), s("WITHDRAWN")];
    case "WITHDRAWN":
    case "ERASED":
      return [];
    default: {
      const index = INTAKE_PATH.indexOf(status);
      return [...INTAKE_PATH.slice(index + 1), s("WITHDRAWN")];
    }
  }
}

/** The next status forward on the intake path, or null when the membership is past intake. */
export function nextIntakeStatus(status: MembershipStatus): MembershipStatus | null {
  const index = INTAKE_PATH.indexOf(status);
  if (index < 0 || index === INTAKE_PATH.length - 1) return null;
  return INTAKE_PATH[index + 1] ?? null;
}

const stage = (status: MembershipStatus) => INTAKE_PATH.indexOf(status);

export function requirements(rules: RulesView, facts: FactsView): Requirement[] {
  const list: Requirement[] = [];
  const s = (value: string) => value as MembershipStatus;
  const ageMatters = rules.minimumAge != null || rules.guardianConsentBelowAge != null;
  if (ageMatters) list.push({ code: "AGE_KNOWN", met: facts.age !== null, neededFor: s("REGISTERED") });
  if (rules.minimumAge != null) {
    list.push({
      code: "MINIMUM_AGE",
      met: facts.age !== null && facts.age >= rules.minimumAge,
      neededFor: s("REGISTERED"),
      value: rules.minimumAge,
    });
  }
  const limit = rules.guardianConsentBelowAge;
  if (limit != null && facts.age !== null && facts.age < limit) {
    list.push({ code: "GUARDIAN", met: facts.guardianConsentGiven, neededFor: s("REGISTERED"), value: limit });
  }
  if (rules.allowedMunicipalities?.length) {
    const allowed = rules.allowedMunicipalities.map((name) => name.toLocaleLowerCase("sv"));
    list.push({
      code: "MUNICIPALITY",
      met: facts.municipality !== null && allowed.includes(facts.municipality.toLocaleLowerCase("sv")),
      neededFor: s("REGISTERED"),
    });
  }
  if (rules.requireContactCall) list.push({ code: "CONTACT_CALL", met: facts.contactCallAt !== null, neededFor: s("INTRODUCTION_BOOKED") });
  if (rules.requireIntroductionMeeting)
    list.push({ code: "INTRODUCTION", met: facts.introductionHeldAt !== null, neededFor: s("TRAINED") });
  if (rules.requireTrainingAttended) list.push({ code: "TRAINING", met: facts.trainedAt !== null, neededFor: s("ACTIVE") });
  if (rules.recordOrganisationMandate && facts.organisationRepresented) {
    list.push({ code: "MANDATE", met: true, neededFor: s("ACTIVE") });
  }
  return list;
}

/** The requirements not met that stand in the way of reaching `to`. */
export function missingFor(to: MembershipStatus, list: readonly Requirement[]): Requirement[] {
  const target = stage(to);
  if (target < 0) return [];
  return list.filter((requirement) => !requirement.met && stage(requirement.neededFor) <= target);
}

/** Age today from a birth date (YYYY-MM-DD) or, failing that, a birth year (the youngest possible age). */
export function ageToday(birthDate: string | null | undefined, birthYear: number | null | undefined, now = new Date()): number | null {
  if (birthDate) {
    const [year, month, day] = birthDate.split("-").map(Number) as [number, number, number];
    let age = now.getFullYear() - year;
    if (now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < day)) age -= 1;
    return age;
  }
  if (birthYear) return now.getFullYear() - birthYear - 1;
  return null;
}
