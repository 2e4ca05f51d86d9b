import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { RecordDirectBookingInput, RequestLifecycleActivePoolQuery, SubmitRequestInput } from "../generated/graphql.js";
import { mutate, present, query } from "../invitations/invitations.js";
import { auditLog } from "../support/audit-log.js";
import { everyRegionsAdmin } from "../support/configuration-admin.js";
import { fieldErrors } from "../support/errors.js";
import { occasionInDays, requestInput } from "../support/requests.js";
import { letTheOccasionTakePlaceYesterday, networkId } from "../support/scenarios.js";

// Issue 5, item 1 (lifecycle) and item 6 (follow-up): submitted → matching → partly filled → filled → carried out →
// followed up, or declined / cancelled with a reason. Illegal moves are refused with the rule and a bilingual
// explanation; each change leaves a status event and an audit WRITE; open follow-ups are listable.

graphql(`fragment RequestLifecycleTransitionFields on Request { id status statusReason version closedAt followedUpAt }`);
graphql(`fragment RequestLifecycleOccasionFields on Occasion { id digitalLink cancelledAt cancellationReason heldAt }`);

const SUBMIT = graphql(`mutation RequestLifecycleSubmit($input: SubmitRequestInput!) {
  submitRequest(input: $input) { request { id } errors { __typename ...PayloadErrorFields } } }`);
const START_MATCHING = graphql(`mutation RequestLifecycleStartMatching($input: StartMatchingInput!) {
  startMatching(input: $input) { request { ...RequestLifecycleTransitionFields } errors { __typename ...PayloadErrorFields } } }`);
const DECLINE_REQUEST = graphql(`mutation RequestLifecycleDecline($input: DeclineRequestInput!) {
  declineRequest(input: $input) { request { ...RequestLifecycleTransitionFields } errors { __typename ...PayloadErrorFields } } }`);
const CANCEL_REQUEST = graphql(`mutation RequestLifecycleCancel($input: CancelRequestInput!) {
  cancelRequest(input: $input) { request { ...RequestLifecycleTransitionFields } errors { __typename ...PayloadErrorFields } } }`);
const MARK_REQUEST_CARRIED_OUT = graphql(`mutation RequestLifecycleMarkCarriedOut($input: MarkRequestCarriedOutInput!) {
  markRequestCarriedOut(input: $input) { request { ...RequestLifecycleTransitionFields } errors { __typename ...PayloadErrorFields } } }`);
const RECORD_FOLLOW_UP = graphql(`mutation RequestLifecycleRecordFollowUp($input: RecordFollowUpInput!) {
  recordFollowUp(input: $input) { request { ...RequestLifecycleTransitionFields } errors { __typename ...PayloadErrorFields } } }`);
const HISTORY = graphql(`query RequestLifecycleHistory($id: ID!) {
  request(id: $id) { id status events { fromStatus toStatus reason } } }`);
const ASSIGNMENTS = graphql(`query RequestLifecycleAssignments($id: ID!) {
  request(id: $id) { id assignments { status cancellationReason } } }`);
const FOLLOW_UP_NOTE = graphql(`query RequestLifecycleFollowUpNote($id: ID!) { request(id: $id) { id followUpNote } }`);
const OPEN_FOLLOW_UPS = graphql(`query RequestLifecycleOpenFollowUps($first: Int) { openFollowUps(first: $first) { nodes { id } } }`);
const ACTIVE_POOL = graphql(`query RequestLifecycleActivePool($filter: MemberSearchInput, $after: String) {
  members(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id familyName email } } }`);
const RECORD_DIRECT_BOOKING = graphql(`mutation RequestLifecycleRecordDirectBooking($input: RecordDirectBookingInput!) {
  recordDirectBooking(input: $input) { request { id status occasions { id } }
    errors { __typename ...PayloadErrorFields ... on ParticipantNotIdentified { index } } } }`);
const BOOKINGS_TO_CONFIRM = graphql(`query RequestLifecycleBookingsToConfirm {
  directBookingParticipantsToConfirm { id requestId status } }`);
const CONFIRM_PARTICIPANT = graphql(`mutation RequestLifecycleConfirmParticipant($input: DecideDirectBookingParticipantInput!) {
  confirmDirectBookingParticipant(input: $input) { participant { id status } errors { __typename ...PayloadErrorFields } } }`);
