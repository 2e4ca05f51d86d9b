import { type GraphQLDocument, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMatching, submitRequest } from "../support/requests.js";
import {
  accept,
  activePool,
  CANCEL_PARTICIPANT,
  contactSharingVersion,
  errorCodes,
  INVITE,
  type InvitationView,
  lapse,
  MY_INVITATIONS,
  type MyInvitationView,
  memberTokens,
  mutate,
  participants,
  query,
  RECORD_AGREEMENT,
  RECORD_ATTENDANCE,
  REQUEST_ASSIGNMENTS,
  REQUEST_INVITATIONS,
  REQUEST_PARTICIPANTS,
  RESPOND,
  WITHDRAW_CONSENT,
  WITHDRAW_FROM_ASSIGNMENT,
  WITHDRAW_INVITATION,
} from "./invitations.js";

// Issue 5 items 3–5 and 8: who may invite whom, answers and their expiry, the waiting list under parallel acceptance,
// cancellation of a participant, and every permission edge (another unit, another network, another tenant, another
// member). Jönköping's Levande bibliotek and Peer are two networks of one tenant with a coordinator each (seed 000).

let api: TestApi;
const t: Record<string, string> = {};
const prisma = () => api.running.database.prisma;
let levandeBibliotek: string;
let version: string;
/** Free active members of Levande bibliotek, and a token for each. */
let pool: string[];
let memberToken: Map<string, string>;

type InviteResult = { invitations: InvitationView[] };

async function newRequest(numberOfPersons: number, title = "Patientberättelse på arbetsplatsträff"): Promise<string> {
  const id = await submitRequest(api, t.requester as string, { networkSlug: "levande-bibliotek", numberOfPersons, title });
  await startMatching(api, t.coordinator as string, id);
  return id;
}

async function invite(requestId: string, memberIds: string[], token = t.coordinator as string) {
  return mutate<InviteResult>(api, token, INVITE, { requestId, memberIds, message: "Hej! Passar det här dig?" });
}

const invitationsOf = async (requestId: string) =>
  (
    await query<{ request: { status: string; invitations: { nodes: InvitationView[] } } }>(
      api,
      t.coordinator as string,
      REQUEST_INVITATIONS,
      {
        id: requestId,
      },
    )
  ).request;

beforeAll(async () => {
  api = await startTestApi();
  const [coordinator, peerCoordinator, requester, analyst, vgrCoordinator, vgrRequester, vgrMember] = await Promise.all([
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" }),
    api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "peer" }),
    api.tokenFor({ tenant: "jonkoping", role: "requester" }),
    api.tokenFor({ tenant: "jonkoping", role: "analyst" }),
    api.tokenFor({ tenant: "vgr", role: "coordinator" }),
    api.tokenFor({ tenant: "vgr", role: "requester" }),
    api.tokenFor({ tenant: "vgr", role: "member" }),
  ]);
  Object.assign(t, { coordinator, peerCoordinator, requester, analyst, vgrCoordinator, vgrRequester, vgrMember });
  // A requester of another Jönköping unit.
  const { me } = await query<{ me: { subject: string } }>(api, requester, "query { me { subject } }");
  const grant = await prisma().roleGrant.findFirstOrThrow({
    where: { role: "REQUESTER", revokedAt: null, staffUser: { subject: me.subject, tenant: { slug: "jonkoping" } } },
  });
  const other = await prisma().roleGrant.findFirstOrThrow({
    where: { tenantId: grant.tenantId, role: "REQUESTER", revokedAt: null, unitId: { not: grant.unitId } },
    include: { staffUser: true },
  });
  t.otherRequester = await api.signToken({ subject: other.staffUser.subject, audience: "medverkan:jonkoping" });

  const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } });
  levandeBibliotek = network.id;
  version = await contactSharingVersion(api, "jonkoping");
  pool = await activePool(api, coordinator, levandeBibliotek, 12);
  memberToken = await memberTokens(api, "jonkoping", pool);
});

afterAll(async () => {
  await api?.stop();
});

const tokenOf = (memberId: string) => memberToken.get(memberId) as string;

