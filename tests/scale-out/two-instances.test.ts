import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { type MailCatcher, startMailCatcher } from "@medverkan/api/testing/mail-catcher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  activePool,
  contactSharingVersion,
  INVITE,
  type InvitationView,
  memberTokens,
  mutate,
  query,
  REQUEST_INVITATIONS,
} from "../invitations/invitations.js";
import { REGISTER_MEMBER, SEARCH_MEMBERS } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";
import { REQUEST, REQUESTS, requestInput, SUBMIT_REQUEST, startMatching, submitRequest, UPDATE_REQUEST } from "../support/requests.js";
import { type SecondInstance, startSecondInstance } from "../support/second-instance.js";

// Issue 10 item 5 (scale-out): the API keeps no state of its own — rate-limit windows, idempotency answers, outbox
// leases and row locks are in the database, and what it memoises in process is keyed by content — so two instances
// behind a load balancer answer alike. Instance A is the usual test API; instance B runs on the same database (on
// PostgreSQL its own Node process and connection pool, on the embedded PGlite a second server in this process: see
// support/second-instance.ts). Every check writes through one instance and reads or competes through the other, so
// anything an instance kept to itself would show as a disagreement.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
const LIMITS = { exportMyData: { points: 3, windowSeconds: 600 } };
const MAIL = { messageIdDomain: "medverkan.test", fromAddress: "noreply@medverkan.test" };

let a: TestApi;
let second: SecondInstance;
let b: TestApi;
let mailA: MailCatcher;
let mailB: MailCatcher;
let kalmar: PublicTenant;
const prisma = () => a.running.database.prisma;

type Receipt = { registerMember: { registration: { outcome: string; receivedAt: string } | null; errors: unknown[] } };
type Submitted = { submitRequest: { request: { id: string; title: string; version: number } | null; errors: unknown[] } };
type MemberPage = {
  members: { totalCount: number; nodes: Array<{ id: string; familyName: string; memberships: Array<{ status: string }> }> };
};

/** The statistics' calendar is the tenant's (Europe/Stockholm for every seeded region). */
const stockholmYear = () => Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Stockholm", year: "numeric" }).format(new Date()));

