import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { sqlStatementCounter } from "@medverkan/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitRequest } from "../support/requests.js";
import { type SecondInstance, startSecondInstance } from "../support/second-instance.js";

// Issue 19 item 6: statistics are remembered under a per-tenant data version that the database's triggers replace in
// every transaction that changes what statistics read (migration 20261208150000). A repeat reads the version only;
// a write — through the API, through another instance, or straight in SQL — is seen by the next answer; a pool
// counted "now" follows the clock past a row dated ahead; and the annual report's cubes are warmed after a change.

const STATISTICS = `query($input: StatisticsInput!) { statistics(input: $input) { total {
  requestsReceived { value suppressed } activePoolSize { value suppressed } newRegistrations { value suppressed } } } }`;
const ANNUAL_REPORT = `query($year: Int!) { annualReport(year: $year) { year figures { key value { value suppressed } } } }`;
type Value = { value: number | null; suppressed: boolean };
type Figures = { statistics: { total: Record<"requestsReceived" | "activePoolSize" | "newRegistrations", Value> } };

/** The statistics' calendar is the tenant's (Europe/Stockholm for every seeded region). */
const stockholmYear = () => Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Stockholm", year: "numeric" }).format(new Date()));

let a: TestApi;
let second: SecondInstance;
let b: TestApi;
let analyst: string;
let requester: string;
let kalmarId: string;

beforeAll(async () => {
  a = await startTestApi({ statisticsWarmup: { debounceMs: 50 } });
  second = await startSecondInstance(a);
  b = second.api;
  analyst = await a.tokenFor({ tenant: "kalmar", role: "analyst" });
  requester = await a.tokenFor({ tenant: "kalmar", role: "requester" });
  kalmarId = (await a.running.database.prisma.tenant.findUniqueOrThrow({ where: { slug: "kalmar" } })).id;
});

afterAll(async () => {
  await second?.stop();
  await a?.stop();
});

async function totals(api: TestApi, groupBy: string[] = []): Promise<Figures["statistics"]["total"]> {
  const response = await api.graphql<Figures>(STATISTICS, {
    token: analyst,
    variables: { input: { period: { year: stockholmYear() }, groupBy } },
  });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return (response.data as Figures).statistics.total;
}

async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  const before = sqlStatementCounter.count;
  await work();
  return sqlStatementCounter.count - before;
}

async function version(): Promise<string | null> {
  const rows = await a.running.database.prisma.$queryRaw<{ version: string }[]>`
    SELECT "version"::text AS version FROM "StatisticsDataVersion" WHERE "tenantId" = ${kalmarId}::uuid`;
  return rows[0]?.version ?? null;
}

/** A figure that may be withheld while small (early in January): compared only when published both times. */
function expectChange(before: Value, after: Value, change: number): void {
  if (before.value !== null && after.value !== null) expect(after.value).toBe(before.value + change);
}

