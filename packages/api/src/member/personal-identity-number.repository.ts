import { advisoryLock } from "@medverkan/database";
import { maskPersonalIdentityNumber } from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";
import {
  decryptPersonalIdentityNumber,
  encryptPersonalIdentityNumber,
  personalIdentityNumberIndex,
} from "../identity/personal-identity-number.crypto.js";

// Issue 15: the only code that reads or writes a member's personal identity number. It is stored encrypted with a
// blind index beside it (identity/personal-identity-number.crypto.ts); GraphQL shows only the masked column.

/** Serialises writers of one number in a tenant, so two parallel registrations cannot both take it. */
export async function lockPersonalIdentityNumber(tx: Tx, tenantId: string, twelveDigits: string): Promise<void> {
  const index = personalIdentityNumberIndex(tenantId, twelveDigits);
  await advisoryLock(tx, `${tenantId}:pin:${index}`);
}

/** The members (not erased) with this number: at most one, by the unique blind index. */
export async function findMemberIdsByPersonalIdentityNumber(tx: Tx, tenantId: string, twelveDigits: string): Promise<string[]> {
  const rows = await tx.member.findMany({
    where: { tenantId, personalIdentityNumberIndex: personalIdentityNumberIndex(tenantId, twelveDigits), erasedAt: null },
    select: { id: true },
    take: 2,
  });
  return rows.map((row) => row.id);
}

/** Whether a member has a number recorded, and whether it is this one (compared by blind index, nothing decrypted). */
export async function comparePersonalIdentityNumber(
  tx: Tx,
  tenantId: string,
  memberId: string,
  twelveDigits: string,
): Promise<"NONE" | "SAME" | "DIFFERENT"> {
  const row = await tx.member.findFirst({ where: { tenantId, id: memberId }, select: { personalIdentityNumberIndex: true } });
  if (!row?.personalIdentityNumberIndex) return "NONE";
  return row.personalIdentityNumberIndex === personalIdentityNumberIndex(tenantId, twelveDigits) ? "SAME" : "DIFFERENT";
}

/** Records (or replaces) a member's number: encrypted, indexed and masked together (a CHECK constraint holds them so). */
export async function writePersonalIdentityNumber(tx: Tx, tenantId: string, memberId: string, twelveDigits: string): Promise<void> {
  await tx.member.update({
    where: { tenantId_id: { tenantId, id: memberId } },
    data: {
      personalIdentityNumberEncrypted: encryptPersonalIdentityNumber(tenantId, twelveDigits),
      personalIdentityNumberIndex: personalIdentityNumberIndex(tenantId, twelveDigits),
      personalIdentityNumberMasked: maskPersonalIdentityNumber(twelveDigits),
      version: { increment: 1 },
    },
  });
}

/**
 * Server-side use only (the payroll export, issue 15's later step): the member's full number, decrypted, or null when
 * none is recorded. Never return it through GraphQL, never log it; audit the read where it is used.
 */
export async function readPersonalIdentityNumber(tx: Tx, tenantId: string, memberId: string): Promise<string | null> {
  const row = await tx.member.findFirst({
    where: { tenantId, id: memberId, erasedAt: null },
    select: { personalIdentityNumberEncrypted: true },
  });
  return row?.personalIdentityNumberEncrypted ? decryptPersonalIdentityNumber(tenantId, row.personalIdentityNumberEncrypted) : null;
}
