import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  activePool,
  contactSharingVersion,
  holdOccasionYesterday,
  INVITE,
  type InvitationView,
  memberTokens,
  mutate,
  participants,
  query,
  RECORD_ATTENDANCE,
  WITHDRAW_CONSENT,
} from "../invitations/invitations.js";
import { startMatching, submitRequest } from "../support/requests.js";

// SECURITY.md "Contact details": a requesting unit knows who a participant is only while the participant's consent to
// share their contact details with that unit for that request stands, and not after they restricted processing. The
// rule behind `Request.participants` decides it everywhere the unit could learn a name — here the fee claims a unit
// attests (Jönköping: units attest).

const RESTRICT = `mutation($input: RestrictProcessingInput!) { restrictProcessing(input: $input) { privacy { restrictedAt } errors { __typename } } }`;
const PREPARE = `mutation($input: PrepareFeeClaimsInput!) { prepareFeeClaims(input: $input) { createdCount claims { id } errors { __typename } } }`;
const CLAIMS = `query($filter: FeeClaimFilter) { feeClaims(filter: $filter, first: 100) { nodes { id assignmentId participantName } } }`;
const CLAIM = `query($id: ID!) { feeClaim(id: $id) { id assignmentId participantName } }`;

type ClaimView = { id: string; assignmentId: string; participantName: string | null };

let api: TestApi;
let coordinator: string;
let requester: string;
let occasionId: string;
/** The two participants: one will withdraw the consent, one will restrict processing. */
const people: Array<{ memberId: string; token: string; invitationId: string; assignmentId: string; name: string }> = [];

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  const prisma = api.running.database.prisma;
  const network = await prisma.network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } });
  const version = await contactSharingVersion(api, "jonkoping");
  const pool = await activePool(api, coordinator, network.id, 2);
  const tokens = await memberTokens(api, "jonkoping", pool);

  const requestId = await submitRequest(api, requester, { networkSlug: "levande-bibliotek", numberOfPersons: 2 });
  await startMatching(api, coordinator, requestId);
  const invited = await mutate<{ invitations: InvitationView[] }>(api, coordinator, INVITE, {
    requestId,
    memberIds: pool,
    message: "Hej!",
  });
  for (const invitation of invited.invitations) {
    const token = tokens.get(invitation.invitee.memberId) as string;
    const accepted = await accept(api, token, invitation.id, version);
    people.push({
      memberId: invitation.invitee.memberId,
      token,
      invitationId: invitation.id,
      assignmentId: accepted.invitation?.assignmentId as string,
      name: `${invitation.invitee.givenName} ${invitation.invitee.familyName}`,
    });
  }
  occasionId = (await prisma.occasion.findFirstOrThrow({ where: { requestId }, select: { id: true } })).id;
  await holdOccasionYesterday(api, occasionId);
  for (const person of people) {
    await mutate(api, requester, RECORD_ATTENDANCE, {
      assignmentId: person.assignmentId,
      occasionId,
      attended: true,
      durationMinutes: 120,
      travelMinutes: 30,
    });
  }
  // Attendance prepares the draft claims; preparing again makes sure they are there.
  await mutate(api, coordinator, PREPARE, { occasionId });
});

afterAll(async () => {
  await api?.stop();
});

async function claimsAs(token: string): Promise<Map<string, ClaimView>> {
  const data = await query<{ feeClaims: { nodes: ClaimView[] } }>(api, token, CLAIMS, { filter: { occasionId } });
  return new Map(data.feeClaims.nodes.map((claim) => [claim.assignmentId, claim]));
}

describe("a participant's name on fee claims", () => {
  it("is shown to the unit while the consent stands (the control)", async () => {
    const claims = await claimsAs(requester);
    for (const person of people) expect(claims.get(person.assignmentId)?.participantName).toBe(person.name);
    expect((await participants(api, requester, await requestIdOf())).map((p) => `${p.givenName} ${p.familyName}`).sort()).toEqual(
      people.map((p) => p.name).sort(),
    );
  });

  it("is hidden from the unit once the participant withdraws the consent, or restricts processing", async () => {
    const [withdrawing, restricting] = people as [(typeof people)[0], (typeof people)[0]];
    await mutate(api, withdrawing.token, WITHDRAW_CONSENT, { invitationId: withdrawing.invitationId });
    const restricted = await api.graphql<{ restrictProcessing: { privacy: { restrictedAt: string } | null } }>(RESTRICT, {
      token: restricting.token,
      variables: { input: {} },
    });
    expect(restricted.data?.restrictProcessing.privacy?.restrictedAt).toBeTruthy();

    // Request.participants hides both (as it always did) …
    expect(await participants(api, requester, await requestIdOf())).toEqual([]);
    // … and so do the unit's fee claims, listed and read one by one.
    const claims = await claimsAs(requester);
    expect(claims.size).toBe(2);
    for (const person of people) {
      const claim = claims.get(person.assignmentId) as ClaimView;
      expect(claim.participantName).toBeNull();
      const one = await query<{ feeClaim: ClaimView | null }>(api, requester, CLAIM, { id: claim.id });
      expect(one.feeClaim?.participantName).toBeNull();
    }
    // The network's coordinator still pays them, and the participant still sees their own claim.
    const coordinatorClaims = await claimsAs(coordinator);
    for (const person of people) expect(coordinatorClaims.get(person.assignmentId)?.participantName).toBe(person.name);
    const own = await query<{ myFeeClaims: { nodes: ClaimView[] } }>(
      api,
      withdrawing.token,
      `query { myFeeClaims(first: 10) { nodes { id assignmentId participantName } } }`,
    );
    expect(own.myFeeClaims.nodes.find((c) => c.assignmentId === withdrawing.assignmentId)?.participantName).toBe(withdrawing.name);
  });
});

async function requestIdOf(): Promise<string> {
  const row = await api.running.database.prisma.occasion.findFirstOrThrow({ where: { id: occasionId }, select: { requestId: true } });
  return row.requestId;
}
