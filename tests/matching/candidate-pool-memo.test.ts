import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { startMatching, submitRequest } from "../support/requests.js";
import { type SecondInstance, startSecondInstance } from "../support/second-instance.js";

// Issue 19 item 5: the candidate ranking remembers each network's pool under the tenant's candidate pool version,
// which the database replaces in every transaction that changes what the pool is read from. A repeat reads the
// version, the request's own facts and the shortlist — not the pool — and any change shows in the very next ranking,
// on this instance and on another. Everything here goes through the API: the member changes their own profile and
// pauses, the coordinator restricts processing, as they would.

const CANDIDATES = graphql(`query PoolMemoCandidates($requestId: ID!) {
  requestCandidates(requestId: $requestId, first: 100) {
    eligibleCount
    excluded { code count }
    nodes { rank score member { id } reasons { code points } }
  }
}`);

const OPEN_REQUESTS = graphql(`query PoolMemoOpenRequests {
  requests(first: 100, filter: { status: [SUBMITTED, MATCHING, PARTLY_FILLED] }) { nodes { id occasions { startsAt } } }
}`);

const ME = graphql(`query PoolMemoMe { me { member { id version } } }`);

const UPDATE_PROFILE = graphql(`mutation PoolMemoUpdateProfile($input: UpdateMyProfileInput!) {
  updateMyProfile(input: $input) { member { id version accessibilityNeeds } errors { ... on ErrorResult { message } } }
}`);

const ADD_PAUSE = graphql(`mutation PoolMemoAddPause($input: AddMyPauseInput!) {
  addMyPause(input: $input) { pause { id } errors { ... on ErrorResult { message } } }
}`);

const REMOVE_PAUSE = graphql(`mutation PoolMemoRemovePause($input: RemoveMyPauseInput!) {
  removeMyPause(input: $input) { errors { ... on ErrorResult { message } } }
}`);

const RESTRICT = graphql(`mutation PoolMemoRestrict($input: RestrictProcessingInput!) {
  restrictProcessing(input: $input) { errors { ... on ErrorResult { message } } }
}`);

const LIFT = graphql(`mutation PoolMemoLift($input: LiftRestrictionInput!) {
  liftRestriction(input: $input) { errors { ... on ErrorResult { message } } }
}`);

const INVITE = graphql(`mutation PoolMemoInvite($input: InviteMembersInput!) {
  inviteMembers(input: $input) { invitations { id } errors { ... on ErrorResult { message } } }
}`);

const CONSENT_TEXT = graphql(
  `query PoolMemoConsentText($slug: String!) { tenant(slug: $slug) { currentConsentText(kind: CONTACT_SHARING) { version } } }`,
);

const RESPOND = graphql(`mutation PoolMemoRespond($input: RespondToInvitationInput!) {
  respondToInvitation(input: $input) { invitation { status } errors { ... on ErrorResult { message } } }
}`);

let api: TestApi;
let coordinator: string;
let member: string;
let memberId: string;
let requestId: string;
/** The first occasion of the request that has not ended. */
let occasionStart: string;

const stockholmDay = (at: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(at);

async function ranking(on: TestApi["graphql"] = api.graphql) {
  const response = await on(CANDIDATES, { token: coordinator, variables: { requestId } });
  expect(response.errors).toBeUndefined();
  const candidates = response.data?.requestCandidates;
  if (!candidates) throw new Error("no candidates");
  return candidates;
}

const reasonsOf = (candidates: Awaited<ReturnType<typeof ranking>>) =>
  candidates.nodes.find((node) => node.member.id === memberId)?.reasons.map((reason) => reason.code) ?? null;

async function statementsOf<T>(send: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = sqlStatementCounter.count;
  const result = await send();
  return { result, statements: sqlStatementCounter.count - before };
}

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  // Jönköping's first member: active in Levande bibliotek.
  member = await api.tokenFor({ tenant: "jonkoping", role: "member" });
  const me = await api.graphql(ME, { token: member });
  memberId = me.data?.me?.member?.id as string;
  expect(memberId).toBeTruthy();
  // A request of the network the member could be asked to, with every occasion after next week (so a pause this week
  // lowers the rank rather than excluding).
  const week = Date.now() + 8 * 86_400_000;
  const open = await api.graphql(OPEN_REQUESTS, { token: coordinator });
  for (const request of open.data?.requests?.nodes ?? []) {
    if (request.occasions.length === 0 || request.occasions.some((occasion) => Date.parse(occasion.startsAt) < week)) continue;
    requestId = request.id;
    occasionStart = request.occasions.map((occasion) => occasion.startsAt).sort()[0] as string;
    if (reasonsOf(await ranking()) !== null) break;
    requestId = "";
  }
  expect(requestId, "an open Levande bibliotek request with the member among its candidates").toBeTruthy();
});

afterAll(async () => {
  await api?.stop();
});

