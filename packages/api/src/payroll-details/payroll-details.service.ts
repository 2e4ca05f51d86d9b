import { parseBankAccount, parseEmployeeNumber } from "@medverkan/domain";
import { conflict, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { findMember } from "../member/member.repository.js";
import { toMember } from "../member/member.service.js";
import type { Member } from "../member/member.type.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import { processingRestricted } from "../privacy/processing-restriction.js";
import { requireMember } from "../request/request-access.js";
import type { BankAccountInput, SetMemberPayrollDetailsInput, SetMyBankAccountInput } from "./payroll-details.input.js";
import {
  employeeNumberTaken,
  invalidBankAccount,
  invalidEmployeeNumber,
  type SetMemberPayrollDetailsPayload,
  type SetMyBankAccountPayload,
} from "./payroll-details.payload.js";
import {
  type BankAccountDigits,
  bankAccountRequested,
  clearBankAccount,
  compareBankAccount,
  findMemberIdByEmployeeNumber,
  findPayrollSubject,
  lockEmployeeNumber,
  writeBankAccount,
  writeEmployeeNumber,
} from "./payroll-details.repository.js";

// Issue 21: who the payroll office pays. The member registers the bank account fees are paid to (self-service, "Mina
// sidor"), or a coordinator does it for them (a paper form, a phone call); a coordinator or the tenant's admin sets the
// employee number (anställningsnummer) the region's payroll system knows the person by. Values are checked by the
// domain's rules (Bankgirot's for accounts) and refused as payload errors; the account is kept encrypted and shown
// masked; every change is audited without the value.

const MEMBER = { sv: "Medlemmen", en: "The member" };
const PROFILE = { sv: "Profilen", en: "The profile" };

type AccountChoice = { ok: true; account: BankAccountDigits | null } | { ok: false; error: ReturnType<typeof invalidBankAccount> };

function accountFromInput(input: BankAccountInput | null, ctx: RequestContext): AccountChoice {
  if (input === null) return { ok: true, account: null };
  const parsed = parseBankAccount(input.clearingNumber, input.accountNumber);
  if (!parsed.ok) return { ok: false, error: invalidBankAccount(parsed.problem, ctx.locale) };
  return { ok: true, account: { clearingNumber: parsed.account.clearingNumber, accountNumber: parsed.account.accountNumber } };
}

/** Writes the account (or removes it) when it differs, and audits the change — never the number. */
async function recordBankAccount(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  memberId: string,
  account: BankAccountDigits | null,
  purpose: string,
): Promise<boolean> {
  const before = await compareBankAccount(tx, tenantId, memberId, account);
  if (before === "SAME") return false;
  if (account) await writeBankAccount(tx, tenantId, memberId, account);
  else await clearBankAccount(tx, tenantId, memberId);
  const change = account === null ? "REMOVED" : before === "NONE" ? "SET" : "CHANGED";
  await ctx.audit.record(tx, tenantId, {
    action: "WRITE",
    subjectType: "Member",
    subjectId: memberId,
    memberId,
    purpose: `bank account ${change.toLowerCase()} (${purpose})`,
    details: { field: "bankAccount", change },
  });
  return true;
}

async function reread(tx: Tx, tenantId: string, memberId: string): Promise<Member | null> {
  const row = await findMember(tx, tenantId, memberId, "ALL");
  return row ? toMember(row) : null;
}

/** Members: register, change or remove the bank account your fees are paid to. */
export async function setMyBankAccount(ctx: RequestContext, input: SetMyBankAccountInput): Promise<SetMyBankAccountPayload> {
  const actor = requireMember(ctx);
  const chosen = accountFromInput(input.bankAccount, ctx);
  if (!chosen.ok) return { member: null, errors: [chosen.error] };
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<SetMyBankAccountPayload> => {
    const subject = await findPayrollSubject(tx, actor.tenantId, actor.memberId);
    if (!subject) return { member: null, errors: [notFound(PROFILE, ctx.locale)] };
    const current = await findMember(tx, actor.tenantId, actor.memberId, "ALL");
    if (!current || current.version !== input.expectedVersion) throw conflict(ctx.locale);
    const changed = await recordBankAccount(ctx, tx, actor.tenantId, actor.memberId, chosen.account, "own profile");
    return { member: changed ? await reread(tx, actor.tenantId, actor.memberId) : toMember(current), errors: [] };
  });
}

