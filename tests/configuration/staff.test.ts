import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type {
  CreateStaffUserInput,
  DisableStaffUserInput,
  EnableStaffUserInput,
  GrantRoleInput,
  RevokeRoleInput,
  StaffRoleGrantFieldsFragment,
  StaffUserFieldsFragment,
  StaffUsersOfTenantQueryVariables,
  UpdateStaffUserInput,
} from "../generated/graphql.js";
import { present, query } from "../invitations/invitations.js";
import { auditEventCount, auditEventsAbout } from "../support/audit-log.js";
import {
  type ConfigurationActors,
  configurationActors,
  errorCode,
  everyRegionsAdmin,
  expectFieldErrors,
  expectForbidden,
  MISSING_ID,
  staffUserIdSeenBy,
} from "../support/configuration-admin.js";

// SPEC §1 and §4.10: the tenant admin manages staff users (identified by their identity provider's subject) and grants
// and revokes their roles, tenant-wide or per network; a requester acts for a unit; the tenant can never lose its
// last administrator. Roles take effect at the person's next request, because they are read from the grants.
// Everything is read through the API: the staff lists and grants as each region's administrator, the audit trail
// through `auditEvents` (tests/support/audit-log.ts).

graphql(`fragment StaffUserFields on StaffUser {
  id subject name email phone unitId disabledAt version unit { id name }
}`);
graphql(`fragment StaffRoleGrantFields on StaffRoleGrant {
  id staffUserId role networkId unitId grantedAt grantedById revokedAt network { slug } unit { id }
}`);

const CREATE = graphql(`mutation StaffCreateStaffUser($input: CreateStaffUserInput!) {
  createStaffUser(input: $input) {
    staffUser { ...StaffUserFields } errors { __typename ...PayloadErrorFields ... on SubjectTaken { subject } } } }`);
const UPDATE = graphql(`mutation StaffUpdateStaffUser($input: UpdateStaffUserInput!) {
  updateStaffUser(input: $input) { staffUser { ...StaffUserFields } errors { __typename ...PayloadErrorFields } } }`);
const DISABLE = graphql(`mutation StaffDisableStaffUser($input: DisableStaffUserInput!) {
  disableStaffUser(input: $input) { staffUser { ...StaffUserFields } errors { __typename ...PayloadErrorFields } } }`);
const ENABLE = graphql(`mutation StaffEnableStaffUser($input: EnableStaffUserInput!) {
  enableStaffUser(input: $input) { staffUser { ...StaffUserFields } errors { __typename ...PayloadErrorFields } } }`);
const GRANT_ROLE = graphql(`mutation StaffGrantRole($input: GrantRoleInput!) {
  grantRole(input: $input) { roleGrant { ...StaffRoleGrantFields } errors { __typename ...PayloadErrorFields } } }`);
const REVOKE_ROLE = graphql(`mutation StaffRevokeRole($input: RevokeRoleInput!) {
  revokeRole(input: $input) { roleGrant { ...StaffRoleGrantFields } errors { __typename ...PayloadErrorFields } } }`);
const STAFF_USERS = graphql(`query StaffUsersOfTenant($role: StaffRole, $networkId: ID, $unitId: ID, $includeDisabled: Boolean! = false) {
  staffUsers(role: $role, networkId: $networkId, unitId: $unitId, includeDisabled: $includeDisabled, first: 100) {
    totalCount nodes { ...StaffUserFields } } }`);
const ONE = graphql(`query StaffUserWithGrants($id: ID!) {
  staffUser(id: $id) {
    ...StaffUserFields roleGrants { ...StaffRoleGrantFields } all: roleGrants(includeRevoked: true) { id revokedAt } } }`);
const ONE_ID = graphql(`query StaffUserIdOnly($id: ID!) { staffUser(id: $id) { id } }`);
/** A staff user and every grant they ever held, revoked ones too: what a refused change must leave as it was. */
const EVERYTHING_ABOUT = graphql(`query StaffUserAndEveryGrant($id: ID!) {
  staffUser(id: $id) { ...StaffUserFields createdAt roleGrants(includeRevoked: true) { ...StaffRoleGrantFields } } }`);
