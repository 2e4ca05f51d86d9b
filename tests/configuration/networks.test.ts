import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { CreateNetworkInput, NetworkFieldsFragment, RetireNetworkInput, UpdateNetworkInput } from "../generated/graphql.js";
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
import { fieldErrors } from "../support/errors.js";
import { type PublicTenant, publicTenant, REGISTER_MEMBER_TYPED, typedRegistrationInput } from "../support/registration.js";

// SPEC §4.10: a tenant admin creates, changes and retires networks — name, slug, care domain, contact address and
// which intake rules, request form and fee schedule apply (or the tenant's default) — validated and audited.

graphql(`fragment NetworkFields on Network {
  id slug name description careDomain contactEmail intakeRuleSetId requestFormId feeScheduleId retiredAt version
}`);

const CREATE = graphql(`mutation CreateNetworkOfTenant($input: CreateNetworkInput!) {
  createNetwork(input: $input) {
    network { ...NetworkFields } errors { __typename ...PayloadErrorFields ... on SlugTaken { slug } } } }`);
const UPDATE = graphql(`mutation UpdateNetworkOfTenant($input: UpdateNetworkInput!) {
  updateNetwork(input: $input) {
    network { ...NetworkFields } errors { __typename ...PayloadErrorFields ... on SlugTaken { slug } } } }`);
const RETIRE = graphql(`mutation RetireNetworkOfTenant($input: RetireNetworkInput!) {
  retireNetwork(input: $input) { network { ...NetworkFields } errors { __typename ...PayloadErrorFields } } }`);
const NETWORKS = graphql(`query NetworksOfTenant($includeRetired: Boolean! = false, $first: Int, $after: String) {
  networks(includeRetired: $includeRetired, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ...NetworkFields } } }`);
const ONE = graphql(`query NetworkById($id: ID!) { network(id: $id) { ...NetworkFields } }`);
const DEFAULT_INTAKE_RULES = graphql(`query DefaultIntakeRuleSetOfTenant { intakeRuleSets(first: 20) { nodes { id isTenantDefault } } }`);

type Network = NetworkFieldsFragment;

let api: TestApi;
let actors: ConfigurationActors;
let kalmar: PublicTenant;
let vgr: PublicTenant;
let kalmarRuleSetId: string;
let vgrRuleSetId: string;
let adminStaffId: string;
/** Every region's administrator: the networks and audit events of all tenants, as the database held them. */
let everyAdmin: string[];

const create = (input: CreateNetworkInput, token = actors.admin) => api.graphql(CREATE, { token, variables: { input } });
const update = (input: UpdateNetworkInput, token = actors.admin) => api.graphql(UPDATE, { token, variables: { input } });
const retire = (input: RetireNetworkInput, token = actors.admin) => api.graphql(RETIRE, { token, variables: { input } });
const adminList = async (includeRetired = false) =>
  present((await query(api, actors.admin, NETWORKS, { includeRetired, first: 100 })).networks, "the networks");
const networkAs = async (token: string, id: string) => present((await query(api, token, ONE, { id })).network, "the network");
/** How many networks there are in all tenants, retired ones too (each region's administrator counts their own). */
const networkCount = async () => {
  let count = 0;
  for (const token of everyAdmin) {
    count += present((await query(api, token, NETWORKS, { includeRetired: true, first: 1 })).networks).totalCount;
  }
  return count;
};
const auditCount = () => auditEventCount(api, everyAdmin, ["Network"]);
const auditTrail = (id: string) => auditEventsAbout(api, actors.admin, id);
const defaultRuleSetOf = async (adminToken: string) =>
  present((await query(api, adminToken, DEFAULT_INTAKE_RULES)).intakeRuleSets?.nodes.find((set) => set.isTenantDefault)).id;

