import {
  checkConfigurationName,
  checkSourceDocument,
  computeFee,
  type FeeScheduleVersion as DomainVersion,
  type FieldError,
  isoDateInTimeZone,
  type Locale,
  type LocalizedText,
  nextDay,
  planVersionAppend,
  planVersionWithdrawal,
  selectScheduleVersion,
  validateFeeOccasion,
  validateFeeSchedule,
} from "@medverkan/domain";
import { ConfigurationKind, type Outcome } from "../common/configuration/configuration-kind.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { errorResult } from "../common/errors/error-result.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor, requireTenantAdmin, type StaffActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import type { Network } from "../network/network.type.js";
import { can, Permission } from "../permissions/permission.js";
import { loadPriceBaseAmountTable, toPriceBaseAmount } from "../price-base-amount/price-base-amount.service.js";
import { findTenantById } from "../tenant/tenant.repository.js";
import { type FeeFailureCode, FeeNotComputable, type FeePreviewResult } from "./fee-preview.type.js";
import type {
  AddFeeScheduleVersionInput,
  CreateFeeScheduleInput,
  FeePreviewInput,
  FeeScheduleVersionInput,
  RetireFeeScheduleInput,
  SetTenantDefaultFeeScheduleInput,
  UpdateFeeScheduleInput,
  WithdrawFeeScheduleVersionInput,
} from "./fee-schedule.input.js";
import {
  dateColumn,
  isoDate,
  scheduleSnapshot,
  toDomainVersion,
  toFeeSchedule,
  toFeeScheduleVersion,
  versionColumns,
  versionSnapshot,
} from "./fee-schedule.mapper.js";
import {
  type AddFeeScheduleVersionPayload,
  type CreateFeeSchedulePayload,
  FeeScheduleInUse,
  FeeScheduleNameTaken,
  type RetireFeeSchedulePayload,
  type SetTenantDefaultFeeSchedulePayload,
  type UpdateFeeSchedulePayload,
  ValidityGap,
  ValidityOverlap,
  VersionInForce,
  VersionNotWithdrawable,
  VersionNotWithdrawableReason,
  type WithdrawFeeScheduleVersionPayload,
} from "./fee-schedule.payload.js";
import {
  countClaimsComputedWith,
  deleteFeeScheduleVersion,
  type FeeScheduleRow,
  type FeeScheduleVersionRow,
  feeScheduleStore,
  findFeeSchedule,
  findVersionsOfSchedule,
  insertFeeScheduleVersion,
  listFeeSchedules,
  setVersionValidTo,
} from "./fee-schedule.repository.js";
import type { FeeSchedule, FeeScheduleVersion } from "./fee-schedule.type.js";
import { money } from "./money.type.js";

/** A schedule's lifecycle (name, tenant default, retirement, versioned update, audit) is the configuration kit's. */
const feeSchedules = new ConfigurationKind({
  subjectType: "FeeSchedule",
  called: { sv: "Arvodesreglerna", en: "The fee schedule" },
  store: feeScheduleStore,
  snapshot: scheduleSnapshot,
  defaultMovedPurpose: "tenant default moved to another schedule",
  nameTaken: {
    type: FeeScheduleNameTaken,
    message: (name) => ({ sv: `Det finns redan arvodesregler med namnet ${name}.`, en: `There is already a fee schedule named ${name}.` }),
  },
  inUse: {
    type: FeeScheduleInUse,
    tenantDefault: {
      sv: "Arvodesreglerna är regionens standard. Gör andra regler till standard först.",
      en: "The schedule is the tenant's default. Make another schedule the default first.",
    },
    usedBy: (count) => ({
      sv: `Arvodesreglerna används av ${count} nätverk. Välj andra regler för dem först.`,
      en: `The schedule is used by ${count} network(s). Choose another schedule for them first.`,
    }),
  },
});
const FEE_SCHEDULE_VERSION = { sv: "Versionen av arvodesreglerna", en: "The fee schedule version" };

interface TenantCalendar {
  /** The tenant's calendar day now: what "already in force" is measured against. */
  today: string;
  currency: string;
}

