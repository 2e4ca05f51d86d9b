import {
  type ClaimChoices,
  type ClaimFailure,
  checkClaimTransition,
  computeClaim,
  type FeeScheduleVersion as DomainVersion,
  type FeeClaimAction,
  type FeeComputation,
  type FieldError,
  isIsoDate,
  isoDateInTimeZone,
  NO_CHOICES,
  type PriceBaseAmounts,
  priceBaseAmountTable,
  routePayer,
  validateClaimReason,
  validateFeeOccasion,
} from "@medverkan/domain";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { Page, PageArgs } from "../common/pagination/connection.js";
import { toSortedPage, toSortedPageRequest } from "../common/pagination/ordering.js";
import type { RequestContext } from "../context/request-context.js";
import type { Tx } from "../context/tenant-scope.js";
import { dateColumn, toDomainVersion } from "../fee-schedule/fee-schedule.mapper.js";
import { findFeeSchedulesForNetworks, findVersionsOfSchedule } from "../fee-schedule/fee-schedule.repository.js";
import { findReleasedContacts } from "../invitation/invitation.repository.js";
import { enqueueFeeClaimStatusChanged } from "../notification/enqueue.js";
import { listPriceBaseAmounts } from "../price-base-amount/price-base-amount.repository.js";
import { loadPriceBaseAmountTable } from "../price-base-amount/price-base-amount.service.js";
import { recordMemberActivity } from "../self-service/self-service.repository.js";
import { type ClaimAccess, claimAccess, coordinates, mayAttestClaim } from "./fee-claim.access.js";
import type {
  CorrectFeeClaimInput,
  FeeClaimActionInput,
  FeeClaimFactsInput,
  RecordPaperSignedFeeClaimInput,
  RejectFeeClaimInput,
  UpdateFeeClaimInput,
} from "./fee-claim.input.js";
import { claimSnapshot, toFeeClaim } from "./fee-claim.mapper.js";
import {
  type CorrectFeeClaimPayload,
  type FeeClaimStepPayload,
  feeClaimErrors,
  type PrepareFeeClaimsPayload,
  type UpdateFeeClaimPayload,
} from "./fee-claim.payload.js";
import {
  type ClaimAmounts,
  type ClaimRow,
  findAttendance,
  findClaim,
  findClaimedAssignments,
  findLiveClaimsOfOccasion,
  findOccasionForClaims,
  findOrganisationNames,
  findPredecessors,
  findTenantFeeSettings,
  findTenantPayrollOrganisationId,
  insertClaim,
  isLiveClaimConflict,
  listClaims,
  lockClaim,
  lockOccasionClaims,
  replaceExpenses,
  scopeWhere,
  updateClaimIfVersion,
} from "./fee-claim.repository.js";
import { type FeeClaim, type FeeClaimFilter, type FeeClaimOrderBy, type FeeClaimStatus, feeClaimSorting } from "./fee-claim.type.js";

const CLAIM = { sv: "Arvodesunderlaget", en: "The fee claim" };
const OCCASION = { sv: "Tillfället", en: "The occasion" };

// ─── Computing ──────────────────────────────────────────────────────────────────────────────────────────────

type VersionWithId = DomainVersion & { id: string };

/** The versions of the schedule the network uses (its own or the tenant's default), as the domain computes with them. */
async function versionsForNetwork(tx: Tx, tenantId: string, networkId: string): Promise<VersionWithId[]> {
  const schedule = (await findFeeSchedulesForNetworks(tx, tenantId, [networkId])).get(networkId) ?? null;
  if (!schedule) return [];
  return (await findVersionsOfSchedule(tx, tenantId, schedule.id)).map((row) => ({ ...toDomainVersion(row), id: row.id }));
}

function amountsOf(
  versionId: string,
  fee: FeeComputation,
  facts: { durationMinutes: number; travelMinutes: number },
  choices: ClaimChoices,
): ClaimAmounts {
  return {
    feeScheduleVersionId: versionId,
    durationMinutes: facts.durationMinutes,
    travelMinutes: facts.travelMinutes,
    preparationMinutes: choices.preparationMinutes,
    hourly: choices.hourly,
    category: fee.category,
    mileageKm: choices.mileageKm,
    grossOre: fee.grossOre,
    preparationOre: fee.preparationOre,
    mileageOre: fee.mileageOre,
    expensesOre: fee.expensesOre,
    withholdingOre: fee.withholdingOre,
    netOre: fee.netOre,
    socialFeesOre: fee.socialFeesOre,
  };
}