function brukarradet(overrides: Partial<CreateNetworkInput> = {}): CreateNetworkInput {
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
  everyAdmin = await everyRegionsAdmin(api);
  kalmarRuleSetId = await defaultRuleSetOf(actors.admin);
  vgrRuleSetId = await defaultRuleSetOf(actors.foreignAdmin);
  adminStaffId = await staffUserIdSeenBy(api, actors.admin, "kalmar-admin-1");
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
    const network = present(response.data?.createNetwork.network, "the created network");
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

    expect((await adminList()).nodes.map((node) => node.id)).toContain(network.id);
    const asCoordinator = await networkAs(actors.coordinator, created.id);
    expect(asCoordinator.name).toBe("Brukarrådet");
    const publicView = await publicTenant(api, "kalmar");
    expect(publicView.networks.nodes.map((node) => node.slug)).toContain("brukarradet");

    const trail = await auditTrail(network.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ subjectType: "Network", action: "WRITE", actorType: "STAFF", actorId: adminStaffId });
    expect(trail[0]?.details?.before).toBeNull();
    expect(trail[0]?.details?.after).toMatchObject({
      slug: "brukarradet",
      contactEmail: "brukarradet@regionkalmar.example.se",
      version: 1,
    });
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
    const network = present(response.data?.updateNetwork.network, "the updated network");
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
    expect(await networkAs(actors.admin, created.id)).toEqual(network);

    const trail = await auditTrail(created.id);
    expect(trail).toHaveLength(2);
    expect(trail[1]?.details?.before).toMatchObject({ name: "Brukarrådet", intakeRuleSetId: kalmarRuleSetId, version: 1 });
    expect(trail[1]?.details?.after).toMatchObject({ name: "Brukarrådet i Kalmar län", intakeRuleSetId: null, version: 2 });

    // Saving the same values again changes nothing: no new version, no audit event.
    const again = await update({ id: created.id, expectedVersion: 2, name: "Brukarrådet i Kalmar län" });
    expect(again.data?.updateNetwork.network?.version).toBe(2);
    expect(await auditTrail(created.id)).toHaveLength(2);
    created = network;
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const before = await auditCount();
    const response = await update({ id: created.id, expectedVersion: 1, name: "Lost update" });
    expect(errorCode(response)).toBe("CONFLICT");
    expect(response.data ?? null).toBeNull();
    expect(await networkAs(actors.admin, created.id)).toMatchObject({ name: "Brukarrådet i Kalmar län", version: 2 });
    expect(await auditCount()).toBe(before);
  });

  it("refuses invalid input with every field error at once, in both languages, and writes nothing", async () => {
    const [networks, audits] = [await networkCount(), await auditCount()];
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
    expect(await auditCount()).toBe(audits);
  });

  it("answers in the request's language", async () => {
    const response = await api.graphql(CREATE, {
      token: actors.admin,
      variables: { input: brukarradet({ slug: "x", contactEmail: "fel" }) },
      headers: { "accept-language": "en" },
    });
    const errors = fieldErrors(response);
    expect(errors).not.toHaveLength(0);
    expect(errors[0]?.message).toBe(errors[0]?.messages.en);
  });

  it("answers SlugTaken for a slug another network already has", async () => {
    const networks = await networkCount();
    const taken = present(kalmar.networks.nodes[0]).slug;
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
    const retired = present(response.data?.retireNetwork.network, "the retired network");
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.version).toBe(3);

    expect((await adminList()).nodes.map((node) => node.id)).not.toContain(created.id);
    expect((await adminList(true)).nodes.map((node) => node.id)).toContain(created.id);
    expect((await publicTenant(api, "kalmar")).networks.nodes.map((node) => node.id)).not.toContain(created.id);
    expect((await networkAs(actors.admin, created.id)).retiredAt).toBe(retired.retiredAt);

    const registration = await api.graphql(REGISTER_MEMBER_TYPED, {
      variables: { input: typedRegistrationInput(kalmar, { networkIds: [created.id] }) },
    });
    expect(errorCode(registration)).toBe("BAD_USER_INPUT");

    const again = await retire({ id: created.id, expectedVersion: 3 });
    expect(again.data?.retireNetwork.network).toMatchObject({ retiredAt: retired.retiredAt, version: 3 });
    const trail = await auditTrail(created.id);
    expect(trail).toHaveLength(3);
    expect(trail[2]).toMatchObject({ purpose: "retire", details: { before: expect.objectContaining({ retiredAt: null }) } });

    const reuse = await create(brukarradet());
    expect(reuse.data?.createNetwork.errors[0]?.__typename).toBe("SlugTaken");
  });

  it("pages through the networks with cursors", async () => {
    const all = await adminList(true);
    const first = present((await query(api, actors.admin, NETWORKS, { includeRetired: true, first: 1 })).networks);
    expect(first.totalCount).toBe(all.totalCount);
    expect(first.nodes).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = present(
      (await query(api, actors.admin, NETWORKS, { includeRetired: true, first: 100, after: first.pageInfo.endCursor })).networks,
    );
    expect([...first.nodes, ...second.nodes].map((node) => node.id)).toEqual(all.nodes.map((node) => node.id));
  });
});

describe("networks across tenants", () => {
  it("a foreign network reads exactly like a missing one", async () => {
    const foreignId = present(vgr.networks.nodes[0]).id;
    const foreign = await api.graphql(ONE, { token: actors.admin, variables: { id: foreignId } });
    const missing = await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ network: null });
    const listed = (await adminList(true)).nodes.map((node) => node.id);
    for (const network of vgr.networks.nodes) expect(listed).not.toContain(network.id);
  });

  it("changing or retiring a foreign network answers NotFound, like a missing one, and changes nothing", async () => {
    const foreignId = present(vgr.networks.nodes[0]).id;
    const before = await networkAs(actors.foreignAdmin, foreignId);
    for (const mutate of [
      async (id: string) => {
        const response = await update({ id, expectedVersion: before.version, name: "Kapad" });
        return { response, payload: response.data?.updateNetwork };
      },
      async (id: string) => {
        const response = await retire({ id, expectedVersion: before.version });
        return { response, payload: response.data?.retireNetwork };
      },
    ]) {
      const foreign = await mutate(foreignId);
      const missing = await mutate(MISSING_ID);
      expect(foreign.response).toEqual(missing.response);
      expect(foreign.payload?.network).toBeNull();
      expect(foreign.payload?.errors.map((error) => error.__typename)).toEqual(["NotFound"]);
    }
    const after = await networkAs(actors.foreignAdmin, foreignId);
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
