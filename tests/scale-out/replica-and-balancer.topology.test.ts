import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect as connectTcp } from "node:net";
import { join } from "node:path";
import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { type MailCatcher, startMailCatcher } from "@medverkan/api/testing/mail-catcher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  binaries,
  type Cluster,
  createPrimary,
  createReplica,
  freePort,
  makeWorkDirectory,
  type PgBouncer,
  scaleOutUnavailable,
  startApiInstance,
  startHaproxy,
  startPgBouncer,
  teardown,
} from "../../scripts/scale-out/topology.mjs";
import {
  accept,
  activePool,
  contactSharingVersion,
  INVITE,
  type InvitationView,
  memberTokens,
  mutate,
} from "../invitations/invitations.js";
import { connect, type LiveClient, subscribe } from "../support/live.js";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";
import { REQUEST, requestInput, SUBMIT_REQUEST, startMatching, submitRequest } from "../support/requests.js";
import { graphqlAt } from "../support/second-instance.js";

// Issue 23: the scale-out parts as real programs, started by scripts/scale-out/topology.mjs — a PostgreSQL 15 primary,
// a hot standby made from it with pg_basebackup (streaming replication), PgBouncer in transaction mode in front of
// the primary (a session-mode alias for migrations), and HAProxy in front of three API instances (this test's own,
// in process, and two built ones in processes of their own). Every request below goes through HAProxy unless it
// says otherwise; the last test promotes the standby under load. Subscriptions (graphql-ws over WebSocket) connect
// through HAProxy too, and receive what a write through another instance, made directly, changed.

const unavailable = scaleOutUnavailable();
if (unavailable) console.warn(`tests/scale-out topology tests skipped: ${unavailable}`);

const DATABASE = "medverkan";
const LIMITS = { exportMyData: { points: 3, windowSeconds: 600 }, registerMember: { points: 100_000, windowSeconds: 60 } };
const MAIL = { messageIdDomain: "medverkan.test", fromAddress: "noreply@medverkan.test" };

let directory: string | null = null;
const parts: Parameters<typeof teardown>[1] = [];
let primary: Cluster;
let replica: Cluster;
let bouncer: PgBouncer;
let a: TestApi;
let lb: TestApi;
/** The instances by HAProxy's server name (api1 = A, api2 = B, api3 = C), each reachable directly. */
const direct: Record<string, TestApi> = {};
/** The balancer's generated configuration file. */
let balancerConfig: string;
/** A second HAProxy in front of the same three, its client and server timeouts cut to 2 s (the tunnel's left at 1 h). */
let quiet: { url: string; port: number };
const liveClients: LiveClient[] = [];
let mails: MailCatcher[] = [];
let kalmar: PublicTenant;
/** Figures for the README, printed at the end. */
const figures: Record<string, unknown> = {};

const prisma = () => a.running.database.prisma;
const router = () => a.running.server.replicaRouter;

function psql(port: number, sql: string, database = DATABASE): string {
  return execFileSync(
    join(binaries.postgres ?? "", "psql"),
    ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-Atc", sql],
    {
      encoding: "utf8",
    },
  ).trim();
}

/** Read-only transactions the standby has committed in the test database (its own statistics). */
const replicaTransactions = () => Number(psql(replica.port, `SELECT xact_commit FROM pg_stat_database WHERE datname = '${DATABASE}'`));

