import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activePool, INVITE, type InvitationView, mutate, query } from "../invitations/invitations.js";
import { fieldErrors } from "../support/errors.js";
import { startMatching, submitRequest } from "../support/requests.js";

// A tenant admin changes the own region's settings: the invitation answer time, the statistics threshold, how long
// inactive members are kept and who attests fee claims. Versioned like every configuration change; nobody else may.

const SETTINGS_FIELDS = "name invitationExpiryDays smallCellThreshold memberRetentionMonths feeClaimAttester version";
const TENANT_SETTINGS = `query { tenantSettings { ${SETTINGS_FIELDS} } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateTenantSettingsInput!) {
  updateTenantSettings(input: $input) { settings { ${SETTINGS_FIELDS} } errors { __typename ... on ErrorResult { code message } } }
}`;

interface Settings {
  name: string;
  invitationExpiryDays: number;
  smallCellThreshold: number;
  memberRetentionMonths: number | null;
  feeClaimAttester: string;
  version: number;
}

let api: TestApi;
const t: Record<string, string> = {};
const DAY_MS = 86_400_000;

const settingsOf = async (token: string) => (await query<{ tenantSettings: Settings }>(api, token, TENANT_SETTINGS)).tenantSettings;
const update = (token: string, input: Record<string, unknown>) => api.graphql(UPDATE_SETTINGS, { token, variables: { input } });

beforeAll(async () => {
  api = await startTestApi();
  t.admin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  t.coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator", network: "levande-bibliotek" });
  t.requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  t.vgrAdmin = await api.tokenFor({ tenant: "vgr", role: "tenant-admin" });
});

afterAll(async () => {
  await api?.stop();
});

describe("updateTenantSettings", () => {
  let current: Settings;

  it("shows the admin the own tenant's settings as seeded", async () => {
    current = await settingsOf(t.admin as string);
    expect(current).toMatchObject({ name: "Region Jönköpings län", invitationExpiryDays: 14, smallCellThreshold: 5 });
  });

  it("changes what is given, keeps the rest, bumps the version and audits before and after", async () => {
    const payload = await mutate<{ settings: Settings }>(api, t.admin as string, UPDATE_SETTINGS, {
      expectedVersion: current.version,
      invitationExpiryDays: 5,
      smallCellThreshold: 3,
      memberRetentionMonths: null,
      feeClaimAttester: "COORDINATOR",
    });
    expect(payload.errors).toEqual([]);
    expect(payload.settings).toEqual({
      ...current,
      invitationExpiryDays: 5,
      smallCellThreshold: 3,
      memberRetentionMonths: null,
      feeClaimAttester: "COORDINATOR",
      version: current.version + 1,
    });
    expect(await settingsOf(t.admin as string)).toEqual(payload.settings);
    const prisma = api.running.database.prisma;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: "jonkoping" } });
    const [event] = await prisma.auditEvent.findMany({
      where: { tenantId: tenant.id, subjectType: "Tenant", subjectId: tenant.id, purpose: "tenant settings" },
      orderBy: { at: "desc" },
      take: 1,
    });
    expect(event?.details).toMatchObject({
      before: { invitationExpiryDays: current.invitationExpiryDays, version: current.version },
      after: { invitationExpiryDays: 5, memberRetentionMonths: null, version: current.version + 1 },
    });
    current = payload.settings;
  });

  it("gives a new invitation the new answer time", async () => {
    const requestId = await submitRequest(api, t.requester as string, { networkSlug: "levande-bibliotek", numberOfPersons: 1 });
    await startMatching(api, t.coordinator as string, requestId);
    const network = await api.running.database.prisma.request.findFirstOrThrow({ where: { id: requestId }, select: { networkId: true } });
    const [memberId] = await activePool(api, t.coordinator as string, network.networkId, 1);
    const { invitations, errors } = await mutate<{ invitations: InvitationView[] }>(api, t.coordinator as string, INVITE, {
      requestId,
      memberIds: [memberId],
      message: "Hej! Passar det här dig?",
    });
    expect(errors).toEqual([]);
    const [invitation] = invitations;
    const answerTime = new Date(invitation?.expiresAt as string).getTime() - new Date(invitation?.invitedAt as string).getTime();
    expect(answerTime).toBe(5 * DAY_MS);
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const stale = await update(t.admin as string, { expectedVersion: current.version - 1, invitationExpiryDays: 30 });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await settingsOf(t.admin as string)).toEqual(current);
  });

  it("refuses bad values with bilingual field errors, all at once, and writes nothing", async () => {
    const bad = await update(t.admin as string, {
      expectedVersion: current.version,
      name: "   ",
      invitationExpiryDays: 91,
      smallCellThreshold: 2,
      memberRetentionMonths: 6,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const errors = fieldErrors(bad);
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ["input.name", "REQUIRED"],
      ["input.invitationExpiryDays", "OUT_OF_RANGE"],
      ["input.smallCellThreshold", "OUT_OF_RANGE"],
      ["input.memberRetentionMonths", "OUT_OF_RANGE"],
    ]);
    for (const error of errors) expect(error.messages.sv && error.messages.en).toBeTruthy();
    expect(await settingsOf(t.admin as string)).toEqual(current);
  });

  it("is for tenant admins only: a coordinator is FORBIDDEN and sees no settings", async () => {
    const forbidden = await update(t.coordinator as string, { expectedVersion: current.version, invitationExpiryDays: 30 });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const read = await api.graphql(TENANT_SETTINGS, { token: t.coordinator });
    expect(read.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const publicRead = await api.graphql(`query { tenant(slug: "jonkoping") { smallCellThreshold } }`);
    expect(publicRead.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await settingsOf(t.admin as string)).toEqual(current);
  });

  it("leaves every other tenant as it was", async () => {
    const vgr = await settingsOf(t.vgrAdmin as string);
    expect(vgr).toMatchObject({ name: "Västra Götalandsregionen", invitationExpiryDays: 14, smallCellThreshold: 5, version: 1 });
    expect(vgr.memberRetentionMonths).not.toBeNull();
  });
});