async function tenantCalendar(ctx: RequestContext, tenantId: string): Promise<TenantCalendar> {
  const tenant = await findTenantById(ctx.system, tenantId);
  if (!tenant) throw new Error(`Tenant ${tenantId} of a verified actor does not exist`);
  return { today: isoDateInTimeZone(new Date(), tenant.timeZone), currency: tenant.currency };
}

/** Fee rules are read by those who configure, apply and analyse them: tenant admins, coordinators, analysts. */
function requireReader(ctx: RequestContext): StaffActor {
  const actor = requireTenantActor(ctx);
  if (!can(actor, Permission.ReadFeeSchedules)) throw forbidden(ctx.locale);
  return actor as StaffActor;
}

/** A version as the admin sent it, in the domain's shape, checked field by field at `path`. */
function versionFromInput(input: FeeScheduleVersionInput, path: string) {
  const version: DomainVersion = {
    basis: input.basis,
    categories: input.categories.map((rule) => ({ category: rule.category, upToMinutes: rule.upToMinutes ?? null, value: rule.value })),
    hourlyValue: input.hourlyValue ?? null,
    travelTimeCounts: input.travelTimeCounts,
    rounding: input.rounding,
    hourlyRateRounding: input.hourlyRateRounding ?? "ROUND_TOTAL",
    mileageOrePerKm: input.mileageOrePerKm,
    preparationPaid: input.preparationPaid,
    preparationHourlyValue: input.preparationHourlyValue ?? null,
    payoutMethod: input.payoutMethod,
    withholdingBasisPoints: input.withholdingBasisPoints,
    employerSocialFeeBasisPoints: input.employerSocialFeeBasisPoints ?? null,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
  };
  const errors = validateFeeSchedule(version, path);
  const sourceDocument = checkSourceDocument(errors, input.sourceDocument, `${path}.sourceDocument`);
  return { version, sourceDocument, errors };
}

/** A write in this request must not be hidden by what the request's DataLoaders read before it. */
function forgetCached(ctx: RequestContext, tenantId: string, feeScheduleId?: string): void {
  const loaders = ctx.loaders(tenantId);
  if (feeScheduleId) loaders.feeScheduleVersionsByScheduleId.clear(feeScheduleId);
  loaders.feeScheduleByNetworkId.clearAll();
}

const dated = (row: FeeScheduleVersionRow) => ({
  id: row.id,
  validFrom: isoDate(row.validFrom),
  validTo: row.validTo ? isoDate(row.validTo) : null,
  row,
});

// ─── Errors ───────────────────────────────────────────────────────────────────────────────────────────────────

const versionInForce = (today: string, locale: Locale) => {
  const earliestValidFrom = nextDay(today);
  return errorResult(
    VersionInForce,
    "VERSION_IN_FORCE",
    {
      sv: `Ändringen skulle gälla dagar som redan har börjat eller passerat; beräknade arvoden behåller sina regler. Välj ${earliestValidFrom} eller senare.`,
      en: `The change would apply to days that have begun or passed; fees already computed keep their rules. Choose ${earliestValidFrom} or later.`,
    },
    locale,
    { earliestValidFrom },
  );
};

// Every FeeFailureCode is an ErrorCode of its own name: a new failure in the domain fails the type check here.
function notComputable(reason: FeeFailureCode, field: string | null, message: LocalizedText, locale: Locale): FeeNotComputable {
  return errorResult(FeeNotComputable, reason, message, locale, { reason, field });
}

// ─── Reads ────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listFeeSchedulesForTenant(ctx: RequestContext, filter: { includeRetired: boolean }, args: PageArgs) {
  const { tenantId } = requireReader(ctx);
  const page = toPageRequest(args, ctx.locale);
  const calendar = await tenantCalendar(ctx, tenantId);
  const { rows, total } = await ctx.scope(tenantId).transaction((tx) => listFeeSchedules(tx, tenantId, filter, page));
  return toPage(
    rows.map((row) => toFeeSchedule(row, calendar)),
    page,
    total,
  );
}

