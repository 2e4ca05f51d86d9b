import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { demoAudience } from "@medverkan/database/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import {
  confirmDirectBooking,
  GIVE_FEEDBACK,
  MARK_REQUEST_CARRIED_OUT,
  occasionInDays,
  RECORD_DIRECT_BOOKING,
  REQUEST,
  REQUEST_FEEDBACK,
  transitionRequest,
} from "../support/requests.js";

// Issue 5, item 7 (direct bookings, SPEC §2 Jönköping: units may recruit directly, and the participation must still
// count for fees and statistics) and item 6 (feedback from the unit, each participant and the coordinator).

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;
const prisma = () => api.running.database.prisma;

interface PoolPerson {
  id: string;
  subject: string | null;
  familyName: string;
  email: string;
  phone: string | null;
}
let booked: PoolPerson;
let other: PoolPerson;
let lbNetworkId: string;

async function activeLbMember(skip: string[] = [], withSubject = false): Promise<PoolPerson> {
  const member = await prisma().member.findFirst({
    where: {
      tenant: { slug: "jonkoping" },
      id: { notIn: skip },
      email: { not: null },
      ...(withSubject ? { subject: { not: null } } : {}),
      erasedAt: null,
      restrictedAt: null,
      // Only in Levande bibliotek, so a booking through Peer must not find them.
      AND: [
        { memberships: { some: { status: "ACTIVE", network: { slug: "levande-bibliotek" } } } },
        { memberships: { none: { network: { slug: "peer" } } } },
      ],
    },
    orderBy: { id: "asc" },
    select: { id: true, subject: true, familyName: true, email: true, phone: true },
  });
  if (!member?.email) throw new Error("no active Levande bibliotek member in the seed");
  return { ...member, email: member.email };
}

beforeAll(async () => {
  api = await startTestApi();
  tokens.requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  tokens.otherUnit = await api.signToken({ subject: "jonkoping-requester-2", audience: demoAudience("jonkoping") });
  tokens.lb = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.peer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  booked = await activeLbMember([], true);
  other = await activeLbMember([booked.id], true);
  tokens.participant = await api.signToken({ subject: booked.subject as string, audience: demoAudience("jonkoping") });
  tokens.otherMember = await api.signToken({ subject: other.subject as string, audience: demoAudience("jonkoping") });
  lbNetworkId = (await prisma().network.findFirst({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } }))?.id as string;
});

afterAll(async () => {
  await api?.stop();
});

const yesterday = () => {
  const start = new Date(Date.now() - 30 * 3_600_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(), place: "Qulturum, sal 2" };
};

type BookingResponse = {
  recordDirectBooking: {
    request: {
      id: string;
      status: string;
      directRecruitment: boolean;
      numberOfPersons: number;
      costCentreCode: string;
      occasions: Array<{ heldAt: string | null }>;
    } | null;
    errors: Array<{ __typename: string; code: string; index?: number; messageSv: string }>;
  };
};

function book(input: Record<string, unknown>, as = "requester") {
  return api.graphql<BookingResponse>(RECORD_DIRECT_BOOKING, {
    token: token(as),
    variables: {
      input: {
        networkId: lbNetworkId,
        assignmentType: "WORKSHOP",
        title: "Patientberättelse på APT",
        purpose: "Enheten bjöd in en levande bok den kände till.",
        occasions: [yesterday()],
        participants: [{ familyName: booked.familyName, email: booked.email.toUpperCase() }],
        ...input,
      },
    },
  });
}

describe("direct bookings", () => {
  it("records a past participation as CARRIED_OUT, with the rows fees and statistics read", async () => {
    const response = await book({});
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const request = response.data?.recordDirectBooking.request;
    expect(request).toMatchObject({ status: "CARRIED_OUT", directRecruitment: true, numberOfPersons: 1, costCentreCode: "421300" });
    expect(request?.occasions[0]?.heldAt).toBeTruthy();
    // Nothing counts before the network's coordinator confirms who the participant is.
    expect(await prisma().assignment.count({ where: { requestId: request?.id } })).toBe(0);
    await confirmDirectBooking(api, request?.id as string);
    const assignment = await prisma().assignment.findFirst({ where: { requestId: request?.id }, include: { invitation: true } });
    expect(assignment).toMatchObject({ memberId: booked.id, status: "CARRIED_OUT", invitation: { status: "ACCEPTED" } });
    const audit = await prisma().auditEvent.findMany({ where: { subjectType: "Assignment", subjectId: assignment?.id } });
    expect(audit.map((event) => [event.action, event.memberId, event.purpose])).toEqual([["WRITE", booked.id, "direct booking"]]);
  });

  it("records a future participation as FILLED", async () => {
    const response = await book({ occasions: [occasionInDays(7)] });
    expect(response.data?.recordDirectBooking.request?.status).toBe("FILLED");
  });

  it("answers the same whether the person is in the pool or not: each participant awaits the coordinator", async () => {
    // (issue 22: the answer must not tell a unit who is in the pool; tests/security/direct-booking.test.ts goes further.)
    for (const participants of [
      [{ familyName: "Okänd", email: booked.email }],
      [{ familyName: booked.familyName, email: "finns.inte@example.se" }],
      [
        { familyName: booked.familyName, email: booked.email },
        { familyName: "Okänd", phone: "070-000 00 00" },
      ],
    ]) {
      const response = await book({ participants });
      expect(response.data?.recordDirectBooking.errors).toEqual([]);
      const requestId = response.data?.recordDirectBooking.request?.id as string;
      const named = await prisma().directBookingParticipant.findMany({ where: { requestId }, orderBy: { position: "asc" } });
      expect(named.map((p) => p.status)).toEqual(participants.map(() => "PENDING"));
      expect(named.map((p) => p.memberId)).toEqual(
        participants.map((p) => (p.familyName === booked.familyName && p.email === booked.email ? booked.id : null)),
      );
      expect(await prisma().assignment.count({ where: { requestId } })).toBe(0);
    }
  });

  it("gives field errors for what is missing, and never books a member of another network's pool", async () => {
    const response = await book({ title: "", occasions: [], participants: [{ familyName: "Ek" }] });
    expect(fieldErrors(response).map((e) => [e.field, e.code])).toEqual([
      ["input.title", "REQUIRED"],
      ["input.occasions", "TOO_FEW"],
      ["input.participants[0].email", "REQUIRED"],
    ]);
    const peerNetwork = await prisma().network.findFirst({ where: { tenant: { slug: "jonkoping" }, slug: "peer" } });
    const wrongPool = await book({ networkId: peerNetwork?.id });
    expect(wrongPool.data?.recordDirectBooking.errors).toEqual([]);
    const named = await prisma().directBookingParticipant.findMany({
      where: { requestId: wrongPool.data?.recordDirectBooking.request?.id },
    });
    expect(named.map((p) => p.memberId)).toEqual([null]);
  });

  it("is for requesters only, and another unit cannot see the booking", async () => {
    const response = await book({}, "lb");
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const mine = (await book({})).data?.recordDirectBooking.request?.id as string;
    const seen = await api.graphql<{ request: unknown }>(REQUEST, { token: token("otherUnit"), variables: { id: mine } });
    expect(seen.data?.request).toBeNull();
  });
});

