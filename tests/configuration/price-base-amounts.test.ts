import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { FeePreviewInput } from "../generated/graphql.js";
import { present } from "../invitations/invitations.js";
import { auditEventCount } from "../support/audit-log.js";
import { everyRegionsAdmin } from "../support/configuration-admin.js";
import { errorCode } from "../support/configuration-rules.js";
import { fieldErrors, hasNoData } from "../support/errors.js";

// The price base amount (prisbasbelopp) table is platform data (SPEC §2): a platform operator adds each new year, an
// existing year is never overwritten, and everyone signed in reads it. Fees of a year can be computed once it is there.

const PRICE_BASE_AMOUNTS = graphql(`query PriceBaseAmountTable {
  priceBaseAmounts { year amountKronor amount { amountOre currency } createdAt } }`);

const ADD = graphql(`mutation AddPriceBaseAmountOfYear($input: AddPriceBaseAmountInput!) {
  addPriceBaseAmount(input: $input) {
    priceBaseAmount { year amountKronor amount { amountOre currency } }
    errors { __typename ...PayloadErrorFields ... on YearExists { existing { year amountKronor } } } } }`);

const FEE_SCHEDULES = graphql(`query FeeScheduleIdsOfTenant { feeSchedules(first: 5) { nodes { id } } }`);

const PREVIEW = graphql(`query FeePreviewWithPriceBaseAmount($input: FeePreviewInput!) {
  feePreview(input: $input) {
    preview { fee { amountOre currency } priceBaseAmount { year amountKronor } }
    errors { __typename ...PayloadErrorFields ... on FeeNotComputable { reason field } } } }`);

let api: TestApi;
let operator: string;
let admin: string;
let coordinator: string;
let member: string;
let jonkopingScheduleId: string;

async function table(token: string) {
  const response = await api.graphql(PRICE_BASE_AMOUNTS, { token });
  if (!response.data?.priceBaseAmounts) throw new Error(JSON.stringify(response.errors));
  return response.data.priceBaseAmounts;
}

beforeAll(async () => {
  api = await startTestApi();
  operator = await api.tokenFor({ role: "platform-operator" });
  admin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  member = await api.tokenFor({ tenant: "vgr", role: "member" });
  const schedules = await api.graphql(FEE_SCHEDULES, { token: admin });
  jonkopingScheduleId = present(schedules.data?.feeSchedules?.nodes[0], "Jönköping's fee schedule").id;
});

afterAll(async () => {
  await api?.stop();
});

describe("reading the table", () => {
  it("holds the national figures 2020–2026, oldest first, in kronor and in öre", async () => {
    const rows = await table(admin);
    expect(rows.map((row) => [row.year, row.amountKronor])).toEqual([
      [2020, 47_300],
      [2021, 47_600],
      [2022, 48_300],
      [2023, 52_500],
      [2024, 57_300],
      [2025, 58_800],
      [2026, 59_200],
    ]);
    expect(rows.find((row) => row.year === 2026)?.amount).toEqual({ amountOre: 5_920_000, currency: "SEK" });
  });

  it("is open to anyone signed in — staff, members, operators — but not anonymously", async () => {
    const expected = await table(admin);
    for (const token of [coordinator, member, operator]) expect(await table(token)).toEqual(expected);
    const anonymous = await api.graphql(PRICE_BASE_AMOUNTS);
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");
    expect(hasNoData(anonymous)).toBe(true);
  });
});

describe("adding a year", () => {
  it("makes fees of that year computable, for every tenant at once", async () => {
    const input: FeePreviewInput = { feeScheduleId: jonkopingScheduleId, occasionDate: "2027-03-01", durationMinutes: 300 };
    const before = await api.graphql(PREVIEW, { token: admin, variables: { input } });
    expect(before.data?.feePreview?.errors).toMatchObject([
      { __typename: "FeeNotComputable", reason: "NO_PRICE_BASE_AMOUNT", field: "input.occasionDate" },
    ]);

    const added = await api.graphql(ADD, {
      token: operator,
      variables: { input: { year: 2027, amountKronor: 60_000 } },
    });
    expect(added.data?.addPriceBaseAmount).toEqual({
      priceBaseAmount: { year: 2027, amountKronor: 60_000, amount: { amountOre: 6_000_000, currency: "SEK" } },
      errors: [],
    });
    expect((await table(member)).at(-1)).toMatchObject({ year: 2027, amountKronor: 60_000 });

    const after = await api.graphql(PREVIEW, { token: admin, variables: { input } });
    // 3.6 % of 60 000 kr = 2 160 kr.
    expect(after.data?.feePreview?.preview).toEqual({
      fee: { amountOre: 216_000, currency: "SEK" },
      priceBaseAmount: { year: 2027, amountKronor: 60_000 },
    });
  });

  it("never silently overwrites an existing year: YearExists names what the table holds, which stays", async () => {
    for (const [year, amountKronor] of [
      [2024, 99_999],
      [2027, 61_000],
    ] as const) {
      const response = await api.graphql(ADD, { token: operator, variables: { input: { year, amountKronor } } });
      expect(response.data?.addPriceBaseAmount.errors).toMatchObject([{ __typename: "YearExists", code: "YEAR_EXISTS" }]);
      expect(present(response.data, "the payload").addPriceBaseAmount.priceBaseAmount).toBeNull();
    }
    const rows = await table(operator);
    expect(rows.find((row) => row.year === 2024)?.amountKronor).toBe(57_300);
    expect(rows.find((row) => row.year === 2027)?.amountKronor).toBe(60_000);
    expect(rows).toHaveLength(8);
    const exists = await api.graphql(ADD, { token: operator, variables: { input: { year: 2024, amountKronor: 1 } } });
    expect(exists.data?.addPriceBaseAmount.errors[0]).toMatchObject({
      existing: { year: 2024, amountKronor: 57_300 },
      messageSv: "Prisbasbeloppet för 2024 finns redan (57300 kr) och skrivs aldrig över.",
    });
  });

  it("checks the year and the amount, reporting both at once in Swedish and English", async () => {
    const response = await api.graphql(ADD, { token: operator, variables: { input: { year: 1800, amountKronor: 0 } } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.year", "OUT_OF_RANGE"],
      ["input.amountKronor", "OUT_OF_RANGE"],
    ]);
    expect(fieldErrors(response)[0]?.messages).toEqual({
      sv: "År måste vara mellan 1960 och 2200.",
      en: "Year must be between 1960 and 2200.",
    });
    expect(await table(operator)).toHaveLength(8);
  });

  it("is for platform operators only: tenant admins, coordinators and members get FORBIDDEN, anonymous callers UNAUTHENTICATED", async () => {
    for (const token of [admin, coordinator, member]) {
      const response = await api.graphql(ADD, { token, variables: { input: { year: 2030, amountKronor: 65_000 } } });
      expect(errorCode(response)).toBe("FORBIDDEN");
      expect(response.data).toBeNull();
    }
    expect(errorCode(await api.graphql(ADD, { variables: { input: { year: 2030, amountKronor: 65_000 } } }))).toBe("UNAUTHENTICATED");
    expect((await table(operator)).map((row) => row.year)).not.toContain(2030);
  });

  it("leaves platform data out of every tenant's audit trail (it has no tenant); the operator reads no tenant's fees", async () => {
    // Every audit event belongs to a tenant, so the four regions' administrators together read all of them.
    expect(await auditEventCount(api, await everyRegionsAdmin(api), ["PriceBaseAmount"])).toBe(0);
    expect(errorCode(await api.graphql(FEE_SCHEDULES, { token: operator }))).toBe("FORBIDDEN");
  });
});