describe("parallel acceptances", () => {
  let requestId: string;
  let invited: InvitationView[];

  it("six members accepting two places at the same moment: exactly two get a place, four wait in line", async () => {
    requestId = await newRequest(2);
    const six = pool.slice(0, 6);
    const sent = await invite(requestId, six);
    expect(sent.errors).toEqual([]);
    invited = sent.invitations;
    expect(invited).toHaveLength(6);

    const answers = await Promise.all(
      invited.map((invitation) => accept(api, tokenOf(invitation.invitee.memberId), invitation.id, version)),
    );
    for (const answer of answers) expect(answer.errors).toEqual([]);
    const statuses = answers.map((answer) => answer.invitation?.status);
    expect(statuses.filter((status) => status === "ACCEPTED")).toHaveLength(2);
    expect(statuses.filter((status) => status === "WAITLISTED")).toHaveLength(4);

    const request = await invitationsOf(requestId);
    expect(request.status).toBe("FILLED");
    expect(
      request.invitations.nodes
        .filter((node) => node.status === "WAITLISTED")
        .map((node) => node.waitlistPosition)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect(await prisma().assignment.count({ where: { requestId } })).toBe(2);
    expect(await prisma().invitation.count({ where: { requestId, status: "ACCEPTED" } })).toBe(2);
    // Waiting people consented, but the unit sees only those holding a place.
    expect(await participants(api, t.requester as string, requestId)).toHaveLength(2);
    const waiting = answers.find((answer) => answer.invitation?.status === "WAITLISTED")?.invitation as MyInvitationView;
    expect(waiting).toMatchObject({ contactShared: false, assignmentId: null, waitlistPosition: expect.any(Number) });
    // A digital link or a place is shown; a waiting member gets no meeting link.
    expect(waiting.request?.occasions.every((occasion) => occasion.digitalLink === null)).toBe(true);
  });

  it("cancelling a participant gives the place to the first in line, and hides the cancelled person from the unit", async () => {
    const request = await invitationsOf(requestId);
    const holder = request.invitations.nodes.find((node) => node.status === "ACCEPTED") as InvitationView;
    const first = request.invitations.nodes.find((node) => node.waitlistPosition === 1) as InvitationView;

    const blank = await api.graphql(CANCEL_PARTICIPANT, {
      token: t.requester,
      variables: { input: { assignmentId: holder.assignmentId, reason: " " } },
    });
    expect(errorCodes(blank)).toEqual(["BAD_USER_INPUT"]);

    const cancelled = await mutate<{ assignment: { status: string; cancellationReason: string }; promoted: Array<{ id: string }> }>(
      api,
      t.requester as string,
      CANCEL_PARTICIPANT,
      { assignmentId: holder.assignmentId, reason: "Arbetsplatsträffen flyttas; en deltagare räcker för det första tillfället." },
    );
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.assignment).toMatchObject({ status: "CANCELLED", cancellationReason: expect.stringContaining("flyttas") });
    expect(cancelled.promoted).toHaveLength(1);

    const after = await invitationsOf(requestId);
    expect(after.status).toBe("FILLED");
    const promoted = after.invitations.nodes.find((node) => node.id === first.id) as InvitationView;
    expect(promoted).toMatchObject({ status: "ACCEPTED", assignmentId: cancelled.promoted[0]?.id, waitlistPosition: null });
    expect(after.invitations.nodes.find((node) => node.id === holder.id)?.status).toBe("WITHDRAWN");
    expect(
      after.invitations.nodes
        .filter((node) => node.status === "WAITLISTED")
        .map((node) => node.waitlistPosition)
        .sort(),
    ).toEqual([1, 2, 3]);

    const contacts = await participants(api, t.requester as string, requestId);
    expect(contacts.map((contact) => contact.familyName)).toContain(promoted.invitee.familyName);
    expect(contacts.map((contact) => contact.assignmentId)).not.toContain(holder.assignmentId);
    expect(contacts).toHaveLength(2);

    // Cancelling again changes nothing.
    const again = await mutate<{ promoted: unknown[] }>(api, t.coordinator as string, CANCEL_PARTICIPANT, {
      assignmentId: holder.assignmentId,
      reason: "Igen",
    });
    expect(again.errors).toEqual([]);
    expect(again.promoted).toEqual([]);
  });

  it("a waiting member may leave the line; the coordinator may take back a waiting acceptance but not a place", async () => {
    const request = await invitationsOf(requestId);
    const [second, third] = [2, 3].map(
      (position) => request.invitations.nodes.find((node) => node.waitlistPosition === position) as InvitationView,
    );
    const left = await mutate<{ invitation: { status: string } }>(
      api,
      tokenOf(second?.invitee.memberId as string),
      WITHDRAW_FROM_ASSIGNMENT,
      {
        invitationId: second?.id,
      },
    );
    expect(left.invitation.status).toBe("DECLINED");
    const withdrawn = await mutate<{ invitation: InvitationView }>(api, t.coordinator as string, WITHDRAW_INVITATION, {
      invitationId: third?.id,
      reason: "Vi behöver inte fler.",
    });
    expect(withdrawn.invitation.status).toBe("WITHDRAWN");
    const holder = request.invitations.nodes.find((node) => node.status === "ACCEPTED") as InvitationView;
    const refused = await mutate(api, t.coordinator as string, WITHDRAW_INVITATION, { invitationId: holder.id });
    expect(refused.errors).toEqual([expect.objectContaining({ code: "INVITATION_NOT_WITHDRAWABLE", status: "ACCEPTED" })]);
    const after = await invitationsOf(requestId);
    expect(after.invitations.nodes.filter((node) => node.status === "WAITLISTED").map((node) => node.waitlistPosition)).toEqual([1]);
  });
});

