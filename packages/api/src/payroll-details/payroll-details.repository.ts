import { advisoryLock } from "@medverkan/database";
import { asksForBankAccount, deserialiseBankAccount, maskBankAccount, serialiseBankAccount } from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";
import { decryptPersonalIdentityNumber, decryptPiiField, encryptPiiField } from "../identity/personal-identity-number.crypto.js";

// Issue 21: the only code that reads or writes a member's employee number and bank account for payment. The account is
// stored encrypted (identity/personal-identity-number.crypto.ts, field `bankAccount`) beside its masked form; GraphQL
// shows only the masked column. The full account and personal identity number are read here for two purposes only:
// the payroll file and the member's own data export — both audited by their callers.

const BANK_ACCOUNT = "bankAccount";

export interface BankAccountDigits {
  readonly clearingNumber: string;
  readonly accountNumber: string;
}

export interface PayrollSubject {
  id: string;
  restrictedAt: Date | null;
  employeeNumber: string | null;
  bankAccountMasked: string | null;
  version: number;
  memberships: { networkId: string }[];
}

/** The member (not erased) of the tenant, with what the payroll details' writers need. */
export function findPayrollSubject(tx: Tx, tenantId: string, memberId: string): Promise<PayrollSubject | null> {
  return tx.member.findFirst({
    where: { tenantId, id: memberId, erasedAt: null },
    select: {
      id: true,
      restrictedAt: true,
      employeeNumber: true,
      bankAccountMasked: true,
      version: true,
      memberships: { select: { networkId: true } },
    },
  });
}

/** Records (or replaces) the account: encrypted and masked together (a CHECK constraint holds them so). */
export async function writeBankAccount(tx: Tx, tenantId: string, memberId: string, account: BankAccountDigits): Promise<void> {
  await tx.member.update({
    where: { tenantId_id: { tenantId, id: memberId } },
    data: {
      bankAccountEncrypted: encryptPiiField(tenantId, BANK_ACCOUNT, serialiseBankAccount(account)),
      bankAccountMasked: maskBankAccount(account),
      version: { increment: 1 },
    },
  });
}

export async function clearBankAccount(tx: Tx, tenantId: string, memberId: string): Promise<void> {
  await tx.member.update({
    where: { tenantId_id: { tenantId, id: memberId } },
    data: { bankAccountEncrypted: null, bankAccountMasked: null, version: { increment: 1 } },
  });
}

/** Whether the stored account is this one (decrypted and compared here; the value never leaves). */
export async function compareBankAccount(
  tx: Tx,
  tenantId: string,
  memberId: string,
  account: BankAccountDigits | null,
): Promise<"NONE" | "SAME" | "DIFFERENT"> {
  const stored = await readBankAccount(tx, tenantId, memberId);
  if (!stored) return account ? "NONE" : "SAME";
  if (!account) return "DIFFERENT";
  return stored.clearingNumber === account.clearingNumber && stored.accountNumber === account.accountNumber ? "SAME" : "DIFFERENT";
}

/** Serialises writers of one employee number in a tenant, so two parallel writers cannot both take it. */
export async function lockEmployeeNumber(tx: Tx, tenantId: string, employeeNumber: string): Promise<void> {
  await advisoryLock(tx, `${tenantId}:employee-number:${employeeNumber}`);
}

/** Who holds the employee number in the tenant (erased members' numbers are cleared, so they hold none). */
export async function findMemberIdByEmployeeNumber(tx: Tx, tenantId: string, employeeNumber: string): Promise<string | null> {
  const row = await tx.member.findFirst({ where: { tenantId, employeeNumber }, select: { id: true } });
  return row?.id ?? null;
}

export async function writeEmployeeNumber(tx: Tx, tenantId: string, memberId: string, employeeNumber: string | null): Promise<void> {
  await tx.member.update({ where: { tenantId_id: { tenantId, id: memberId } }, data: { employeeNumber, version: { increment: 1 } } });
}

/** Server-side only: the member's account, decrypted, or null. Never return it through GraphQL; audit where used. */
export async function readBankAccount(tx: Tx, tenantId: string, memberId: string): Promise<BankAccountDigits | null> {
  const row = await tx.member.findFirst({ where: { tenantId, id: memberId }, select: { bankAccountEncrypted: true } });
  return row?.bankAccountEncrypted ? deserialiseBankAccount(decryptPiiField(tenantId, BANK_ACCOUNT, row.bankAccountEncrypted)) : null;
}

export interface PayrollIdentityRow {
  readonly memberId: string;
  readonly employeeNumber: string | null;
  readonly personalIdentityNumber: string | null;
  readonly bankAccount: BankAccountDigits | null;
}

/**
 * Server-side only, for the payroll file: each member's employee number, and — as asked — the decrypted personal
 * identity number and bank account. Erased members give nothing but their id (their claims stay for the books).
 */
export async function readPayrollIdentities(
  tx: Tx,
  tenantId: string,
  memberIds: readonly string[],
  include: { personalIdentityNumbers: boolean; bankAccounts: boolean },
): Promise<PayrollIdentityRow[]> {
  const rows = await tx.member.findMany({
    where: { tenantId, id: { in: [...memberIds] }, erasedAt: null },
    select: { id: true, employeeNumber: true, personalIdentityNumberEncrypted: true, bankAccountEncrypted: true },
  });
  return rows.map((row) => ({
    memberId: row.id,
    employeeNumber: row.employeeNumber,
    personalIdentityNumber:
      include.personalIdentityNumbers && row.personalIdentityNumberEncrypted
        ? decryptPersonalIdentityNumber(tenantId, row.personalIdentityNumberEncrypted)
        : null,
    bankAccount:
      include.bankAccounts && row.bankAccountEncrypted
        ? deserialiseBankAccount(decryptPiiField(tenantId, BANK_ACCOUNT, row.bankAccountEncrypted))
        : null,
  }));
}

export async function findTenantPayrollSettings(
  tx: Tx,
  tenantId: string,
): Promise<{ paysByBankAccount: boolean; collectsPersonalIdentityNumbers: boolean } | null> {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { paysByBankAccount: true, collectsPersonalIdentityNumbers: true } });
}

/** What staff may see of each person's payroll references: masked only, nothing decrypted. */
export function findPayrollReferences(
  tx: Tx,
  tenantId: string,
  memberIds: readonly string[],
): Promise<
  Array<{ id: string; employeeNumber: string | null; personalIdentityNumberMasked: string | null; bankAccountMasked: string | null }>
> {
  return tx.member.findMany({
    where: { tenantId, id: { in: [...memberIds] }, erasedAt: null },
    select: { id: true, employeeNumber: true, personalIdentityNumberMasked: true, bankAccountMasked: true },
  });
}

/** Whether the member is to be asked for a bank account now (domain rule `asksForBankAccount`); masked column only. */
export async function bankAccountRequested(tx: Tx, tenantId: string, memberId: string): Promise<boolean> {
  const [tenant, member] = await Promise.all([
    tx.tenant.findFirst({ where: { id: tenantId }, select: { paysByBankAccount: true } }),
    tx.member.findFirst({ where: { tenantId, id: memberId }, select: { bankAccountMasked: true } }),
  ]);
  if (!tenant || !member) return false;
  return asksForBankAccount(tenant, { hasBankAccount: member.bankAccountMasked !== null });
}
