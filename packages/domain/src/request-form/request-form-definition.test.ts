import { describe, expect, it } from "vitest";
import { REGION_SEEDS, vgrRequestForm } from "../seed-data/regions.js";
import { normaliseAssignmentTypeLabel, validateAssignmentType, validateAssignmentTypeLabel } from "./assignment-type-validation.js";
import type { AssignmentTypeOption } from "./request-form.js";
import {
  normaliseRequestFormDefinition,
  type RequestFormDefinition,
  resolveRequestForm,
  validateRequestFormDefinition,
} from "./request-form-definition.js";
import { validateRequestForm } from "./request-form-validation.js";

const workshop: AssignmentTypeOption = { key: "WORKSHOP", label: { sv: "Workshop", en: "Workshop" } };
const panel: AssignmentTypeOption = { key: "PATIENT_PANEL", label: { sv: "Patientpanel", en: "Patient panel" } };

const minimal: RequestFormDefinition = {
  assignmentTypeKeys: ["WORKSHOP"],
  fields: [
    { field: "assignmentType", required: true, help: { sv: "", en: "" } },
    { field: "title", required: true, help: { sv: "Rubrik", en: "Title" } },
  ],
};

const codes = (definition: RequestFormDefinition, available = [workshop, panel]) =>
  validateRequestFormDefinition(definition, available).map((error) => [error.field, error.code]);

describe("resolveRequestForm", () => {
  it("offers the tenant's types in the form's order, with their labels", () => {
    const form = resolveRequestForm({ ...minimal, assignmentTypeKeys: ["PATIENT_PANEL", "WORKSHOP"] }, [workshop, panel]);
    expect(form.assignmentTypes).toEqual([panel, workshop]);
    expect(form.fields).toBe(minimal.fields);
  });

  it("leaves out a type that is no longer available", () => {
    expect(resolveRequestForm({ ...minimal, assignmentTypeKeys: ["GONE", "WORKSHOP"] }, [workshop]).assignmentTypes).toEqual([workshop]);
  });

  it("reproduces each region's seeded form from its definition", () => {
    for (const seed of REGION_SEEDS) {
      const definition = {
        fields: seed.requestForm.fields,
        assignmentTypeKeys: seed.requestForm.assignmentTypes.map((type) => type.key),
        questions: seed.requestForm.questions ?? [],
      };
      expect(resolveRequestForm(definition, seed.requestForm.assignmentTypes)).toEqual({ questions: [], ...seed.requestForm });
      expect(validateRequestFormDefinition(definition, seed.requestForm.assignmentTypes), seed.tenant.slug).toEqual([]);
    }
  });
});

describe("validateRequestFormDefinition", () => {
  it("accepts a minimal form", () => {
    expect(codes(minimal)).toEqual([]);
  });

  it("refuses unknown, repeated and missing assignment types", () => {
    expect(codes({ ...minimal, assignmentTypeKeys: ["WORKSHOP", "NOPE", "WORKSHOP"] })).toEqual([
      ["input.assignmentTypeKeys[1]", "UNKNOWN_REFERENCE"],
      ["input.assignmentTypeKeys[2]", "DUPLICATE"],
    ]);
    expect(codes({ ...minimal, assignmentTypeKeys: [] })).toEqual([["input.assignmentTypeKeys", "TOO_FEW"]]);
  });

  it("reports the form's own problems together with the type problems", () => {
    expect(
      codes({
        assignmentTypeKeys: ["NOPE"],
        fields: [
          { field: "assignmentType", required: true, help: { sv: "Typ", en: "" } },
          { field: "title", required: false, help: { sv: "", en: "" } },
          { field: "title", required: true, help: { sv: "", en: "" } },
        ],
      }),
    ).toEqual([
      ["input.assignmentTypeKeys[0]", "UNKNOWN_REFERENCE"],
      ["input.fields[0].help.en", "REQUIRED"],
      ["input.fields[2].field", "DUPLICATE"],
    ]);
    expect(codes({ ...minimal, fields: [{ field: "assignmentType", required: true, help: { sv: "", en: "" } }] })).toEqual([
      ["input.fields", "REQUIRED"],
    ]);
  });

  it("trims help texts for storage", () => {
    const normalised = normaliseRequestFormDefinition({
      ...minimal,
      fields: [{ field: "title", required: true, help: { sv: "  Kort   rubrik ", en: " Short title" } }],
    });
    expect(normalised.fields[0]?.help).toEqual({ sv: "Kort rubrik", en: "Short title" });
  });
});

describe("validateAssignmentType", () => {
  it("accepts the regions' own types", () => {
    for (const seed of REGION_SEEDS) {
      for (const type of seed.requestForm.assignmentTypes) expect(validateAssignmentType(type), type.key).toEqual([]);
    }
  });

  it("refuses a badly formed key and missing or long labels, all at once", () => {
    const errors = validateAssignmentType({ key: "patient panel", label: { sv: " ", en: "x".repeat(101) } });
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.key", "INVALID_FORMAT"],
      ["input.label.sv", "REQUIRED"],
      ["input.label.en", "TOO_LONG"],
    ]);
    expect(errors[1]?.message).toEqual({ sv: "Benämning på svenska måste fyllas i.", en: "Swedish label is required." });
  });

  it("accepts exactly the keys a request form accepts", () => {
    const keys = ["WORKSHOP", "A", "LPO_2", "X".repeat(50), "X".repeat(51), "workshop", "_A", "2A", "A-B", "ÅR", ""];
    for (const key of keys) {
      const alone = validateAssignmentType({ key, label: workshop.label }).length === 0;
      const inForm = validateRequestForm({ ...vgrRequestForm, assignmentTypes: [{ key, label: workshop.label }] }).length === 0;
      expect(alone, key).toBe(inForm);
    }
  });

  it("checks and trims labels alone when a type is relabelled", () => {
    expect(validateAssignmentTypeLabel({ sv: "Fokusgrupp", en: "" }, "input").map((error) => error.field)).toEqual(["input.label.en"]);
    expect(normaliseAssignmentTypeLabel({ sv: " Fokus  grupp", en: "Focus group " })).toEqual({ sv: "Fokus grupp", en: "Focus group" });
  });
});