describe("who may be invited", () => {
  let requestId: string;

  beforeAll(async () => {
    requestId = await newRequest(1, "Workshop om vårdens väntrum");
  });

  it("refuses, member by member, people who are not active, restricted, paused on the date, outside the pool or asked already", async () => {
    const [ok, paused, restricted] = pool.slice(6, 9) as [string, string, string];
    const occasion = await prisma().occasion.findFirstOrThrow({ where: { requestId } });
    const tenant = await prisma().tenant.findUniqueOrThrow({ where: { slug: "jonkoping" } });
    const day = new Date(`${occasion.startsAt.toISOString().slice(0, 10)}T00:00:00Z`);
    await prisma().memberPause.create({ data: { tenantId: tenant.id, memberId: paused, startsOn: day, endsOn: day, reason: "Resa" } });
    await prisma().member.updateMany({ where: { id: restricted }, data: { restrictedAt: new Date() } });
    const notActive = await prisma().membership.findFirstOrThrow({ where: { networkId: levandeBibliotek, status: "REGISTERED" } });
    const peerOnly = await prisma().membership.findFirstOrThrow({
      where: { network: { slug: "peer", tenantId: tenant.id }, member: { memberships: { none: { networkId: levandeBibliotek } } } },
    });
    const vgrMember = await prisma().member.findFirstOrThrow({ where: { tenant: { slug: "vgr" } } });
    const unknown = "01900000-0000-7000-8000-000000000000";

    const result = await invite(requestId, [
      ok,
      paused,
      restricted,
      notActive.memberId,
      peerOnly.memberId,
      vgrMember.id,
      unknown,
      "not-an-id",
    ]);
    expect(result.invitations.map((invitation) => invitation.invitee.memberId)).toEqual([ok]);
    expect(Object.fromEntries(result.errors.map((error) => [error.memberId, error.reason]))).toEqual({
      [paused]: "PAUSED",
      [restricted]: "RESTRICTED",
      [notActive.memberId]: "NOT_ACTIVE",
      [peerOnly.memberId]: "NOT_IN_POOL",
      [vgrMember.id]: "NOT_IN_POOL",
      [unknown]: "NOT_IN_POOL",
      "not-an-id": "NOT_IN_POOL",
    });
    for (const error of result.errors) expect(error.messageSv.length).toBeGreaterThan(10);

    const twice = await invite(requestId, [ok]);
    expect(twice.errors).toEqual([expect.objectContaining({ reason: "ALREADY_INVITED" })]);
  });

  it("allows inviting more people than asked for, but not more than a shortlist at once, and not before matching", async () => {
    const more = await invite(requestId, pool.slice(9, 11));
    expect(more.errors).toEqual([]);
    expect(more.invitations).toHaveLength(2);

    const tooMany = await api.graphql(INVITE, {
      token: t.coordinator,
      variables: { input: { requestId, memberIds: Array.from({ length: 51 }, (_, i) => `m${i}`), message: "x".repeat(2001) } },
    });
    expect(errorCodes(tooMany)).toEqual(["BAD_USER_INPUT"]);
    const fields = ((tooMany.errors?.[0]?.extensions?.fieldErrors ?? []) as Array<{ field: string; code: string }>).map((e) => [
      e.field,
      e.code,
    ]);
    expect(fields).toEqual([
      ["input.memberIds", "TOO_MANY"],
      ["input.message", "TOO_LONG"],
    ]);

    const submitted = await submitRequest(api, t.requester as string, { networkSlug: "levande-bibliotek" });
    const early = await invite(submitted, [pool[11] as string]);
    expect(early.errors).toEqual([expect.objectContaining({ code: "REQUEST_NOT_OPEN_FOR_INVITATIONS" })]);
  });
});

