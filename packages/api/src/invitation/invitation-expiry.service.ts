import type { PrismaClient } from "@medverkan/database";
import { asSystem, TenantScope } from "../context/tenant-scope.js";
import { expireLapsedInvitations } from "./invitation.repository.js";

/**
 * Writes EXPIRED on every unanswered invitation past its answer time, tenant by tenant (each in its own tenant
 * transaction, under row-level security). For a scheduler: idempotent, so running it twice, late or in parallel
 * with an answer that writes the expiry changes nothing more. Reads do not wait for it: they derive the status.
 * Returns how many invitations it expired.
 */
export async function expireInvitations(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
  const tenants = await asSystem(prisma).tenant.findMany({ where: { retiredAt: null }, select: { id: true } });
  let expired = 0;
  for (const tenant of tenants) {
    expired += await new TenantScope(prisma, tenant.id).transaction((tx) => expireLapsedInvitations(tx, tenant.id, now));
  }
  return expired;
}
