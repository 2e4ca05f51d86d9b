import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors, hasNoData } from "../support/errors.js";

// Issue 7: platform analysts across tenants, aggregates only. The platform operator's table must hold, for every live
// tenant, exactly what that tenant's own analyst gets (the same protection, the tenant's own threshold), and a national
// total that is the hand sum of the tenants' published totals — withheld when any tenant's part is. Nobody else may
// read it, and nothing in it leads to a person.

const SEEDED = {
  jonkoping: "Region Jönköpings län",
  vgr: "Västra Götalandsregionen",
  kalmar: "Region Kalmar län",
  ostergotland: "Region Östergötland",
} as const;
type Slug = keyof typeof SEEDED;
const SLUGS = Object.keys(SEEDED) as Slug[];

const ADDITIVE = [
  "requestsReceived",
  "requestsDeclined",
  "requestsCancelled",
  "assignmentsCarriedOut",
  "occasionsCarriedOut",
  "participants",
  "hours",
  "feesGrossOre",
  "feesMileageOre",
  "feesExpensesOre",
  "newRegistrations",
  "activePoolSize",
  "neverAsked",
  "askedNeverUsed",
  "feedbackCount",
];
const NOT_ADDITIVE = [
  "fillRate",
  "medianDaysToFilled",
  "p90DaysToFilled",
  "uniquePersons",
  "assignmentConcentration",
  "feedbackMeanRating",
];

const VALUE = "{ value suppressed suppression }";
const MEASURES = `{ ${[...ADDITIVE, ...NOT_ADDITIVE].map((name) => `${name} ${VALUE}`).join(" ")} }`;
const STATISTICS = `query($input: StatisticsInput!) { statistics(input: $input) {
  groupBy rows { groups { dimension key label } measures ${MEASURES} } total ${MEASURES} } }`;
const PLATFORM_STATISTICS = `query($input: PlatformStatisticsInput!) { platformStatistics(input: $input) {
  year quarter month groupBy
  rows { groups { dimension key label } measures ${MEASURES} }
  tenantTotals { groups { dimension key label } measures ${MEASURES} }
  total ${MEASURES} csv } }`;

interface Value {
  value: number | null;
  suppressed: boolean;
  suppression: string | null;
}
type Measures = Record<string, Value>;
interface Group {
  dimension: string;
  key: string;
  label: string;
}
interface Row {
  groups: Group[];
  measures: Measures;
}
interface Table {
  groupBy: string[];
  rows: Row[];
  total: Measures;
}
interface PlatformTable extends Table {
  year: number;
  quarter: number | null;
  month: number | null;
  tenantTotals: Row[];
  csv: string;
}

let api: TestApi;
let operator: string;
const analysts = {} as Record<Slug, string>;
const tenantIds = {} as Record<Slug, string>;
const year = new Date().getUTCFullYear();
const retired = { id: randomUUID(), name: "Avvecklade regionen" };

async function platformStatistics(input: Record<string, unknown>, token = operator): Promise<PlatformTable> {
  const response = await api.graphql<{ platformStatistics: PlatformTable }>(PLATFORM_STATISTICS, { token, variables: { input } });
  expect(response.errors).toBeUndefined();
  return (response.data as { platformStatistics: PlatformTable }).platformStatistics;
}

async function tenantStatistics(slug: Slug, input: Record<string, unknown>): Promise<Table> {
  const response = await api.graphql<{ statistics: Table }>(STATISTICS, { token: analysts[slug], variables: { input } });
  expect(response.errors).toBeUndefined();
  return (response.data as { statistics: Table }).statistics;
}

/** The tenant's part of the platform table, in the shape of the tenant's own table. */
function tenantPart(table: PlatformTable, slug: Slug): { rows: Row[]; total: Measures | undefined } {
  const id = tenantIds[slug];
  return {
    rows: table.rows.filter((row) => row.groups[0]?.key === id).map((row) => ({ ...row, groups: row.groups.slice(1) })),
    total: table.tenantTotals.find((row) => row.groups[0]?.key === id)?.measures,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  operator = await api.tokenFor({ role: "platform-operator" });
  const prisma = api.running.database.prisma;
  for (const slug of SLUGS) {
    analysts[slug] = await api.tokenFor({ tenant: slug, role: "analyst" });
    tenantIds[slug] = (await prisma.tenant.findUniqueOrThrow({ where: { slug } })).id;
  }
  // A tenant that has left the platform: it must not appear.
  const kalmar = await prisma.tenant.findUniqueOrThrow({ where: { slug: "kalmar" } });
  await prisma.tenant.create({
    data: {
      id: retired.id,
      slug: "avvecklade",
      name: retired.name,
      tokenIssuer: kalmar.tokenIssuer,
      tokenAudience: "medverkan:avvecklade",
      publicKeys: kalmar.publicKeys ?? undefined,
      retiredAt: new Date(),
    },
  });
});