/** Every staff user of the caller's tenant, disabled ones too, with every grant they ever held. */
const EVERY_STAFF_USER = graphql(`query StaffEveryStaffUserAndGrant($after: String) {
  staffUsers(first: 100, after: $after, includeDisabled: true) {
    pageInfo { hasNextPage endCursor }
    nodes { id subject roleGrants(includeRevoked: true) { ...StaffRoleGrantFields } } } }`);
const UNITS = graphql(`query StaffUnitsOfTenant { units(first: 100) { nodes { id organisationId retiredAt } } }`);
const NETWORKS = graphql(`query StaffNetworksOfTenant { networks(first: 100) { nodes { id slug } } }`);
const ME = graphql(`query StaffSignedInAs { me { kind subject roles { role network { slug } } } }`);
const MEMBERS = graphql(`query StaffMembersProbe { members(first: 1) { totalCount } }`);
const CREATE_UNIT = graphql(`mutation StaffCreateUnit($input: CreateUnitInput!) {
  createUnit(input: $input) { unit { id } errors { __typename } } }`);
const RETIRE_UNIT = graphql(`mutation StaffRetireUnit($input: RetireUnitInput!) {
  retireUnit(input: $input) { unit { id retiredAt } errors { __typename ... on InUse { usedBy count } } } }`);

type StaffUser = StaffUserFieldsFragment;
type Grant = StaffRoleGrantFieldsFragment;

let api: TestApi;
let actors: ConfigurationActors;
/** Every region's administrator: together they see the staff users, grants and audit events of all tenants. */
let everyAdmin: string[];
let adminStaffId: string;
let adminGrantId: string;
let unitId: string;
let organisationId: string;
let networkId: string;
let foreign: { staffUserId: string; grantId: string; networkId: string; unitId: string };

const create = (input: CreateStaffUserInput) => api.graphql(CREATE, { token: actors.admin, variables: { input } });
const update = (input: UpdateStaffUserInput) => api.graphql(UPDATE, { token: actors.admin, variables: { input } });
const disable = (input: DisableStaffUserInput, token = actors.admin) => api.graphql(DISABLE, { token, variables: { input } });
const enable = (input: EnableStaffUserInput) => api.graphql(ENABLE, { token: actors.admin, variables: { input } });
const grant = (input: GrantRoleInput, token = actors.admin) => api.graphql(GRANT_ROLE, { token, variables: { input } });
const revoke = (input: RevokeRoleInput, token = actors.admin) => api.graphql(REVOKE_ROLE, { token, variables: { input } });
const read = async (id: string, token = actors.admin) => present((await query(api, token, ONE, { id })).staffUser, "the staff user");
const list = async (variables: StaffUsersOfTenantQueryVariables = {}) =>
  present((await query(api, actors.admin, STAFF_USERS, variables)).staffUsers, "the staff list");
const signIn = (subject: string) => api.signToken({ subject, audience: "medverkan:kalmar" });
const signedInAs = async (subject: string) => present((await query(api, await signIn(subject), ME)).me, "me");

const staffPage = async (adminToken: string, after: string | null) =>
  present((await query(api, adminToken, EVERY_STAFF_USER, { after })).staffUsers, "the staff list");
/** Every staff user of one administrator's tenant, each with every grant they ever held. */
async function everyStaffUser(adminToken: string) {
  const nodes: Array<{ id: string; subject: string; roleGrants: Grant[] }> = [];
  for (let after: string | null = null; ; ) {
    const page = await staffPage(adminToken, after);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor ?? null;
  }
}
/** How many staff users and grants (revoked ones too) there are in all tenants, as their administrators list them. */
async function rowCounts(): Promise<[staffUsers: number, grants: number]> {
  let [staffUsers, grants] = [0, 0];
  for (const token of everyAdmin) {
    const nodes = await everyStaffUser(token);
    staffUsers += nodes.length;
    grants += nodes.reduce((sum, node) => sum + node.roleGrants.length, 0);
  }
  return [staffUsers, grants];
}
/** The audit events about one Kalmar subject, oldest first, with the before and after of each change. */
async function auditTrail(subjectId: string) {
  return (await auditEventsAbout(api, actors.admin, subjectId)).map((event) => {
    const details = (event.details ?? {}) as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
    return { ...event, before: details.before ?? null, after: details.after ?? null };
  });
}
/** How many audit events about staff users all tenants hold: unchanged after a refused change. */
const auditCount = () => auditEventCount(api, everyAdmin, ["StaffUser"]);

