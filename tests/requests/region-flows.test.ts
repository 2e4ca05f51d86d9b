import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GIVE_FEEDBACK,
  MARK_REQUEST_CARRIED_OUT,
  OPEN_FOLLOW_UPS,
  RECORD_FOLLOW_UP,
  REQUEST,
  REQUEST_FEEDBACK,
  startMatching,
  submitRequest,
  transitionRequest,
} from "../support/requests.js";

// The regions' own routines, as far as the request side goes, through GraphQL by the right roles:
// VGR (seeds/001): request → proposal → contact → evaluation with both the unit and the representative.
// Kalmar (seeds/003, "Förfrågan om medverkan"): the unit's request → the development leader matches and asks →
// acceptance → the activity → the unit's feedback to participants and development leader → follow-up.
// Invitations and consent are the invitation feature's; this spec drives them only to move the request along.

const errorFields = "errors { __typename ... on ErrorResult { code message } }";
const INVITE = `mutation($input: InviteMembersInput!) { inviteMembers(input: $input) { invitations { id status } ${errorFields} } }`;
const RESPOND = `mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { invitation { id status } ${errorFields} } }`;
const CONSENT_TEXT = `query($slug: String!) { tenant(slug: $slug) { currentConsentText(kind: CONTACT_SHARING) { version } } }`;

let api: TestApi;
const prisma = () => api.running.database.prisma;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