const ADD_OCCASION = graphql(`mutation RequestLifecycleAddOccasion($input: AddOccasionInput!) {
  addOccasion(input: $input) { occasion { ...RequestLifecycleOccasionFields } errors { __typename ...PayloadErrorFields } } }`);
const CANCEL_OCCASION = graphql(`mutation RequestLifecycleCancelOccasion($input: CancelOccasionInput!) {
  cancelOccasion(input: $input) { occasion { ...RequestLifecycleOccasionFields } errors { __typename ...PayloadErrorFields } } }`);
const MARK_OCCASION_HELD = graphql(`mutation RequestLifecycleMarkOccasionHeld($input: MarkOccasionHeldInput!) {
  markOccasionHeld(input: $input) { occasion { ...RequestLifecycleOccasionFields } errors { __typename ...PayloadErrorFields } } }`);

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;

let levandeBibliotek: string;
let participant: { familyName: string; email: string };

beforeAll(async () => {
  api = await startTestApi();
  tokens.requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  tokens.lb = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  tokens.peer = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" });
  tokens.admin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  tokens.kalmar = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  levandeBibliotek = await networkId(api, token("requester"), "levande-bibliotek");
  // A Levande bibliotek member the unit could have booked directly (the first by id, as the pool shows them to the
  // network's coordinator: never a restricted or erased one).
  const pool = await activeMembersOf(levandeBibliotek);
  const member = pool.filter((node) => node.email).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  if (!member?.email) throw new Error("no active Levande bibliotek member with an e-mail address in the seed");
  participant = { familyName: member.familyName, email: member.email };
});

afterAll(async () => {
  await api?.stop();
});

/** The network's active members, as its coordinator finds them in the pool. */
async function activeMembersOf(network: string) {
  const members: Array<{ id: string; familyName: string; email?: string | null }> = [];
  for (let after: string | null = null; ; ) {
    const data: RequestLifecycleActivePoolQuery = await query(api, token("lb"), ACTIVE_POOL, {
      filter: { networkId: network, statuses: ["ACTIVE"] },
      after,
    });
    const page = present(data.members, "the pool");
    members.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return members;
    after = page.pageInfo.endCursor ?? null;
  }
}

/** A payload that refused: no request, and the first error saying why. */
function refusal<P extends { request?: unknown; errors: readonly unknown[] }>(payload: P): P["errors"][number] | undefined {
  expect(payload.request).toBeNull();
  return payload.errors[0];
}

/** Submits a complete request as the unit's requester and returns its id. */
async function submitRequest(overrides: Partial<SubmitRequestInput> & { networkSlug?: string } = {}): Promise<string> {
  const payload = await mutate(api, token("requester"), SUBMIT, await requestInput(api, token("requester"), overrides));
  return present(payload.request, `the submitted request (${JSON.stringify(payload.errors)})`).id;
}

/** Moves a fresh request into MATCHING as Levande bibliotek's coordinator. */
async function startMatching(id: string) {
  const payload = await mutate(api, token("lb"), START_MATCHING, { requestId: id });
  return present(payload.request, `the request in matching (${JSON.stringify(payload.errors)})`);
}

async function history(id: string, as = "lb") {
  const response = await api.graphql(HISTORY, { token: token(as), variables: { id } });
  return response.data?.request;
}

/** The places taken on the request, as the network's coordinator sees them. */
async function assignments(id: string) {
  return present((await query(api, token("lb"), ASSIGNMENTS, { id })).request, "the request").assignments;
}

/** The audit events about these subjects, in every region's log as its administrator reads it (oldest first). */
async function auditEventsAbout(subjectType: string, subjectIds: readonly string[]) {
  const logs = await Promise.all((await everyRegionsAdmin(api)).map((admin) => auditLog(api, admin)));
  return logs.flat().filter((event) => event.subjectType === subjectType && subjectIds.includes(event.subjectId ?? ""));
}

