import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run test:scale-out` runs a part of the end-to-end suite through PgBouncer in transaction mode
// (TEST_DATABASE_POOLER_URL, scripts/scale-out/run-tests.mjs); this file shows that it really does. Elsewhere it says
// why it has nothing to check.
const pooler = process.env.TEST_DATABASE_POOLER_URL;
if (!pooler) console.log("tests/scale-out/through-pooler: not run through a pooler (npm run test:scale-out does)");

let api: TestApi;
beforeAll(async () => {
  if (pooler) api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

describe.skipIf(!pooler)("the end-to-end suite through PgBouncer", () => {
  it("connects the API's pool to the pooler, in transaction mode, and answers", async () => {
    expect(api.running.database.description).toContain(`${new URL(pooler as string).host}`);
    expect(api.running.database.description).toContain("transaction pooler");
    // Consecutive statements outside a transaction may land on different server connections, so the API never
    // relies on session state there: a session setting made by one statement is not seen by a later one.
    const prisma = api.running.database.prisma;
    const backends = new Set<number>();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const [row] = await prisma.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)::text AS slept`;
        backends.add(row.pid);
      }),
    );
    expect(backends.size).toBeGreaterThan(1);
    const me = await api.graphql("query { me { kind } }", { token: await api.tokenFor({ tenant: "kalmar", role: "coordinator" }) });
    expect(me.errors).toBeUndefined();
  });
});
