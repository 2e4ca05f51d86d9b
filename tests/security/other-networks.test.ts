import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// SPEC §1 / SECURITY.md "Tenant isolation and authorisation": a coordinator sees personal data of members of the
// networks they coordinate only. In Jönköping one person can be both a levande bok (somatic care) and a peer
// (psychiatric care): the Peer coordinator must not learn of the Levande bibliotek membership, nor read Levande
// bibliotek's registrants in the development outbox — whose reads of personal data go in the access log.

const MEMBER = `query($id: ID!) { member(id: $id) { id memberships { id status network { slug } } } }`;
const DEV_OUTBOX = `query($first: Int) { devOutbox(first: $first) { totalCount nodes { id kind to subject text } } }`;

let api: TestApi;
let jonkoping: PublicTenant;
let peerCoordinator: string;
let libraryCoordinator: string;

const networkId = (slug: string) => jonkoping.networks.nodes.find((n) => n.slug === slug)?.id as string;

async function register(overrides: Record<string, unknown>): Promise<string> {
  const input = registrationInput(jonkoping, overrides);
  const response = await api.graphql<{ registerMember: { errors: unknown[] } }>(REGISTER_MEMBER, { variables: { input } });
  expect(response.data?.registerMember.errors).toEqual([]);
  const member = await api.running.database.prisma.member.findFirstOrThrow({
    where: { email: input.email as string },
    select: { id: true },
  });
  return member.id;
}

beforeAll(async () => {
  api = await startTestApi();
  jonkoping = await publicTenant(api, "jonkoping");
  peerCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  libraryCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
});

afterAll(async () => {
  await api?.stop();
});

describe("a member of two networks", () => {
  it("shows each network's coordinator that network's membership only", async () => {
    const memberId = await register({ networkIds: [networkId("peer"), networkId("levande-bibliotek")] });
    const read = async (token: string) => {
      const response = await api.graphql<{ member: { memberships: Array<{ network: { slug: string } }> } | null }>(MEMBER, {
        token,
        variables: { id: memberId },
      });
      expect(response.errors).toBeUndefined();
      return response.data?.member?.memberships.map((m) => m.network.slug).sort();
    };
    expect(await read(peerCoordinator)).toEqual(["peer"]);
    expect(await read(libraryCoordinator)).toEqual(["levande-bibliotek"]);
  });
});

describe("the development outbox", () => {
  it("shows a coordinator the messages of their own networks only, and logs each read of a member's message", async () => {
    const email = `bara.biblioteket.${Date.now().toString(36)}@example.se`;
    const memberId = await register({ networkIds: [networkId("levande-bibliotek")], email });
    const outbox = async (token: string) => {
      const response = await api.graphql<{ devOutbox: { nodes: Array<{ id: string; to: string; text: string }> } }>(DEV_OUTBOX, {
        token,
        variables: { first: 100 },
      });
      expect(response.errors).toBeUndefined();
      return response.data?.devOutbox.nodes ?? [];
    };
    // Levande bibliotek's coordinator sees the registrant's receipt (the control) …
    const library = await outbox(libraryCoordinator);
    const receipt = library.find((message) => message.to === email);
    expect(receipt).toBeDefined();
    // … Peer's coordinator does not.
    const peer = await outbox(peerCoordinator);
    expect(peer.some((message) => message.to === email || message.text.includes(email))).toBe(false);
    expect(peer.some((message) => message.id === receipt?.id)).toBe(false);

    // The read of the receipt is in the member's access log.
    const events = await api.running.database.prisma.auditEvent.findMany({
      where: { memberId, action: "READ", subjectType: "OutboxMessage", subjectId: receipt?.id },
    });
    expect(events.length).toBeGreaterThan(0);
  });
});