describe("expiry", () => {
  it("an unanswered invitation expires after the tenant's answer time; it can no longer be answered, but the person may be asked again", async () => {
    const requestId = await newRequest(1, "Fokusgrupp om utskrivning");
    const memberId = pool[11] as string;
    const [sent] = (await invite(requestId, [memberId])).invitations;
    await lapse(api, sent?.id as string);

    const mine = await query<{ myInvitations: { nodes: MyInvitationView[] } }>(api, tokenOf(memberId), MY_INVITATIONS, {
      filter: { statuses: ["EXPIRED"] },
    });
    expect(mine.myInvitations.nodes.map((node) => node.id)).toContain(sent?.id);
    // Shown, not written: a read derives the expiry; the answer below (or the expiry job) writes it.
    expect((await prisma().invitation.findFirstOrThrow({ where: { id: sent?.id } })).status).toBe("PENDING");

    const late = await accept(api, tokenOf(memberId), sent?.id as string, version);
    expect(late.errors).toEqual([expect.objectContaining({ code: "INVITATION_NOT_OPEN", reason: "EXPIRED" })]);
    expect(late.errors[0]?.messageEn).toContain("run out");
    expect(await participants(api, t.requester as string, requestId)).toEqual([]);

    const again = await invite(requestId, [memberId]);
    expect(again.errors).toEqual([]);
    expect(again.invitations[0]).toMatchObject({ id: sent?.id, status: "PENDING" });
    expect(new Date(again.invitations[0]?.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
    const answered = await accept(api, tokenOf(memberId), sent?.id as string, version);
    expect(answered.invitation?.status).toBe("ACCEPTED");
  });

  it("a read derives the expiry and writes nothing: the member and the coordinator see EXPIRED, the row stays PENDING until the answer writes it", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const requestId = await newRequest(1, "Referensgrupp om läkemedelsgenomgång");
    const memberId = pool[11] as string;
    const [sent] = (await invite(requestId, [memberId])).invitations;
    const id = sent?.id as string;
    await lapse(api, id);
    const stored = () => prisma().invitation.findFirstOrThrow({ where: { id }, select: { status: true, version: true } });
    const before = await stored();
    expect(before.status).toBe("PENDING");

    const mine = async (filter: { statuses: string[] } | null) =>
      (
        await query<{ myInvitations: { totalCount: number; nodes: MyInvitationView[] } }>(api, tokenOf(memberId), MY_INVITATIONS, {
          filter,
        })
      ).myInvitations.nodes;
    expect((await mine(null)).find((node) => node.id === id)?.status).toBe("EXPIRED");
    expect((await mine({ statuses: ["EXPIRED"] })).map((node) => node.id)).toContain(id);
    expect((await mine({ statuses: ["PENDING"] })).map((node) => node.id)).not.toContain(id);

    const ofRequest = async (filter: { statuses: string[] } | null) =>
      (
        await query<{ request: { invitations: { totalCount: number; nodes: InvitationView[] } } }>(
          api,
          t.coordinator as string,
          REQUEST_INVITATIONS,
          { id: requestId, filter },
        )
      ).request.invitations;
    expect((await ofRequest(null)).nodes.map((node) => [node.id, node.status])).toEqual([[id, "EXPIRED"]]);
    expect(await ofRequest({ statuses: ["PENDING"] })).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await ofRequest({ statuses: ["EXPIRED"] })).toMatchObject({ totalCount: 1, nodes: [{ id, status: "EXPIRED" }] });
    // The coordinator's page of requests, with each request's invitations (read in one batch).
    const page = await query<{ requests: { nodes: Array<{ id: string; invitations: { nodes: InvitationView[] } }> } }>(
      api,
      t.coordinator as string,
      "query($since: DateTimeISO) { requests(first: 20, filter: { submittedFrom: $since }) { nodes { id invitations(first: 20) { nodes { id status } } } } }",
      { since },
    );
    expect(page.requests.nodes.find((node) => node.id === requestId)?.invitations.nodes).toEqual([{ id, status: "EXPIRED" }]);

    // The member's own data export says what every read says.
    const exported = await query<{ exportMyData: { data: { invitations: { id: string; status: string }[] } } }>(
      api,
      tokenOf(memberId),
      "query { exportMyData { data } }",
    );
    expect(exported.exportMyData.data.invitations.find((invitation) => invitation.id === id)?.status).toBe("EXPIRED");

    // None of these reads wrote: the row is as the lapse left it.
    expect(await stored()).toEqual(before);

    // The answer (a mutation, under the request's lock) writes the expiry it refuses with.
    const late = await accept(api, tokenOf(memberId), id, version);
    expect(late.errors).toEqual([expect.objectContaining({ code: "INVITATION_NOT_OPEN", reason: "EXPIRED" })]);
    expect(await stored()).toEqual({ status: "EXPIRED", version: before.version + 1 });
  });

  it("a lapsed invitation is refused even before anyone has read it", async () => {
    const requestId = await newRequest(1, "Patientpanel om väntetider");
    const memberId = pool[0] as string;
    const [sent] = (await invite(requestId, [memberId])).invitations;
    await lapse(api, sent?.id as string);
    const declined = await mutate(api, tokenOf(memberId), RESPOND, { invitationId: sent?.id, accept: false });
    expect(declined.errors[0]?.reason).toBe("EXPIRED");
    expect((await prisma().invitation.findFirstOrThrow({ where: { id: sent?.id } })).status).toBe("EXPIRED");
  });
});

