import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  activePool,
  contactSharingVersion,
  INVITE,
  type InvitationView,
  memberTokens,
  mutate,
  participants,
  query,
  REQUEST_INVITATIONS,
} from "../invitations/invitations.js";
import { DIRECT_BOOKINGS_TO_CONFIRM, occasionInDays, RECORD_DIRECT_BOOKING, startMatching, submitRequest } from "../support/requests.js";

// Issue 22 / SECURITY.md "GDPR": erasing a member who is in the middle of things. Kalmar's member A holds the only
// place on an upcoming assignment, B waits behind A, C has not answered an invitation yet, and a unit's direct booking
// names D, awaiting confirmation. After A, C and D erase themselves nothing shows who they were — not to the
// coordinator, not to the unit — and nothing of theirs stays open: A's place is given up (B moves up, the unit sees B),
// C's invitation can no longer be answered, D's booking can no longer be confirmed, and nothing more is sent to them.

const ERASE = `mutation($input: EraseMemberInput!) { eraseMember(input: $input) { privacy { erasedAt } errors { __typename } } }`;

let api: TestApi;
let coordinator: string;
let requester: string;
let requestId: string;
let bookingId: string;
let a: string;
let b: string;
let c: string;
let d: { id: string; familyName: string; email: string };
let tokens: Map<string, string>;

const prisma = () => api.running.database.prisma;

beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  requester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
  requestId = await submitRequest(api, requester, { title: "Radering mitt i allt", numberOfPersons: 1, occasions: [occasionInDays(20)] });
  await startMatching(api, coordinator, requestId);
  const { networkId } = await prisma().request.findFirstOrThrow({ where: { id: requestId }, select: { networkId: true } });
  const pool = await activePool(api, coordinator, networkId, 4);
  [a, b, c] = pool as [string, string, string];
  const dRow = await prisma().member.findUniqueOrThrow({
    where: {
      tenantId_id: { tenantId: (await prisma().tenant.findUniqueOrThrow({ where: { slug: "kalmar" } })).id, id: pool[3] as string },
    },
    select: { id: true, familyName: true, email: true },
  });
  if (!dRow.email) throw new Error("the seeded member has no e-mail to be named by");
  d = { id: dRow.id, familyName: dRow.familyName, email: dRow.email };
  tokens = await memberTokens(api, "kalmar", [a, b, c, d.id]);

  const sent = await mutate<{ invitations: InvitationView[] }>(api, coordinator, INVITE, { requestId, memberIds: [a, b, c] });
  expect(sent.errors).toEqual([]);
  const invitationOf = (memberId: string) => sent.invitations.find((inv) => inv.invitee.memberId === memberId)?.id as string;
  const version = await contactSharingVersion(api, "kalmar");
  expect((await accept(api, tokens.get(a) as string, invitationOf(a), version)).invitation?.status).toBe("ACCEPTED");
  expect((await accept(api, tokens.get(b) as string, invitationOf(b), version)).invitation?.status).toBe("WAITLISTED");

  const start = new Date(Date.now() - 30 * 3_600_000);
  const booking = await api.graphql<{ recordDirectBooking: { request: { id: string } | null; errors: unknown[] } }>(RECORD_DIRECT_BOOKING, {
    token: requester,
    variables: {
      input: {
        networkId,
        assignmentType: (await prisma().assignmentType.findFirstOrThrow({ where: { tenant: { slug: "kalmar" }, retiredAt: null } })).key,
        title: "Direktbokad",
        purpose: "Enheten bjöd in en person den kände.",
        occasions: [{ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7_200_000).toISOString(), place: "Sal 1" }],
        participants: [{ familyName: d.familyName, email: d.email }],
      },
    },
  });
  expect(booking.data?.recordDirectBooking.errors, JSON.stringify(booking)).toEqual([]);
  const pending = await prisma().directBookingParticipant.findFirstOrThrow({
    where: { requestId: booking.data?.recordDirectBooking.request?.id as string },
  });
  expect(pending).toMatchObject({ memberId: d.id, status: "PENDING" });
  bookingId = pending.id;

  for (const memberId of [a, c, d.id]) {
    const erased = await api.graphql<{ eraseMember: { errors: unknown[] } }>(ERASE, {
      token: tokens.get(memberId) as string,
      variables: { input: { confirm: true } },
    });
    expect(erased.data?.eraseMember.errors, JSON.stringify(erased)).toEqual([]);
  }
});

