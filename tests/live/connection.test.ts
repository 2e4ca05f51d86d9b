import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { connect, type LiveClient, settle, subscribe, wsUrl } from "../support/live.js";
import { REGISTER_MEMBER } from "../support/queries.js";
import { newCitizen, type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Issue 17: the token of a live connection is checked like an HTTP request's — on connect, before each subscription
// starts and before each change is delivered — and the connection is closed (4401) when it expires. One instance
// here, so this is also the single-instance path on the embedded database.

const INTAKE = /* GraphQL */ `subscription($n: ID) { intakeQueueChanged(networkId: $n) { id status } }`;
const INBOX = /* GraphQL */ `subscription { inboxNotificationAdded { id kind } }`;

let api: TestApi;
let jonkoping: PublicTenant;
let libraryId: string;
const clients: LiveClient[] = [];

function client(token: string | null): LiveClient {
  const live = connect(api.url, token);
  clients.push(live);
  return live;
}

async function listening(count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (api.running.server.liveEvents.size < count) {
    if (Date.now() > deadline) throw new Error(`only ${api.running.server.liveEvents.size} of ${count} subscriptions listening`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function register(networkId: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const citizen = await newCitizen(api, "jonkoping");
  const response = await api.graphql<{ registerMember: { errors: unknown[] } }>(REGISTER_MEMBER, {
    token: citizen.token,
    variables: {
      input: registrationInput(jonkoping, {
        networkIds: [networkId],
        municipality: "Jönköping",
        birthDate: citizen.birthDate,
        ...overrides,
      }),
    },
  });
  expect(response.data?.registerMember.errors, JSON.stringify(response)).toEqual([]);
}

beforeAll(async () => {
  api = await startTestApi();
  jonkoping = await publicTenant(api, "jonkoping");
  libraryId = jonkoping.networks.nodes.find((network) => network.slug === "levande-bibliotek")?.id as string;
});

afterAll(async () => {
  await Promise.all(clients.map((live) => live.dispose()));
  await api?.stop();
});

describe("the token of a live connection", () => {
  it("is required: no token, a token that does not verify and a platform operator's token are refused", async () => {
    expect(await client(null).closed).toEqual({ code: 4401, reason: "Unauthorized: LOGIN_REQUIRED" });
    expect(await client("not.a.token").closed).toEqual({ code: 4401, reason: "Unauthorized: TOKEN_INVALID" });
    const expired = await api.signToken({ subject: "jonkoping-coordinator-1", audience: "medverkan:jonkoping", expiresIn: "-2m" });
    expect(await client(expired).closed).toEqual({ code: 4401, reason: "Unauthorized: TOKEN_EXPIRED" });
    const operator = await api.tokenFor({ role: "platform-operator" });
    expect((await client(operator).closed).code).toBe(4403);
  });

  it("ends the connection when it expires, with 4401 TOKEN_EXPIRED, whether or not anything happened", async () => {
    const token = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek", expiresIn: "4s" });
    const before = api.running.server.liveEvents.size;
    const live = client(token);
    const subscription = subscribe(live, INTAKE, { n: libraryId });
    const started = Date.now();
    await listening(before + 1);
    const closed = await live.closed;
    expect(closed).toEqual({ code: 4401, reason: "Unauthorized: TOKEN_EXPIRED" });
    expect(Date.now() - started).toBeLessThan(15_000);
    const ended = await subscription.ended;
    expect(ended.errors?.length ?? 0).toBeGreaterThan(0);
    // The server let go of the subscription with the socket.
    for (let waited = 0; api.running.server.liveEvents.size > before && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(api.running.server.liveEvents.size).toBe(before);
  });

  it("is checked again for every change: a coordinator whose grant was revoked hears nothing more", async () => {
    const token = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const before = api.running.server.liveEvents.size;
    const subscription = subscribe(client(token), INTAKE, { n: libraryId });
    await listening(before + 1);
    await register(libraryId);
    await subscription.waitFor(() => true);

    // Scenario: the tenant admin revoked the coordinator's grant for the library (as revokeRole does).
    const prisma = api.running.database.prisma;
    const staff = await prisma.staffUser.findFirstOrThrow({ where: { subject: "jonkoping-coordinator-1" } });
    const grants = await prisma.roleGrant.findMany({ where: { staffUserId: staff.id, role: "COORDINATOR", revokedAt: null } });
    await prisma.roleGrant.updateMany({ where: { id: { in: grants.map((grant) => grant.id) } }, data: { revokedAt: new Date() } });
    try {
      await register(libraryId);
      await subscription.ended;
      await settle(500);
      expect(subscription.results).toHaveLength(1);
    } finally {
      await prisma.roleGrant.updateMany({ where: { id: { in: grants.map((grant) => grant.id) } }, data: { revokedAt: null } });
    }
  });

  it("serves subscriptions only: a query over the socket is refused, and the connection stays open", async () => {
    const token = await api.tokenFor({ tenant: "jonkoping", role: "member" });
    const live = client(token);
    const query = subscribe(live, "query { me { kind } }");
    const { errors } = await query.ended;
    expect(JSON.stringify(errors)).toContain("BAD_REQUEST");
    const before = api.running.server.liveEvents.size;
    subscribe(live, INBOX);
    await listening(before + 1);
  });

  it("answers a subscription that fails validation with an error, not by closing", async () => {
    const token = await api.tokenFor({ tenant: "jonkoping", role: "member" });
    const live = client(token);
    const { errors } = await subscribe(live, "subscription { noSuchField }").ended;
    expect(JSON.stringify(errors)).toContain("GRAPHQL_VALIDATION_FAILED");
    // A member may not follow a coordinator's intake queue: refused as the query would be.
    const refused = subscribe(live, INTAKE);
    await refused.ended;
    expect(refused.results).toHaveLength(1);
    expect(refused.results[0]?.data ?? null).toBeNull();
    expect(refused.results[0]?.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("is not offered to a browser page of an origin the API neither serves nor lists in CORS_ORIGINS", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(wsUrl(api.url), "graphql-transport-ws", { headers: { origin: "https://evil.example" } });
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("open", () => reject(new Error("the socket opened")));
      socket.on("error", () => undefined);
    });
    expect(status).toBe(403);
    const own = new URL(api.url).origin;
    const opened = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(wsUrl(api.url), "graphql-transport-ws", { headers: { origin: own } });
      socket.on("open", () => {
        socket.close();
        resolve(true);
      });
      socket.on("unexpected-response", () => resolve(false));
    });
    expect(opened).toBe(true);
  });
});

describe("a member's inbox badge", () => {
  it("misses no line written between counting and subscribing: `since: countedAt` sends it first, and someone else's never", async () => {
    const prisma = api.running.database.prisma;
    const subject = "jonkoping-member-3";
    const member = await prisma.member.findFirstOrThrow({ where: { subject } });
    const other = await prisma.member.findFirstOrThrow({ where: { subject: "jonkoping-member-4" } });
    const token = await api.tokenFor({ tenant: "jonkoping", subject });
    const counted = await api.graphql<{ myInbox: { unreadCount: number; countedAt: string } }>(
      "query { myInbox { unreadCount countedAt } }",
      { token },
    );
    const countedAt = counted.data?.myInbox.countedAt as string;
    expect(Number.isNaN(Date.parse(countedAt))).toBe(false);
    // Scenario: lines land (through another instance) after the count and before the socket is open.
    const line = (memberId: string, key: string) =>
      prisma.inboxNotification.create({
        data: { tenantId: member.tenantId, kind: "FEEDBACK_REQUESTED", recipientMemberId: memberId, data: {}, idempotencyKey: key },
      });
    const mine = await line(member.id, `resume-spec:${member.id}`);
    await line(other.id, `resume-spec:${other.id}`);

    const before = api.running.server.liveEvents.size;
    const resumed = subscribe<{ inboxNotificationAdded: { id: string } }>(
      client(token),
      "subscription($since: DateTimeISO) { inboxNotificationAdded(since: $since) { id } }",
      { since: countedAt },
    );
    const plain = subscribe<{ inboxNotificationAdded: { id: string } }>(client(token), INBOX);
    await listening(before + 2);
    await resumed.waitFor((data) => data.inboxNotificationAdded.id === mine.id);
    await settle(500);
    const ids = resumed.results.map((result) => result.data?.inboxNotificationAdded.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await prisma.inboxNotification.count({ where: { id: { in: ids as string[] }, recipientMemberId: { not: member.id } } })).toBe(0);
    // Without `since`, only what is written from now on arrives.
    expect(plain.results).toHaveLength(0);
  });
});

describe("a subscription's cost", () => {
  it("is held to the same limit as a query over HTTP, since every change runs the whole selection", async () => {
    const token = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const pages = Array.from({ length: 14 }, (_, index) => `p${index}: invitations(first: 100) { nodes { ...All } }`).join(" ");
    const document = `subscription { requestStatusChanged { id ${pages} } }
      fragment All on Invitation { id status message invitedAt expiresAt respondedAt declineReason contactConsentVersion
        contactConsentWithdrawnAt contactReleasedAt assignmentId answerChannel answerRecordedByRole version waitlistPosition
        invitee { id givenName familyName } }`;
    const { errors } = await subscribe(client(token), document).ended;
    expect(JSON.stringify(errors)).toContain("QUERY_TOO_COMPLEX");
    // The same selection with small pages is accepted.
    const before = api.running.server.liveEvents.size;
    subscribe(
      client(token),
      `subscription { requestStatusChanged { id invitations(first: 10) { nodes { ...All } } } }
      fragment All on Invitation { id status }`,
    );
    await listening(before + 1);
  });
});

describe("the database's change announcements", () => {
  it("carry ids only, never personal data", async () => {
    const payloads: string[] = [];
    const stop = await api.running.database.listen("medverkan_live", (payload) => payloads.push(payload));
    try {
      await register(libraryId, { givenName: "Hemliga", familyName: "Personsson", email: "hemliga.personsson@example.se" });
      await settle(500);
    } finally {
      await stop();
    }
    expect(payloads.length).toBeGreaterThan(0);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const payload of payloads) {
      expect(payload).not.toMatch(/Hemliga|Personsson|@/);
      const { e, ...ids } = JSON.parse(payload) as Record<string, string>;
      expect(["Membership", "InboxNotification", "Request", "Invitation", "Assignment"]).toContain(e);
      for (const value of Object.values(ids)) expect(value).toMatch(uuid);
    }
  });
});
