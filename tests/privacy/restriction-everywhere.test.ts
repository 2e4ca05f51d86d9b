import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activePool, INVITE, type InvitationView, mutate, query } from "../invitations/invitations.js";
import { startMatching, submitRequest } from "../support/requests.js";

// GDPR art. 18 across features: while a member's processing is restricted their data is only stored. The intake
// queue and the probable duplicates leave them out and they cannot be invited; once the restriction is lifted they
// are back where they were.

const RESTRICT = `mutation($input: RestrictProcessingInput!) { restrictProcessing(input: $input) { privacy { restrictedAt } errors { __typename } } }`;
const LIFT = `mutation($input: LiftRestrictionInput!) { liftRestriction(input: $input) { privacy { restrictedAt } errors { __typename } } }`;
const QUEUE = `query($networkId: ID) { intakeQueue(networkId: $networkId, first: 100) { totalCount nodes { membership { id } member { id } } } }`;

const DUPLICATES = `query { duplicateCandidates(first: 100) { nodes { id member { id } existingMember { id } } } }`;

type Duplicates = { duplicateCandidates: { nodes: Array<{ id: string; member: { id: string }; existingMember: { id: string } }> } };
type Queue = { intakeQueue: { totalCount: number; nodes: Array<{ membership: { id: string }; member: { id: string } }> } };

let api: TestApi;
let coordinator: string;
let requester: string;
let networkId: string;
let queued: string;
let pooled: string;

const queue = async () => (await query<Queue>(api, coordinator, QUEUE, { networkId })).intakeQueue;
const queuedMemberIds = async () => (await queue()).nodes.map((node) => node.member.id);
const duplicateMemberIds = async () =>
  (await query<Duplicates>(api, coordinator, DUPLICATES)).duplicateCandidates.nodes.flatMap((node) => [
    node.member.id,
    node.existingMember.id,
  ]);

async function invite(memberId: string) {
  const requestId = await submitRequest(api, requester, { networkSlug: "levande-bibliotek", numberOfPersons: 1 });
  await startMatching(api, coordinator, requestId);
  return mutate<{ invitations: InvitationView[] }>(api, coordinator, INVITE, { requestId, memberIds: [memberId], message: "Hej!" });
}

async function setRestriction(document: string, memberId: string) {
  const payload = await mutate<{ privacy: { restrictedAt: string | null } }>(api, coordinator, document, { memberId, channel: "PHONE" });
  expect(payload.errors).toEqual([]);
  return payload.privacy.restrictedAt;
}

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  const network = await api.running.database.prisma.network.findFirstOrThrow({
    where: { slug: "levande-bibliotek", tenant: { slug: "jonkoping" } },
    select: { id: true },
  });
  networkId = network.id;
  // The seed's person who registered again on paper: waiting in the queue and flagged as a probable duplicate.
  const [duplicate] = (await query<Duplicates>(api, coordinator, DUPLICATES)).duplicateCandidates.nodes;
  queued = duplicate?.member.id as string;
  expect(queued, "the seed has an open probable duplicate in Levande bibliotek").toBeTruthy();
  expect(await queuedMemberIds()).toContain(queued);
  [pooled] = (await activePool(api, coordinator, networkId, 1)) as [string];
});

afterAll(async () => {
  await api?.stop();
});

describe("a restricted member", () => {
  let totalBefore: number;

  it("is left out of the intake queue and the probable duplicates", async () => {
    totalBefore = (await queue()).totalCount;
    expect(await setRestriction(RESTRICT, queued)).toBeTruthy();
    const after = await queue();
    expect(after.nodes.map((node) => node.member.id)).not.toContain(queued);
    expect(after.totalCount).toBe(totalBefore - 1);
    expect(await duplicateMemberIds()).not.toContain(queued);
  });

  it("cannot be invited: the payload names the member and the reason, and nothing is written", async () => {
    expect(await setRestriction(RESTRICT, pooled)).toBeTruthy();
    const invitationsOf = () => api.running.database.prisma.invitation.count({ where: { memberId: pooled } });
    const before = await invitationsOf();
    const { invitations, errors } = await invite(pooled);
    expect(invitations).toEqual([]);
    expect(errors).toMatchObject([{ __typename: "MemberNotInvitable", memberId: pooled, reason: "RESTRICTED" }]);
    expect(errors[0]?.messageSv && errors[0]?.messageEn).toBeTruthy();
    expect(await invitationsOf()).toBe(before);
  });

  it("is back in the queue and can be invited once the restriction is lifted", async () => {
    expect(await setRestriction(LIFT, queued)).toBeNull();
    expect(await setRestriction(LIFT, pooled)).toBeNull();
    expect(await queuedMemberIds()).toContain(queued);
    expect((await queue()).totalCount).toBe(totalBefore);
    expect(await duplicateMemberIds()).toContain(queued);
    const { invitations, errors } = await invite(pooled);
    expect(errors).toEqual([]);
    expect(invitations.map((invitation) => [invitation.invitee.memberId, invitation.status])).toEqual([[pooled, "PENDING"]]);
  });
});
