import { isIsoDate, type PayrollClaim, type PayrollPersonIdentity, payrollCsv, payrollPaxml, personSummaries } from "@medverkan/domain";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type Page, type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { toPayrollClaim } from "../fee-claim/fee-claim.mapper.js";
import { findTenantFeeSettings, findTenantPayrollOrganisationId } from "../fee-claim/fee-claim.repository.js";
import { dateColumn, isoDate } from "../fee-schedule/fee-schedule.mapper.js";
import { money } from "../fee-schedule/money.type.js";
import { enqueuePayrollExportClaims } from "../notification/enqueue.js";
import { findPayrollReferences, findTenantPayrollSettings, readPayrollIdentities } from "../payroll-details/payroll-details.repository.js";
import { networksWhere, Permission } from "../permissions/permission.js";
import type { CreatePayrollExportPayload, MarkPayrollExportPaidPayload } from "./payroll.payload.js";
import { NothingToExport } from "./payroll.payload.js";
import {
  findExportableClaimIds,
  findPayrollExport,
  insertPayrollExport,
  listPayrollExportIds,
  lockPayrollExports,
  markExportClaimsPaid,
  organisationExists,
  type PayrollExportRow,
  takeClaimsIntoExport,
} from "./payroll.repository.js";
import { type CreatePayrollExportInput, type PayrollExport, PayrollExportStatus, type PayrollPersonSummary } from "./payroll.type.js";

// Payroll exports: the attested claims of a period, per payer, handed to the payroll office as a CSV file and a
// printable summary per person. Tenant admins run payroll for every network; a coordinator for the networks they
// coordinate (fees are personal data, so a coordinator never exports — or reads — another network's claims).

const EXPORT = { sv: "Löneunderlaget", en: "The payroll export" };
const PAYER = { sv: "Den betalande organisationen", en: "The paying organisation" };

function requirePayrollStaff(ctx: RequestContext): { actor: StaffActor; networks: "ALL" | string[] } {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const networks = networksWhere(actor, Permission.RunPayroll);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  return { actor, networks };
}

const canRead = (networks: "ALL" | string[], exportNetworks: readonly string[]) =>
  networks === "ALL" || exportNetworks.every((id) => networks.includes(id));

/**
 * The export with its figures and claims, computed once. The files (CSV, PAXml) are written only when asked for, since
 * they carry the decrypted personal identity numbers and bank accounts (`payrollFile`).
 */
export interface LoadedExport extends PayrollExport {
  claims: PayrollClaim[];
  summaries: Omit<PayrollPersonSummary, "employeeNumber" | "hasPersonalIdentityNumber" | "bankAccount" | "payrollIdentityMissing">[];
  memberIds: string[];
}

async function loadExport(ctx: RequestContext, tx: Tx, tenantId: string, id: string, currency: string): Promise<LoadedExport | null> {
  const found = await findPayrollExport(tx, tenantId, id);
  if (!found) return null;
  return toExport(
    ctx,
    found.row,
    found.claims.map((claim) => ({
      claim: toPayrollClaim(claim),
      networkId: claim.assignment.request.networkId,
      status: claim.status,
      paidAt: claim.paidAt,
      memberId: claim.memberId,
    })),
    currency,
  );
}

