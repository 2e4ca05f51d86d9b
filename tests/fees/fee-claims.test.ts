import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ATTEST,
  CLAIM,
  CLAIMS,
  type Claim,
  CORRECT,
  CREATE_EXPORT,
  csvRows,
  EXPORT,
  holdOccasion,
  kr,
  MARK_PAID,
  MY_CLAIMS,
  mutate,
  type PayloadError,
  type PayrollExport,
  PREPARE,
  prepareOne,
  REJECT,
  raw,
  SUBMIT,
  step,
  stepErrors,
  tokenForSubject,
  UPDATE,
} from "./fees.js";

// Issue 6: fee claims computed from attendance with each region's rules (SPEC §2), the claim workflow, payroll export
// and Kalmar's municipal routing. Every occasion here is booked and held through the API: the unit books a pool
// member directly, reports attendance, and the claims follow.

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;

type ExportPayload = { payrollExport: PayrollExport | null; errors: PayloadError[] };
const createExport = (who: string, input: Record<string, unknown>) => mutate<ExportPayload>(api, token(who), CREATE_EXPORT, input);

async function myClaims(who: string): Promise<Claim[]> {
  const response = await raw(api, token(who), MY_CLAIMS, { first: 100 });
  expect(response.errors).toBeUndefined();
  return (response.data as { myFeeClaims: { nodes: Claim[] } }).myFeeClaims.nodes;
}

async function readClaim(who: string, id: string): Promise<Claim | null> {
  const response = await raw(api, token(who), CLAIM, { id });
  expect(response.errors).toBeUndefined();
  return (response.data as { feeClaim: Claim | null }).feeClaim;
}

/** Books member-1 of the tenant for an occasion, reports attendance and prepares the (one) draft claim. */
async function claimFor(
  tenant: string,
  occasion: { startsAt: string; endsAt: string; durationMinutes: number; travelMinutes: number },
  requester = `${tenant}Requester`,
  coordinator = `${tenant}Coordinator`,
): Promise<Claim> {
  const held = await holdOccasion(api, {
    tenant,
    requesterToken: token(requester),
    memberSubject: `${tenant}-member-1`,
    title: `Arvodestest ${occasion.startsAt}`,
    ...occasion,
  });
  return prepareOne(api, token(coordinator), held.occasionId);
}

/** Member confirms, attester attests. */
async function submitAndAttest(tenant: string, claim: Claim, attester = `${tenant}Coordinator`): Promise<Claim> {
  const submitted = await step(api, token(`${tenant}Member`), SUBMIT, { id: claim.id, expectedVersion: claim.version });
  expect(submitted.status).toBe("SUBMITTED");
  const attested = await step(api, token(attester), ATTEST, { id: claim.id, expectedVersion: submitted.version });
  expect(attested.status).toBe("ATTESTED");
  return attested;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of ["jonkoping", "vgr", "kalmar", "ostergotland"]) {
    tokens[`${tenant}Requester`] = await api.tokenFor({ tenant, role: "requester" });
    tokens[`${tenant}Coordinator`] = await api.tokenFor({ tenant, role: "coordinator" });
    tokens[`${tenant}Admin`] = await api.tokenFor({ tenant, role: "tenant-admin" });
    tokens[`${tenant}Member`] = await api.tokenFor({ tenant, role: "member" });
    tokens[`${tenant}Analyst`] = await api.tokenFor({ tenant, role: "analyst" });
  }
  tokens.jonkopingMember2 = await tokenForSubject(api, "jonkoping", "jonkoping-member-2");
  tokens.kalmarVastervik = await tokenForSubject(api, "kalmar", "kalmar-requester-2");
  tokens.vgrOtherUnit = await tokenForSubject(api, "vgr", "vgr-requester-2");
  tokens.jonkopingOtherUnit = await tokenForSubject(api, "jonkoping", "jonkoping-requester-2");
  // VGR's units attest their own claims, Jönköping's units or coordinators, Kalmar's and Östergötland's coordinators:
  // the seed sets each region's attester as its documents say.
});

