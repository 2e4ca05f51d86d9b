import { describe, expect, it } from "vitest";
import { jonkopingIntakeRules, kalmarIntakeRules, ostergotlandIntakeRules, vgrIntakeRules } from "../seed-data/regions.js";
import type { IntakeRules } from "./intake-rules.js";
import { allowedTransitions, hasMembershipEnded, MEMBERSHIP_STATUSES, type MembershipStatus } from "./membership-status.js";
import { availableTransitions, checkTransition, type IntakeFacts, initialStatus, intakeStepForSession } from "./transitions.js";

const noRules: IntakeRules = {
  minimumAge: null,
  guardianConsentBelowAge: null,
  requireContactCall: false,
  requireIntroductionMeeting: false,
  requireTrainingAttended: false,
  allowedMunicipalities: null,
  recordOrganisationMandate: false,
  followUpWithinDays: null,
};

const adult: IntakeFacts = {
  age: 45,
  guardianConsentGiven: false,
  contactCallRecorded: false,
  introductionMeetingHeld: false,
  trainingAttended: false,
  municipality: "Kalmar",
  representsOrganisation: false,
  organisationMandateRecorded: false,
};

const check = (from: MembershipStatus, to: MembershipStatus, rules: IntakeRules, facts: Partial<IntakeFacts> = {}) =>
  checkTransition({ from, to, rules, facts: { ...adult, ...facts } });

const failedRules = (result: ReturnType<typeof checkTransition>) => (result.ok ? [] : result.violations.map((v) => v.rule));

describe("the lifecycle's moves", () => {
  it("has ended exactly where no move leads back into the pool", () => {
    expect(MEMBERSHIP_STATUSES.filter(hasMembershipEnded)).toEqual(["WITHDRAWN", "ERASED"]);
    for (const status of MEMBERSHIP_STATUSES.filter(hasMembershipEnded)) {
      expect(allowedTransitions(status).filter((next) => !hasMembershipEnded(next))).toEqual([]);
    }
  });

  it("walks the full intake path", () => {
    const path: MembershipStatus[] = ["REGISTERED", "CONTACTED", "INTRODUCTION_BOOKED", "TRAINED", "ACTIVE"];
    const facts = { contactCallRecorded: true, introductionMeetingHeld: true, trainingAttended: true };
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] as MembershipStatus;
      const to = path[i] as MembershipStatus;
      expect(check(from, to, kalmarIntakeRules, facts), `${from} → ${to}`).toEqual({ ok: true });
    }
  });

  it("lets an active member pause and come back", () => {
    expect(check("ACTIVE", "PAUSED", vgrIntakeRules)).toEqual({ ok: true });
    expect(check("PAUSED", "ACTIVE", vgrIntakeRules, { trainingAttended: true })).toEqual({ ok: true });
  });

  it("lets anyone not erased withdraw, and only the withdrawn be erased", () => {
    for (const from of MEMBERSHIP_STATUSES) {
      const withdraw = check(from, "WITHDRAWN", kalmarIntakeRules, { age: 12, municipality: null });
      expect(withdraw.ok, from).toBe(from !== "WITHDRAWN" && from !== "ERASED");
      expect(check(from, "ERASED", kalmarIntakeRules).ok, from).toBe(from === "WITHDRAWN");
    }
    expect(allowedTransitions("ERASED")).toEqual([]);
  });

  it.each([
    ["ACTIVE", "REGISTERED"],
    ["TRAINED", "CONTACTED"],
    ["REGISTERED", "PAUSED"],
    ["PAUSED", "TRAINED"],
    ["WITHDRAWN", "ACTIVE"],
    ["ERASED", "REGISTERED"],
    ["PENDING_GUARDIAN_CONSENT", "ACTIVE"],
    ["ACTIVE", "ACTIVE"],
    ["REGISTERED", "PENDING_GUARDIAN_CONSENT"],
  ] as const)("refuses %s → %s whatever the facts", (from, to) => {
    const result = check(from, to, noRules, {
      guardianConsentGiven: true,
      contactCallRecorded: true,
      introductionMeetingHeld: true,
      trainingAttended: true,
    });
    expect(result).toMatchObject({ ok: false, violations: [{ rule: "TRANSITION_NOT_ALLOWED", missing: "transition" }] });
  });

  it("explains a refused move in both languages", () => {
    const result = check("ACTIVE", "REGISTERED", noRules);
    expect(result.ok ? null : result.violations[0]?.message).toEqual({
      sv: "Det går inte att gå från ”Aktiv” till ”Anmäld”.",
      en: "A membership cannot go from “Active” to “Registered”.",
    });
  });
});