/** One schedule of the caller's tenant; another tenant's id answers null, like one that does not exist. */
export async function getFeeSchedule(ctx: RequestContext, id: string): Promise<FeeSchedule | null> {
  const { tenantId } = requireReader(ctx);
  if (!isId(id)) return null;
  const calendar = await tenantCalendar(ctx, tenantId);
  const row = await ctx.scope(tenantId).transaction((tx) => findFeeSchedule(tx, tenantId, id));
  return row ? toFeeSchedule(row, calendar) : null;
}

/** Staff reading a network's configuration: the schedule its fees are computed with (its own or the tenant's default). */
export async function getNetworkFeeSchedule(ctx: RequestContext, network: Network): Promise<FeeSchedule | null> {
  const { tenantId } = requireReader(ctx);
  if (tenantId !== network.tenantId) return null;
  const row = await ctx.loaders(tenantId).feeScheduleByNetworkId.load(network.id);
  return row ? toFeeSchedule(row, await tenantCalendar(ctx, tenantId)) : null;
}

export async function getScheduleVersions(ctx: RequestContext, schedule: FeeSchedule): Promise<FeeScheduleVersion[]> {
  const rows = await ctx.loaders(schedule.tenantId).feeScheduleVersionsByScheduleId.load(schedule.id);
  return rows.map((row) => toFeeScheduleVersion(row, schedule.today, schedule.currency));
}

export async function getCurrentVersion(ctx: RequestContext, schedule: FeeSchedule): Promise<FeeScheduleVersion | null> {
  return selectScheduleVersion(await getScheduleVersions(ctx, schedule), schedule.today);
}

/**
 * Computes the fee an occasion would get — with the schedule version valid on its date and the price base amount of
 * its year — exactly as a claim will, so an admin can check a schedule against the region's published examples.
 */
export async function previewFee(ctx: RequestContext, input: FeePreviewInput): Promise<FeePreviewResult> {
  const { tenantId } = requireReader(ctx);
  const facts = {
    occasionDate: input.occasionDate,
    durationMinutes: input.durationMinutes,
    travelMinutes: input.travelMinutes ?? 0,
    preparationMinutes: input.preparationMinutes ?? 0,
    mileageKm: input.mileageKm ?? 0,
    expenses: (input.expenses ?? []).map((expense) => ({ description: expense.description, amountOre: expense.amountOre })),
  };
  const errors = validateFeeOccasion(facts, "input");
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const missing: FeePreviewResult = { preview: null, errors: [feeSchedules.notFound(ctx.locale)] };
  if (!isId(input.feeScheduleId)) return missing;

  const found = await ctx.scope(tenantId).transaction(async (tx) => {
    const schedule = await findFeeSchedule(tx, tenantId, input.feeScheduleId);
    return schedule ? { schedule, versions: await findVersionsOfSchedule(tx, tenantId, schedule.id) } : null;
  });
  if (!found) return missing;
  const calendar = await tenantCalendar(ctx, tenantId);
  const priceBaseAmounts = await loadPriceBaseAmountTable(ctx);

  const selected = selectScheduleVersion(found.versions.map(dated), facts.occasionDate);
  if (!selected) {
    const message = {
      sv: `Ingen version av arvodesreglerna gäller den ${facts.occasionDate}.`,
      en: `No version of the fee schedule applies on ${facts.occasionDate}.`,
    };
    return { preview: null, errors: [notComputable("OUTSIDE_SCHEDULE_VALIDITY", "input.occasionDate", message, ctx.locale)] };
  }
  const result = computeFee({
    ...facts,
    schedule: toDomainVersion(selected.row),
    hourly: input.hourly === true,
    priceBaseAmounts: priceBaseAmounts.table,
  });
  if (!result.ok) {
    const { code, field, message } = result.failure;
    return { preview: null, errors: [notComputable(code, field === null ? null : `input.${field}`, message, ctx.locale)] };
  }

  const fee = result.fee;
  const amount = (ore: number) => money(ore, calendar.currency);
  const pbbRow = fee.pbbYear === null ? null : (priceBaseAmounts.rows.find((row) => row.year === fee.pbbYear) ?? null);
  return {
    preview: {
      feeScheduleVersion: toFeeScheduleVersion(selected.row, calendar.today, calendar.currency),
      occasionDate: facts.occasionDate,
      category: fee.category,
      countedMinutes: fee.countedMinutes,
      priceBaseAmount: pbbRow && toPriceBaseAmount(pbbRow),
      fee: amount(fee.grossOre),
      preparation: amount(fee.preparationOre),
      mileage: amount(fee.mileageOre),
      expenses: amount(fee.expensesOre),
      taxable: amount(fee.taxableOre),
      withholding: amount(fee.withholdingOre),
      net: amount(fee.netOre),
      employerSocialFees: fee.socialFeesOre === null ? null : amount(fee.socialFeesOre),
      payoutMethod: fee.payoutMethod,
      explanation: fee.explanation.map((line) => line[ctx.locale]),
      explanationSv: fee.explanation.map((line) => line.sv),
      explanationEn: fee.explanation.map((line) => line.en),
    },
    errors: [],
  };
}