beforeAll(async () => {
  api = await startTestApi();
  actors = await configurationActors(api);
  everyAdmin = await everyRegionsAdmin(api);
  adminStaffId = await staffUserIdSeenBy(api, actors.admin, "kalmar-admin-1");
  const adminGrant = (await read(adminStaffId)).roleGrants.find((row) => row.role === "TENANT_ADMIN" && row.revokedAt === null);
  const unit = present((await query(api, actors.admin, UNITS)).units, "Kalmar's units").nodes.find((row) => row.retiredAt === null);
  const network = present((await query(api, actors.admin, NETWORKS)).networks, "Kalmar's networks").nodes.find(
    (row) => row.slug === "intressebanken",
  );
  const vgrGrant = (await everyStaffUser(actors.foreignAdmin))
    .flatMap((node) => node.roleGrants)
    .find((row) => row.role === "COORDINATOR" && row.networkId !== null && row.revokedAt === null);
  const vgrUnit = present((await query(api, actors.foreignAdmin, UNITS)).units, "VGR's units").nodes[0];
  if (!adminGrant || !unit || !network || !vgrGrant?.networkId || !vgrUnit) throw new Error("The seed lacks staff, units or networks");
  adminGrantId = adminGrant.id;
  unitId = unit.id;
  organisationId = unit.organisationId;
  networkId = network.id;
  foreign = { staffUserId: vgrGrant.staffUserId, grantId: vgrGrant.id, networkId: vgrGrant.networkId, unitId: vgrUnit.id };
});

afterAll(async () => {
  await api?.stop();
});