afterAll(async () => api?.stop());

describe("platformStatistics", () => {
  it("splits by tenant: the four seeded regions with their names, retired tenants left out", async () => {
    const table = await platformStatistics({ period: { year } });
    expect(table).toMatchObject({ year, quarter: null, month: null, groupBy: ["TENANT"] });
    const names = Object.values(SEEDED).sort((a, b) => a.localeCompare(b, "sv"));
    expect(table.tenantTotals.map((row) => row.groups)).toEqual(
      names.map((name) => [{ dimension: "TENANT", key: tenantIds[SLUGS.find((slug) => SEEDED[slug] === name) as Slug], label: name }]),
    );
    expect(table.rows.map((row) => row.groups[0]?.label)).toEqual(names);
    expect(JSON.stringify(table)).not.toContain(retired.id);
  });

  for (const [label, input] of [
    ["the year by network", { period: { year }, groupBy: ["NETWORK"] }],
    ["a quarter by month and age band", { period: { year, quarter: 2 }, groupBy: ["MONTH", "AGE_BAND"] }],
    ["the year, ungrouped", { period: { year } }],
  ] as const) {
    it(`gives each tenant exactly what its own analyst gets: ${label}`, async () => {
      const table = await platformStatistics(input);
      expect(table.groupBy).toEqual(["TENANT", ...(("groupBy" in input ? input.groupBy : []) as string[])]);
      for (const slug of SLUGS) {
        const own = await tenantStatistics(slug, input);
        const part = tenantPart(table, slug);
        expect(part.total, slug).toEqual(own.total);
        // Ungrouped, the tenant's single row is its total.
        expect(part.rows, slug).toEqual(own.rows.length === 0 ? [{ groups: [], measures: own.total }] : own.rows);
      }
    });
  }

  it("sums the national total by hand from the tenants' published totals, withheld where one part is", async () => {
    const table = await platformStatistics({ period: { year } });
    const owns = await Promise.all(SLUGS.map((slug) => tenantStatistics(slug, { period: { year } })));
    for (const name of ADDITIVE) {
      const parts = owns.map((own) => own.total[name] as Value);
      if (parts.some((part) => part.suppressed)) {
        expect(table.total[name], name).toEqual({ value: null, suppressed: true, suppression: "SMALL_COUNT" });
      } else {
        const sum = parts.reduce((total, part) => total + (part.value as number), 0);
        expect(table.total[name]?.value, name).toBeCloseTo(sum, 6);
        expect(table.total[name]?.suppressed, name).toBe(false);
      }
    }
    for (const name of NOT_ADDITIVE) {
      expect(table.total[name], name).toEqual({ value: null, suppressed: true, suppression: "NOT_APPLICABLE" });
    }
    // The seeded regions publish some national figures (requests received in the year among them).
    expect(ADDITIVE.filter((name) => table.total[name]?.value !== null).length).toBeGreaterThan(0);
  });

  it("gives the same table as CSV: a Region column, each tenant's total, the national total last", async () => {
    const table = await platformStatistics({ period: { year }, groupBy: ["NETWORK"] });
    expect(table.csv.startsWith("\uFEFF")).toBe(true);
    const lines = table.csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toMatch(/^Region;Nätverk;Inkomna förfrågningar;/);
    expect(lines).toHaveLength(1 + table.rows.length + table.tenantTotals.length + 1);
    expect(lines.filter((line) => /^[^;]+;Totalt;/.test(line))).toHaveLength(4);
    const national = lines.at(-1) as string;
    expect(national.startsWith("Hela landet;;")).toBe(true);
    // Not-additive figures are left empty, never written as zero, and marked in words.
    expect(national).toContain(";;Ej tillämpligt;");
    expect(national).not.toContain("NOT_APPLICABLE");
  });

  it("refuses three groupings (the split by tenant is one) and TENANT as a grouping", async () => {
    const three = await api.graphql(PLATFORM_STATISTICS, {
      token: operator,
      variables: { input: { period: { year }, groupBy: ["NETWORK", "UNIT", "MONTH"] } },
    });
    expect(three.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldErrors(three).map((error) => `${error.field}:${error.code}`)).toEqual(["input.groupBy:TOO_MANY"]);
    const tenant = await api.graphql(PLATFORM_STATISTICS, {
      token: operator,
      variables: { input: { period: { year }, groupBy: ["TENANT"] } },
    });
    expect(hasNoData(tenant)).toBe(true);
    expect(tenant.errors?.length).toBeGreaterThan(0);
  });

  it("is for platform operators only: tenant staff of every role are FORBIDDEN, anonymous callers UNAUTHENTICATED", async () => {
    const tokens = [
      analysts.kalmar,
      await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" }),
      await api.tokenFor({ tenant: "vgr", role: "coordinator" }),
      await api.tokenFor({ tenant: "jonkoping", role: "requester" }),
      await api.tokenFor({ tenant: "jonkoping", role: "member" }),
    ];
    for (const token of tokens) {
      const response = await api.graphql(PLATFORM_STATISTICS, { token, variables: { input: { period: { year } } } });
      expect(response.data?.platformStatistics ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const anonymous = await api.graphql(PLATFORM_STATISTICS, { variables: { input: { period: { year } } } });
    expect(anonymous.data?.platformStatistics ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("leads to no person: every type reachable from the result is an aggregate type", async () => {
    const response = await api.graphql<{ __schema: { types: IntrospectedType[] } }>(
      `{ __schema { types { name kind fields { name type { ...T } } } } }
       fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`,
      { token: operator },
    );
    const types = new Map((response.data?.__schema.types ?? []).map((type) => [type.name, type]));
    const reached = new Set<string>();
    const visit = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      for (const field of types.get(name)?.fields ?? []) visit(namedType(field.type));
    };
    visit("PlatformStatisticsTable");
    const objects = [...reached].filter((name) => types.get(name)?.kind === "OBJECT").sort();
    expect(objects).toEqual([
      "PlatformStatisticsGroup",
      "PlatformStatisticsRow",
      "PlatformStatisticsTable",
      "StatisticsMeasures",
      "StatisticsValue",
    ]);
  });

  it("uses each tenant's own threshold: raising Kalmar's changes Kalmar's figures only", async () => {
    const input = { period: { year }, groupBy: ["NETWORK"] };
    const before = await platformStatistics(input);
    const admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
    const settings = await api.graphql<{ tenantSettings: { version: number; smallCellThreshold: number } }>(
      "query { tenantSettings { version smallCellThreshold } }",
      { token: admin },
    );
    const { version, smallCellThreshold } = (settings.data as { tenantSettings: { version: number; smallCellThreshold: number } })
      .tenantSettings;
    expect(smallCellThreshold).toBe(5);
    const updated = await api.graphql(
      `mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) {
        settings { smallCellThreshold } errors { __typename } } }`,
      { token: admin, variables: { input: { expectedVersion: version, smallCellThreshold: 50 } } },
    );
    expect(updated.data).toEqual({ updateTenantSettings: { settings: { smallCellThreshold: 50 }, errors: [] } });

    const after = await platformStatistics(input);
    for (const slug of SLUGS.filter((slug) => slug !== "kalmar")) expect(tenantPart(after, slug), slug).toEqual(tenantPart(before, slug));
    const kalmarBefore = tenantPart(before, "kalmar");
    const kalmarAfter = tenantPart(after, "kalmar");
    expect(kalmarAfter).not.toEqual(kalmarBefore);
    // Still exactly what Kalmar's analyst now gets.
    const own = await tenantStatistics("kalmar", input);
    expect(kalmarAfter.total).toEqual(own.total);
    expect(kalmarAfter.rows).toEqual(own.rows);
    // Kalmar's counts of 1–49 are now withheld, and with them the national figure they are part of.
    const withheld = ADDITIVE.filter((name) => kalmarAfter.total?.[name]?.suppressed);
    expect(withheld.length).toBeGreaterThan(0);
    for (const name of withheld) expect(after.total[name]?.suppression, name).toBe("SMALL_COUNT");
  });
});

interface IntrospectedTypeRef {
  kind: string;
  name: string | null;
  ofType?: IntrospectedTypeRef | null;
}
interface IntrospectedType {
  name: string;
  kind: string;
  fields: { name: string; type: IntrospectedTypeRef }[] | null;
}

function namedType(type: IntrospectedTypeRef): string {
  return type.name ?? (type.ofType ? namedType(type.ofType) : "");
}