function toExport(
  ctx: RequestContext,
  row: PayrollExportRow,
  claims: ReadonlyArray<{ claim: PayrollClaim; networkId: string; status: string; paidAt: Date | null; memberId: string }>,
  currency: string,
): LoadedExport {
  const amount = (ore: number) => money(ore, currency);
  const sum = (pick: (claim: PayrollClaim) => number) => claims.reduce((total, entry) => total + pick(entry.claim), 0);
  const period = { from: isoDate(row.periodFrom), to: isoDate(row.periodTo) };
  const paid = claims.length > 0 && claims.every((entry) => entry.status === "PAID");
  const paidTimes = claims.map((entry) => entry.paidAt?.getTime() ?? 0);
  return {
    id: row.id,
    tenantId: row.tenantId,
    networkIds: [...new Set(claims.map((entry) => entry.networkId))],
    periodFrom: period.from,
    periodTo: period.to,
    payerOrganisationId: row.payerOrganisationId,
    payerName: row.payerOrganisation?.name ?? null,
    createdAt: row.createdAt,
    status: paid ? PayrollExportStatus.PAID : PayrollExportStatus.SENT,
    paidAt: paid ? new Date(Math.max(...paidTimes)) : null,
    claimCount: claims.length,
    claimIds: claims.map((entry) => entry.claim.claimId),
    gross: amount(sum((claim) => claim.grossOre + claim.preparationOre)),
    withholding: amount(sum((claim) => claim.withholdingOre)),
    net: amount(sum((claim) => claim.netOre)),
    claims: claims.map((entry) => entry.claim),
    summaries: personSummaries(
      claims.map((entry) => entry.claim),
      period,
      ctx.locale,
    ).map((summary) => ({
      personReference: summary.personReference,
      personName: summary.personName,
      claimCount: summary.claimCount,
      gross: amount(summary.grossOre + summary.preparationOre),
      mileage: amount(summary.mileageOre),
      expenses: amount(summary.expensesOre),
      withholding: amount(summary.withholdingOre),
      net: amount(summary.netOre),
      text: summary.text,
    })),
    memberIds: [...new Set(claims.map((entry) => entry.memberId))],
  };
}

async function currencyOf(ctx: RequestContext, tenantId: string): Promise<string> {
  return (await findTenantFeeSettings(ctx.system, tenantId))?.currency ?? "SEK";
}

function checkPeriod(input: CreatePayrollExportInput, ctx: RequestContext) {
  const errors = [];
  const label = (en: string, sv: string) => ({ sv, en });
  for (const [key, text] of [
    ["periodFrom", label("Period from", "Period från")],
    ["periodTo", label("Period to", "Period till")],
  ] as const) {
    if (!isIsoDate(input[key])) {
      errors.push({
        field: `input.${key}`,
        code: "INVALID_DATE" as const,
        message: { sv: `${text.sv}: datumet är ogiltigt (ÅÅÅÅ-MM-DD).`, en: `${text.en}: the date is not valid (YYYY-MM-DD).` },
      });
    }
  }
  if (errors.length === 0 && input.periodTo < input.periodFrom) {
    errors.push({
      field: "input.periodTo",
      code: "MUST_BE_AFTER" as const,
      message: { sv: "Perioden måste sluta på eller efter sin början.", en: "The period must end on or after its start." },
    });
  }
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
}

/**
 * Takes every attested, not yet exported claim of the period for the payer into a new export and marks it
 * SENT_TO_PAYROLL, in one transaction under the tenant's payroll lock: two concurrent exports never share a claim, and
 * the conditional update refuses any claim another export took in the meantime.
 */