/** A request of Levande bibliotek with one participant booked (FILLED), its occasion still ahead. */
async function filledRequest(): Promise<{ id: string; occasionId: string }> {
  const input: RecordDirectBookingInput = {
    networkId: levandeBibliotek,
    assignmentType: "WORKSHOP",
    title: "Workshop om utskrivning",
    purpose: "Förbättra utskrivningssamtalet.",
    occasions: [occasionInDays(3)],
    participants: [participant],
  };
  const booked = await mutate(api, token("requester"), RECORD_DIRECT_BOOKING, input);
  const request = booked.request;
  if (!request) throw new Error(JSON.stringify(booked));
  expect(request.status).toBe("FILLED");
  await theCoordinatorConfirmsTheBooking(request.id);
  return { id: request.id, occasionId: request.occasions[0]?.id as string };
}

/** Levande bibliotek's coordinator checked with the people the unit named and confirms each (a booking counts only then). */
async function theCoordinatorConfirmsTheBooking(requestId: string): Promise<void> {
  const toConfirm = present((await query(api, token("lb"), BOOKINGS_TO_CONFIRM)).directBookingParticipantsToConfirm, "the bookings");
  const pending = toConfirm.filter((named) => named.requestId === requestId && named.status === "PENDING");
  expect(pending).toHaveLength(1);
  for (const named of pending) {
    const confirmed = await mutate(api, token("lb"), CONFIRM_PARTICIPANT, { id: named.id });
    expect(confirmed.errors).toEqual([]);
  }
}

/** Time passes (a named database step, as no client can make it): these occasions have taken place. */
async function timePasses(occasionIds: readonly string[]) {
  for (const occasionId of occasionIds) await letTheOccasionTakePlaceYesterday(api, occasionId);
}

describe("the coordinator takes a request into matching", () => {
  it("moves SUBMITTED → MATCHING, with a status event and an audit WRITE in the same change", async () => {
    const id = await submitRequest({ networkSlug: "levande-bibliotek" });
    const request = await startMatching(id);
    expect(request.status).toBe("MATCHING");
    expect((await history(id))?.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "SUBMITTED"],
      ["SUBMITTED", "MATCHING"],
    ]);
    const audit = await auditEventsAbout("Request", [id]);
    expect(audit.map((event) => [event.action, event.purpose])).toEqual([
      ["WRITE", "submit"],
      ["WRITE", "status SUBMITTED → MATCHING"],
    ]);
  });

  it("refuses a second start with the rule and an explanation in both languages", async () => {
    const id = await submitRequest();
    await startMatching(id);
    const error = refusal(await mutate(api, token("lb"), START_MATCHING, { requestId: id }));
    expect(error).toMatchObject({
      __typename: "RequestRuleNotMet",
      code: "TRANSITION_NOT_ALLOWED",
      messageSv: "En förfrågan kan inte gå från ”Matchning pågår” till ”Matchning pågår”; det går bara från ”Inskickad”.",
      messageEn: "A request cannot go from “Matching” to “Matching”; that is only possible from “Submitted”.",
    });
  });

  it("is the coordinator's step: the unit is refused, another network's coordinator and another tenant find nothing", async () => {
    const id = await submitRequest({ networkSlug: "levande-bibliotek" });
    const asUnit = await api.graphql(START_MATCHING, { token: token("requester"), variables: { input: { requestId: id } } });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refusal(await mutate(api, token("peer"), START_MATCHING, { requestId: id }))?.code).toBe("NOT_FOUND");
    expect(refusal(await mutate(api, token("kalmar"), START_MATCHING, { requestId: id }))?.code).toBe("NOT_FOUND");
    expect((await history(id))?.status).toBe("SUBMITTED");
  });
});

