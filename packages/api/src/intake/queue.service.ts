import { isOverdueForFollowUp } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { badUserInput } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import { type PageArgs, toPage, toPageRequest } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { toIntakeRules } from "../intake-rules/intake-rules.mapper.js";
import { findNetworkIds } from "../network/network.repository.js";
import { toRequestAnswers } from "../request/request-options.service.js";
import type { ResolveDuplicateCandidateInput } from "./intake.input.js";
import { toMember, toMembership } from "./intake.mapper.js";
import type { ResolveDuplicateCandidatePayload } from "./intake.payload.js";
import {
  findIntakeRuleSets,
  findVisibleDuplicateCandidate,
  listOpenDuplicateCandidates,
  listQueue,
  markDuplicateResolved,
} from "./intake.repository.js";
import { requireCoordinator } from "./intake.service.js";
import type { DuplicateCandidate, IntakeQueueItem } from "./intake.type.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const DUPLICATE = { sv: "Den möjliga dubbletten", en: "The probable duplicate" };

/**
 * Registrations waiting for the coordinator's next step, oldest first, in the networks they coordinate. Each member
 * on the page is an audited read of personal data.
 */
export async function intakeQueue(ctx: RequestContext, filter: { networkId: string | null; overdueOnly: boolean }, args: PageArgs) {
  const actor = requireCoordinator(ctx);
  const page = toPageRequest(args, ctx.locale);
  const coordinated = coordinatedNetworks(actor);
  // Another network (or tenant) reads as an empty queue, exactly like a network that does not exist.
  if (filter.networkId && (!isId(filter.networkId) || (coordinated !== "ALL" && !coordinated.includes(filter.networkId)))) {
    return toPage([], page, 0);
  }
  if (coordinated !== "ALL" && coordinated.length === 0) return toPage([], page, 0);
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const networkIds = filter.networkId ? [filter.networkId] : coordinated;
    const networkRows = networkIds === "ALL" ? await findNetworkIds(tx, actor.tenantId) : networkIds;
    const ruleSets = await findIntakeRuleSets(tx, actor.tenantId, networkRows);
    const rulesOf = (networkId: string) => toIntakeRules(ruleSets.get(networkId) ?? null);
    let overdueBefore: Map<string, Date> | null = null;
    if (filter.overdueOnly) {
      overdueBefore = new Map();
      for (const networkId of networkRows) {
        const days = rulesOf(networkId).followUpWithinDays;
        if (days !== null) overdueBefore.set(networkId, new Date(now.getTime() - days * DAY_MS));
      }
    }
    const { rows, total } = await listQueue(tx, actor.tenantId, { networkIds: networkRows, overdueBefore }, page);
    await ctx.audit.record(
      tx,
      actor.tenantId,
      rows.slice(0, page.take).map((row) => ({
        action: "READ" as const,
        subjectType: "Member",
        subjectId: row.memberId,
        memberId: row.memberId,
        purpose: "intake queue",
      })),
    );
    const items: IntakeQueueItem[] = rows.map(({ member, registrationAnswers, registrationFormVersion, ...membership }) => ({
      id: membership.id,
      membership: toMembership(membership),
      registrationAnswers: toRequestAnswers(registrationAnswers, ctx.locale),
      registrationFormVersion,
      member: toMember(member),
      // The domain measures "waiting for the first contact": only a REGISTERED membership can be overdue.
      overdue: membership.status === "REGISTERED" && isOverdueForFollowUp(membership.registeredAt, now, rulesOf(membership.networkId)),
      waitingDays: Math.floor((now.getTime() - membership.registeredAt.getTime()) / DAY_MS),
    }));
    return toPage(items, page, total);
  });
}

/** Unresolved probable duplicates whose two records both lie in the coordinator's networks. Audited reads. */
export async function duplicateCandidates(ctx: RequestContext, args: PageArgs) {
  const actor = requireCoordinator(ctx);
  const page = toPageRequest(args, ctx.locale);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) return toPage([], page, 0);
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const { rows, total } = await listOpenDuplicateCandidates(tx, actor.tenantId, networks, page);
    await ctx.audit.record(
      tx,
      actor.tenantId,
      rows.slice(0, page.take).flatMap((row) =>
        [row.memberId, row.existingMemberId].map((memberId) => ({
          action: "READ" as const,
          subjectType: "Member",
          subjectId: memberId,
          memberId,
          purpose: "probable duplicates",
        })),
      ),
    );
    return toPage(rows.map(toDuplicateCandidate), page, total);
  });
}

type CandidateRow = NonNullable<Awaited<ReturnType<typeof findVisibleDuplicateCandidate>>>;

function toDuplicateCandidate(row: CandidateRow): DuplicateCandidate {
  return {
    ...row,
    resolution: row.resolution as DuplicateCandidate["resolution"],
    member: toMember(row.member),
    existingMember: toMember(row.existingMember),
  };
}

/**
 * The coordinator judged the two records to be different people. Merging them (SAME_PERSON_MERGED) is not offered:
 * it needs a decision on how memberships, consents and history combine.
 */
export async function resolveDuplicateCandidate(
  ctx: RequestContext,
  input: ResolveDuplicateCandidateInput,
): Promise<ResolveDuplicateCandidatePayload> {
  const actor = requireCoordinator(ctx);
  if (input.resolution !== "DIFFERENT_PEOPLE") {
    throw badUserInput(
      [{ field: "input.resolution", code: "INVALID_FORMAT", message: { sv: "Okänt beslut.", en: "Unknown resolution." } }],
      ctx.locale,
    );
  }
  if (!isId(input.id)) return { duplicateCandidate: null, errors: [notFound(DUPLICATE, ctx.locale)] };
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx): Promise<ResolveDuplicateCandidatePayload> => {
    const networks = coordinatedNetworks(actor);
    const before = await findVisibleDuplicateCandidate(tx, actor.tenantId, input.id, networks);
    if (!before) return { duplicateCandidate: null, errors: [notFound(DUPLICATE, ctx.locale)] };
    if (before.resolvedAt) return { duplicateCandidate: toDuplicateCandidate(before), errors: [] };
    await markDuplicateResolved(tx, actor.tenantId, before.id, now);
    const after = (await findVisibleDuplicateCandidate(tx, actor.tenantId, before.id, networks)) as CandidateRow;
    await ctx.audit.recordChange(tx, actor.tenantId, {
      subjectType: "DuplicateCandidate",
      subjectId: before.id,
      memberId: before.memberId,
      before: { resolvedAt: null, resolution: null },
      after: { resolvedAt: after.resolvedAt, resolution: after.resolution },
      purpose: "duplicate resolved",
    });
    return { duplicateCandidate: toDuplicateCandidate(after), errors: [] };
  });
}
