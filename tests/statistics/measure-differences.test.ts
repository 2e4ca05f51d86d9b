import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { spanOf } from "@medverkan/domain/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 7: figures that are parts of one another. Requests declined and cancelled are parts of the requests
// received, and the pool's never-asked a part of the pool. Protected each on its own, every one of them can be large
// while their difference is small: received 12 − declined 5 − cancelled 5 tells that 2 requests went ahead, pool
// 20 − never asked 18 that 2 people were asked — groups below the threshold that nobody protected. The region below
// ("Skillnadsregionen", 2025, threshold 5) is built so that exactly those differences are 2; an attacker then takes
// every answer of several groupings and periods and tries to work them out, alone and as one system of equations.

let api: TestApi;
let analyst: string;
const THRESHOLD = 5;
const T = { tenantId: randomUUID(), networkA: randomUUID(), networkB: randomUUID(), unit: randomUUID(), type: randomUUID() };
const at = (iso: string) => new Date(iso);

// Members 1–12 in network A, 13–20 in B, all active from 1 March 2025. Members 1 and 2 were invited (and declined)
// on 11 March: asked in A are 2, never asked 10; in B never asked 8.
const members = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), network: i < 12 ? T.networkA : T.networkB }));
const ASKED = [0, 1];
// Twelve requests to network A in March 2025: five declined, five cancelled, two that went ahead.
const outcomes = [
  ...Array<"DECLINED">(5).fill("DECLINED"),
  ...Array<"CANCELLED">(5).fill("CANCELLED"),
  "MATCHING" as const,
  "MATCHING" as const,
];

