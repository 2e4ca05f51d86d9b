import { type FieldError, fieldError } from "../../messages/field-error.js";
import type { LocalizedText } from "../../messages/locale.js";

// The life of a fee claim (SPEC §3, seeds/003 step 4: a form per person and occasion, signed by the participant,
// attested, sent to payroll):
//
//   DRAFT ──submit──▶ SUBMITTED ──attest──▶ ATTESTED ──export──▶ SENT_TO_PAYROLL ──paid──▶ PAID
//     ▲                  │                     │
//     └──update── REJECTED ◀──reject──┘        └──correct──▶ SUPERSEDED (+ a new DRAFT version)
//
// Amounts are frozen from attestation on: the attester vouched for exactly these figures. A mistake found after
// attestation is corrected in a new version that supersedes the old one, so the history stays readable. Once a claim
// has gone to payroll it can no longer be corrected here: the payroll office already holds the figures, and a
// second full claim would pay the participant twice.

export const FEE_CLAIM_STATUSES = ["DRAFT", "SUBMITTED", "ATTESTED", "SENT_TO_PAYROLL", "PAID", "REJECTED", "SUPERSEDED"] as const;
export type FeeClaimStatus = (typeof FEE_CLAIM_STATUSES)[number];

export const FEE_CLAIM_ACTIONS = ["UPDATE", "SUBMIT", "ATTEST", "REJECT", "CORRECT", "EXPORT", "MARK_PAID"] as const;
export type FeeClaimAction = (typeof FEE_CLAIM_ACTIONS)[number];

/** Where each action may start from, and where it leads. CORRECT leads the old claim to SUPERSEDED. */
const TRANSITIONS: Readonly<Record<FeeClaimAction, { from: readonly FeeClaimStatus[]; to: FeeClaimStatus }>> = {
  UPDATE: { from: ["DRAFT", "REJECTED"], to: "DRAFT" },
  SUBMIT: { from: ["DRAFT", "REJECTED"], to: "SUBMITTED" },
  ATTEST: { from: ["SUBMITTED"], to: "ATTESTED" },
  REJECT: { from: ["SUBMITTED"], to: "REJECTED" },
  CORRECT: { from: ["ATTESTED"], to: "SUPERSEDED" },
  EXPORT: { from: ["ATTESTED"], to: "SENT_TO_PAYROLL" },
  MARK_PAID: { from: ["SENT_TO_PAYROLL"], to: "PAID" },
};

export const FEE_CLAIM_STATUS_LABELS: Readonly<Record<FeeClaimStatus, LocalizedText>> = {
  DRAFT: { sv: "utkast", en: "draft" },
  SUBMITTED: { sv: "inskickat", en: "submitted" },
  ATTESTED: { sv: "attesterat", en: "attested" },
  SENT_TO_PAYROLL: { sv: "skickat till löneservice", en: "sent to payroll" },
  PAID: { sv: "utbetalt", en: "paid" },
  REJECTED: { sv: "återsänt", en: "rejected" },
  SUPERSEDED: { sv: "ersatt av en rättelse", en: "superseded by a correction" },
};

const ACTION_TEXT: Readonly<Record<FeeClaimAction, LocalizedText>> = {
  UPDATE: { sv: "ändras", en: "be changed" },
  SUBMIT: { sv: "skickas in", en: "be submitted" },
  ATTEST: { sv: "attesteras", en: "be attested" },
  REJECT: { sv: "återsändas", en: "be rejected" },
  CORRECT: { sv: "rättas", en: "be corrected" },
  EXPORT: { sv: "skickas till löneservice", en: "be sent to payroll" },
  MARK_PAID: { sv: "markeras som utbetalt", en: "be marked as paid" },
};

/** Why an action is refused, in the words a participant or attester understands. */
function hint(status: FeeClaimStatus, action: FeeClaimAction): LocalizedText {
  if (action === "CORRECT" && (status === "SENT_TO_PAYROLL" || status === "PAID")) {
    return {
      sv: " Underlaget har redan gått till löneservice; kontakta löneservice om beloppet behöver ändras.",
      en: " The claim has already gone to payroll; contact the payroll office if the amount must change.",
    };
  }
  if ((action === "UPDATE" || action === "SUBMIT") && status === "ATTESTED") {
    return { sv: " Ett attesterat underlag ändras genom en rättelse.", en: " An attested claim is changed through a correction." };
  }
  if (action === "UPDATE" && status === "SUBMITTED") {
    return {
      sv: " Be attestanten att återsända det om något behöver ändras.",
      en: " Ask the attester to reject it if something needs to change.",
    };
  }
  return { sv: "", en: "" };
}

export type ClaimTransitionCheck =
  | { readonly ok: true; readonly to: FeeClaimStatus }
  | { readonly ok: false; readonly from: FeeClaimStatus; readonly message: LocalizedText };

export function checkClaimTransition(status: FeeClaimStatus, action: FeeClaimAction): ClaimTransitionCheck {
  const transition = TRANSITIONS[action];
  if (transition.from.includes(status)) return { ok: true, to: transition.to };
  const label = FEE_CLAIM_STATUS_LABELS[status];
  const extra = hint(status, action);
  return {
    ok: false,
    from: status,
    message: {
      sv: `Ett underlag som är ${label.sv} kan inte ${ACTION_TEXT[action].sv}.${extra.sv}`,
      en: `A claim that is ${label.en} cannot ${ACTION_TEXT[action].en}.${extra.en}`,
    },
  };
}

/** Whether the claim's amounts may still change (they are frozen from attestation on). */
export const amountsEditable = (status: FeeClaimStatus): boolean => TRANSITIONS.UPDATE.from.includes(status);

/** A claim that still counts: not replaced by a correction and not sent back for one. */
export const isLiveClaim = (status: FeeClaimStatus): boolean => status !== "SUPERSEDED" && status !== "REJECTED";

// ─── Who attests ───────────────────────────────────────────────────────────────────────────────────────────────

export const FEE_CLAIM_ATTESTERS = ["UNIT_REQUESTER", "COORDINATOR", "EITHER"] as const;
export type FeeClaimAttester = (typeof FEE_CLAIM_ATTESTERS)[number];

export interface AttestingActor {
  /** Coordinates the network the claim's request was sent to. */
  readonly coordinatesNetwork: boolean;
  /** Units the actor is a requester for. */
  readonly requesterUnitIds: readonly string[];
}

/**
 * Who may attest (and reject) a claim under the tenant's setting: a requester only for claims of their own unit
 * (the unit pays and vouches for the work), a coordinator only for claims of the networks they coordinate.
 */
export function mayAttest(setting: FeeClaimAttester, actor: AttestingActor, claimUnitId: string): boolean {
  const asRequester = actor.requesterUnitIds.includes(claimUnitId);
  switch (setting) {
    case "UNIT_REQUESTER":
      return asRequester;
    case "COORDINATOR":
      return actor.coordinatesNetwork;
    case "EITHER":
      return asRequester || actor.coordinatesNetwork;
  }
}

export const REJECTION_REASON_MAX_LENGTH = 1_000;

const REASON = { sv: "Anledning", en: "Reason" } as const;

/** A rejection or correction must say why: the participant reads it, and the history keeps it. */
export function validateClaimReason(reason: string, field = "input.reason"): FieldError[] {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return [fieldError(field, "REQUIRED", REASON)];
  if (trimmed.length > REJECTION_REASON_MAX_LENGTH) return [fieldError(field, "TOO_LONG", REASON, { max: REJECTION_REASON_MAX_LENGTH })];
  return [];
}
