import type { LocalizedText } from "../messages/locale.js";
import { type IntakeRules, isMunicipalityAllowed } from "./intake-rules.js";
import { allowedTransitions, isTransitionAllowed, MEMBERSHIP_STATUS_LABELS, type MembershipStatus } from "./membership-status.js";

// Checks one move in a membership's intake lifecycle against the network's rules, and says
// exactly which rule stops it and which fact is missing, so the coordinator knows what to do.

/** What is known about the person when the move is attempted. */
export interface IntakeFacts {
  readonly age: number | null;
  readonly guardianConsentGiven: boolean;
  readonly contactCallRecorded: boolean;
  readonly introductionMeetingHeld: boolean;
  readonly trainingAttended: boolean;
  readonly municipality: string | null;
  /** Whether the person speaks for a patient or user organisation; only then is a mandate needed. */
  readonly representsOrganisation: boolean;
  readonly organisationMandateRecorded: boolean;
}

export const INTAKE_RULE_CODES = [
  "TRANSITION_NOT_ALLOWED",
  "AGE_UNKNOWN",
  "BELOW_MINIMUM_AGE",
  "GUARDIAN_CONSENT_REQUIRED",
  "MUNICIPALITY_NOT_ALLOWED",
  "CONTACT_CALL_REQUIRED",
  "INTRODUCTION_MEETING_REQUIRED",
  "TRAINING_REQUIRED",
  "ORGANISATION_MANDATE_REQUIRED",
] as const;
export type IntakeRuleCode = (typeof INTAKE_RULE_CODES)[number];

export interface IntakeViolation {
  readonly rule: IntakeRuleCode;
  readonly message: LocalizedText;
  /** The fact (a key of IntakeFacts) that must change, or "transition" when the move itself does not exist. */
  readonly missing: keyof IntakeFacts | "transition";
}

export type TransitionCheck = { readonly ok: true } | { readonly ok: false; readonly violations: readonly IntakeViolation[] };

export interface TransitionRequest {
  readonly from: MembershipStatus;
  readonly to: MembershipStatus;
  readonly facts: IntakeFacts;
  readonly rules: IntakeRules;
}

// How far along the intake a status is. Steps may be skipped, so requirements are about
// reaching a stage, not about the step just before it.
const STAGE: Partial<Record<MembershipStatus, number>> = {
  REGISTERED: 0,
  CONTACTED: 1,
  INTRODUCTION_BOOKED: 2,
  TRAINED: 3,
  ACTIVE: 4,
};

const violation = (rule: IntakeRuleCode, missing: IntakeViolation["missing"], sv: string, en: string): IntakeViolation => ({
  rule,
  missing,
  message: { sv, en },
});

/** Age, guardian consent and municipality: who may be in the pool at all. */
function eligibilityViolations(
  facts: Pick<IntakeFacts, "age" | "guardianConsentGiven" | "municipality">,
  rules: IntakeRules,
  options: { checkConsent: boolean; checkMunicipality: boolean },
): IntakeViolation[] {
  const found: IntakeViolation[] = [];
  const { age } = facts;
  if (age === null && (rules.minimumAge !== null || rules.guardianConsentBelowAge !== null)) {
    found.push(
      violation(
        "AGE_UNKNOWN",
        "age",
        "Ålder saknas. Nätverkets regler beror på ålder, så födelsedatum eller födelseår behövs.",
        "Age is missing. The network's rules depend on age, so a birth date or birth year is needed.",
      ),
    );
  }
  if (age !== null && rules.minimumAge !== null && age < rules.minimumAge) {
    found.push(
      violation(
        "BELOW_MINIMUM_AGE",
        "age",
        `Personen är under nätverkets lägsta ålder, ${rules.minimumAge} år.`,
        `The person is below the network's minimum age of ${rules.minimumAge}.`,
      ),
    );
  }
  const limit = rules.guardianConsentBelowAge;
  if (options.checkConsent && age !== null && limit !== null && age < limit && !facts.guardianConsentGiven) {
    found.push(
      violation(
        "GUARDIAN_CONSENT_REQUIRED",
        "guardianConsentGiven",
        `Personen är under ${limit} år och behöver skriftligt samtycke från vårdnadshavare.`,
        `The person is under ${limit} and needs written consent from a guardian.`,
      ),
    );
  }
  if (options.checkMunicipality && !isMunicipalityAllowed(rules, facts.municipality)) {
    found.push(
      facts.municipality === null
        ? violation(
            "MUNICIPALITY_NOT_ALLOWED",
            "municipality",
            "Kommun saknas. Nätverket tar bara emot personer från vissa kommuner.",
            "Municipality is missing. The network only accepts people from certain municipalities.",
          )
        : violation(
            "MUNICIPALITY_NOT_ALLOWED",
            "municipality",
            `${facts.municipality} hör inte till de kommuner nätverket tar emot personer från.`,
            `${facts.municipality} is not one of the municipalities the network accepts people from.`,
          ),
    );
  }
  return found;
}

