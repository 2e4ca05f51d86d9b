import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdOccasion, prepareOne, SUBMIT, step } from "../fees/fees.js";
import { INVITE, type InvitationView, mutate, RESPOND } from "../invitations/invitations.js";
import { startMatching, submitRequest } from "../support/requests.js";

// The retention job anonymises members inactive for longer than the tenant's period, counted from Member.lastActiveAt.
// Each thing the member does themself moves it: their availability and pauses, an answer to an invitation, a
// confirmed fee claim.

const AVAILABILITY = `mutation($input: SetMyAvailabilityInput!) { setMyAvailability(input: $input) { member { availabilityNote } errors { __typename } } }`;
const ADD_PAUSE = `mutation($input: AddMyPauseInput!) { addMyPause(input: $input) { pause { id } errors { __typename } } }`;

const TENANT = "kalmar";
const SUBJECT = "kalmar-member-1";
const LONG_AGO = new Date("2020-01-01T00:00:00Z");

let api: TestApi;
const t: Record<string, string> = {};
const prisma = () => api.running.database.prisma;

const lastActiveAt = async () =>
  (await prisma().member.findFirstOrThrow({ where: { tenant: { slug: TENANT }, subject: SUBJECT }, select: { lastActiveAt: true } }))
    .lastActiveAt;

/** Scenario: the member has done nothing for years. */
async function idleForYears() {
  await prisma().member.updateMany({ where: { tenant: { slug: TENANT }, subject: SUBJECT }, data: { lastActiveAt: LONG_AGO } });
  expect(await lastActiveAt()).toEqual(LONG_AGO);
}

async function expectActiveSince(start: Date) {
  expect((await lastActiveAt()).getTime()).toBeGreaterThanOrEqual(start.getTime());
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startTestApi();
  t.member = await api.signToken({ subject: SUBJECT, audience: `medverkan:${TENANT}` });
  t.coordinator = await api.tokenFor({ tenant: TENANT, role: "coordinator" });
  t.requester = await api.tokenFor({ tenant: TENANT, role: "requester" });
});

afterAll(async () => {
  await api?.stop();
});

describe("Member.lastActiveAt", () => {
  it("moves when the member changes their availability", async () => {
    await idleForYears();
    const start = new Date();
    const payload = await mutate(api, t.member as string, AVAILABILITY, { note: "Kan oftast på förmiddagar." });
    expect(payload.errors).toEqual([]);
    await expectActiveSince(start);
  });

  it("moves when the member answers an invitation, not when a coordinator sends one", async () => {
    const member = await prisma().member.findFirstOrThrow({ where: { tenant: { slug: TENANT }, subject: SUBJECT }, select: { id: true } });
    const requestId = await submitRequest(api, t.requester as string);
    await startMatching(api, t.coordinator as string, requestId);
    await idleForYears();
    const invited = await mutate<{ invitations: InvitationView[] }>(api, t.coordinator as string, INVITE, {
      requestId,
      memberIds: [member.id],
      message: "Hej!",
    });
    expect(invited.errors).toEqual([]);
    expect(await lastActiveAt()).toEqual(LONG_AGO);
    const start = new Date();
    const answered = await mutate(api, t.member as string, RESPOND, {
      invitationId: invited.invitations[0]?.id,
      accept: false,
      declineReason: "Jag har inte tid just då.",
    });
    expect(answered.errors).toEqual([]);
    await expectActiveSince(start);
  });

  it("moves when the member confirms a fee claim", async () => {
    const held = await holdOccasion(api, {
      tenant: TENANT,
      requesterToken: t.requester as string,
      memberSubject: SUBJECT,
      title: "Aktivitetstest",
      startsAt: "2026-03-02T08:00:00Z",
      endsAt: "2026-03-02T10:00:00Z",
      durationMinutes: 120,
      travelMinutes: 0,
    });
    const claim = await prepareOne(api, t.coordinator as string, held.occasionId);
    await idleForYears();
    const start = new Date();
    const submitted = await step(api, t.member as string, SUBMIT, { id: claim.id, expectedVersion: claim.version });
    expect(submitted.status).toBe("SUBMITTED");
    await expectActiveSince(start);
  });

  it("moves when the member adds a pause", async () => {
    await idleForYears();
    const start = new Date();
    const payload = await mutate(api, t.member as string, ADD_PAUSE, { startsOn: inDays(30), endsOn: inDays(40), reason: "Resa" });
    expect(payload.errors).toEqual([]);
    await expectActiveSince(start);
  });
});
