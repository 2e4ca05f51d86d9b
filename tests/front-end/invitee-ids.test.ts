import { createHash } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activePool,
  INVITE,
  type InvitationView,
  mutate,
  query,
  REQUEST_INVITATIONS,
  WITHDRAW_INVITATION,
} from "../invitations/invitations.js";
import { startMatching, submitRequest } from "../support/requests.js";

// Issue 16: an invitee is an object of its own for client caches. Its id is not the member's (Apollo, urql and Relay
// would otherwise merge the invitee's fields into the cached Member), it is stable for the invitation, and `node(id:)`
// finds it for exactly the coordinators who may read the invitation — another network's, another tenant's, a member
// and a requester get null, as for a missing id. The member's id is `memberId`.

const NODE = `query N($id: ID!) { node(id: $id) { __typename id ... on Invitee { memberId givenName familyName } } }`;
const INVITEE = `query I($id: ID!) { invitee(id: $id) { id memberId givenName } }`;

/** RFC 9562 appendix B.2 (name-based UUID v8, SHA-256) of the invitation id in the invitee namespace, computed here on its own. */
function expectedInviteeId(invitationId: string): string {
  const namespace = Buffer.from("2b0f6c1e9d4a4f6e8c3b7a5d1e2f3a4b", "hex");
  const digest = createHash("sha256")
    .update(Buffer.concat([namespace, Buffer.from(invitationId.replaceAll("-", ""), "hex")]))
    .digest()
    .subarray(0, 16);
  digest[6] = ((digest[6] as number) & 0x0f) | 0x80;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const hex = digest.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let api: TestApi;
let library: string;
let peer: string;
let invitation: InvitationView;
let requestId: string;

beforeAll(async () => {
  api = await startTestApi();
  const requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  library = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  peer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  requestId = await submitRequest(api, requester, { networkSlug: "levande-bibliotek", title: "Inbjudna har egna id" });
  await startMatching(api, library, requestId);
  const { networkId } = await api.running.database.prisma.request.findFirstOrThrow({
    where: { id: requestId },
    select: { networkId: true },
  });
  const [memberId] = await activePool(api, library, networkId, 1);
  const sent = await mutate<{ invitations: InvitationView[] }>(api, library, INVITE, { requestId, memberIds: [memberId] });
  expect(sent.errors).toEqual([]);
  invitation = sent.invitations[0] as InvitationView;
});

afterAll(async () => {
  await api?.stop();
});

describe("Invitee.id", () => {
  it("is the invitee's own id, derived from the invitation, and memberId is the member's", async () => {
    const member = await api.running.database.prisma.invitation.findFirstOrThrow({
      where: { id: invitation.id },
      select: { memberId: true },
    });
    expect(invitation.invitee.memberId).toBe(member.memberId);
    expect(invitation.invitee.id).not.toBe(member.memberId);
    expect(invitation.invitee.id).not.toBe(invitation.id);
    expect(invitation.invitee.id).toBe(expectedInviteeId(invitation.id));
    // The same in the request's list of invitations.
    const listed = await query<{ request: { invitations: { nodes: InvitationView[] } } }>(api, library, REQUEST_INVITATIONS, {
      id: requestId,
    });
    expect(listed.request.invitations.nodes.map((node) => node.invitee)).toEqual([invitation.invitee]);
  });

  it("stays the same when the member is asked again (the invitation is reopened)", async () => {
    const withdrawn = await mutate<{ invitation: InvitationView | null }>(api, library, WITHDRAW_INVITATION, {
      invitationId: invitation.id,
    });
    expect(withdrawn.errors).toEqual([]);
    const again = await mutate<{ invitations: InvitationView[] }>(api, library, INVITE, {
      requestId,
      memberIds: [invitation.invitee.memberId],
    });
    expect(again.errors).toEqual([]);
    expect(again.invitations[0]?.invitee.id).toBe(invitation.invitee.id);
  });
});

describe("node(id:) of an invitee", () => {
  it("answers the coordinator of the request's network, and the read is in the member's access log", async () => {
    const prisma = api.running.database.prisma;
    const reads = () =>
      prisma.auditEvent.count({
        where: { memberId: invitation.invitee.memberId, action: "READ", purpose: "request invitations" },
      });
    const before = await reads();
    const response = await api.graphql<{ node: unknown }>(NODE, { token: library, variables: { id: invitation.invitee.id } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.node).toEqual({
      __typename: "Invitee",
      id: invitation.invitee.id,
      memberId: invitation.invitee.memberId,
      givenName: invitation.invitee.givenName,
      familyName: invitation.invitee.familyName,
    });
    expect(await reads()).toBe(before + 1);
    const direct = await api.graphql<{ invitee: unknown }>(INVITEE, { token: library, variables: { id: invitation.invitee.id } });
    expect(direct.data?.invitee).toEqual({
      id: invitation.invitee.id,
      memberId: invitation.invitee.memberId,
      givenName: invitation.invitee.givenName,
    });
  });

  it("is null for another network's coordinator, another tenant, a member, a requester and the member's own id", async () => {
    const [vgrCoordinator, member, requester] = await Promise.all([
      api.tokenFor({ tenant: "vgr", role: "coordinator" }),
      api.tokenFor({ tenant: "jonkoping", role: "member" }),
      api.tokenFor({ tenant: "jonkoping", role: "requester" }),
    ]);
    for (const token of [peer, vgrCoordinator, member, requester]) {
      const response = await api.graphql(NODE, { token, variables: { id: invitation.invitee.id } });
      expect(response.data).toEqual({ node: null });
      expect(response.errors).toBeUndefined();
    }
    for (const token of [peer, vgrCoordinator]) {
      const response = await api.graphql(INVITEE, { token, variables: { id: invitation.invitee.id } });
      expect(response.data).toEqual({ invitee: null });
    }
    // The member's id is a Member node, never an Invitee.
    const asMember = await api.graphql<{ node: { __typename: string } | null }>(NODE, {
      token: library,
      variables: { id: invitation.invitee.memberId },
    });
    expect(asMember.data?.node?.__typename).toBe("Member");
  });
});