afterAll(async () => {
  await api?.stop();
});

describe("Jönköping: a share of the PBB, paid as salary with 30 % withheld", () => {
  let claim: Claim;

  it("makes a draft claim from attendance: 3 h 45 min plus 30 min travel in 2026 is a full day, 2 131 kr", async () => {
    // 2026-03-02 09:00–12:45 in Stockholm (UTC+1).
    claim = await claimFor("jonkoping", {
      startsAt: "2026-03-02T08:00:00Z",
      endsAt: "2026-03-02T11:45:00Z",
      durationMinutes: 225,
      travelMinutes: 30,
    });
    expect(claim).toMatchObject({
      status: "DRAFT",
      occasionDate: "2026-03-02",
      countedMinutes: 255,
      category: "FULL_DAY",
      fee: { amountOre: kr(2131), currency: "SEK" },
      withholding: { amountOre: kr(639) },
      net: { amountOre: kr(2131 - 639) },
      payoutMethod: "SALARY",
      employerSocialFees: { amountOre: 66_956 },
    });
    expect(claim.costCentreCode).toBeTruthy();
    expect(claim.payerName).toBe("Region Jönköpings län");
  });

  it("prepares nothing twice: the same occasion again gives the same claim", async () => {
    const again = await mutate<{ createdCount: number; claims: Claim[] }>(api, token("jonkopingCoordinator"), PREPARE, {
      occasionId: claim.occasionId,
    });
    expect(again.createdCount).toBe(0);
    expect(again.claims.map((c) => c.id)).toEqual([claim.id]);
  });

  it("lets the participant add mileage and an expense; the amounts are recomputed, reimbursements untaxed", async () => {
    claim = await step(api, token("jonkopingMember"), UPDATE, {
      id: claim.id,
      expectedVersion: claim.version,
      mileageKm: 84,
      expenses: [{ description: "Parkering", amountOre: 6_000 }],
    });
    expect(claim).toMatchObject({
      mileageKm: 84,
      mileage: { amountOre: kr(210) },
      expensesTotal: { amountOre: kr(60) },
      expenses: [{ description: "Parkering", amount: { amountOre: kr(60) } }],
      withholding: { amountOre: kr(639) },
      net: { amountOre: kr(2131 - 639 + 210 + 60) },
    });
  });

  it("refuses a stale version and bad figures without losing anything", async () => {
    const stale = await raw(api, token("jonkopingMember"), UPDATE, {
      input: { id: claim.id, expectedVersion: claim.version - 1, mileageKm: 1 },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const bad = await raw(api, token("jonkopingMember"), UPDATE, {
      input: { id: claim.id, expectedVersion: claim.version, mileageKm: -5, expenses: [{ description: "", amountOre: -1 }] },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = ((bad.errors?.[0]?.extensions?.fieldErrors ?? []) as Array<{ field: string; messages: { sv: string; en: string } }>).map(
      (e) => e.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["input.mileageKm", "input.expenses[0].description", "input.expenses[0].amountOre"]));
    expect((await readClaim("jonkopingMember", claim.id))?.mileageKm).toBe(84);
  });

  it("goes through submit and attestation into a payroll CSV, and the participant follows it to PAID", async () => {
    const attested = await submitAndAttest("jonkoping", claim);
    const frozen = await stepErrors(api, token("jonkopingMember"), UPDATE, {
      id: claim.id,
      expectedVersion: attested.version,
      mileageKm: 1,
    });
    expect(frozen).toMatchObject([{ __typename: "FeeClaimStatusDoesNotAllow", status: "ATTESTED" }]);

    const created = await createExport("jonkopingAdmin", { periodFrom: "2026-03-01", periodTo: "2026-03-31" });
    expect(created.errors).toEqual([]);
    const batch = created.payrollExport as PayrollExport;
    expect(batch.claimIds).toContain(claim.id);
    const rows = csvRows(batch.csv);
    expect(rows[0]?.slice(0, 12)).toEqual([
      "Personreferens",
      "Namn",
      "Ansvarskod",
      "Datum",
      "Kategori",
      "Timmar",
      "Arvode brutto",
      "Förberedelse",
      "Milersättning",
      "Utlägg",
      "Skatteavdrag",
      "Att betala ut",
    ]);
    const row = rows.find((cells) => cells.at(-1) === claim.id);
    expect(row?.slice(2, 12)).toEqual([
      claim.costCentreCode,
      "2026-03-02",
      "Heldag",
      "4,25",
      "2131,00",
      "0,00",
      "210,00",
      "60,00",
      "639,00",
      "1762,00",
    ]);
    expect(row?.[1]).toBe(claim.participantName);
    const summary = batch.summaries.find((s) => s.personName === claim.participantName);
    expect(summary?.text).toContain("2026-03-02  Heldag (4 h 15 min)");
    expect(summary?.text).toContain("att betala ut 1 762 kr");

    let mine = (await myClaims("jonkopingMember")).find((c) => c.id === claim.id);
    expect(mine).toMatchObject({ status: "SENT_TO_PAYROLL", payrollExportId: batch.id, net: { amountOre: kr(1762) } });

    const paid = await mutate<ExportPayload>(api, token("jonkopingAdmin"), MARK_PAID, { id: batch.id });
    expect(paid.payrollExport?.status).toBe("PAID");
    mine = (await myClaims("jonkopingMember")).find((c) => c.id === claim.id);
    expect(mine?.status).toBe("PAID");
    expect(mine?.paidAt).toBeTruthy();
  });

  it("shows the participant every claim and status, the seeded history included", async () => {
    const mine = await myClaims("jonkopingMember");
    expect(mine.length).toBeGreaterThan(1);
    for (const own of mine) expect(own.net.currency).toBe("SEK");
    expect(new Set(mine.map((c) => c.participantName)).size).toBe(1);
  });

  it("pays the 2026 half day 1 066 kr and the hourly rate 296 kr instead of the short fee", async () => {
    const half = await claimFor("jonkoping", {
      startsAt: "2026-04-14T07:00:00Z",
      endsAt: "2026-04-14T09:30:00Z",
      durationMinutes: 150,
      travelMinutes: 30,
    });
    expect(half).toMatchObject({ category: "HALF_DAY", fee: { amountOre: kr(1066) }, withholding: { amountOre: kr(319) } });
    const short = await claimFor("jonkoping", {
      startsAt: "2026-04-15T07:00:00Z",
      endsAt: "2026-04-15T08:00:00Z",
      durationMinutes: 60,
      travelMinutes: 0,
    });
    expect(short).toMatchObject({ category: "SHORT", fee: { amountOre: kr(533) } });
    const hourly = await step(api, token("jonkopingMember"), UPDATE, { id: short.id, expectedVersion: short.version, hourly: true });
    expect(hourly).toMatchObject({ category: "HOURLY", hourly: true, fee: { amountOre: kr(296) }, withholding: { amountOre: kr(88) } });
    const notOffered = await stepErrors(api, token("jonkopingMember"), UPDATE, {
      id: half.id,
      expectedVersion: half.version,
      hourly: true,
    });
    expect(notOffered).toMatchObject([{ __typename: "FeeClaimNotComputable", reason: "HOURLY_ONLY_FOR_SHORT" }]);
  });

  it("pays the 2024 occasions with the 2024 PBB: 2 063 kr full day, 1 031 kr half day, 286 kr an hour", async () => {
    const full = await claimFor("jonkoping", {
      startsAt: "2024-05-14T07:00:00Z",
      endsAt: "2024-05-14T12:00:00Z",
      durationMinutes: 300,
      travelMinutes: 0,
    });
    expect(full).toMatchObject({ occasionDate: "2024-05-14", fee: { amountOre: kr(2063) }, withholding: { amountOre: kr(618) } });
    const half = await claimFor("jonkoping", {
      startsAt: "2024-05-15T07:00:00Z",
      endsAt: "2024-05-15T10:00:00Z",
      durationMinutes: 180,
      travelMinutes: 0,
    });
    expect(half).toMatchObject({ category: "HALF_DAY", fee: { amountOre: kr(1031) } });
    const short = await claimFor("jonkoping", {
      startsAt: "2024-05-16T07:00:00Z",
      endsAt: "2024-05-16T08:00:00Z",
      durationMinutes: 60,
      travelMinutes: 0,
    });
    const hourly = await step(api, token("jonkopingMember"), UPDATE, { id: short.id, expectedVersion: short.version, hourly: true });
    expect(hourly.fee.amountOre).toBe(kr(286));
  });

  it("pays two hours at the published 286 kr an hour, 572 kr (the schedule rounds the rate, not the total)", async () => {
    const twoHours = await claimFor("jonkoping", {
      startsAt: "2024-05-17T07:00:00Z",
      endsAt: "2024-05-17T09:00:00Z",
      durationMinutes: 120,
      travelMinutes: 0,
    });
    expect(twoHours).toMatchObject({ category: "SHORT", fee: { amountOre: kr(516) } });
    const hourly = await step(api, token("jonkopingMember"), UPDATE, {
      id: twoHours.id,
      expectedVersion: twoHours.version,
      hourly: true,
    });
    // 2 × 286 kr; rounding the total would give 2 × 286.50 = 573 kr.
    expect(hourly).toMatchObject({ category: "HOURLY", fee: { amountOre: kr(572) }, withholding: { amountOre: kr(171) } });
  });
});

describe("VGR: fixed amounts paid as a fee, attested by the unit", () => {
  let claim: Claim;

  it("pays 931 kr for a half day plus mileage, nothing withheld", async () => {
    claim = await claimFor("vgr", {
      startsAt: "2026-04-20T07:00:00Z",
      endsAt: "2026-04-20T09:30:00Z",
      durationMinutes: 150,
      travelMinutes: 40,
    });
    expect(claim).toMatchObject({ category: "HALF_DAY", fee: { amountOre: kr(931) }, payoutMethod: "FEE", employerSocialFees: null });
    claim = await step(api, token("vgrMember"), UPDATE, { id: claim.id, expectedVersion: claim.version, mileageKm: 56 });
    expect(claim).toMatchObject({ mileage: { amountOre: kr(140) }, withholding: { amountOre: 0 }, net: { amountOre: kr(1071) } });
  });

  it("pays 1 863 kr for a full day", async () => {
    const full = await claimFor("vgr", {
      startsAt: "2026-04-21T07:00:00Z",
      endsAt: "2026-04-21T11:00:00Z",
      durationMinutes: 240,
      travelMinutes: 40,
    });
    expect(full).toMatchObject({ category: "FULL_DAY", fee: { amountOre: kr(1863) }, net: { amountOre: kr(1863) } });
  });

  it("lets only the requesting unit attest: another unit sees nothing, the coordinator is not the attester", async () => {
    const submitted = await step(api, token("vgrMember"), SUBMIT, { id: claim.id, expectedVersion: claim.version });
    const otherUnit = await stepErrors(api, token("vgrOtherUnit"), ATTEST, { id: claim.id, expectedVersion: submitted.version });
    expect(otherUnit).toMatchObject([{ __typename: "NotFound" }]);
    expect(await readClaim("vgrOtherUnit", claim.id)).toBeNull();
    const coordinator = await stepErrors(api, token("vgrCoordinator"), ATTEST, { id: claim.id, expectedVersion: submitted.version });
    expect(coordinator).toMatchObject([{ __typename: "NotTheAttester", code: "NOT_THE_ATTESTER" }]);
    const attested = await step(api, token("vgrRequester"), ATTEST, { id: claim.id, expectedVersion: submitted.version });
    expect(attested.status).toBe("ATTESTED");
    const listed = await raw(api, token("vgrRequester"), CLAIMS, { filter: { statuses: ["ATTESTED"] }, first: 100 });
    expect((listed.data as { feeClaims: { nodes: Claim[] } }).feeClaims.nodes.map((c) => c.id)).toContain(claim.id);
  });

  it("puts the claim in a payroll file", async () => {
    const created = await createExport("vgrAdmin", { periodFrom: "2026-04-20", periodTo: "2026-04-20" });
    expect(created.errors).toEqual([]);
    const row = csvRows(created.payrollExport?.csv ?? "").find((cells) => cells.at(-1) === claim.id);
    expect(row?.slice(3, 13)).toEqual(["2026-04-20", "Halvdag", "3,17", "931,00", "0,00", "140,00", "0,00", "0,00", "1071,00", "arvode"]);
  });
});

describe("Kalmar: the national model, and municipalities that pay their own participants", () => {
  let regional: Claim;
  let municipal: Claim;

  it("routes a single municipality's activity to that municipality, everything else to the region", async () => {
    regional = await claimFor("kalmar", {
      startsAt: "2026-05-05T07:00:00Z",
      endsAt: "2026-05-05T12:00:00Z",
      durationMinutes: 300,
      travelMinutes: 0,
    });
    expect(regional).toMatchObject({ fee: { amountOre: kr(2131) }, withholding: { amountOre: kr(639) }, payerName: "Region Kalmar län" });
    municipal = await claimFor(
      "kalmar",
      { startsAt: "2026-05-06T07:00:00Z", endsAt: "2026-05-06T10:00:00Z", durationMinutes: 180, travelMinutes: 0 },
      "kalmarVastervik",
    );
    expect(municipal).toMatchObject({ category: "HALF_DAY", fee: { amountOre: kr(1066) }, payerName: "Västerviks kommun" });
    regional = await submitAndAttest("kalmar", regional);
    municipal = await submitAndAttest("kalmar", municipal);
  });

  it("exports each claim only to its own payer's payroll", async () => {
    const region = await createExport("kalmarAdmin", { periodFrom: "2026-05-01", periodTo: "2026-05-31" });
    expect(region.payrollExport?.claimIds).toContain(regional.id);
    expect(region.payrollExport?.claimIds).not.toContain(municipal.id);
    expect(region.payrollExport?.payerName).toBe("Region Kalmar län");
    const vastervik = await createExport("kalmarAdmin", {
      periodFrom: "2026-05-01",
      periodTo: "2026-05-31",
      payerOrganisationId: municipal.payerOrganisationId,
    });
    expect(vastervik.payrollExport).toMatchObject({ claimIds: [municipal.id], payerName: "Västerviks kommun", claimCount: 1 });
  });

  it("lets the unit fill in the fee form per person and occasion; the participant signs and only the development leader attests", async () => {
    // Kalmar's coordinators attest (seed 003), yet the unit that booked the occasion prepares and fills in the form.
    const held = await holdOccasion(api, {
      tenant: "kalmar",
      requesterToken: token("kalmarRequester"),
      memberSubject: "kalmar-member-1",
      title: "Arvodesblankett ifylld av verksamheten",
      startsAt: "2026-05-12T07:00:00Z",
      endsAt: "2026-05-12T10:00:00Z",
      durationMinutes: 180,
      travelMinutes: 30,
    });
    const prepared = await prepareOne(api, token("kalmarRequester"), held.occasionId);
    expect(prepared).toMatchObject({ status: "DRAFT", category: "HALF_DAY", fee: { amountOre: kr(1066) } });
    const filledIn = await step(api, token("kalmarRequester"), UPDATE, {
      id: prepared.id,
      expectedVersion: prepared.version,
      mileageKm: 42,
    });
    expect(filledIn).toMatchObject({ status: "DRAFT", mileage: { amountOre: kr(105) } });
    const unitClaims = await raw(api, token("kalmarRequester"), CLAIMS, { filter: null, first: 100 });
    expect((unitClaims.data as { feeClaims: { nodes: Claim[] } }).feeClaims.nodes.map((c) => c.id)).toContain(prepared.id);
    // Another unit of the same region sees neither the form nor the occasion's claims.
    expect(await readClaim("kalmarVastervik", prepared.id)).toBeNull();
    const elsewhere = await raw(api, token("kalmarVastervik"), CLAIMS, { filter: null, first: 100 });
    const seenElsewhere = (elsewhere.data as { feeClaims: { nodes: Claim[] } }).feeClaims.nodes.map((c) => c.id);
    expect(seenElsewhere).toContain(municipal.id);
    expect(seenElsewhere).not.toContain(prepared.id);

    const signed = await step(api, token("kalmarMember"), SUBMIT, { id: prepared.id, expectedVersion: filledIn.version });
    expect(signed.status).toBe("SUBMITTED");
    const unitAttests = await stepErrors(api, token("kalmarRequester"), ATTEST, { id: prepared.id, expectedVersion: signed.version });
    expect(unitAttests).toMatchObject([{ __typename: "NotTheAttester", code: "NOT_THE_ATTESTER" }]);
    const attested = await step(api, token("kalmarCoordinator"), ATTEST, { id: prepared.id, expectedVersion: signed.version });
    expect(attested).toMatchObject({ status: "ATTESTED", net: { amountOre: kr(1066 - 319 + 105) } });
  });
});

describe("Östergötland: the national model", () => {
  it("pays a 2026 full day 2 131 kr with 30 % withheld and exports it", async () => {
    const claim = await claimFor("ostergotland", {
      startsAt: "2026-06-09T06:00:00Z",
      endsAt: "2026-06-09T11:00:00Z",
      durationMinutes: 300,
      travelMinutes: 20,
    });
    expect(claim).toMatchObject({ category: "FULL_DAY", fee: { amountOre: kr(2131) }, net: { amountOre: kr(1492) } });
    await submitAndAttest("ostergotland", claim);
    const created = await createExport("ostergotlandCoordinator", { periodFrom: "2026-06-09", periodTo: "2026-06-09" });
    expect(created.payrollExport?.claimIds).toEqual([claim.id]);
  });
});

describe("rejection and correction", () => {
  it("sends a submitted claim back with a reason; the participant corrects it and submits again", async () => {
    const draft = await claimFor("jonkoping", {
      startsAt: "2026-09-01T07:00:00Z",
      endsAt: "2026-09-01T10:00:00Z",
      durationMinutes: 180,
      travelMinutes: 0,
    });
    const submitted = await step(api, token("jonkopingMember"), SUBMIT, { id: draft.id, expectedVersion: draft.version });
    const blank = await raw(api, token("jonkopingCoordinator"), REJECT, {
      input: { id: draft.id, expectedVersion: submitted.version, reason: "  " },
    });
    expect(blank.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const rejected = await step(api, token("jonkopingCoordinator"), REJECT, {
      id: draft.id,
      expectedVersion: submitted.version,
      reason: "Resan saknas. Fyll i antal kilometer.",
    });
    expect(rejected).toMatchObject({ status: "REJECTED", rejectionReason: "Resan saknas. Fyll i antal kilometer." });
    expect((await myClaims("jonkopingMember")).find((c) => c.id === draft.id)?.rejectionReason).toBe(
      "Resan saknas. Fyll i antal kilometer.",
    );
    const corrected = await step(api, token("jonkopingMember"), UPDATE, { id: draft.id, expectedVersion: rejected.version, mileageKm: 30 });
    expect(corrected).toMatchObject({ status: "DRAFT", mileage: { amountOre: kr(75) } });
    const again = await step(api, token("jonkopingMember"), SUBMIT, { id: draft.id, expectedVersion: corrected.version });
    expect(again.status).toBe("SUBMITTED");
  });

  it("corrects an attested claim in a new version that supersedes it, with history; not after payroll", async () => {
    const draft = await claimFor("jonkoping", {
      startsAt: "2026-09-02T07:00:00Z",
      endsAt: "2026-09-02T10:00:00Z",
      durationMinutes: 180,
      travelMinutes: 0,
    });
    const attested = await submitAndAttest("jonkoping", draft);
    const payload = await mutate<{ claim: Claim | null; superseded: Claim | null; errors: PayloadError[] }>(
      api,
      token("jonkopingCoordinator"),
      CORRECT,
      {
        id: attested.id,
        expectedVersion: attested.version,
        mileageKm: 40,
        reason: "Milersättningen glömdes.",
      },
    );
    expect(payload.errors).toEqual([]);
    expect(payload.superseded).toMatchObject({ id: attested.id, status: "SUPERSEDED", supersededById: payload.claim?.id });
    expect(payload.claim).toMatchObject({
      status: "DRAFT",
      supersedesId: attested.id,
      mileage: { amountOre: kr(100) },
      history: [{ id: attested.id, status: "SUPERSEDED" }],
    });
    const twice = await stepErrors(api, token("jonkopingCoordinator"), CORRECT, {
      id: attested.id,
      expectedVersion: payload.superseded?.version,
      mileageKm: 41,
      reason: "Igen.",
    });
    expect(twice).toMatchObject([{ __typename: "FeeClaimStatusDoesNotAllow", status: "SUPERSEDED" }]);
    const mine = await myClaims("jonkopingMember");
    expect(
      mine
        .filter((c) => c.occasionId === draft.occasionId)
        .map((c) => c.status)
        .sort(),
    ).toEqual(["DRAFT", "SUPERSEDED"]);

    const next = await submitAndAttest("jonkoping", payload.claim as Claim);
    const sent = await createExport("jonkopingCoordinator", { periodFrom: "2026-09-02", periodTo: "2026-09-02" });
    expect(sent.payrollExport?.claimIds).toEqual([next.id]);
    const afterPayroll = await stepErrors(api, token("jonkopingCoordinator"), CORRECT, {
      id: next.id,
      expectedVersion: next.version + 1,
      mileageKm: 1,
      reason: "För sent.",
    });
    expect(afterPayroll[0]).toMatchObject({ __typename: "FeeClaimStatusDoesNotAllow", status: "SENT_TO_PAYROLL" });
    expect(afterPayroll[0]?.messageEn).toContain("payroll");
  });
});

describe("a claim is never exported twice", () => {
  it("puts each claim in exactly one of two concurrent exports, and in none after", async () => {
    const claims: Claim[] = [];
    for (const day of ["10", "11", "12"]) {
      const draft = await claimFor("jonkoping", {
        startsAt: `2026-10-${day}T07:00:00Z`,
        endsAt: `2026-10-${day}T10:00:00Z`,
        durationMinutes: 180,
        travelMinutes: 0,
      });
      claims.push(await submitAndAttest("jonkoping", draft));
    }
    const period = { periodFrom: "2026-10-10", periodTo: "2026-10-12" };
    const [first, second] = await Promise.all([createExport("jonkopingAdmin", period), createExport("jonkopingCoordinator", period)]);
    const exported = [first, second].flatMap((payload) => payload.payrollExport?.claimIds ?? []);
    expect(exported.sort()).toEqual(claims.map((c) => c.id).sort());
    expect([first, second].filter((payload) => payload.errors[0]?.__typename === "NothingToExport")).toHaveLength(1);
    const third = await createExport("jonkopingAdmin", period);
    expect(third).toMatchObject({ payrollExport: null, errors: [{ __typename: "NothingToExport", code: "NOTHING_TO_EXPORT" }] });
  });
});

describe("who sees fees", () => {
  let claim: Claim;
  let exportId: string;

  beforeAll(async () => {
    claim = await claimFor("jonkoping", {
      startsAt: "2026-11-02T08:00:00Z",
      endsAt: "2026-11-02T10:00:00Z",
      durationMinutes: 120,
      travelMinutes: 0,
    });
    const attested = await submitAndAttest("jonkoping", claim);
    const created = await createExport("jonkopingAdmin", { periodFrom: "2026-11-02", periodTo: "2026-11-02" });
    exportId = created.payrollExport?.id as string;
    claim = attested;
  });

  it("hides a member's claims from another member", async () => {
    expect(await readClaim("jonkopingMember2", claim.id)).toBeNull();
    expect((await myClaims("jonkopingMember2")).map((c) => c.id)).not.toContain(claim.id);
    const update = await stepErrors(api, token("jonkopingMember2"), UPDATE, { id: claim.id, expectedVersion: claim.version, mileageKm: 1 });
    expect(update).toMatchObject([{ __typename: "NotFound" }]);
  });

  it("shows another tenant nothing, through every path", async () => {
    expect(await readClaim("kalmarCoordinator", claim.id)).toBeNull();
    const attest = await stepErrors(api, token("kalmarCoordinator"), ATTEST, { id: claim.id, expectedVersion: claim.version });
    expect(attest).toMatchObject([{ __typename: "NotFound" }]);
    const prepare = await mutate<{ errors: PayloadError[] }>(api, token("kalmarCoordinator"), PREPARE, { occasionId: claim.occasionId });
    expect(prepare.errors).toMatchObject([{ __typename: "NotFound" }]);
    const other = await raw(api, token("kalmarAdmin"), EXPORT, { id: exportId });
    expect((other.data as { payrollExport: unknown }).payrollExport).toBeNull();
    const mark = await mutate<ExportPayload>(api, token("kalmarAdmin"), MARK_PAID, { id: exportId });
    expect(mark.errors).toMatchObject([{ __typename: "NotFound" }]);
  });

  it("keeps other units out, and analysts and members out of staff paths", async () => {
    const otherUnit = await raw(api, token("jonkopingOtherUnit"), CLAIMS, { filter: null, first: 100 });
    expect((otherUnit.data as { feeClaims: { nodes: Claim[] } }).feeClaims.nodes.map((c) => c.id)).not.toContain(claim.id);
    expect(await readClaim("jonkopingOtherUnit", claim.id)).toBeNull();
    const analyst = await raw(api, token("jonkopingAnalyst"), CLAIMS, { filter: null, first: 10 });
    expect(analyst.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const memberAttests = await raw(api, token("jonkopingMember"), ATTEST, { input: { id: claim.id, expectedVersion: claim.version } });
    expect(memberAttests.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const coordinatorSubmits = await raw(api, token("jonkopingCoordinator"), SUBMIT, {
      input: { id: claim.id, expectedVersion: claim.version },
    });
    expect(coordinatorSubmits.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const memberExports = await raw(api, token("jonkopingMember"), EXPORT, { id: exportId });
    expect(memberExports.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("audits staff reads of fees and every payroll export", async () => {
    await raw(api, token("jonkopingCoordinator"), CLAIM, { id: claim.id });
    await raw(api, token("jonkopingAdmin"), EXPORT, { id: exportId });
    const prisma = api.running.database.prisma;
    const memberId = (await prisma.feeClaim.findFirstOrThrow({ where: { id: claim.id }, select: { memberId: true } })).memberId;
    const events = await prisma.auditEvent.findMany({
      where: { memberId, subjectType: { in: ["FeeClaim", "PayrollExport"] } },
      select: { action: true, subjectType: true },
    });
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "READ", subjectType: "FeeClaim" },
        { action: "EXPORT", subjectType: "PayrollExport" },
      ]),
    );
  });
});
