import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type {
  CreateExperienceTagInput,
  ExperienceTagFieldsFragment,
  RetireExperienceTagInput,
  UpdateExperienceTagInput,
} from "../generated/graphql.js";
import { present, query } from "../invitations/invitations.js";
import { auditEventCount, auditEventsAbout } from "../support/audit-log.js";
import {
  type ConfigurationActors,
  configurationActors,
  errorCode,
  everyRegionsAdmin,
  expectFieldErrors,
  expectForbidden,
  MISSING_ID,
  staffUserIdSeenBy,
} from "../support/configuration-admin.js";
import { publicTenant, REGISTER_MEMBER_TYPED, typedRegistrationInput } from "../support/registration.js";

// SPEC §3 and §4.10: the experience taxonomy is a tree of tags with Swedish and English labels. A tenant admin adds,
// relabels, moves (never into a cycle) and retires tags; a retired tag stays on the members who have it but is no
// longer offered. Front ends read the offered tree without a token, in the request's language.

graphql(`fragment ExperienceTagFields on ExperienceTag { id key label labelSv labelEn parentId retiredAt version }`);

const CREATE = graphql(`mutation TaxonomyCreateTag($input: CreateExperienceTagInput!) { createExperienceTag(input: $input) {
  experienceTag { ...ExperienceTagFields } errors { __typename ...PayloadErrorFields ... on KeyTaken { key } } } }`);
const UPDATE = graphql(`mutation TaxonomyUpdateTag($input: UpdateExperienceTagInput!) { updateExperienceTag(input: $input) {
  experienceTag { ...ExperienceTagFields parent { key } } errors { __typename ...PayloadErrorFields ... on TaxonomyCycle { parentId } } } }`);
const RETIRE = graphql(`mutation TaxonomyRetireTag($input: RetireExperienceTagInput!) { retireExperienceTag(input: $input) {
  experienceTag { ...ExperienceTagFields } retiredTags { key retiredAt version } errors { __typename ...PayloadErrorFields } } }`);
const TAGS = graphql(`query TaxonomyTags($parentId: ID, $includeRetired: Boolean! = false, $first: Int = 100) {
  experienceTags(parentId: $parentId, includeRetired: $includeRetired, first: $first) { totalCount nodes { ...ExperienceTagFields } } }`);
const ONE = graphql(`query TaxonomyTagById($id: ID!) { experienceTag(id: $id) {
  ...ExperienceTagFields parent { key } children(includeRetired: true) { key retiredAt } } }`);
const TAG_ID_ONLY = graphql(`query TaxonomyTagIdOnly($id: ID!) { experienceTag(id: $id) { id } }`);
const TAXONOMY = graphql(`query TaxonomyOfTenant($slug: String!) { tenant(slug: $slug) { experienceTaxonomy {
  key label labelSv labelEn children { key label children { key label children { key label } } } } } }`);
const MEMBER_EXPERIENCES = graphql(
  `query TaxonomyMemberExperiences($id: ID!) { member(id: $id) { id experiences { key retiredAt version } } }`,
);
const POOL_EXPERIENCES = graphql(`query TaxonomyPoolExperiences($after: String) { members(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } nodes { id experiences { id key retiredAt version } } } }`);

type Tag = ExperienceTagFieldsFragment;
interface TreeNode {
  key: string;
  label: string;
  children?: TreeNode[];
}
type Errors = Array<{ __typename: string; code?: string; parentId?: string | null; key?: string }>;

let api: TestApi;
let actors: ConfigurationActors;
let adminStaffId: string;
let foreignTagId: string;
/** Every region's administrator: together they see every tag and every audit event of all tenants. */
let everyAdmin: string[];

const create = (input: CreateExperienceTagInput) => api.graphql(CREATE, { token: actors.admin, variables: { input } });
const update = (input: UpdateExperienceTagInput) => api.graphql(UPDATE, { token: actors.admin, variables: { input } });
const retire = (input: RetireExperienceTagInput) => api.graphql(RETIRE, { token: actors.admin, variables: { input } });
const tags = async (variables: { parentId?: string; includeRetired?: boolean; first?: number }, token = actors.admin) =>
  present((await query(api, token, TAGS, variables)).experienceTags, "the experience tags");