describe("permission edges", () => {
  let requestId: string;
  let invitation: InvitationView;
  let assignmentId: string;
  let holder: string;
  let other: string;

  beforeAll(async () => {
    requestId = await newRequest(1, "Utvecklingsdag för primärvården");
    [holder, other] = [pool[3] as string, pool[4] as string];
    const sent = await invite(requestId, [holder, other]);
    invitation = sent.invitations.find((node) => node.invitee.memberId === holder) as InvitationView;
    assignmentId = (await accept(api, tokenOf(holder), invitation.id, version)).invitation?.assignmentId as string;
    expect(assignmentId).toBeTruthy();
  });

  const notFound = (errors: Array<{ code: string }>) => expect(errors.map((error) => error.code)).toEqual(["NOT_FOUND"]);

  it("a requester of another unit sees no participant and can act on no assignment", async () => {
    const response = await api.graphql<{ request: unknown }>(REQUEST_PARTICIPANTS, {
      token: t.otherRequester,
      variables: { id: requestId },
    });
    expect(response.data?.request ?? null).toBeNull();
    notFound((await mutate(api, t.otherRequester as string, CANCEL_PARTICIPANT, { assignmentId, reason: "Nej" })).errors);
    notFound(
      (await mutate(api, t.otherRequester as string, RECORD_ATTENDANCE, { assignmentId, occasionId: assignmentId, attended: false }))
        .errors,
    );
    expect(await prisma().assignment.findFirstOrThrow({ where: { id: assignmentId } })).toMatchObject({ status: "CONFIRMED" });
  });

  it("a coordinator of another network can neither invite to, nor withdraw from, nor cancel in the request", async () => {
    notFound((await invite(requestId, [pool[5] as string], t.peerCoordinator)).errors);
    notFound((await mutate(api, t.peerCoordinator as string, WITHDRAW_INVITATION, { invitationId: invitation.id })).errors);
    notFound((await mutate(api, t.peerCoordinator as string, CANCEL_PARTICIPANT, { assignmentId, reason: "Nej" })).errors);
    const read = await api.graphql<{ request: unknown }>(REQUEST_INVITATIONS, { token: t.peerCoordinator, variables: { id: requestId } });
    expect(read.data?.request ?? null).toBeNull();
  });

  it("another tenant's staff and members reach nothing of it", async () => {
    notFound((await invite(requestId, [holder], t.vgrCoordinator)).errors);
    notFound((await mutate(api, t.vgrCoordinator as string, WITHDRAW_INVITATION, { invitationId: invitation.id })).errors);
    notFound((await mutate(api, t.vgrRequester as string, CANCEL_PARTICIPANT, { assignmentId, reason: "Nej" })).errors);
    const agreement = {
      assignmentId,
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      scope: "x",
      signedByMemberAt: new Date().toISOString(),
      signedByUnitAt: new Date().toISOString(),
    };
    notFound((await mutate(api, t.vgrRequester as string, RECORD_AGREEMENT, agreement)).errors);
    notFound((await mutate(api, t.vgrMember as string, RESPOND, { invitationId: invitation.id, accept: false })).errors);
    notFound((await mutate(api, t.vgrMember as string, WITHDRAW_CONSENT, { invitationId: invitation.id })).errors);
    const read = await api.graphql<{ request: unknown }>(REQUEST_PARTICIPANTS, { token: t.vgrRequester, variables: { id: requestId } });
    expect(read.data?.request ?? null).toBeNull();
  });

  it("a member can neither answer, withdraw nor read another member's invitation", async () => {
    const mine = await query<{ myInvitations: { nodes: MyInvitationView[] } }>(api, tokenOf(other), MY_INVITATIONS);
    expect(mine.myInvitations.nodes.map((node) => node.id)).not.toContain(invitation.id);
    notFound((await accept(api, tokenOf(other), invitation.id, version)).errors);
    notFound((await mutate(api, tokenOf(other), WITHDRAW_FROM_ASSIGNMENT, { invitationId: invitation.id })).errors);
    notFound((await mutate(api, tokenOf(other), WITHDRAW_CONSENT, { invitationId: invitation.id })).errors);
    // Nor reach anyone's contact details or places through a request they were asked to.
    const contacts = await api.graphql(REQUEST_PARTICIPANTS, { token: tokenOf(other), variables: { id: requestId } });
    expect(JSON.stringify(contacts.data ?? {})).not.toContain("@");
    expect(errorCodes(contacts).length).toBeGreaterThan(0);
    const places = await api.graphql(REQUEST_ASSIGNMENTS, { token: tokenOf(other), variables: { id: requestId } });
    expect(errorCodes(places).length).toBeGreaterThan(0);
    expect((await prisma().invitation.findFirstOrThrow({ where: { id: invitation.id } })).status).toBe("ACCEPTED");
  });

  it("each role reaches only its own operations", async () => {
    const forbidden = async (token: string | undefined, document: GraphQLDocument, input: Record<string, unknown>) => {
      const response = await api.graphql(document, { token, variables: { input } });
      expect(errorCodes(response).length).toBeGreaterThan(0);
      expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
    };
    await forbidden(t.requester, INVITE, { requestId, memberIds: [other] });
    await forbidden(tokenOf(other), INVITE, { requestId, memberIds: [other] });
    await forbidden(t.coordinator, RESPOND, { invitationId: invitation.id, accept: false });
    await forbidden(t.analyst, CANCEL_PARTICIPANT, { assignmentId, reason: "Nej" });
    await forbidden(undefined, RESPOND, { invitationId: invitation.id, accept: false });
    await forbidden(tokenOf(other), CANCEL_PARTICIPANT, { assignmentId, reason: "Nej" });
    const analyst = await api.graphql(REQUEST_PARTICIPANTS, { token: t.analyst, variables: { id: requestId } });
    expect(JSON.stringify(analyst.data ?? {})).not.toContain("@");
    const anonymous = await api.graphql(MY_INVITATIONS, {});
    expect(errorCodes(anonymous).length).toBeGreaterThan(0);
  });
});
