import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditCount,
  auditTrail,
  type ConfigurationActors,
  configurationActors,
  errorCode,
  expectFieldErrors,
  expectForbidden,
  MISSING_ID,
  ok,
  staffUserIdOf,
} from "../support/configuration-admin.js";
import { ME } from "../support/queries.js";

// SPEC §1 and §4.10: the tenant admin manages staff users (identified by their identity provider's subject) and grants
// and revokes their roles, tenant-wide or per network; a requester acts for a unit; the tenant can never lose its
// last administrator. Roles take effect at the person's next request, because they are read from the grants.

const STAFF = "id subject name email phone unitId disabledAt version unit { id name }";
const GRANT = "id staffUserId role networkId unitId grantedAt grantedById revokedAt network { slug } unit { id }";
const ERROR = "__typename ... on ErrorResult { code message messageSv messageEn }";
const CREATE = `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) {
  staffUser { ${STAFF} } errors { ${ERROR} ... on SubjectTaken { subject } } } }`;
const UPDATE = `mutation($input: UpdateStaffUserInput!) { updateStaffUser(input: $input) { staffUser { ${STAFF} } errors { ${ERROR} } } }`;
const DISABLE = `mutation($input: DisableStaffUserInput!) { disableStaffUser(input: $input) { staffUser { ${STAFF} } errors { ${ERROR} } } }`;
const ENABLE = `mutation($input: EnableStaffUserInput!) { enableStaffUser(input: $input) { staffUser { ${STAFF} } errors { ${ERROR} } } }`;
const GRANT_ROLE = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleGrant { ${GRANT} } errors { ${ERROR} } } }`;
const REVOKE_ROLE = `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { roleGrant { ${GRANT} } errors { ${ERROR} } } }`;
const STAFF_USERS = `query($role: StaffRole, $networkId: ID, $unitId: ID, $includeDisabled: Boolean! = false) {
  staffUsers(role: $role, networkId: $networkId, unitId: $unitId, includeDisabled: $includeDisabled, first: 100) {
    totalCount nodes { ${STAFF} } } }`;
const ONE = `query($id: ID!) { staffUser(id: $id) { ${STAFF} roleGrants { ${GRANT} } all: roleGrants(includeRevoked: true) { id revokedAt } } }`;
const MEMBERS = `query { members(first: 1) { totalCount } }`;
const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { id } errors { __typename } } }`;
const RETIRE_UNIT = `mutation($input: RetireUnitInput!) { retireUnit(input: $input) { unit { id retiredAt } errors { __typename ... on InUse { usedBy count } } } }`;

interface StaffUser {
  id: string;
  subject: string;
  name: string;
  email: string;
  phone: string | null;
  unitId: string | null;
  disabledAt: string | null;
  version: number;
  unit: { id: string; name: string } | null;
}
interface Grant {
  id: string;
  staffUserId: string;
  role: string;
  networkId: string | null;
  unitId: string | null;
  grantedById: string | null;
  revokedAt: string | null;
  network: { slug: string } | null;
}
type Errors = Array<{ __typename: string; code: string; message: string; subject?: string }>;
type StaffPayload<K extends string> = Record<K, { staffUser: StaffUser | null; errors: Errors }>;
type GrantPayload<K extends string> = Record<K, { roleGrant: Grant | null; errors: Errors }>;

let api: TestApi;
let actors: ConfigurationActors;
let adminStaffId: string;
let adminGrantId: string;
let unitId: string;
let networkId: string;
let foreign: { staffUserId: string; grantId: string; networkId: string; unitId: string };

const call = <T>(query: string, input: Record<string, unknown>, token = actors.admin) =>
  api.graphql<T>(query, { token, variables: { input } });