// ─── Changes ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A lifecycle step's outcome as the payloads say it. */
const answer = <E>(outcome: Outcome<FeeScheduleRow, E>, calendar: TenantCalendar) => ({
  feeSchedule: outcome.row && toFeeSchedule(outcome.row, calendar),
  errors: outcome.errors,
});

/** A schedule's versions are audited as rows of their own: added, closed, withdrawn, reopened. */
function recordVersionChange(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  change: { id: string; before: FeeScheduleVersionRow | null; after: FeeScheduleVersionRow | null; purpose?: string },
): Promise<void> {
  return ctx.audit.recordChange(tx, tenantId, {
    subjectType: "FeeScheduleVersion",
    subjectId: change.id,
    before: change.before && versionSnapshot(change.before),
    after: change.after && versionSnapshot(change.after),
    purpose: change.purpose,
  });
}

/** A schedule and its first version, checked in full before anything is written, committed together with their audit. */
export async function createFeeSchedule(ctx: RequestContext, input: CreateFeeScheduleInput): Promise<CreateFeeSchedulePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const errors: FieldError[] = [];
  const name = checkConfigurationName(errors, input.name, "input.name");
  const first = versionFromInput(input.firstVersion, "input.firstVersion");
  errors.push(...first.errors);
  if (name === null || errors.length > 0) throw badUserInput(errors, ctx.locale);
  const calendar = await tenantCalendar(ctx, tenantId);

  const outcome = await feeSchedules.create(
    ctx,
    tenantId,
    () => ({ name, isTenantDefault: input.isTenantDefault === true }),
    async (tx, schedule) => {
      const version = await insertFeeScheduleVersion(tx, tenantId, schedule.id, {
        ...versionColumns(first.version),
        sourceDocument: first.sourceDocument,
      });
      await recordVersionChange(ctx, tx, tenantId, { id: version.id, before: null, after: version });
    },
  );
  forgetCached(ctx, tenantId);
  return answer(outcome, calendar);
}

/** Renames a schedule; its rules change only through versions. Renaming to the same name writes nothing. */
export async function updateFeeSchedule(ctx: RequestContext, input: UpdateFeeScheduleInput): Promise<UpdateFeeSchedulePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  // A malformed id answers NotFound before the input is checked, as it always has (the kit checks it again).
  if (!isId(input.id)) return { feeSchedule: null, errors: [feeSchedules.notFound(ctx.locale)] };
  const errors: FieldError[] = [];
  const name = input.name === undefined ? undefined : checkConfigurationName(errors, input.name, "input.name");
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const calendar = await tenantCalendar(ctx, tenantId);
  return answer(await feeSchedules.update(ctx, tenantId, input, () => (name ? { name } : {})), calendar);
}

/**
 * A new version from a later date. History is never rewritten: the version may start tomorrow at the earliest, the
 * open-ended version before it is closed where it begins, and any overlap or gap is refused (domain rules). The
 * closed version, the new one and their audit events commit together, or nothing does.
 */