describe("the candidate pool remembered under its version", () => {
  it("answers a repeat from memory: the same ranking, one statement fewer", async () => {
    const first = await ranking();
    const repeat = await statementsOf(() => ranking());
    const again = await statementsOf(() => ranking());
    expect(repeat.result).toEqual(first);
    expect(again.result).toEqual(first);
    expect(again.statements).toBe(repeat.statements);

    // A change anywhere in the tenant's pool facts: the next ranking reads the pool again, once.
    const version = (await api.graphql(ME, { token: member })).data?.me?.member?.version as number;
    const changed = await api.graphql(UPDATE_PROFILE, {
      token: member,
      variables: { input: { expectedVersion: version, accessibilityNeeds: "Hörslinga" } },
    });
    expect(changed.data?.updateMyProfile.errors).toEqual([]);
    const reread = await statementsOf(() => ranking());
    expect(reread.statements).toBe(repeat.statements + 1);
    expect((await statementsOf(() => ranking())).statements).toBe(repeat.statements);
  });

  it("shows the member's own profile change in the next ranking", async () => {
    await ranking();
    const version = (await api.graphql(ME, { token: member })).data?.me?.member?.version as number;
    const cleared = await api.graphql(UPDATE_PROFILE, {
      token: member,
      variables: { input: { expectedVersion: version, accessibilityNeeds: "" } },
    });
    expect(cleared.data?.updateMyProfile.errors).toEqual([]);
    expect(reasonsOf(await ranking())).not.toContain("ACCESSIBILITY_NEEDS");

    const needs = await api.graphql(UPDATE_PROFILE, {
      token: member,
      variables: { input: { expectedVersion: version + 1, accessibilityNeeds: "Rullstol, behöver hiss" } },
    });
    expect(needs.data?.updateMyProfile.errors).toEqual([]);
    expect(reasonsOf(await ranking())).toContain("ACCESSIBILITY_NEEDS");
  });

  it("shows a pause the member adds, and removes, in the next ranking", async () => {
    expect(reasonsOf(await ranking())).not.toContain("PAUSED_TODAY");
    const today = stockholmDay(new Date());
    const nextWeek = stockholmDay(new Date(Date.now() + 6 * 86_400_000));
    const added = await api.graphql(ADD_PAUSE, {
      token: member,
      variables: { input: { startsOn: today, endsOn: nextWeek, reason: "Resa" } },
    });
    expect(added.data?.addMyPause.errors).toEqual([]);
    expect(reasonsOf(await ranking())).toContain("PAUSED_TODAY");

    const removed = await api.graphql(REMOVE_PAUSE, {
      token: member,
      variables: { input: { pauseId: added.data?.addMyPause.pause?.id as string } },
    });
    expect(removed.data?.removeMyPause.errors).toEqual([]);
    expect(reasonsOf(await ranking())).not.toContain("PAUSED_TODAY");
  });

  it("leaves out a member whose processing is restricted from the next ranking, and takes them back when it is lifted", async () => {
    const before = await ranking();
    expect(reasonsOf(before)).not.toBeNull();
    const restricted = await api.graphql(RESTRICT, {
      token: coordinator,
      variables: { input: { memberId, channel: "PHONE", note: "Bad om det i telefon." } },
    });
    expect(restricted.data?.restrictProcessing.errors).toEqual([]);
    const during = await ranking();
    expect(reasonsOf(during)).toBeNull();
    expect(during.eligibleCount).toBe(before.eligibleCount - 1);

    const lifted = await api.graphql(LIFT, {
      token: coordinator,
      variables: { input: { memberId, channel: "PHONE", note: "Hörde av sig igen." } },
    });
    expect(lifted.data?.liftRestriction.errors).toEqual([]);
    const after = await ranking();
    expect(reasonsOf(after)).not.toBeNull();
    expect(after.eligibleCount).toBe(before.eligibleCount);
  });

  it("reads the request's own facts every time: an assignment on the same day elsewhere lowers the member at once", async () => {
    expect(reasonsOf(await ranking())).not.toContain("BOOKED_ON_OCCASION_DATE");
    // Another request of the network on the same day; the member is invited to it and accepts.
    const requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
    const endsAt = new Date(Date.parse(occasionStart) + 3_600_000).toISOString();
    const other = await submitRequest(api, requester, {
      networkSlug: "levande-bibliotek",
      title: "Samma dag, annan förfrågan",
      occasions: [{ startsAt: occasionStart, endsAt, place: "Ryhov, sal 3" }],
    });
    await startMatching(api, coordinator, other);
    const invited = await api.graphql(INVITE, { token: coordinator, variables: { input: { requestId: other, memberIds: [memberId] } } });
    expect(invited.data?.inviteMembers.errors).toEqual([]);
    const invitationId = invited.data?.inviteMembers.invitations[0]?.id as string;
    const consent = await api.graphql(CONSENT_TEXT, { variables: { slug: "jonkoping" } });
    const version = consent.data?.tenant?.currentConsentText?.version as string;
    const accepted = await api.graphql(RESPOND, {
      token: member,
      variables: { input: { invitationId, accept: true, consentTextVersion: version } },
    });
    expect(accepted.data?.respondToInvitation.errors).toEqual([]);
    expect(accepted.data?.respondToInvitation.invitation?.status).toBe("ACCEPTED");

    const after = await ranking();
    expect(reasonsOf(after)).toContain("BOOKED_ON_OCCASION_DATE");
    const points = after.nodes
      .find((node) => node.member.id === memberId)
      ?.reasons.find((reason) => reason.code === "BOOKED_ON_OCCASION_DATE");
    expect(points?.points).toBe(-15);
  });

  it("shows a change made through one instance in the next ranking on another", async () => {
    let second: SecondInstance | undefined;
    try {
      second = await startSecondInstance(api);
      const other = second.api.graphql;
      expect(reasonsOf(await ranking(other))).not.toContain("PAUSED_TODAY");
      // Remembered on the second instance now; the pause is added through the first.
      const added = await api.graphql(ADD_PAUSE, {
        token: member,
        variables: { input: { startsOn: stockholmDay(new Date()), endsOn: stockholmDay(new Date(Date.now() + 3 * 86_400_000)) } },
      });
      expect(added.data?.addMyPause.errors).toEqual([]);
      expect(reasonsOf(await ranking(other))).toContain("PAUSED_TODAY");
      await api.graphql(REMOVE_PAUSE, { token: member, variables: { input: { pauseId: added.data?.addMyPause.pause?.id as string } } });
      expect(reasonsOf(await ranking(other))).not.toContain("PAUSED_TODAY");
    } finally {
      await second?.stop();
    }
  });
});
