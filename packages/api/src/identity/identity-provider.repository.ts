import { advisoryLock, type Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import type { IdentityProvider, IdentityProviderKind } from "./identity-provider.type.js";

const columns = {
  id: true,
  name: true,
  kind: true,
  issuer: true,
  audience: true,
  clientId: true,
  jwksUrl: true,
  publicKeys: true,
  identifierClaim: true,
  isPrimary: true,
  disabledAt: true,
  version: true,
} as const;

export type IdentityProviderRow = IdentityProvider & { publicKeys: unknown };

export async function listIdentityProviders(tx: Tx, tenantId: string, includeDisabled: boolean): Promise<IdentityProviderRow[]> {
  const rows = await tx.identityProvider.findMany({
    where: { tenantId, ...(includeDisabled ? {} : { disabledAt: null }) },
    select: columns,
    orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows as IdentityProviderRow[];
}

export async function findIdentityProvider(tx: Tx, tenantId: string, id: string): Promise<IdentityProviderRow | null> {
  return (await tx.identityProvider.findFirst({ where: { tenantId, id }, select: columns })) as IdentityProviderRow | null;
}

/**
 * Holds the tenant's issuer and audience pair until the transaction ends, so two administrators adding or changing a
 * provider to the same pair at once take turns: there is no row yet to lock.
 */
export function lockIssuerAudience(tx: Tx, tenantId: string, issuer: string, audience: string): Promise<void> {
  return advisoryLock(tx, `${tenantId}:identity-provider:${issuer}:${audience}`);
}

/** The tenant's own provider with this issuer and audience (enabled or not), other than `exceptId`. */
export async function findSameIssuerAudience(tx: Tx, tenantId: string, issuer: string, audience: string, exceptId: string | null) {
  return tx.identityProvider.findFirst({
    where: { tenantId, issuer, audience, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
}

export interface IdentityProviderFields {
  name: string;
  kind: IdentityProviderKind;
  issuer: string;
  audience: string;
  jwksUrl: string | null;
  publicKeys: Prisma.InputJsonValue | null;
  clientId: string | null;
  identifierClaim: string | null;
}

export async function insertIdentityProvider(tx: Tx, tenantId: string, fields: IdentityProviderFields): Promise<IdentityProviderRow> {
  const { publicKeys, ...rest } = fields;
  return (await tx.identityProvider.create({
    data: { tenantId, ...rest, ...(publicKeys === null ? {} : { publicKeys }) },
    select: columns,
  })) as IdentityProviderRow;
}

/** Optimistic concurrency: writes only when the version is still `expectedVersion`; false when it changed meanwhile. */
export async function updateIdentityProviderIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Prisma.IdentityProviderUpdateManyMutationInput,
): Promise<boolean> {
  const { count } = await tx.identityProvider.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...changes, version: { increment: 1 } },
  });
  return count === 1;
}

export async function lockIdentityProvider(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "IdentityProvider" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${id}::uuid FOR UPDATE`;
}
