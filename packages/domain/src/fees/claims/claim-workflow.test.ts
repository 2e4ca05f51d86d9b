import { describe, expect, it } from "vitest";
import {
  amountsEditable,
  checkClaimTransition,
  FEE_CLAIM_ACTIONS,
  FEE_CLAIM_STATUSES,
  type FeeClaimAction,
  type FeeClaimStatus,
  isLiveClaim,
  mayAttest,
  validateClaimReason,
} from "./claim-workflow.js";

describe("the claim's life", () => {
  const allowed: Array<[FeeClaimStatus, FeeClaimAction, FeeClaimStatus]> = [
    ["DRAFT", "UPDATE", "DRAFT"],
    ["REJECTED", "UPDATE", "DRAFT"],
    ["DRAFT", "SUBMIT", "SUBMITTED"],
    ["REJECTED", "SUBMIT", "SUBMITTED"],
    ["SUBMITTED", "ATTEST", "ATTESTED"],
    ["SUBMITTED", "REJECT", "REJECTED"],
    ["ATTESTED", "CORRECT", "SUPERSEDED"],
    ["ATTESTED", "EXPORT", "SENT_TO_PAYROLL"],
    ["SENT_TO_PAYROLL", "MARK_PAID", "PAID"],
  ];

  it.each(allowed)("%s --%s--> %s", (from, action, to) => {
    expect(checkClaimTransition(from, action)).toEqual({ ok: true, to });
  });

  it("refuses every other step, with a message in both languages", () => {
    for (const status of FEE_CLAIM_STATUSES) {
      for (const action of FEE_CLAIM_ACTIONS) {
        if (allowed.some(([from, act]) => from === status && act === action)) continue;
        const check = checkClaimTransition(status, action);
        expect(check.ok, `${status} ${action}`).toBe(false);
        if (!check.ok) {
          expect(check.message.sv.length).toBeGreaterThan(10);
          expect(check.message.en.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it("freezes amounts from attestation on", () => {
    expect(amountsEditable("DRAFT")).toBe(true);
    expect(amountsEditable("REJECTED")).toBe(true);
    for (const status of ["SUBMITTED", "ATTESTED", "SENT_TO_PAYROLL", "PAID", "SUPERSEDED"] as const) {
      expect(amountsEditable(status)).toBe(false);
    }
  });

  it("explains why a claim already in payroll cannot be corrected here", () => {
    const check = checkClaimTransition("PAID", "CORRECT");
    expect(!check.ok && check.message.en).toContain("contact the payroll office");
    expect(!check.ok && check.message.sv).toContain("kontakta löneservice");
  });

  it("never exports a claim twice", () => {
    expect(checkClaimTransition("SENT_TO_PAYROLL", "EXPORT").ok).toBe(false);
    expect(checkClaimTransition("PAID", "EXPORT").ok).toBe(false);
  });

  it("counts neither superseded nor rejected claims as live", () => {
    expect(FEE_CLAIM_STATUSES.filter(isLiveClaim)).toEqual(["DRAFT", "SUBMITTED", "ATTESTED", "SENT_TO_PAYROLL", "PAID"]);
  });
});

describe("who attests", () => {
  const requesterOfUnit = { coordinatesNetwork: false, requesterUnitIds: ["unit-a"] };
  const coordinator = { coordinatesNetwork: true, requesterUnitIds: [] };

  it("lets a requester attest only claims of their own unit", () => {
    expect(mayAttest("UNIT_REQUESTER", requesterOfUnit, "unit-a")).toBe(true);
    expect(mayAttest("UNIT_REQUESTER", requesterOfUnit, "unit-b")).toBe(false);
    expect(mayAttest("UNIT_REQUESTER", coordinator, "unit-a")).toBe(false);
  });

  it("lets the network's coordinator attest when the tenant says so", () => {
    expect(mayAttest("COORDINATOR", coordinator, "unit-a")).toBe(true);
    expect(mayAttest("COORDINATOR", requesterOfUnit, "unit-a")).toBe(false);
    expect(mayAttest("COORDINATOR", { coordinatesNetwork: false, requesterUnitIds: [] }, "unit-a")).toBe(false);
  });

  it("accepts either under EITHER", () => {
    expect(mayAttest("EITHER", coordinator, "unit-a")).toBe(true);
    expect(mayAttest("EITHER", requesterOfUnit, "unit-a")).toBe(true);
    expect(mayAttest("EITHER", requesterOfUnit, "unit-b")).toBe(false);
  });
});

describe("a reason for rejecting or correcting", () => {
  it("is required and bounded, with a message in both languages", () => {
    expect(validateClaimReason("Resan saknas.")).toEqual([]);
    const [blank] = validateClaimReason("   ");
    expect(blank).toMatchObject({ field: "input.reason", code: "REQUIRED" });
    expect(blank?.message.sv).toContain("Anledning");
    expect(validateClaimReason("x".repeat(1_001))[0]?.code).toBe("TOO_LONG");
  });
});