const tagAsAdmin = async (id: string) => present((await query(api, actors.admin, ONE, { id })).experienceTag, "the experience tag");
/** How many tags all tenants hold together, retired ones too (each region's administrator counts their own). */
const tagCount = async () => {
  let count = 0;
  for (const token of everyAdmin) count += (await tags({ includeRetired: true, first: 1 }, token)).totalCount;
  return count;
};
/** How many audit events about experience tags all tenants hold together. */
const auditCount = () => auditEventCount(api, everyAdmin, ["ExperienceTag"]);
/** The audit events about one tag, as Kalmar's administrator reads them, oldest first. */
const auditTrail = async (id: string) =>
  (await auditEventsAbout(api, actors.admin, id)).filter((event) => event.subjectType === "ExperienceTag");
const detailsOf = (event: { details?: unknown } | undefined) =>
  (event?.details ?? {}) as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };

async function taxonomy(slug = "kalmar", language?: string): Promise<TreeNode[]> {
  const response = await api.graphql(TAXONOMY, {
    variables: { slug },
    headers: language ? { "accept-language": language } : {},
  });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return present(response.data.tenant, `the tenant ${slug}`).experienceTaxonomy;
}

function find(nodes: readonly TreeNode[], key: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.key === key) return node;
    const below = find(node.children ?? [], key);
    if (below) return below;
  }
  return undefined;
}

const keysOf = (nodes: readonly TreeNode[]): string[] => nodes.flatMap((node) => [node.key, ...keysOf(node.children ?? [])]);

beforeAll(async () => {
  api = await startTestApi();
  actors = await configurationActors(api);
  everyAdmin = await everyRegionsAdmin(api);
  adminStaffId = await staffUserIdSeenBy(api, actors.admin, "kalmar-admin-1");
  const foreign = (await tags({ includeRetired: true, first: 1 }, actors.foreignAdmin)).nodes[0];
  if (!foreign) throw new Error("VGR has no taxonomy");
  foreignTagId = foreign.id;
});

afterAll(async () => {
  await api?.stop();
});

describe("the public taxonomy", () => {
  it("is a tree in the request's language, each level in alphabetical order, without a token", async () => {
    const swedish = await taxonomy();
    expect(swedish.length).toBeGreaterThan(1);
    expect(swedish.some((node) => (node.children ?? []).length > 0)).toBe(true);
    const collator = new Intl.Collator("sv");
    const labels = swedish.map((node) => node.label);
    expect(labels).toEqual([...labels].sort(collator.compare));
    const english = await taxonomy("kalmar", "en");
    expect(english.map((node) => node.key).sort()).toEqual(swedish.map((node) => node.key).sort());
    const first = swedish[0] as TreeNode & { labelSv: string; labelEn: string };
    expect(first.label).toBe(first.labelSv);
    const inEnglish = english.find((node) => node.key === first.key) as TreeNode & { labelEn: string };
    expect(inEnglish.label).toBe(inEnglish.labelEn);
  });
});

