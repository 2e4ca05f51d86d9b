import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { FeePreviewInput, FeeScheduleFieldsFragment, FeeScheduleVersionInput } from "../generated/graphql.js";
import { present } from "../invitations/invitations.js";
import { auditEventCount, auditEventsAbout } from "../support/audit-log.js";
import {
  errorCode,
  expectForeignChangesAnswerLikeMissing,
  type ForeignChangeAttempt,
  MISSING_ID,
  stockholmDate,
} from "../support/configuration-rules.js";
import { fieldErrors, hasNoData } from "../support/errors.js";

// Fee schedules as versioned data (SPEC §2): each region's published figures reproduced through the API, new rules
// only from a later date, overlapping or gapped validity refused, and every change audited with before and after.

// The rates are spelt out in the version fragment, not a fragment of their own: the API's depth limit (12) counts
// each fragment spread as a level, and a schedule's list reaches the rate's amount at depth 12.
graphql(`fragment FeeScheduleVersionFields on FeeScheduleVersion {
  id validFrom validTo status basis travelTimeCounts rounding hourlyRateRounding payoutMethod withholdingBasisPoints
  employerSocialFeeBasisPoints preparationPaid sourceDocument
  categories { category upToMinutes rate { value basisPoints amount { amountOre currency } } }
  hourlyRate { value basisPoints amount { amountOre currency } }
  preparationHourlyRate { value basisPoints amount { amountOre currency } }
  mileagePerKm { amountOre currency }
}`);
graphql(`fragment FeeScheduleFields on FeeSchedule {
  id name isTenantDefault version retiredAt versions { ...FeeScheduleVersionFields } currentVersion { id validFrom }
}`);

const FEE_SCHEDULES = graphql(`query FeeSchedulesOfTenant($includeRetired: Boolean) {
  feeSchedules(first: 10, includeRetired: $includeRetired) { totalCount nodes { ...FeeScheduleFields } } }`);
const FEE_SCHEDULE = graphql(`query FeeScheduleById($id: ID!) { feeSchedule(id: $id) { ...FeeScheduleFields } }`);

const PREVIEW = graphql(`query FeePreviewOfOccasion($input: FeePreviewInput!) {
  feePreview(input: $input) {
    preview {
      occasionDate category countedMinutes payoutMethod explanation explanationSv explanationEn
      feeScheduleVersion { id validFrom }
      priceBaseAmount { year amountKronor }
      fee { amountOre currency } preparation { amountOre } mileage { amountOre } expenses { amountOre }
      taxable { amountOre } withholding { amountOre } net { amountOre } employerSocialFees { amountOre }
    }
    errors { __typename ...PayloadErrorFields ... on FeeNotComputable { reason field } } } }`);

const CREATE = graphql(`mutation CreateFeeScheduleOfTenant($input: CreateFeeScheduleInput!) {
  createFeeSchedule(input: $input) {
    feeSchedule { ...FeeScheduleFields } errors { __typename ...PayloadErrorFields ... on FeeScheduleNameTaken { name } } } }`);
const UPDATE = graphql(`mutation RenameFeeSchedule($input: UpdateFeeScheduleInput!) {
  updateFeeSchedule(input: $input) { feeSchedule { id name version } errors { __typename ...PayloadErrorFields } } }`);
const ADD_VERSION = graphql(`mutation AddFeeScheduleVersionFromDate($input: AddFeeScheduleVersionInput!) {
  addFeeScheduleVersion(input: $input) {
    feeSchedule { ...FeeScheduleFields }
    feeScheduleVersion { id validFrom validTo status }
    errors {
      __typename ...PayloadErrorFields
      ... on VersionInForce { earliestValidFrom }
      ... on ValidityOverlap { conflictingVersion { id validFrom validTo } }
      ... on ValidityGap { conflictingVersion { id validFrom validTo } }
    } } }`);
const WITHDRAW = graphql(`mutation WithdrawUpcomingFeeScheduleVersion($input: WithdrawFeeScheduleVersionInput!) {
  withdrawFeeScheduleVersion(input: $input) {
    feeSchedule { ...FeeScheduleFields }
    errors { __typename ...PayloadErrorFields ... on VersionNotWithdrawable { reason } ... on VersionInForce { earliestValidFrom } } } }`);