const create = (input: Record<string, unknown>) => call<StaffPayload<"createStaffUser">>(CREATE, input);
const update = (input: Record<string, unknown>) => call<StaffPayload<"updateStaffUser">>(UPDATE, input);
const disable = (input: Record<string, unknown>, token?: string) => call<StaffPayload<"disableStaffUser">>(DISABLE, input, token);
const enable = (input: Record<string, unknown>) => call<StaffPayload<"enableStaffUser">>(ENABLE, input);
const grant = (input: Record<string, unknown>, token?: string) => call<GrantPayload<"grantRole">>(GRANT_ROLE, input, token);
const revoke = (input: Record<string, unknown>, token?: string) => call<GrantPayload<"revokeRole">>(REVOKE_ROLE, input, token);
const read = async (id: string) =>
  (await ok<{ staffUser: StaffUser & { roleGrants: Grant[]; all: Grant[] } }>(api, actors.admin, ONE, { id })).staffUser;
const signIn = (subject: string) => api.signToken({ subject, audience: "medverkan:kalmar" });
const rowCounts = () => Promise.all([api.running.database.prisma.staffUser.count(), api.running.database.prisma.roleGrant.count()]);

beforeAll(async () => {
  api = await startTestApi();
  actors = await configurationActors(api);
  adminStaffId = await staffUserIdOf(api, "kalmar-admin-1");
  const prisma = api.running.database.prisma;
  const adminGrant = await prisma.roleGrant.findFirst({ where: { staffUserId: adminStaffId, role: "TENANT_ADMIN", revokedAt: null } });
  const unit = await prisma.unit.findFirst({ where: { tenant: { slug: "kalmar" }, retiredAt: null } });
  const network = await prisma.network.findFirst({ where: { tenant: { slug: "kalmar" }, slug: "intressebanken" } });
  const vgrGrant = await prisma.roleGrant.findFirst({ where: { tenant: { slug: "vgr" }, role: "COORDINATOR", networkId: { not: null } } });
  const vgrUnit = await prisma.unit.findFirst({ where: { tenant: { slug: "vgr" } } });
  if (!adminGrant || !unit || !network || !vgrGrant?.networkId || !vgrUnit) throw new Error("The seed lacks staff, units or networks");
  adminGrantId = adminGrant.id;
  unitId = unit.id;
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
    person = response.data?.createStaffUser.staffUser as StaffUser;
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
    const listed = await ok<{ staffUsers: { nodes: StaffUser[] } }>(api, actors.admin, STAFF_USERS, {});
    expect(listed.staffUsers.nodes.map((node) => node.id)).toContain(person.id);
    expect((await read(person.id)).roleGrants).toEqual([]);

    const me = await ok<{ me: { kind: string; roles: unknown[] } }>(api, await signIn("kalmar-new-1"), ME);
    expect(me.me).toMatchObject({ kind: "STAFF", roles: [] });
    const trail = await auditTrail(api, "StaffUser", person.id);
    expect(trail).toEqual([expect.objectContaining({ action: "WRITE", actorId: adminStaffId, before: null })]);
    expect(trail[0]?.after).toMatchObject({ subject: "kalmar-new-1", email: "lena.lind@regionkalmar.example.se" });
  });

  it("grants a role for one network, effective at the person's next request, and granting it again changes nothing", async () => {
    const token = await signIn("kalmar-new-1");
    expect(errorCode(await api.graphql(MEMBERS, { token }))).toBe("FORBIDDEN");

    const response = await grant({ staffUserId: person.id, role: "COORDINATOR", networkId });
    expect(response.data?.grantRole.errors).toEqual([]);
    coordinatorGrant = response.data?.grantRole.roleGrant as Grant;
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
    const coordinators = await ok<{ staffUsers: { nodes: StaffUser[] } }>(api, actors.admin, STAFF_USERS, {
      role: "COORDINATOR",
      networkId,
    });
    expect(coordinators.staffUsers.nodes.map((node) => node.id)).toContain(person.id);

    const again = await grant({ staffUserId: person.id, role: "COORDINATOR", networkId });
    expect(again.data?.grantRole.roleGrant?.id).toBe(coordinatorGrant.id);
    const trail = await auditTrail(api, "RoleGrant", coordinatorGrant.id);
    expect(trail).toEqual([expect.objectContaining({ purpose: "grant", before: null })]);
    expect(trail[0]?.after).toMatchObject({ role: "COORDINATOR", networkId, staffUserId: person.id });
  });

  it("gives a requester a unit — the one named, or their own — and refuses grants that make no sense", async () => {
    const requester = await grant({ staffUserId: person.id, role: "REQUESTER" });
    expect(requester.data?.grantRole.roleGrant).toMatchObject({ role: "REQUESTER", unitId, networkId: null });

    const [staffRows, grantRows] = await rowCounts();
    const noUnit = (await create({ subject: "kalmar-new-2", name: "Utan Enhet", email: "utan.enhet@example.se" })).data?.createStaffUser
      .staffUser as StaffUser;
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
    const organisationId = (await api.running.database.prisma.unit.findFirst({ where: { id: unitId } }))?.organisationId;
    const created = await ok<{ createUnit: { unit: { id: string } } }>(api, actors.admin, CREATE_UNIT, {
      input: { organisationId, name: "Enhet utan ansvarskod" },
    });
    const freshUnitId = created.createUnit.unit.id;
    const requesterThere = (await grant({ staffUserId: noUnit.id, role: "REQUESTER", unitId: freshUnitId })).data?.grantRole
      .roleGrant as Grant;
    expect(requesterThere.unitId).toBe(freshUnitId);
    const retireUnit = () =>
      ok<{
        retireUnit: { unit: { retiredAt: string | null } | null; errors: Array<{ __typename: string; usedBy?: string; count?: number }> };
      }>(api, actors.admin, RETIRE_UNIT, { input: { id: freshUnitId, expectedVersion: 1 } });
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
    const trail = await auditTrail(api, "StaffUser", person.id);
    expect(trail.at(-1)).toMatchObject({
      before: { name: "Lena Lind", version: 1 },
      after: { name: "Lena Lind-Berg", phone: null, version: 2 },
    });

    const audits = await auditCount(api, "StaffUser");
    const stale = await update({ id: person.id, expectedVersion: 1, name: "Lost update" });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect(stale.data ?? null).toBeNull();
    expect((await read(person.id)).name).toBe("Lena Lind-Berg");
    expect(await auditCount(api, "StaffUser")).toBe(audits);
    person = (await read(person.id)) as StaffUser;
  });

  it("refuses invalid input with every field error at once, and writes nothing", async () => {
    const [rows, audits] = await Promise.all([rowCounts(), auditCount(api, "StaffUser")]);
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
    expect(await Promise.all([rowCounts(), auditCount(api, "StaffUser")])).toEqual([rows, audits]);
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
    expect((await auditTrail(api, "RoleGrant", coordinatorGrant.id)).at(-1)).toMatchObject({
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
    const secondGrant = second.data?.grantRole.roleGrant as Grant;
    const personToken = await signIn("kalmar-new-1");
    expect((await api.graphql(STAFF_USERS, { token: personToken })).errors).toBeUndefined();
    const revoked = await revoke({ grantId: secondGrant.id });
    expect(revoked.data?.revokeRole.errors).toEqual([]);
    expect(errorCode(await api.graphql(STAFF_USERS, { token: personToken }))).toBe("FORBIDDEN");

    // A disabled administrator does not count: with the second one disabled, the first is again the last.
    const again = (await grant({ staffUserId: person.id, role: "TENANT_ADMIN" })).data?.grantRole.roleGrant as Grant;
    const disabled = await disable({ id: person.id, expectedVersion: person.version });
    expect(disabled.data?.disableStaffUser.staffUser?.disabledAt).not.toBeNull();
    expect((await revoke({ grantId: adminGrantId })).data?.revokeRole.errors[0]?.__typename).toBe("LastTenantAdmin");
    const enabled = await enable({ id: person.id, expectedVersion: person.version + 1 });
    expect(enabled.data?.enableStaffUser.staffUser).toMatchObject({ disabledAt: null, version: person.version + 2 });
    expect((await revoke({ grantId: again.id })).data?.revokeRole.errors).toEqual([]);
    person = (await read(person.id)) as StaffUser;
  });

  it("disables a staff user, who then cannot act as staff, and enables them again with their grants", async () => {
    const response = await disable({ id: person.id, expectedVersion: person.version });
    expect(response.data?.disableStaffUser.staffUser?.disabledAt).not.toBeNull();
    const me = await ok<{ me: { kind: string } }>(api, await signIn("kalmar-new-1"), ME);
    expect(me.me.kind).not.toBe("STAFF");
    const listed = await ok<{ staffUsers: { nodes: StaffUser[] } }>(api, actors.admin, STAFF_USERS, {});
    expect(listed.staffUsers.nodes.map((node) => node.id)).not.toContain(person.id);
    const withDisabled = await ok<{ staffUsers: { nodes: StaffUser[] } }>(api, actors.admin, STAFF_USERS, { includeDisabled: true });
    expect(withDisabled.staffUsers.nodes.map((node) => node.id)).toContain(person.id);
    expect(errorCode(await enable({ id: person.id, expectedVersion: person.version }))).toBe("CONFLICT");

    const enabled = await enable({ id: person.id, expectedVersion: person.version + 1 });
    expect(enabled.data?.enableStaffUser.staffUser?.disabledAt).toBeNull();
    const back = await ok<{ me: { kind: string; roles: { role: string }[] } }>(api, await signIn("kalmar-new-1"), ME);
    expect(back.me).toMatchObject({ kind: "STAFF", roles: [{ role: "REQUESTER" }] });
    const trail = await auditTrail(api, "StaffUser", person.id);
    expect(trail.slice(-2).map((entry) => entry.purpose)).toEqual(["disable", "enable"]);
  });
});

