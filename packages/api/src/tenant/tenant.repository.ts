import type { ConsentKind, PrismaClient } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";

const publicTenantFields = { id: true, slug: true, name: true, locale: true, timeZone: true, currency: true } as const;

export type TenantRow = { id: string; slug: string; name: string; locale: string; timeZone: string; currency: string };

/** Platform-level: resolving a public slug happens before any tenant scope exists. */
export function findTenantBySlug(system: PrismaClient, slug: string): Promise<TenantRow | null> {
  return system.tenant.findFirst({ where: { slug, retiredAt: null }, select: publicTenantFields });
}

export function findTenantById(system: PrismaClient, id: string): Promise<TenantRow | null> {
  return system.tenant.findFirst({ where: { id, retiredAt: null }, select: publicTenantFields });
}

export interface ConsentTextRow {
  id: string;
  kind: ConsentKind;
  version: string;
  textSv: string;
  textEn: string;
  publishedAt: Date;
}

export function findCurrentConsentText(tx: Tx, tenantId: string, kind: ConsentKind): Promise<ConsentTextRow | null> {
  return tx.consentText.findFirst({
    where: { tenantId, kind, retiredAt: null },
    orderBy: { publishedAt: "desc" },
    select: { id: true, kind: true, version: true, textSv: true, textEn: true, publishedAt: true },
  });
}