describe("VGR: the digital introduction is mandatory before becoming a living book", () => {
  it("refuses ACTIVE without the training, naming what is missing", () => {
    const result = check("REGISTERED", "ACTIVE", vgrIntakeRules);
    expect(result).toEqual({
      ok: false,
      violations: [
        {
          rule: "TRAINING_REQUIRED",
          missing: "trainingAttended",
          message: {
            sv: "Personen måste ha deltagit i utbildningen först.",
            en: "The person must have attended the training first.",
          },
        },
      ],
    });
  });

  it("allows ACTIVE straight after the training, with no call required", () => {
    expect(check("REGISTERED", "TRAINED", vgrIntakeRules, { trainingAttended: true })).toEqual({ ok: true });
    expect(check("TRAINED", "ACTIVE", vgrIntakeRules, { trainingAttended: true })).toEqual({ ok: true });
    expect(check("REGISTERED", "ACTIVE", vgrIntakeRules, { trainingAttended: true })).toEqual({ ok: true });
  });

  it("refuses to re-activate a paused member who never did the training", () => {
    expect(failedRules(check("PAUSED", "ACTIVE", vgrIntakeRules))).toEqual(["TRAINING_REQUIRED"]);
  });

  it("requires an organisation's mandate to be recorded for those who speak for one", () => {
    const representative = { trainingAttended: true, representsOrganisation: true };
    expect(failedRules(check("TRAINED", "ACTIVE", vgrIntakeRules, representative))).toEqual(["ORGANISATION_MANDATE_REQUIRED"]);
    expect(check("TRAINED", "ACTIVE", vgrIntakeRules, { ...representative, organisationMandateRecorded: true })).toEqual({ ok: true });
    // Not a rule elsewhere.
    expect(check("TRAINED", "ACTIVE", jonkopingIntakeRules, { ...representative, contactCallRecorded: true })).toEqual({
      ok: true,
    });
  });
});

describe("Jönköping: conversation and short training", () => {
  it("requires the call before the training and the training before activation", () => {
    expect(failedRules(check("REGISTERED", "TRAINED", jonkopingIntakeRules, { trainingAttended: true }))).toEqual([
      "CONTACT_CALL_REQUIRED",
    ]);
    expect(failedRules(check("CONTACTED", "ACTIVE", jonkopingIntakeRules, { contactCallRecorded: true }))).toEqual(["TRAINING_REQUIRED"]);
  });

  it("skips the introduction meeting it does not require", () => {
    const facts = { contactCallRecorded: true, trainingAttended: true };
    expect(check("CONTACTED", "TRAINED", jonkopingIntakeRules, facts)).toEqual({ ok: true });
    expect(check("CONTACTED", "ACTIVE", jonkopingIntakeRules, facts)).toEqual({ ok: true });
  });

  it("sets no age limit", () => {
    expect(check("REGISTERED", "CONTACTED", jonkopingIntakeRules, { age: null, contactCallRecorded: true })).toEqual({
      ok: true,
    });
    expect(check("REGISTERED", "CONTACTED", jonkopingIntakeRules, { age: 15, contactCallRecorded: true })).toEqual({
      ok: true,
    });
  });
});