export async function addFeeScheduleVersion(ctx: RequestContext, input: AddFeeScheduleVersionInput): Promise<AddFeeScheduleVersionPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missing: AddFeeScheduleVersionPayload = {
    feeSchedule: null,
    feeScheduleVersion: null,
    errors: [feeSchedules.notFound(ctx.locale)],
  };
  if (!isId(input.feeScheduleId)) return missing;
  const next = versionFromInput(input.feeScheduleVersion, "input.feeScheduleVersion");
  if (next.errors.length > 0) throw badUserInput(next.errors, ctx.locale);
  const calendar = await tenantCalendar(ctx, tenantId);
  const refused = (error: VersionInForce | ValidityOverlap | ValidityGap): AddFeeScheduleVersionPayload => ({
    feeSchedule: null,
    feeScheduleVersion: null,
    errors: [error],
  });

  const payload = await ctx.scope(tenantId).transaction(async (tx): Promise<AddFeeScheduleVersionPayload> => {
    const schedule = await feeSchedules.openLive(ctx, tx, tenantId, input.feeScheduleId, input.expectedVersion);
    if (!schedule) return missing;

    const existing = (await findVersionsOfSchedule(tx, tenantId, schedule.id)).map(dated);
    const plan = planVersionAppend(existing, next.version, calendar.today);
    if (!plan.ok) {
      switch (plan.reason) {
        case "IN_FORCE":
          return refused(versionInForce(calendar.today, ctx.locale));
        case "OVERLAP": {
          const other = plan.conflictsWith;
          return refused(
            errorResult(
              ValidityOverlap,
              "VALIDITY_OVERLAP",
              {
                sv: `Den nya versionen överlappar versionen som gäller från ${other.validFrom}.`,
                en: `The new version overlaps the version valid from ${other.validFrom}.`,
              },
              ctx.locale,
              { conflictingVersion: toFeeScheduleVersion(other.row, calendar.today, calendar.currency) },
            ),
          );
        }
        case "GAP": {
          const other = plan.conflictsWith;
          return refused(
            errorResult(
              ValidityGap,
              "VALIDITY_GAP",
              {
                sv: `Mellan versionen som gäller från ${other.validFrom} och den nya skulle det finnas dagar utan arvodesregler.`,
                en: `Days between the version valid from ${other.validFrom} and the new one would have no fee rules.`,
              },
              ctx.locale,
              { conflictingVersion: toFeeScheduleVersion(other.row, calendar.today, calendar.currency) },
            ),
          );
        }
      }
    }

    const after = await feeSchedules.touch(ctx, tx, tenantId, schedule, input.expectedVersion);
    if (!after) return missing;
    if (plan.closes) {
      const before = plan.closes.version.row;
      const closed = await setVersionValidTo(tx, tenantId, before.id, dateColumn(plan.closes.validTo));
      const purpose = `closed by the version from ${next.version.validFrom}`;
      await recordVersionChange(ctx, tx, tenantId, { id: before.id, before, after: closed, purpose });
    }
    const added = await insertFeeScheduleVersion(tx, tenantId, schedule.id, {
      ...versionColumns(next.version),
      sourceDocument: next.sourceDocument,
    });
    await recordVersionChange(ctx, tx, tenantId, { id: added.id, before: null, after: added });
    return {
      feeSchedule: toFeeSchedule(after, calendar),
      feeScheduleVersion: toFeeScheduleVersion(added, calendar.today, calendar.currency),
      errors: [],
    };
  });
  forgetCached(ctx, tenantId, input.feeScheduleId);
  return payload;
}

/**
 * Withdraws the latest version before it comes into force (a mistake noticed in time); the version before it applies
 * again for those days. Nothing in force or past, and nothing a claim was computed with, is ever removed.
 */