interface Recomputed {
  readonly amounts: ClaimAmounts;
  readonly choices: ClaimChoices;
}

/** The claim's figures again from its attendance and the claimant's (possibly changed) choices. */
async function recompute(
  tx: Tx,
  row: ClaimRow,
  changes: FeeClaimFactsInput,
  priceBaseAmounts: PriceBaseAmounts,
): Promise<{ ok: true; value: Recomputed } | { ok: false; failure: ClaimFailure }> {
  const choices: ClaimChoices = {
    hourly: changes.hourly ?? row.hourly,
    preparationMinutes: changes.preparationMinutes ?? row.preparationMinutes,
    mileageKm: changes.mileageKm ?? row.mileageKm,
    expenses: changes.expenses
      ? changes.expenses.map((expense) => ({ description: expense.description.trim(), amountOre: expense.amountOre }))
      : row.expenses.map((expense) => ({ description: expense.description, amountOre: expense.amountOre })),
  };
  // Attendance may have been corrected since the claim was made; the claim follows it while it can still change.
  const attendance = (await findAttendance(tx, row.tenantId, row.assignmentId, row.occasionId)) ?? {
    attended: true,
    durationMinutes: row.durationMinutes,
    travelMinutes: row.travelMinutes,
  };
  const occasionDate = row.occasionDate.toISOString().slice(0, 10);
  const result = computeClaim({
    versions: await versionsForNetwork(tx, row.tenantId, row.assignment.request.networkId),
    occasionDate,
    attendance,
    choices,
    priceBaseAmounts,
  });
  if (!result.ok) return result;
  return { ok: true, value: { amounts: amountsOf(result.version.id, result.fee, attendance, choices), choices } };
}

/** Field-level checks of what the claimant states, all at once, before anything is computed. */
function checkFacts(changes: FeeClaimFactsInput): FieldError[] {
  const facts = {
    occasionDate: "2000-01-01",
    durationMinutes: 1,
    travelMinutes: 0,
    preparationMinutes: changes.preparationMinutes ?? 0,
    mileageKm: changes.mileageKm ?? 0,
    expenses: (changes.expenses ?? []).map((expense) => ({ description: expense.description, amountOre: expense.amountOre })),
  };
  return validateFeeOccasion(facts, "input");
}

// ─── Preparing claims from attendance ───────────────────────────────────────────────────────────────────────

export interface PreparedClaims {
  readonly createdIds: string[];
  readonly failures: Array<{ assignmentId: string; failure: ClaimFailure }>;
}

/**
 * Makes a draft claim for every participant who attended the occasion and has none yet; idempotent. Runs inside the
 * caller's transaction (attendance reporting calls it right after writing attendance) and checks no permission: the
 * caller has. Each claim is computed with the schedule version valid on the occasion's date and routed to its payer.
 */