export async function createPayrollExport(ctx: RequestContext, input: CreatePayrollExportInput): Promise<CreatePayrollExportPayload> {
  const { actor, networks } = requirePayrollStaff(ctx);
  checkPeriod(input, ctx);
  const tenantId = actor.tenantId;
  if (input.payerOrganisationId && !isId(input.payerOrganisationId)) return { payrollExport: null, errors: [notFound(PAYER, ctx.locale)] };
  const currency = await currencyOf(ctx, tenantId);
  return ctx.scope(tenantId).transaction(async (tx): Promise<CreatePayrollExportPayload> => {
    await lockPayrollExports(tx, tenantId);
    if (input.payerOrganisationId && !(await organisationExists(tx, tenantId, input.payerOrganisationId))) {
      return { payrollExport: null, errors: [notFound(PAYER, ctx.locale)] };
    }
    const payerOrganisationId = input.payerOrganisationId ?? (await findTenantPayrollOrganisationId(tx, tenantId));
    const claimIds = await findExportableClaimIds(tx, tenantId, {
      payerOrganisationId,
      from: dateColumn(input.periodFrom),
      to: dateColumn(input.periodTo),
      networks,
    });
    if (claimIds.length === 0) {
      const message = {
        sv: `Inga attesterade underlag för perioden ${input.periodFrom} – ${input.periodTo} väntar på den här betalaren.`,
        en: `No attested claims of ${input.periodFrom} – ${input.periodTo} are waiting for this payer.`,
      };
      return { payrollExport: null, errors: [errorResult(NothingToExport, "NOTHING_TO_EXPORT", message, ctx.locale)] };
    }
    const created = await insertPayrollExport(tx, tenantId, {
      payerOrganisationId,
      periodFrom: dateColumn(input.periodFrom),
      periodTo: dateColumn(input.periodTo),
      createdById: actor.staffUserId,
    });
    const taken = await takeClaimsIntoExport(tx, tenantId, created.id, claimIds);
    if (taken !== claimIds.length) throw conflict(ctx.locale);
    await enqueuePayrollExportClaims(tx, { tenantId, payrollExportId: created.id });
    const loaded = (await loadExport(ctx, tx, tenantId, created.id, currency)) as LoadedExport;
    await ctx.audit.record(tx, tenantId, [
      {
        action: "EXPORT",
        subjectType: "PayrollExport",
        subjectId: created.id,
        purpose: "payroll export",
        details: { periodFrom: input.periodFrom, periodTo: input.periodTo, payerOrganisationId, claimIds },
      },
      ...loaded.memberIds.map((memberId) => ({
        action: "EXPORT" as const,
        subjectType: "PayrollExport",
        subjectId: created.id,
        memberId,
        purpose: "fee claims sent to payroll",
      })),
    ]);
    return { payrollExport: loaded, errors: [] };
  });
}

export async function getPayrollExport(ctx: RequestContext, id: string): Promise<LoadedExport | null> {
  const { actor, networks } = requirePayrollStaff(ctx);
  if (!isId(id)) return null;
  const currency = await currencyOf(ctx, actor.tenantId);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const loaded = await loadExport(ctx, tx, actor.tenantId, id, currency);
    return loaded && canRead(networks, loaded.networkIds) ? loaded : null;
  });
}

export async function listPayrollExports(ctx: RequestContext, args: PageArgs): Promise<Page<LoadedExport>> {
  const { actor, networks } = requirePayrollStaff(ctx);
  const page = toPageRequest(args, ctx.locale);
  const currency = await currencyOf(ctx, actor.tenantId);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const { ids, total } = await listPayrollExportIds(tx, actor.tenantId, networks, page);
    const loaded: LoadedExport[] = [];
    for (const id of ids) {
      const one = await loadExport(ctx, tx, actor.tenantId, id, currency);
      if (one) loaded.push(one);
    }
    return toPage(loaded, page, total);
  });
}

/** The payroll office has paid the batch: its claims become PAID, so the participants see their money has gone out. */
export async function markPayrollExportPaid(ctx: RequestContext, id: string): Promise<MarkPayrollExportPaidPayload> {
  const { actor, networks } = requirePayrollStaff(ctx);
  const missing = { payrollExport: null, errors: [notFound(EXPORT, ctx.locale)] };
  if (!isId(id)) return missing;
  const currency = await currencyOf(ctx, actor.tenantId);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    await lockPayrollExports(tx, actor.tenantId);
    const before = await loadExport(ctx, tx, actor.tenantId, id, currency);
    if (!before || !canRead(networks, before.networkIds)) return missing;
    const memberIds = await markExportClaimsPaid(tx, actor.tenantId, id, new Date());
    await enqueuePayrollExportClaims(tx, { tenantId: actor.tenantId, payrollExportId: id });
    if (memberIds.length > 0) {
      await ctx.audit.record(tx, actor.tenantId, {
        action: "WRITE",
        subjectType: "PayrollExport",
        subjectId: id,
        purpose: "payroll export paid",
        details: { claimsPaid: memberIds.length },
      });
    }
    return { payrollExport: await loadExport(ctx, tx, actor.tenantId, id, currency), errors: [] };
  });
}

