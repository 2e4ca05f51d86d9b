import { setTimeout as sleep } from "node:timers/promises";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";
import { requestInput, SUBMIT_REQUEST } from "../support/requests.js";
import { createThrowawayCluster, type ThrowawayCluster, throwawayClusterUnavailable } from "../support/throwaway-cluster.js";

// Issue 22 finding 8 (SECURITY.md, reliability: fail fast with a clear retryable error): one condition, one answer.
// Every SERVICE_UNAVAILABLE is HTTP 503 with Retry-After, wherever it arose. Before: during an outage
// `registerMember` answered 500 (the rate-limit hook's error), a public query 200 (a resolver's error), an
// authenticated request 503 without Retry-After; during pool exhaustion a query 200 and a mutation 500.

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) { registerMember(input: $input) { registration { outcome } errors { __typename } } }
`;
const RESPOND = /* GraphQL */ `
  mutation Respond($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { errors { __typename } } }
`;
const PUBLIC = /* GraphQL */ `query { tenant(slug: "kalmar") { slug networks { totalCount } } }`;
const ME = /* GraphQL */ `query { me { kind } }`;

interface Answer {
  name: string;
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function send(api: TestApi, name: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    name,
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as Answer["body"],
  };
}

function expectServiceUnavailable(answer: Answer) {
  // The operation's name in the failure message, so a failing run says which path answered differently.
  expect({ name: answer.name, status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
    name: answer.name,
    status: 503,
    code: "SERVICE_UNAVAILABLE",
  });
  expect({ name: answer.name, retryAfter: Number(answer.retryAfter) }).toEqual({ name: answer.name, retryAfter: expect.any(Number) });
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.body.errors?.[0]?.extensions?.retryable).toBe(true);
  expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|timeout exceeded|prisma/i);
}

describe.skipIf(throwawayClusterUnavailable !== null)(
  `while the database is down${throwawayClusterUnavailable ? ` (skipped: ${throwawayClusterUnavailable})` : ""}`,
  () => {
    let cluster: ThrowawayCluster;
    let api: TestApi;

    beforeAll(async () => {
      cluster = await createThrowawayCluster();
      cluster.start();
      api = await startTestApi({ databaseUrl: cluster.url });
    });

    afterAll(async () => {
      await api?.stop();
      cluster?.remove();
    });

    it("answers every path 503 with Retry-After: a rate-limited mutation, a mutation, a public and an authenticated query", async () => {
      const kalmar: PublicTenant = await publicTenant(api, "kalmar");
      const requester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
      const member = await api.tokenFor({ tenant: "kalmar", role: "member" });
      const registration = registrationInput(kalmar);
      const request = await requestInput(api, requester);

      cluster.stop();
      try {
        const answers = [
          await send(api, "registerMember", REGISTER, { input: registration }),
          await send(api, "submitRequest", SUBMIT_REQUEST, { input: request }, requester),
          await send(
            api,
            "respondToInvitation",
            RESPOND,
            { input: { invitationId: "00000000-0000-7000-8000-000000000000", accept: false } },
            member,
          ),
          await send(api, "public query", PUBLIC),
          await send(api, "me", ME, undefined, requester),
        ];
        for (const answer of answers) expectServiceUnavailable(answer);
      } finally {
        cluster.start();
      }
    });
  },
);

const onPostgres = Boolean(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);

describe.skipIf(!onPostgres)("while every pooled connection is taken (PostgreSQL only: PGlite has no pool)", () => {
  let api: TestApi;

  beforeAll(async () => {
    // One connection, and a request gives up after half a second of waiting for it.
    api = await startTestApi({ databaseLimits: { poolSize: 1, connectTimeoutMs: 500, poolWaitMs: 500 } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it("answers a query and mutations 503 with Retry-After, and serves again once the connection is back", async () => {
    const kalmar = await publicTenant(api, "kalmar");
    const member = await api.tokenFor({ tenant: "kalmar", role: "member" });
    const registration = registrationInput(kalmar);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    // The pool's only connection, held by other work (the API's own Prisma client).
    const holder = api.running.database.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        held();
        await released;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    await holding;
    try {
      const answers = [
        await send(api, "public query", PUBLIC),
        await send(api, "registerMember", REGISTER, { input: registration }),
        await send(
          api,
          "respondToInvitation",
          RESPOND,
          { input: { invitationId: "00000000-0000-7000-8000-000000000000", accept: false } },
          member,
        ),
      ];
      for (const answer of answers) expectServiceUnavailable(answer);
    } finally {
      release();
      await holder;
    }
    await sleep(50);
    const after = await send(api, "public query", PUBLIC);
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
  });
});
