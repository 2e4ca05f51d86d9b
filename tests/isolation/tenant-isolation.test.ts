import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import { ME, MEMBERS, REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// SECURITY.md: a request for another tenant's object answers exactly as for an object that does not exist —
// through direct lookups, nested fields, connections and mutations with foreign ids.

const MISSING_ID = "01900000-0000-7000-8000-000000000000";

let api: TestApi;
let kalmar: PublicTenant;
let vgr: PublicTenant;
let kalmarCoordinator: string;
let vgrCoordinator: string;
let vgrMemberId: string;

const NETWORK = /* GraphQL */ `query Network($id: ID!) { network(id: $id) { id name } }`;
const MEMBER = /* GraphQL */ `query Member($id: ID!) { member(id: $id) { id givenName email } }`;

beforeAll(async () => {
  api = await startTestApi();
  [kalmar, vgr] = await Promise.all([publicTenant(api, "kalmar"), publicTenant(api, "vgr")]);
  kalmarCoordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
  const vgrMembers = await api.graphql<{ members: { nodes: { id: string }[] } }>(MEMBERS, {
    token: vgrCoordinator,
    variables: { first: 1 },
  });
  const id = vgrMembers.data?.members.nodes[0]?.id;
  if (!id) throw new Error(`VGR has no visible member: ${JSON.stringify(vgrMembers.errors)}`);
  vgrMemberId = id;
});

afterAll(async () => {
  await api?.stop();
});

describe("tenant isolation", () => {
  it("a foreign network looks exactly like a missing one", async () => {
    const foreignId = vgr.networks.nodes[0]?.id;
    const foreign = await api.graphql(NETWORK, { token: kalmarCoordinator, variables: { id: foreignId } });
    const missing = await api.graphql(NETWORK, { token: kalmarCoordinator, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ network: null });
    const own = await api.graphql<{ network: { id: string } }>(NETWORK, {
      token: kalmarCoordinator,
      variables: { id: kalmar.networks.nodes[0]?.id },
    });
    expect(own.data?.network.id).toBe(kalmar.networks.nodes[0]?.id);
  });

  it("a foreign member looks exactly like a missing one", async () => {
    const foreign = await api.graphql(MEMBER, { token: kalmarCoordinator, variables: { id: vgrMemberId } });
    const missing = await api.graphql(MEMBER, { token: kalmarCoordinator, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ member: null });
    const own = await api.graphql<{ member: { id: string } }>(MEMBER, { token: vgrCoordinator, variables: { id: vgrMemberId } });
    expect(own.data?.member.id).toBe(vgrMemberId);
  });

  it("connections hold only the caller's tenant, also when filtered by a foreign id", async () => {
    const own = await api.graphql<{ members: { nodes: { id: string; memberships: { network: { id: string } }[] }[] } }>(MEMBERS, {
      token: kalmarCoordinator,
      variables: { first: 100 },
    });
    const kalmarNetworkIds = new Set(kalmar.networks.nodes.map((network) => network.id));
    const nodes = own.data?.members.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.map((node) => node.id)).not.toContain(vgrMemberId);
    for (const node of nodes) {
      for (const membership of node.memberships) expect(kalmarNetworkIds.has(membership.network.id)).toBe(true);
    }
    const filteredByForeign = await api.graphql<{ members: { totalCount: number; nodes: unknown[] } }>(MEMBERS, {
      token: kalmarCoordinator,
      variables: { networkId: vgr.networks.nodes[0]?.id },
    });
    expect(filteredByForeign.data?.members).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  });

  it("nested fields stay inside the token's tenant", async () => {
    const me = await api.graphql<{ me: { tenant: { slug: string }; roles: { network: { slug: string } | null }[] } }>(ME, {
      token: kalmarCoordinator,
    });
    expect(me.data?.me.tenant.slug).toBe("kalmar");
    const kalmarSlugs = new Set(kalmar.networks.nodes.map((network) => network.slug));
    for (const role of me.data?.me.roles ?? []) if (role.network) expect(kalmarSlugs.has(role.network.slug)).toBe(true);
  });

  it("a mutation naming another tenant's network is refused like one naming no network", async () => {
    const foreign = await api.graphql(REGISTER_MEMBER, {
      token: kalmarCoordinator,
      variables: {
        input: registrationInput(kalmar, { networkIds: [vgr.networks.nodes[0]?.id], email: "same@example.se", familyName: "Same" }),
      },
    });
    const missing = await api.graphql(REGISTER_MEMBER, {
      token: kalmarCoordinator,
      variables: { input: registrationInput(kalmar, { networkIds: [MISSING_ID], email: "same@example.se", familyName: "Same" }) },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const strip = (response: typeof foreign) => fieldErrors(response).map((error) => [error.field, error.code, error.message]);
    expect(strip(foreign)).toEqual(strip(missing));
  });

  it("an id that is not even a UUID answers like a missing member", async () => {
    const response = await api.graphql(MEMBER, { token: vgrCoordinator, variables: { id: "not-a-uuid" } });
    expect(response.data).toEqual({ member: null });
  });
});