async function gql<T>(token: string, document: string, variables: Record<string, unknown>): Promise<T> {
  const response = await api.graphql<T>(document, { token, variables });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

/** Active, unpaused pool members of a network, each with a token of their own (they have signed in). */
async function poolMembers(tenant: string, networkSlug: string, count: number) {
  const rows = await prisma().member.findMany({
    where: {
      tenant: { slug: tenant },
      erasedAt: null,
      restrictedAt: null,
      pauses: { none: {} },
      memberships: { some: { status: "ACTIVE", network: { slug: networkSlug } } },
    },
    orderBy: { id: "asc" },
    take: count,
    select: { id: true, tenantId: true, subject: true },
  });
  if (rows.length < count) throw new Error(`not enough active members in ${tenant}/${networkSlug}`);
  const members = [];
  for (const row of rows) {
    const subject = row.subject ?? `${tenant}-request-flow-${row.id}`;
    if (!row.subject) await prisma().member.update({ where: { tenantId_id: { tenantId: row.tenantId, id: row.id } }, data: { subject } });
    members.push({ id: row.id, token: await api.signToken({ subject, audience: `medverkan:${tenant}` }) });
  }
  return members;
}

async function status(token: string, id: string): Promise<string | undefined> {
  return (await gql<{ request: { status: string } | null }>(token, REQUEST, { id })).request?.status;
}

async function inviteAndAccept(tenant: string, coordinator: string, requestId: string, members: Array<{ id: string; token: string }>) {
  const invited = await gql<{ inviteMembers: { invitations: Array<{ id: string }>; errors: unknown[] } }>(coordinator, INVITE, {
    input: { requestId, memberIds: members.map((m) => m.id), message: "Vi tror att din erfarenhet passar bra." },
  });
  expect(invited.inviteMembers.errors).toEqual([]);
  const version = (await gql<{ tenant: { currentConsentText: { version: string } } }>("", CONSENT_TEXT, { slug: tenant })).tenant
    .currentConsentText.version;
  const rows = await prisma().invitation.findMany({ where: { requestId }, select: { id: true, memberId: true } });
  return { rows, version };
}

async function accept(member: { token: string }, invitationId: string, version: string) {
  const answer = await gql<{ respondToInvitation: { invitation: { status: string } | null; errors: unknown[] } }>(member.token, RESPOND, {
    input: { invitationId, accept: true, consentTextVersion: version },
  });
  expect(answer.respondToInvitation.errors).toEqual([]);
  return answer.respondToInvitation.invitation?.status;
}

async function occasionsOver(requestId: string) {
  await prisma().occasion.updateMany({
    where: { requestId },
    data: { startsAt: new Date(Date.now() - 26 * 3_600_000), endsAt: new Date(Date.now() - 24 * 3_600_000) },
  });
}

describe("VGR: request → proposal → contact → evaluation", () => {
  it("runs through GraphQL by the unit, the coordinator and the representatives", async () => {
    const requester = await api.tokenFor({ tenant: "vgr", role: "requester" });
    const coordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
    const [first, second] = await poolMembers("vgr", "levande-bibliotek", 2);
    if (!first || !second) throw new Error("pool");

    // The unit asks for two representatives with a patient perspective, for a seminar with a digital meeting.
    const id = await submitRequest(api, requester, { numberOfPersons: 2, perspectivesSought: ["PATIENT", "RELATIVE"] });
    expect(await status(requester, id)).toBe("SUBMITTED");

    // Proposal: Levande bibliotek takes it into matching and asks two people.
    await startMatching(api, coordinator, id);
    const { rows, version } = await inviteAndAccept("vgr", coordinator, id, [first, second]);
    const invitationOf = (memberId: string) => rows.find((row) => row.memberId === memberId)?.id as string;

    // Contact: each accepts (with consent to share contact details); the request fills as they do.
    expect(await accept(first, invitationOf(first.id), version)).toBe("ACCEPTED");
    expect(await status(requester, id)).toBe("PARTLY_FILLED");
    expect(await accept(second, invitationOf(second.id), version)).toBe("ACCEPTED");
    expect(await status(requester, id)).toBe("FILLED");

    // The seminar takes place; the unit reports it.
    await occasionsOver(id);
    const carried = await transitionRequest(api, requester, MARK_REQUEST_CARRIED_OUT, { requestId: id });
    expect(carried.request?.status).toBe("CARRIED_OUT");

    // Evaluation with both the unit and the representatives, then the coordinator closes the loop.
    for (const [token, rating] of [
      [requester, 5],
      [first.token, 4],
      [second.token, 5],
      [coordinator, 5],
    ] as const) {
      const given = await gql<{ giveFeedback: { errors: unknown[] } }>(token, GIVE_FEEDBACK, {
        input: { requestId: id, rating, comment: "Bra." },
      });
      expect(given.giveFeedback.errors).toEqual([]);
    }
    const queue = await gql<{ openFollowUps: { nodes: Array<{ id: string }> } }>(coordinator, OPEN_FOLLOW_UPS, { first: 100 });
    expect(queue.openFollowUps.nodes.map((n) => n.id)).toContain(id);
    const closed = await transitionRequest(api, coordinator, RECORD_FOLLOW_UP, { requestId: id, note: "Utvärderat med enheten och båda." });
    expect(closed.request?.status).toBe("FOLLOWED_UP");

    const seen = await gql<{ request: { feedback: Array<{ author: string }> } }>(coordinator, REQUEST_FEEDBACK, { id });
    expect(seen.request.feedback.map((f) => f.author).sort()).toEqual(["COORDINATOR", "PARTICIPANT", "PARTICIPANT", "UNIT"]);
    const history = await gql<{ request: { events: Array<{ toStatus: string }> } }>(requester, REQUEST, { id });
    expect(history.request.events.map((e) => e.toStatus)).toEqual([
      "SUBMITTED",
      "MATCHING",
      "PARTLY_FILLED",
      "FILLED",
      "CARRIED_OUT",
      "FOLLOWED_UP",
    ]);
  });
});

describe("Kalmar: Förfrågan om medverkan, steps 1–5 on the request side", () => {
  it("runs from the unit's request to the feedback and the development leader's follow-up", async () => {
    const requester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
    const developmentLeader = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const [person] = await poolMembers("kalmar", "intressebanken", 1);
    if (!person) throw new Error("pool");

    // Step 1: the unit's request for a long assignment (a steering group over several occasions).
    const id = await submitRequest(api, requester, { oneOffOrLong: "LONG_TERM", numberOfPersons: 1 });
    // Step 2: the development leader matches and asks personally.
    await startMatching(api, developmentLeader, id);
    const { rows, version } = await inviteAndAccept("kalmar", developmentLeader, id, [person]);
    // Step 3: the person accepts, and documents that contact details may be shared.
    expect(await accept(person, rows[0]?.id as string, version)).toBe("ACCEPTED");
    expect(await status(requester, id)).toBe("FILLED");

    // Step 4: the activity is carried out.
    await occasionsOver(id);
    expect((await transitionRequest(api, developmentLeader, MARK_REQUEST_CARRIED_OUT, { requestId: id })).request?.status).toBe(
      "CARRIED_OUT",
    );

    // Step 5: the unit gives feedback to the participant and the development leader; the participant's own too.
    await gql(requester, GIVE_FEEDBACK, { input: { requestId: id, rating: 5, comment: "Tack för ett engagerat deltagande." } });
    await gql(person.token, GIVE_FEEDBACK, { input: { requestId: id, rating: 4 } });
    const participantView = await gql<{ request: { feedback: Array<{ author: string; comment: string | null }> } }>(
      person.token,
      REQUEST_FEEDBACK,
      {
        id,
      },
    );
    expect(participantView.request.feedback.map((f) => f.author).sort()).toEqual(["PARTICIPANT", "UNIT"]);
    const closed = await transitionRequest(api, developmentLeader, RECORD_FOLLOW_UP, { requestId: id, note: "Uppföljt per telefon." });
    expect(closed.request?.status).toBe("FOLLOWED_UP");
  });
});