describe("Kalmar: call, introduction meeting and guardian consent for children", () => {
  const called = { contactCallRecorded: true };

  it("requires the call before the introduction is booked", () => {
    expect(failedRules(check("REGISTERED", "INTRODUCTION_BOOKED", kalmarIntakeRules))).toEqual(["CONTACT_CALL_REQUIRED"]);
    expect(check("REGISTERED", "INTRODUCTION_BOOKED", kalmarIntakeRules, called)).toEqual({ ok: true });
  });

  it("requires the introduction meeting before activation, but no training", () => {
    expect(failedRules(check("INTRODUCTION_BOOKED", "ACTIVE", kalmarIntakeRules, called))).toEqual(["INTRODUCTION_MEETING_REQUIRED"]);
    expect(check("INTRODUCTION_BOOKED", "ACTIVE", kalmarIntakeRules, { ...called, introductionMeetingHeld: true })).toEqual({
      ok: true,
    });
  });

  it("holds a minor until a guardian consents", () => {
    const minor = { age: 16 };
    const waiting = check("PENDING_GUARDIAN_CONSENT", "REGISTERED", kalmarIntakeRules, minor);
    expect(waiting).toMatchObject({
      ok: false,
      violations: [{ rule: "GUARDIAN_CONSENT_REQUIRED", missing: "guardianConsentGiven" }],
    });
    expect(waiting.ok ? "" : waiting.violations[0]?.message.sv).toBe(
      "Personen är under 18 år och behöver skriftligt samtycke från vårdnadshavare.",
    );
    expect(check("PENDING_GUARDIAN_CONSENT", "REGISTERED", kalmarIntakeRules, { ...minor, guardianConsentGiven: true })).toEqual({
      ok: true,
    });
    // Someone who turned 18 while waiting no longer needs it.
    expect(check("PENDING_GUARDIAN_CONSENT", "REGISTERED", kalmarIntakeRules, { age: 18 })).toEqual({ ok: true });
  });

  it("stops a minor's intake if the consent is withdrawn, but never stops a withdrawal", () => {
    expect(failedRules(check("CONTACTED", "INTRODUCTION_BOOKED", kalmarIntakeRules, { ...called, age: 17 }))).toEqual([
      "GUARDIAN_CONSENT_REQUIRED",
    ]);
    expect(check("CONTACTED", "WITHDRAWN", kalmarIntakeRules, { age: 17 })).toEqual({ ok: true });
    expect(check("ACTIVE", "PAUSED", kalmarIntakeRules, { age: 17 })).toEqual({ ok: true });
  });

  it("needs the age when consent depends on it", () => {
    expect(check("REGISTERED", "CONTACTED", kalmarIntakeRules, { ...called, age: null })).toMatchObject({
      ok: false,
      violations: [{ rule: "AGE_UNKNOWN", missing: "age" }],
    });
  });

  it("accepts residents of the county's municipalities only", () => {
    expect(check("REGISTERED", "CONTACTED", kalmarIntakeRules, { ...called, municipality: "mörbylånga" })).toEqual({ ok: true });
    const outside = check("REGISTERED", "CONTACTED", kalmarIntakeRules, { ...called, municipality: "Växjö" });
    expect(outside).toMatchObject({ ok: false, violations: [{ rule: "MUNICIPALITY_NOT_ALLOWED", missing: "municipality" }] });
    expect(outside.ok ? "" : outside.violations[0]?.message.en).toBe(
      "Växjö is not one of the municipalities the network accepts people from.",
    );
    expect(failedRules(check("REGISTERED", "CONTACTED", kalmarIntakeRules, { ...called, municipality: null }))).toEqual([
      "MUNICIPALITY_NOT_ALLOWED",
    ]);
  });

  it("reports every broken rule at once", () => {
    expect(failedRules(check("REGISTERED", "ACTIVE", kalmarIntakeRules, { age: 15, municipality: "Växjö" }))).toEqual([
      "GUARDIAN_CONSENT_REQUIRED",
      "MUNICIPALITY_NOT_ALLOWED",
      "CONTACT_CALL_REQUIRED",
      "INTRODUCTION_MEETING_REQUIRED",
    ]);
  });
});

describe("Östergötland", () => {
  it("requires a call and training", () => {
    expect(failedRules(check("REGISTERED", "ACTIVE", ostergotlandIntakeRules))).toEqual(["CONTACT_CALL_REQUIRED", "TRAINING_REQUIRED"]);
  });
});

describe("statuses that state facts", () => {
  it("CONTACTED needs the call and TRAINED the training, even when the network does not require them", () => {
    expect(failedRules(check("REGISTERED", "CONTACTED", noRules))).toEqual(["CONTACT_CALL_REQUIRED"]);
    expect(failedRules(check("REGISTERED", "TRAINED", noRules))).toEqual(["TRAINING_REQUIRED"]);
    expect(check("REGISTERED", "ACTIVE", noRules)).toEqual({ ok: true });
  });

  it("a minimum age stops the intake", () => {
    const rules = { ...noRules, minimumAge: 16 };
    const result = check("REGISTERED", "ACTIVE", rules, { age: 15 });
    expect(result).toMatchObject({ ok: false, violations: [{ rule: "BELOW_MINIMUM_AGE", missing: "age" }] });
    expect(check("REGISTERED", "ACTIVE", rules, { age: 16 })).toEqual({ ok: true });
  });
});

describe("availableTransitions", () => {
  it("offers only the moves the facts allow", () => {
    expect(availableTransitions("REGISTERED", adult, vgrIntakeRules)).toEqual(["INTRODUCTION_BOOKED", "WITHDRAWN"]);
    expect(availableTransitions("REGISTERED", { ...adult, trainingAttended: true, contactCallRecorded: true }, vgrIntakeRules)).toEqual([
      "CONTACTED",
      "INTRODUCTION_BOOKED",
      "TRAINED",
      "ACTIVE",
      "WITHDRAWN",
    ]);
    expect(availableTransitions("WITHDRAWN", adult, vgrIntakeRules)).toEqual(["ERASED"]);
  });
});

