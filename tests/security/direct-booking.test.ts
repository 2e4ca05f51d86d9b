import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONFIRM_DIRECT_BOOKING_PARTICIPANT,
  DIRECT_BOOKINGS_TO_CONFIRM,
  RECORD_DIRECT_BOOKING,
  REJECT_DIRECT_BOOKING_PARTICIPANT,
} from "../support/requests.js";

// SECURITY.md "Direct bookings": recordDirectBooking is not a pool-membership oracle. Any requester who knows a family
// name and an e-mail address could otherwise learn that someone is in Jönköping's Peer pool (psychiatric experience).
// The answer is the same whoever the participant is; each participant waits for the network's coordinator to confirm
// who it is, and nothing counts (assignment, attendance, fee claims, statistics) before that.

let api: TestApi;
let requester: string;
let peerCoordinator: string;
let libraryCoordinator: string;
let peerNetworkId: string;
let peerMember: { id: string; familyName: string; email: string };

const prisma = () => api.running.database.prisma;

type Booking = {
  recordDirectBooking: { request: Record<string, unknown> & { id: string; occasions: Array<{ id: string }> }; errors: unknown[] } | null;
};
type Decision = {
  participant: { id: string; status: string; memberId: string | null; familyName: string | null } | null;
  errors: Array<{ code: string }>;
};
type Pending = { id: string; requestId: string; memberId: string | null; email: string | null; status: string };

beforeAll(async () => {
  api = await startTestApi();
  requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  peerCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  libraryCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "peer" } });
  peerNetworkId = network.id;
  const member = await prisma().member.findFirstOrThrow({
    where: {
      tenantId: network.tenantId,
      email: { not: null },
      erasedAt: null,
      restrictedAt: null,
      memberships: { some: { networkId: network.id, status: "ACTIVE" } },
    },
    orderBy: { id: "asc" },
    select: { id: true, familyName: true, email: true },
  });
  peerMember = { id: member.id, familyName: member.familyName, email: member.email as string };
});

afterAll(async () => {
  await api?.stop();
});

const yesterday = () => {
  const start = new Date(Date.now() - 30 * 3_600_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(), place: "Sal 3" };
};

async function book(participant: { familyName: string; email: string }) {
  const response = await api.graphql<Booking>(RECORD_DIRECT_BOOKING, {
    token: requester,
    variables: {
      input: {
        networkId: peerNetworkId,
        assignmentType: "WORKSHOP",
        title: "Brukarmedverkan på APT",
        purpose: "Enheten bjöd in en person den kände till.",
        occasions: [yesterday()],
        participants: [participant],
      },
    },
  });
  return response;
}

/** The answer without what differs between any two bookings (ids and times). */
function shape(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      ["id", "requestId", "submittedAt", "updatedAt", "filledAt", "carriedOutAt", "startsAt", "endsAt", "heldAt"].includes(key) ? "…" : v,
    ),
  );
}

