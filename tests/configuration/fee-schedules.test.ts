import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  countAuditEvents,
  ERROR_FIELDS,
  errorCode,
  MISSING_ID,
  payloadErrors,
  stockholmDate,
} from "../support/configuration-rules.js";
import { fieldErrors, hasNoData } from "../support/errors.js";

// Fee schedules as versioned data (SPEC §2): each region's published figures reproduced through the API, new rules
// only from a later date, overlapping or gapped validity refused, and every change audited with before and after.

const RATE = /* GraphQL */ `value basisPoints amount { amountOre currency }`;
const VERSION = /* GraphQL */ `
  id validFrom validTo status basis travelTimeCounts rounding hourlyRateRounding payoutMethod withholdingBasisPoints
  employerSocialFeeBasisPoints preparationPaid sourceDocument
  categories { category upToMinutes rate { ${RATE} } }
  hourlyRate { ${RATE} }
  preparationHourlyRate { ${RATE} }
  mileagePerKm { amountOre currency }
`;
const SCHEDULE = /* GraphQL */ `id name isTenantDefault version retiredAt versions { ${VERSION} } currentVersion { id validFrom }`;

const FEE_SCHEDULES = /* GraphQL */ `
  query FeeSchedules($includeRetired: Boolean) {
    feeSchedules(first: 10, includeRetired: $includeRetired) { totalCount nodes { ${SCHEDULE} } }
  }
`;
const FEE_SCHEDULE = /* GraphQL */ `query FeeSchedule($id: ID!) { feeSchedule(id: $id) { ${SCHEDULE} } }`;

