import type { Database } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TenantScope } from "../../context/tenant-scope.js";
import { openTestDatabase } from "../../testing/test-database.js";
import { testServerUrl } from "../../testing/test-template.js";
import { computeStatistics } from "../statistics.service.js";
import { StatisticsMemo } from "../statistics-memo.js";

// The statistics memo (issue 19 item 6) changes where figures come from, never what they are: answers from a memo
// that has served other questions (cubes shared between shapes, pools remembered) equal answers computed afresh.
// And the version's triggers must not queue the writers of one tenant behind each other (PostgreSQL only: the
// embedded database has one connection).

let database: Database;
let dispose: () => Promise<void>;
let kalmar: string;

beforeAll(async () => {
  ({ database, dispose } = await openTestDatabase({
    seed: {
      tokenIssuer: "https://issuer.example",
      publicKeys: { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "test" }] },
    },
  }));
  kalmar = (await database.prisma.tenant.findUniqueOrThrow({ where: { slug: "kalmar" } })).id;
}, 300_000);

afterAll(async () => dispose?.());

const year = new Date().getUTCFullYear();

function run(memo: StatisticsMemo, groupBy: string[], y = year) {
  return new TenantScope(database.prisma, kalmar).transaction(
    (tx) =>
      computeStatistics(
        { locale: "en" },
        tx,
        kalmar,
        { year: y, quarter: null, month: null, groupBy: groupBy as never },
        "ALL",
        null,
        undefined,
        memo,
      ),
    { timeoutMs: 120_000 },
  );
}

describe("the statistics memo", () => {
  it("gives exactly the figures computed afresh, for every shape, from shared cubes and remembered readings", async () => {
    const shared = new StatisticsMemo();
    const shapes = [[], ["NETWORK"], ["UNIT", "MONTH"], ["AGE_BAND", "PERSPECTIVE"], ["NETWORK"]];
    for (const y of [year, year - 1]) {
      for (const groupBy of shapes) {
        const remembered = await run(shared, groupBy, y);
        const fresh = await run(new StatisticsMemo(), groupBy, y);
        expect(remembered).toEqual(fresh);
      }
    }
    // The repeated shape was answered from memory, and the other shapes took their flow cubes from it.
    expect(shared.counters.answerHits).toBeGreaterThanOrEqual(2);
    expect(shared.counters.cubeHits).toBeGreaterThan(0);
  }, 600_000);

  it.runIf(testServerUrl() !== null)("does not queue one tenant's writing transactions behind each other", async () => {
    const ids = await database.prisma.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Request" WHERE "tenantId" = ${kalmar}::uuid ORDER BY "id" LIMIT 2`;
    expect(ids).toHaveLength(2);
    const scope = new TenantScope(database.prisma, kalmar);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstWrote: () => void = () => {};
    const wrote = new Promise<void>((resolve) => {
      firstWrote = resolve;
    });
    // The first writer changes a request and stays open; the second changes another request of the same tenant and
    // must commit meanwhile (a version row bumped per statement would make it wait for the first's commit).
    const first = scope.transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "Request" SET "numberOfPersons" = "numberOfPersons" WHERE "id" = ${ids[0]?.id}::uuid`;
      firstWrote();
      await held;
    });
    await wrote;
    const started = Date.now();
    await scope.transaction(
      (tx) => tx.$executeRaw`UPDATE "Request" SET "numberOfPersons" = "numberOfPersons" WHERE "id" = ${ids[1]?.id}::uuid`,
      { timeoutMs: 5_000 },
    );
    const waited = Date.now() - started;
    release();
    await first;
    expect(waited).toBeLessThan(4_000);
  });
});