export async function prepareFeeClaimsForOccasion(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  occasionId: string,
): Promise<PreparedClaims> {
  await lockOccasionClaims(tx, tenantId, occasionId);
  const occasion = await findOccasionForClaims(tx, tenantId, occasionId);
  if (!occasion || occasion.cancelledAt) return { createdIds: [], failures: [] };
  // Read through the caller's transaction: on the embedded database a second connection would wait for this one.
  const tenant = await findTenantFeeSettings(tx, tenantId);
  if (!tenant) return { createdIds: [], failures: [] };

  const claimed = await findClaimedAssignments(tx, tenantId, occasionId);
  // A participant whose processing is restricted (GDPR art. 18) still gets a claim: work already done must be paid,
  // and art. 18(2) allows processing for the establishment of legal claims. Restriction stops new invitations, not pay.
  const pending = occasion.attendances.filter(
    (attendance) => !claimed.has(attendance.assignmentId) && attendance.assignment.status !== "CANCELLED",
  );
  if (pending.length === 0) return { createdIds: [], failures: [] };

  const request = occasion.request;
  const occasionDate = isoDateInTimeZone(occasion.startsAt, tenant.timeZone);
  const versions = await versionsForNetwork(tx, tenantId, request.networkId);
  const priceBaseAmounts = priceBaseAmountTable(await listPriceBaseAmounts(tx));
  const tenantPayroll = await findTenantPayrollOrganisationId(tx, tenantId);
  const { payerOrganisationId } = routePayer({ unitOrganisation: request.unit.organisation, tenantPayrollOrganisationId: tenantPayroll });

  const createdIds: string[] = [];
  const failures: PreparedClaims["failures"] = [];
  for (const attendance of pending) {
    const result = computeClaim({ versions, occasionDate, attendance, choices: NO_CHOICES, priceBaseAmounts });
    if (!result.ok) {
      failures.push({ assignmentId: attendance.assignmentId, failure: result.failure });
      continue;
    }
    const id = await insertClaim(
      tx,
      tenantId,
      {
        assignmentId: attendance.assignmentId,
        occasionId,
        memberId: attendance.assignment.memberId,
        occasionDate: dateColumn(occasionDate),
        currency: tenant.currency,
        costCentreId: request.costCentreId,
        payerOrganisationId,
        ...amountsOf(result.version.id, result.fee, attendance, NO_CHOICES),
      },
      [],
    );
    createdIds.push(id);
    await ctx.audit.record(tx, tenantId, {
      action: "WRITE",
      subjectType: "FeeClaim",
      subjectId: id,
      memberId: attendance.assignment.memberId,
      purpose: "fee claim prepared from attendance",
      details: { occasionId, category: result.fee.category, grossOre: result.fee.grossOre, netOre: result.fee.netOre },
    });
  }
  return { createdIds, failures };
}

/** Coordinators of the request's network and requesters of its unit prepare the claims of a held occasion. */
export async function prepareFeeClaims(ctx: RequestContext, occasionId: string): Promise<PrepareFeeClaimsPayload> {
  const access = await claimAccess(ctx);
  const missing = (): PrepareFeeClaimsPayload => ({ claims: [], createdCount: 0, errors: [notFound(OCCASION, ctx.locale)] });
  if (access.staffUserId === null || !isId(occasionId)) return missing();
  const { tenantId } = access;
  return ctx.scope(tenantId).transaction(async (tx) => {
    const occasion = await findOccasionForClaims(tx, tenantId, occasionId);
    const request = occasion?.request;
    if (!request || !(coordinates(access, request.networkId) || access.requesterUnitIds.includes(request.unitId))) return missing();
    const prepared = await prepareFeeClaimsForOccasion(ctx, tx, tenantId, occasionId);
    const rows = await findLiveClaimsOfOccasion(tx, tenantId, occasionId, access.scope);
    await auditStaffReads(ctx, tx, access, rows, "fee claims of an occasion");
    return {
      claims: await mapClaims(tx, access, rows),
      createdCount: prepared.createdIds.length,
      errors: prepared.failures.map(({ assignmentId, failure }) => feeClaimErrors.notComputable(failure, ctx.locale, assignmentId)),
    };
  });
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────────────────────

async function mapClaims(tx: Tx, access: ClaimAccess, rows: readonly ClaimRow[]): Promise<FeeClaim[]> {
  const payerIds = [...new Set(rows.map((row) => row.payerOrganisationId).filter((id): id is string => id !== null))];
  const payerNames = await findOrganisationNames(tx, access.tenantId, payerIds);
  const identityVisible = await identityVisibility(tx, access, rows);
  return rows.map((row) => toFeeClaim(row, { payerNames, identityVisible: identityVisible(row) }));
}

/**
 * Whether the reader may see who each claim's participant is. The participant and the network's coordinators may; a
 * requesting unit only under the rule that decides `Request.participants` (`unitMaySeeParticipant`): while the
 * participant's consent to share their contact details for that request stands and processing is not restricted.
 * A unit attests the claim either way; it just does not learn the name.
 */
async function identityVisibility(tx: Tx, access: ClaimAccess, rows: readonly ClaimRow[]): Promise<(row: ClaimRow) => boolean> {
  const unitRead = (row: ClaimRow) => access.memberId !== row.memberId && !coordinates(access, row.assignment.request.networkId);
  const requestIds = [...new Set(rows.filter(unitRead).map((row) => row.assignment.request.id))];
  const released =
    requestIds.length === 0
      ? new Set<string>()
      : new Set((await findReleasedContacts(tx, access.tenantId, requestIds)).map((row) => `${row.requestId}:${row.memberId}`));
  return (row) => !unitRead(row) || released.has(`${row.assignment.request.id}:${row.memberId}`);
}

/** Staff reading fee claims read personal data: one audit event per person, in the same transaction. */
async function auditStaffReads(ctx: RequestContext, tx: Tx, access: ClaimAccess, rows: readonly ClaimRow[], purpose: string) {
  if (access.staffUserId === null || rows.length === 0) return;
  const byMember = new Map<string, string[]>();
  for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row.id]);
  await ctx.audit.record(
    tx,
    access.tenantId,
    [...byMember.entries()].map(([memberId, claimIds]) => ({
      action: "READ" as const,
      subjectType: "FeeClaim",
      subjectId: claimIds.length === 1 ? claimIds[0] : null,
      memberId,
      purpose,
      details: { claimIds },
    })),
  );
}

