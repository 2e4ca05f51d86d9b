import type { ConsentKind, FeeClaimAttester, Prisma, PrismaClient } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

const publicTenantFields = {
  id: true,
  slug: true,
  name: true,
  locale: true,
  timeZone: true,
  currency: true,
  collectsPersonalIdentityNumbers: true,
  paysByBankAccount: true,
  allowsParticipantsOutsidePool: true,
} as const;

export type TenantRow = {
  id: string;
  slug: string;
  name: string;
  locale: string;
  timeZone: string;
  currency: string;
  collectsPersonalIdentityNumbers: boolean;
  paysByBankAccount: boolean;
  allowsParticipantsOutsidePool: boolean;
};

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

export async function findTenantClash(system: PrismaClient, slug: string, issuer: string, audience: string) {
  const [bySlug, byIssuer] = await Promise.all([
    system.tenant.findFirst({ where: { slug }, select: { id: true } }),
    system.tenant.findFirst({ where: { tokenIssuer: issuer, tokenAudience: audience }, select: { id: true } }),
  ]);
  return { slugTaken: bySlug !== null, issuerTaken: byIssuer !== null };
}

export function insertTenant(tx: Tx, data: Prisma.TenantCreateInput): Promise<TenantRow> {
  return tx.tenant.create({ data, select: publicTenantFields });
}

export async function insertFirstAdmin(tx: Tx, tenantId: string, admin: { subject: string; name: string; email: string }): Promise<string> {
  const staff = await tx.staffUser.create({ data: { tenantId, ...admin }, select: { id: true } });
  await tx.roleGrant.create({ data: { tenantId, staffUserId: staff.id, role: "TENANT_ADMIN" } });
  return staff.id;
}

export async function listTenants(system: PrismaClient, page: PageRequest): Promise<{ rows: TenantRow[]; total: number }> {
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([system.tenant.findMany({ ...query, select: publicTenantFields }), system.tenant.count()]);
  return { rows, total };
}

export function consentTextVersionExists(tx: Tx, tenantId: string, kind: ConsentKind, version: string): Promise<boolean> {
  return tx.consentText.count({ where: { tenantId, kind, version } }).then((count) => count > 0);
}

/** Publishing a version retires the kind's previous ones: exactly one text is shown per kind. */
export async function publishConsentText(
  tx: Tx,
  tenantId: string,
  text: { kind: ConsentKind; version: string; textSv: string; textEn: string },
): Promise<ConsentTextRow> {
  const now = new Date();
  await tx.consentText.updateMany({ where: { tenantId, kind: text.kind, retiredAt: null }, data: { retiredAt: now } });
  return tx.consentText.create({
    data: { tenantId, ...text, publishedAt: now },
    select: { id: true, kind: true, version: true, textSv: true, textEn: true, publishedAt: true },
  });
}

const ownSettingsFields = {
  name: true,
  invitationExpiryDays: true,
  smallCellThreshold: true,
  memberRetentionMonths: true,
  feeClaimAttester: true,
  collectsPersonalIdentityNumbers: true,
  paysByBankAccount: true,
  intakeReminderHoursBefore: true,
  allowsParticipantsOutsidePool: true,
  version: true,
} as const;

export type TenantOwnSettingsRow = Prisma.TenantGetPayload<{ select: typeof ownSettingsFields }>;

export function findTenantOwnSettings(tx: Tx, tenantId: string): Promise<TenantOwnSettingsRow | null> {
  return tx.tenant.findFirst({ where: { id: tenantId, retiredAt: null }, select: ownSettingsFields });
}

/** Applied only if the tenant still has `expectedVersion`; returns how many rows changed (0 or 1). */
export async function updateTenantOwnSettingsIfVersion(
  tx: Tx,
  tenantId: string,
  expectedVersion: number,
  changes: Partial<{
    name: string;
    invitationExpiryDays: number;
    smallCellThreshold: number;
    memberRetentionMonths: number | null;
    feeClaimAttester: FeeClaimAttester;
    collectsPersonalIdentityNumbers: boolean;
    paysByBankAccount: boolean;
    intakeReminderHoursBefore: number | null;
    allowsParticipantsOutsidePool: boolean;
  }>,
): Promise<number> {
  const { count } = await tx.tenant.updateMany({
    where: { id: tenantId, version: expectedVersion, retiredAt: null },
    data: { ...changes, version: { increment: 1 } },
  });
  return count;
}

/** Whether the tenant records members' personal identity numbers (its own setting; false for an unknown tenant). */
export async function collectsPersonalIdentityNumbers(tx: Tx, tenantId: string): Promise<boolean> {
  const row = await tx.tenant.findFirst({ where: { id: tenantId }, select: { collectsPersonalIdentityNumbers: true } });
  return row?.collectsPersonalIdentityNumbers ?? false;
}