afterAll(async () => {
  await api?.stop();
});

describe("erasing members with places, invitations and bookings pending", () => {
  it("gives up the erased member's upcoming place: the next in line moves up and the unit sees only them", async () => {
    const data = await query<{ request: { status: string; invitations: { nodes: InvitationView[] } } }>(
      api,
      coordinator,
      REQUEST_INVITATIONS,
      {
        id: requestId,
      },
    );
    const byMember = new Map(data.request.invitations.nodes.map((node) => [node.invitee.memberId, node]));
    expect(byMember.get(a)).toMatchObject({ status: "WITHDRAWN", invitee: { givenName: "", familyName: "" }, contactReleasedAt: null });
    expect(byMember.get(b)).toMatchObject({ status: "ACCEPTED" });
    expect(data.request.status).toBe("FILLED");
    const assignment = await prisma().assignment.findFirstOrThrow({ where: { requestId, memberId: a } });
    expect(assignment.status).toBe("CANCELLED");
    const seen = await participants(api, requester, requestId);
    expect(seen.map((contact) => contact.assignmentId)).toHaveLength(1);
    expect(seen[0]?.familyName).not.toBe("");
    expect(JSON.stringify(seen)).not.toContain(a);
  });

  it("closes the erased member's unanswered invitation, with nothing of them in the coordinator's list", async () => {
    const data = await query<{ request: { invitations: { nodes: InvitationView[] } } }>(api, coordinator, REQUEST_INVITATIONS, {
      id: requestId,
    });
    const invitation = data.request.invitations.nodes.find((node) => node.invitee.memberId === c);
    expect(invitation).toMatchObject({ status: "WITHDRAWN", message: null, invitee: { givenName: "", familyName: "" } });
    // Nobody is asked on their behalf: no reminder or expiry notice is queued for them any more.
    const queued = await prisma().outboxMessage.count({ where: { memberId: { in: [a, c] }, status: { in: ["PENDING", "SENDING"] } } });
    expect(queued).toBe(0);
  });

  it("rejects a pending direct booking naming the erased member and forgets what the unit typed", async () => {
    const row = await prisma().directBookingParticipant.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: (await prisma().tenant.findUniqueOrThrow({ where: { slug: "kalmar" } })).id, id: bookingId } },
    });
    expect(row).toMatchObject({ status: "REJECTED", familyName: null, email: null, phone: null, memberId: null });
    const list = await api.graphql<{ directBookingParticipantsToConfirm: { id: string }[] }>(DIRECT_BOOKINGS_TO_CONFIRM, {
      token: coordinator,
    });
    expect(list.data?.directBookingParticipantsToConfirm.some((p) => p.id === bookingId)).toBe(false);
    expect(await prisma().assignment.count({ where: { requestId: row.requestId } })).toBe(0);
  });

  it("leaves no search, profile or node that leads to them", async () => {
    for (const id of [a, c, d.id]) {
      const asMember = await api.graphql<{ member: unknown; node: unknown }>(
        `query($id: ID!) { member(id: $id) { id } node(id: $id) { id } }`,
        {
          token: coordinator,
          variables: { id },
        },
      );
      expect(asMember.data).toEqual({ member: null, node: null });
    }
    const erasedToken = await api.graphql(`{ myInvitations(first: 5) { totalCount } }`, { token: tokens.get(c) as string });
    expect(erasedToken.data?.myInvitations ?? null).toBeNull();
  });
});