export async function listMyFeeClaims(
  ctx: RequestContext,
  args: PageArgs,
  orderBy: Partial<FeeClaimOrderBy> | null = null,
): Promise<Page<FeeClaim>> {
  const access = await claimAccess(ctx);
  if (access.memberId === null) throw forbidden(ctx.locale);
  const page = toSortedPageRequest(args, orderBy, feeClaimSorting, ctx.locale);
  return ctx.scope(access.tenantId).transaction(async (tx) => {
    const { rows, total } = await listClaims(tx, access.tenantId, scopeWhere(access.scope), page);
    return toSortedPage(await mapClaims(tx, access, rows), page, feeClaimSorting, total);
  });
}

function filterWhere(filter: FeeClaimFilter | null | undefined, locale: RequestContext["locale"]) {
  if (!filter) return {};
  const errors: FieldError[] = [];
  for (const key of ["occasionFrom", "occasionTo"] as const) {
    const value = filter[key];
    if (value && !isIsoDate(value)) {
      errors.push({
        field: `filter.${key}`,
        code: "INVALID_DATE",
        message: { sv: "Datumet är ogiltigt (ÅÅÅÅ-MM-DD).", en: "The date is not valid (YYYY-MM-DD)." },
      });
    }
  }
  if (errors.length > 0) throw badUserInput(errors, locale);
  const ids = (value: string | null | undefined) => (value ? (isId(value) ? value : "00000000-0000-0000-0000-000000000000") : undefined);
  return {
    ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}),
    ...(filter.occasionId ? { occasionId: ids(filter.occasionId) } : {}),
    ...(filter.memberId ? { memberId: ids(filter.memberId) } : {}),
    ...(filter.networkId || filter.unitId
      ? {
          assignment: {
            request: {
              ...(filter.networkId ? { networkId: ids(filter.networkId) } : {}),
              ...(filter.unitId ? { unitId: ids(filter.unitId) } : {}),
            },
          },
        }
      : {}),
    ...(filter.occasionFrom || filter.occasionTo
      ? {
          occasionDate: {
            ...(filter.occasionFrom ? { gte: dateColumn(filter.occasionFrom) } : {}),
            ...(filter.occasionTo ? { lte: dateColumn(filter.occasionTo) } : {}),
          },
        }
      : {}),
  };
}

export async function listFeeClaims(
  ctx: RequestContext,
  filter: FeeClaimFilter | null | undefined,
  args: PageArgs,
  orderBy: Partial<FeeClaimOrderBy> | null = null,
): Promise<Page<FeeClaim>> {
  const access = await claimAccess(ctx);
  if (access.staffUserId === null) throw forbidden(ctx.locale);
  const page = toSortedPageRequest(args, orderBy, feeClaimSorting, ctx.locale);
  const where = { AND: [scopeWhere(access.scope), filterWhere(filter, ctx.locale)] };
  return ctx.scope(access.tenantId).transaction(async (tx) => {
    const { rows, total } = await listClaims(tx, access.tenantId, where, page);
    await auditStaffReads(ctx, tx, access, rows.slice(0, page.take), "fee claims listed");
    return toSortedPage(await mapClaims(tx, access, rows), page, feeClaimSorting, total);
  });
}