describe("experience tags", () => {
  let root: Tag;
  let child: Tag;
  let grandchild: Tag;

  it("adds tags under each other, offered at once and audited", async () => {
    const rootResponse = await create({ key: "personligt-ombud-test", labelSv: " Personligt ombud ", labelEn: "Personal ombudsman" });
    expect(rootResponse.data?.createExperienceTag.errors).toEqual([]);
    root = rootResponse.data?.createExperienceTag.experienceTag as Tag;
    expect(root).toMatchObject({
      key: "personligt-ombud-test",
      label: "Personligt ombud",
      labelSv: "Personligt ombud",
      parentId: null,
      retiredAt: null,
      version: 1,
    });
    child = (await create({ key: "ombud-stodsamtal", labelSv: "Stödsamtal", labelEn: "Support talks", parentId: root.id })).data
      ?.createExperienceTag.experienceTag as Tag;
    grandchild = (await create({ key: "ombud-nattkontakt", labelSv: "Nattkontakt", labelEn: "Night contact", parentId: child.id })).data
      ?.createExperienceTag.experienceTag as Tag;
    expect(child.parentId).toBe(root.id);
    expect(grandchild.parentId).toBe(child.id);

    const tree = await taxonomy();
    expect(find(tree, "personligt-ombud-test")?.children?.map((node) => node.key)).toEqual(["ombud-stodsamtal"]);
    expect(find(tree, "ombud-stodsamtal")?.children?.map((node) => node.key)).toEqual(["ombud-nattkontakt"]);
    expect(find(await taxonomy("kalmar", "en"), "ombud-nattkontakt")?.label).toBe("Night contact");

    const children = await tags({ parentId: root.id });
    expect(children.nodes.map((node) => node.key)).toEqual(["ombud-stodsamtal"]);
    const one = await tagAsAdmin(root.id);
    expect(one.children.map((node) => node.key)).toEqual(["ombud-stodsamtal"]);

    const trail = await auditTrail(grandchild.id);
    expect(trail).toEqual([expect.objectContaining({ action: "WRITE", actorId: adminStaffId })]);
    expect(detailsOf(trail[0]).before ?? null).toBeNull();
    expect(detailsOf(trail[0]).after).toMatchObject({ key: "ombud-nattkontakt", parentId: child.id, labelEn: "Night contact" });
  });

  it("relabels and moves a tag, changing only what the update names, under the version read, and audits before and after", async () => {
    const relabelled = await update({ id: child.id, expectedVersion: child.version, labelEn: "Supportive talks" });
    expect(relabelled.data?.updateExperienceTag.experienceTag).toMatchObject({
      labelSv: "Stödsamtal",
      labelEn: "Supportive talks",
      parentId: root.id,
      version: 2,
    });
    const moved = await update({ id: grandchild.id, expectedVersion: grandchild.version, parentId: root.id });
    expect(moved.data?.updateExperienceTag.errors).toEqual([]);
    expect(moved.data?.updateExperienceTag.experienceTag).toMatchObject({
      parentId: root.id,
      parent: { key: "personligt-ombud-test" },
      version: 2,
    });
    const tree = await taxonomy();
    expect(find(tree, "personligt-ombud-test")?.children?.map((node) => node.key)).toEqual(["ombud-nattkontakt", "ombud-stodsamtal"]);

    const trail = await auditTrail(grandchild.id);
    expect(detailsOf(trail.at(-1))).toMatchObject({ before: { parentId: child.id, version: 1 }, after: { parentId: root.id, version: 2 } });
    const toTop = await update({ id: grandchild.id, expectedVersion: 2, parentId: null });
    expect(toTop.data?.updateExperienceTag.experienceTag?.parentId).toBeNull();
    expect((await taxonomy()).map((node) => node.key)).toContain("ombud-nattkontakt");
    const back = await update({ id: grandchild.id, expectedVersion: 3, parentId: child.id });
    expect(back.data?.updateExperienceTag.experienceTag).toMatchObject({ parentId: child.id, version: 4 });

    // Saving the same values again changes nothing: no new version, no audit event.
    const audits = await auditCount();
    const again = await update({ id: child.id, expectedVersion: 2, labelEn: "Supportive talks", parentId: root.id });
    expect(again.data?.updateExperienceTag.experienceTag?.version).toBe(2);
    expect(await auditCount()).toBe(audits);
    child = relabelled.data?.updateExperienceTag.experienceTag as Tag;
    grandchild = back.data?.updateExperienceTag.experienceTag as Tag;
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    // What is stored, as the admin reads it: the three tags with their parents and children, and the audit events.
    const stored = () => Promise.all([tagAsAdmin(root.id), tagAsAdmin(child.id), tagAsAdmin(grandchild.id), auditCount()]);
    const before = await stored();
    for (const response of [
      await update({ id: child.id, expectedVersion: 1, labelEn: "Lost update" }),
      await update({ id: grandchild.id, expectedVersion: 3, parentId: null }),
      await retire({ id: child.id, expectedVersion: 1 }),
    ]) {
      expect(errorCode(response), JSON.stringify(response)).toBe("CONFLICT");
      expect(response.data ?? null).toBeNull();
    }
    expect(await stored()).toEqual(before);
    expect(await tagAsAdmin(child.id)).toMatchObject({ labelEn: "Supportive talks", retiredAt: null, version: 2 });
  });

  it("never moves a tag under itself or under a tag below it", async () => {
    const audits = await auditCount();
    for (const parentId of [root.id, child.id, grandchild.id]) {
      const response = await update({ id: root.id, expectedVersion: 1, parentId });
      expect(response.data?.updateExperienceTag.experienceTag).toBeNull();
      expect(response.data?.updateExperienceTag.errors).toEqual([
        expect.objectContaining({ __typename: "TaxonomyCycle", code: "TAXONOMY_CYCLE", parentId }),
      ]);
    }
    expect((await tagAsAdmin(root.id)).parentId).toBeNull();
    expect(await auditCount()).toBe(audits);
  });

  it("refuses invalid input with every field error at once, another region's parent like a missing one, and writes nothing", async () => {
    const before = await Promise.all([tagCount(), auditCount()]);
    const input = { key: "Dålig Nyckel", labelSv: " ", labelEn: "x".repeat(101) };
    const foreign = await create({ ...input, parentId: foreignTagId });
    expectFieldErrors(foreign, [
      ["input.key", "INVALID_FORMAT"],
      ["input.labelSv", "REQUIRED"],
      ["input.labelEn", "TOO_LONG"],
      ["input.parentId", "UNKNOWN_REFERENCE"],
    ]);
    expect(foreign).toEqual(await create({ ...input, parentId: MISSING_ID }));
    expectFieldErrors(await update({ id: child.id, expectedVersion: 2, labelSv: null, parentId: foreignTagId }), [
      ["input.labelSv", "REQUIRED"],
      ["input.parentId", "UNKNOWN_REFERENCE"],
    ]);
    expect(await Promise.all([tagCount(), auditCount()])).toEqual(before);
  });

  it("answers KeyTaken for a key the taxonomy already has", async () => {
    const response = await create({ key: "ombud-stodsamtal", labelSv: "Stödsamtal igen", labelEn: "Support talks again" });
    expect(response.data?.createExperienceTag).toEqual({
      experienceTag: null,
      errors: [expect.objectContaining({ __typename: "KeyTaken", code: "KEY_TAKEN", key: "ombud-stodsamtal" })],
    });
  });

  it("retires a tag with its branch: no longer offered, still listed for the admin, nothing new under it", async () => {
    const response = await retire({ id: root.id, expectedVersion: 1 });
    expect(response.data?.retireExperienceTag.errors).toEqual([]);
    expect(
      response.data?.retireExperienceTag.retiredTags
        .map((tag) => [tag.key, tag.version])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ["ombud-nattkontakt", 5],
      ["ombud-stodsamtal", 3],
      ["personligt-ombud-test", 2],
    ]);
    expect(response.data?.retireExperienceTag.experienceTag?.retiredAt).not.toBeNull();
    expect(response.data?.retireExperienceTag.experienceTag?.version).toBe(2);

    expect(keysOf(await taxonomy())).not.toContain("personligt-ombud-test");
    expect(keysOf(await taxonomy())).not.toContain("ombud-nattkontakt");
    const active = await tags({ parentId: root.id });
    expect(active.nodes).toEqual([]);
    const all = await tags({ parentId: root.id, includeRetired: true });
    expect(all.nodes.map((node) => [node.key, node.retiredAt !== null])).toEqual([["ombud-stodsamtal", true]]);

    for (const tag of [root, child, grandchild]) {
      expect(detailsOf((await auditTrail(tag.id)).at(-1))).toMatchObject({
        before: { retiredAt: null },
        after: { retiredAt: expect.any(String) },
      });
    }
    expectFieldErrors(await create({ key: "under-retired", labelSv: "Under", labelEn: "Under", parentId: child.id }), [
      ["input.parentId", "NOT_ALLOWED"],
    ]);
    const again = await retire({ id: root.id, expectedVersion: 2 });
    expect(again.data?.retireExperienceTag.retiredTags).toEqual([]);
    expect(again.data?.retireExperienceTag.experienceTag?.version).toBe(2);
  });

  it("keeps a retired tag on the members who have it, while registration no longer offers it", async () => {
    // A member of Kalmar's pool who has a tag still offered, as the coordinator finds them.
    let held: { memberId: string; tag: { id: string; key: string; version: number } } | undefined;
    for (let after: string | null = null; !held; ) {
      const variables: { after: string | null } = { after };
      const page = present((await query(api, actors.coordinator, POOL_EXPERIENCES, variables)).members, "the pool");
      for (const member of page.nodes) {
        const tag = member.experiences.find((experience) => experience.retiredAt === null);
        if (tag && !held) held = { memberId: member.id, tag };
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    if (!held) throw new Error("No Kalmar member has an experience tag");
    const response = await retire({ id: held.tag.id, expectedVersion: held.tag.version });
    expect(response.data?.retireExperienceTag.errors).toEqual([]);

    const member = present((await query(api, actors.coordinator, MEMBER_EXPERIENCES, { id: held.memberId })).member, "the member");
    expect(member.experiences).toContainEqual({ key: held.tag.key, retiredAt: expect.any(String), version: held.tag.version + 1 });
    expect(keysOf(await taxonomy())).not.toContain(held.tag.key);

    const kalmar = await publicTenant(api, "kalmar");
    const registration = await api.graphql(REGISTER_MEMBER_TYPED, {
      variables: { input: typedRegistrationInput(kalmar, { experienceTagKeys: [held.tag.key] }) },
    });
    expect(errorCode(registration)).toBe("BAD_USER_INPUT");
  });
});

describe("the taxonomy across tenants", () => {
  it("another region's tag reads, changes and retires exactly like a missing one", async () => {
    const read = await api.graphql(ONE, { token: actors.admin, variables: { id: foreignTagId } });
    expect(read).toEqual(await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } }));
    expect(read.data).toEqual({ experienceTag: null });
    const listed = await tags({ includeRetired: true, first: 100 });
    expect(listed.nodes.map((node) => node.id)).not.toContain(foreignTagId);
    const vgrBefore = await taxonomy("vgr");

    for (const [mutate, input] of [
      [update, (id: string) => ({ id, expectedVersion: 1, labelSv: "Kapad" })],
      [retire, (id: string) => ({ id, expectedVersion: 1 })],
    ] as const) {
      const foreign = await mutate(input(foreignTagId));
      expect(foreign).toEqual(await mutate(input(MISSING_ID)));
      const payload = Object.values(foreign.data ?? {})[0] as { errors: Errors };
      expect(payload.errors.map((error) => error.__typename)).toEqual(["NotFound"]);
    }
    expect(await taxonomy("vgr")).toEqual(vgrBefore);
  });
});

describe("taxonomy permissions", () => {
  it("refuses every change, and the admin listing, to anyone but a tenant admin", async () => {
    const others = [actors.coordinator, actors.requester, actors.analyst, undefined];
    const tag = present((await tags({ includeRetired: true, first: 1 })).nodes[0], "a Kalmar tag");
    await expectForbidden(api, others, CREATE, { input: { key: "forbjuden", labelSv: "Förbjuden", labelEn: "Forbidden" } });
    await expectForbidden(api, others, UPDATE, { input: { id: tag.id, expectedVersion: 1, labelSv: "Förbjuden" } });
    await expectForbidden(api, others, RETIRE, { input: { id: tag.id, expectedVersion: 1 } });
    await expectForbidden(api, others, TAGS, {});
    await expectForbidden(api, others, TAG_ID_ONLY, { id: tag.id });
    expect(keysOf(await taxonomy())).not.toContain("forbjuden");
  });
});
