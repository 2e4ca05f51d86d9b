import { describe, expect, it } from "vitest";
import type { FieldError } from "../messages/field-error.js";
import { checkConfigurationReference, validateNetworkFields } from "./network-configuration.js";

const complete = {
  slug: "levande-bibliotek",
  name: " Levande  bibliotek ",
  description: "Erfarenhet främst av somatisk vård.",
  careDomain: "SOMATIC",
  contactEmail: " LevandeBibliotek@RJL.se ",
};

const fields = (result: { ok: boolean; errors?: readonly FieldError[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => [e.field, e.code]);

describe("network configuration", () => {
  it("accepts a complete network and normalises it", () => {
    expect(validateNetworkFields(complete, "create")).toEqual({
      ok: true,
      value: {
        slug: "levande-bibliotek",
        name: "Levande bibliotek",
        description: "Erfarenhet främst av somatisk vård.",
        careDomain: "SOMATIC",
        contactEmail: "levandebibliotek@rjl.se",
      },
    });
  });

  it("reports every bad field at once, in both languages", () => {
    const result = validateNetworkFields(
      { slug: "Levande Bibliotek", name: "  ", description: "x".repeat(2001), careDomain: "DENTAL", contactEmail: "not-an-address" },
      "create",
    );
    expect(fields(result)).toEqual([
      ["input.slug", "INVALID_FORMAT"],
      ["input.name", "REQUIRED"],
      ["input.description", "TOO_LONG"],
      ["input.careDomain", "NOT_ALLOWED"],
      ["input.contactEmail", "INVALID_EMAIL"],
    ]);
    if (!result.ok) {
      for (const error of result.errors) {
        expect(error.message.sv.length).toBeGreaterThan(0);
        expect(error.message.en).not.toBe(error.message.sv);
      }
    }
  });

  it("requires every field of a new network except the description", () => {
    expect(fields(validateNetworkFields({}, "create"))).toEqual([
      ["input.slug", "REQUIRED"],
      ["input.name", "REQUIRED"],
      ["input.careDomain", "REQUIRED"],
      ["input.contactEmail", "REQUIRED"],
    ]);
  });

  it("refuses slugs that do not survive URLs and tokens unchanged", () => {
    for (const slug of ["peer-", "-peer", "pe--er", "pëer", "peer_1", "PEER", "a".repeat(51)]) {
      expect(validateNetworkFields({ ...complete, slug }, "create").ok, slug).toBe(false);
    }
    for (const slug of ["peer", "peer-2", "levande-bibliotek", "a".repeat(50)]) {
      expect(validateNetworkFields({ ...complete, slug }, "create").ok, slug).toBe(true);
    }
  });

  it("checks only what an update names, and refuses clearing a required field", () => {
    expect(validateNetworkFields({ name: "Peer" }, "update")).toEqual({ ok: true, value: { name: "Peer" } });
    expect(validateNetworkFields({ description: null }, "update")).toEqual({ ok: true, value: { description: null } });
    expect(fields(validateNetworkFields({ name: null, contactEmail: null }, "update"))).toEqual([
      ["input.name", "REQUIRED"],
      ["input.contactEmail", "REQUIRED"],
    ]);
  });

  it("refuses a missing or retired intake rule set, request form or fee schedule", () => {
    const errors: FieldError[] = [];
    const label = { sv: "Arvodesregler", en: "Fee schedule" };
    checkConfigurationReference(errors, "input.feeScheduleId", label, null);
    checkConfigurationReference(errors, "input.requestFormId", label, { retired: true });
    checkConfigurationReference(errors, "input.intakeRuleSetId", label, { retired: false });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ["input.feeScheduleId", "UNKNOWN_REFERENCE"],
      ["input.requestFormId", "NOT_ALLOWED"],
    ]);
  });
});
