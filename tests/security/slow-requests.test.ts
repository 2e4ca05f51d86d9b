import { setTimeout as sleep } from "node:timers/promises";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 22 finding 12 (SECURITY.md, reliability: a bounded pool, transactions with timeouts): slow work must not
// starve fast work. Before: with every pooled connection held by slow work, a fast read waited the connect timeout and
// failed; /readyz turned 503 although the database answered; a statement waiting for a row lock kept waiting after
// its transaction's timeout, until the (much longer) statement timeout ended it.
//
// PostgreSQL only (TEST_DATABASE_URL, as in CI): PGlite runs in this process with no pool, no lock waits between
// connections and no server-side timeouts.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
const TRANSACTION_TIMEOUT_MS = 2_000;

let api: TestApi;
const prisma = () => api.running.database.prisma;

beforeAll(async () => {
  if (!onPostgres) return;
  api = await startTestApi({
    // Two connections; opening one may take half a second at most; a transaction 2 s; a statement a full minute, so
    // only the transaction's own bound can end a lock wait in time.
    databaseLimits: { poolSize: 2, connectTimeoutMs: 500, transactionTimeoutMs: TRANSACTION_TIMEOUT_MS, statementTimeoutMs: 60_000 },
  });
});

afterAll(async () => {
  await api?.stop();
});

/** Holds `count` pooled connections of the API's own client until `release()`. */
async function holdConnections(count: number, work: (tx: unknown) => Promise<void> = async () => {}) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const taken: Promise<void>[] = [];
  const holders = Array.from({ length: count }, () => {
    let took = () => {};
    taken.push(
      new Promise<void>((resolve) => {
        took = resolve;
      }),
    );
    return prisma().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await work(tx);
        took();
        await released;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  });
  await Promise.all(taken);
  return {
    async release() {
      release();
      await Promise.all(holders);
    },
  };
}

describe.skipIf(!onPostgres)("slow work does not starve fast work", () => {
  it("a fast read waits for a busy pool's connection instead of failing, and /readyz stays ready", async () => {
    const token = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const held = await holdConnections(2);
    // Both connections are busy for a while (well past the connect timeout), as behind slow mutations.
    const reads = Promise.all([
      api.graphql<{ tenant: { slug: string } }>(`query { tenant(slug: "kalmar") { slug } }`),
      api.graphql<{ me: { kind: string } }>(`query { me { kind } }`, { token }),
    ]);
    let readiness: number;
    try {
      readiness = (await fetch(api.url.replace("/graphql", "/readyz"))).status;
      await sleep(1_500);
    } finally {
      await held.release();
    }
    expect(readiness).toBe(200);
    const [tenant, me] = await reads;
    expect(tenant.errors).toBeUndefined();
    expect(tenant.data?.tenant.slug).toBe("kalmar");
    expect(me.errors).toBeUndefined();
    expect(me.data?.me.kind).toBe("STAFF");
  });

  it("ends a lock wait with the transaction's timeout: a retryable 503 while the lock is still held", async () => {
    const memberToken = await api.tokenFor({ tenant: "kalmar", role: "member" });
    const member = await prisma().member.findFirstOrThrow({ where: { subject: "kalmar-member-1" }, select: { id: true, version: true } });
    // Another transaction holds the member's row lock (a long job, a stuck session) for as long as this test wants.
    const held = await holdConnections(1, async (tx) => {
      await (tx as unknown as { $queryRawUnsafe(sql: string, ...values: unknown[]): Promise<unknown> }).$queryRawUnsafe(
        `SELECT 1 FROM "Member" WHERE "id" = $1::uuid FOR UPDATE`,
        member.id,
      );
    });
    try {
      const answer = fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${memberToken}` },
        body: JSON.stringify({
          query:
            "mutation U($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { member { familyName } errors { __typename } } }",
          variables: { input: { expectedVersion: member.version, familyName: "Låst" } },
        }),
      });
      // Generous: ten transaction timeouts. Without a lock timeout the request waits for the lock (a minute here).
      const first = await Promise.race([answer, sleep(10 * TRANSACTION_TIMEOUT_MS).then(() => "still waiting for the lock" as const)]);
      expect(first).not.toBe("still waiting for the lock");
      const response = first as Response;
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBeTruthy();
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string; retryable?: boolean } }> };
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
    } finally {
      await held.release();
    }
    // Nothing of it was written, and the API serves the same change once the lock is gone.
    expect((await prisma().member.findFirstOrThrow({ where: { id: member.id }, select: { familyName: true } })).familyName).not.toBe(
      "Låst",
    );
    const retried = await api.graphql<{ updateMyProfile: { member: { familyName: string } | null } }>(
      "mutation U($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { member { familyName } errors { __typename } } }",
      { token: memberToken, variables: { input: { expectedVersion: member.version, familyName: "Låst" } } },
    );
    expect(retried.data?.updateMyProfile.member?.familyName).toBe("Låst");
  });
});
