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
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// SPEC §4.10: a tenant admin creates, changes and retires networks — name, slug, care domain, contact address and
// which intake rules, request form and fee schedule apply (or the tenant's default) — validated and audited.

const NETWORK = "id slug name description careDomain contactEmail intakeRuleSetId requestFormId feeScheduleId retiredAt version";
const ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } ... on SlugTaken { slug } }";
const RETIRE_ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } }";

const CREATE = `mutation Create($input: CreateNetworkInput!) { createNetwork(input: $input) { network { ${NETWORK} } ${ERRORS} } }`;
const UPDATE = `mutation Update($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { ${NETWORK} } ${ERRORS} } }`;
const RETIRE = `mutation Retire($input: RetireNetworkInput!) { retireNetwork(input: $input) { network { ${NETWORK} } ${RETIRE_ERRORS} } }`;
const NETWORKS = `query Networks($includeRetired: Boolean! = false, $first: Int, $after: String) {
  networks(includeRetired: $includeRetired, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${NETWORK} }
  }
}`;
const ONE = `query One($id: ID!) { network(id: $id) { ${NETWORK} } }`;

interface Network {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  careDomain: string;
  contactEmail: string;
  intakeRuleSetId: string | null;
  requestFormId: string | null;
  feeScheduleId: string | null;
  retiredAt: string | null;
  version: number;
}
type Errors = Array<{ __typename: string; code: string; message: string; messageSv: string; messageEn: string; slug?: string }>;
type Payload<K extends string> = Record<K, { network: Network | null; errors: Errors }>;
type Connection = { networks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Network[] } };

let api: TestApi;
let actors: ConfigurationActors;
let kalmar: PublicTenant;
let vgr: PublicTenant;
let kalmarRuleSetId: string;
let vgrRuleSetId: string;
let adminStaffId: string;

const create = (input: Record<string, unknown>, token = actors.admin) =>
  api.graphql<Payload<"createNetwork">>(CREATE, { token, variables: { input } });
const update = (input: Record<string, unknown>, token = actors.admin) =>
  api.graphql<Payload<"updateNetwork">>(UPDATE, { token, variables: { input } });
const retire = (input: Record<string, unknown>, token = actors.admin) =>
  api.graphql<Payload<"retireNetwork">>(RETIRE, { token, variables: { input } });
const adminList = (includeRetired = false) => ok<Connection>(api, actors.admin, NETWORKS, { includeRetired, first: 100 });
const networkCount = () => api.running.database.prisma.network.count();

function brukarradet(overrides: Record<string, unknown> = {}) {
  return {
    slug: "brukarradet",
    name: "Brukarrådet",
    description: "Brukare och närstående som ger råd till socialtjänsten.",
    careDomain: "SOCIAL_SERVICES",
    contactEmail: " Brukarradet@RegionKalmar.example.se ",
    ...overrides,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  actors = await configurationActors(api);
  [kalmar, vgr] = await Promise.all([publicTenant(api, "kalmar"), publicTenant(api, "vgr")]);
  const prisma = api.running.database.prisma;
  const [own, foreign] = await Promise.all(
    ["kalmar", "vgr"].map((slug) => prisma.intakeRuleSet.findFirst({ where: { tenant: { slug } }, select: { id: true } })),
  );
  if (!own || !foreign) throw new Error("The seed has no intake rule sets");
  kalmarRuleSetId = own.id;
  vgrRuleSetId = foreign.id;
  adminStaffId = await staffUserIdOf(api, "kalmar-admin-1");
});

afterAll(async () => {
  await api?.stop();
});