describe("declining and cancelling", () => {
  it("needs a reason; a declined request is closed and says why", async () => {
    const id = await submitRequest();
    expect(refusal(await mutate(api, token("lb"), DECLINE_REQUEST, { requestId: id, reason: "  " }))?.code).toBe("REASON_REQUIRED");
    const declined = await mutate(api, token("lb"), DECLINE_REQUEST, { requestId: id, reason: "Nätverket har ingen med rätt erfarenhet." });
    expect(declined.request).toMatchObject({ status: "DECLINED", statusReason: "Nätverket har ingen med rätt erfarenhet." });
    expect(declined.request?.closedAt).toBeTruthy();
    // The unit reads the reason on its own request.
    const seen = await history(id, "requester");
    expect(seen?.events.at(-1)).toMatchObject({
      fromStatus: "SUBMITTED",
      toStatus: "DECLINED",
      reason: "Nätverket har ingen med rätt erfarenhet.",
    });
    for (const attempt of [
      () => mutate(api, token("lb"), START_MATCHING, { requestId: id }),
      () => mutate(api, token("lb"), CANCEL_REQUEST, { requestId: id, reason: "x" }),
      () => mutate(api, token("lb"), MARK_REQUEST_CARRIED_OUT, { requestId: id }),
    ]) {
      expect(refusal(await attempt())?.code).toBe("REQUEST_CLOSED");
    }
  });

  it("only the coordinator declines; the unit cancels its own request, and pending bookings are released", async () => {
    const id = await submitRequest();
    const asUnit = await api.graphql(DECLINE_REQUEST, { token: token("requester"), variables: { input: { requestId: id, reason: "x" } } });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const cancelled = await mutate(api, token("requester"), CANCEL_REQUEST, { requestId: id, reason: "Workshopen är inställd." });
    expect(cancelled.request).toMatchObject({ status: "CANCELLED", statusReason: "Workshopen är inställd." });

    const { id: filled } = await filledRequest();
    const booked = await mutate(api, token("lb"), CANCEL_REQUEST, { requestId: filled, reason: "Lokalen är inte längre tillgänglig." });
    expect(booked.request?.status).toBe("CANCELLED");
    expect((await assignments(filled)).map((a) => [a.status, a.cancellationReason])).toEqual([
      ["CANCELLED", "Lokalen är inte längre tillgänglig."],
    ]);
  });

  it("cannot decline once someone is booked; cancelling is the way out", async () => {
    const { id } = await filledRequest();
    const error = refusal(await mutate(api, token("lb"), DECLINE_REQUEST, { requestId: id, reason: "x" }));
    expect(error?.code).toBe("TRANSITION_NOT_ALLOWED");
    expect(error?.messageEn).toContain("only possible from “Submitted” or “Matching”");
  });
});