async function buildRegion(): Promise<void> {
  const prisma = api.running.database.prisma;
  const kalmar = await prisma.tenant.findUniqueOrThrow({ where: { slug: "kalmar" } });
  await prisma.tenant.create({
    data: {
      id: T.tenantId,
      slug: "skillnadsregionen",
      name: "Skillnadsregionen",
      tokenIssuer: kalmar.tokenIssuer,
      tokenAudience: "medverkan:skillnadsregionen",
      publicKeys: kalmar.publicKeys ?? undefined,
      smallCellThreshold: THRESHOLD,
    },
  });
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${T.tenantId}, true)`;
      const tenantId = T.tenantId;
      const organisationId = randomUUID();
      await tx.network.createMany({
        data: [
          { tenantId, id: T.networkA, slug: "a", name: "Nätverk A", careDomain: "SOMATIC", contactEmail: "a@example.se" },
          { tenantId, id: T.networkB, slug: "b", name: "Nätverk B", careDomain: "PSYCHIATRIC", contactEmail: "b@example.se" },
        ],
      });
      await tx.organisation.create({ data: { tenantId, id: organisationId, name: "Regionen", kind: "REGION_UNIT" } });
      await tx.unit.create({ data: { tenantId, id: T.unit, organisationId, name: "Enhet" } });
      await tx.assignmentType.create({ data: { tenantId, id: T.type, key: "workshop", labelSv: "Workshop", labelEn: "Workshop" } });
      const analystId = randomUUID();
      await tx.staffUser.create({
        data: { tenantId, id: analystId, subject: "diff-analyst", name: "Analytiker", email: "diff-analyst@example.se" },
      });
      await tx.roleGrant.create({ data: { tenantId, staffUserId: analystId, role: "ANALYST", networkId: null } });

      for (const [index, member] of members.entries()) {
        await tx.member.create({
          data: {
            tenantId,
            id: member.id,
            givenName: `Person ${index + 1}`,
            familyName: "Skillnad",
            email: `skillnad${index + 1}@example.se`,
            birthYear: 1970,
            municipality: "Kalmar",
            perspectives: ["PATIENT"],
          },
        });
        const membershipId = randomUUID();
        await tx.membership.create({
          data: {
            tenantId,
            id: membershipId,
            memberId: member.id,
            networkId: member.network,
            status: "ACTIVE",
            registeredAt: at("2025-02-10T09:00:00Z"),
          },
        });
        await tx.membershipEvent.createMany({
          data: [
            { tenantId, membershipId, toStatus: "REGISTERED", actorType: "MEMBER", at: at("2025-02-10T09:00:00Z") },
            {
              tenantId,
              membershipId,
              fromStatus: "REGISTERED",
              toStatus: "ACTIVE",
              actorType: "STAFF",
              at: at("2025-03-01T09:00:00Z"),
            },
          ],
        });
      }

      const requestIds = outcomes.map(() => randomUUID());
      for (const [r, status] of outcomes.entries()) {
        await tx.request.create({
          data: {
            tenantId,
            id: requestIds[r] as string,
            networkId: T.networkA,
            unitId: T.unit,
            assignmentTypeId: T.type,
            title: `Förfrågan ${r + 1}`,
            contactName: "Kontakt",
            contactEmail: "kontakt@example.se",
            purpose: "Förbättringsarbete",
            assignmentLength: "ONE_OFF",
            numberOfPersons: 1,
            perspectivesSought: ["PATIENT"],
            status,
            submittedAt: at("2025-03-10T09:00:00Z"),
          },
        });
      }
      for (const index of ASKED) {
        await tx.invitation.create({
          data: {
            tenantId,
            requestId: requestIds[requestIds.length - 1] as string,
            memberId: members[index]?.id as string,
            status: "DECLINED",
            invitedAt: at("2025-03-11T09:00:00Z"),
            expiresAt: at("2025-03-25T09:00:00Z"),
          },
        });
      }
    },
    { timeout: 60_000 },
  );
}

const VALUE = "{ value suppressed suppression }";
const MEASURES = `{ requestsReceived ${VALUE} requestsDeclined ${VALUE} requestsCancelled ${VALUE} activePoolSize ${VALUE} neverAsked ${VALUE} }`;
const STATISTICS = `query($input: StatisticsInput!) { statistics(input: $input) {
  rows { groups { dimension key } measures ${MEASURES} } total ${MEASURES} } }`;

interface Value {
  value: number | null;
  suppressed: boolean;
  suppression: string | null;
}
type Measures = Record<"requestsReceived" | "requestsDeclined" | "requestsCancelled" | "activePoolSize" | "neverAsked", Value>;
interface Table {
  rows: { groups: { dimension: string; key: string }[]; measures: Measures }[];
  total: Measures;
}

async function statistics(input: Record<string, unknown>): Promise<Table> {
  const response = await api.graphql<{ statistics: Table }>(STATISTICS, { token: analyst, variables: { input } });
  expect(response.errors).toBeUndefined();
  return (response.data as { statistics: Table }).statistics;
}

/** Every answer an analyst can get for these groupings, for the year, the first and last quarter, March and December. */
interface Answer {
  readonly table: Table;
  readonly period: Record<string, number>;
  readonly groupBy: string[];
  readonly networkId: string | null;
}

async function everyAnswer(): Promise<Answer[]> {
  const periods: Record<string, number>[] = [
    { year: 2025 },
    { year: 2025, quarter: 1 },
    { year: 2025, quarter: 4 },
    { year: 2025, month: 3 },
    { year: 2025, month: 12 },
  ];
  const groupings = [[], ["NETWORK"], ["MONTH"], ["NETWORK", "MONTH"], ["UNIT"], ["PERSPECTIVE"]];
  const answers: Answer[] = [];
  for (const period of periods) {
    for (const groupBy of groupings) {
      for (const networkId of [null, T.networkA, T.networkB]) {
        if (networkId && groupBy.includes("NETWORK")) continue;
        const table = await statistics({ period, groupBy, ...(networkId ? { networkId } : {}) });
        answers.push({ table, period, groupBy, networkId });
      }
    }
  }
  return answers;
}

let answers: Answer[];

beforeAll(async () => {
  api = await startTestApi();
  await buildRegion();
  analyst = await api.signToken({ subject: "diff-analyst", audience: "medverkan:skillnadsregionen" });
  answers = await everyAnswer();
}, 600_000);

afterAll(async () => api?.stop());

describe("measures that are parts of one another", () => {
  it("still publish what is large: the year's requests received and the pool at the year's end", async () => {
    const { total } = await statistics({ period: { year: 2025 } });
    expect(total.requestsReceived.value).toBe(12);
    expect(total.activePoolSize.value).toBe(20);
  });

  it("never leave a small difference between a group's count and its published parts", () => {
    const small = (n: number) => n > 0 && n < THRESHOLD;
    const revealed: string[] = [];
    for (const { table, period, groupBy } of answers) {
      for (const { label, m } of [
        { label: "total", m: table.total },
        ...table.rows.map((row) => ({ label: row.groups.map((g) => g.key).join("/"), m: row.measures })),
      ]) {
        const where = `${JSON.stringify(period)} by ${groupBy.join("+") || "nothing"}: ${label}`;
        const { requestsReceived: received, requestsDeclined: declined, requestsCancelled: cancelled } = m;
        if (received.value !== null && declined.value !== null && cancelled.value !== null) {
          const wentAhead = received.value - declined.value - cancelled.value;
          if (small(wentAhead)) revealed.push(`${where}: ${wentAhead} requests went ahead`);
        }
        if (m.activePoolSize.value !== null && m.neverAsked.value !== null) {
          const asked = m.activePoolSize.value - m.neverAsked.value;
          if (small(asked)) revealed.push(`${where}: ${asked} people were asked`);
        }
      }
    }
    expect(revealed).toEqual([]);
  });

  it("give an attacker who solves every answer as one system neither the requests that went ahead nor the people asked", () => {
    // Unknowns: network A's requests by outcome × month (B had none), and the pool at the end of March and of
    // December by network × asked. Every published figure is an equation; so is every month absent from a table
    // grouped by month (a published zero).
    const OUTCOMES = ["DECLINED", "CANCELLED", "OTHER"];
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const requestCells = months.flatMap((month) => OUTCOMES.map((outcome) => ({ month, outcome })));
    const poolDates = ["03", "12"];
    const poolCells = poolDates.flatMap((date) =>
      [T.networkA, T.networkB].flatMap((network) => ["NEVER_ASKED", "ASKED"].map((asked) => ({ date, network, asked }))),
    );
    const width = requestCells.length + poolCells.length;
    const equations: number[][] = [];
    const requestEquation = (match: (cell: { month: number; outcome: string }) => boolean) => [
      ...requestCells.map((cell) => (match(cell) ? 1 : 0)),
      ...poolCells.map(() => 0),
    ];
    const poolEquation = (match: (cell: { date: string; network: string; asked: string }) => boolean) => [
      ...requestCells.map(() => 0),
      ...poolCells.map((cell) => (match(cell) ? 1 : 0)),
    ];
    for (const { table, period, groupBy, networkId } of answers) {
      const periodMonths = period.month
        ? [period.month]
        : period.quarter
          ? [1, 2, 3].map((i) => 3 * (period.quarter as number) - 3 + i)
          : months;
      const periodEnd = String(periodMonths.at(-1)).padStart(2, "0");
      const figures = [
        { key: {} as Record<string, string>, m: table.total },
        ...table.rows.map((row) => ({ key: Object.fromEntries(row.groups.map((g) => [g.dimension, g.key])), m: row.measures })),
      ];
      for (const { key, m } of figures) {
        // Every request is network A's, the unit's, seeking the patient's perspective; any other group holds none.
        const ofRequests = (!key.NETWORK || key.NETWORK === T.networkA) && networkId !== T.networkB;
        const inRequests = (cell: { month: number }) =>
          ofRequests &&
          periodMonths.includes(cell.month) &&
          (!key.MONTH || Number(key.MONTH) === cell.month) &&
          (!key.UNIT || key.UNIT === T.unit) &&
          (!key.PERSPECTIVE || key.PERSPECTIVE === "PATIENT");
        const add = (value: Value, outcomes: string[]) => {
          if (value.value !== null) equations.push(requestEquation((cell) => inRequests(cell) && outcomes.includes(cell.outcome)));
        };
        add(m.requestsReceived, OUTCOMES);
        add(m.requestsDeclined, ["DECLINED"]);
        add(m.requestsCancelled, ["CANCELLED"]);
        const date = key.MONTH ?? periodEnd;
        // Every member has the patient's perspective.
        const inPool = (cell: { date: string; network: string }) =>
          cell.date === date &&
          (!key.NETWORK || key.NETWORK === cell.network) &&
          (!networkId || networkId === cell.network) &&
          (!key.PERSPECTIVE || key.PERSPECTIVE === "PATIENT");
        if (m.activePoolSize.value !== null) equations.push(poolEquation(inPool));
        if (m.neverAsked.value !== null) equations.push(poolEquation((cell) => inPool(cell) && cell.asked === "NEVER_ASKED"));
      }
      if (groupBy.includes("MONTH") && networkId !== T.networkB) {
        const shown = new Set(table.rows.map((row) => Number(row.groups.find((g) => g.dimension === "MONTH")?.key)));
        for (const month of periodMonths) if (!shown.has(month)) equations.push(requestEquation((cell) => cell.month === month));
      }
    }
    expect(equations.length).toBeGreaterThan(50);
    expect(equations.every((row) => row.length === width)).toBe(true);
    const derivable = spanOf(equations);
    // The requests that went ahead (2, all in March) and the people of A asked by the end of March and of December (2).
    expect(derivable(requestEquation((cell) => cell.outcome === "OTHER"))).toBe(false);
    for (const date of poolDates) {
      expect(derivable(poolEquation((cell) => cell.date === date && cell.network === T.networkA && cell.asked === "ASKED"))).toBe(false);
      expect(derivable(poolEquation((cell) => cell.date === date && cell.asked === "ASKED"))).toBe(false);
    }
    // The large figures are equations the attacker has: the year's requests and the pool at the end of December.
    expect(derivable(requestEquation(() => true))).toBe(true);
    expect(derivable(poolEquation((cell) => cell.date === "12"))).toBe(true);
  });
});