describe("recordDirectBooking", () => {
  let known: string;
  let unknown: string;

  it("answers exactly alike for a person in the pool and one who is not, and counts neither yet", async () => {
    const inPool = await book({ familyName: peerMember.familyName, email: peerMember.email });
    const notInPool = await book({ familyName: peerMember.familyName, email: `inte.med.${Date.now()}@example.se` });
    expect(inPool.status).toBe(notInPool.status);
    expect(inPool.errors).toBeUndefined();
    expect(notInPool.errors).toBeUndefined();
    expect(inPool.data?.recordDirectBooking?.errors).toEqual([]);
    expect(shape(inPool.data)).toEqual(shape(notInPool.data));
    known = inPool.data?.recordDirectBooking?.request.id as string;
    unknown = notInPool.data?.recordDirectBooking?.request.id as string;

    // Nothing is recorded against the member on the unit's word alone: no invitation, no assignment (so no attendance,
    // no fee claim and nothing in the statistics).
    for (const requestId of [known, unknown]) {
      expect(await prisma().invitation.count({ where: { requestId } })).toBe(0);
      expect(await prisma().assignment.count({ where: { requestId } })).toBe(0);
    }
    expect(await prisma().invitation.count({ where: { memberId: peerMember.id, request: { directRecruitment: true } } })).toBe(0);

    // The unit's view of the two requests is the same, too.
    const read = async (id: string) =>
      (
        await api.graphql(`query($id: ID!) { request(id: $id) { status numberOfPersons participants { givenName } assignments { id } } }`, {
          token: requester,
          variables: { id },
        })
      ).data;
    expect(await read(known)).toEqual(await read(unknown));
  });

  it("is confirmed by the network's coordinator, who alone sees the match; then the participation counts", async () => {
    const pending = async (token: string) =>
      ((await api.graphql<{ directBookingParticipantsToConfirm: Pending[] }>(DIRECT_BOOKINGS_TO_CONFIRM, { token })).data
        ?.directBookingParticipantsToConfirm ?? []) as Pending[];
    const mine = await pending(peerCoordinator);
    const knownOne = mine.find((p) => p.requestId === known) as Pending;
    const unknownOne = mine.find((p) => p.requestId === unknown) as Pending;
    expect(knownOne).toMatchObject({ memberId: peerMember.id, status: "PENDING" });
    expect(unknownOne).toMatchObject({ memberId: null, status: "PENDING" });
    // Levande bibliotek's coordinator neither sees nor decides Peer's bookings; the unit cannot ask at all.
    expect((await pending(libraryCoordinator)).some((p) => p.requestId === known)).toBe(false);
    const foreign = await api.graphql<{ confirmDirectBookingParticipant: Decision }>(CONFIRM_DIRECT_BOOKING_PARTICIPANT, {
      token: libraryCoordinator,
      variables: { input: { id: knownOne.id } },
    });
    expect(foreign.data?.confirmDirectBookingParticipant.errors[0]?.code).toBe("NOT_FOUND");
    const unit = await api.graphql(DIRECT_BOOKINGS_TO_CONFIRM, { token: requester });
    expect(unit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // No one to confirm for the unknown person: rejected, the typed details forgotten.
    const cannot = await api.graphql<{ confirmDirectBookingParticipant: Decision }>(CONFIRM_DIRECT_BOOKING_PARTICIPANT, {
      token: peerCoordinator,
      variables: { input: { id: unknownOne.id } },
    });
    expect(cannot.data?.confirmDirectBookingParticipant.errors[0]?.code).toBe("NOT_IDENTIFIED");
    const rejected = await api.graphql<{ rejectDirectBookingParticipant: Decision }>(REJECT_DIRECT_BOOKING_PARTICIPANT, {
      token: peerCoordinator,
      variables: { input: { id: unknownOne.id } },
    });
    expect(rejected.data?.rejectDirectBookingParticipant.participant).toMatchObject({ status: "REJECTED", familyName: null });
    expect(await prisma().assignment.count({ where: { requestId: unknown } })).toBe(0);

    // The pool member is confirmed: now the participation is recorded, as for any other request.
    const confirmed = await api.graphql<{ confirmDirectBookingParticipant: Decision }>(CONFIRM_DIRECT_BOOKING_PARTICIPANT, {
      token: peerCoordinator,
      variables: { input: { id: knownOne.id } },
    });
    expect(confirmed.data?.confirmDirectBookingParticipant).toMatchObject({ errors: [], participant: { status: "CONFIRMED" } });
    const assignment = await prisma().assignment.findFirst({ where: { requestId: known }, include: { invitation: true } });
    expect(assignment).toMatchObject({ memberId: peerMember.id, status: "CARRIED_OUT", invitation: { status: "ACCEPTED" } });
    // Deciding twice is refused.
    const again = await api.graphql<{ rejectDirectBookingParticipant: Decision }>(REJECT_DIRECT_BOOKING_PARTICIPANT, {
      token: peerCoordinator,
      variables: { input: { id: knownOne.id } },
    });
    expect(again.data?.rejectDirectBookingParticipant.errors[0]?.code).toBe("ALREADY_DECIDED");
  });
});
