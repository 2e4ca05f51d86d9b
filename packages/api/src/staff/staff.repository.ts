import type { Prisma, StaffRole } from "@medverkan/database";
import { advisoryLock } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

const staffFields = {
  tenantId: true,
  id: true,
  subject: true,
  name: true,
  email: true,
  phone: true,
  unitId: true,
  createdAt: true,
  disabledAt: true,
  version: true,
  invitedIdentifier: true,
  invitationLinkedAt: true,
} as const satisfies Prisma.StaffUserSelect;

const grantFields = {
  tenantId: true,
  id: true,
  staffUserId: true,
  role: true,
  networkId: true,
  unitId: true,
  grantedAt: true,
  grantedBy: true,
  revokedAt: true,
} as const satisfies Prisma.RoleGrantSelect;

export type StaffUserRow = Prisma.StaffUserGetPayload<{ select: typeof staffFields }>;
export type RoleGrantRow = Prisma.RoleGrantGetPayload<{ select: typeof grantFields }>;

/**
 * Serialises every change to one tenant's grants and staff enablement: two administrators revoking each other's
 * administrator role at the same moment must not both pass the "keep one administrator" check.
 */
export async function lockRoleGrants(tx: Tx, tenantId: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:role-grants`);
}

/** Serialises creations claiming the same subject, so the check below cannot be passed twice at once. */
export async function lockStaffSubject(tx: Tx, tenantId: string, subject: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:staff-subject:${subject}`);
}

export interface StaffFilter {
  includeDisabled: boolean;
  role: StaffRole | null;
  unitId: string | null;
  networkId: string | null;
}

export async function listStaffUsers(
  tx: Tx,
  tenantId: string,
  filter: StaffFilter,
  page: PageRequest,
): Promise<{ rows: StaffUserRow[]; total: number }> {
  const grant: Prisma.RoleGrantWhereInput = {
    revokedAt: null,
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.networkId ? { networkId: filter.networkId } : {}),
  };
  const where: Prisma.StaffUserWhereInput = {
    tenantId,
    ...(filter.includeDisabled ? {} : { disabledAt: null }),
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.role || filter.networkId ? { roleGrants: { some: grant } } : {}),
  };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.staffUser.findMany({ ...query, where: { ...where, ...query.where }, select: staffFields }),
    tx.staffUser.count({ where }),
  ]);
  return { rows, total };
}

export function findStaffUser(tx: Tx, tenantId: string, id: string): Promise<StaffUserRow | null> {
  return tx.staffUser.findFirst({ where: { tenantId, id }, select: staffFields });
}

export function findStaffUsersByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<StaffUserRow[]> {
  return tx.staffUser.findMany({ where: { tenantId, id: { in: [...ids] } }, select: staffFields });
}

export async function isStaffSubjectTaken(tx: Tx, tenantId: string, subject: string): Promise<boolean> {
  return (await tx.staffUser.findFirst({ where: { tenantId, subject }, select: { id: true } })) !== null;
}

export interface StaffUserData {
  subject: string;
  name: string;
  email: string;
  phone: string | null;
  unitId: string | null;
}

export function insertStaffUser(
  tx: Tx,
  tenantId: string,
  data: StaffUserData & { invitedIdentifier?: string | null },
): Promise<StaffUserRow> {
  return tx.staffUser.create({ data: { tenantId, ...data }, select: staffFields });
}

/** Applies a change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateStaffUserIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: Partial<Omit<StaffUserData, "subject"> & { disabledAt: Date | null }>,
): Promise<number> {
  const { count } = await tx.staffUser.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

export function findGrantsByStaffUserIds(tx: Tx, tenantId: string, staffUserIds: readonly string[]): Promise<RoleGrantRow[]> {
  return tx.roleGrant.findMany({
    where: { tenantId, staffUserId: { in: [...staffUserIds] } },
    select: grantFields,
    orderBy: { grantedAt: "asc" },
  });
}

export function findGrant(tx: Tx, tenantId: string, id: string): Promise<RoleGrantRow | null> {
  return tx.roleGrant.findFirst({ where: { tenantId, id }, select: grantFields });
}

/** The same role in the same scope, still in force. */
export function findActiveGrant(
  tx: Tx,
  tenantId: string,
  grant: { staffUserId: string; role: StaffRole; networkId: string | null; unitId: string | null },
): Promise<RoleGrantRow | null> {
  return tx.roleGrant.findFirst({ where: { tenantId, ...grant, revokedAt: null }, select: grantFields });
}

/** Who can administer the tenant now: active tenant-wide TENANT_ADMIN grants of staff users who are not disabled. */
export async function findTenantAdminGrants(tx: Tx, tenantId: string): Promise<{ grantId: string; staffUserId: string }[]> {
  const rows = await tx.roleGrant.findMany({
    where: { tenantId, role: "TENANT_ADMIN", networkId: null, revokedAt: null, staffUser: { disabledAt: null } },
    select: { id: true, staffUserId: true },
  });
  return rows.map((row) => ({ grantId: row.id, staffUserId: row.staffUserId }));
}

export function insertGrant(
  tx: Tx,
  tenantId: string,
  data: { staffUserId: string; role: StaffRole; networkId: string | null; unitId: string | null; grantedBy: string },
): Promise<RoleGrantRow> {
  return tx.roleGrant.create({ data: { tenantId, ...data }, select: grantFields });
}

export async function revokeGrant(tx: Tx, tenantId: string, id: string, at: Date): Promise<RoleGrantRow | null> {
  const { count } = await tx.roleGrant.updateMany({ where: { tenantId, id, revokedAt: null }, data: { revokedAt: at } });
  return count === 1 ? findGrant(tx, tenantId, id) : null;
}

export async function isInvitedIdentifierTaken(tx: Tx, tenantId: string, invitedIdentifier: string): Promise<boolean> {
  return (await tx.staffUser.count({ where: { tenantId, invitedIdentifier } })) > 0;
}