const PREVIEW = /* GraphQL */ `
  query Preview($input: FeePreviewInput!) {
    feePreview(input: $input) {
      preview {
        occasionDate category countedMinutes payoutMethod explanation explanationSv explanationEn
        feeScheduleVersion { id validFrom }
        priceBaseAmount { year amountKronor }
        fee { amountOre currency } preparation { amountOre } mileage { amountOre } expenses { amountOre }
        taxable { amountOre } withholding { amountOre } net { amountOre } employerSocialFees { amountOre }
      }
      errors { ${ERROR_FIELDS} ... on FeeNotComputable { reason field } }
    }
  }
`;

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateFeeScheduleInput!) {
    createFeeSchedule(input: $input) { feeSchedule { ${SCHEDULE} } errors { ${ERROR_FIELDS} ... on FeeScheduleNameTaken { name } } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateFeeScheduleInput!) {
    updateFeeSchedule(input: $input) { feeSchedule { id name version } errors { ${ERROR_FIELDS} } }
  }
`;
const ADD_VERSION = /* GraphQL */ `
  mutation Add($input: AddFeeScheduleVersionInput!) {
    addFeeScheduleVersion(input: $input) {
      feeSchedule { ${SCHEDULE} }
      feeScheduleVersion { id validFrom validTo status }
      errors {
        ${ERROR_FIELDS}
        ... on VersionInForce { earliestValidFrom }
        ... on ValidityOverlap { conflictingVersion { id validFrom validTo } }
        ... on ValidityGap { conflictingVersion { id validFrom validTo } }
      }
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($input: WithdrawFeeScheduleVersionInput!) {
    withdrawFeeScheduleVersion(input: $input) {
      feeSchedule { ${SCHEDULE} }
      errors { ${ERROR_FIELDS} ... on VersionNotWithdrawable { reason } ... on VersionInForce { earliestValidFrom } }
    }
  }
`;
const SET_DEFAULT = /* GraphQL */ `
  mutation SetDefault($input: SetTenantDefaultFeeScheduleInput!) {
    setTenantDefaultFeeSchedule(input: $input) { feeSchedule { id isTenantDefault version } errors { ${ERROR_FIELDS} } }
  }
`;
const RETIRE = /* GraphQL */ `
  mutation Retire($input: RetireFeeScheduleInput!) {
    retireFeeSchedule(input: $input) {
      feeSchedule { id retiredAt version }
      errors { ${ERROR_FIELDS} ... on FeeScheduleInUse { isTenantDefault networks { slug } } }
    }
  }
`;
const NETWORK_FEE_SCHEDULES = /* GraphQL */ `
  query NetworkSchedules($slug: String!) {
    tenant(slug: $slug) { networks(first: 20) { nodes { slug feeSchedule { id name } } } }
  }
`;

interface Rate {
  value: number;
  basisPoints: number | null;
  amount: { amountOre: number; currency: string } | null;
}
interface Version {
  id: string;
  validFrom: string;
  validTo: string | null;
  status: string;
  basis: string;
  payoutMethod: string;
  withholdingBasisPoints: number;
  categories: { category: string; upToMinutes: number | null; rate: Rate }[];
  hourlyRate: Rate | null;
  mileagePerKm: { amountOre: number; currency: string };
  [key: string]: unknown;
}
interface Schedule {
  id: string;
  name: string;
  isTenantDefault: boolean;
  version: number;
  retiredAt: string | null;
  versions: Version[];
  currentVersion: { id: string; validFrom: string } | null;
}
interface Preview {
  category: string;
  countedMinutes: number;
  payoutMethod: string;
  explanation: string[];
  feeScheduleVersion: { id: string; validFrom: string };
  priceBaseAmount: { year: number; amountKronor: number } | null;
  fee: { amountOre: number; currency: string };
  taxable: { amountOre: number };
  withholding: { amountOre: number };
  net: { amountOre: number };
  [key: string]: unknown;
}
type PreviewResult = { feePreview: { preview: Preview | null; errors: { __typename: string; reason?: string; field?: string }[] } };

const kr = (kronor: number) => kronor * 100;

/** The national model (3.6 / 1.8 / 0.9 % of the PBB, or 0.5 % an hour), paid as salary with 30 % withheld. */
const nationalModel = (validFrom: string, overrides: Record<string, unknown> = {}) => ({
  validFrom,
  basis: "SHARE_OF_PRICE_BASE_AMOUNT",
  categories: [
    { category: "SHORT", upToMinutes: 120, value: 90 },
    { category: "HALF_DAY", upToMinutes: 240, value: 180 },
    { category: "FULL_DAY", value: 360 },
  ],
  hourlyValue: 50,
  travelTimeCounts: true,
  rounding: "NEAREST_KRONA_HALF_EVEN",
  mileageOrePerKm: 250,
  preparationPaid: true,
  preparationHourlyValue: 50,
  payoutMethod: "SALARY",
  withholdingBasisPoints: 3000,
  employerSocialFeeBasisPoints: 3142,
  sourceDocument: "Nationell rutin för invånar-, patient- och närståendemedverkan",
  ...overrides,
});

const fixedAmounts = (validFrom: string, halfDayOre: number, fullDayOre: number, overrides: Record<string, unknown> = {}) => ({
  validFrom,
  basis: "FIXED_AMOUNTS",
  categories: [
    { category: "HALF_DAY", upToMinutes: 240, value: halfDayOre },
    { category: "FULL_DAY", value: fullDayOre },
  ],
  travelTimeCounts: true,
  rounding: "NEAREST_KRONA_HALF_UP",
  mileageOrePerKm: 250,
  preparationPaid: false,
  payoutMethod: "FEE",
  withholdingBasisPoints: 0,
  ...overrides,
});

let api: TestApi;
const tokens: Record<string, string> = {};
let jonkoping: Schedule;
let vgr: Schedule;

async function schedules(token: string, includeRetired = false): Promise<Schedule[]> {
  const response = await api.graphql<{ feeSchedules: { nodes: Schedule[] } }>(FEE_SCHEDULES, { token, variables: { includeRetired } });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.feeSchedules.nodes;
}

async function schedule(token: string, id: string): Promise<Schedule> {
  const response = await api.graphql<{ feeSchedule: Schedule | null }>(FEE_SCHEDULE, { token, variables: { id } });
  if (!response.data?.feeSchedule) throw new Error(`No schedule ${id}: ${JSON.stringify(response.errors)}`);
  return response.data.feeSchedule;
}

async function preview(token: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  return api.graphql<PreviewResult>(PREVIEW, { token, variables: { input }, headers });
}

async function fee(token: string, input: Record<string, unknown>): Promise<Preview> {
  const response = await preview(token, input);
  const result = response.data?.feePreview;
  if (!result?.preview) throw new Error(`No preview: ${JSON.stringify(response.errors ?? result?.errors)}`);
  return result.preview;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of ["jonkoping", "vgr", "kalmar", "ostergotland"]) {
    tokens[tenant] = await api.tokenFor({ tenant, role: "tenant-admin" });
  }
  tokens.coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
  tokens.analyst = await api.tokenFor({ tenant: "jonkoping", role: "analyst" });
  tokens.requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  tokens.member = await api.tokenFor({ tenant: "jonkoping", role: "member" });
  tokens.operator = await api.tokenFor({ role: "platform-operator" });
  const [ownJonkoping] = await schedules(tokens.jonkoping as string);
  const [ownVgr] = await schedules(tokens.vgr as string);
  if (!ownJonkoping || !ownVgr) throw new Error("seeded fee schedules missing");
  jonkoping = ownJonkoping;
  vgr = ownVgr;
});

afterAll(async () => {
  await api?.stop();
});

describe("each region's seeded fee schedule, read through the API", () => {
  it("Jönköping: shares of the PBB by length (3.6 / 1.8 / 0.9 %, or 0.5 % an hour), paid as salary with 30 % withheld", () => {
    expect(jonkoping.isTenantDefault).toBe(true);
    expect(jonkoping.versions).toHaveLength(1);
    const [version] = jonkoping.versions;
    expect(version).toMatchObject({
      validFrom: "2017-08-23",
      validTo: null,
      status: "IN_FORCE",
      basis: "SHARE_OF_PRICE_BASE_AMOUNT",
      payoutMethod: "SALARY",
      withholdingBasisPoints: 3000,
      travelTimeCounts: true,
      rounding: "NEAREST_KRONA_HALF_EVEN",
      // The document publishes the hourly rate in whole kronor: 286 kr/hour in 2024.
      hourlyRateRounding: "ROUND_RATE",
    });
    expect(version?.categories).toEqual([
      { category: "SHORT", upToMinutes: 120, rate: { value: 90, basisPoints: 90, amount: null } },
      { category: "HALF_DAY", upToMinutes: 240, rate: { value: 180, basisPoints: 180, amount: null } },
      { category: "FULL_DAY", upToMinutes: null, rate: { value: 360, basisPoints: 360, amount: null } },
    ]);
    expect(version?.hourlyRate).toEqual({ value: 50, basisPoints: 50, amount: null });
    expect(version?.mileagePerKm).toEqual({ amountOre: 250, currency: "SEK" });
    expect(jonkoping.currentVersion?.id).toBe(version?.id);
  });

  it("VGR: fixed amounts in öre with the currency — 931 kr a half day, 1 863 kr a full day — paid as a fee", () => {
    const [version] = vgr.versions;
    expect(version).toMatchObject({ basis: "FIXED_AMOUNTS", payoutMethod: "FEE", withholdingBasisPoints: 0 });
    expect(version?.categories).toEqual([
      {
        category: "HALF_DAY",
        upToMinutes: 240,
        rate: { value: 93_100, basisPoints: null, amount: { amountOre: 93_100, currency: "SEK" } },
      },
      {
        category: "FULL_DAY",
        upToMinutes: null,
        rate: { value: 186_300, basisPoints: null, amount: { amountOre: 186_300, currency: "SEK" } },
      },
    ]);
  });

  it("Kalmar and Östergötland follow the national model", async () => {
    for (const tenant of ["kalmar", "ostergotland"]) {
      const [own] = await schedules(tokens[tenant] as string);
      expect(own?.currentVersion, tenant).not.toBeNull();
      expect(own?.versions[0]?.categories.map((rule) => rule.rate.basisPoints)).toEqual([90, 180, 360]);
      expect(own?.versions[0]?.payoutMethod).toBe("SALARY");
    }
  });

  it("is what a network's fees are computed with, for staff who read fee rules", async () => {
    const response = await api.graphql<{ tenant: { networks: { nodes: { slug: string; feeSchedule: { id: string } | null }[] } } }>(
      NETWORK_FEE_SCHEDULES,
      { token: tokens.jonkoping, variables: { slug: "jonkoping" } },
    );
    const nodes = response.data?.tenant.networks.nodes ?? [];
    expect(nodes.map((node) => node.slug).sort()).toEqual(["levande-bibliotek", "peer"]);
    for (const node of nodes) expect(node.feeSchedule?.id).toBe(jonkoping.id);
  });
});

describe("the fee preview reproduces the published examples", () => {
  it("Jönköping 2024 (PBB 57 300): 2 063 kr a full day, 1 031 kr a half day, 286 kr an hour — to the krona", async () => {
    const base = { feeScheduleId: jonkoping.id, occasionDate: "2024-05-14" };
    const fullDay = await fee(tokens.jonkoping as string, { ...base, durationMinutes: 300 });
    expect(fullDay).toMatchObject({
      category: "FULL_DAY",
      fee: { amountOre: kr(2063), currency: "SEK" },
      priceBaseAmount: { year: 2024, amountKronor: 57_300 },
    });
    // Paid as salary: 30 % of 2 063 kr withheld, down to whole kronor.
    expect(fullDay.withholding.amountOre).toBe(kr(618));
    expect(fullDay.net.amountOre).toBe(kr(2063 - 618));
    expect(fullDay.payoutMethod).toBe("SALARY");
    expect((await fee(tokens.jonkoping as string, { ...base, durationMinutes: 180 })).fee.amountOre).toBe(kr(1031));
    const hourly = await fee(tokens.jonkoping as string, { ...base, durationMinutes: 60, hourly: true });
    expect(hourly).toMatchObject({ category: "HOURLY", fee: { amountOre: kr(286) } });
  });

  it("Jönköping 2026 from PBB 59 200: 2 131 / 1 066 / 533 kr and 296 kr an hour", async () => {
    const base = { feeScheduleId: jonkoping.id, occasionDate: "2026-03-10" };
    const amount = async (input: Record<string, unknown>) => (await fee(tokens.jonkoping as string, { ...base, ...input })).fee.amountOre;
    expect(await amount({ durationMinutes: 300 })).toBe(kr(2131));
    expect(await amount({ durationMinutes: 180 })).toBe(kr(1066));
    expect(await amount({ durationMinutes: 90 })).toBe(kr(533));
    expect(await amount({ durationMinutes: 60, hourly: true })).toBe(kr(296));
    // Travel time counts: 3 h 30 min plus 45 min travel is more than 4 h, so a full day.
    expect((await fee(tokens.jonkoping as string, { ...base, durationMinutes: 210, travelMinutes: 45 })).category).toBe("FULL_DAY");
  });

  it("VGR: 931 kr a half day and 1 863 kr a full day, paid as a fee without withholding", async () => {
    const base = { feeScheduleId: vgr.id, occasionDate: "2024-05-14" };
    const halfDay = await fee(tokens.vgr as string, { ...base, durationMinutes: 180, mileageKm: 10 });
    expect(halfDay).toMatchObject({
      category: "HALF_DAY",
      fee: { amountOre: kr(931) },
      withholding: { amountOre: 0 },
      priceBaseAmount: null,
    });
    expect(halfDay.net.amountOre).toBe(kr(931) + 10 * 250);
    expect((await fee(tokens.vgr as string, { ...base, durationMinutes: 300 })).fee.amountOre).toBe(kr(1863));
  });

  it("explains the computation in the request's language", async () => {
    const response = await preview(
      tokens.jonkoping as string,
      { feeScheduleId: jonkoping.id, occasionDate: "2024-05-14", durationMinutes: 300 },
      {
        "accept-language": "en",
      },
    );
    const result = response.data?.feePreview.preview as Preview;
    expect(result.explanation.join(" ")).toContain("3.6% of the 2024 price base amount");
    expect(result.explanation).toEqual(result.explanationEn);
    expect((result.explanationSv as string[]).join(" ")).toContain("Heldag");
  });

  it("is open to coordinators and analysts of the tenant, not to requesters, members, operators or the public", async () => {
    const input = { feeScheduleId: jonkoping.id, occasionDate: "2024-05-14", durationMinutes: 300 };
    for (const role of ["coordinator", "analyst"]) {
      expect((await fee(tokens[role] as string, input)).fee.amountOre, role).toBe(kr(2063));
    }
    for (const role of ["requester", "member", "operator"]) {
      const response = await preview(tokens[role] as string, input);
      expect(errorCode(response), role).toBe("FORBIDDEN");
      expect(hasNoData(response), role).toBe(true);
    }
    const anonymous = await api.graphql(PREVIEW, { variables: { input } });
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");
    expect(hasNoData(anonymous)).toBe(true);
    expect(errorCode(await api.graphql(FEE_SCHEDULES, {}))).toBe("UNAUTHENTICATED");
  });

  it("reports every bad occasion fact at once, and what no schedule can compute as a typed error", async () => {
    const bad = await preview(tokens.jonkoping as string, {
      feeScheduleId: jonkoping.id,
      occasionDate: "2024-02-30",
      durationMinutes: 0,
      travelMinutes: -1,
      expenses: [{ description: "", amountOre: 100 }],
    });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(fieldErrors(bad).map((error) => [error.field, error.code])).toEqual([
      ["input.occasionDate", "INVALID_DATE"],
      ["input.durationMinutes", "OUT_OF_RANGE"],
      ["input.travelMinutes", "OUT_OF_RANGE"],
      ["input.expenses[0].description", "REQUIRED"],
    ]);
    expect(fieldErrors(bad)[0]?.messages).toEqual({
      sv: "Datum för tillfället är inte ett giltigt datum.",
      en: "Date of the occasion is not a valid date.",
    });

    const beforeSchedule = await preview(tokens.vgr as string, { feeScheduleId: vgr.id, occasionDate: "2021-12-31", durationMinutes: 300 });
    expect(beforeSchedule.data?.feePreview).toMatchObject({
      preview: null,
      errors: [{ __typename: "FeeNotComputable", reason: "OUTSIDE_SCHEDULE_VALIDITY", field: "input.occasionDate" }],
    });
    const noPbb = await preview(tokens.jonkoping as string, {
      feeScheduleId: jonkoping.id,
      occasionDate: "2031-05-14",
      durationMinutes: 300,
    });
    expect(noPbb.data?.feePreview.errors).toMatchObject([{ __typename: "FeeNotComputable", reason: "NO_PRICE_BASE_AMOUNT" }]);
    const noHourly = await preview(tokens.vgr as string, {
      feeScheduleId: vgr.id,
      occasionDate: "2024-05-14",
      durationMinutes: 60,
      hourly: true,
    });
    expect(noHourly.data?.feePreview.errors).toMatchObject([
      { __typename: "FeeNotComputable", reason: "HOURLY_NOT_OFFERED", field: "input.hourly" },
    ]);
  });
});

describe("a new version from a date", () => {
  it("changes the preview only from that date, closing the version before it, with both changes audited", async () => {
    const from = stockholmDate(10);
    const dayBefore = stockholmDate(9);
    const added = await api.graphql<{
      addFeeScheduleVersion: {
        feeSchedule: Schedule;
        feeScheduleVersion: { id: string; validFrom: string; status: string };
        errors: unknown[];
      };
    }>(ADD_VERSION, {
      token: tokens.vgr,
      variables: {
        input: {
          feeScheduleId: vgr.id,
          expectedVersion: vgr.version,
          feeScheduleVersion: fixedAmounts(from, 100_000, 200_000, { sourceDocument: "Beslut om nya arvodesnivåer" }),
        },
      },
    });
    const payload = added.data?.addFeeScheduleVersion;
    expect(payload?.errors).toEqual([]);
    expect(payload?.feeScheduleVersion).toMatchObject({ validFrom: from, status: "UPCOMING" });
    expect(payload?.feeSchedule.version).toBe(vgr.version + 1);
    const [previous, next] = payload?.feeSchedule.versions ?? [];
    expect(previous).toMatchObject({ id: vgr.versions[0]?.id, validFrom: "2022-01-01", validTo: from, status: "IN_FORCE" });
    expect(next).toMatchObject({ validFrom: from, validTo: null, sourceDocument: "Beslut om nya arvodesnivåer" });
    expect(payload?.feeSchedule.currentVersion?.id).toBe(previous?.id);

    const halfDay = async (occasionDate: string) =>
      (await fee(tokens.vgr as string, { feeScheduleId: vgr.id, occasionDate, durationMinutes: 180 })).fee.amountOre;
    expect(await halfDay("2024-05-14")).toBe(kr(931));
    expect(await halfDay(dayBefore)).toBe(kr(931));
    expect(await halfDay(from)).toBe(kr(1000));
    expect(await halfDay(stockholmDate(400))).toBe(kr(1000));

    const closed = await auditEventsFor(api, previous?.id as string);
    expect(closed.at(-1)).toMatchObject({
      action: "WRITE",
      subjectType: "FeeScheduleVersion",
      actorType: "STAFF",
      details: { before: { validTo: null, validFrom: "2022-01-01" }, after: { validTo: from, validFrom: "2022-01-01" } },
    });
    const created = await auditEventsFor(api, next?.id as string);
    expect(created).toHaveLength(1);
    expect(created[0]?.details).toMatchObject({ before: null, after: { validFrom: from, basis: "FIXED_AMOUNTS" } });
    vgr = payload?.feeSchedule as Schedule;
  });

  it("is refused from today or earlier (history is never rewritten), when it overlaps or leaves a gap — nothing written", async () => {
    const auditBefore = await countAuditEvents(api, ["FeeSchedule", "FeeScheduleVersion"]);
    const add = (target: Schedule, version: Record<string, unknown>, token = tokens.vgr) =>
      api.graphql<{ addFeeScheduleVersion: { errors: Record<string, unknown>[] } }>(ADD_VERSION, {
        token,
        variables: { input: { feeScheduleId: target.id, expectedVersion: target.version, feeScheduleVersion: version } },
      });

    const today = await add(jonkoping, nationalModel(stockholmDate(0)), tokens.jonkoping);
    expect(today.data?.addFeeScheduleVersion.errors).toMatchObject([
      { __typename: "VersionInForce", code: "VERSION_IN_FORCE", earliestValidFrom: stockholmDate(1) },
    ]);
    const past = await add(jonkoping, nationalModel("2024-01-01"), tokens.jonkoping);
    expect(past.data?.addFeeScheduleVersion.errors).toMatchObject([{ __typename: "VersionInForce" }]);

    // VGR now has 2022-01-01 → +10 days, and an open-ended version from +10 days.
    const overlap = await add(vgr, fixedAmounts(stockholmDate(5), 95_000, 190_000));
    expect(overlap.data?.addFeeScheduleVersion.errors).toMatchObject([
      {
        __typename: "ValidityOverlap",
        code: "VALIDITY_OVERLAP",
        conflictingVersion: { validFrom: "2022-01-01", validTo: stockholmDate(10) },
      },
    ]);
    const sameDay = await add(vgr, fixedAmounts(stockholmDate(10), 95_000, 190_000));
    expect(sameDay.data?.addFeeScheduleVersion.errors).toMatchObject([
      { __typename: "ValidityOverlap", conflictingVersion: { validFrom: stockholmDate(10) } },
    ]);

    // A schedule whose only version ends: the next must begin exactly there.
    const created = await api.graphql<{ createFeeSchedule: { feeSchedule: Schedule } }>(CREATE, {
      token: tokens.kalmar,
      variables: {
        input: { name: "Tidsbegränsat projektarvode", firstVersion: nationalModel("2025-01-01", { validTo: stockholmDate(30) }) },
      },
    });
    const limited = created.data?.createFeeSchedule.feeSchedule as Schedule;
    expect(limited.versions).toMatchObject([{ validFrom: "2025-01-01", validTo: stockholmDate(30) }]);
    const gap = await add(limited, nationalModel(stockholmDate(40)), tokens.kalmar);
    expect(gap.data?.addFeeScheduleVersion.errors).toMatchObject([
      { __typename: "ValidityGap", code: "VALIDITY_GAP", conflictingVersion: { validTo: stockholmDate(30) } },
    ]);

    expect((await schedule(tokens.vgr as string, vgr.id)).versions).toEqual(vgr.versions);
    expect((await schedule(tokens.jonkoping as string, jonkoping.id)).versions).toEqual(jonkoping.versions);
    expect((await schedule(tokens.kalmar as string, limited.id)).versions).toEqual(limited.versions);
    // Only the Kalmar schedule's creation was audited (schedule and first version).
    expect(await countAuditEvents(api, ["FeeSchedule", "FeeScheduleVersion"])).toBe(auditBefore + 2);

    const meets = await add(limited, nationalModel(stockholmDate(30)), tokens.kalmar);
    expect(meets.data?.addFeeScheduleVersion.errors).toEqual([]);
  });

  it("is checked field by field, every error at once in Swedish and English, with nothing written", async () => {
    const response = await api.graphql(ADD_VERSION, {
      token: tokens.jonkoping,
      variables: {
        input: {
          feeScheduleId: jonkoping.id,
          expectedVersion: jonkoping.version,
          feeScheduleVersion: nationalModel(stockholmDate(20), {
            validTo: stockholmDate(19),
            categories: [
              { category: "HALF_DAY", upToMinutes: 240, value: 180 },
              { category: "SHORT", upToMinutes: 120, value: -5 },
              { category: "FULL_DAY", upToMinutes: 600, value: 360 },
            ],
            payoutMethod: "FEE",
            withholdingBasisPoints: 3000,
            preparationHourlyValue: null,
          }),
        },
      },
    });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    const errors = fieldErrors(response);
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.feeScheduleVersion.categories[1].category", "NOT_ALLOWED"],
      ["input.feeScheduleVersion.categories[1].upToMinutes", "MUST_BE_GREATER"],
      ["input.feeScheduleVersion.categories[1].value", "OUT_OF_RANGE"],
      ["input.feeScheduleVersion.categories[2].upToMinutes", "NOT_ALLOWED"],
      ["input.feeScheduleVersion.preparationHourlyValue", "REQUIRED"],
      ["input.feeScheduleVersion.withholdingBasisPoints", "NOT_ALLOWED"],
      ["input.feeScheduleVersion.validTo", "MUST_BE_AFTER"],
    ]);
    for (const error of errors) {
      expect(error.messages.sv).not.toBe(error.messages.en);
      expect(error.message).toBe(error.messages.sv);
    }
    expect((await schedule(tokens.jonkoping as string, jonkoping.id)).versions).toEqual(jonkoping.versions);
  });

  it("names the schedule version it read: a stale expectedVersion is a CONFLICT", async () => {
    const response = await api.graphql(ADD_VERSION, {
      token: tokens.vgr,
      variables: {
        input: { feeScheduleId: vgr.id, expectedVersion: vgr.version - 1, feeScheduleVersion: fixedAmounts(stockholmDate(60), 1, 2) },
      },
    });
    expect(errorCode(response)).toBe("CONFLICT");
    expect((await schedule(tokens.vgr as string, vgr.id)).versions).toEqual(vgr.versions);
  });

  it("may be withdrawn before it comes into force, reopening the version before it; never once in force", async () => {
    const withdraw = (target: Schedule, versionId: string) =>
      api.graphql<{ withdrawFeeScheduleVersion: { feeSchedule: Schedule | null; errors: Record<string, unknown>[] } }>(WITHDRAW, {
        token: tokens.vgr,
        variables: { input: { feeScheduleId: target.id, expectedVersion: target.version, feeScheduleVersionId: versionId } },
      });
    const [inForce, upcoming] = vgr.versions;
    const refused = await withdraw(vgr, inForce?.id as string);
    expect(refused.data?.withdrawFeeScheduleVersion.errors).toMatchObject([{ __typename: "VersionInForce" }]);

    const withdrawn = await withdraw(vgr, upcoming?.id as string);
    const after = withdrawn.data?.withdrawFeeScheduleVersion.feeSchedule as Schedule;
    expect(withdrawn.data?.withdrawFeeScheduleVersion.errors).toEqual([]);
    expect(after.versions).toMatchObject([{ id: inForce?.id, validTo: null }]);
    expect(
      (await fee(tokens.vgr as string, { feeScheduleId: vgr.id, occasionDate: stockholmDate(400), durationMinutes: 180 })).fee.amountOre,
    ).toBe(kr(931));
    expect((await auditEventsFor(api, upcoming?.id as string)).at(-1)).toMatchObject({
      purpose: "withdrawn before coming into force",
      details: { before: { validFrom: stockholmDate(10) }, after: null },
    });
    expect((await auditEventsFor(api, inForce?.id as string)).at(-1)?.details).toMatchObject({
      before: { validTo: stockholmDate(10) },
      after: { validTo: null },
    });
    vgr = after;
  });
});

describe("creating, renaming, the tenant default and retiring", () => {
  let brukarradet: Schedule;

  it("creates a schedule of its own from 2026-01-01 that computes from that date (the fifth-region scenario)", async () => {
    const response = await api.graphql<{ createFeeSchedule: { feeSchedule: Schedule; errors: unknown[] } }>(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "Brukarrådets arvoden", firstVersion: nationalModel("2026-01-01") } },
    });
    expect(response.data?.createFeeSchedule.errors).toEqual([]);
    brukarradet = response.data?.createFeeSchedule.feeSchedule as Schedule;
    expect(brukarradet).toMatchObject({ name: "Brukarrådets arvoden", isTenantDefault: false, version: 1, retiredAt: null });
    // Not said: the total is rounded once, as before the setting existed.
    expect(brukarradet.versions).toMatchObject([{ validFrom: "2026-01-01", validTo: null, hourlyRateRounding: "ROUND_TOTAL" }]);
    const first = await fee(tokens.ostergotland as string, {
      feeScheduleId: brukarradet.id,
      occasionDate: "2026-01-01",
      durationMinutes: 300,
    });
    expect(first.fee.amountOre).toBe(kr(2131));
    const before = await preview(tokens.ostergotland as string, {
      feeScheduleId: brukarradet.id,
      occasionDate: "2025-12-31",
      durationMinutes: 300,
    });
    expect(before.data?.feePreview.errors).toMatchObject([{ reason: "OUTSIDE_SCHEDULE_VALIDITY" }]);

    const events = await auditEventsFor(api, brukarradet.id);
    expect(events).toMatchObject([
      { subjectType: "FeeSchedule", action: "WRITE", details: { before: null, after: { name: "Brukarrådets arvoden" } } },
    ]);
    expect(await auditEventsFor(api, brukarradet.versions[0]?.id as string)).toHaveLength(1);
  });

  it("refuses a second schedule in use with the same name, ignoring case and accents", async () => {
    const response = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "brukarradets ARVODEN", firstVersion: nationalModel("2026-01-01") } },
    });
    expect(payloadErrors(response, "createFeeSchedule")).toMatchObject([{ __typename: "FeeScheduleNameTaken", code: "NAME_TAKEN" }]);
    expect(await schedules(tokens.ostergotland as string)).toHaveLength(2);
    // Another tenant may use the name.
    const elsewhere = await api.graphql(CREATE, {
      token: tokens.vgr,
      variables: { input: { name: "Brukarrådets arvoden", firstVersion: fixedAmounts("2026-01-01", 100, 200) } },
    });
    expect(payloadErrors(elsewhere, "createFeeSchedule")).toEqual([]);
  });

  it("renames under optimistic concurrency, audited", async () => {
    const renamed = await api.graphql<{ updateFeeSchedule: { feeSchedule: { name: string; version: number } } }>(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version, name: "Brukarrådet" } },
    });
    expect(renamed.data?.updateFeeSchedule.feeSchedule).toMatchObject({ name: "Brukarrådet", version: brukarradet.version + 1 });
    const stale = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version, name: "Något annat" } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect((await auditEventsFor(api, brukarradet.id)).at(-1)?.details).toMatchObject({
      before: { name: "Brukarrådets arvoden" },
      after: { name: "Brukarrådet" },
    });
    brukarradet = await schedule(tokens.ostergotland as string, brukarradet.id);
  });

  it("moves the tenant default, auditing both schedules", async () => {
    const [seeded] = (await schedules(tokens.ostergotland as string)).filter((own) => own.isTenantDefault);
    const response = await api.graphql<{ setTenantDefaultFeeSchedule: { feeSchedule: { isTenantDefault: boolean } } }>(SET_DEFAULT, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version } },
    });
    expect(response.data?.setTenantDefaultFeeSchedule.feeSchedule.isTenantDefault).toBe(true);
    const now = await schedules(tokens.ostergotland as string);
    expect(now.filter((own) => own.isTenantDefault).map((own) => own.id)).toEqual([brukarradet.id]);
    expect((await auditEventsFor(api, seeded?.id as string)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: true },
      after: { isTenantDefault: false },
    });
    expect((await auditEventsFor(api, brukarradet.id)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: false },
      after: { isTenantDefault: true },
    });
    brukarradet = await schedule(tokens.ostergotland as string, brukarradet.id);
  });

  it("refuses to retire the default or a schedule a network uses; retires an unused one, once", async () => {
    const retire = (target: Schedule) =>
      api.graphql<{ retireFeeSchedule: { feeSchedule: { retiredAt: string | null; version: number } | null } }>(RETIRE, {
        token: tokens.ostergotland,
        variables: { input: { id: target.id, expectedVersion: target.version } },
      });
    expect(payloadErrors(await retire(brukarradet), "retireFeeSchedule")).toMatchObject([
      { __typename: "FeeScheduleInUse", isTenantDefault: true, networks: [] },
    ]);
    const seeded = (await schedules(tokens.ostergotland as string)).find((own) => own.id !== brukarradet.id) as Schedule;
    expect(payloadErrors(await retire(seeded), "retireFeeSchedule")).toMatchObject([
      { __typename: "FeeScheduleInUse", isTenantDefault: false, networks: [{ slug: "levande-bibliotek" }] },
    ]);

    const created = await api.graphql<{ createFeeSchedule: { feeSchedule: Schedule } }>(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "Utkast", firstVersion: nationalModel("2026-01-01") } },
    });
    const draft = created.data?.createFeeSchedule.feeSchedule as Schedule;
    const retired = await retire(draft);
    expect(retired.data?.retireFeeSchedule.feeSchedule?.retiredAt).not.toBeNull();
    const again = await api.graphql<{ retireFeeSchedule: { feeSchedule: { version: number } } }>(RETIRE, {
      token: tokens.ostergotland,
      variables: { input: { id: draft.id, expectedVersion: draft.version + 1 } },
    });
    expect(again.data?.retireFeeSchedule.feeSchedule.version).toBe(draft.version + 1);
    expect((await schedules(tokens.ostergotland as string)).map((own) => own.id)).not.toContain(draft.id);
    expect((await schedules(tokens.ostergotland as string, true)).map((own) => own.id)).toContain(draft.id);
    expect((await auditEventsFor(api, draft.id)).map((event) => event.purpose)).toEqual([null, "retire"]);
    // A retired schedule is history: it still previews, but takes no new versions.
    expect(
      (await fee(tokens.ostergotland as string, { feeScheduleId: draft.id, occasionDate: "2026-02-01", durationMinutes: 300 })).fee
        .amountOre,
    ).toBe(kr(2131));
    const add = await api.graphql(ADD_VERSION, {
      token: tokens.ostergotland,
      variables: {
        input: { feeScheduleId: draft.id, expectedVersion: draft.version + 1, feeScheduleVersion: nationalModel(stockholmDate(5)) },
      },
    });
    expect(payloadErrors(add, "addFeeScheduleVersion")).toMatchObject([{ __typename: "NotFound" }]);
  });
});

describe("tenant isolation and permissions", () => {
  it("another region's schedule reads and answers exactly like one that does not exist", async () => {
    const foreign = await api.graphql(FEE_SCHEDULE, { token: tokens.jonkoping, variables: { id: vgr.id } });
    const missing = await api.graphql(FEE_SCHEDULE, { token: tokens.jonkoping, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ feeSchedule: null });
    expect((await schedules(tokens.jonkoping as string)).map((own) => own.id)).not.toContain(vgr.id);

    const input = { occasionDate: "2024-05-14", durationMinutes: 180 };
    const foreignPreview = await preview(tokens.jonkoping as string, { ...input, feeScheduleId: vgr.id });
    const missingPreview = await preview(tokens.jonkoping as string, { ...input, feeScheduleId: MISSING_ID });
    expect(foreignPreview).toEqual(missingPreview);
    expect(foreignPreview.data?.feePreview.errors).toMatchObject([{ __typename: "NotFound" }]);

    const networks = await api.graphql<{ tenant: { networks: { nodes: { feeSchedule: unknown }[] } } }>(NETWORK_FEE_SCHEDULES, {
      token: tokens.jonkoping,
      variables: { slug: "vgr" },
    });
    expect(networks.data?.tenant.networks.nodes.map((node) => node.feeSchedule)).toEqual([null]);
  });

  it("another region's schedule cannot be changed: every mutation answers NotFound as for a missing id, nothing written", async () => {
    const auditBefore = await countAuditEvents(api, ["FeeSchedule", "FeeScheduleVersion"]);
    const attempts: [string, string, (id: string) => Record<string, unknown>][] = [
      [UPDATE, "updateFeeSchedule", (id) => ({ id, expectedVersion: vgr.version, name: "Kapad" })],
      [
        ADD_VERSION,
        "addFeeScheduleVersion",
        (id) => ({ feeScheduleId: id, expectedVersion: vgr.version, feeScheduleVersion: fixedAmounts(stockholmDate(50), 1, 2) }),
      ],
      [
        WITHDRAW,
        "withdrawFeeScheduleVersion",
        (id) => ({ feeScheduleId: id, expectedVersion: vgr.version, feeScheduleVersionId: vgr.versions[0]?.id }),
      ],
      [SET_DEFAULT, "setTenantDefaultFeeSchedule", (id) => ({ id, expectedVersion: vgr.version })],
      [RETIRE, "retireFeeSchedule", (id) => ({ id, expectedVersion: vgr.version })],
    ];
    for (const [document, field, input] of attempts) {
      const foreign = await api.graphql(document, { token: tokens.jonkoping, variables: { input: input(vgr.id) } });
      const missing = await api.graphql(document, { token: tokens.jonkoping, variables: { input: input(MISSING_ID) } });
      expect(foreign, field).toEqual(missing);
      expect(payloadErrors(foreign, field), field).toMatchObject([{ __typename: "NotFound", code: "NOT_FOUND" }]);
    }
    expect(await schedule(tokens.vgr as string, vgr.id)).toEqual(vgr);
    expect(await countAuditEvents(api, ["FeeSchedule", "FeeScheduleVersion"])).toBe(auditBefore);
  });

  it("a coordinator or analyst reads fee rules but gets FORBIDDEN for every change", async () => {
    const mutations: [string, Record<string, unknown>][] = [
      [CREATE, { name: "Koordinatorns", firstVersion: nationalModel("2026-01-01") }],
      [UPDATE, { id: jonkoping.id, expectedVersion: jonkoping.version, name: "Koordinatorns" }],
      [
        ADD_VERSION,
        { feeScheduleId: jonkoping.id, expectedVersion: jonkoping.version, feeScheduleVersion: nationalModel(stockholmDate(5)) },
      ],
      [WITHDRAW, { feeScheduleId: jonkoping.id, expectedVersion: jonkoping.version, feeScheduleVersionId: jonkoping.versions[0]?.id }],
      [SET_DEFAULT, { id: jonkoping.id, expectedVersion: jonkoping.version }],
      [RETIRE, { id: jonkoping.id, expectedVersion: jonkoping.version }],
    ];
    for (const role of ["coordinator", "analyst"]) {
      expect(
        (await schedules(tokens[role] as string)).map((own) => own.id),
        role,
      ).toEqual([jonkoping.id]);
      for (const [document, input] of mutations) {
        const response = await api.graphql(document, { token: tokens[role], variables: { input } });
        expect(errorCode(response), `${role}: ${document.trim().split(/\s+/)[1]}`).toBe("FORBIDDEN");
        expect(response.data).toBeNull();
      }
    }
    expect(await schedule(tokens.jonkoping as string, jonkoping.id)).toEqual(jonkoping);
  });
});
