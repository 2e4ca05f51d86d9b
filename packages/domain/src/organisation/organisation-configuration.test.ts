import { describe, expect, it } from "vitest";
import type { FieldError } from "../messages/field-error.js";
import {
  costCentreOwnershipErrors,
  normaliseCostCentreCode,
  validateCostCentreFields,
  validateOrganisationFields,
  validateUnitFields,
} from "./organisation-configuration.js";

const fields = (result: { ok: boolean; errors?: readonly FieldError[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => [e.field, e.code]);

describe("organisations", () => {
  it("accepts an organisation, paid for through the tenant unless told otherwise", () => {
    expect(validateOrganisationFields({ name: " Kalmar  kommun ", kind: "MUNICIPALITY" }, "create")).toEqual({
      ok: true,
      value: { name: "Kalmar kommun", kind: "MUNICIPALITY", paysOwnParticipants: false },
    });
    expect(validateOrganisationFields({ name: "Nybro kommun", kind: "MUNICIPALITY", paysOwnParticipants: true }, "create")).toMatchObject({
      value: { paysOwnParticipants: true },
    });
  });

  it("reports every bad field at once", () => {
    expect(fields(validateOrganisationFields({ name: "", kind: "COMPANY" }, "create"))).toEqual([
      ["input.name", "REQUIRED"],
      ["input.kind", "NOT_ALLOWED"],
    ]);
  });

  it("changes only what an update names", () => {
    expect(validateOrganisationFields({ paysOwnParticipants: true }, "update")).toEqual({ ok: true, value: { paysOwnParticipants: true } });
    expect(fields(validateOrganisationFields({ name: null, kind: null, paysOwnParticipants: null }, "update"))).toEqual([
      ["input.name", "REQUIRED"],
      ["input.kind", "REQUIRED"],
      ["input.paysOwnParticipants", "REQUIRED"],
    ]);
  });

  it("names units", () => {
    expect(validateUnitFields({ name: "Vuxenpsykiatrin Kalmar" }, "create")).toEqual({
      ok: true,
      value: { name: "Vuxenpsykiatrin Kalmar" },
    });
    expect(fields(validateUnitFields({ name: "x".repeat(201) }, "create"))).toEqual([["input.name", "TOO_LONG"]]);
    expect(validateUnitFields({}, "update")).toEqual({ ok: true, value: {} });
  });
});

describe("cost centres", () => {
  it("accepts the regions' own codes, in capitals", () => {
    for (const code of ["10-2410", "KFKL-210", "490900", "JK-7100"]) {
      expect(validateCostCentreFields({ code, name: "Qulturum" }, "create"), code).toMatchObject({ ok: true, value: { code } });
    }
    expect(normaliseCostCentreCode(" kfkl-210 ")).toBe("KFKL-210");
    expect(validateCostCentreFields({ code: "jk-7100", name: "Äldreomsorg" }, "create")).toMatchObject({
      value: { code: "JK-7100", shared: false },
    });
  });

  it("refuses codes payroll cannot read", () => {
    for (const code of ["", "-10", "10-", "10 2410", "ÅÄÖ-1", "X".repeat(31)]) {
      expect(validateCostCentreFields({ code, name: "N" }, "create").ok, code).toBe(false);
    }
  });

  it("keeps a shared code (LPO) free of units, and a unit's code in the unit's organisation", () => {
    const unit = { id: "u1", organisationId: "rjl" };
    expect(costCentreOwnershipErrors({ organisationId: "rjl", shared: false, unit })).toEqual([]);
    expect(costCentreOwnershipErrors({ organisationId: "rjl", shared: true, unit: null })).toEqual([]);
    expect(costCentreOwnershipErrors({ organisationId: "rjl", shared: false, unit: null })).toEqual([]);
    expect(costCentreOwnershipErrors({ organisationId: "rjl", shared: true, unit }).map((e) => [e.field, e.code])).toEqual([
      ["input.unitId", "NOT_ALLOWED"],
    ]);
    expect(costCentreOwnershipErrors({ organisationId: "kommun", shared: false, unit }).map((e) => [e.field, e.code])).toEqual([
      ["input.unitId", "INCONSISTENT"],
    ]);
  });
});