export function checkTransition({ from, to, facts, rules }: TransitionRequest): TransitionCheck {
  if (!isTransitionAllowed(from, to)) {
    const a = MEMBERSHIP_STATUS_LABELS[from];
    const b = MEMBERSHIP_STATUS_LABELS[to];
    return {
      ok: false,
      violations: [
        violation(
          "TRANSITION_NOT_ALLOWED",
          "transition",
          `Det går inte att gå från ”${a.sv}” till ”${b.sv}”.`,
          `A membership cannot go from “${a.en}” to “${b.en}”.`,
        ),
      ],
    };
  }

  // Pausing, withdrawing and erasing are always the person's right; only joining has conditions.
  const stage = STAGE[to];
  if (stage === undefined) return { ok: true };

  const violations = eligibilityViolations(facts, rules, { checkConsent: true, checkMunicipality: true });
  // CONTACTED and TRAINED are statements of fact, whatever the rules: the call was made, the training attended.
  if (!facts.contactCallRecorded && (to === "CONTACTED" || (rules.requireContactCall && stage >= 2))) {
    violations.push(
      violation(
        "CONTACT_CALL_REQUIRED",
        "contactCallRecorded",
        "Ett kontaktsamtal med personen måste vara registrerat först.",
        "A contact call with the person must be recorded first.",
      ),
    );
  }
  if (!facts.introductionMeetingHeld && rules.requireIntroductionMeeting && stage >= 3) {
    violations.push(
      violation(
        "INTRODUCTION_MEETING_REQUIRED",
        "introductionMeetingHeld",
        "Introduktionsmötet måste ha hållits först.",
        "The introduction meeting must have been held first.",
      ),
    );
  }
  if (!facts.trainingAttended && (to === "TRAINED" || (rules.requireTrainingAttended && to === "ACTIVE"))) {
    violations.push(
      violation(
        "TRAINING_REQUIRED",
        "trainingAttended",
        "Personen måste ha deltagit i utbildningen först.",
        "The person must have attended the training first.",
      ),
    );
  }
  if (to === "ACTIVE" && rules.recordOrganisationMandate && facts.representsOrganisation && !facts.organisationMandateRecorded) {
    violations.push(
      violation(
        "ORGANISATION_MANDATE_REQUIRED",
        "organisationMandateRecorded",
        "Vilken organisation personen företräder och organisationens mandat måste registreras först.",
        "The organisation the person speaks for, and its mandate, must be recorded first.",
      ),
    );
  }
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

/** The statuses this membership could move to now, given the facts: what a coordinator's menu offers. */
export function availableTransitions(from: MembershipStatus, facts: IntakeFacts, rules: IntakeRules): MembershipStatus[] {
  return allowedTransitions(from).filter((to) => checkTransition({ from, to, facts, rules }).ok);
}

/** What happened at one of the network's introduction or training sessions. */
export type TrainingSessionStep = "PLACE_BOOKED" | "ATTENDED";

/**
 * The intake step a session takes a membership to by itself, or null. A place booked on a session (not a waiting-list
 * place) is the introduction booked (VGR's digital introduction); attending it is the training attended (TRAINED is a
 * statement of fact). Only forward, only from an earlier stage, and only when the rules allow that move (a minor
 * without consent stays where they are); the coordinator still moves anyone by hand.
 */
export function intakeStepForSession(
  step: TrainingSessionStep,
  from: MembershipStatus,
  facts: IntakeFacts,
  rules: IntakeRules,
): MembershipStatus | null {
  const to: MembershipStatus = step === "PLACE_BOOKED" ? "INTRODUCTION_BOOKED" : "TRAINED";
  const current = STAGE[from];
  if (current === undefined || current >= (STAGE[to] as number)) return null;
  const stepFacts = step === "ATTENDED" ? { ...facts, trainingAttended: true } : facts;
  return checkTransition({ from, to, facts: stepFacts, rules }).ok ? to : null;
}

export type InitialStatusResult =
  | { readonly ok: true; readonly status: "REGISTERED" | "PENDING_GUARDIAN_CONSENT" }
  | { readonly ok: false; readonly violations: readonly IntakeViolation[] };

/**
 * Where a new registration starts. A minor without a guardian's consent is held in
 * PENDING_GUARDIAN_CONSENT (Kalmar: "för barns medverkan ska vårdnadshavare ge skriftligt
 * samtycke"); someone below the minimum age, or of unknown age where age matters, is refused.
 * The municipality is checked only when given (pass null to say it is unknown).
 */
export function initialStatus(
  rules: IntakeRules,
  age: number | null,
  guardianConsentGiven: boolean,
  municipality?: string | null,
): InitialStatusResult {
  const violations = eligibilityViolations({ age, guardianConsentGiven, municipality: municipality ?? null }, rules, {
    checkConsent: false,
    checkMunicipality: municipality !== undefined,
  });
  if (violations.length > 0) return { ok: false, violations };
  const limit = rules.guardianConsentBelowAge;
  const needsConsent = age !== null && limit !== null && age < limit && !guardianConsentGiven;
  return { ok: true, status: needsConsent ? "PENDING_GUARDIAN_CONSENT" : "REGISTERED" };
}