describe("the statistics memo", () => {
  it("answers a repeated question from memory: the version is read, the finest cells are not", async () => {
    // Authentication alone, once its own cache holds the analyst.
    await a.graphql(`query { __typename }`, { token: analyst });
    const authOnly = await statementsOf(() => a.graphql(`query { __typename }`, { token: analyst }));
    const first = await statementsOf(() => totals(a, ["UNIT"]));
    const repeat = await statementsOf(() => totals(a, ["UNIT"]));
    console.info(`statements: authentication ${authOnly}, first answer ${first}, repeat ${repeat}`);
    // The first answer reads settings, labels, seven flow families, the pool and concentration; a repeat reads the
    // tenant (set_config) and the version, nothing else.
    expect(first).toBeGreaterThanOrEqual(authOnly + 12);
    expect(repeat).toBeLessThanOrEqual(authOnly + 3);
    expect(await totals(a, ["UNIT"])).toEqual(await totals(a, ["UNIT"]));
  });

  it("replaces the version in the writing transaction, once, and not for a rolled-back write", async () => {
    const prisma = a.running.database.prisma;
    const was = await version();
    expect(was).not.toBeNull();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "Request" SET "numberOfPersons" = "numberOfPersons" WHERE "tenantId" = ${kalmarId}::uuid`;
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await version()).toBe(was);
    await prisma.$executeRaw`UPDATE "Request" SET "numberOfPersons" = "numberOfPersons" WHERE "tenantId" = ${kalmarId}::uuid`;
    const now = await version();
    expect(now).not.toBe(was);
    // The notes that drove it are gone with the commit.
    expect(await prisma.$queryRaw<unknown[]>`SELECT 1 FROM "StatisticsDataChange"`).toEqual([]);
  });

  it("replaces the statistics and candidate pool versions at commit in one order: transactions writing in either order never deadlock", async () => {
    const prisma = a.running.database.prisma;
    const versions = async () =>
      (
        await prisma.$queryRaw<{ statistics: string; pool: string }[]>`
        SELECT (SELECT "version"::text FROM "StatisticsDataVersion" WHERE "tenantId" = ${kalmarId}::uuid) AS statistics,
               (SELECT "version"::text FROM "CandidatePoolVersion" WHERE "tenantId" = ${kalmarId}::uuid) AS pool`
      )[0];
    const before = await versions();
    // Attendance is read by statistics only, invitations by both. Each transaction touches rows of its own, so only the
    // version rows are shared; half note statistics first, half the pool first (migration 20261208150001).
    const attendances = await prisma.attendance.findMany({ where: { tenantId: kalmarId }, select: { id: true }, take: 6 });
    const invitations = await prisma.invitation.findMany({ where: { tenantId: kalmarId }, select: { id: true }, take: 6 });
    const pairs = Math.min(attendances.length, invitations.length);
    expect(pairs).toBeGreaterThan(1);
    const touchAttendance = (tx: typeof prisma, id: string) =>
      tx.$executeRaw`UPDATE "Attendance" SET "tenantId" = "tenantId" WHERE "id" = ${id}::uuid`;
    const touchInvitation = (tx: typeof prisma, id: string) =>
      tx.$executeRaw`UPDATE "Invitation" SET "tenantId" = "tenantId" WHERE "id" = ${id}::uuid`;
    for (let round = 0; round < 5; round += 1) {
      await Promise.all(
        Array.from({ length: pairs }, (_, i) =>
          prisma.$transaction(async (tx) => {
            const attendance = attendances[i]?.id as string;
            const invitation = invitations[i]?.id as string;
            if (i % 2 === 0) {
              await touchAttendance(tx as typeof prisma, attendance);
              await touchInvitation(tx as typeof prisma, invitation);
            } else {
              await touchInvitation(tx as typeof prisma, invitation);
              await touchAttendance(tx as typeof prisma, attendance);
            }
          }),
        ),
      );
    }
    const after = await versions();
    expect(after?.statistics).not.toBe(before?.statistics);
    expect(after?.pool).not.toBe(before?.pool);
    expect(await prisma.$queryRaw<unknown[]>`SELECT 1 FROM "StatisticsDataChange" UNION ALL SELECT 1 FROM "CandidatePoolChange"`).toEqual(
      [],
    );
  });

  it("shows a request submitted through the API in the next answer", async () => {
    const before = await totals(a);
    await totals(a);
    await submitRequest(a, requester);
    const after = await totals(a);
    expectChange(before.requestsReceived, after.requestsReceived, 1);
  });

  it("shows a change made straight in SQL (a request moved out of the year) in the next answer", async () => {
    const before = await totals(a);
    const year = stockholmYear();
    const moved = await a.running.database.prisma.$executeRaw`
      UPDATE "Request" SET "submittedAt" = make_timestamptz(${year - 3}::int, 6, 1, 12, 0, 0, 'Europe/Stockholm')
      WHERE "id" = (SELECT "id" FROM "Request" WHERE "tenantId" = ${kalmarId}::uuid
                      AND "submittedAt" >= make_timestamptz(${year}::int, 1, 1, 0, 0, 0, 'Europe/Stockholm')
                      AND "submittedAt" < now() ORDER BY "submittedAt" LIMIT 1)`;
    expect(moved).toBe(1);
    expectChange(before.requestsReceived, (await totals(a)).requestsReceived, -1);
  });

  it("two instances agree after a write through the other", async () => {
    const onA = await totals(a);
    expect(await totals(b)).toEqual(onA);
    await submitRequest(a, requester);
    const onB = await totals(b);
    expectChange(onA.requestsReceived, onB.requestsReceived, 1);
    expect(await totals(a)).toEqual(onB);
  });

  it("counts the pool 'now' afresh once a row dated ahead comes into effect, with no write in between", async () => {
    const prisma = a.running.database.prisma;
    const before = await totals(a);
    // A member registered a moment from now (data dated ahead): not in today's pool yet, but in it in a moment.
    const ahead = new Date(Date.now() + 3_000);
    const [membership] = await prisma.$queryRaw<{ id: string }[]>`
      SELECT ms."id" FROM "Membership" ms WHERE ms."tenantId" = ${kalmarId}::uuid AND ms."registeredAt" < now()
        AND (SELECT e."toStatus" FROM "MembershipEvent" e WHERE e."tenantId" = ms."tenantId" AND e."membershipId" = ms."id"
             ORDER BY e."at" DESC, e."id" DESC LIMIT 1) = 'ACTIVE'
        AND ms."registeredAt" < make_timestamptz(${stockholmYear()}::int, 1, 1, 0, 0, 0, 'Europe/Stockholm')
      LIMIT 1`;
    expect(membership).toBeDefined();
    await prisma.$executeRaw`UPDATE "Membership" SET "registeredAt" = ${ahead} WHERE "id" = ${membership?.id}::uuid`;
    const early = await totals(a);
    expectChange(before.activePoolSize, early.activePoolSize, -1);
    expect(await totals(a)).toEqual(early);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ahead.getTime() - Date.now()) + 200));
    const later = await totals(a);
    // Without a write in between: the answer remembered at `early` held only until the registration's instant.
    expectChange(before.activePoolSize, later.activePoolSize, 0);
    if (early.activePoolSize.value !== null && later.activePoolSize.value !== null) {
      expect(later.activePoolSize.value).toBe(early.activePoolSize.value + 1);
    }
  });

  it("warms the annual report after a change: its first question after a write reads only the version", async () => {
    const year = stockholmYear();
    const report = () => a.graphql(ANNUAL_REPORT, { token: analyst, variables: { year } });
    let answered: Awaited<ReturnType<typeof report>> | undefined;
    const answer = () =>
      statementsOf(async () => {
        answered = await report();
        expect(answered.errors, JSON.stringify(answered.errors)).toBeUndefined();
      });
    const cold = await answer();
    const repeat = await answer();
    const warmer = a.running.server.statisticsWarmer;
    expect(warmer).not.toBeNull();
    const warmedBefore = warmer?.warmed ?? 0;
    await submitRequest(a, requester);
    await expect.poll(() => warmer?.warmed ?? 0, { timeout: 60_000, interval: 100 }).toBeGreaterThan(warmedBefore);
    const afterChange = await answer();
    console.info(`annual report: cold ${cold} statements, repeat ${repeat}, first after a change (warmed) ${afterChange}`);
    // Both years' answers were already in memory under the new version: the report reads what a repeat reads
    // (computing them would read some 15 statements per year). `cold` may be warm already from the writes above.
    expect(afterChange).toBeLessThanOrEqual(repeat);
  });
});
