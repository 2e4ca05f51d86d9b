import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { exampleIdentityNumber } from "@medverkan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVITE } from "../invitations/invitations.js";
import { startMatching, submitRequest } from "../support/requests.js";
import {
  ATTEST,
  type Claim,
  CREATE_EXPORT,
  csvRows,
  holdOccasion,
  kr,
  mutate,
  type PayloadError,
  type PayrollExport,
  prepareOne,
  raw,
  SUBMIT,
  step,
  UPDATE,
} from "./fees.js";
import { paxmlRuleViolations } from "./paxml-rules.js";

// Issue 21, item 1: "Payroll cannot pay from the export." Each region's routine through HTTP: the member registers the
// bank account fees are paid to (Kalmar pays to a registered account), the coordinator sets the employee number, the
// claim is attested and exported, and the payroll file — the CSV and PAXml 2.0 — carries the person references a
// payroll system pays by, with the amounts to the krona. The PAXml file is checked against the rules the standard's
// documentation states (paxml-rules.ts; its schema file could not be fetched here).

const MONEY = "amountOre currency";
const ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } ... on InvalidBankAccount { problem } }";
const ME = `{ me { member { id version employeeNumber bankAccount personalIdentityNumber } } }`;
const SET_MY_ACCOUNT = `mutation($input: SetMyBankAccountInput!) { setMyBankAccount(input: $input) {
  member { id version bankAccount } ${ERRORS} } }`;
const SET_DETAILS = `mutation($input: SetMemberPayrollDetailsInput!) { setMemberPayrollDetails(input: $input) {
  payrollDetails { memberId employeeNumber bankAccount version } ${ERRORS} } }`;
const UPDATE_PROFILE = `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) {
  member { version personalIdentityNumber } errors { __typename } } }`;
const FILES = `query($id: ID!) { payrollExport(id: $id) { id claimIds gross { ${MONEY} } csv paxml
  summaries { personReference employeeNumber hasPersonalIdentityNumber bankAccount payrollIdentityMissing } } }`;
