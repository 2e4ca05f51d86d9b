import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditCount,
  auditTrail,
  type ConfigurationActors,
  configurationActors,
  errorCode,
  expectFieldErrors,
  expectForbidden,
  MISSING_ID,
  ok,
  staffUserIdOf,
} from "../support/configuration-admin.js";
import { REGISTER_MEMBER } from "../support/queries.js";
import { publicTenant, registrationInput } from "../support/registration.js";

// SPEC §3 and §4.10: the experience taxonomy is a tree of tags with Swedish and English labels. A tenant admin adds,
// relabels, moves (never into a cycle) and retires tags; a retired tag stays on the members who have it but is no
// longer offered. Front ends read the offered tree without a token, in the request's language.

const TAG = "id key label labelSv labelEn parentId retiredAt version";
const ERROR = "__typename ... on ErrorResult { code message messageSv messageEn }";
const CREATE = `mutation($input: CreateExperienceTagInput!) { createExperienceTag(input: $input) {
  experienceTag { ${TAG} } errors { ${ERROR} ... on KeyTaken { key } } } }`;
const UPDATE = `mutation($input: UpdateExperienceTagInput!) { updateExperienceTag(input: $input) {
  experienceTag { ${TAG} parent { key } } errors { ${ERROR} ... on TaxonomyCycle { parentId } } } }`;
const RETIRE = `mutation($input: RetireExperienceTagInput!) { retireExperienceTag(input: $input) {
  experienceTag { ${TAG} } retiredTags { key retiredAt version } errors { ${ERROR} } } }`;
const TAGS = `query($parentId: ID, $includeRetired: Boolean! = false, $first: Int = 100) {
  experienceTags(parentId: $parentId, includeRetired: $includeRetired, first: $first) { totalCount nodes { ${TAG} } } }`;
const ONE = `query($id: ID!) { experienceTag(id: $id) { ${TAG} parent { key } children(includeRetired: true) { key retiredAt } } }`;
const TAXONOMY = `query($slug: String!) { tenant(slug: $slug) { experienceTaxonomy {
  key label labelSv labelEn children { key label children { key label children { key label } } } } } }`;
const MEMBER_EXPERIENCES = `query($id: ID!) { member(id: $id) { id experiences { key retiredAt version } } }`;

interface Tag {
  id: string;
  key: string;
  label: string;
  labelSv: string;
  labelEn: string;
  parentId: string | null;
  retiredAt: string | null;
  version: number;
}
interface TreeNode {
  key: string;
  label: string;
  children?: TreeNode[];
}
type Errors = Array<{ __typename: string; code: string; message: string; key?: string; parentId?: string }>;

let api: TestApi;
let actors: ConfigurationActors;
let adminStaffId: string;
let foreignTagId: string;

const call = <T>(query: string, input: Record<string, unknown>) => api.graphql<T>(query, { token: actors.admin, variables: { input } });
const create = (input: Record<string, unknown>) =>
  call<{ createExperienceTag: { experienceTag: Tag | null; errors: Errors } }>(CREATE, input);
const update = (input: Record<string, unknown>) =>
  call<{ updateExperienceTag: { experienceTag: (Tag & { parent: { key: string } | null }) | null; errors: Errors } }>(UPDATE, input);
const retire = (input: Record<string, unknown>) =>
  call<{
    retireExperienceTag: { experienceTag: Tag | null; retiredTags: { key: string; retiredAt: string; version: number }[]; errors: Errors };
  }>(RETIRE, input);