async function register(api: TestApi, tenant: PublicTenant): Promise<Record<string, unknown>> {
  const input = registrationInput(tenant);
  const response = await api.graphql<Receipt>(REGISTER_MEMBER, { variables: { input } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.data?.registerMember.errors).toEqual([]);
  return input;
}

beforeAll(async () => {
  [mailA, mailB] = await Promise.all([startMailCatcher(), startMailCatcher()]);
  a = await startTestApi({
    rateLimits: LIMITS,
    mail: {
      smtpUrl: mailA.url,
      defaultFromAddress: MAIL.fromAddress,
      defaultFromName: "Medverkan",
      devMailDirectory: null,
      messageIdDomain: MAIL.messageIdDomain,
      appBaseUrl: null,
    },
    // A's worker runs when a spec drives it (runOnce); B's polls on its own.
    outbox: { enabled: true, pollIntervalMs: 3_600_000, reminderScanIntervalMs: 3_600_000 },
  });
  second = await startSecondInstance(a, {
    rateLimits: LIMITS,
    ...(onPostgres ? { outbox: { smtpUrl: mailB.url, pollIntervalMs: 100, ...MAIL } } : {}),
  });
  b = second.api;
  kalmar = await publicTenant(a, "kalmar");
});

afterAll(async () => {
  // B first: it holds connections to the scratch database A drops.
  await second?.stop();
  await a?.stop();
  await Promise.all([mailA?.close(), mailB?.close()]);
});

describe("two API instances on one database", () => {
  it("runs B as its own process on PostgreSQL and as a second server on PGlite", () => {
    expect(second.kind).toBe(onPostgres ? "process" : "server");
    expect(b.url).not.toBe(a.url);
  });

  it("shows a write through one instance at once through the other", async () => {
    const coordinator = await a.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const requester = await a.tokenFor({ tenant: "kalmar", role: "requester" });
    const networkId = kalmar.networks.nodes[0]?.id;

    // A member registers on A; the coordinator's pool search on B finds them, and the reverse.
    for (const [writer, reader] of [
      [a, b],
      [b, a],
    ] as const) {
      const input = await register(writer, kalmar);
      const found = await reader.graphql<MemberPage>(SEARCH_MEMBERS, {
        token: coordinator,
        variables: { filter: { networkId, name: input.familyName } },
      });
      expect(found.errors, JSON.stringify(found.errors)).toBeUndefined();
      expect(found.data?.members.nodes.map((node) => [node.familyName, node.memberships.map((m) => m.status)])).toEqual([
        [input.familyName, ["REGISTERED"]],
      ]);
    }

    // A request submitted on A is on B's page of requests (read on B before, so a page B kept would be stale).
    const page = async (api: TestApi) => {
      const response = await api.graphql<{ requests: { totalCount: number; nodes: Array<{ id: string }> } }>(REQUESTS, {
        token: coordinator,
        variables: { first: 100 },
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data?.requests as { totalCount: number; nodes: Array<{ id: string }> };
    };
    const before = await page(b);
    const requestId = await submitRequest(a, requester, { title: `Through A ${randomUUID().slice(0, 8)}` });
    const after = await page(b);
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.nodes.map((node) => node.id)).toContain(requestId);

    // Optimistic versions: A's update moves the version on, so B's update from the version read earlier is refused.
    type Read = { request: { title: string; version: number } | null };
    const read = await b.graphql<Read>(REQUEST, { token: requester, variables: { id: requestId } });
    const version = read.data?.request?.version as number;
    type Updated = { updateRequest: { request: { title: string; version: number } | null; errors: unknown[] } };
    const byA = await a.graphql<Updated>(UPDATE_REQUEST, {
      token: requester,
      variables: { input: { requestId, expectedVersion: version, title: "Changed through A" } },
    });
    expect(byA.errors, JSON.stringify(byA.errors)).toBeUndefined();
    expect(byA.data?.updateRequest.request).toMatchObject({ title: "Changed through A", version: version + 1 });
    const staleOnB = await b.graphql<Updated>(UPDATE_REQUEST, {
      token: requester,
      variables: { input: { requestId, expectedVersion: version, title: "Stale change through B" } },
    });
    expect(staleOnB.errors?.map((error) => error.extensions?.code)).toEqual(["CONFLICT"]);
    expect((await b.graphql<Read>(REQUEST, { token: requester, variables: { id: requestId } })).data?.request).toMatchObject({
      title: "Changed through A",
      version: version + 1,
    });
    // From the version B now reads, B's change goes through and A sees it.
    const byB = await b.graphql<Updated>(UPDATE_REQUEST, {
      token: requester,
      variables: { input: { requestId, expectedVersion: version + 1, title: "Changed through B" } },
    });
    expect(byB.data?.updateRequest.request).toMatchObject({ title: "Changed through B", version: version + 2 });
    expect((await a.graphql<Read>(REQUEST, { token: requester, variables: { id: requestId } })).data?.request).toMatchObject({
      title: "Changed through B",
      version: version + 2,
    });
  });

  it("fills two places exactly when six members accept at once, split across both instances", async () => {
    // As tests/invitations/invitation-rules.test.ts does on one instance: the place count is guarded by a row lock
    // in the database, so it must hold when the acceptances arrive through different instances.
    const coordinator = await a.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const requester = await a.tokenFor({ tenant: "jonkoping", role: "requester" });
    const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } });
    const pool = await activePool(b, coordinator, network.id, 6);
    const tokens = await memberTokens(a, "jonkoping", pool);
    const version = await contactSharingVersion(b, "jonkoping");

    const requestId = await submitRequest(b, requester, { networkSlug: "levande-bibliotek", numberOfPersons: 2 });
    await startMatching(a, coordinator, requestId);
    const sent = await mutate<{ invitations: InvitationView[] }>(b, coordinator, INVITE, {
      requestId,
      memberIds: pool,
      message: "Hej! Passar det här dig?",
    });
    expect(sent.errors).toEqual([]);
    expect(sent.invitations).toHaveLength(6);

    const answers = await Promise.all(
      sent.invitations.map((invitation, index) =>
        accept(index % 2 === 0 ? a : b, tokens.get(invitation.invitee.memberId) as string, invitation.id, version),
      ),
    );
    for (const answer of answers) expect(answer.errors).toEqual([]);
    const statuses = answers.map((answer) => answer.invitation?.status);
    expect(statuses.filter((status) => status === "ACCEPTED")).toHaveLength(2);
    expect(statuses.filter((status) => status === "WAITLISTED")).toHaveLength(4);

    for (const api of [a, b]) {
      const { request } = await query<{ request: { status: string; invitations: { nodes: InvitationView[] } } }>(
        api,
        coordinator,
        REQUEST_INVITATIONS,
        { id: requestId },
      );
      expect(request.status).toBe("FILLED");
      expect(
        request.invitations.nodes
          .filter((node) => node.status === "WAITLISTED")
          .map((node) => node.waitlistPosition)
          .sort(),
      ).toEqual([1, 2, 3, 4]);
    }
    expect(await prisma().assignment.count({ where: { requestId } })).toBe(2);
  });

  it("writes once for one Idempotency-Key sent to both instances at the same moment, and answers alike", async () => {
    const requester = await a.tokenFor({ tenant: "jonkoping", role: "requester" });
    const title = `Sent to both ${randomUUID().slice(0, 8)}`;
    const input = await requestInput(a, requester, { networkSlug: "levande-bibliotek", title });
    const headers = { "Idempotency-Key": randomUUID() };
    const responses = await Promise.all(
      [a, b, a, b].map((api) => api.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input }, headers })),
    );
    for (const response of responses) expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(responses[0]?.data?.submitRequest.request?.title).toBe(title);
    for (const response of responses) expect(response.data).toEqual(responses[0]?.data);
    expect(await prisma().request.count({ where: { title } })).toBe(1);
  });

  // tests/security/rate-limits.test.ts shows the shared budget with both servers in one process (and so on PGlite
  // too); here the instances are separate processes and the requests arrive at the same moment.
  it.skipIf(!onPostgres)("spends one rate-limit budget across instance processes, however the requests are spread", async () => {
    const member = await a.tokenFor({ tenant: "vgr", role: "member" });
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? a : b).graphql("query { exportMyData { format } }", { token: member })),
    );
    const answered = responses.filter((response) => response.errors === undefined);
    const refused = responses.filter((response) => response.errors?.[0]?.extensions?.code === "RATE_LIMITED");
    expect(answered).toHaveLength(LIMITS.exportMyData.points);
    expect(refused).toHaveLength(8 - LIMITS.exportMyData.points);
    for (const response of refused) expect(response.status).toBe(429);
  });

  // Two workers on one database in one process are covered by packages/api/src/notification/__tests__/
  // outbox-worker.test.ts; here each runs in its instance's own process, delivering to its own SMTP server. On PGlite
  // the second instance is a server in this process and runs no worker.
  it.skipIf(!onPostgres)("delivers each queued message once while both instances run the outbox worker", async () => {
    const vgr = await publicTenant(a, "vgr");
    const emails: string[] = [];
    const queuedBefore = await prisma().outboxMessage.count();
    // Registrations through both instances, each queueing a receipt to the registrant, while B's worker polls and
    // A's is driven here as fast as it goes.
    let writing = true;
    const undelivered = () =>
      prisma().outboxMessage.count({ where: { recipient: { in: emails }, status: { in: ["PENDING", "SENDING"] } } });
    const driveA = (async () => {
      while (writing || (await undelivered()) > 0) {
        await a.running.notifications.worker?.runOnce();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      for (let index = 0; index < 10; index++) emails.push(String((await register(index % 2 === 0 ? a : b, vgr)).email));
    } finally {
      writing = false;
      await driveA;
    }
    expect(await prisma().outboxMessage.count()).toBeGreaterThan(queuedBefore);

    const queued = await prisma().outboxMessage.findMany({ where: { recipient: { in: emails } }, select: { status: true } });
    expect(queued.length).toBeGreaterThanOrEqual(emails.length);
    expect(queued.every((message) => message.status === "SENT")).toBe(true);
    const delivered = [...mailA.messages, ...mailB.messages].filter((message) => message.envelopeTo.some((to) => emails.includes(to)));
    expect(delivered).toHaveLength(queued.length);
    expect(new Set(delivered.map((message) => message.messageId)).size).toBe(queued.length);
    for (const email of emails) expect(delivered.filter((message) => message.envelopeTo.includes(email)).length).toBeGreaterThan(0);
  });

  it("gives the same statistics on both instances, and a change through one shows on the other at once", async () => {
    // Statistics are remembered in process (statistics-memo.ts) under the tenant's statistics data version, which the
    // database replaces in every writing transaction; a memo keyed by the question alone would answer stale here.
    const ostergotland = await publicTenant(a, "ostergotland");
    const analyst = await a.tokenFor({ tenant: "ostergotland", role: "analyst" });
    const requester = await a.tokenFor({ tenant: "ostergotland", role: "requester" });
    const STATISTICS = `query($input: StatisticsInput!) { statistics(input: $input) { total {
      newRegistrations { value suppressed } requestsReceived { value suppressed } } } }`;
    type Figures = {
      statistics: { total: Record<"newRegistrations" | "requestsReceived", { value: number | null; suppressed: boolean }> };
    };
    const totals = async (api: TestApi) => {
      const response = await api.graphql<Figures>(STATISTICS, {
        token: analyst,
        variables: { input: { period: { year: stockholmYear() } } },
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data?.statistics.total;
    };
    const before = await totals(a);
    expect(await totals(b)).toEqual(before);

    const added = 6;
    for (let index = 0; index < added; index++) {
      await register(b, ostergotland);
      await submitRequest(b, requester);
    }
    const after = await totals(a);
    expect(await totals(b)).toEqual(after);
    // The seed dates its data from the day it runs, so this year's figures are normally published; early in January
    // they may be small enough to be withheld, and then only the new, larger figures can be compared.
    for (const measure of ["newRegistrations", "requestsReceived"] as const) {
      const was = before?.[measure].value ?? null;
      if (was === null) expect(after?.[measure].value).toBeGreaterThanOrEqual(added);
      else expect(after?.[measure].value).toBe(was + added);
    }
  });
});
