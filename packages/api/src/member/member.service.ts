import type { MembershipStatus as DatabaseMembershipStatus, Perspective as DatabasePerspective } from "@medverkan/database";
import { ageBand, ageOn, birthRangeForAgeBand, expandExperienceTagKeys, isoDateInTimeZone, validateMemberSearch } from "@medverkan/domain";
import { coordinatedNetworks } from "../auth/actor.js";
import { badUserInput } from "../common/errors/api-error.js";
import { isId } from "../common/ids.js";
import type { PageArgs } from "../common/pagination/connection.js";
import { toSortedPage, toSortedPageRequest } from "../common/pagination/ordering.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { processingRestricted } from "../privacy/processing-restriction.js";
import { type MemberOrderBy, type MemberSearchInput, memberSorting } from "./member.input.js";
import {
  findMember,
  findTaxonomyLinks,
  findTenantTimeZone,
  listMembers,
  type MemberFilter,
  type MemberRow,
  type NetworkVisibility,
} from "./member.repository.js";
import type { AgeBand, Member, MembershipStatus } from "./member.type.js";

export function toMember(row: MemberRow): Member {
  return {
    ...row,
    birthDate: row.birthDate ? row.birthDate.toISOString().slice(0, 10) : null,
    perspectives: row.perspectives as Member["perspectives"],
  };
}

/** Today's age band; null when neither birth date nor year is known. */
export async function memberAgeBand(ctx: RequestContext, member: Member): Promise<AgeBand | null> {
  const today = await ctx.loaders(member.tenantId).tenantToday.load(member.tenantId);
  const age = ageOn(member, today);
  return age === null ? null : (ageBand(age) as AgeBand);
}

/** Coordinators see members of the networks they coordinate only; the member sees themself. */
function visibility(ctx: RequestContext, memberId?: string): NetworkVisibility {
  if (ctx.actor.kind === "MEMBER" && memberId === ctx.actor.memberId) return "ALL";
  return coordinatedNetworks(ctx.actor);
}

/**
 * The memberships of a member a reader may see: the same networks the reader may see members through (`visibility`).
 * A Peer coordinator reading someone who is also in Levande bibliotek sees the Peer membership only — that the person
 * is in another network, and where they are in its intake, is that network's business.
 */
export function visibleMemberships<Row extends { networkId: string }>(ctx: RequestContext, memberId: string, rows: readonly Row[]): Row[] {
  const networks = visibility(ctx, memberId);
  return networks === "ALL" ? [...rows] : rows.filter((row) => networks.includes(row.networkId));
}

/** One member, audited as a read of personal data in the same transaction as the read. */
export async function getMember(ctx: RequestContext, id: string, purpose: string | null): Promise<Member | null> {
  const actor = requireTenantActor(ctx);
  if (!isId(id)) return null;
  const networks = visibility(ctx, id);
  if (networks !== "ALL" && networks.length === 0) return null;
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const row = await findMember(tx, actor.tenantId, id, networks);
    if (!row) return null;
    if (row.restrictedAt && actor.kind !== "MEMBER") throw processingRestricted(ctx.locale);
    if (actor.kind === "STAFF") {
      await ctx.audit.record(tx, actor.tenantId, { action: "READ", subjectType: "Member", subjectId: row.id, memberId: row.id, purpose });
    }
    return toMember(row);
  });
}

export interface PoolQuery {
  /** The older top-level arguments, kept for existing clients; they narrow together with `filter`. */
  networkId: string | null;
  status: MembershipStatus | null;
  filter: MemberSearchInput | null;
}

/**
 * A page of the pool for a coordinator, searched on any profile field; each member on the page is an audited read
 * (with the criteria, so the log shows why these people were looked at).
 */
export async function listPool(ctx: RequestContext, query: PoolQuery, args: PageArgs, orderBy: Partial<MemberOrderBy> | null = null) {
  const actor = requireTenantActor(ctx);
  const page = toSortedPageRequest(args, orderBy, memberSorting, ctx.locale);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) return toSortedPage([], page, memberSorting, 0);
  const networkIds = [query.networkId, query.filter?.networkId].filter((id): id is string => typeof id === "string");
  // An id that cannot exist names no network the caller coordinates: an empty pool, like a foreign network's id.
  if (networkIds.some((id) => !isId(id)) || new Set(networkIds).size > 1) return toSortedPage([], page, memberSorting, 0);
  // Likewise an organisation id that cannot exist: nobody represents it.
  const representsOrganisationId = query.filter?.representsOrganisationId ?? null;
  if (representsOrganisationId !== null && !isId(representsOrganisationId)) return toSortedPage([], page, memberSorting, 0);

  const { rows, total } = await ctx.scope(actor.tenantId).transaction(async (tx) => {
    const [taxonomy, tenant] = await Promise.all([findTaxonomyLinks(tx, actor.tenantId), findTenantTimeZone(tx, actor.tenantId)]);
    const validation = validateMemberSearch(query.filter ?? {}, { knownExperienceTagKeys: taxonomy.map((tag) => tag.key) });
    if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
    const search = validation.search;
    const today = isoDateInTimeZone(new Date(), tenant?.timeZone);
    const filter: MemberFilter = {
      networkId: networkIds[0] ?? null,
      status: query.status as DatabaseMembershipStatus | null,
      statuses: search.statuses as DatabaseMembershipStatus[],
      experienceTagIds: search.experienceTagKeys.length > 0 ? expandExperienceTagKeys(taxonomy, search.experienceTagKeys) : null,
      perspectives: search.perspectives as DatabasePerspective[],
      birthRanges: search.ageBands.map((band) => birthRangeForAgeBand(band, today)),
      municipalities: search.municipalities,
      languages: search.languages,
      competences: search.competences,
      trained: search.trained,
      lastInvitedAfter: search.lastInvitedAfter,
      lastInvitedBefore: search.lastInvitedBefore,
      neverInvited: search.neverInvited,
      lastAssignmentAfter: search.lastAssignmentAfter,
      lastAssignmentBefore: search.lastAssignmentBefore,
      neverAssigned: search.neverAssigned,
      nameWords: search.nameWords,
      representsOrganisation: representsOrganisationId ? { organisationId: representsOrganisationId, today } : null,
    };
    const result = await listMembers(tx, actor.tenantId, networks, filter, page);
    const criteria = JSON.parse(JSON.stringify({ networkId: query.networkId, status: query.status, filter: query.filter ?? null }));
    await ctx.audit.record(
      tx,
      actor.tenantId,
      result.rows.slice(0, page.take).map((row) => ({
        action: "READ" as const,
        subjectType: "Member",
        subjectId: row.id,
        memberId: row.id,
        purpose: "pool listing",
        details: { criteria },
      })),
    );
    return result;
  });
  return toSortedPage(rows.map(toMember), page, memberSorting, total);
}
