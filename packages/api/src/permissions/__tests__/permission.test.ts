import { describe, expect, it } from "vitest";
import type { Actor, Grant } from "../../auth/actor.js";
import { can, networksWhere, Permission } from "../permission.js";

const TENANT = "0193a3c0-0000-7000-8000-000000000001";
const PEER = "0193a3c0-0000-7000-8000-0000000000a1";
const LIBRARY = "0193a3c0-0000-7000-8000-0000000000a2";

function staff(...grants: Partial<Grant>[]): Actor {
  return {
    kind: "STAFF",
    tenantId: TENANT,
    subject: "s",
    staffUserId: "u",
    name: "Staff",
    unitId: null,
    grants: grants.map((grant) => ({ role: "COORDINATOR", networkId: null, unitId: null, ...grant })),
  };
}

describe("the permission vocabulary", () => {
  it("gives a tenant-wide administrator every network, and configuration; an administrator of one network neither", () => {
    const admin = staff({ role: "TENANT_ADMIN" });
    expect(networksWhere(admin, Permission.RunPayroll)).toBe("ALL");
    expect(can(admin, Permission.ConfigureTenant)).toBe(true);
    const networkAdmin = staff({ role: "TENANT_ADMIN", networkId: PEER });
    expect(networksWhere(networkAdmin, Permission.RunPayroll)).toEqual([]);
    expect(can(networkAdmin, Permission.ConfigureTenant)).toBe(false);
  });

  it("gives a coordinator their own networks only, and a tenant-wide coordinator all of them", () => {
    const coordinator = staff({ networkId: PEER });
    expect(networksWhere(coordinator, Permission.ManageIntake)).toEqual([PEER]);
    expect(can(coordinator, Permission.ManageIntake, PEER)).toBe(true);
    expect(can(coordinator, Permission.ManageIntake, LIBRARY)).toBe(false);
    expect(can(coordinator, Permission.ConfigureTenant)).toBe(false);
    expect(networksWhere(staff({ networkId: PEER }, { networkId: LIBRARY }), Permission.ReadAuditLog)).toEqual([PEER, LIBRARY]);
    expect(networksWhere(staff({ networkId: null }), Permission.ReadAuditLog)).toBe("ALL");
  });

  it("lets analysts read statistics tenant-wide only, and fee rules in any case; requesters neither", () => {
    expect(networksWhere(staff({ role: "ANALYST" }), Permission.ReadStatistics)).toBe("ALL");
    expect(networksWhere(staff({ role: "ANALYST", networkId: PEER }), Permission.ReadStatistics)).toEqual([]);
    expect(can(staff({ role: "ANALYST", networkId: PEER }), Permission.ReadFeeSchedules)).toBe(true);
    const requester = staff({ role: "REQUESTER", unitId: "unit" });
    for (const permission of Object.values(Permission)) expect(can(requester, permission), permission).toBe(false);
  });

  it("gives nothing to anyone but staff", () => {
    const others: Actor[] = [
      { kind: "ANONYMOUS" },
      { kind: "MEMBER", tenantId: TENANT, subject: "m", memberId: "m" },
      { kind: "CITIZEN", tenantId: TENANT, subject: "c" },
      { kind: "PLATFORM_OPERATOR", subject: "p", operatorId: "p" },
    ];
    for (const actor of others)
      for (const permission of Object.values(Permission))
        expect(networksWhere(actor, permission), `${actor.kind} ${permission}`).toEqual([]);
  });
});
