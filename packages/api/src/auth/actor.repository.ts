import type { PrismaClient } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import type { Grant } from "./actor.js";

export interface TenantIssuerRow {
  id: string;
  tokenIssuer: string;
  tokenAudience: string;
  jwksUrl: string | null;
  publicKeys: unknown;
}

/** Platform-level read (before any tenant is known): which tenant trusts this issuer for one of these audiences. */
export async function findTenantByIssuer(system: PrismaClient, issuer: string, audiences: string[]): Promise<TenantIssuerRow | null> {
  if (audiences.length === 0) return null;
  return system.tenant.findFirst({
    where: { tokenIssuer: issuer, tokenAudience: { in: audiences }, retiredAt: null },
    select: { id: true, tokenIssuer: true, tokenAudience: true, jwksUrl: true, publicKeys: true },
  });
}

export async function findPlatformOperator(system: PrismaClient, subject: string) {
  return system.platformOperator.findFirst({ where: { subject, disabledAt: null }, select: { id: true, subject: true } });
}

export interface StaffWithGrants {
  id: string;
  name: string;
  unitId: string | null;
  grants: Grant[];
}

export async function findActiveStaffBySubject(tx: Tx, tenantId: string, subject: string): Promise<StaffWithGrants | null> {
  const staff = await tx.staffUser.findFirst({
    where: { tenantId, subject, disabledAt: null },
    select: {
      id: true,
      name: true,
      unitId: true,
      roleGrants: { where: { revokedAt: null }, select: { role: true, networkId: true, unitId: true } },
    },
  });
  if (!staff) return null;
  return { id: staff.id, name: staff.name, unitId: staff.unitId, grants: staff.roleGrants };
}

export async function findMemberIdBySubject(tx: Tx, tenantId: string, subject: string): Promise<string | null> {
  const member = await tx.member.findFirst({ where: { tenantId, subject, erasedAt: null }, select: { id: true } });
  return member?.id ?? null;
}
