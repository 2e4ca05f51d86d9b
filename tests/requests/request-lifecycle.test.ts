import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import {
  ADD_OCCASION,
  CANCEL_OCCASION,
  CANCEL_REQUEST,
  confirmDirectBooking,
  DECLINE_REQUEST,
  MARK_OCCASION_HELD,
  MARK_REQUEST_CARRIED_OUT,
  OPEN_FOLLOW_UPS,
  occasionInDays,
  RECORD_DIRECT_BOOKING,
  RECORD_FOLLOW_UP,
  REQUEST,
  REQUEST_FEEDBACK,
  START_MATCHING,
  startMatching,
  submitRequest,
  transitionRequest,
} from "../support/requests.js";

// Issue 5, item 1 (lifecycle) and item 6 (follow-up): submitted → matching → partly filled → filled → carried out →
// followed up, or declined / cancelled with a reason. Illegal moves are refused with the rule and a bilingual
// explanation; each change leaves a status event and an audit WRITE; open follow-ups are listable.

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;
const prisma = () => api.running.database.prisma;

let participant: { familyName: string; email: string };

beforeAll(async () => {
  api = await startTestApi();
  tokens.requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  tokens.lb = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.peer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  tokens.admin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  tokens.kalmar = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  // A Levande bibliotek member the unit could have booked directly.
  const member = await prisma().member.findFirst({
    where: {
      tenant: { slug: "jonkoping" },
      email: { not: null },
      erasedAt: null,
      restrictedAt: null,
      memberships: { some: { status: "ACTIVE", network: { slug: "levande-bibliotek" } } },
    },
    orderBy: { id: "asc" },
    select: { familyName: true, email: true },
  });
  if (!member?.email) throw new Error("no active Levande bibliotek member with an e-mail address in the seed");
  participant = { familyName: member.familyName, email: member.email };
});

afterAll(async () => {
  await api?.stop();
});

type Payload = Awaited<ReturnType<typeof transitionRequest>>;

const act = (document: string, input: Record<string, unknown>, as = "lb") => transitionRequest(api, token(as), document, input);

function refusal(payload: Payload) {
  expect(payload.request).toBeNull();
  return payload.errors[0];
}

async function history(id: string, as = "lb") {
  const response = await api.graphql<{
    request: { status: string; events: Array<{ fromStatus: string | null; toStatus: string; reason: string | null }> };
  }>(REQUEST, { token: token(as), variables: { id } });
  return response.data?.request;
}

/** A request of Levande bibliotek with one participant booked (FILLED), its occasion still ahead. */
async function filledRequest(): Promise<{ id: string; occasionId: string }> {
  const response = await api.graphql<{
    recordDirectBooking: { request: { id: string; status: string; occasions: Array<{ id: string }> } | null };
  }>(RECORD_DIRECT_BOOKING, {
    token: token("requester"),
    variables: {
      input: {
        networkId: await networkId("levande-bibliotek"),
        assignmentType: "WORKSHOP",
        title: "Workshop om utskrivning",
        purpose: "Förbättra utskrivningssamtalet.",
        occasions: [occasionInDays(3)],
        participants: [participant],
      },
    },
  });
  const request = response.data?.recordDirectBooking.request;
  if (!request) throw new Error(JSON.stringify(response));
  expect(request.status).toBe("FILLED");
  await confirmDirectBooking(api, request.id);
  return { id: request.id, occasionId: request.occasions[0]?.id as string };
}

async function networkId(slug: string): Promise<string> {
  const row = await prisma().network.findFirst({ where: { tenant: { slug: "jonkoping" }, slug }, select: { id: true } });
  return row?.id as string;
}

/** Moves a request's occasions into the past, as if the days had gone by. */
async function timePasses(requestId: string) {
  await prisma().occasion.updateMany({
    where: { requestId },
    data: { startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) },
  });
}