describe("staff users and role grants", () => {
  let person: StaffUser;
  let coordinatorGrant: Grant;

  it("creates a staff user who can then sign in, with no role until one is granted", async () => {
    const response = await create({
      subject: " kalmar-new-1 ",
      name: " Lena  Lind ",
      email: "Lena.Lind@RegionKalmar.example.se",
      phone: "0480-123 45",
      unitId,
    });
    expect(response.data?.createStaffUser.errors).toEqual([]);
    person = present(response.data?.createStaffUser.staffUser, "the new staff user");
    expect(person).toMatchObject({
      subject: "kalmar-new-1",
      name: "Lena Lind",
      email: "lena.lind@regionkalmar.example.se",
      phone: "+4648012345",
      unitId,
      disabledAt: null,
      version: 1,
      unit: { id: unitId },
    });
    expect((await list()).nodes.map((node) => node.id)).toContain(person.id);
    expect((await read(person.id)).roleGrants).toEqual([]);

    expect(await signedInAs("kalmar-new-1")).toMatchObject({ kind: "STAFF", roles: [] });
    const trail = await auditTrail(person.id);
    expect(trail).toEqual([expect.objectContaining({ action: "WRITE", actorId: adminStaffId, before: null })]);
    expect(trail[0]?.after).toMatchObject({ subject: "kalmar-new-1", email: "lena.lind@regionkalmar.example.se" });
  });

  it("grants a role for one network, effective at the person's next request, and granting it again changes nothing", async () => {
    const token = await signIn("kalmar-new-1");
    expect(errorCode(await api.graphql(MEMBERS, { token }))).toBe("FORBIDDEN");

    const response = await grant({ staffUserId: person.id, role: "COORDINATOR", networkId });
    expect(response.data?.grantRole.errors).toEqual([]);
    coordinatorGrant = present(response.data?.grantRole.roleGrant, "the grant");
    expect(coordinatorGrant).toMatchObject({
      staffUserId: person.id,
      role: "COORDINATOR",
      networkId,
      unitId: null,
      grantedById: adminStaffId,
      revokedAt: null,
      network: { slug: "intressebanken" },
    });
    expect((await api.graphql(MEMBERS, { token })).errors).toBeUndefined();
    expect((await read(person.id)).roleGrants.map((row) => row.id)).toEqual([coordinatorGrant.id]);
    const coordinators = await list({ role: "COORDINATOR", networkId });
    expect(coordinators.nodes.map((node) => node.id)).toContain(person.id);

    const again = await grant({ staffUserId: person.id, role: "COORDINATOR", networkId });
    expect(again.data?.grantRole.roleGrant?.id).toBe(coordinatorGrant.id);
    const trail = await auditTrail(coordinatorGrant.id);
    expect(trail).toEqual([expect.objectContaining({ purpose: "grant", before: null })]);
    expect(trail[0]?.after).toMatchObject({ role: "COORDINATOR", networkId, staffUserId: person.id });
  });

  it("gives a requester a unit — the one named, or their own — and refuses grants that make no sense", async () => {
    const requester = await grant({ staffUserId: person.id, role: "REQUESTER" });
    expect(requester.data?.grantRole.roleGrant).toMatchObject({ role: "REQUESTER", unitId, networkId: null });

    const [staffRows, grantRows] = await rowCounts();
    const noUnit = present(
      (await create({ subject: "kalmar-new-2", name: "Utan Enhet", email: "utan.enhet@example.se" })).data?.createStaffUser.staffUser,
      "the staff user without a unit",
    );
    expectFieldErrors(await grant({ staffUserId: noUnit.id, role: "REQUESTER" }), [["input.unitId", "REQUIRED"]]);
    expectFieldErrors(await grant({ staffUserId: noUnit.id, role: "TENANT_ADMIN", networkId }), [["input.networkId", "NOT_ALLOWED"]]);
    expectFieldErrors(await grant({ staffUserId: noUnit.id, role: "COORDINATOR", unitId }), [["input.unitId", "NOT_ALLOWED"]]);
    const foreignNetwork = await grant({ staffUserId: noUnit.id, role: "COORDINATOR", networkId: foreign.networkId });
    expectFieldErrors(foreignNetwork, [["input.networkId", "UNKNOWN_REFERENCE"]]);
    expect(foreignNetwork).toEqual(await grant({ staffUserId: noUnit.id, role: "COORDINATOR", networkId: MISSING_ID }));
    expectFieldErrors(await grant({ staffUserId: noUnit.id, role: "REQUESTER", unitId: foreign.unitId }), [
      ["input.unitId", "UNKNOWN_REFERENCE"],
    ]);
    expect(await rowCounts()).toEqual([staffRows + 1, grantRows]);

    // A unit someone still sends requests for cannot be retired until that grant is revoked.
    const created = await query(api, actors.admin, CREATE_UNIT, { input: { organisationId, name: "Enhet utan ansvarskod" } });
    const freshUnitId = present(created.createUnit.unit, "the new unit").id;
    const requesterThere = present(
      (await grant({ staffUserId: noUnit.id, role: "REQUESTER", unitId: freshUnitId })).data?.grantRole.roleGrant,
      "the requester grant",
    );
    expect(requesterThere.unitId).toBe(freshUnitId);
    const retireUnit = () => query(api, actors.admin, RETIRE_UNIT, { input: { id: freshUnitId, expectedVersion: 1 } });
    expect((await retireUnit()).retireUnit.errors).toEqual([{ __typename: "InUse", usedBy: "REQUESTER_GRANT", count: 1 }]);
    await revoke({ grantId: requesterThere.id });
    expect((await retireUnit()).retireUnit.unit?.retiredAt).not.toBeNull();
    expectFieldErrors(await grant({ staffUserId: noUnit.id, role: "REQUESTER", unitId: freshUnitId }), [["input.unitId", "NOT_ALLOWED"]]);
  });

  it("changes only what an update names, under the version read; a stale version gets CONFLICT", async () => {
    const response = await update({ id: person.id, expectedVersion: 1, name: "Lena Lind-Berg", phone: null });
    expect(response.data?.updateStaffUser.staffUser).toMatchObject({
      name: "Lena Lind-Berg",
      phone: null,
      email: "lena.lind@regionkalmar.example.se",
      unitId,
      version: 2,
    });
    const trail = await auditTrail(person.id);
    expect(trail.at(-1)).toMatchObject({
      before: { name: "Lena Lind", version: 1 },
      after: { name: "Lena Lind-Berg", phone: null, version: 2 },
    });

    const audits = await auditCount();
    const stale = await update({ id: person.id, expectedVersion: 1, name: "Lost update" });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect(stale.data ?? null).toBeNull();
    expect((await read(person.id)).name).toBe("Lena Lind-Berg");
    expect(await auditCount()).toBe(audits);
    person = await read(person.id);
  });

  it("refuses invalid input with every field error at once, and writes nothing", async () => {
    const [rows, audits] = await Promise.all([rowCounts(), auditCount()]);
    expectFieldErrors(await create({ subject: "has space", name: " ", email: "nope", phone: "12", unitId: foreign.unitId }), [
      ["input.subject", "INVALID_FORMAT"],
      ["input.name", "REQUIRED"],
      ["input.email", "INVALID_EMAIL"],
      ["input.phone", "INVALID_PHONE"],
      ["input.unitId", "UNKNOWN_REFERENCE"],
    ]);
    expectFieldErrors(await update({ id: person.id, expectedVersion: person.version, email: null, unitId: MISSING_ID }), [
      ["input.email", "REQUIRED"],
      ["input.unitId", "UNKNOWN_REFERENCE"],
    ]);
    expect(await Promise.all([rowCounts(), auditCount()])).toEqual([rows, audits]);
  });

  it("answers SubjectTaken for a subject another staff user signs in with", async () => {
    const response = await create({ subject: "kalmar-coordinator-1", name: "Dubblett", email: "dubblett@example.se" });
    expect(response.data?.createStaffUser).toEqual({
      staffUser: null,
      errors: [expect.objectContaining({ __typename: "SubjectTaken", code: "SUBJECT_TAKEN", subject: "kalmar-coordinator-1" })],
    });
  });

  it("revokes a grant, effective at the person's next request, and keeps it as history", async () => {
    const response = await revoke({ grantId: coordinatorGrant.id });
    expect(response.data?.revokeRole.errors).toEqual([]);
    expect(response.data?.revokeRole.roleGrant?.revokedAt).not.toBeNull();
    expect(errorCode(await api.graphql(MEMBERS, { token: await signIn("kalmar-new-1") }))).toBe("FORBIDDEN");
    const staff = await read(person.id);
    expect(staff.roleGrants.map((row) => row.role)).toEqual(["REQUESTER"]);
    expect(staff.all.find((row) => row.id === coordinatorGrant.id)?.revokedAt).not.toBeNull();
    expect((await auditTrail(coordinatorGrant.id)).at(-1)).toMatchObject({
      purpose: "revoke",
      before: { revokedAt: null },
      after: { revokedAt: expect.any(String) },
    });
  });

  it("never lets the tenant lose its last enabled administrator", async () => {
    const lonely = await revoke({ grantId: adminGrantId });
    expect(lonely.data?.revokeRole).toEqual({
      roleGrant: null,
      errors: [expect.objectContaining({ __typename: "LastTenantAdmin", code: "LAST_TENANT_ADMIN" })],
    });
    const adminVersion = (await read(adminStaffId)).version;
    expect((await disable({ id: adminStaffId, expectedVersion: adminVersion })).data?.disableStaffUser.errors[0]?.__typename).toBe(
      "LastTenantAdmin",
    );

    // A second administrator: the new one can administer at once, and either grant may now go.
    const second = await grant({ staffUserId: person.id, role: "TENANT_ADMIN" });
    const secondGrant = present(second.data?.grantRole.roleGrant, "the second administrator's grant");
    const personToken = await signIn("kalmar-new-1");
    expect((await api.graphql(STAFF_USERS, { token: personToken })).errors).toBeUndefined();
    const revoked = await revoke({ grantId: secondGrant.id });
    expect(revoked.data?.revokeRole.errors).toEqual([]);
    expect(errorCode(await api.graphql(STAFF_USERS, { token: personToken }))).toBe("FORBIDDEN");

    // A disabled administrator does not count: with the second one disabled, the first is again the last.
    const again = present((await grant({ staffUserId: person.id, role: "TENANT_ADMIN" })).data?.grantRole.roleGrant, "the grant");
    const disabled = await disable({ id: person.id, expectedVersion: person.version });
    expect(disabled.data?.disableStaffUser.staffUser?.disabledAt).not.toBeNull();
    expect((await revoke({ grantId: adminGrantId })).data?.revokeRole.errors[0]?.__typename).toBe("LastTenantAdmin");
    const enabled = await enable({ id: person.id, expectedVersion: person.version + 1 });
    expect(enabled.data?.enableStaffUser.staffUser).toMatchObject({ disabledAt: null, version: person.version + 2 });
    expect((await revoke({ grantId: again.id })).data?.revokeRole.errors).toEqual([]);
    person = await read(person.id);
  });

  it("disables a staff user, who then cannot act as staff, and enables them again with their grants", async () => {
    const response = await disable({ id: person.id, expectedVersion: person.version });
    expect(response.data?.disableStaffUser.staffUser?.disabledAt).not.toBeNull();
    expect((await signedInAs("kalmar-new-1")).kind).not.toBe("STAFF");
    expect((await list()).nodes.map((node) => node.id)).not.toContain(person.id);
    expect((await list({ includeDisabled: true })).nodes.map((node) => node.id)).toContain(person.id);
    expect(errorCode(await enable({ id: person.id, expectedVersion: person.version }))).toBe("CONFLICT");

    const enabled = await enable({ id: person.id, expectedVersion: person.version + 1 });
    expect(enabled.data?.enableStaffUser.staffUser?.disabledAt).toBeNull();
    expect(await signedInAs("kalmar-new-1")).toMatchObject({ kind: "STAFF", roles: [{ role: "REQUESTER" }] });
    const trail = await auditTrail(person.id);
    expect(trail.slice(-2).map((entry) => entry.purpose)).toEqual(["disable", "enable"]);
  });
});

