import { describe, expect, it } from "vitest";
import { directBookingReleasesContact } from "../request/direct-booking.js";
import {
  isMandateCurrent,
  isRepresentableOrganisationKind,
  representationsShownToUnit,
  representationTransition,
  validateRepresentationTerms,
} from "./representation.js";

describe("validateRepresentationTerms", () => {
  it("accepts an open-ended mandate and normalises the scope", () => {
    const result = validateRepresentationTerms({
      validFrom: "2026-01-01",
      validTo: "",
      covers: "  Hjärtsjukvård  ",
      networkIds: [" n1 ", "n1", ""],
      assignmentTypes: null,
    });
    expect(result).toEqual({
      ok: true,
      value: { validFrom: "2026-01-01", validTo: null, covers: "Hjärtsjukvård", networkIds: ["n1"], assignmentTypes: [] },
    });
  });

  it("requires a start date and refuses dates that do not exist", () => {
    const missing = validateRepresentationTerms({});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => [e.field, e.code])).toEqual([["input.validFrom", "REQUIRED"]]);
    const bad = validateRepresentationTerms({ validFrom: "2026-02-30", validTo: "31/12/2026" });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => [e.field, e.code])).toEqual([
        ["input.validFrom", "INVALID_DATE"],
        ["input.validTo", "INVALID_DATE"],
      ]);
  });

  it("refuses an end before the start, in Swedish and English", () => {
    const result = validateRepresentationTerms({ validFrom: "2026-06-01", validTo: "2026-05-31" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.code).toBe("MUST_BE_AFTER");
      expect(result.errors[0]?.message.sv).toContain("Mandatet gäller till");
      expect(result.errors[0]?.message.en).toContain("Mandate valid to");
    }
    expect(validateRepresentationTerms({ validFrom: "2026-06-01", validTo: "2026-06-01" }).ok).toBe(true);
  });

  it("limits what the mandate covers", () => {
    const result = validateRepresentationTerms({ validFrom: "2026-01-01", covers: "x".repeat(2001) });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(["TOO_LONG"]);
  });
});

describe("representationTransition", () => {
  it("confirms or rejects a proposal, ends or changes a confirmed mandate, and nothing else", () => {
    expect(representationTransition("PROPOSED", "CONFIRM")).toBe("CONFIRMED");
    expect(representationTransition("PROPOSED", "REJECT")).toBe("REJECTED");
    expect(representationTransition("PROPOSED", "END")).toBeNull();
    expect(representationTransition("CONFIRMED", "CONFIRM")).toBeNull();
    expect(representationTransition("CONFIRMED", "END")).toBe("CONFIRMED");
    expect(representationTransition("CONFIRMED", "CHANGE_TERMS")).toBe("CONFIRMED");
    expect(representationTransition("REJECTED", "CONFIRM")).toBeNull();
    expect(representationTransition("REJECTED", "CHANGE_TERMS")).toBeNull();
  });
});

describe("what the unit sees", () => {
  const base = { status: "CONFIRMED" as const, validFrom: "2026-01-01", validTo: null, networkIds: [], assignmentTypeIds: [] };
  const context = { today: "2026-12-08", networkId: "net", assignmentTypeId: "type" };

  it("a mandate runs from its first to its last day inclusive", () => {
    expect(isMandateCurrent({ validFrom: "2026-12-08", validTo: "2026-12-08" }, "2026-12-08")).toBe(true);
    expect(isMandateCurrent({ validFrom: "2026-12-09", validTo: null }, "2026-12-08")).toBe(false);
    expect(isMandateCurrent({ validFrom: "2026-01-01", validTo: "2026-12-07" }, "2026-12-08")).toBe(false);
  });

  it("shows only confirmed, current mandates covering the request's network and assignment type", () => {
    const shown = representationsShownToUnit(
      [
        { ...base, id: "current" },
        { ...base, id: "proposed", status: "PROPOSED" as const },
        { ...base, id: "rejected", status: "REJECTED" as const },
        { ...base, id: "ended", validTo: "2026-12-07" },
        { ...base, id: "future", validFrom: "2027-01-01" },
        { ...base, id: "other-network", networkIds: ["other"] },
        { ...base, id: "this-network", networkIds: ["other", "net"] },
        { ...base, id: "other-type", assignmentTypeIds: ["other"] },
        { ...base, id: "this-type", assignmentTypeIds: ["type"] },
      ],
      context,
    );
    expect(shown.map((r) => r.id)).toEqual(["current", "this-network", "this-type"]);
  });

  it("only patient and user organisations can be represented", () => {
    expect(isRepresentableOrganisationKind("PATIENT_ORGANISATION")).toBe(true);
    expect(isRepresentableOrganisationKind("ASSOCIATION")).toBe(false);
    expect(isRepresentableOrganisationKind("REGION_UNIT")).toBe(false);
  });
});

describe("directBookingReleasesContact", () => {
  it("releases the contact only when the person confirmed and consented", () => {
    expect(directBookingReleasesContact("MEMBER", true)).toBe(true);
    expect(directBookingReleasesContact("MEMBER", false)).toBe(false);
    expect(directBookingReleasesContact("COORDINATOR", true)).toBe(false);
    expect(directBookingReleasesContact("COORDINATOR", false)).toBe(false);
  });
});