describe("the coordinator takes a request into matching", () => {
  it("moves SUBMITTED → MATCHING, with a status event and an audit WRITE in the same change", async () => {
    const id = await submitRequest(api, token("requester"), { networkSlug: "levande-bibliotek" });
    const request = await startMatching(api, token("lb"), id);
    expect(request.status).toBe("MATCHING");
    expect((await history(id))?.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "SUBMITTED"],
      ["SUBMITTED", "MATCHING"],
    ]);
    const audit = await prisma().auditEvent.findMany({ where: { subjectType: "Request", subjectId: id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.purpose])).toEqual([
      ["WRITE", "submit"],
      ["WRITE", "status SUBMITTED → MATCHING"],
    ]);
  });

  it("refuses a second start with the rule and an explanation in both languages", async () => {
    const id = await submitRequest(api, token("requester"));
    await startMatching(api, token("lb"), id);
    const error = refusal(await act(START_MATCHING, { requestId: id }));
    expect(error).toMatchObject({
      __typename: "RequestRuleNotMet",
      code: "TRANSITION_NOT_ALLOWED",
      messageSv: "En förfrågan kan inte gå från ”Matchning pågår” till ”Matchning pågår”; det går bara från ”Inskickad”.",
      messageEn: "A request cannot go from “Matching” to “Matching”; that is only possible from “Submitted”.",
    });
  });

  it("is the coordinator's step: the unit is refused, another network's coordinator and another tenant find nothing", async () => {
    const id = await submitRequest(api, token("requester"), { networkSlug: "levande-bibliotek" });
    const asUnit = await api.graphql(START_MATCHING, { token: token("requester"), variables: { input: { requestId: id } } });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refusal(await act(START_MATCHING, { requestId: id }, "peer"))?.code).toBe("NOT_FOUND");
    expect(refusal(await act(START_MATCHING, { requestId: id }, "kalmar"))?.code).toBe("NOT_FOUND");
    expect((await history(id))?.status).toBe("SUBMITTED");
  });
});

describe("declining and cancelling", () => {
  it("needs a reason; a declined request is closed and says why", async () => {
    const id = await submitRequest(api, token("requester"));
    expect(refusal(await act(DECLINE_REQUEST, { requestId: id, reason: "  " }))?.code).toBe("REASON_REQUIRED");
    const declined = await act(DECLINE_REQUEST, { requestId: id, reason: "Nätverket har ingen med rätt erfarenhet." });
    expect(declined.request).toMatchObject({ status: "DECLINED", statusReason: "Nätverket har ingen med rätt erfarenhet." });
    expect(declined.request?.closedAt).toBeTruthy();
    // The unit reads the reason on its own request.
    const seen = await history(id, "requester");
    expect(seen?.events.at(-1)).toMatchObject({
      fromStatus: "SUBMITTED",
      toStatus: "DECLINED",
      reason: "Nätverket har ingen med rätt erfarenhet.",
    });
    for (const [document, input] of [
      [START_MATCHING, { requestId: id }],
      [CANCEL_REQUEST, { requestId: id, reason: "x" }],
      [MARK_REQUEST_CARRIED_OUT, { requestId: id }],
    ] as const) {
      expect(refusal(await act(document, input))?.code).toBe("REQUEST_CLOSED");
    }
  });

  it("only the coordinator declines; the unit cancels its own request, and pending bookings are released", async () => {
    const id = await submitRequest(api, token("requester"));
    const asUnit = await api.graphql(DECLINE_REQUEST, { token: token("requester"), variables: { input: { requestId: id, reason: "x" } } });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const cancelled = await act(CANCEL_REQUEST, { requestId: id, reason: "Workshopen är inställd." }, "requester");
    expect(cancelled.request).toMatchObject({ status: "CANCELLED", statusReason: "Workshopen är inställd." });

    const { id: filled } = await filledRequest();
    const booked = await act(CANCEL_REQUEST, { requestId: filled, reason: "Lokalen är inte längre tillgänglig." }, "lb");
    expect(booked.request?.status).toBe("CANCELLED");
    const assignments = await prisma().assignment.findMany({ where: { requestId: filled } });
    expect(assignments.map((a) => [a.status, a.cancellationReason])).toEqual([["CANCELLED", "Lokalen är inte längre tillgänglig."]]);
  });

  it("cannot decline once someone is booked; cancelling is the way out", async () => {
    const { id } = await filledRequest();
    const error = refusal(await act(DECLINE_REQUEST, { requestId: id, reason: "x" }));
    expect(error?.code).toBe("TRANSITION_NOT_ALLOWED");
    expect(error?.messageEn).toContain("only possible from “Submitted” or “Matching”");
  });
});