describe("initialStatus", () => {
  it("registers adults directly", () => {
    expect(initialStatus(kalmarIntakeRules, 30, false)).toEqual({ ok: true, status: "REGISTERED" });
    expect(initialStatus(jonkopingIntakeRules, null, false)).toEqual({ ok: true, status: "REGISTERED" });
  });

  it("holds a minor without consent, and registers one with consent", () => {
    expect(initialStatus(kalmarIntakeRules, 17, false)).toEqual({ ok: true, status: "PENDING_GUARDIAN_CONSENT" });
    expect(initialStatus(kalmarIntakeRules, 17, true)).toEqual({ ok: true, status: "REGISTERED" });
    expect(initialStatus(kalmarIntakeRules, 18, false)).toEqual({ ok: true, status: "REGISTERED" });
  });

  it("refuses someone below the minimum age, or of unknown age when age matters", () => {
    const rules = { ...kalmarIntakeRules, minimumAge: 13 };
    expect(initialStatus(rules, 12, true)).toMatchObject({ ok: false, violations: [{ rule: "BELOW_MINIMUM_AGE" }] });
    expect(initialStatus(rules, 13, false)).toEqual({ ok: true, status: "PENDING_GUARDIAN_CONSENT" });
    expect(initialStatus(kalmarIntakeRules, null, false)).toMatchObject({ ok: false, violations: [{ rule: "AGE_UNKNOWN" }] });
  });

  it("checks the municipality only when it is given", () => {
    expect(initialStatus(kalmarIntakeRules, 40, false, "Växjö")).toMatchObject({
      ok: false,
      violations: [{ rule: "MUNICIPALITY_NOT_ALLOWED" }],
    });
    expect(initialStatus(kalmarIntakeRules, 40, false, null)).toMatchObject({ ok: false });
    expect(initialStatus(kalmarIntakeRules, 40, false, "Nybro")).toEqual({ ok: true, status: "REGISTERED" });
    expect(initialStatus(kalmarIntakeRules, 40, false)).toEqual({ ok: true, status: "REGISTERED" });
  });
});

describe("steps a training session takes by itself", () => {
  const open: IntakeRules = { ...noRules };
  const facts: IntakeFacts = {
    age: 40,
    guardianConsentGiven: false,
    contactCallRecorded: false,
    introductionMeetingHeld: false,
    trainingAttended: false,
    municipality: null,
    representsOrganisation: false,
    organisationMandateRecorded: false,
  };

  it("books the introduction when a place is booked, and makes the member TRAINED when they attend", () => {
    expect(intakeStepForSession("PLACE_BOOKED", "REGISTERED", facts, open)).toBe("INTRODUCTION_BOOKED");
    expect(intakeStepForSession("PLACE_BOOKED", "CONTACTED", facts, open)).toBe("INTRODUCTION_BOOKED");
    expect(intakeStepForSession("ATTENDED", "REGISTERED", facts, open)).toBe("TRAINED");
    expect(intakeStepForSession("ATTENDED", "INTRODUCTION_BOOKED", facts, open)).toBe("TRAINED");
  });

  it("never moves back, nor out of a paused, withdrawn or pending status", () => {
    expect(intakeStepForSession("PLACE_BOOKED", "TRAINED", facts, open)).toBeNull();
    expect(intakeStepForSession("PLACE_BOOKED", "INTRODUCTION_BOOKED", facts, open)).toBeNull();
    expect(intakeStepForSession("ATTENDED", "ACTIVE", facts, open)).toBeNull();
    expect(intakeStepForSession("ATTENDED", "TRAINED", facts, open)).toBeNull();
    expect(intakeStepForSession("ATTENDED", "PAUSED", facts, open)).toBeNull();
    expect(intakeStepForSession("ATTENDED", "WITHDRAWN", facts, open)).toBeNull();
    expect(intakeStepForSession("ATTENDED", "PENDING_GUARDIAN_CONSENT", facts, open)).toBeNull();
  });

  it("leaves the step to the coordinator when the rules stop it (a minor without a guardian's consent)", () => {
    const guarded: IntakeRules = { ...open, guardianConsentBelowAge: 18 };
    expect(intakeStepForSession("ATTENDED", "REGISTERED", { ...facts, age: 15 }, guarded)).toBeNull();
    expect(intakeStepForSession("ATTENDED", "REGISTERED", { ...facts, age: 15, guardianConsentGiven: true }, guarded)).toBe("TRAINED");
  });
});