describe("feedback after the assignment", () => {
  let carriedOut: string;

  type FeedbackResponse = {
    giveFeedback: { feedback: { author: string; rating: number | null; givenByYou: boolean } | null; errors: Array<{ code: string }> };
  };
  const give = (as: string, input: Record<string, unknown>) =>
    api.graphql<FeedbackResponse>(GIVE_FEEDBACK, { token: token(as), variables: { input: { requestId: carriedOut, ...input } } });
  const feedbackSeenBy = async (as: string) => {
    const response = await api.graphql<{
      request: { feedback: Array<{ author: string; rating: number; comment: string; givenByYou: boolean }> } | null;
    }>(REQUEST_FEEDBACK, { token: token(as), variables: { id: carriedOut } });
    return response.data?.request?.feedback.map((f) => f.author).sort() ?? null;
  };

  beforeAll(async () => {
    carriedOut = (await book({})).data?.recordDirectBooking.request?.id as string;
    await confirmDirectBooking(api, carriedOut);
  });

  it("is refused before the assignment is carried out", async () => {
    const future = (await book({ occasions: [occasionInDays(7)] })).data?.recordDirectBooking.request?.id as string;
    await confirmDirectBooking(api, future);
    const response = await api.graphql<FeedbackResponse>(GIVE_FEEDBACK, {
      token: token("requester"),
      variables: { input: { requestId: future, rating: 4 } },
    });
    expect(response.data?.giveFeedback.errors[0]?.code).toBe("FEEDBACK_TOO_EARLY");
    const still = await transitionRequest(api, token("requester"), MARK_REQUEST_CARRIED_OUT, { requestId: future });
    expect(still.errors[0]?.code).toBe("OCCASIONS_NOT_OVER");
  });

  it("needs a rating from 1 to 5, in both languages", async () => {
    const response = await give("requester", { rating: 6 });
    expect(fieldErrors(response).map((e) => [e.field, e.code, e.messages.en])).toEqual([
      ["input.rating", "OUT_OF_RANGE", "Rating must be between 1 and 5."],
    ]);
  });

  it("is given once each by the unit, the participant (own token) and the coordinator", async () => {
    const unit = await give("requester", { rating: 5, comment: "Mycket värdefullt." });
    expect(unit.data?.giveFeedback.feedback).toMatchObject({ author: "UNIT", rating: 5, givenByYou: true });
    expect((await give("requester", { rating: 4 })).data?.giveFeedback.errors[0]?.code).toBe("FEEDBACK_ALREADY_GIVEN");

    const participant = await give("participant", { rating: 4, comment: "Jag kände mig välkommen." });
    expect(participant.data?.giveFeedback.feedback).toMatchObject({ author: "PARTICIPANT", rating: 4 });

    // The coordinator's feedback is the follow-up of both; a rating is optional there.
    const coordinator = await give("lb", { comment: "Uppföljt med båda parter." });
    expect(coordinator.data?.giveFeedback.feedback).toMatchObject({ author: "COORDINATOR", rating: null });
  });

  it("is not open to a member who did not take part, another unit or another network's coordinator", async () => {
    expect((await give("otherMember", { rating: 1 })).data?.giveFeedback.errors[0]?.code).toBe("NOT_FOUND");
    expect((await give("otherUnit", { rating: 1 })).data?.giveFeedback.errors[0]?.code).toBe("NOT_FOUND");
    expect((await give("peer", { rating: 1 })).data?.giveFeedback.errors[0]?.code).toBe("NOT_FOUND");
  });

  it("is read by whom it concerns: the unit never reads what a participant wrote", async () => {
    expect(await feedbackSeenBy("lb")).toEqual(["COORDINATOR", "PARTICIPANT", "UNIT"]);
    expect(await feedbackSeenBy("requester")).toEqual(["COORDINATOR", "UNIT"]);
    expect(await feedbackSeenBy("participant")).toEqual(["PARTICIPANT", "UNIT"]);
    expect(await feedbackSeenBy("otherUnit")).toBeNull();
    expect(await feedbackSeenBy("otherMember")).toBeNull();
  });
});