describe("staff across tenants", () => {
  it("another region's staff user reads like a missing one", async () => {
    const response = await api.graphql(ONE, { token: actors.admin, variables: { id: foreign.staffUserId } });
    expect(response).toEqual(await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } }));
    expect(response.data).toEqual({ staffUser: null });
    const listed = await ok<{ staffUsers: { nodes: StaffUser[] } }>(api, actors.admin, STAFF_USERS, { includeDisabled: true });
    expect(listed.staffUsers.nodes.map((node) => node.id)).not.toContain(foreign.staffUserId);
    const filtered = await ok<{ staffUsers: { totalCount: number } }>(api, actors.admin, STAFF_USERS, { networkId: foreign.networkId });
    expect(filtered.staffUsers.totalCount).toBe(0);
  });

  it("changing, disabling, granting to or revoking from another region's staff answers NotFound, like missing ones", async () => {
    const prisma = api.running.database.prisma;
    const snapshot = () =>
      Promise.all([
        prisma.staffUser.findFirst({ where: { id: foreign.staffUserId } }),
        prisma.roleGrant.findMany({ where: { staffUserId: foreign.staffUserId } }),
      ]);
    const before = await snapshot();
    const attempts: Array<
      [(input: Record<string, unknown>) => Promise<{ data?: unknown }>, (id: string) => Record<string, unknown>, string]
    > = [
      [update, (id) => ({ id, expectedVersion: 1, name: "Kapad" }), foreign.staffUserId],
      [disable, (id) => ({ id, expectedVersion: 1 }), foreign.staffUserId],
      [enable, (id) => ({ id, expectedVersion: 1 }), foreign.staffUserId],
      [grant, (id) => ({ staffUserId: id, role: "TENANT_ADMIN" }), foreign.staffUserId],
      [revoke, (id) => ({ grantId: id }), foreign.grantId],
    ];
    for (const [mutate, input, id] of attempts) {
      const foreignResponse = await mutate(input(id));
      expect(foreignResponse).toEqual(await mutate(input(MISSING_ID)));
      const payload = Object.values((foreignResponse.data ?? {}) as Record<string, { errors: Errors }>)[0];
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
    await expectForbidden(api, others, `query($id: ID!) { staffUser(id: $id) { id } }`, { id: adminStaffId });
    expect(await api.running.database.prisma.staffUser.count({ where: { subject: "kalmar-forbidden" } })).toBe(0);
  });
});
