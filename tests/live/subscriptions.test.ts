import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accept, activePool, contactSharingVersion, INVITE, memberTokens, mutate } from "../invitations/invitations.js";
import { connect, type LiveClient, type Subscription, settle, subscribe } from "../support/live.js";
import { REGISTER_MEMBER } from "../support/queries.js";
import { newCitizen, type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";
import { startMatching, submitRequest } from "../support/requests.js";
import { type SecondInstance, startSecondInstance } from "../support/second-instance.js";

// Issue 17: live updates. Every subscription below is opened on instance A with a real graphql-ws client; every write
// is made through instance B (its own process on PostgreSQL, a second server on the same embedded database on PGlite).
// What reaches A came through the database's NOTIFY. The isolation matrix of the queries (tests/isolation,
// tests/security/other-networks.test.ts) is mirrored: another tenant, another network's coordinator, another unit's
// requester and another member subscribe to the same things and must receive nothing — checked after the rightful
// subscriber has received the same change, so the silence is not just slowness.

const REQUEST_STATUS = /* GraphQL */ `subscription($id: ID) { requestStatusChanged(requestId: $id) { id status networkId unitId } }`;
const MY_INVITATIONS = /* GraphQL */ `subscription { myInvitationChanged { id status request { id title } } }`;
const MY_ASSIGNMENTS = /* GraphQL */ `subscription { myAssignmentChanged { id status } }`;
const ANSWERS = /* GraphQL */ `subscription($n: ID, $r: ID) { invitationAnswered(networkId: $n, requestId: $r) { id status invitee { id memberId givenName } } }`;
const INTAKE = /* GraphQL */ `subscription($n: ID) { intakeQueueChanged(networkId: $n) { id status network { id } } }`;
const INBOX = /* GraphQL */ `subscription { inboxNotificationAdded { id kind title summary subjectType subjectId read } }`;

type RequestStatus = { requestStatusChanged: { id: string; status: string; networkId: string; unitId: string } };
type MyInvitation = { myInvitationChanged: { id: string; status: string; request: { id: string; title: string } | null } };
type MyAssignment = { myAssignmentChanged: { id: string; status: string } };
type Answer = { invitationAnswered: { id: string; status: string; invitee: { id: string; memberId: string; givenName: string } } };
type Intake = { intakeQueueChanged: { id: string; status: string; network: { id: string } } };
type Inbox = {
  inboxNotificationAdded: {
    id: string;
    kind: string;
    title: string;
    summary: string;
    subjectType: string;
    subjectId: string;
    read: boolean;
  };
};

let api: TestApi;
let second: SecondInstance;
let jonkoping: PublicTenant;
let vgr: PublicTenant;
const clients: LiveClient[] = [];
const tokens = {} as Record<
  "requester" | "otherUnit" | "library" | "peer" | "vgrCoordinator" | "vgrRequester" | "member" | "otherMember" | "vgrMember",
  string
>;
let memberId: string;
let otherMemberId: string;
let libraryId: string;

function client(token: string): LiveClient {
  const live = connect(api.url, token);
  clients.push(live);
  return live;
}

/** Waits until instance A has `count` subscriptions listening (the server has taken each subscribe message). */
async function listening(count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (api.running.server.liveEvents.size < count) {
    if (Date.now() > deadline) throw new Error(`only ${api.running.server.liveEvents.size} of ${count} subscriptions listening`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  api = await startTestApi();
  second = await startSecondInstance(api);
  [jonkoping, vgr] = await Promise.all([publicTenant(api, "jonkoping"), publicTenant(api, "vgr")]);
  libraryId = jonkoping.networks.nodes.find((network) => network.slug === "levande-bibliotek")?.id as string;
  tokens.requester = await api.tokenFor({ tenant: "jonkoping", subject: "jonkoping-requester-1" });
  tokens.otherUnit = await api.tokenFor({ tenant: "jonkoping", subject: "jonkoping-requester-2" });
  tokens.library = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.peer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  tokens.vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
  tokens.vgrRequester = await api.tokenFor({ tenant: "vgr", role: "requester" });
  [memberId, otherMemberId] = (await activePool(api, tokens.library, libraryId, 2)) as [string, string];
  const members = await memberTokens(api, "jonkoping", [memberId, otherMemberId]);
  tokens.member = members.get(memberId) as string;
  tokens.otherMember = members.get(otherMemberId) as string;
  tokens.vgrMember = await api.tokenFor({ tenant: "vgr", role: "member" });
});

afterAll(async () => {
  await Promise.all(clients.map((live) => live.dispose()));
  await second?.stop();
  await api?.stop();
});

describe("subscriptions deliver another instance's writes, and nothing across tenants, networks, units or members", () => {
  it("a request's status, an invitation, its answer, the assignment, the intake queue and the inbox", async () => {
    const B = second.api;
    // Rightful subscribers.
    const unitStatus = subscribe<RequestStatus>(client(tokens.requester), REQUEST_STATUS);
    const coordinatorStatus = subscribe<RequestStatus>(client(tokens.library), REQUEST_STATUS);
    const myInvitations = subscribe<MyInvitation>(client(tokens.member), MY_INVITATIONS);
    const myAssignments = subscribe<MyAssignment>(client(tokens.member), MY_ASSIGNMENTS);
    const memberInbox = subscribe<Inbox>(client(tokens.member), INBOX);
    const answers = subscribe<Answer>(client(tokens.library), ANSWERS, { n: libraryId });
    const coordinatorInbox = subscribe<Inbox>(client(tokens.library), INBOX);
    const intake = subscribe<Intake>(client(tokens.library), INTAKE);
    const memberStatus = subscribe<RequestStatus>(client(tokens.member), REQUEST_STATUS);
    // Everyone else, asking for the same things (and, across tenants, naming Jönköping's network).
    const outsiders: Array<[string, Subscription<unknown>]> = [
      ["another unit's requester: request status", subscribe(client(tokens.otherUnit), REQUEST_STATUS)],
      ["another network's coordinator: request status", subscribe(client(tokens.peer), REQUEST_STATUS)],
      ["another network's coordinator: answers", subscribe(client(tokens.peer), ANSWERS)],
      ["another network's coordinator: intake", subscribe(client(tokens.peer), INTAKE)],
      ["another tenant's coordinator: answers in Jönköping's network", subscribe(client(tokens.vgrCoordinator), ANSWERS, { n: libraryId })],
      ["another tenant's coordinator: intake in Jönköping's network", subscribe(client(tokens.vgrCoordinator), INTAKE, { n: libraryId })],
      ["another tenant's coordinator: request status", subscribe(client(tokens.vgrCoordinator), REQUEST_STATUS)],
      ["another tenant's requester: request status", subscribe(client(tokens.vgrRequester), REQUEST_STATUS)],
      ["another tenant's member: invitations", subscribe(client(tokens.vgrMember), MY_INVITATIONS)],
      ["another member: invitations", subscribe(client(tokens.otherMember), MY_INVITATIONS)],
      ["another member: request status", subscribe(client(tokens.otherMember), REQUEST_STATUS)],
      ["another member: assignments", subscribe(client(tokens.otherMember), MY_ASSIGNMENTS)],
      ["another member: inbox", subscribe(client(tokens.otherMember), INBOX)],
      ["another unit's requester: inbox", subscribe(client(tokens.otherUnit), INBOX)],
      ["another network's coordinator: inbox", subscribe(client(tokens.peer), INBOX)],
    ];
    await listening(9 + outsiders.length);

    // The unit submits through B; A's subscribers of the unit and the network hear of it.
    const requestId = await submitRequest(B, tokens.requester, { networkSlug: "levande-bibliotek" });
    expect((await unitStatus.waitFor((d) => d.requestStatusChanged.id === requestId)).requestStatusChanged.status).toBe("SUBMITTED");
    await coordinatorStatus.waitFor((d) => d.requestStatusChanged.id === requestId);
    await startMatching(B, tokens.library, requestId);
    await unitStatus.waitFor((d) => d.requestStatusChanged.id === requestId && d.requestStatusChanged.status === "MATCHING");

    // The coordinator invites the member through B.
    const invited = await mutate<{ invitations: Array<{ id: string }> }>(B, tokens.library, INVITE, {
      requestId,
      memberIds: [memberId],
      message: "Hej! Vill du vara med?",
    });
    const invitationId = invited.invitations[0]?.id as string;
    expect(invitationId).toBeDefined();
    const seen = await myInvitations.waitFor((d) => d.myInvitationChanged.id === invitationId);
    expect(seen.myInvitationChanged).toMatchObject({ status: "PENDING", request: { id: requestId } });
    const line = await memberInbox.waitFor((d) => d.inboxNotificationAdded.kind === "INVITATION");
    expect(line.inboxNotificationAdded).toMatchObject({ subjectType: "INVITATION", subjectId: invitationId, read: false });
    expect(line.inboxNotificationAdded.summary).not.toContain("Hej!");

    // The member accepts through B: the coordinator hears the answer, the member gets the assignment.
    await accept(B, tokens.member, invitationId, await contactSharingVersion(api, "jonkoping"));
    const answer = await answers.waitFor((d) => d.invitationAnswered.id === invitationId);
    expect(answer.invitationAnswered).toMatchObject({ status: "ACCEPTED", invitee: { memberId } });
    await myAssignments.waitFor((d) => d.myAssignmentChanged.status === "CONFIRMED");
    // The member follows the request they were invited to (not the ones before: they could not read those).
    const filled = await memberStatus.waitFor((d) => d.requestStatusChanged.id === requestId);
    expect(filled.requestStatusChanged.status).toBe("FILLED");
    expect(memberStatus.results).toHaveLength(1);
    await myInvitations.waitFor((d) => d.myInvitationChanged.id === invitationId && d.myInvitationChanged.status === "ACCEPTED");
    const answered = await coordinatorInbox.waitFor((d) => d.inboxNotificationAdded.kind === "INVITATION_ANSWERED");
    // The inbox line names the request, not the person (who is read through Request.invitations, audited).
    expect(answered.inboxNotificationAdded.summary).not.toContain(answer.invitationAnswered.invitee.givenName);

    // Someone registers for the library through B: the network's coordinator sees the intake queue move.
    const citizen = await newCitizen(api, "jonkoping");
    const registered = await B.graphql<{ registerMember: { errors: unknown[] } }>(REGISTER_MEMBER, {
      token: citizen.token,
      variables: {
        input: registrationInput(jonkoping, { networkIds: [libraryId], municipality: "Jönköping", birthDate: citizen.birthDate }),
      },
    });
    expect(registered.errors, JSON.stringify(registered.errors)).toBeUndefined();
    expect(registered.data?.registerMember.errors).toEqual([]);
    const queued = await intake.waitFor((d) => d.intakeQueueChanged.network.id === libraryId);
    expect(queued.intakeQueueChanged.status).toMatch(/REGISTERED|PENDING_GUARDIAN_CONSENT/);
    await coordinatorInbox.waitFor((d) => d.inboxNotificationAdded.kind === "REGISTRATION_QUEUED");

    await settle();
    for (const [who, subscription] of outsiders) expect(subscription.results, who).toEqual([]);
    // Every subscription is still open: silence was not a refusal.
    expect(api.running.server.liveEvents.size).toBe(9 + outsiders.length);
    expect(vgr.slug).toBe("vgr");
  });
});
