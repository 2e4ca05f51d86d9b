import {
  EXCLUSION_CODES,
  filterCandidates,
  isoDateInTimeZone,
  type LocalizedText,
  rankCandidates,
  recentWindowStart,
  validateCandidateFilter,
} from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { badUserInput } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import { MAX_PAGE_SIZE } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { toMember } from "../member/member.service.js";
import type { AgeBand } from "../member/member.type.js";
import { candidatePoolMemo } from "./candidate-pool-memo.js";
import type { CandidateFilterInput } from "./matching.input.js";
import { findCandidatePool, findRequestForMatching, findShortlistProfiles, type PoolCandidate } from "./matching.repository.js";
import type { CandidateExclusion, RequestCandidate, RequestCandidates } from "./matching.type.js";

/** Requests someone may still be asked to: a filled request may need a stand-in for a participant who drops out. */
const OPEN_FOR_MATCHING = new Set(["SUBMITTED", "MATCHING", "PARTLY_FILLED", "FILLED"]);

const EXCLUSION_TEXT: Record<(typeof EXCLUSION_CODES)[number], LocalizedText> = {
  ALREADY_INVITED: { sv: "Redan tillfrågade till den här förfrågan", en: "Already invited to this request" },
  DECLINED_THIS_REQUEST: { sv: "Har tackat nej till den här förfrågan", en: "Declined this request" },
  PAUSED_ON_ALL_OCCASIONS: { sv: "Pausade vid alla tillfällen", en: "Paused on every occasion" },
};

function checkFirst(first: number, ctx: RequestContext): void {
  if (Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE) return;
  throw badUserInput(
    [
      {
        field: "first",
        code: "OUT_OF_RANGE",
        message: { sv: `Antalet måste vara mellan 1 och ${MAX_PAGE_SIZE}.`, en: `The number must be between 1 and ${MAX_PAGE_SIZE}.` },
      },
    ],
    ctx.locale,
  );
}

/**
 * The shortlist of candidates for a request, for a coordinator of its network; null when the request does not exist
 * for the caller (another network's or tenant's request looks exactly like a missing one). The facts come from two
 * statements whatever the pool's size — the request with the pool's version and its own invitations and nearby
 * bookings, then the pool (remembered under that version: a repeat does not read it) — the shortlist's profiles and
 * memberships from one more; the ranking is the domain's pure function; every member returned is an audited read,
 * all in one transaction.
 */
export async function listRequestCandidates(
  ctx: RequestContext,
  requestId: string,
  first: number,
  filterInput: CandidateFilterInput | null,
): Promise<RequestCandidates | null> {
  const actor = requireTenantActor(ctx);
  checkFirst(first, ctx);
  const validation = validateCandidateFilter(filterInput ?? {});
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  const networks = coordinatedNetworks(actor);
  if (!isId(requestId) || (networks !== "ALL" && networks.length === 0)) return null;

  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const now = new Date();
    const request = await findRequestForMatching(tx, actor.tenantId, requestId, networks, now);
    if (!request) return null;
    if (!OPEN_FOR_MATCHING.has(request.status)) {
      return { requestId: request.id, matchingOpen: false, nodes: [], eligibleCount: 0, excluded: [] };
    }
    const { timeZone, taxonomy } = request;
    const today = isoDateInTimeZone(now, timeZone);
    // Occasions already over do not decide who can come any more.
    const ahead = request.occasions.filter((occasion) => occasion.endsAt.getTime() >= now.getTime());

    const experienceTagIds = request.experienceTagIds;
    const poolKey =
      request.poolVersion === null
        ? null
        : { tenantId: actor.tenantId, networkId: request.networkId, version: request.poolVersion, today, timeZone };
    const poolMembers = await candidatePoolMemo.pool(poolKey, () =>
      findCandidatePool(tx, {
        tenantId: actor.tenantId,
        networkId: request.networkId,
        timeZone,
        today,
        windowStart: recentWindowStart(today),
      }),
    );
    const { own } = request;
    // The request's own facts concern a few members: only those get an object of their own, the rest are ranked as
    // remembered (a pool of thousands copied for every ranking was most of its garbage).
    const pool =
      own.invitations.size === 0 && own.bookedDates.size === 0
        ? poolMembers
        : poolMembers.map((member): PoolCandidate => {
            const invitation = own.invitations.get(member.memberId);
            const booked = own.bookedDates.get(member.memberId);
            if (invitation === undefined && booked === undefined) return member;
            return { ...member, invitationToRequest: invitation ?? null, bookedDates: booked ?? member.bookedDates };
          });

    const filtered = filterCandidates(pool, validation.filter, today);
    const ranking = rankCandidates(
      {
        experienceTagIds,
        perspectivesSought: request.perspectivesSought,
        competencesSought: request.competencesSought,
        occasionDates: ahead.map((occasion) => isoDateInTimeZone(occasion.startsAt, timeZone)),
      },
      filtered,
      { today, taxonomy, limit: first },
    );

    const shortlistIds = ranking.shortlist.map((candidate) => candidate.memberId);
    const { members: rows, memberships } = await findShortlistProfiles(tx, actor.tenantId, shortlistIds);
    // The profile guard and `Member.ageBand` read these per member through the request's loaders; handing them what
    // this transaction read saves each a transaction of its own.
    const loaders = ctx.loaders(actor.tenantId);
    const membershipsBy = groupBy(memberships, (row) => row.memberId);
    for (const id of shortlistIds) loaders.membershipsByMemberId.prime(id, membershipsBy.get(id) ?? []);
    loaders.tenantToday.prime(actor.tenantId, today);

    const members = new Map(rows.map((row) => [row.id, toMember(row)]));
    const nodes: RequestCandidate[] = [];
    for (const candidate of ranking.shortlist) {
      const member = members.get(candidate.memberId);
      if (!member) continue;
      nodes.push({
        rank: nodes.length + 1,
        score: candidate.score,
        ageBand: candidate.ageBand as AgeBand | null,
        member,
        reasons: candidate.reasons.map((reason) => ({
          code: reason.code,
          points: reason.points,
          message: reason.text[ctx.locale],
          messageSv: reason.text.sv,
          messageEn: reason.text.en,
        })),
      });
    }
    const criteria = JSON.parse(JSON.stringify({ requestId: request.id, first, filter: filterInput ?? null }));
    await ctx.audit.record(
      tx,
      actor.tenantId,
      nodes.map((node) => ({
        action: "READ" as const,
        subjectType: "Member",
        subjectId: node.member.id,
        memberId: node.member.id,
        purpose: "request candidates",
        details: { criteria, rank: node.rank },
      })),
    );

    const excluded: CandidateExclusion[] = EXCLUSION_CODES.map((code) => ({
      code,
      count: ranking.excluded.filter((entry) => entry.code === code).length,
      message: EXCLUSION_TEXT[code][ctx.locale],
    })).filter((entry) => entry.count > 0);
    return { requestId: request.id, matchingOpen: true, nodes, eligibleCount: ranking.eligibleCount, excluded };
  });
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
