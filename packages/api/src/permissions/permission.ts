import type { Actor, Grant } from "../auth/actor.js";

// The permission vocabulary: what staff may do, in the domain's words, and which grants give it. Each decision is
// written once, here; the shield's rules (permissionRule in rules.ts) and the services (`can`, `networksWhere`) read
// the same table, so the gate in front of a field and the service's own check behind it cannot drift apart. The
// permission-map snapshot shows which field needs which permission, and this table's snapshot which grants hold it.

export const Permission = {
  /** Configure the tenant: networks, fee schedules, forms, rules, taxonomy, units, staff, identity providers. */
  ConfigureTenant: "ConfigureTenant",
  /** Read the fee rules that configure, apply and analyse fees. */
  ReadFeeSchedules: "ReadFeeSchedules",
  /** Read the intake rules coordinators run intake by. */
  ReadIntakeRules: "ReadIntakeRules",
  /** Book intake appointments and keep the follow-up log. */
  ManageIntake: "ManageIntake",
  /** Plan introduction sessions. */
  PlanTrainingSessions: "PlanTrainingSessions",
  /** Create, read and settle payroll exports. */
  RunPayroll: "RunPayroll",
  /** Record a member's employee number and bank account for payroll. */
  SetMemberPayrollDetails: "SetMemberPayrollDetails",
  /** Read statistics and the annual report. */
  ReadStatistics: "ReadStatistics",
  /** Read the tenant's audit log. */
  ReadAuditLog: "ReadAuditLog",
  /** See and handle members' data-subject requests (export, restriction, erasure). */
  HandleDataSubjectRequests: "HandleDataSubjectRequests",
  /** Read every request of the networks reached, not only the own unit's. */
  ReadNetworkRequests: "ReadNetworkRequests",
  /** Read the development outbox (development only). */
  ReadDevOutbox: "ReadDevOutbox",
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/**
 * How a grant gives a permission. TENANT_WIDE: only a grant without a network gives it, for every network (an
 * administrator or analyst of one network configures nothing and reads no tenant-wide figures). ITS_NETWORK: a grant
 * gives it for its own network, and a grant without a network for every network.
 */
type Reach = "TENANT_WIDE" | "ITS_NETWORK";
interface Holder {
  readonly role: Grant["role"];
  readonly reach: Reach;
}

const ADMIN: Holder = { role: "TENANT_ADMIN", reach: "TENANT_WIDE" };
const COORDINATOR: Holder = { role: "COORDINATOR", reach: "ITS_NETWORK" };

const HOLDERS: Record<Permission, readonly Holder[]> = {
  ConfigureTenant: [ADMIN],
  ReadFeeSchedules: [ADMIN, COORDINATOR, { role: "ANALYST", reach: "ITS_NETWORK" }],
  ReadIntakeRules: [ADMIN, COORDINATOR],
  ManageIntake: [ADMIN, COORDINATOR],
  PlanTrainingSessions: [ADMIN, COORDINATOR],
  RunPayroll: [ADMIN, COORDINATOR],
  SetMemberPayrollDetails: [ADMIN, COORDINATOR],
  ReadStatistics: [ADMIN, { role: "ANALYST", reach: "TENANT_WIDE" }, COORDINATOR],
  ReadAuditLog: [ADMIN, COORDINATOR],
  HandleDataSubjectRequests: [ADMIN, COORDINATOR],
  ReadNetworkRequests: [ADMIN, COORDINATOR],
  ReadDevOutbox: [ADMIN, COORDINATOR],
};

/** The networks in which the actor holds a permission: every network ("ALL"), some, or none (an empty list). */
export function networksWhere(actor: Actor, permission: Permission): "ALL" | string[] {
  if (actor.kind !== "STAFF") return [];
  const networks = new Set<string>();
  for (const holder of HOLDERS[permission]) {
    for (const grant of actor.grants) {
      if (grant.role !== holder.role) continue;
      if (grant.networkId === null) return "ALL";
      if (holder.reach === "ITS_NETWORK") networks.add(grant.networkId);
    }
  }
  return [...networks];
}

/** Whether the actor holds a permission — in a given network, or (without one) in any. */
export function can(actor: Actor, permission: Permission, networkId?: string): boolean {
  const networks = networksWhere(actor, permission);
  if (networks === "ALL") return true;
  return networkId === undefined ? networks.length > 0 : networks.includes(networkId);
}

/** The vocabulary as text, for the reviewed snapshot: each permission and the grants that give it. */
export function describePermissions(): Record<Permission, string[]> {
  return Object.fromEntries(
    Object.entries(HOLDERS).map(([permission, holders]) => [
      permission,
      holders.map((holder) => `${holder.role} (${holder.reach === "TENANT_WIDE" ? "tenant-wide" : "its network"})`),
    ]),
  ) as Record<Permission, string[]>;
}