beforeAll(async () => {
  if (unavailable) return;
  directory = makeWorkDirectory();
  const [primaryPort, replicaPort, bouncerPort, balancerPort, portB, portC, quietPort] = await Promise.all(
    Array.from({ length: 7 }, () => freePort()),
  );
  primary = createPrimary(directory, primaryPort as number);
  primary.start();
  parts.push({ kind: "cluster", value: primary });
  psql(primary.port, `CREATE DATABASE ${DATABASE}`, "postgres");
  replica = createReplica(directory, primary, replicaPort as number);
  replica.start();
  parts.push({ kind: "cluster", value: replica });
  bouncer = await startPgBouncer(directory, {
    port: bouncerPort as number,
    upstream: { host: "127.0.0.1", port: primary.port },
    databases: [DATABASE],
    queryWaitTimeoutSeconds: 2,
  });
  parts.push({ kind: "process", value: bouncer });

  mails = await Promise.all([startMailCatcher(), startMailCatcher(), startMailCatcher()]);
  // DATABASE_DIRECT_URL is PgBouncer's session-mode alias: migrations' advisory lock and each instance's LISTEN (live
  // updates) keep one server connection for the whole session there, which transaction mode would not give them.
  const databaseEnv = {
    DATABASE_URL: bouncer.url(DATABASE),
    DATABASE_DIRECT_URL: bouncer.sessionUrl(DATABASE),
    DATABASE_REPLICA_URL: replica.url(DATABASE),
  };
  // Instance A migrates (through the session-mode alias) and seeds (through the transaction pool).
  a = await startTestApi({
    databaseUrl: databaseEnv.DATABASE_URL,
    databaseDirectUrl: databaseEnv.DATABASE_DIRECT_URL,
    databaseReplicaUrl: databaseEnv.DATABASE_REPLICA_URL,
    rateLimits: LIMITS,
    trustProxy: 1,
    databaseLimits: { poolSize: 6, startupWaitMs: 0 },
    mail: {
      smtpUrl: mails[0]?.url ?? null,
      defaultFromAddress: MAIL.fromAddress,
      defaultFromName: "Medverkan",
      devMailDirectory: null,
      messageIdDomain: MAIL.messageIdDomain,
      appBaseUrl: null,
    },
    outbox: { enabled: true, pollIntervalMs: 100 },
  });
  parts.push({ kind: "process", value: a });

  // B and C: the built API in processes of their own, trusting the same development key (tokens work on all three).
  const instances = [];
  for (const [name, port, mail] of [
    ["b", portB, mails[1]],
    ["c", portC, mails[2]],
  ] as const) {
    mkdirSync(join(directory, `${name}-data`), { recursive: true });
    writeFileSync(join(directory, `${name}-data`, "dev-signing-key.json"), JSON.stringify(a.devKey));
    const instance = await startApiInstance(directory, {
      name,
      port: port as number,
      env: {
        ...databaseEnv,
        MIGRATE_ON_START: "false",
        SEED_ON_START: "false",
        MEDVERKAN_DEV_IDP: "false",
        DATABASE_POOL_SIZE: "4",
        RATE_LIMITS: JSON.stringify(LIMITS),
        OUTBOX_WORKER: "true",
        OUTBOX_POLL_INTERVAL_MS: "100",
        SMTP_URL: mail?.url ?? "",
        MAIL_MESSAGE_ID_DOMAIN: MAIL.messageIdDomain,
        MAIL_FROM_ADDRESS: MAIL.fromAddress,
      },
    });
    parts.push({ kind: "process", value: instance });
    instances.push(instance);
  }
  const backends = [new URL(a.url), ...instances.map((instance) => new URL(instance.url))].map((url) => ({
    host: url.hostname,
    port: Number(url.port),
  }));
  const balancer = await startHaproxy(directory, { port: balancerPort as number, backends });
  parts.push({ kind: "process", value: balancer });
  balancerConfig = balancer.config;
  const quietBalancer = await startHaproxy(directory, {
    port: quietPort as number,
    backends,
    timeouts: { client: "2s", server: "2s" },
    name: "haproxy-quiet",
  });
  parts.push({ kind: "process", value: quietBalancer });
  quiet = quietBalancer;
  direct.api1 = a;
  for (const [index, instance] of instances.entries()) {
    direct[`api${index + 2}`] = { ...a, url: instance.url, graphql: graphqlAt(instance.url) };
  }
  lb = { ...a, url: balancer.url, graphql: graphqlAt(balancer.url) };
  // HAProxy marks a server up after its first check: wait until all three answer through it.
  const seen = new Set<string>();
  for (let attempt = 0; attempt < 100 && seen.size < 3; attempt++) {
    const response = await fetch(balancer.url.replace("/graphql", "/healthz"));
    const server = response.headers.get("x-served-by");
    if (server) seen.add(server);
    if (response.ok && attempt > 10) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  kalmar = await publicTenant(lb, "kalmar");
});

afterAll(async () => {
  await Promise.all(liveClients.map((live) => live.dispose()));
  console.log(`scale-out figures: ${JSON.stringify({ ...figures, router: router()?.stats })}`);
  await teardown(directory, parts);
  await Promise.all(mails.map((mail) => mail.close()));
});

const REQUEST_STATUS = /* GraphQL */ `subscription { requestStatusChanged { id status } }`;
type RequestStatus = { requestStatusChanged: { id: string; status: string } };
type Submitted = { submitRequest: { request: { id: string; title: string } | null; errors: unknown[] } };

describe.skipIf(unavailable !== null)("a replica, PgBouncer and three API instances behind HAProxy", () => {
  it("streams the primary's writes to a hot standby that refuses writes", () => {
    expect(psql(replica.port, "SELECT pg_is_in_recovery()")).toBe("t");
    expect(psql(primary.port, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")).toBe("1");
    expect(() => psql(replica.port, 'CREATE TABLE "x" (id int)')).toThrow(/read-only transaction/);
  });

  it("reads what one just wrote through any instance, while read-only operations run on the replica", async () => {
    const requester = await a.tokenFor({ tenant: "kalmar", role: "requester" });
    const before = replicaTransactions();
    const started = Date.now();
    for (let index = 0; index < 12; index++) {
      // Round robin sends the read to another instance than the write, right after the answer.
      const title = `Läs det du skrev ${index} ${randomUUID().slice(0, 6)}`;
      const id = await submitRequest(lb, requester, { title });
      const read = await lb.graphql<{ request: { title: string } | null }>(REQUEST, { token: requester, variables: { id } });
      expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
      expect(read.data?.request?.title).toBe(title);
    }
    figures.readYourWritesRoundTripsMs = Date.now() - started;
    expect(replicaTransactions()).toBeGreaterThan(before);
    expect(router()?.stats.replicaTransactions).toBeGreaterThan(0);
    expect(router()?.stats.waitTimeouts).toBe(0);
    figures.replicaWaitMsMax = router()?.stats.maxWaitMs;
    figures.replicaReplayLag = psql(primary.port, "SELECT coalesce(max(replay_lag)::text, '0') FROM pg_stat_replication");
  });

  it("runs statistics on the replica, and an audited read (which writes its access log) on the primary", async () => {
    const analyst = await a.tokenFor({ tenant: "kalmar", role: "analyst" });
    const stats = router()?.stats as NonNullable<ReturnType<typeof router>>["stats"];
    const onReplica = stats.replicaTransactions;
    const year = new Date().getUTCFullYear();
    const response = await a.graphql<{ statistics: { total: unknown } }>(
      "query($input: StatisticsInput!) { statistics(input: $input) { total { requestsReceived { value suppressed } } } }",
      { token: analyst, variables: { input: { period: { year } } } },
    );
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(stats.replicaTransactions).toBeGreaterThan(onReplica);

    // A coordinator's read of a member is an audited disclosure: the standby refuses its write, and the read runs
    // again, whole, on the primary — answered as usual, and the access is in the log.
    const coordinator = await a.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const fallbacks = stats.primaryFallbacks;
    const networkId = kalmar.networks.nodes[0]?.id;
    const found = await a.graphql<{ members: { nodes: Array<{ id: string; email: string | null }> } }>(
      "query($filter: MemberSearchInput) { members(filter: $filter, first: 5) { nodes { id email } } }",
      { token: coordinator, variables: { filter: { networkId } } },
    );
    expect(found.errors, JSON.stringify(found.errors)).toBeUndefined();
    expect(found.data?.members.nodes.length).toBeGreaterThan(0);
    expect(stats.primaryFallbacks).toBeGreaterThan(fallbacks);
  });

  it("fills two places exactly when six members accept at once through the balancer", async () => {
    const coordinator = await a.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const requester = await a.tokenFor({ tenant: "jonkoping", role: "requester" });
    const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } });
    const pool = await activePool(lb, coordinator, network.id, 6);
    const tokens = await memberTokens(a, "jonkoping", pool);
    const version = await contactSharingVersion(lb, "jonkoping");
    const requestId = await submitRequest(lb, requester, { networkSlug: "levande-bibliotek", numberOfPersons: 2 });
    await startMatching(lb, coordinator, requestId);
    const sent = await mutate<{ invitations: InvitationView[] }>(lb, coordinator, INVITE, { requestId, memberIds: pool, message: "Hej!" });
    expect(sent.errors).toEqual([]);
    const answers = await Promise.all(
      sent.invitations.map((invitation) => accept(lb, tokens.get(invitation.invitee.memberId) as string, invitation.id, version)),
    );
    for (const answer of answers) expect(answer.errors).toEqual([]);
    const statuses = answers.map((answer) => answer.invitation?.status);
    expect(statuses.filter((status) => status === "ACCEPTED")).toHaveLength(2);
    expect(statuses.filter((status) => status === "WAITLISTED")).toHaveLength(4);
    expect(await prisma().assignment.count({ where: { requestId } })).toBe(2);
  });

  it("writes once for one Idempotency-Key sent six times at once through the balancer", async () => {
    const requester = await a.tokenFor({ tenant: "jonkoping", role: "requester" });
    const title = `Idempotent ${randomUUID().slice(0, 8)}`;
    const input = await requestInput(lb, requester, { networkSlug: "levande-bibliotek", title });
    const headers = { "Idempotency-Key": randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => lb.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input }, headers })),
    );
    for (const response of responses) expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    for (const response of responses) expect(response.data).toEqual(responses[0]?.data);
    expect(await prisma().request.count({ where: { title } })).toBe(1);
  });

  it("spends one rate-limit budget across the three instances", async () => {
    const member = await a.tokenFor({ tenant: "vgr", role: "member" });
    const responses = await Promise.all(
      Array.from({ length: 9 }, () => lb.graphql("query { exportMyData { format } }", { token: member })),
    );
    expect(responses.filter((response) => response.errors === undefined)).toHaveLength(LIMITS.exportMyData.points);
    const refused = responses.filter((response) => response.errors?.[0]?.extensions?.code === "RATE_LIMITED");
    expect(refused).toHaveLength(9 - LIMITS.exportMyData.points);
    for (const response of refused) expect(response.status).toBe(429);
  });

  it("delivers each queued message exactly once while three instances run the outbox worker", async () => {
    const vgr = await publicTenant(lb, "vgr");
    const emails: string[] = [];
    for (let index = 0; index < 12; index++) {
      const input = registrationInput(vgr);
      const response = await lb.graphql(REGISTER_MEMBER, { variables: { input } });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      emails.push(String(input.email));
    }
    const pending = () => prisma().outboxMessage.count({ where: { recipient: { in: emails }, status: { in: ["PENDING", "SENDING"] } } });
    for (let waited = 0; (await pending()) > 0 && waited < 60_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
    const queued = await prisma().outboxMessage.findMany({ where: { recipient: { in: emails } }, select: { status: true } });
    expect(queued.length).toBeGreaterThanOrEqual(emails.length);
    expect(queued.every((message) => message.status === "SENT")).toBe(true);
    const delivered = mails.flatMap((mail) => mail.messages).filter((message) => message.envelopeTo.some((to) => emails.includes(to)));
    expect(delivered).toHaveLength(queued.length);
    expect(new Set(delivered.map((message) => message.messageId)).size).toBe(queued.length);
    figures.outboxDeliveredBy = mails.map(
      (mail) => mail.messages.filter((message) => message.envelopeTo.some((to) => emails.includes(to))).length,
    );
  });

  it("carries subscriptions through HAProxy to all three instances, each receiving a write made directly on another", async () => {
    const coordinator = await a.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const requester = await a.tokenFor({ tenant: "jonkoping", role: "requester" });
    // Three connections in a row: round robin gives one to each instance, and each 101 names its server.
    const servers: string[] = [];
    const subscribers = [];
    const onA = a.running.server.liveEvents.size;
    for (let index = 0; index < 3; index++) {
      let servedBy = "";
      const live = connect(lb.url, coordinator, { onUpgrade: (headers) => (servedBy = String(headers["x-served-by"])) });
      liveClients.push(live);
      subscribers.push(subscribe<RequestStatus>(live, REQUEST_STATUS));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no upgrade through HAProxy")), 10_000);
        const check = setInterval(() => {
          if (!servedBy) return;
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }, 20);
      });
      servers.push(servedBy);
    }
    expect([...servers].sort()).toEqual(["api1", "api2", "api3"]);
    for (let waited = 0; a.running.server.liveEvents.size < onA + 1 && waited < 10_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.running.server.liveEvents.size).toBe(onA + 1);

    // A request submitted directly on B (api2) reaches the subscribers on A and C through PostgreSQL's NOTIFY. (The
    // subscriptions on B and C have no count to wait for from here: submit again until all three have one.)
    const submitted: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      submitted.push(await submitRequest(direct.api2 as TestApi, requester, { networkSlug: "levande-bibliotek" }));
      const heard = await Promise.all(
        subscribers.map((subscriber) =>
          subscriber
            .waitFor((data) => submitted.includes(data.requestStatusChanged.id), 3_000)
            .then(
              () => true,
              () => false,
            ),
        ),
      );
      if (heard.every(Boolean)) break;
    }
    const requestId = submitted.at(-1) as string;
    for (const subscriber of subscribers) {
      const data = await subscriber.waitFor((d) => d.requestStatusChanged.id === requestId);
      expect(data.requestStatusChanged.status).toBe("SUBMITTED");
    }

    // Matching starts directly on C (api3): the subscribers on A and B hear it, as does C's own.
    const started = Date.now();
    await startMatching(direct.api3 as TestApi, coordinator, requestId);
    for (const subscriber of subscribers) {
      await subscriber.waitFor((d) => d.requestStatusChanged.id === requestId && d.requestStatusChanged.status === "MATCHING");
    }
    figures.subscriptionAcrossInstancesMs = Date.now() - started;
  });

  it("keeps a quiet subscription open past HAProxy's client and server timeouts (timeout tunnel)", async () => {
    expect(readFileSync(balancerConfig, "utf8")).toMatch(/^ {2}timeout tunnel 1h$/m);
    const coordinator = await a.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
    const requester = await a.tokenFor({ tenant: "jonkoping", role: "requester" });
    // The short timeouts are in force: a request left unfinished on the quiet balancer is cut after 2 s.
    const cut = await new Promise<{ ms: number; text: string }>((resolve) => {
      const socket = connectTcp(quiet.port, "127.0.0.1");
      const opened = Date.now();
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString("latin1")));
      socket.on("close", () => resolve({ ms: Date.now() - opened, text }));
      socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    });
    expect(cut.text).toMatch(/^HTTP\/1\.[01] 408 /);
    expect(cut.ms).toBeLessThan(6_000);

    let servedBy = "";
    let closedEarly = false;
    const live = connect(quiet.url, coordinator, { onUpgrade: (headers) => (servedBy = String(headers["x-served-by"])) });
    liveClients.push(live);
    void live.closed.then(() => (closedEarly = true));
    const statuses = subscribe<RequestStatus>(live, REQUEST_STATUS);
    // Nothing crosses the socket for 6 s: three times the client and server timeouts.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(servedBy).toMatch(/^api[123]$/);
    expect(closedEarly).toBe(false);
    const other = Object.keys(direct).find((name) => name !== servedBy) as string;
    const requestId = await submitRequest(direct[other] as TestApi, requester, { networkSlug: "levande-bibliotek" });
    await statuses.waitFor((d) => d.requestStatusChanged.id === requestId);
    expect(closedEarly).toBe(false);
  });

  it("closes an expired token's connection with 4401 through HAProxy, at connect and at its expiry", async () => {
    const expired = await a.signToken({ subject: "jonkoping-coordinator-1", audience: "medverkan:jonkoping", expiresIn: "-2m" });
    const refused = connect(lb.url, expired);
    liveClients.push(refused);
    expect(await refused.closed).toEqual({ code: 4401, reason: "Unauthorized: TOKEN_EXPIRED" });

    const shortLived = await a.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek", expiresIn: "4s" });
    const live = connect(lb.url, shortLived);
    liveClients.push(live);
    const subscription = subscribe<RequestStatus>(live, REQUEST_STATUS);
    const opened = Date.now();
    expect(await live.closed).toEqual({ code: 4401, reason: "Unauthorized: TOKEN_EXPIRED" });
    expect(Date.now() - opened).toBeLessThan(15_000);
    expect((await subscription.ended).errors?.length ?? 0).toBeGreaterThan(0);
  });

  it("loses no acknowledged mutation when the standby is promoted under load, and answers fast, typed, retryable errors meanwhile", async () => {
    const vgr = await publicTenant(lb, "vgr");
    const acknowledged: string[] = [];
    const failures: Array<{ ms: number; status: number; code: unknown; retryable: unknown; sv: unknown; en: unknown }> = [];
    let running = true;
    let firstAckAfterCrash: number | null = null;
    let crashedAt: number | null = null;
    const worker = async () => {
      while (running) {
        const input = registrationInput(vgr);
        const sent = Date.now();
        let response: GraphQLResponse<{ registerMember: { errors: unknown[] } }>;
        try {
          response = await lb.graphql(REGISTER_MEMBER, { variables: { input }, headers: { "Idempotency-Key": randomUUID() } });
        } catch (error) {
          failures.push({ ms: Date.now() - sent, status: 0, code: String(error), retryable: false, sv: null, en: null });
          continue;
        }
        if (!response.errors && response.data?.registerMember.errors.length === 0) {
          acknowledged.push(String(input.email));
          if (crashedAt !== null && firstAckAfterCrash === null && sent > crashedAt) firstAckAfterCrash = Date.now();
        } else {
          const error = response.errors?.[0];
          const messages = error?.extensions?.messages as { sv?: string; en?: string } | undefined;
          failures.push({
            ms: Date.now() - sent,
            status: response.status,
            code: error?.extensions?.code,
            retryable: error?.extensions?.retryable,
            sv: messages?.sv,
            en: messages?.en,
          });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const workers = Array.from({ length: 6 }, () => worker());
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const beforeCrash = acknowledged.length;

    // The drill: the primary crashes (immediate stop: nothing more is sent), the standby is promoted, and PgBouncer's
    // configuration is pointed at it and reloaded. The API instances are not touched.
    crashedAt = Date.now();
    primary.stop("immediate");
    replica.promote();
    bouncer.repoint({ host: "127.0.0.1", port: replica.port });
    const promotedAt = Date.now();
    for (let waited = 0; firstAckAfterCrash === null && waited < 60_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    running = false;
    await Promise.all(workers);

    expect(beforeCrash).toBeGreaterThan(0);
    expect(firstAckAfterCrash).not.toBeNull();
    figures.failover = {
      acknowledged: acknowledged.length,
      acknowledgedBeforeCrash: beforeCrash,
      promoteAndRepointMs: promotedAt - (crashedAt as number),
      firstAcknowledgedWriteAfterCrashMs: (firstAckAfterCrash as unknown as number) - (crashedAt as number),
      failedRequests: failures.length,
      slowestFailureMs: Math.max(0, ...failures.map((failure) => failure.ms)),
      codes: [...new Set(failures.map((failure) => failure.code))],
    };

    // Every acknowledged registration is on the new primary.
    const present = await prisma().member.count({ where: { email: { in: acknowledged } } });
    figures.mutationsLost = acknowledged.length - present;
    expect(present).toBe(acknowledged.length);
    // The errors meanwhile: typed, retryable, in Swedish and English, and fast.
    for (const failure of failures) {
      expect(failure.code, JSON.stringify(failure)).toBe("SERVICE_UNAVAILABLE");
      expect(failure.status).toBe(503);
      expect(failure.retryable).toBe(true);
      expect(failure.sv).toBeTruthy();
      expect(failure.en).toBeTruthy();
      expect(failure.ms).toBeLessThan(10_000);
    }
    // Writes go to the promoted server now.
    expect(psql(replica.port, "SELECT pg_is_in_recovery()")).toBe("f");
  });
});