const SET_DEFAULT = graphql(`mutation SetTenantDefaultFeeScheduleTo($input: SetTenantDefaultFeeScheduleInput!) {
  setTenantDefaultFeeSchedule(input: $input) { feeSchedule { id isTenantDefault version } errors { __typename ...PayloadErrorFields } } }`);
const RETIRE = graphql(`mutation RetireUnusedFeeSchedule($input: RetireFeeScheduleInput!) {
  retireFeeSchedule(input: $input) {
    feeSchedule { id retiredAt version }
    errors { __typename ...PayloadErrorFields ... on FeeScheduleInUse { isTenantDefault networks { slug } } } } }`);
const NETWORK_FEE_SCHEDULES = graphql(`query NetworkFeeSchedulesOfTenant($slug: String!) {
  tenant(slug: $slug) { networks(first: 20) { nodes { slug feeSchedule { id name } } } } }`);

type Schedule = FeeScheduleFieldsFragment;

const kr = (kronor: number) => kronor * 100;

const TENANTS = ["jonkoping", "vgr", "kalmar", "ostergotland"] as const;
/** The four regions' administrators: together they read every audit event a change could have been written to. */
const everyAdmin = () => TENANTS.map((tenant) => tokens[tenant] as string);

/** The national model (3.6 / 1.8 / 0.9 % of the PBB, or 0.5 % an hour), paid as salary with 30 % withheld. */
const nationalModel = (validFrom: string, overrides: Partial<FeeScheduleVersionInput> = {}): FeeScheduleVersionInput => ({
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

const fixedAmounts = (
  validFrom: string,
  halfDayOre: number,
  fullDayOre: number,
  overrides: Partial<FeeScheduleVersionInput> = {},
): FeeScheduleVersionInput => ({
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
  const response = await api.graphql(FEE_SCHEDULES, { token, variables: { includeRetired } });
  if (!response.data?.feeSchedules) throw new Error(JSON.stringify(response.errors));
  return response.data.feeSchedules.nodes;
}

async function schedule(token: string, id: string): Promise<Schedule> {
  const response = await api.graphql(FEE_SCHEDULE, { token, variables: { id } });
  if (!response.data?.feeSchedule) throw new Error(`No schedule ${id}: ${JSON.stringify(response.errors)}`);
  return response.data.feeSchedule;
}

async function preview(token: string | undefined, input: FeePreviewInput, headers: Record<string, string> = {}) {
  return api.graphql(PREVIEW, { token, variables: { input }, headers });
}

async function fee(token: string, input: FeePreviewInput) {
  const response = await preview(token, input);
  const result = response.data?.feePreview;
  if (!result?.preview) throw new Error(`No preview: ${JSON.stringify(response.errors ?? result?.errors)}`);
  return result.preview;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of TENANTS) {
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
    const response = await api.graphql(NETWORK_FEE_SCHEDULES, { token: tokens.jonkoping, variables: { slug: "jonkoping" } });
    const nodes = response.data?.tenant?.networks.nodes ?? [];
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
    const amount = async (input: Omit<FeePreviewInput, "feeScheduleId" | "occasionDate">) =>
      (await fee(tokens.jonkoping as string, { ...base, ...input })).fee.amountOre;
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
    const result = present(response.data?.feePreview?.preview, "the preview");
    expect(result.explanation.join(" ")).toContain("3.6% of the 2024 price base amount");
    expect(result.explanation).toEqual(result.explanationEn);
    expect(result.explanationSv.join(" ")).toContain("Heldag");
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
    expect(noPbb.data?.feePreview?.errors).toMatchObject([{ __typename: "FeeNotComputable", reason: "NO_PRICE_BASE_AMOUNT" }]);
    const noHourly = await preview(tokens.vgr as string, {
      feeScheduleId: vgr.id,
      occasionDate: "2024-05-14",
      durationMinutes: 60,
      hourly: true,
    });
    expect(noHourly.data?.feePreview?.errors).toMatchObject([
      { __typename: "FeeNotComputable", reason: "HOURLY_NOT_OFFERED", field: "input.hourly" },
    ]);
  });
});

