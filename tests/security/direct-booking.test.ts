import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTACT_SHARING_TEXT, memberTokens, REQUEST_PARTICIPANTS, WITHDRAW_CONSENT } from "../invitations/invitations.js";
import {
  CONFIRM_DIRECT_BOOKING_PARTICIPANT,
  DIRECT_BOOKING_PARTICIPANT_FIELDS,
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

describe("the member named in a direct booking", () => {
  const MINE = `query { myDirectBookingsToConfirm { ${DIRECT_BOOKING_PARTICIPANT_FIELDS} } }`;
  const decision = (name: string) =>
    `mutation($input: DecideDirectBookingParticipantInput!) { ${name}(input: $input) { participant { ${DIRECT_BOOKING_PARTICIPANT_FIELDS} } errors { __typename ... on ErrorResult { code message messageSv messageEn } } } }`;
  type Mine = { myDirectBookingsToConfirm: Pending[] };

  it("sees it, confirms it was them — then it counts — or says it was not, and nothing counts", async () => {
    const tokens = await memberTokens(api, "jonkoping", [peerMember.id]);
    const own = tokens.get(peerMember.id) as string;
    const someoneElse = await api.tokenFor({ tenant: "jonkoping", role: "member" });
    const confirmedBooking = (await book({ familyName: peerMember.familyName, email: peerMember.email })).data?.recordDirectBooking?.request
      .id as string;
    const declinedBooking = (await book({ familyName: peerMember.familyName, email: peerMember.email })).data?.recordDirectBooking?.request
      .id as string;

    const mine = (await api.graphql<Mine>(MINE, { token: own })).data?.myDirectBookingsToConfirm ?? [];
    const toConfirm = mine.find((p) => p.requestId === confirmedBooking) as Pending;
    const toDecline = mine.find((p) => p.requestId === declinedBooking) as Pending;
    expect(toConfirm).toMatchObject({ memberId: peerMember.id, status: "PENDING" });
    expect(toDecline).toMatchObject({ memberId: peerMember.id, status: "PENDING" });
    // Another member neither sees nor decides it (not found, exactly like an id that does not exist); staff cannot use the member's path.
    const theirs = (await api.graphql<Mine>(MINE, { token: someoneElse })).data?.myDirectBookingsToConfirm ?? [];
    expect(theirs.some((p) => p.id === toConfirm.id)).toBe(false);
    for (const id of [toConfirm.id, "0190f000-0000-7000-8000-000000000000"]) {
      const other = await api.graphql<{ confirmMyDirectBooking: Decision }>(decision("confirmMyDirectBooking"), {
        token: someoneElse,
        variables: { input: { id } },
      });
      expect(other.data?.confirmMyDirectBooking).toMatchObject({ participant: null, errors: [{ code: "NOT_FOUND" }] });
    }
    const staff = await api.graphql(decision("confirmMyDirectBooking"), {
      token: peerCoordinator,
      variables: { input: { id: toConfirm.id } },
    });
    expect(staff.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await prisma().assignment.count({ where: { requestId: confirmedBooking } })).toBe(0);

    // The member confirms: the participation is recorded as when the coordinator confirms, and it is no longer pending.
    const confirmed = await api.graphql<{ confirmMyDirectBooking: Decision }>(decision("confirmMyDirectBooking"), {
      token: own,
      variables: { input: { id: toConfirm.id } },
    });
    expect(confirmed.data?.confirmMyDirectBooking).toMatchObject({ errors: [], participant: { status: "CONFIRMED", familyName: null } });
    const assignment = await prisma().assignment.findFirst({ where: { requestId: confirmedBooking }, include: { invitation: true } });
    expect(assignment).toMatchObject({ memberId: peerMember.id, invitation: { status: "ACCEPTED", invitedById: null } });
    const coordinatorsList = await api.graphql<{ directBookingParticipantsToConfirm: Pending[] }>(DIRECT_BOOKINGS_TO_CONFIRM, {
      token: peerCoordinator,
    });
    expect(coordinatorsList.data?.directBookingParticipantsToConfirm.some((p) => p.id === toConfirm.id)).toBe(false);
    const twice = await api.graphql<{ declineMyDirectBooking: Decision }>(decision("declineMyDirectBooking"), {
      token: own,
      variables: { input: { id: toConfirm.id } },
    });
    expect(twice.data?.declineMyDirectBooking.errors[0]?.code).toBe("ALREADY_DECIDED");

    // The member says it was not them: rejected, the unit's details forgotten, nothing recorded against them.
    const declined = await api.graphql<{ declineMyDirectBooking: Decision }>(decision("declineMyDirectBooking"), {
      token: own,
      variables: { input: { id: toDecline.id } },
    });
    expect(declined.data?.declineMyDirectBooking).toMatchObject({ errors: [], participant: { status: "REJECTED", email: null } });
    expect(await prisma().assignment.count({ where: { requestId: declinedBooking } })).toBe(0);
    const audit = await prisma().auditEvent.findMany({
      where: { subjectId: { in: [toConfirm.id, toDecline.id] }, action: "WRITE", actorType: "MEMBER" },
      select: { actorType: true, purpose: true },
    });
    expect(audit.map((event) => [event.actorType, event.purpose]).sort()).toEqual([
      ["MEMBER", "direct booking confirmed by the member"],
      ["MEMBER", "direct booking rejected by the member"],
    ]);
  });
});

describe("a confirmed direct booking among the unit's participants (issue 21 item 7)", () => {
  const CONFIRM_MINE = `mutation($input: DecideDirectBookingParticipantInput!) { confirmMyDirectBooking(input: $input) { participant { id status } errors { __typename ... on ErrorResult { code messageSv messageEn } } } }`;
  type Confirmed = {
    confirmMyDirectBooking: { participant: { status: string } | null; errors: Array<{ code: string; messageSv: string }> };
  };
  const participants = async (requestId: string) =>
    (
      await api.graphql<{ request: { participants: Array<{ familyName: string; email: string | null }> } }>(REQUEST_PARTICIPANTS, {
        token: requester,
        variables: { id: requestId },
      })
    ).data?.request.participants;
  const pendingOf = async (requestId: string) =>
    (await prisma().directBookingParticipant.findFirstOrThrow({ where: { requestId }, select: { id: true } })).id;
  const currentText = async () =>
    (await api.graphql<{ tenant: { currentConsentText: { version: string } } }>(CONTACT_SHARING_TEXT, { variables: { slug: "jonkoping" } }))
      .data?.tenant.currentConsentText.version as string;

  it("appears with contact details only when the member confirmed it and consented; a coordinator's confirmation shows nothing", async () => {
    const own = (await memberTokens(api, "jonkoping", [peerMember.id])).get(peerMember.id) as string;
    const byCoordinator = (await book({ familyName: peerMember.familyName, email: peerMember.email })).data?.recordDirectBooking?.request
      .id as string;
    const withoutConsent = (await book({ familyName: peerMember.familyName, email: peerMember.email })).data?.recordDirectBooking?.request
      .id as string;
    const withConsent = (await book({ familyName: peerMember.familyName, email: peerMember.email })).data?.recordDirectBooking?.request
      .id as string;

    // A coordinator cannot consent for the member: refused as bad input, in both languages, and nothing decided.
    const onBehalf = await api.graphql(CONFIRM_DIRECT_BOOKING_PARTICIPANT, {
      token: peerCoordinator,
      variables: { input: { id: await pendingOf(byCoordinator), contactConsentTextVersion: await currentText() } },
    });
    expect(onBehalf.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(onBehalf.errors?.[0]?.extensions)).toContain("Bara medlemmen själv");
    expect(JSON.stringify(onBehalf.errors?.[0]?.extensions)).toContain("Only the member");
    const byTheCoordinator = await api.graphql<{ confirmDirectBookingParticipant: Decision }>(CONFIRM_DIRECT_BOOKING_PARTICIPANT, {
      token: peerCoordinator,
      variables: { input: { id: await pendingOf(byCoordinator) } },
    });
    expect(byTheCoordinator.data?.confirmDirectBookingParticipant.errors).toEqual([]);
    // It counts, but the unit is shown no one: that would tell it the person is in the pool, and no consent stands behind it.
    expect(await prisma().assignment.count({ where: { requestId: byCoordinator } })).toBe(1);
    expect(await participants(byCoordinator)).toEqual([]);

    const noConsent = await api.graphql<Confirmed>(CONFIRM_MINE, {
      token: own,
      variables: { input: { id: await pendingOf(withoutConsent) } },
    });
    expect(noConsent.data?.confirmMyDirectBooking.errors).toEqual([]);
    expect(await participants(withoutConsent)).toEqual([]);

    // An outdated text is refused and nothing is decided.
    const outdated = await api.graphql<Confirmed>(CONFIRM_MINE, {
      token: own,
      variables: { input: { id: await pendingOf(withConsent), contactConsentTextVersion: "0.0-outdated" } },
    });
    expect(outdated.data?.confirmMyDirectBooking.errors[0]?.code).toBe("CONSENT_TEXT_OUTDATED");
    expect(await prisma().assignment.count({ where: { requestId: withConsent } })).toBe(0);
    const consented = await api.graphql<Confirmed>(CONFIRM_MINE, {
      token: own,
      variables: { input: { id: await pendingOf(withConsent), contactConsentTextVersion: await currentText() } },
    });
    expect(consented.data?.confirmMyDirectBooking).toMatchObject({ errors: [], participant: { status: "CONFIRMED" } });
    expect(await participants(withConsent)).toMatchObject([{ familyName: peerMember.familyName, email: peerMember.email }]);

    // Withdrawn like any contact-sharing consent: the unit sees no one again.
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { requestId: withConsent }, select: { id: true } });
    await api.graphql(WITHDRAW_CONSENT, { token: own, variables: { input: { invitationId: invitation.id } } });
    expect(await participants(withConsent)).toEqual([]);
  });
});
