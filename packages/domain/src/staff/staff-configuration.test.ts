import { describe, expect, it } from "vitest";
import type { FieldError } from "../messages/field-error.js";
import { checkRoleGrant, leavesNoTenantAdmin, validateStaffUserFields } from "./staff-configuration.js";

const fields = (result: { ok: boolean; errors?: readonly FieldError[] }) =>
  result.ok ? [] : (result.errors ?? []).map((e) => [e.field, e.code]);

describe("staff users", () => {
  it("accepts a staff user and normalises the contact details", () => {
    expect(
      validateStaffUserFields(
        { subject: " 5f1c-sub ", name: " Annika  Thörn ", email: "Annika.Thorn@Regionkalmar.se", phone: "0480-123 45" },
        "create",
      ),
    ).toEqual({
      ok: true,
      value: { subject: "5f1c-sub", name: "Annika Thörn", email: "annika.thorn@regionkalmar.se", phone: "+4648012345" },
    });
  });

  it("reports every bad field at once", () => {
    expect(fields(validateStaffUserFields({ subject: "has space", name: "", email: "nope", phone: "12" }, "create"))).toEqual([
      ["input.subject", "INVALID_FORMAT"],
      ["input.name", "REQUIRED"],
      ["input.email", "INVALID_EMAIL"],
      ["input.phone", "INVALID_PHONE"],
    ]);
    expect(fields(validateStaffUserFields({}, "create"))).toEqual([
      ["input.subject", "REQUIRED"],
      ["input.name", "REQUIRED"],
      ["input.email", "REQUIRED"],
    ]);
  });

  it("changes only what an update names; the phone may be cleared", () => {
    expect(validateStaffUserFields({ phone: null }, "update")).toEqual({ ok: true, value: { phone: null } });
    expect(fields(validateStaffUserFields({ email: null }, "update"))).toEqual([["input.email", "REQUIRED"]]);
  });
});

describe("role grants", () => {
  const base = { networkId: null, unitId: null, staffUnitId: null } as const;

  it("gives a requester a unit: the one named, or their own", () => {
    expect(checkRoleGrant({ ...base, role: "REQUESTER", unitId: "unit-a", staffUnitId: "unit-b" })).toEqual({
      ok: true,
      value: { unitId: "unit-a" },
    });
    expect(checkRoleGrant({ ...base, role: "REQUESTER", staffUnitId: "unit-b" })).toEqual({ ok: true, value: { unitId: "unit-b" } });
    expect(fields(checkRoleGrant({ ...base, role: "REQUESTER" }))).toEqual([["input.unitId", "REQUIRED"]]);
  });

  it("keeps administration tenant-wide, and units for requesters", () => {
    expect(fields(checkRoleGrant({ ...base, role: "TENANT_ADMIN", networkId: "n1" }))).toEqual([["input.networkId", "NOT_ALLOWED"]]);
    expect(fields(checkRoleGrant({ ...base, role: "COORDINATOR", unitId: "u1" }))).toEqual([["input.unitId", "NOT_ALLOWED"]]);
    expect(checkRoleGrant({ ...base, role: "COORDINATOR", networkId: "n1", staffUnitId: "u1" })).toEqual({
      ok: true,
      value: { unitId: null },
    });
    expect(checkRoleGrant({ ...base, role: "ANALYST" })).toEqual({ ok: true, value: { unitId: null } });
  });
});

describe("keeping a tenant administrator", () => {
  const one = [{ grantId: "g1", staffUserId: "anna" }];
  const two = [...one, { grantId: "g2", staffUserId: "bo" }];

  it("refuses to revoke or disable the last one", () => {
    expect(leavesNoTenantAdmin(one, { kind: "REVOKE_GRANT", grantId: "g1" })).toBe(true);
    expect(leavesNoTenantAdmin(one, { kind: "DISABLE_STAFF_USER", staffUserId: "anna" })).toBe(true);
  });

  it("allows it while somebody else remains", () => {
    expect(leavesNoTenantAdmin(two, { kind: "REVOKE_GRANT", grantId: "g1" })).toBe(false);
    expect(leavesNoTenantAdmin(two, { kind: "DISABLE_STAFF_USER", staffUserId: "anna" })).toBe(false);
    expect(leavesNoTenantAdmin(one, { kind: "REVOKE_GRANT", grantId: "other" })).toBe(false);
    expect(leavesNoTenantAdmin(one, { kind: "DISABLE_STAFF_USER", staffUserId: "bo" })).toBe(false);
  });

  it("counts people, not grants", () => {
    const twice = [...one, { grantId: "g3", staffUserId: "anna" }];
    expect(leavesNoTenantAdmin(twice, { kind: "REVOKE_GRANT", grantId: "g1" })).toBe(false);
    expect(leavesNoTenantAdmin(twice, { kind: "DISABLE_STAFF_USER", staffUserId: "anna" })).toBe(true);
  });
});