export async function getFeeClaim(ctx: RequestContext, id: string): Promise<FeeClaim | null> {
  const access = await claimAccess(ctx);
  if (!isId(id)) return null;
  return ctx.scope(access.tenantId).transaction(async (tx) => {
    const row = await findClaim(tx, access.tenantId, id, access.scope);
    if (!row) return null;
    await auditStaffReads(ctx, tx, access, [row], "fee claim read");
    return (await mapClaims(tx, access, [row]))[0] ?? null;
  });
}

/** The versions this claim corrected, newest first: what was attested before and why it changed. */
export async function getClaimHistory(ctx: RequestContext, claim: FeeClaim): Promise<FeeClaim[]> {
  if (!claim.supersedesId) return [];
  const access = await claimAccess(ctx);
  if (access.tenantId !== claim.tenantId) return [];
  return ctx.scope(access.tenantId).transaction(async (tx) => {
    const row = await findClaim(tx, access.tenantId, claim.id, access.scope);
    if (!row) return [];
    return mapClaims(tx, access, await findPredecessors(tx, access.tenantId, row));
  });
}

// ─── Steps ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The common frame of every step: the claim under its row lock, visible to the actor, at the version the caller
 * read, and in a status that allows the action. `step` does the rest in the same transaction.
 */
async function withClaim<P extends { errors: unknown[] }>(
  ctx: RequestContext,
  input: { id: string; expectedVersion: number },
  action: FeeClaimAction,
  empty: (errors: P["errors"]) => P,
  step: (tx: Tx, access: ClaimAccess, row: ClaimRow) => Promise<P>,
  allowed: (access: ClaimAccess, row: ClaimRow) => P | null = () => null,
): Promise<P> {
  const access = await claimAccess(ctx);
  if (!isId(input.id)) return empty([notFound(CLAIM, ctx.locale)]);
  return ctx.scope(access.tenantId).transaction(async (tx) => {
    const visible = await findClaim(tx, access.tenantId, input.id, access.scope);
    if (!visible) return empty([notFound(CLAIM, ctx.locale)]);
    await lockClaim(tx, access.tenantId, visible.id);
    const row = (await findClaim(tx, access.tenantId, visible.id, access.scope)) as ClaimRow;
    const refused = allowed(access, row);
    if (refused) return refused;
    if (row.version !== input.expectedVersion) throw conflict(ctx.locale);
    const check = checkClaimTransition(row.status, action);
    if (!check.ok) return empty([feeClaimErrors.statusDoesNotAllow(row.status as FeeClaimStatus, check.message, ctx.locale)]);
    return step(tx, access, row);
  });
}

async function reload(ctx: RequestContext, tx: Tx, access: ClaimAccess, id: string): Promise<FeeClaim> {
  const row = await findClaim(tx, access.tenantId, id, { kind: "STAFF", networks: "ALL", unitIds: [] });
  if (!row) throw conflict(ctx.locale);
  return (await mapClaims(tx, access, [row]))[0] as FeeClaim;
}

async function recordStep(ctx: RequestContext, tx: Tx, access: ClaimAccess, before: ClaimRow, purpose: string) {
  const after = await findClaim(tx, access.tenantId, before.id, { kind: "STAFF", networks: "ALL", unitIds: [] });
  await ctx.audit.recordChange(tx, access.tenantId, {
    subjectType: "FeeClaim",
    subjectId: before.id,
    memberId: before.memberId,
    before: claimSnapshot(before),
    after: after && claimSnapshot(after),
    purpose,
  });
  await enqueueFeeClaimStatusChanged(tx, { tenantId: access.tenantId, feeClaimId: before.id });
}