export type PayrollFileFormat = "CSV" | "PAXML";

/**
 * The file for the payroll office, with the person references a payroll system pays by (issue 21): the personal
 * identity number where the region records them, the employee number, and the bank account where the region pays to
 * the account the member registered. Reading them is an audited export of each person's data, written in the same
 * transaction as the read (a failed audit write fails the request); nothing of it is ever shown in a GraphQL list.
 */
export async function payrollFile(ctx: RequestContext, loaded: LoadedExport, format: PayrollFileFormat): Promise<string> {
  return ctx.scope(loaded.tenantId).transaction(async (tx) => {
    const settings = await findTenantPayrollSettings(tx, loaded.tenantId);
    const include = {
      personalIdentityNumbers: settings?.collectsPersonalIdentityNumbers ?? false,
      bankAccounts: settings?.paysByBankAccount ?? false,
    };
    const rows = await readPayrollIdentities(tx, loaded.tenantId, loaded.memberIds, include);
    await ctx.audit.record(
      tx,
      loaded.tenantId,
      loaded.memberIds.map((memberId) => ({
        action: "EXPORT" as const,
        subjectType: "PayrollExport",
        subjectId: loaded.id,
        memberId,
        purpose: format === "CSV" ? "payroll CSV read" : "payroll PAXml read",
        details: {
          format,
          fields: [
            "employeeNumber",
            ...(include.personalIdentityNumbers ? ["personalIdentityNumber"] : []),
            ...(include.bankAccounts ? ["bankAccount"] : []),
          ],
        },
      })),
    );
    const people = new Map<string, PayrollPersonIdentity>(
      rows.map((row) => [
        row.memberId,
        { employeeNumber: row.employeeNumber, personalIdentityNumber: row.personalIdentityNumber, bankAccount: row.bankAccount },
      ]),
    );
    if (format === "CSV") return payrollCsv(loaded.claims, ctx.locale, people);
    return payrollPaxml(loaded.claims, people, {
      createdAt: loaded.createdAt,
      payerName: loaded.payerName,
      period: { from: loaded.periodFrom, to: loaded.periodTo },
      exportId: loaded.id,
      includeBankAccounts: include.bankAccounts,
    });
  });
}

/**
 * The per-person summaries with what the payroll office will match each person by, as staff may see it: the employee
 * number, whether a personal identity number is recorded (never the number), the bank account masked, and whether the
 * person has no reference a payroll system can use (neither number) — to be added before the file is sent.
 */
export async function payrollSummaries(ctx: RequestContext, loaded: LoadedExport): Promise<PayrollPersonSummary[]> {
  return ctx.scope(loaded.tenantId).transaction(async (tx) => {
    const [settings, references] = await Promise.all([
      findTenantPayrollSettings(tx, loaded.tenantId),
      findPayrollReferences(tx, loaded.tenantId, loaded.memberIds),
    ]);
    await ctx.audit.record(
      tx,
      loaded.tenantId,
      loaded.memberIds.map((memberId) => ({
        action: "EXPORT" as const,
        subjectType: "PayrollExport",
        subjectId: loaded.id,
        memberId,
        purpose: "payroll summaries read",
      })),
    );
    const byMember = new Map(references.map((row) => [row.id, row]));
    return loaded.summaries.map((summary) => {
      const reference = byMember.get(summary.personReference);
      const hasPersonalIdentityNumber = Boolean(settings?.collectsPersonalIdentityNumbers && reference?.personalIdentityNumberMasked);
      return {
        ...summary,
        employeeNumber: reference?.employeeNumber ?? null,
        hasPersonalIdentityNumber,
        bankAccount: settings?.paysByBankAccount ? (reference?.bankAccountMasked ?? null) : null,
        payrollIdentityMissing: !reference?.employeeNumber && !hasPersonalIdentityNumber,
      };
    });
  });
}