export async function withdrawFeeScheduleVersion(
  ctx: RequestContext,
  input: WithdrawFeeScheduleVersionInput,
): Promise<WithdrawFeeScheduleVersionPayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const missingSchedule: WithdrawFeeScheduleVersionPayload = { feeSchedule: null, errors: [feeSchedules.notFound(ctx.locale)] };
  const missingVersion: WithdrawFeeScheduleVersionPayload = { feeSchedule: null, errors: [notFound(FEE_SCHEDULE_VERSION, ctx.locale)] };
  if (!isId(input.feeScheduleId)) return missingSchedule;
  if (!isId(input.feeScheduleVersionId)) return missingVersion;
  const calendar = await tenantCalendar(ctx, tenantId);
  const notWithdrawable = (reason: VersionNotWithdrawableReason): WithdrawFeeScheduleVersionPayload => {
    const messages: Record<VersionNotWithdrawableReason, LocalizedText> = {
      LATER_VERSION_EXISTS: {
        sv: "Det finns en senare version. Dra tillbaka den först.",
        en: "A later version exists. Withdraw that one first.",
      },
      ONLY_VERSION: {
        sv: "Arvodesreglerna måste ha minst en version. Avveckla reglerna i stället.",
        en: "A fee schedule keeps at least one version. Retire the schedule instead.",
      },
      USED_BY_CLAIMS: {
        sv: "Arvoden har redan beräknats med versionen.",
        en: "Fees have already been computed with this version.",
      },
    };
    return {
      feeSchedule: null,
      errors: [errorResult(VersionNotWithdrawable, "VERSION_NOT_WITHDRAWABLE", messages[reason], ctx.locale, { reason })],
    };
  };

  const payload = await ctx.scope(tenantId).transaction(async (tx): Promise<WithdrawFeeScheduleVersionPayload> => {
    const schedule = await feeSchedules.openLive(ctx, tx, tenantId, input.feeScheduleId, input.expectedVersion);
    if (!schedule) return missingSchedule;
    const existing = (await findVersionsOfSchedule(tx, tenantId, schedule.id)).map(dated);
    const withdrawn = existing.find((version) => version.id === input.feeScheduleVersionId);
    if (!withdrawn) return missingVersion;

    const plan = planVersionWithdrawal(existing, withdrawn, calendar.today);
    if (!plan.ok) {
      switch (plan.reason) {
        case "IN_FORCE":
          return { feeSchedule: null, errors: [versionInForce(calendar.today, ctx.locale)] };
        case "LATER_VERSION_EXISTS":
          return notWithdrawable(VersionNotWithdrawableReason.LATER_VERSION_EXISTS);
        case "ONLY_VERSION":
          return notWithdrawable(VersionNotWithdrawableReason.ONLY_VERSION);
      }
    }
    if ((await countClaimsComputedWith(tx, tenantId, withdrawn.id)) > 0)
      return notWithdrawable(VersionNotWithdrawableReason.USED_BY_CLAIMS);

    const after = await feeSchedules.touch(ctx, tx, tenantId, schedule, input.expectedVersion);
    if (!after) return missingSchedule;
    await deleteFeeScheduleVersion(tx, tenantId, withdrawn.id);
    const purpose = "withdrawn before coming into force";
    await recordVersionChange(ctx, tx, tenantId, { id: withdrawn.id, before: withdrawn.row, after: null, purpose });
    if (plan.reopens) {
      const before = plan.reopens.version.row;
      const validTo = plan.reopens.validTo;
      const reopened = await setVersionValidTo(tx, tenantId, before.id, validTo === null ? null : dateColumn(validTo));
      const purpose = `reopened: the version from ${withdrawn.validFrom} was withdrawn`;
      await recordVersionChange(ctx, tx, tenantId, { id: before.id, before, after: reopened, purpose });
    }
    return { feeSchedule: toFeeSchedule(after, calendar), errors: [] };
  });
  forgetCached(ctx, tenantId, input.feeScheduleId);
  return payload;
}

/** Networks that name no schedule of their own are paid by the tenant's default; there is at most one. */
export async function setTenantDefaultFeeSchedule(
  ctx: RequestContext,
  input: SetTenantDefaultFeeScheduleInput,
): Promise<SetTenantDefaultFeeSchedulePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const calendar = await tenantCalendar(ctx, tenantId);
  const outcome = await feeSchedules.setTenantDefault(ctx, tenantId, input);
  forgetCached(ctx, tenantId);
  return answer(outcome, calendar);
}

/**
 * Retires a schedule nobody uses; it stays for history and for the claims computed with it. The tenant's default, or
 * a schedule a network names, is refused with the networks listed. Retiring twice changes nothing.
 */
export async function retireFeeSchedule(ctx: RequestContext, input: RetireFeeScheduleInput): Promise<RetireFeeSchedulePayload> {
  const { tenantId } = requireTenantAdmin(ctx);
  const calendar = await tenantCalendar(ctx, tenantId);
  return answer(await feeSchedules.retire(ctx, tenantId, input), calendar);
}