describe("networks", () => {
  let created: Network;

  it("creates a network that the admin, the staff and the public registration form all see", async () => {
    const response = await create(brukarradet({ intakeRuleSetId: kalmarRuleSetId }));
    expect(response.errors).toBeUndefined();
    expect(response.data?.createNetwork.errors).toEqual([]);
    const network = response.data?.createNetwork.network as Network;
    expect(network).toMatchObject({
      slug: "brukarradet",
      name: "Brukarrådet",
      careDomain: "SOCIAL_SERVICES",
      contactEmail: "brukarradet@regionkalmar.example.se",
      intakeRuleSetId: kalmarRuleSetId,
      requestFormId: null,
      feeScheduleId: null,
      retiredAt: null,
      version: 1,
    });
    created = network;

    expect((await adminList()).networks.nodes.map((node) => node.id)).toContain(network.id);
    const asCoordinator = await ok<{ network: Network }>(api, actors.coordinator, ONE, { id: network.id });
    expect(asCoordinator.network.name).toBe("Brukarrådet");
    const publicView = await publicTenant(api, "kalmar");
    expect(publicView.networks.nodes.map((node) => node.slug)).toContain("brukarradet");

    const trail = await auditTrail(api, "Network", network.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: "WRITE", actorType: "STAFF", actorId: adminStaffId, before: null });
    expect(trail[0]?.after).toMatchObject({ slug: "brukarradet", contactEmail: "brukarradet@regionkalmar.example.se", version: 1 });
  });

  it("changes only the fields an update names, under the version read, and audits before and after", async () => {
    const response = await update({
      id: created.id,
      expectedVersion: 1,
      name: "Brukarrådet i Kalmar län",
      description: null,
      intakeRuleSetId: null,
    });
    expect(response.data?.updateNetwork.errors).toEqual([]);
    const network = response.data?.updateNetwork.network as Network;
    expect(network).toMatchObject({
      id: created.id,
      slug: "brukarradet",
      name: "Brukarrådet i Kalmar län",
      description: null,
      careDomain: "SOCIAL_SERVICES",
      contactEmail: "brukarradet@regionkalmar.example.se",
      intakeRuleSetId: null,
      version: 2,
    });
    const read = await ok<{ network: Network }>(api, actors.admin, ONE, { id: created.id });
    expect(read.network).toEqual(network);

    const trail = await auditTrail(api, "Network", created.id);
    expect(trail).toHaveLength(2);
    expect(trail[1]?.before).toMatchObject({ name: "Brukarrådet", intakeRuleSetId: kalmarRuleSetId, version: 1 });
    expect(trail[1]?.after).toMatchObject({ name: "Brukarrådet i Kalmar län", intakeRuleSetId: null, version: 2 });

    // Saving the same values again changes nothing: no new version, no audit event.
    const again = await update({ id: created.id, expectedVersion: 2, name: "Brukarrådet i Kalmar län" });
    expect(again.data?.updateNetwork.network?.version).toBe(2);
    expect(await auditTrail(api, "Network", created.id)).toHaveLength(2);
    created = network;
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const before = await auditCount(api, "Network");
    const response = await update({ id: created.id, expectedVersion: 1, name: "Lost update" });
    expect(errorCode(response)).toBe("CONFLICT");
    expect(response.data ?? null).toBeNull();
    const read = await ok<{ network: Network }>(api, actors.admin, ONE, { id: created.id });
    expect(read.network).toMatchObject({ name: "Brukarrådet i Kalmar län", version: 2 });
    expect(await auditCount(api, "Network")).toBe(before);
  });

  it("refuses invalid input with every field error at once, in both languages, and writes nothing", async () => {
    const [networks, audits] = await Promise.all([networkCount(), auditCount(api, "Network")]);
    const response = await create(
      brukarradet({
        slug: "Brukar Råd",
        name: "  ",
        description: "x".repeat(2001),
        contactEmail: "not-an-address",
        intakeRuleSetId: vgrRuleSetId,
        requestFormId: MISSING_ID,
        feeScheduleId: "not-a-uuid",
      }),
    );
    expectFieldErrors(response, [
      ["input.slug", "INVALID_FORMAT"],
      ["input.name", "REQUIRED"],
      ["input.description", "TOO_LONG"],
      ["input.contactEmail", "INVALID_EMAIL"],
      ["input.intakeRuleSetId", "UNKNOWN_REFERENCE"],
      ["input.requestFormId", "UNKNOWN_REFERENCE"],
      ["input.feeScheduleId", "UNKNOWN_REFERENCE"],
    ]);
    const cleared = await update({ id: created.id, expectedVersion: 2, name: null, contactEmail: null });
    expectFieldErrors(cleared, [
      ["input.name", "REQUIRED"],
      ["input.contactEmail", "REQUIRED"],
    ]);
    expect(await networkCount()).toBe(networks);
    expect(await auditCount(api, "Network")).toBe(audits);
  });

  it("answers in the request's language", async () => {
    const response = await api.graphql(CREATE, {
      token: actors.admin,
      variables: { input: brukarradet({ slug: "x", contactEmail: "fel" }) },
      headers: { "accept-language": "en" },
    });
    const errors = response.errors?.[0]?.extensions?.fieldErrors as Array<{ message: string; messages: { en: string } }>;
    expect(errors[0]?.message).toBe(errors[0]?.messages.en);
  });

  it("answers SlugTaken for a slug another network already has", async () => {
    const networks = await networkCount();
    const taken = kalmar.networks.nodes[0]?.slug as string;
    const response = await create(brukarradet({ slug: taken }));
    expect(response.data?.createNetwork.network).toBeNull();
    expect(response.data?.createNetwork.errors).toEqual([
      expect.objectContaining({ __typename: "SlugTaken", code: "SLUG_TAKEN", slug: taken }),
    ]);
    const renamed = await update({ id: created.id, expectedVersion: 2, slug: taken });
    expect(renamed.data?.updateNetwork.errors[0]?.__typename).toBe("SlugTaken");
    expect(await networkCount()).toBe(networks);
  });

  it("retires a network: closed for registration, kept for history, its slug still taken", async () => {
    const response = await retire({ id: created.id, expectedVersion: 2 });
    expect(response.data?.retireNetwork.errors).toEqual([]);
    const retired = response.data?.retireNetwork.network as Network;
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.version).toBe(3);

    expect((await adminList()).networks.nodes.map((node) => node.id)).not.toContain(created.id);
    expect((await adminList(true)).networks.nodes.map((node) => node.id)).toContain(created.id);
    expect((await publicTenant(api, "kalmar")).networks.nodes.map((node) => node.id)).not.toContain(created.id);
    expect((await ok<{ network: Network }>(api, actors.admin, ONE, { id: created.id })).network.retiredAt).toBe(retired.retiredAt);

    const registration = await api.graphql(REGISTER_MEMBER, {
      variables: { input: registrationInput(kalmar, { networkIds: [created.id] }) },
    });
    expect(errorCode(registration)).toBe("BAD_USER_INPUT");

    const again = await retire({ id: created.id, expectedVersion: 3 });
    expect(again.data?.retireNetwork.network).toMatchObject({ retiredAt: retired.retiredAt, version: 3 });
    const trail = await auditTrail(api, "Network", created.id);
    expect(trail).toHaveLength(3);
    expect(trail[2]).toMatchObject({ purpose: "retire", before: expect.objectContaining({ retiredAt: null }) });

    const reuse = await create(brukarradet());
    expect(reuse.data?.createNetwork.errors[0]?.__typename).toBe("SlugTaken");
  });

  it("pages through the networks with cursors", async () => {
    const all = await adminList(true);
    const first = await ok<Connection>(api, actors.admin, NETWORKS, { includeRetired: true, first: 1 });
    expect(first.networks.totalCount).toBe(all.networks.totalCount);
    expect(first.networks.nodes).toHaveLength(1);
    expect(first.networks.pageInfo.hasNextPage).toBe(true);
    const second = await ok<Connection>(api, actors.admin, NETWORKS, {
      includeRetired: true,
      first: 100,
      after: first.networks.pageInfo.endCursor,
    });
    expect([...first.networks.nodes, ...second.networks.nodes].map((node) => node.id)).toEqual(all.networks.nodes.map((node) => node.id));
  });
});