describe("carrying out and following up", () => {
  it("is carried out only after the last occasion, then queued for follow-up until the coordinator closes it", async () => {
    const { id } = await filledRequest();
    const early = refusal(await act(MARK_REQUEST_CARRIED_OUT, { requestId: id }, "requester"));
    expect(early).toMatchObject({ code: "OCCASIONS_NOT_OVER" });
    expect(early?.messageSv).toContain("Alla tillfällen är inte avslutade än");

    await timePasses(id);
    const carried = await act(MARK_REQUEST_CARRIED_OUT, { requestId: id }, "requester");
    expect(carried.request?.status).toBe("CARRIED_OUT");
    expect((await prisma().assignment.findMany({ where: { requestId: id } })).map((a) => a.status)).toEqual(["CARRIED_OUT"]);

    const queue = async (as: string) =>
      (
        await api.graphql<{ openFollowUps: { nodes: Array<{ id: string }> } }>(OPEN_FOLLOW_UPS, {
          token: token(as),
          variables: { first: 100 },
        })
      ).data?.openFollowUps.nodes.map((n) => n.id) ?? [];
    expect(await queue("lb")).toContain(id);
    expect(await queue("peer")).not.toContain(id);
    const asUnit = await api.graphql(OPEN_FOLLOW_UPS, { token: token("requester") });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const byUnit = await api.graphql(RECORD_FOLLOW_UP, { token: token("requester"), variables: { input: { requestId: id, note: "x" } } });
    expect(byUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refusal(await act(RECORD_FOLLOW_UP, { requestId: id, note: "" }))?.code).toBe("FOLLOW_UP_NOTE_REQUIRED");
    const followed = await act(RECORD_FOLLOW_UP, { requestId: id, note: "Samtal med enheten och deltagaren: mycket nöjda." });
    expect(followed.request).toMatchObject({ status: "FOLLOWED_UP" });
    expect(followed.request?.closedAt).toBeTruthy();
    expect(await queue("lb")).not.toContain(id);

    const note = async (as: string) =>
      (await api.graphql<{ request: { followUpNote: string | null } }>(REQUEST_FEEDBACK, { token: token(as), variables: { id } })).data
        ?.request.followUpNote;
    expect(await note("lb")).toBe("Samtal med enheten och deltagaren: mycket nöjda.");
    expect(await note("requester")).toBeNull();

    expect((await history(id))?.events.map((e) => e.toStatus)).toEqual(["FILLED", "CARRIED_OUT", "FOLLOWED_UP"]);
    expect(refusal(await act(CANCEL_REQUEST, { requestId: id, reason: "x" }))?.code).toBe("REQUEST_CLOSED");
  });

  it("cannot be carried out with nobody booked", async () => {
    const id = await submitRequest(api, token("requester"));
    await startMatching(api, token("lb"), id);
    expect(refusal(await act(MARK_REQUEST_CARRIED_OUT, { requestId: id }))?.code).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("a tenant admin reads every request but does not run them", async () => {
    const id = await submitRequest(api, token("requester"));
    expect((await history(id, "admin"))?.status).toBe("SUBMITTED");
    const response = await api.graphql(CANCEL_REQUEST, { token: token("admin"), variables: { input: { requestId: id, reason: "x" } } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("occasions", () => {
  it("are added in the future only, with every field error at once", async () => {
    const id = await submitRequest(api, token("requester"));
    const past = { startsAt: new Date(Date.now() - 7_200_000).toISOString(), endsAt: new Date(Date.now() - 10_800_000).toISOString() };
    const bad = await api.graphql(ADD_OCCASION, { token: token("requester"), variables: { input: { requestId: id, ...past } } });
    expect(fieldErrors(bad).map((e) => [e.field, e.code])).toEqual([
      ["input.startsAt", "DATE_IN_PAST"],
      ["input.endsAt", "MUST_BE_AFTER"],
      ["input.place", "REQUIRED"],
    ]);
    const added = await api.graphql<{ addOccasion: { occasion: { id: string; digitalLink: string } | null } }>(ADD_OCCASION, {
      token: token("lb"),
      variables: { input: { requestId: id, ...occasionInDays(30), place: null, digitalLink: "https://moten.example.se/rjl/ws" } },
    });
    expect(added.data?.addOccasion.occasion?.digitalLink).toBe("https://moten.example.se/rjl/ws");
    const other = await api.graphql<{ addOccasion: { errors: Array<{ code: string }> } }>(ADD_OCCASION, {
      token: token("peer"),
      variables: { input: { requestId: id, ...occasionInDays(30) } },
    });
    expect(other.data?.addOccasion.errors[0]?.code).toBe("NOT_FOUND");
  });

  it("are cancelled with a reason, and reported held only once started and not cancelled", async () => {
    const { id, occasionId } = await filledRequest();
    const early = await api.graphql<{ markOccasionHeld: { errors: Array<{ code: string }> } }>(MARK_OCCASION_HELD, {
      token: token("requester"),
      variables: { input: { occasionId } },
    });
    expect(early.data?.markOccasionHeld.errors[0]?.code).toBe("OCCASION_NOT_STARTED");

    const extra = await api.graphql<{ addOccasion: { occasion: { id: string } } }>(ADD_OCCASION, {
      token: token("requester"),
      variables: { input: { requestId: id, ...occasionInDays(5) } },
    });
    const extraId = extra.data?.addOccasion.occasion.id as string;
    const noReason = await api.graphql<{ cancelOccasion: { errors: Array<{ code: string }> } }>(CANCEL_OCCASION, {
      token: token("requester"),
      variables: { input: { occasionId: extraId } },
    });
    expect(noReason.data?.cancelOccasion.errors[0]?.code).toBe("REASON_REQUIRED");
    const cancelled = await api.graphql<{ cancelOccasion: { occasion: { cancelledAt: string; cancellationReason: string } } }>(
      CANCEL_OCCASION,
      {
        token: token("requester"),
        variables: { input: { occasionId: extraId, reason: "Flyttad till nästa termin." } },
      },
    );
    expect(cancelled.data?.cancelOccasion.occasion).toMatchObject({ cancellationReason: "Flyttad till nästa termin." });

    await timePasses(id);
    const held = await api.graphql<{ markOccasionHeld: { occasion: { heldAt: string | null } } }>(MARK_OCCASION_HELD, {
      token: token("lb"),
      variables: { input: { occasionId } },
    });
    expect(held.data?.markOccasionHeld.occasion.heldAt).toBeTruthy();
    const heldCancelled = await api.graphql<{ markOccasionHeld: { errors: Array<{ code: string }> } }>(MARK_OCCASION_HELD, {
      token: token("lb"),
      variables: { input: { occasionId: extraId } },
    });
    expect(heldCancelled.data?.markOccasionHeld.errors[0]?.code).toBe("OCCASION_CANCELLED");
    const audit = await prisma().auditEvent.count({ where: { subjectType: "Occasion", subjectId: { in: [occasionId, extraId] } } });
    expect(audit).toBe(3);
  });
});