/**
 * Coordinators (of a network the member is in) and the tenant's admins: set a member's employee number and/or bank
 * account. A member whose processing is restricted (GDPR art. 18) is refused; the member may still change their own.
 */
export async function setMemberPayrollDetails(
  ctx: RequestContext,
  input: SetMemberPayrollDetailsInput,
): Promise<SetMemberPayrollDetailsPayload> {
  const actor = ctx.actor;
  if (actor.kind !== "STAFF" || !actor.tenantId) throw forbidden(ctx.locale);
  const tenantId = actor.tenantId;
  const missing = { payrollDetails: null, errors: [notFound(MEMBER, ctx.locale)] };
  if (!isId(input.memberId)) return missing;
  const networks = networksWhere(actor, Permission.SetMemberPayrollDetails);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);

  let employeeNumber: string | null | undefined;
  if (input.employeeNumber !== undefined) {
    if (input.employeeNumber === null || input.employeeNumber.trim() === "") employeeNumber = null;
    else {
      const parsed = parseEmployeeNumber(input.employeeNumber);
      if (!parsed.ok) return { payrollDetails: null, errors: [invalidEmployeeNumber(ctx.locale)] };
      employeeNumber = parsed.value;
    }
  }
  const chosen = input.bankAccount === undefined ? undefined : accountFromInput(input.bankAccount, ctx);
  if (chosen && !chosen.ok) return { payrollDetails: null, errors: [chosen.error] };

  return ctx.scope(tenantId).transaction(async (tx): Promise<SetMemberPayrollDetailsPayload> => {
    const subject = await findPayrollSubject(tx, tenantId, input.memberId);
    // A member of no network the coordinator sees is a member that does not exist, for them.
    if (!subject || (networks !== "ALL" && !subject.memberships.some((membership) => networks.includes(membership.networkId)))) {
      return missing;
    }
    if (subject.restrictedAt) throw processingRestricted(ctx.locale);
    if (subject.version !== input.expectedVersion) throw conflict(ctx.locale);
    if (employeeNumber !== undefined && employeeNumber !== subject.employeeNumber) {
      if (employeeNumber !== null) {
        await lockEmployeeNumber(tx, tenantId, employeeNumber);
        const holder = await findMemberIdByEmployeeNumber(tx, tenantId, employeeNumber);
        if (holder && holder !== input.memberId) return { payrollDetails: null, errors: [employeeNumberTaken(ctx.locale)] };
      }
      await writeEmployeeNumber(tx, tenantId, input.memberId, employeeNumber);
      const change = employeeNumber === null ? "REMOVED" : subject.employeeNumber === null ? "SET" : "CHANGED";
      await ctx.audit.record(tx, tenantId, {
        action: "WRITE",
        subjectType: "Member",
        subjectId: input.memberId,
        memberId: input.memberId,
        purpose: `employee number ${change.toLowerCase()}`,
        details: { field: "employeeNumber", change },
      });
    }
    if (chosen?.ok) await recordBankAccount(ctx, tx, tenantId, input.memberId, chosen.account, "by staff");
    const after = await findPayrollSubject(tx, tenantId, input.memberId);
    if (!after) return missing;
    return {
      payrollDetails: {
        memberId: after.id,
        employeeNumber: after.employeeNumber,
        bankAccount: after.bankAccountMasked,
        version: after.version,
      },
      errors: [],
    };
  });
}

/** Members: whether you are asked to register a bank account (an invitation tells you so). */
export async function isBankAccountRequested(ctx: RequestContext, tenantId: string): Promise<boolean> {
  const actor = requireMember(ctx);
  if (actor.tenantId !== tenantId) return false;
  return ctx.scope(tenantId).transaction((tx) => bankAccountRequested(tx, tenantId, actor.memberId));
}