describe("networks across tenants", () => {
  it("a foreign network reads exactly like a missing one", async () => {
    const foreignId = vgr.networks.nodes[0]?.id as string;
    const foreign = await api.graphql(ONE, { token: actors.admin, variables: { id: foreignId } });
    const missing = await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ network: null });
    const listed = (await adminList(true)).networks.nodes.map((node) => node.id);
    for (const network of vgr.networks.nodes) expect(listed).not.toContain(network.id);
  });

  it("changing or retiring a foreign network answers NotFound, like a missing one, and changes nothing", async () => {
    const foreignId = vgr.networks.nodes[0]?.id as string;
    const before = await ok<{ network: Network }>(api, actors.foreignAdmin, ONE, { id: foreignId });
    for (const mutate of [
      (id: string) => update({ id, expectedVersion: before.network.version, name: "Kapad" }),
      (id: string) => retire({ id, expectedVersion: before.network.version }),
    ]) {
      const foreign = await mutate(foreignId);
      const missing = await mutate(MISSING_ID);
      expect(foreign).toEqual(missing);
      const payload = Object.values(foreign.data ?? {})[0];
      expect(payload?.network).toBeNull();
      expect(payload?.errors.map((error) => error.__typename)).toEqual(["NotFound"]);
    }
    const after = await ok<{ network: Network }>(api, actors.foreignAdmin, ONE, { id: foreignId });
    expect(after).toEqual(before);
  });
});

describe("network permissions", () => {
  it("refuses every network mutation and the admin listing to anyone but a tenant admin", async () => {
    const others = [actors.coordinator, actors.requester, actors.analyst, undefined];
    const id = kalmar.networks.nodes[0]?.id;
    await expectForbidden(api, others, CREATE, { input: brukarradet({ slug: "forbidden" }) });
    await expectForbidden(api, others, UPDATE, { input: { id, expectedVersion: 1, name: "Forbidden" } });
    await expectForbidden(api, others, RETIRE, { input: { id, expectedVersion: 1 } });
    await expectForbidden(api, others, NETWORKS, {});
    expect((await publicTenant(api, "kalmar")).networks.nodes.map((node) => node.slug)).not.toContain("forbidden");
  });
});
