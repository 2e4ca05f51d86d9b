import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { MemberSearchInput, MemberSearchPageQuery, MemberSearchTaxonomyQuery } from "../generated/graphql.js";
import { auditLog } from "../support/audit-log.js";
import { everyRegionsAdmin } from "../support/configuration-admin.js";
import { poolAsStored, type StoredPoolMember } from "../support/database-checks.js";
import { fieldErrors } from "../support/errors.js";
import { networkId } from "../support/scenarios.js";

// Issue 4 item 5: the coordinator's pool search. Every expectation is computed here, independently of the API, from
// the seeded rows (the pool as stored, a named check, and the taxonomy as the tenant admin reads it): a member
// matches when every criterion holds, membership criteria on one membership of a network the coordinator
// coordinates, listed values of one field as alternatives, a tag standing for itself and every tag below it, and ages
// counted as a Swedish calendar does.

const SEARCH = graphql(`query MemberSearchPage($filter: MemberSearchInput, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id givenName familyName ageBand memberships { status trainedAt lastInvitedAt lastAssignmentAt network { id slug } } } } }`);
const POOL_OF_NETWORK = graphql(`query MemberSearchPoolOfNetwork($networkId: ID, $first: Int, $after: String) {
  members(networkId: $networkId, first: $first, after: $after) { totalCount } }`);
const TAXONOMY = graphql(`query MemberSearchTaxonomy($after: String) {
  experienceTags(first: 100, after: $after, includeRetired: true) { pageInfo { hasNextPage endCursor } nodes { id key parentId } } }`);

let api: TestApi;
let levandeCoordinator: string;
let peerCoordinator: string;
let jonkopingAdmin: string;

type SeededMember = StoredPoolMember;
type Tag = { id: string; key: string; parentId?: string | null };
type Filter = MemberSearchInput;
type Page = NonNullable<MemberSearchPageQuery["members"]>;

let members: SeededMember[];
let tags: Tag[];
let levandeId: string;
let peerId: string;

const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

function age(member: SeededMember): number | null {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  if (member.birthDate) {
    const born = member.birthDate.toISOString().slice(0, 10).split("-").map(Number) as [number, number, number];
    const passed = m > born[1] || (m === born[1] && d >= born[2]);
    return y - born[0] - (passed ? 0 : 1);
  }
  if (member.birthYear !== null) return Math.max(0, y - member.birthYear - (m === 12 && d === 31 ? 0 : 1));
  return null;
}

function band(years: number | null): string | null {
  if (years === null) return null;
  const limits: [number, string][] = [
    [18, "AGE_UNDER_18"],
    [30, "AGE_18_29"],
    [50, "AGE_30_49"],
    [65, "AGE_50_64"],
    [80, "AGE_65_79"],
  ];
  return limits.find(([below]) => years < below)?.[1] ?? "AGE_80_PLUS";
}