/** The participant, a coordinator of the network or the unit (it fills in the form) changes a draft or a rejected claim. */
export async function updateFeeClaim(ctx: RequestContext, input: UpdateFeeClaimInput): Promise<UpdateFeeClaimPayload> {
  const errors = checkFacts(input);
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const priceBaseAmounts = await loadPriceBaseAmountTable(ctx);
  const empty = (list: UpdateFeeClaimPayload["errors"]): UpdateFeeClaimPayload => ({ claim: null, errors: list });
  return withClaim(ctx, input, "UPDATE", empty, async (tx, access, row) => {
    const computed = await recompute(tx, row, input, priceBaseAmounts.table);
    if (!computed.ok) return empty([feeClaimErrors.notComputable(computed.failure, ctx.locale)]);
    const updated = await updateClaimIfVersion(tx, access.tenantId, row.id, row.version, { ...computed.value.amounts, status: "DRAFT" });
    if (updated !== 1) throw conflict(ctx.locale);
    if (input.expenses) await replaceExpenses(tx, access.tenantId, row.id, computed.value.choices.expenses);
    await recordStep(ctx, tx, access, row, "fee claim changed");
    return { claim: await reload(ctx, tx, access, row.id), errors: [] };
  });
}

/** The participant confirms the figures with their own sign-in (the signature on the paper form). */
export async function submitFeeClaim(ctx: RequestContext, input: FeeClaimActionInput): Promise<FeeClaimStepPayload> {
  if (ctx.actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const empty = (list: FeeClaimStepPayload["errors"]): FeeClaimStepPayload => ({ claim: null, errors: list });
  return withClaim(ctx, input, "SUBMIT", empty, async (tx, access, row) => {
    await updateClaimIfVersion(tx, access.tenantId, row.id, row.version, {
      status: "SUBMITTED",
      submittedAt: new Date(),
      submittedChannel: null,
      submittedRecordedById: null,
      submittedRecordedByRole: null,
    });
    await recordMemberActivity(tx, access.tenantId, row.memberId);
    await recordStep(ctx, tx, access, row, "fee claim submitted by the participant");
    return { claim: await reload(ctx, tx, access, row.id), errors: [] };
  });
}

/**
 * A coordinator of the claim's network records the participant's confirmation signed on a paper form: the same step
 * as `submitFeeClaim` (same status rule, row lock and version check), with the date signed and who recorded it. A
 * claim of another network or tenant — or one the caller sees only as a unit — is answered as missing.
 */
export async function recordPaperSignedFeeClaim(ctx: RequestContext, input: RecordPaperSignedFeeClaimInput): Promise<FeeClaimStepPayload> {
  if (ctx.actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const signedAt = new Date(input.signedAt);
  if (Number.isNaN(signedAt.getTime()) || signedAt.getTime() > Date.now() + 60_000) {
    throw badUserInput(
      [
        {
          field: "input.signedAt",
          code: "DATE_IN_FUTURE",
          message: { sv: "Blanketten kan inte ha skrivits under i framtiden.", en: "The form cannot have been signed in the future." },
        },
      ],
      ctx.locale,
    );
  }
  const empty = (list: FeeClaimStepPayload["errors"]): FeeClaimStepPayload => ({ claim: null, errors: list });
  return withClaim(
    ctx,
    input,
    "SUBMIT",
    empty,
    async (tx, access, row) => {
      await updateClaimIfVersion(tx, access.tenantId, row.id, row.version, {
        status: "SUBMITTED",
        submittedAt: signedAt,
        submittedChannel: "PAPER",
        submittedRecordedById: access.staffUserId,
        submittedRecordedByRole: "COORDINATOR",
      });
      await recordMemberActivity(tx, access.tenantId, row.memberId);
      await recordStep(ctx, tx, access, row, "fee claim signed on paper by the participant, recorded on their behalf (on paper)");
      return { claim: await reload(ctx, tx, access, row.id), errors: [] };
    },
    (access, row) =>
      access.staffUserId && coordinates(access, row.assignment.request.networkId) ? null : empty([notFound(CLAIM, ctx.locale)]),
  );
}

const attesterOnly =
  <P>(empty: (errors: never[]) => P, notAttester: () => P) =>
  (access: ClaimAccess, row: ClaimRow): P | null => {
    if (access.staffUserId === null) return empty([]);
    return mayAttestClaim(access, row) ? null : notAttester();
  };

export async function attestFeeClaim(ctx: RequestContext, input: FeeClaimActionInput): Promise<FeeClaimStepPayload> {
  if (ctx.actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const empty = (list: FeeClaimStepPayload["errors"]): FeeClaimStepPayload => ({ claim: null, errors: list });
  return withClaim(
    ctx,
    input,
    "ATTEST",
    empty,
    async (tx, access, row) => {
      await updateClaimIfVersion(tx, access.tenantId, row.id, row.version, {
        status: "ATTESTED",
        attestedAt: new Date(),
        attestedById: access.staffUserId,
      });
      await recordStep(ctx, tx, access, row, "fee claim attested");
      return { claim: await reload(ctx, tx, access, row.id), errors: [] };
    },
    attesterOnly(empty, () => empty([feeClaimErrors.notTheAttester(ctx.locale)])),
  );
}

export async function rejectFeeClaim(ctx: RequestContext, input: RejectFeeClaimInput): Promise<FeeClaimStepPayload> {
  if (ctx.actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const errors = validateClaimReason(input.reason);
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const empty = (list: FeeClaimStepPayload["errors"]): FeeClaimStepPayload => ({ claim: null, errors: list });
  return withClaim(
    ctx,
    input,
    "REJECT",
    empty,
    async (tx, access, row) => {
      await updateClaimIfVersion(tx, access.tenantId, row.id, row.version, { status: "REJECTED", rejectionReason: input.reason.trim() });
      await recordStep(ctx, tx, access, row, `fee claim rejected: ${input.reason.trim()}`);
      return { claim: await reload(ctx, tx, access, row.id), errors: [] };
    },
    attesterOnly(empty, () => empty([feeClaimErrors.notTheAttester(ctx.locale)])),
  );
}

/**
 * An attested claim is never changed: the correction is a new version (a draft, to be confirmed and attested again)
 * that supersedes it, and the superseded claim stays as history. Attesters and the network's coordinators correct.
 */
export async function correctFeeClaim(ctx: RequestContext, input: CorrectFeeClaimInput): Promise<CorrectFeeClaimPayload> {
  if (ctx.actor.kind !== "STAFF") throw forbidden(ctx.locale);
  const errors = [...validateClaimReason(input.reason), ...checkFacts(input)];
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  const priceBaseAmounts = await loadPriceBaseAmountTable(ctx);
  const empty = (list: CorrectFeeClaimPayload["errors"]): CorrectFeeClaimPayload => ({ claim: null, superseded: null, errors: list });
  const mayCorrect = (access: ClaimAccess, row: ClaimRow) =>
    mayAttestClaim(access, row) || coordinates(access, row.assignment.request.networkId)
      ? null
      : empty([feeClaimErrors.notTheAttester(ctx.locale)]);
  try {
    return await withClaim(
      ctx,
      input,
      "CORRECT",
      empty,
      async (tx, access, row) => {
        const computed = await recompute(tx, row, input, priceBaseAmounts.table);
        if (!computed.ok) return empty([feeClaimErrors.notComputable(computed.failure, ctx.locale)]);
        await updateClaimIfVersion(tx, access.tenantId, row.id, row.version, { status: "SUPERSEDED" });
        const id = await insertClaim(
          tx,
          access.tenantId,
          {
            assignmentId: row.assignmentId,
            occasionId: row.occasionId,
            memberId: row.memberId,
            occasionDate: row.occasionDate,
            currency: row.currency,
            costCentreId: row.costCentreId,
            payerOrganisationId: row.payerOrganisationId,
            supersedesId: row.id,
            ...computed.value.amounts,
          },
          computed.value.choices.expenses,
        );
        const reason = input.reason.trim();
        await recordStep(ctx, tx, access, row, `fee claim superseded by a correction: ${reason}`);
        await ctx.audit.record(tx, access.tenantId, {
          action: "WRITE",
          subjectType: "FeeClaim",
          subjectId: id,
          memberId: row.memberId,
          purpose: `correction of an attested fee claim: ${reason}`,
          details: { supersedesId: row.id },
        });
        return { claim: await reload(ctx, tx, access, id), superseded: await reload(ctx, tx, access, row.id), errors: [] };
      },
      mayCorrect,
    );
  } catch (error) {
    // Two corrections at once: the second meets the unique index; it read a version that no longer holds.
    if (isLiveClaimConflict(error)) throw conflict(ctx.locale);
    throw error;
  }
}