describe("staff across tenants", () => {
  it("another region's staff user reads like a missing one", async () => {
    const response = await api.graphql(ONE, { token: actors.admin, variables: { id: foreign.staffUserId } });
    expect(response).toEqual(await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } }));
    expect(response.data).toEqual({ staffUser: null });
    expect((await list({ includeDisabled: true })).nodes.map((node) => node.id)).not.toContain(foreign.staffUserId);
    expect((await list({ networkId: foreign.networkId })).totalCount).toBe(0);
  });

  it("changing, disabling, granting to or revoking from another region's staff answers NotFound, like missing ones", async () => {
    // What VGR's administrator sees of their staff user: it must be just as it was after Kalmar's attempts.
    const snapshot = async () => (await query(api, actors.foreignAdmin, EVERYTHING_ABOUT, { id: foreign.staffUserId })).staffUser;
    const before = await snapshot();
    expect(before?.id).toBe(foreign.staffUserId);
    const attempts: Array<[(id: string) => Promise<{ data?: Record<string, unknown> | null }>, string]> = [
      [(id) => update({ id, expectedVersion: 1, name: "Kapad" }), foreign.staffUserId],
      [(id) => disable({ id, expectedVersion: 1 }), foreign.staffUserId],
      [(id) => enable({ id, expectedVersion: 1 }), foreign.staffUserId],
      [(id) => grant({ staffUserId: id, role: "TENANT_ADMIN" }), foreign.staffUserId],
      [(id) => revoke({ grantId: id }), foreign.grantId],
    ];
    for (const [mutate, id] of attempts) {
      const foreignResponse = await mutate(id);
      expect(foreignResponse).toEqual(await mutate(MISSING_ID));
      const payload = Object.values(foreignResponse.data ?? {})[0] as { errors: Array<{ __typename: string }> } | undefined;
      expect(payload?.errors.map((error) => error.__typename)).toEqual(["NotFound"]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("staff permissions", () => {
  it("refuses every staff and grant operation to anyone but a tenant admin", async () => {
    const others = [actors.coordinator, actors.requester, actors.analyst, undefined];
    await expectForbidden(api, others, CREATE, { input: { subject: "kalmar-forbidden", name: "Förbjuden", email: "f@example.se" } });
    await expectForbidden(api, others, UPDATE, { input: { id: adminStaffId, expectedVersion: 1, name: "Förbjuden" } });
    await expectForbidden(api, others, DISABLE, { input: { id: adminStaffId, expectedVersion: 1 } });
    await expectForbidden(api, others, ENABLE, { input: { id: adminStaffId, expectedVersion: 1 } });
    await expectForbidden(api, others, GRANT_ROLE, { input: { staffUserId: adminStaffId, role: "ANALYST" } });
    await expectForbidden(api, others, REVOKE_ROLE, { input: { grantId: adminGrantId } });
    await expectForbidden(api, others, STAFF_USERS, {});
    await expectForbidden(api, others, ONE_ID, { id: adminStaffId });
    // No tenant's administrator finds a staff user with the refused subject, disabled or not.
    for (const token of everyAdmin) expect((await everyStaffUser(token)).map((node) => node.subject)).not.toContain("kalmar-forbidden");
  });
});