describe("carrying out and following up", () => {
  it("is carried out only after the last occasion, then queued for follow-up until the coordinator closes it", async () => {
    const { id, occasionId } = await filledRequest();
    const early = refusal(await mutate(api, token("requester"), MARK_REQUEST_CARRIED_OUT, { requestId: id }));
    expect(early).toMatchObject({ code: "OCCASIONS_NOT_OVER" });
    expect(early?.messageSv).toContain("Alla tillfällen är inte avslutade än");

    await timePasses([occasionId]);
    const carried = await mutate(api, token("requester"), MARK_REQUEST_CARRIED_OUT, { requestId: id });
    expect(carried.request?.status).toBe("CARRIED_OUT");
    expect((await assignments(id)).map((a) => a.status)).toEqual(["CARRIED_OUT"]);

    const queue = async (as: string) => {
      const response = await api.graphql(OPEN_FOLLOW_UPS, { token: token(as), variables: { first: 100 } });
      return response.data?.openFollowUps?.nodes.map((n) => n.id) ?? [];
    };
    expect(await queue("lb")).toContain(id);
    expect(await queue("peer")).not.toContain(id);
    const asUnit = await api.graphql(OPEN_FOLLOW_UPS, { token: token("requester") });
    expect(asUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const byUnit = await api.graphql(RECORD_FOLLOW_UP, { token: token("requester"), variables: { input: { requestId: id, note: "x" } } });
    expect(byUnit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refusal(await mutate(api, token("lb"), RECORD_FOLLOW_UP, { requestId: id, note: "" }))?.code).toBe("FOLLOW_UP_NOTE_REQUIRED");
    const followed = await mutate(api, token("lb"), RECORD_FOLLOW_UP, {
      requestId: id,
      note: "Samtal med enheten och deltagaren: mycket nöjda.",
    });
    expect(followed.request).toMatchObject({ status: "FOLLOWED_UP" });
    expect(followed.request?.closedAt).toBeTruthy();
    expect(await queue("lb")).not.toContain(id);

    const note = async (as: string) =>
      (await api.graphql(FOLLOW_UP_NOTE, { token: token(as), variables: { id } })).data?.request?.followUpNote;
    expect(await note("lb")).toBe("Samtal med enheten och deltagaren: mycket nöjda.");
    expect(await note("requester")).toBeNull();

    expect((await history(id))?.events.map((e) => e.toStatus)).toEqual(["FILLED", "CARRIED_OUT", "FOLLOWED_UP"]);
    expect(refusal(await mutate(api, token("lb"), CANCEL_REQUEST, { requestId: id, reason: "x" }))?.code).toBe("REQUEST_CLOSED");
  });

  it("cannot be carried out with nobody booked", async () => {
    const id = await submitRequest();
    await startMatching(id);
    expect(refusal(await mutate(api, token("lb"), MARK_REQUEST_CARRIED_OUT, { requestId: id }))?.code).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("a tenant admin reads every request but does not run them", async () => {
    const id = await submitRequest();
    expect((await history(id, "admin"))?.status).toBe("SUBMITTED");
    const response = await api.graphql(CANCEL_REQUEST, { token: token("admin"), variables: { input: { requestId: id, reason: "x" } } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("occasions", () => {
  it("are added in the future only, with every field error at once", async () => {
    const id = await submitRequest();
    const past = { startsAt: new Date(Date.now() - 7_200_000).toISOString(), endsAt: new Date(Date.now() - 10_800_000).toISOString() };
    const bad = await api.graphql(ADD_OCCASION, { token: token("requester"), variables: { input: { requestId: id, ...past } } });
    expect(fieldErrors(bad).map((e) => [e.field, e.code])).toEqual([
      ["input.startsAt", "DATE_IN_PAST"],
      ["input.endsAt", "MUST_BE_AFTER"],
      ["input.place", "REQUIRED"],
    ]);
    const added = await api.graphql(ADD_OCCASION, {
      token: token("lb"),
      variables: { input: { requestId: id, ...occasionInDays(30), place: null, digitalLink: "https://moten.example.se/rjl/ws" } },
    });
    expect(added.data?.addOccasion?.occasion?.digitalLink).toBe("https://moten.example.se/rjl/ws");
    const other = await api.graphql(ADD_OCCASION, {
      token: token("peer"),
      variables: { input: { requestId: id, ...occasionInDays(30) } },
    });
    expect(other.data?.addOccasion?.errors[0]?.code).toBe("NOT_FOUND");
  });

  it("are cancelled with a reason, and reported held only once started and not cancelled", async () => {
    const { id, occasionId } = await filledRequest();
    const early = await api.graphql(MARK_OCCASION_HELD, {
      token: token("requester"),
      variables: { input: { occasionId } },
    });
    expect(early.data?.markOccasionHeld?.errors[0]?.code).toBe("OCCASION_NOT_STARTED");

    const extra = await api.graphql(ADD_OCCASION, {
      token: token("requester"),
      variables: { input: { requestId: id, ...occasionInDays(5) } },
    });
    const extraId = extra.data?.addOccasion?.occasion?.id as string;
    const noReason = await api.graphql(CANCEL_OCCASION, {
      token: token("requester"),
      variables: { input: { occasionId: extraId } },
    });
    expect(noReason.data?.cancelOccasion?.errors[0]?.code).toBe("REASON_REQUIRED");
    const cancelled = await api.graphql(CANCEL_OCCASION, {
      token: token("requester"),
      variables: { input: { occasionId: extraId, reason: "Flyttad till nästa termin." } },
    });
    expect(cancelled.data?.cancelOccasion?.occasion).toMatchObject({ cancellationReason: "Flyttad till nästa termin." });

    await timePasses([occasionId, extraId]);
    const held = await api.graphql(MARK_OCCASION_HELD, {
      token: token("lb"),
      variables: { input: { occasionId } },
    });
    expect(held.data?.markOccasionHeld?.occasion?.heldAt).toBeTruthy();
    const heldCancelled = await api.graphql(MARK_OCCASION_HELD, {
      token: token("lb"),
      variables: { input: { occasionId: extraId } },
    });
    expect(heldCancelled.data?.markOccasionHeld?.errors[0]?.code).toBe("OCCASION_CANCELLED");
    expect(await auditEventsAbout("Occasion", [occasionId, extraId])).toHaveLength(3);
  });
});