async function taxonomy(slug = "kalmar", language?: string): Promise<TreeNode[]> {
  const response = await api.graphql<{ tenant: { experienceTaxonomy: TreeNode[] } }>(TAXONOMY, {
    variables: { slug },
    headers: language ? { "accept-language": language } : {},
  });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.tenant.experienceTaxonomy;
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
  adminStaffId = await staffUserIdOf(api, "kalmar-admin-1");
  const foreign = await api.running.database.prisma.experienceTag.findFirst({ where: { tenant: { slug: "vgr" } }, select: { id: true } });
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

    const children = await ok<{ experienceTags: { nodes: Tag[] } }>(api, actors.admin, TAGS, { parentId: root.id });
    expect(children.experienceTags.nodes.map((node) => node.key)).toEqual(["ombud-stodsamtal"]);
    const one = await ok<{ experienceTag: Tag & { parent: null; children: { key: string }[] } }>(api, actors.admin, ONE, { id: root.id });
    expect(one.experienceTag.children.map((node) => node.key)).toEqual(["ombud-stodsamtal"]);

    const trail = await auditTrail(api, "ExperienceTag", grandchild.id);
    expect(trail).toEqual([expect.objectContaining({ action: "WRITE", actorId: adminStaffId, before: null })]);
    expect(trail[0]?.after).toMatchObject({ key: "ombud-nattkontakt", parentId: child.id, labelEn: "Night contact" });
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

    const trail = await auditTrail(api, "ExperienceTag", grandchild.id);
    expect(trail.at(-1)).toMatchObject({ before: { parentId: child.id, version: 1 }, after: { parentId: root.id, version: 2 } });
    const toTop = await update({ id: grandchild.id, expectedVersion: 2, parentId: null });
    expect(toTop.data?.updateExperienceTag.experienceTag?.parentId).toBeNull();
    expect((await taxonomy()).map((node) => node.key)).toContain("ombud-nattkontakt");
    const back = await update({ id: grandchild.id, expectedVersion: 3, parentId: child.id });
    expect(back.data?.updateExperienceTag.experienceTag).toMatchObject({ parentId: child.id, version: 4 });

    // Saving the same values again changes nothing: no new version, no audit event.
    const audits = await auditCount(api, "ExperienceTag");
    const again = await update({ id: child.id, expectedVersion: 2, labelEn: "Supportive talks", parentId: root.id });
    expect(again.data?.updateExperienceTag.experienceTag?.version).toBe(2);
    expect(await auditCount(api, "ExperienceTag")).toBe(audits);
    child = relabelled.data?.updateExperienceTag.experienceTag as Tag;
    grandchild = back.data?.updateExperienceTag.experienceTag as Tag;
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const prisma = api.running.database.prisma;
    const stored = () =>
      Promise.all([
        prisma.experienceTag.findMany({ where: { id: { in: [root.id, child.id, grandchild.id] } } }),
        auditCount(api, "ExperienceTag"),
      ]);
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
    const read = await ok<{ experienceTag: Tag }>(api, actors.admin, ONE, { id: child.id });
    expect(read.experienceTag).toMatchObject({ labelEn: "Supportive talks", retiredAt: null, version: 2 });
  });

  it("never moves a tag under itself or under a tag below it", async () => {
    const audits = await auditCount(api, "ExperienceTag");
    for (const parentId of [root.id, child.id, grandchild.id]) {
      const response = await update({ id: root.id, expectedVersion: 1, parentId });
      expect(response.data?.updateExperienceTag.experienceTag).toBeNull();
      expect(response.data?.updateExperienceTag.errors).toEqual([
        expect.objectContaining({ __typename: "TaxonomyCycle", code: "TAXONOMY_CYCLE", parentId }),
      ]);
    }
    const read = await ok<{ experienceTag: Tag }>(api, actors.admin, ONE, { id: root.id });
    expect(read.experienceTag.parentId).toBeNull();
    expect(await auditCount(api, "ExperienceTag")).toBe(audits);
  });

  it("refuses invalid input with every field error at once, another region's parent like a missing one, and writes nothing", async () => {
    const before = await Promise.all([api.running.database.prisma.experienceTag.count(), auditCount(api, "ExperienceTag")]);
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
    expect(await Promise.all([api.running.database.prisma.experienceTag.count(), auditCount(api, "ExperienceTag")])).toEqual(before);
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
    const active = await ok<{ experienceTags: { nodes: Tag[] } }>(api, actors.admin, TAGS, { parentId: root.id });
    expect(active.experienceTags.nodes).toEqual([]);
    const all = await ok<{ experienceTags: { nodes: Tag[] } }>(api, actors.admin, TAGS, { parentId: root.id, includeRetired: true });
    expect(all.experienceTags.nodes.map((node) => [node.key, node.retiredAt !== null])).toEqual([["ombud-stodsamtal", true]]);

    for (const tag of [root, child, grandchild]) {
      expect((await auditTrail(api, "ExperienceTag", tag.id)).at(-1)).toMatchObject({
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
    const prisma = api.running.database.prisma;
    const held = await prisma.memberExperience.findFirst({
      where: { tenant: { slug: "kalmar" }, member: { erasedAt: null }, tag: { retiredAt: null } },
      select: { memberId: true, tag: { select: { id: true, key: true, version: true } } },
    });
    if (!held) throw new Error("No Kalmar member has an experience tag");
    const response = await retire({ id: held.tag.id, expectedVersion: held.tag.version });
    expect(response.data?.retireExperienceTag.errors).toEqual([]);

    const member = await ok<{ member: { experiences: { key: string; retiredAt: string | null }[] } }>(
      api,
      actors.coordinator,
      MEMBER_EXPERIENCES,
      {
        id: held.memberId,
      },
    );
    expect(member.member.experiences).toContainEqual({ key: held.tag.key, retiredAt: expect.any(String), version: held.tag.version + 1 });
    expect(keysOf(await taxonomy())).not.toContain(held.tag.key);

    const kalmar = await publicTenant(api, "kalmar");
    const registration = await api.graphql(REGISTER_MEMBER, {
      variables: { input: registrationInput(kalmar, { experienceTagKeys: [held.tag.key] }) },
    });
    expect(errorCode(registration)).toBe("BAD_USER_INPUT");
  });
});

describe("the taxonomy across tenants", () => {
  it("another region's tag reads, changes and retires exactly like a missing one", async () => {
    const read = await api.graphql(ONE, { token: actors.admin, variables: { id: foreignTagId } });
    expect(read).toEqual(await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } }));
    expect(read.data).toEqual({ experienceTag: null });
    const listed = await ok<{ experienceTags: { nodes: Tag[] } }>(api, actors.admin, TAGS, { includeRetired: true, first: 100 });
    expect(listed.experienceTags.nodes.map((node) => node.id)).not.toContain(foreignTagId);
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
    const tag = await api.running.database.prisma.experienceTag.findFirst({ where: { tenant: { slug: "kalmar" } }, select: { id: true } });
    await expectForbidden(api, others, CREATE, { input: { key: "forbjuden", labelSv: "Förbjuden", labelEn: "Forbidden" } });
    await expectForbidden(api, others, UPDATE, { input: { id: tag?.id, expectedVersion: 1, labelSv: "Förbjuden" } });
    await expectForbidden(api, others, RETIRE, { input: { id: tag?.id, expectedVersion: 1 } });
    await expectForbidden(api, others, TAGS, {});
    await expectForbidden(api, others, `query($id: ID!) { experienceTag(id: $id) { id } }`, { id: tag?.id });
    expect(keysOf(await taxonomy())).not.toContain("forbjuden");
  });
});