const LIST = `query { payrollExports(first: 20) { nodes { id claimCount } } }`;
const AUDIT = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { nodes { action purpose memberId } } }`;
const MY_INVITATIONS = `query { myInvitations(first: 50) { nodes { id registerBankAccount } } }`;
const EXPORT_MY_DATA = `query { exportMyData { data } }`;

let api: TestApi;
const tokens: Record<string, string> = {};
const token = (name: string) => tokens[name] as string;

type Me = { id: string; version: number; employeeNumber: string | null; bankAccount: string | null; personalIdentityNumber: string | null };
type Files = {
  id: string;
  claimIds: string[];
  gross: { amountOre: number };
  csv: string;
  paxml: string;
  summaries: Array<{
    personReference: string;
    employeeNumber: string | null;
    hasPersonalIdentityNumber: boolean;
    bankAccount: string | null;
    payrollIdentityMissing: boolean;
  }>;
};

async function me(who: string): Promise<Me> {
  const response = await raw(api, token(who), ME, {});
  expect(response.errors).toBeUndefined();
  return (response.data as { me: { member: Me } }).me.member;
}

async function files(who: string, id: string): Promise<Files> {
  const response = await raw(api, token(who), FILES, { id });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return (response.data as { payrollExport: Files }).payrollExport;
}

/** The <lonetrans> elements of a file: attributes, and the child elements' text. */
function transactions(xml: string): Array<Record<string, string>> {
  return [...xml.matchAll(/<lonetrans ([^>]*)>([\s\S]*?)<\/lonetrans>/gu)].map(([, attributes = "", body = ""]) => ({
    ...Object.fromEntries([...attributes.matchAll(/(\w+)="([^"]*)"/gu)].map(([, name, value]) => [name as string, value as string])),
    ...Object.fromEntries([...body.matchAll(/<(\w+)>([^<]*)<\/\1>/gu)].map(([, name, value]) => [name as string, value as string])),
  }));
}

const oreOf = (decimal: string) => Math.round(Number(decimal) * 100);

/** Books member-1, holds the occasion, prepares the claim; the member signs and the coordinator attests. */
async function attestedClaim(
  tenant: string,
  occasion: { startsAt: string; endsAt: string; durationMinutes: number; travelMinutes: number },
  extra: Record<string, unknown> = {},
): Promise<Claim> {
  const held = await holdOccasion(api, {
    tenant,
    requesterToken: token(`${tenant}Requester`),
    memberSubject: `${tenant}-member-1`,
    title: `Löneunderlag ${occasion.startsAt}`,
    ...occasion,
  });
  let claim = await prepareOne(api, token(`${tenant}Coordinator`), held.occasionId);
  if (Object.keys(extra).length > 0) {
    claim = await step(api, token(`${tenant}Member`), UPDATE, { id: claim.id, expectedVersion: claim.version, ...extra });
  }
  const submitted = await step(api, token(`${tenant}Member`), SUBMIT, { id: claim.id, expectedVersion: claim.version });
  return step(api, token(`${tenant}Coordinator`), ATTEST, { id: submitted.id, expectedVersion: submitted.version });
}

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of ["jonkoping", "kalmar"]) {
    tokens[`${tenant}Requester`] = await api.tokenFor({ tenant, role: "requester" });
    tokens[`${tenant}Coordinator`] = await api.tokenFor({ tenant, role: "coordinator" });
    tokens[`${tenant}Admin`] = await api.tokenFor({ tenant, role: "tenant-admin" });
    tokens[`${tenant}Member`] = await api.tokenFor({ tenant, role: "member" });
  }
});

afterAll(async () => {
  await api?.stop();
});

describe("Kalmar: first-timers register a bank account for payment; the payroll file pays to it", () => {
  let member: Me;
  let claim: Claim;
  let exportId: string;
  const personnummer = exampleIdentityNumber("1979-12-24", 986);

  it("asks a member without an account to register one, in every invitation", async () => {
    member = await me("kalmarMember");
    expect(member.bankAccount).toBeNull();
    const requestId = await submitRequest(api, token("kalmarRequester"));
    await startMatching(api, token("kalmarCoordinator"), requestId);
    const invited = await mutate<{ invitations: Array<{ id: string }>; errors: PayloadError[] }>(api, token("kalmarCoordinator"), INVITE, {
      requestId,
      memberIds: [member.id],
    });
    expect(invited.errors).toEqual([]);
    const invitations = await raw(api, token("kalmarMember"), MY_INVITATIONS, {});
    expect(invitations.errors).toBeUndefined();
    const nodes = (invitations.data as { myInvitations: { nodes: Array<{ id: string; registerBankAccount: boolean }> } }).myInvitations
      .nodes;
    expect(nodes.map((node) => node.id)).toContain(invited.invitations[0]?.id);
    for (const invitation of nodes) expect(invitation.registerBankAccount).toBe(true);
    member = await me("kalmarMember");
  });

  it("refuses an account that is not a Swedish one with a clear error in Swedish and English, and stores nothing", async () => {
    for (const [bankAccount, problem] of [
      [{ clearingNumber: "5491", accountNumber: "0000004" }, "INVALID_ACCOUNT_NUMBER"],
      [{ clearingNumber: "9999", accountNumber: "1234567" }, "UNKNOWN_CLEARING_NUMBER"],
      [{ clearingNumber: "83x7", accountNumber: "1" }, "FORMAT"],
    ] as const) {
      const refused = await mutate<{
        member: unknown;
        errors: Array<PayloadError & { problem: string; messageSv: string; messageEn: string }>;
      }>(api, token("kalmarMember"), SET_MY_ACCOUNT, { bankAccount, expectedVersion: member.version });
      expect(refused.member).toBeNull();
      expect(refused.errors).toMatchObject([{ __typename: "InvalidBankAccount", code: "INVALID_BANK_ACCOUNT", problem }]);
      expect(refused.errors[0]?.messageSv).toMatch(/[åäö]|konto|clearing/iu);
      expect(refused.errors[0]?.messageEn).toMatch(/account|clearing/iu);
      expect(refused.errors[0]?.message).not.toContain(bankAccount.accountNumber);
    }
    expect((await me("kalmarMember")).bankAccount).toBeNull();
  });

  it("lets the member register the account on My pages; everyone sees it masked only", async () => {
    const set = await mutate<{ member: { bankAccount: string; version: number }; errors: PayloadError[] }>(
      api,
      token("kalmarMember"),
      SET_MY_ACCOUNT,
      { bankAccount: { clearingNumber: "8327-9", accountNumber: "914 323 111-7" }, expectedVersion: member.version },
    );
    expect(set.errors).toEqual([]);
    expect(set.member.bankAccount).toBe("8327-9, ••••••1117");
    const stale = await raw(api, token("kalmarMember"), SET_MY_ACCOUNT, {
      input: { bankAccount: { clearingNumber: "5491", accountNumber: "0000003" }, expectedVersion: member.version },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const read = await raw(api, token("kalmarCoordinator"), `query($id: ID!) { member(id: $id) { bankAccount } }`, { id: member.id });
    expect(read.data).toEqual({ member: { bankAccount: "8327-9, ••••••1117" } });
    expect(JSON.stringify(read)).not.toContain("9143231117");
    const invitations = await raw(api, token("kalmarMember"), MY_INVITATIONS, {});
    const nodes = (invitations.data as { myInvitations: { nodes: Array<{ registerBankAccount: boolean }> } }).myInvitations.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const invitation of nodes) expect(invitation.registerBankAccount).toBe(false);
    // The personal identity number, which Kalmar records.
    const current = await me("kalmarMember");
    const profile = await mutate<{ member: { personalIdentityNumber: string } | null; errors: unknown[] }>(
      api,
      token("kalmarMember"),
      UPDATE_PROFILE,
      { expectedVersion: current.version, personalIdentityNumber: personnummer },
    );
    expect(profile.errors).toEqual([]);
    member = await me("kalmarMember");
  });

  it("lets the coordinator set the employee number, refusing a malformed one and one another member holds", async () => {
    const bad = await mutate<{ payrollDetails: unknown; errors: PayloadError[] }>(api, token("kalmarCoordinator"), SET_DETAILS, {
      memberId: member.id,
      employeeNumber: "10 234!",
      expectedVersion: member.version,
    });
    expect(bad).toMatchObject({ payrollDetails: null, errors: [{ __typename: "InvalidEmployeeNumber", code: "INVALID_EMPLOYEE_NUMBER" }] });
    const set = await mutate<{ payrollDetails: { employeeNumber: string; bankAccount: string; version: number }; errors: PayloadError[] }>(
      api,
      token("kalmarCoordinator"),
      SET_DETAILS,
      { memberId: member.id, employeeNumber: "k-10234", expectedVersion: member.version },
    );
    expect(set.errors).toEqual([]);
    expect(set.payrollDetails).toMatchObject({ employeeNumber: "K-10234", bankAccount: "8327-9, ••••••1117" });
    // Another region's coordinator: the member does not exist for them.
    const foreign = await mutate<{ payrollDetails: unknown; errors: PayloadError[] }>(api, token("jonkopingCoordinator"), SET_DETAILS, {
      memberId: member.id,
      employeeNumber: "X1",
      expectedVersion: set.payrollDetails.version,
    });
    expect(foreign).toMatchObject({ payrollDetails: null, errors: [{ __typename: "NotFound" }] });
    member = await me("kalmarMember");
    expect(member.employeeNumber).toBe("K-10234");
  });

  it("exports a PAXml 2.0 file that keeps the standard's documented rules, with the fee to the krona", async () => {
    // 2026-06-09, 09:00–14:00 in Stockholm: five hours, a full day in Kalmar's national model, 2 131 kr.
    claim = await attestedClaim("kalmar", {
      startsAt: "2026-06-09T07:00:00Z",
      endsAt: "2026-06-09T12:00:00Z",
      durationMinutes: 300,
      travelMinutes: 0,
    });
    expect(claim).toMatchObject({ status: "ATTESTED", fee: { amountOre: kr(2131) } });
    const created = await mutate<{ payrollExport: PayrollExport | null; errors: PayloadError[] }>(
      api,
      token("kalmarAdmin"),
      CREATE_EXPORT,
      {
        periodFrom: "2026-06-01",
        periodTo: "2026-06-30",
      },
    );
    expect(created.errors).toEqual([]);
    exportId = created.payrollExport?.id as string;
    const file = await files("kalmarAdmin", exportId);

    expect(paxmlRuleViolations(file.paxml)).toEqual([]);

    const lines = transactions(file.paxml).filter((line) => line.info === `Underlag ${claim.id}`);
    expect(lines).toEqual([
      expect.objectContaining({
        anstid: "K-10234",
        persnr: personnummer,
        lonkod: "LT1",
        datum: "2026-06-09",
        antal: "5.00",
        belopp: "2131.00",
      }),
    ]);
    const everything = transactions(file.paxml).reduce((sum, line) => sum + oreOf(line.belopp ?? "0"), 0);
    expect(everything).toBe(file.gross.amountOre);
    // The region pays to the registered account: the person's <bankclearing>/<bankkonto> in full, in the file only.
    expect(file.paxml).toMatch(
      /<person anstid="K-10234" persnr="\d{12}">[\s\S]*?<bankclearing>83279<\/bankclearing>\s*<bankkonto>9143231117<\/bankkonto>/u,
    );
  });

  it("writes the same references into the CSV, and shows staff only the masked ones", async () => {
    const file = await files("kalmarAdmin", exportId);
    const rows = csvRows(file.csv);
    expect(rows[0]?.slice(13, 18)).toEqual(["Personnummer", "Anställningsnummer", "Clearingnummer", "Kontonummer", "Underlag"]);
    const row = rows.find((cells) => cells.at(-1) === claim.id);
    expect(row?.slice(6, 7)).toEqual(["2131,00"]);
    expect(row?.slice(13, 17)).toEqual([`${personnummer.slice(0, 8)}-${personnummer.slice(8)}`, "K-10234", "83279", "9143231117"]);
    expect(file.summaries.find((summary) => summary.personReference === member.id)).toEqual({
      personReference: member.id,
      employeeNumber: "K-10234",
      hasPersonalIdentityNumber: true,
      bankAccount: "8327-9, ••••••1117",
      payrollIdentityMissing: false,
    });
    // A list of exports carries no file and no number.
    const list = await raw(api, token("kalmarAdmin"), LIST, {});
    expect(JSON.stringify(list)).not.toMatch(/9143231117|K-10234/u);
  });

  it("audits each read of a file as an export of the person's data", async () => {
    const response = await raw(api, token("kalmarAdmin"), AUDIT, { filter: { memberId: member.id, action: "EXPORT" } });
    expect(response.errors).toBeUndefined();
    const purposes = (response.data as { auditEvents: { nodes: Array<{ purpose: string }> } }).auditEvents.nodes.map(
      (node) => node.purpose,
    );
    expect(purposes).toEqual(expect.arrayContaining(["payroll PAXml read", "payroll CSV read", "payroll summaries read"]));
    const writes = await raw(api, token("kalmarAdmin"), AUDIT, { filter: { memberId: member.id, action: "WRITE" } });
    const written = JSON.stringify(writes.data);
    expect(written).toContain("bank account set (own profile)");
    expect(written).toContain("employee number set");
    expect(written).not.toContain("9143231117");
  });

  it("gives the member the account in their data export, and erasure removes it", async () => {
    const exported = await raw(api, token("kalmarMember"), EXPORT_MY_DATA, {});
    expect(exported.errors).toBeUndefined();
    const profile = (exported.data as { exportMyData: { data: { profile: Record<string, unknown> } } }).exportMyData.data.profile;
    expect(profile).toMatchObject({
      employeeNumber: "K-10234",
      bankAccount: { clearingNumber: "83279", accountNumber: "9143231117", masked: "8327-9, ••••••1117" },
    });
    const erased = await raw(
      api,
      token("kalmarMember"),
      `mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { __typename } } }`,
      { input: { confirm: true } },
    );
    expect(erased.errors).toBeUndefined();
    expect((erased.data as { eraseMember: { errors: unknown[] } }).eraseMember.errors).toEqual([]);
    // The paid-for claim stays in the books, but the file no longer names the account or the numbers.
    const after = await files("kalmarAdmin", exportId);
    expect(after.paxml).not.toMatch(/9143231117|K-10234|<bankkonto>/u);
    expect(after.csv).not.toMatch(/9143231117|K-10234/u);
    expect(paxmlRuleViolations(after.paxml)).toEqual([]);
  });
});

describe("Jönköping: paid as salary by employee number; the region pays no registered account", () => {
  it("exports a PAXml 2.0 file that keeps the documented rules, with fee, mileage and expenses to the krona", async () => {
    const member = await me("jonkopingMember");
    // Jönköping does not pay to a registered account: an account the member registers stays out of the file.
    const account = await mutate<{ errors: PayloadError[] }>(api, token("jonkopingMember"), SET_MY_ACCOUNT, {
      bankAccount: { clearingNumber: "5491", accountNumber: "0000003" },
      expectedVersion: member.version,
    });
    expect(account.errors).toEqual([]);
    const current = await me("jonkopingMember");
    const details = await mutate<{ errors: PayloadError[] }>(api, token("jonkopingAdmin"), SET_DETAILS, {
      memberId: member.id,
      employeeNumber: "55012",
      expectedVersion: current.version,
    });
    expect(details.errors).toEqual([]);

    // 2026-06-10, 09:00–12:45 plus 30 minutes' travel: a full day, 2 131 kr; 84 km at 2.50 kr = 210 kr; parking 60 kr.
    const claim = await attestedClaim(
      "jonkoping",
      { startsAt: "2026-06-10T07:00:00Z", endsAt: "2026-06-10T10:45:00Z", durationMinutes: 225, travelMinutes: 30 },
      { mileageKm: 84, expenses: [{ description: "Parkering", amountOre: 6_000 }] },
    );
    expect(claim).toMatchObject({ fee: { amountOre: kr(2131) }, mileage: { amountOre: kr(210) }, expensesTotal: { amountOre: kr(60) } });
    const created = await mutate<{ payrollExport: PayrollExport | null; errors: PayloadError[] }>(
      api,
      token("jonkopingAdmin"),
      CREATE_EXPORT,
      {
        periodFrom: "2026-06-01",
        periodTo: "2026-06-30",
      },
    );
    expect(created.errors).toEqual([]);
    const file = await files("jonkopingAdmin", created.payrollExport?.id as string);

    expect(paxmlRuleViolations(file.paxml)).toEqual([]);

    const lines = transactions(file.paxml).filter((line) => line.info === `Underlag ${claim.id}`);
    expect(lines.map((line) => [line.anstid, line.lonkod, line.antal, line.belopp])).toEqual([
      ["55012", "LT1", "4.25", "2131.00"],
      ["55012", "MIL_FRI", "8.4", "210.00"],
      ["55012", "UTLÄGG", undefined, "60.00"],
    ]);
    expect(lines.reduce((sum, line) => sum + oreOf(line.belopp ?? "0"), 0)).toBe(kr(2131 + 210 + 60));
    expect(file.paxml).not.toContain("<bankkonto>");
    expect(file.summaries.find((summary) => summary.personReference === member.id)).toMatchObject({
      employeeNumber: "55012",
      bankAccount: null,
      payrollIdentityMissing: false,
    });
  });

  it("tells the rules check apart from a broken file (the check can fail)", () => {
    const broken = `<?xml version="1.0" encoding="UTF-8"?><paxml><header><version>2.1</version></header><lonetransaktioner><lonetrans persnr="123"><belopp>12,50</belopp></lonetrans><lonetrans><lonkod>LT1</lonkod></lonetrans></lonetransaktioner></paxml>`;
    expect(paxmlRuleViolations(broken)).toEqual([
      "the header's <version> is not 2.0",
      "<lonetrans> 1: persnr is not twelve digits",
      "<lonetrans> 1 has neither <lonkod> nor <lonart>",
      "<lonetrans> 1: <belopp> is not a decimal",
      "<lonetrans> 2 names no person (anstid or persnr)",
    ]);
  });
});