function tagAndBelow(key: string): Set<string> {
  const root = tags.find((tag) => tag.key === key);
  const ids = new Set<string>(root ? [root.id] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const tag of tags) {
      if (tag.parentId && ids.has(tag.parentId) && !ids.has(tag.id)) {
        ids.add(tag.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Words as a coordinator means them: case, accents and punctuation set aside, padded so a match is whole words. */
const words = (text: string) =>
  ` ${text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;

const within = (value: Date | null, after?: string | null, before?: string | null) =>
  value !== null && (!after || value > new Date(after)) && (!before || value < new Date(before));

/** A stored value among the ones a filter lists (the filter's are the schema's enums, the stored ones strings). */
const listed = (values: readonly string[], value: string) => values.includes(value);

/** The members a coordinator of `networks` should find with `filter`, sorted by id. */
function expected(networks: string[], filter: Filter): string[] {
  const f = filter;
  return members
    .filter((member) => {
      const membershipFits = member.memberships.some(
        (ms) =>
          networks.includes(ms.networkId) &&
          (!f.networkId || ms.networkId === f.networkId) &&
          (!f.statuses || listed(f.statuses, ms.status)) &&
          (f.trained === undefined || (ms.trainedAt !== null) === f.trained) &&
          (f.neverInvited === undefined || (ms.lastInvitedAt === null) === f.neverInvited) &&
          (!(f.lastInvitedAfter || f.lastInvitedBefore) || within(ms.lastInvitedAt, f.lastInvitedAfter, f.lastInvitedBefore)) &&
          (f.neverAssigned === undefined || (ms.lastAssignmentAt === null) === f.neverAssigned) &&
          (!(f.lastAssignmentAfter || f.lastAssignmentBefore) ||
            within(ms.lastAssignmentAt, f.lastAssignmentAfter, f.lastAssignmentBefore)),
      );
      if (!membershipFits) return false;
      if (f.experienceTagKeys) {
        const wanted = new Set(f.experienceTagKeys.flatMap((key) => [...tagAndBelow(key)]));
        if (!member.tagIds.some((id) => wanted.has(id))) return false;
      }
      if (f.perspectives && !member.perspectives.some((p) => listed(f.perspectives ?? [], p))) return false;
      if (f.languages && !member.languages.some((l) => (f.languages ?? []).map((x) => x.toLowerCase()).includes(l))) return false;
      if (
        f.competences &&
        !(f.competences ?? []).some((wanted) => member.competences.some((held) => words(held).includes(words(wanted))))
      ) {
        return false;
      }
      if (f.municipalities && !(f.municipalities ?? []).some((m) => m.toLowerCase() === member.municipality?.toLowerCase())) return false;
      if (f.ageBands && !listed(f.ageBands, band(age(member)) ?? "")) return false;
      if (f.name) {
        const words = f.name.toLowerCase().split(/\s+/).filter(Boolean);
        const names = [member.givenName.toLowerCase(), member.familyName.toLowerCase()];
        if (!words.every((word) => names.some((name) => name.includes(word)))) return false;
      }
      return true;
    })
    .map((member) => member.id)
    .sort();
}

async function searchAll(token: string, filter: Filter, first = 100): Promise<{ ids: string[]; totals: number[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const response: GraphQLResponse<MemberSearchPageQuery> = await api.graphql(SEARCH, { token, variables: { filter, first, after } });
    const page = response.data?.members;
    if (!page) throw new Error(JSON.stringify(response.errors));
    pages.push(page);
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  return { ids: pages.flatMap((page) => page.nodes.map((node) => node.id)), totals: pages.map((page) => page.totalCount), pages };
}

beforeAll(async () => {
  api = await startTestApi();
  levandeCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  peerCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  jonkopingAdmin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  levandeId = await networkId(api, jonkopingAdmin, "levande-bibliotek");
  peerId = await networkId(api, jonkopingAdmin, "peer");
  tags = await taxonomy();
  // Restricted members (GDPR art. 18) are only stored: the pool never shows them (nor the erased).
  members = await poolAsStored(api, "jonkoping");
});

/** Jönköping's whole experience taxonomy, retired tags included, as its tenant admin reads it. */
async function taxonomy(): Promise<Tag[]> {
  const all: Tag[] = [];
  for (let after: string | null = null; ; ) {
    const response: GraphQLResponse<MemberSearchTaxonomyQuery> = await api.graphql(TAXONOMY, {
      token: jonkopingAdmin,
      variables: { after },
    });
    const page = response.data?.experienceTags;
    if (!page) throw new Error(JSON.stringify(response.errors));
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor ?? null;
  }
}

afterAll(async () => {
  await api?.stop();
});

describe("pool search", () => {
  it("finds exactly the members each single criterion selects", async () => {
    const levande = members.filter((member) => member.memberships.some((ms) => ms.networkId === levandeId));
    const invited = levande.flatMap((member) => member.memberships.map((ms) => ms.lastInvitedAt)).filter((at): at is Date => at !== null);
    const assigned = levande
      .flatMap((member) => member.memberships.map((ms) => ms.lastAssignmentAt))
      .filter((at): at is Date => at !== null);
    const pivot = (dates: Date[]) => dates.sort((a, b) => a.getTime() - b.getTime())[Math.floor(dates.length / 2)]?.toISOString() ?? today;
    const someone = levande[3] as SeededMember;
    // Two last words of a competence someone in the pool wrote, in capitals: found ignoring case, as whole words.
    const competence = levande.flatMap((member) => member.competences).find((text) => text.includes(" ")) ?? "Van att tala inför grupp";
    const competenceWords = competence.split(" ").slice(-2).join(" ").toUpperCase();
    const filters: Filter[] = [
      {},
      { statuses: ["ACTIVE"] },
      { statuses: ["REGISTERED", "CONTACTED", "PAUSED"] },
      { perspectives: ["RELATIVE"] },
      { ageBands: ["AGE_65_79"] },
      { ageBands: ["AGE_18_29", "AGE_80_PLUS"] },
      { municipalities: [someone.municipality?.toUpperCase() ?? "JÖNKÖPING"] },
      { languages: ["en"] },
      { languages: ["AR", "fi"] },
      { competences: ["tala inför grupp"] },
      { competences: [competenceWords] },
      { competences: ["FÖRELÄSARE", "projektledning"] },
      { competences: ["Förbättringsarbete"], perspectives: ["PATIENT"] },
      { trained: true },
      { trained: false },
      { neverInvited: true },
      { neverInvited: false },
      { lastInvitedAfter: pivot(invited) },
      { lastInvitedBefore: pivot(invited) },
      { lastAssignmentAfter: pivot(assigned) },
      { lastAssignmentBefore: pivot(assigned) },
      { neverAssigned: true },
      { name: someone.familyName.slice(0, 4).toLowerCase() },
      { name: `${someone.givenName} ${someone.familyName}` },
      { statuses: ["ACTIVE"], trained: true, perspectives: ["PATIENT"], ageBands: ["AGE_50_64", "AGE_65_79"], neverInvited: false },
    ];
    for (const filter of filters) {
      const want = expected([levandeId], filter);
      const got = await searchAll(levandeCoordinator, filter);
      expect({ filter, ids: [...got.ids].sort() }).toEqual({ filter, ids: want });
      expect(got.totals[0]).toBe(want.length);
    }
    // The criteria above are not vacuous: the seeded pool has people on both sides of them.
    expect(expected([levandeId], { trained: true }).length).toBeGreaterThan(0);
    expect(expected([levandeId], { trained: false }).length).toBeGreaterThan(0);
    expect(expected([levandeId], { neverInvited: false }).length).toBeGreaterThan(0);
    expect(expected([levandeId], { ageBands: ["AGE_65_79"] }).length).toBeGreaterThan(0);
    expect(expected([levandeId], { competences: [competenceWords] }).length).toBeGreaterThan(0);
    // Whole words only: a part of a word finds nobody.
    expect(await searchAll(levandeCoordinator, { competences: ["föreläs"] })).toMatchObject({ ids: [] });
  });

  it("finds members tagged with a tag or with any tag below it", async () => {
    const used = new Set(members.filter((m) => m.memberships.some((ms) => ms.networkId === levandeId)).flatMap((m) => m.tagIds));
    // A broad tag whose own members are fewer than those of its whole branch.
    const broad = tags.find((tag) => tag.parentId === null && [...tagAndBelow(tag.key)].some((id) => id !== tag.id && used.has(id)));
    if (!broad) throw new Error("the seeded taxonomy has no used sub-tags");
    const want = expected([levandeId], { experienceTagKeys: [broad.key] });
    const direct = members.filter((m) => m.tagIds.includes(broad.id) && m.memberships.some((ms) => ms.networkId === levandeId)).length;
    expect(want.length).toBeGreaterThan(direct);
    const got = await searchAll(levandeCoordinator, { experienceTagKeys: [broad.key] });
    expect([...got.ids].sort()).toEqual(want);

    const leaf = tags.find((tag) => tag.parentId !== null && used.has(tag.id)) as Tag;
    const both = await searchAll(levandeCoordinator, { experienceTagKeys: [leaf.key, broad.key], statuses: ["ACTIVE"] });
    expect([...both.ids].sort()).toEqual(expected([levandeId], { experienceTagKeys: [leaf.key, broad.key], statuses: ["ACTIVE"] }));
  });

  it("pages through a filtered set without gaps or repeats, with the same totalCount on every page", async () => {
    const filter: Filter = { statuses: ["ACTIVE", "TRAINED", "REGISTERED"], perspectives: ["PATIENT", "RELATIVE"] };
    const want = expected([levandeId], filter);
    expect(want.length).toBeGreaterThan(7);
    const got = await searchAll(levandeCoordinator, filter, 3);
    expect(got.ids).toEqual(want);
    expect(new Set(got.ids).size).toBe(got.ids.length);
    expect(new Set(got.totals)).toEqual(new Set([want.length]));
    expect(got.pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
  });

  it("shows the age band and the membership dates the search is about", async () => {
    const got = await searchAll(levandeCoordinator, { statuses: ["ACTIVE"] });
    for (const node of got.pages.flatMap((page) => page.nodes)) {
      expect(node.ageBand).toBe(band(age(members.find((member) => member.id === node.id) as SeededMember)));
    }
  });

  it("never lets a Peer coordinator see Levande bibliotek members", async () => {
    const onlyLevande = members.filter(
      (m) => m.memberships.some((ms) => ms.networkId === levandeId) && !m.memberships.some((ms) => ms.networkId === peerId),
    );
    expect(onlyLevande.length).toBeGreaterThan(0);
    const filters: Filter[] = [{}, { statuses: ["ACTIVE"] }, { name: onlyLevande[0]?.familyName }, { networkId: levandeId }];
    for (const filter of filters) {
      const got = await searchAll(peerCoordinator, filter);
      expect([...got.ids].sort()).toEqual(expected([peerId], filter));
      for (const id of got.ids) expect(onlyLevande.map((m) => m.id)).not.toContain(id);
    }
    const foreignNetwork = await searchAll(peerCoordinator, { networkId: levandeId });
    expect(foreignNetwork.totals[0]).toBe(0);
  });

  it("audits every member a search returns, with the criteria", async () => {
    const readsOfMembers = async (admin: string) =>
      (await auditLog(api, admin)).filter((event) => event.action === "READ" && event.subjectType === "Member");
    // Counted in every region's log, as its administrator reads it: the search writes one event per member it
    // returns, and none to another tenant.
    const admins = await everyRegionsAdmin(api);
    const readsEverywhere = async () => (await Promise.all(admins.map(readsOfMembers))).flat().length;
    const before = await readsEverywhere();
    const filter: Filter = { statuses: ["ACTIVE"], languages: ["en"] };
    const got = await searchAll(levandeCoordinator, filter);
    expect(await readsEverywhere()).toBe(before + got.ids.length);
    // Jönköping's log, oldest first: its newest reads of members are the search's.
    const reads = await readsOfMembers(jonkopingAdmin);
    const events = reads.slice(reads.length - got.ids.length);
    expect(events.map((event) => event.subjectId).sort()).toEqual([...got.ids].sort());
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "STAFF", purpose: "pool listing", details: { criteria: { filter } } });
    }
  });

  it("explains criteria that cannot be met, in both languages, and keeps the older arguments working", async () => {
    const bad = await api.graphql(SEARCH, {
      token: levandeCoordinator,
      variables: { filter: { experienceTagKeys: ["finns-inte"], neverInvited: true, lastInvitedAfter: "2024-01-01T00:00:00Z" } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldErrors(bad).map((error) => [error.field, error.code])).toEqual([
      ["filter.experienceTagKeys[0]", "UNKNOWN_REFERENCE"],
      ["filter.neverInvited", "INCONSISTENT"],
    ]);
    expect(fieldErrors(bad)[0]?.messages.sv).toBeTruthy();

    const old = await api.graphql(POOL_OF_NETWORK, {
      token: levandeCoordinator,
      variables: { networkId: levandeId, first: 100 },
    });
    expect(old.data?.members?.totalCount).toBe(expected([levandeId], {}).length);

    const member = await api.tokenFor({ tenant: "jonkoping", role: "member" });
    const refused = await api.graphql(SEARCH, { token: member, variables: { filter: {} } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