describe("a new version from a date", () => {
  it("changes the preview only from that date, closing the version before it, with both changes audited", async () => {
    const from = stockholmDate(10);
    const dayBefore = stockholmDate(9);
    const added = await api.graphql(ADD_VERSION, {
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
    const changed = present(payload?.feeSchedule, "the changed schedule");
    expect(changed.version).toBe(vgr.version + 1);
    const [previous, next] = changed.versions;
    expect(previous).toMatchObject({ id: vgr.versions[0]?.id, validFrom: "2022-01-01", validTo: from, status: "IN_FORCE" });
    expect(next).toMatchObject({ validFrom: from, validTo: null, sourceDocument: "Beslut om nya arvodesnivåer" });
    expect(changed.currentVersion?.id).toBe(previous?.id);

    const halfDay = async (occasionDate: string) =>
      (await fee(tokens.vgr as string, { feeScheduleId: vgr.id, occasionDate, durationMinutes: 180 })).fee.amountOre;
    expect(await halfDay("2024-05-14")).toBe(kr(931));
    expect(await halfDay(dayBefore)).toBe(kr(931));
    expect(await halfDay(from)).toBe(kr(1000));
    expect(await halfDay(stockholmDate(400))).toBe(kr(1000));

    const closed = await auditEventsAbout(api, tokens.vgr as string, previous?.id as string);
    expect(closed.at(-1)).toMatchObject({
      action: "WRITE",
      subjectType: "FeeScheduleVersion",
      actorType: "STAFF",
      details: { before: { validTo: null, validFrom: "2022-01-01" }, after: { validTo: from, validFrom: "2022-01-01" } },
    });
    const created = await auditEventsAbout(api, tokens.vgr as string, next?.id as string);
    expect(created).toHaveLength(1);
    expect(created[0]?.details).toMatchObject({ before: null, after: { validFrom: from, basis: "FIXED_AMOUNTS" } });
    vgr = changed;
  });

  it("is refused from today or earlier (history is never rewritten), when it overlaps or leaves a gap — nothing written", async () => {
    const auditBefore = await auditEventCount(api, everyAdmin(), ["FeeSchedule", "FeeScheduleVersion"]);
    const add = (target: Schedule, version: FeeScheduleVersionInput, token = tokens.vgr) =>
      api.graphql(ADD_VERSION, {
        token,
        variables: { input: { feeScheduleId: target.id, expectedVersion: target.version, feeScheduleVersion: version } },
      });

    const today = await add(jonkoping, nationalModel(stockholmDate(0)), tokens.jonkoping);
    expect(today.data?.addFeeScheduleVersion?.errors).toMatchObject([
      { __typename: "VersionInForce", code: "VERSION_IN_FORCE", earliestValidFrom: stockholmDate(1) },
    ]);
    const past = await add(jonkoping, nationalModel("2024-01-01"), tokens.jonkoping);
    expect(past.data?.addFeeScheduleVersion?.errors).toMatchObject([{ __typename: "VersionInForce" }]);

    // VGR now has 2022-01-01 → +10 days, and an open-ended version from +10 days.
    const overlap = await add(vgr, fixedAmounts(stockholmDate(5), 95_000, 190_000));
    expect(overlap.data?.addFeeScheduleVersion?.errors).toMatchObject([
      {
        __typename: "ValidityOverlap",
        code: "VALIDITY_OVERLAP",
        conflictingVersion: { validFrom: "2022-01-01", validTo: stockholmDate(10) },
      },
    ]);
    const sameDay = await add(vgr, fixedAmounts(stockholmDate(10), 95_000, 190_000));
    expect(sameDay.data?.addFeeScheduleVersion?.errors).toMatchObject([
      { __typename: "ValidityOverlap", conflictingVersion: { validFrom: stockholmDate(10) } },
    ]);

    // A schedule whose only version ends: the next must begin exactly there.
    const created = await api.graphql(CREATE, {
      token: tokens.kalmar,
      variables: {
        input: { name: "Tidsbegränsat projektarvode", firstVersion: nationalModel("2025-01-01", { validTo: stockholmDate(30) }) },
      },
    });
    const limited = present(created.data?.createFeeSchedule?.feeSchedule, "the created schedule");
    expect(limited.versions).toMatchObject([{ validFrom: "2025-01-01", validTo: stockholmDate(30) }]);
    const gap = await add(limited, nationalModel(stockholmDate(40)), tokens.kalmar);
    expect(gap.data?.addFeeScheduleVersion?.errors).toMatchObject([
      { __typename: "ValidityGap", code: "VALIDITY_GAP", conflictingVersion: { validTo: stockholmDate(30) } },
    ]);

    expect((await schedule(tokens.vgr as string, vgr.id)).versions).toEqual(vgr.versions);
    expect((await schedule(tokens.jonkoping as string, jonkoping.id)).versions).toEqual(jonkoping.versions);
    expect((await schedule(tokens.kalmar as string, limited.id)).versions).toEqual(limited.versions);
    // Only the Kalmar schedule's creation was audited (schedule and first version).
    expect(await auditEventCount(api, everyAdmin(), ["FeeSchedule", "FeeScheduleVersion"])).toBe(auditBefore + 2);

    const meets = await add(limited, nationalModel(stockholmDate(30)), tokens.kalmar);
    expect(meets.data?.addFeeScheduleVersion?.errors).toEqual([]);
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
      api.graphql(WITHDRAW, {
        token: tokens.vgr,
        variables: { input: { feeScheduleId: target.id, expectedVersion: target.version, feeScheduleVersionId: versionId } },
      });
    const [inForce, upcoming] = vgr.versions;
    const refused = await withdraw(vgr, inForce?.id as string);
    expect(refused.data?.withdrawFeeScheduleVersion?.errors).toMatchObject([{ __typename: "VersionInForce" }]);

    const withdrawn = await withdraw(vgr, upcoming?.id as string);
    expect(withdrawn.data?.withdrawFeeScheduleVersion?.errors).toEqual([]);
    const after = present(withdrawn.data?.withdrawFeeScheduleVersion?.feeSchedule, "the schedule after withdrawing");
    expect(after.versions).toMatchObject([{ id: inForce?.id, validTo: null }]);
    expect(
      (await fee(tokens.vgr as string, { feeScheduleId: vgr.id, occasionDate: stockholmDate(400), durationMinutes: 180 })).fee.amountOre,
    ).toBe(kr(931));
    expect((await auditEventsAbout(api, tokens.vgr as string, upcoming?.id as string)).at(-1)).toMatchObject({
      purpose: "withdrawn before coming into force",
      details: { before: { validFrom: stockholmDate(10) }, after: null },
    });
    expect((await auditEventsAbout(api, tokens.vgr as string, inForce?.id as string)).at(-1)?.details).toMatchObject({
      before: { validTo: stockholmDate(10) },
      after: { validTo: null },
    });
    vgr = after;
  });
});

describe("creating, renaming, the tenant default and retiring", () => {
  let brukarradet: Schedule;

  it("creates a schedule of its own from 2026-01-01 that computes from that date (the fifth-region scenario)", async () => {
    const response = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "Brukarrådets arvoden", firstVersion: nationalModel("2026-01-01") } },
    });
    expect(response.data?.createFeeSchedule?.errors).toEqual([]);
    brukarradet = present(response.data?.createFeeSchedule?.feeSchedule, "the created schedule");
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
    expect(before.data?.feePreview?.errors).toMatchObject([{ reason: "OUTSIDE_SCHEDULE_VALIDITY" }]);

    const events = await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id);
    expect(events).toMatchObject([
      { subjectType: "FeeSchedule", action: "WRITE", details: { before: null, after: { name: "Brukarrådets arvoden" } } },
    ]);
    expect(await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.versions[0]?.id as string)).toHaveLength(1);
  });

  it("refuses a second schedule in use with the same name, ignoring case and accents", async () => {
    const response = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "brukarradets ARVODEN", firstVersion: nationalModel("2026-01-01") } },
    });
    expect(response.data?.createFeeSchedule?.errors).toMatchObject([{ __typename: "FeeScheduleNameTaken", code: "NAME_TAKEN" }]);
    expect(await schedules(tokens.ostergotland as string)).toHaveLength(2);
    // Another tenant may use the name.
    const elsewhere = await api.graphql(CREATE, {
      token: tokens.vgr,
      variables: { input: { name: "Brukarrådets arvoden", firstVersion: fixedAmounts("2026-01-01", 100, 200) } },
    });
    expect(elsewhere.data?.createFeeSchedule?.errors).toEqual([]);
  });

  it("renames under optimistic concurrency, audited", async () => {
    const renamed = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version, name: "Brukarrådet" } },
    });
    expect(renamed.data?.updateFeeSchedule?.feeSchedule).toMatchObject({ name: "Brukarrådet", version: brukarradet.version + 1 });
    const stale = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version, name: "Något annat" } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect((await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id)).at(-1)?.details).toMatchObject({
      before: { name: "Brukarrådets arvoden" },
      after: { name: "Brukarrådet" },
    });
    brukarradet = await schedule(tokens.ostergotland as string, brukarradet.id);
  });

  it("moves the tenant default, auditing both schedules", async () => {
    const [seeded] = (await schedules(tokens.ostergotland as string)).filter((own) => own.isTenantDefault);
    const response = await api.graphql(SET_DEFAULT, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version } },
    });
    expect(response.data?.setTenantDefaultFeeSchedule?.feeSchedule?.isTenantDefault).toBe(true);
    const now = await schedules(tokens.ostergotland as string);
    expect(now.filter((own) => own.isTenantDefault).map((own) => own.id)).toEqual([brukarradet.id]);
    expect((await auditEventsAbout(api, tokens.ostergotland as string, seeded?.id as string)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: true },
      after: { isTenantDefault: false },
    });
    expect((await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: false },
      after: { isTenantDefault: true },
    });
    brukarradet = await schedule(tokens.ostergotland as string, brukarradet.id);
  });

  it("refuses to retire the default or a schedule a network uses; retires an unused one, once", async () => {
    const retire = (target: Schedule) =>
      api.graphql(RETIRE, {
        token: tokens.ostergotland,
        variables: { input: { id: target.id, expectedVersion: target.version } },
      });
    expect((await retire(brukarradet)).data?.retireFeeSchedule?.errors).toMatchObject([
      { __typename: "FeeScheduleInUse", isTenantDefault: true, networks: [] },
    ]);
    const seeded = present(
      (await schedules(tokens.ostergotland as string)).find((own) => own.id !== brukarradet.id),
      "the seeded schedule",
    );
    expect((await retire(seeded)).data?.retireFeeSchedule?.errors).toMatchObject([
      { __typename: "FeeScheduleInUse", isTenantDefault: false, networks: [{ slug: "levande-bibliotek" }] },
    ]);

    const created = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "Utkast", firstVersion: nationalModel("2026-01-01") } },
    });
    const draft = present(created.data?.createFeeSchedule?.feeSchedule, "the draft schedule");
    const retired = await retire(draft);
    expect(retired.data?.retireFeeSchedule?.feeSchedule?.retiredAt).not.toBeNull();
    const again = await api.graphql(RETIRE, {
      token: tokens.ostergotland,
      variables: { input: { id: draft.id, expectedVersion: draft.version + 1 } },
    });
    expect(again.data?.retireFeeSchedule?.feeSchedule?.version).toBe(draft.version + 1);
    expect((await schedules(tokens.ostergotland as string)).map((own) => own.id)).not.toContain(draft.id);
    expect((await schedules(tokens.ostergotland as string, true)).map((own) => own.id)).toContain(draft.id);
    expect((await auditEventsAbout(api, tokens.ostergotland as string, draft.id)).map((event) => event.purpose)).toEqual([null, "retire"]);
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
    expect(add.data?.addFeeScheduleVersion?.errors).toMatchObject([{ __typename: "NotFound" }]);
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
    expect(foreignPreview.data?.feePreview?.errors).toMatchObject([{ __typename: "NotFound" }]);

    const networks = await api.graphql(NETWORK_FEE_SCHEDULES, {
      token: tokens.jonkoping,
      variables: { slug: "vgr" },
    });
    expect(networks.data?.tenant?.networks.nodes.map((node) => node.feeSchedule)).toEqual([null]);
  });

  it("another region's schedule cannot be changed: every mutation answers NotFound as for a missing id, nothing written", async () => {
    const auditBefore = await auditEventCount(api, everyAdmin(), ["FeeSchedule", "FeeScheduleVersion"]);
    const token = tokens.jonkoping;
    const attempts: ForeignChangeAttempt[] = [
      [
        "updateFeeSchedule",
        (id) => api.graphql(UPDATE, { token, variables: { input: { id, expectedVersion: vgr.version, name: "Kapad" } } }),
      ],
      [
        "addFeeScheduleVersion",
        (id) =>
          api.graphql(ADD_VERSION, {
            token,
            variables: {
              input: { feeScheduleId: id, expectedVersion: vgr.version, feeScheduleVersion: fixedAmounts(stockholmDate(50), 1, 2) },
            },
          }),
      ],
      [
        "withdrawFeeScheduleVersion",
        (id) =>
          api.graphql(WITHDRAW, {
            token,
            variables: {
              input: { feeScheduleId: id, expectedVersion: vgr.version, feeScheduleVersionId: present(vgr.versions[0]).id },
            },
          }),
      ],
      [
        "setTenantDefaultFeeSchedule",
        (id) => api.graphql(SET_DEFAULT, { token, variables: { input: { id, expectedVersion: vgr.version } } }),
      ],
      ["retireFeeSchedule", (id) => api.graphql(RETIRE, { token, variables: { input: { id, expectedVersion: vgr.version } } })],
    ];
    await expectForeignChangesAnswerLikeMissing(attempts, vgr.id);
    expect(await schedule(tokens.vgr as string, vgr.id)).toEqual(vgr);
    expect(await auditEventCount(api, everyAdmin(), ["FeeSchedule", "FeeScheduleVersion"])).toBe(auditBefore);
  });

  it("a coordinator or analyst reads fee rules but gets FORBIDDEN for every change", async () => {
    const own = { id: jonkoping.id, expectedVersion: jonkoping.version };
    const mutations: [name: string, mutation: (token: string) => Promise<GraphQLResponse<unknown>>][] = [
      [
        "createFeeSchedule",
        (token) =>
          api.graphql(CREATE, { token, variables: { input: { name: "Koordinatorns", firstVersion: nationalModel("2026-01-01") } } }),
      ],
      ["updateFeeSchedule", (token) => api.graphql(UPDATE, { token, variables: { input: { ...own, name: "Koordinatorns" } } })],
      [
        "addFeeScheduleVersion",
        (token) =>
          api.graphql(ADD_VERSION, {
            token,
            variables: {
              input: { feeScheduleId: own.id, expectedVersion: own.expectedVersion, feeScheduleVersion: nationalModel(stockholmDate(5)) },
            },
          }),
      ],
      [
        "withdrawFeeScheduleVersion",
        (token) =>
          api.graphql(WITHDRAW, {
            token,
            variables: {
              input: {
                feeScheduleId: own.id,
                expectedVersion: own.expectedVersion,
                feeScheduleVersionId: present(jonkoping.versions[0]).id,
              },
            },
          }),
      ],
      ["setTenantDefaultFeeSchedule", (token) => api.graphql(SET_DEFAULT, { token, variables: { input: own } })],
      ["retireFeeSchedule", (token) => api.graphql(RETIRE, { token, variables: { input: own } })],
    ];
    for (const role of ["coordinator", "analyst"]) {
      expect(
        (await schedules(tokens[role] as string)).map((own) => own.id),
        role,
      ).toEqual([jonkoping.id]);
      for (const [name, mutation] of mutations) {
        const response = await mutation(tokens[role] as string);
        expect(errorCode(response), `${role}: ${name}`).toBe("FORBIDDEN");
        expect(response.data).toBeNull();
      }
    }
    expect(await schedule(tokens.jonkoping as string, jonkoping.id)).toEqual(jonkoping);
  });
});
