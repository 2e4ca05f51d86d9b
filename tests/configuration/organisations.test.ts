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

// SPEC §3 and §4.10: organisations (region, municipalities, federation, associations), their units and their cost
// centres (ansvarskoder, unique per tenant; a shared one such as Jönköping's LPO belongs to no unit), configured by
// the tenant admin, validated and audited.

const ORGANISATION = "id name kind paysOwnParticipants createdAt retiredAt version";
const UNIT = `id name organisationId retiredAt version organisation { id name }`;
const COST_CENTRE = `id code name shared organisationId unitId retiredAt version organisation { id name } unit { id name }`;
const ERROR = "__typename ... on ErrorResult { code message messageSv messageEn }";

const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) {
  organisation { ${ORGANISATION} } errors { ${ERROR} ... on NameTaken { name } } } }`;
const UPDATE_ORGANISATION = `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) {
  organisation { ${ORGANISATION} } errors { ${ERROR} ... on NameTaken { name } } } }`;
const RETIRE_ORGANISATION = `mutation($input: RetireOrganisationInput!) { retireOrganisation(input: $input) {
  organisation { ${ORGANISATION} } errors { ${ERROR} ... on InUse { usedBy count } } } }`;
const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { ${UNIT} } errors { ${ERROR} ... on NameTaken { name } } } }`;
const UPDATE_UNIT = `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { ${UNIT} } errors { ${ERROR} ... on NameTaken { name } } } }`;
const RETIRE_UNIT = `mutation($input: RetireUnitInput!) { retireUnit(input: $input) { unit { ${UNIT} } errors { ${ERROR} ... on InUse { usedBy count } } } }`;
const CREATE_COST_CENTRE = `mutation($input: CreateCostCentreInput!) { createCostCentre(input: $input) {
  costCentre { ${COST_CENTRE} } errors { ${ERROR} ... on CodeTaken { costCentreCode } } } }`;
const UPDATE_COST_CENTRE = `mutation($input: UpdateCostCentreInput!) { updateCostCentre(input: $input) { costCentre { ${COST_CENTRE} } errors { ${ERROR} } } }`;
const RETIRE_COST_CENTRE = `mutation($input: RetireCostCentreInput!) { retireCostCentre(input: $input) { costCentre { ${COST_CENTRE} } errors { ${ERROR} } } }`;

const ORGANISATIONS = `query($kind: OrganisationKind, $includeRetired: Boolean! = false) {
  organisations(kind: $kind, includeRetired: $includeRetired, first: 100) { totalCount nodes { ${ORGANISATION} } } }`;
const UNITS = `query($organisationId: ID, $includeRetired: Boolean! = false) {
  units(organisationId: $organisationId, includeRetired: $includeRetired, first: 100) { totalCount nodes { ${UNIT} } } }`;
const COST_CENTRES = `query($organisationId: ID, $unitId: ID, $includeRetired: Boolean! = false) {
  costCentres(organisationId: $organisationId, unitId: $unitId, includeRetired: $includeRetired, first: 100) { totalCount nodes { ${COST_CENTRE} } } }`;
const ONE = `query($id: ID!) { organisation(id: $id) { ${ORGANISATION} } unit(id: $id) { ${UNIT} } costCentre(id: $id) { ${COST_CENTRE} } }`;

interface Organisation {
  id: string;
  name: string;
  kind: string;
  paysOwnParticipants: boolean;
  retiredAt: string | null;
  version: number;
}
interface Unit {
  id: string;
  name: string;
  organisationId: string;
  retiredAt: string | null;
  version: number;
  organisation: { id: string; name: string };
}
interface CostCentre {
  id: string;
  code: string;
  name: string;
  shared: boolean;
  organisationId: string;
  unitId: string | null;
  retiredAt: string | null;
  version: number;
  organisation: { id: string; name: string };
  unit: { id: string; name: string } | null;
}
type Errors = Array<{
  __typename: string;
  code: string;
  message: string;
  name?: string;
  costCentreCode?: string;
  usedBy?: string;
  count?: number;
}>;
type Payload<K extends string, O extends string, T> = Record<K, Record<O, T | null> & { errors: Errors }>;

let api: TestApi;
let actors: ConfigurationActors;
let adminStaffId: string;
let regionId: string;
let foreign: { organisationId: string; unitId: string; costCentreId: string };

const call = <K extends string, O extends string, T>(query: string, input: Record<string, unknown>) =>
  api.graphql<Payload<K, O, T>>(query, { token: actors.admin, variables: { input } });
const counts = async () => {
  const prisma = api.running.database.prisma;
  return Promise.all([prisma.organisation.count(), prisma.unit.count(), prisma.costCentre.count()]);
};

beforeAll(async () => {
  api = await startTestApi();
  actors = await configurationActors(api);
  adminStaffId = await staffUserIdOf(api, "kalmar-admin-1");
  const prisma = api.running.database.prisma;
  const region = await prisma.organisation.findFirst({ where: { tenant: { slug: "kalmar" }, kind: "REGION_UNIT" } });
  const vgrCostCentre = await prisma.costCentre.findFirst({ where: { tenant: { slug: "vgr" }, unitId: { not: null } } });
  if (!region || !vgrCostCentre?.unitId) throw new Error("The seed lacks organisations");
  regionId = region.id;
  foreign = { organisationId: vgrCostCentre.organisationId, unitId: vgrCostCentre.unitId, costCentreId: vgrCostCentre.id };
});

afterAll(async () => {
  await api?.stop();
});

describe("organisations, units and cost centres", () => {
  let organisation: Organisation;
  let unit: Unit;
  let costCentre: CostCentre;

  it("creates an organisation, a unit of it and the unit's cost centre, each visible through the read API and audited", async () => {
    const created = await call<"createOrganisation", "organisation", Organisation>(CREATE_ORGANISATION, {
      name: " Hjärt- och Lungsjukas  förening i Kalmar ",
      kind: "ASSOCIATION",
      paysOwnParticipants: true,
    });
    expect(created.data?.createOrganisation.errors).toEqual([]);
    organisation = created.data?.createOrganisation.organisation as Organisation;
    expect(organisation).toMatchObject({
      name: "Hjärt- och Lungsjukas förening i Kalmar",
      kind: "ASSOCIATION",
      paysOwnParticipants: true,
      retiredAt: null,
      version: 1,
    });

    const unitResponse = await call<"createUnit", "unit", Unit>(CREATE_UNIT, { organisationId: organisation.id, name: "Kansliet" });
    expect(unitResponse.data?.createUnit.errors).toEqual([]);
    unit = unitResponse.data?.createUnit.unit as Unit;
    expect(unit).toMatchObject({
      name: "Kansliet",
      organisationId: organisation.id,
      organisation: { name: "Hjärt- och Lungsjukas förening i Kalmar" },
    });

    const costCentreResponse = await call<"createCostCentre", "costCentre", CostCentre>(CREATE_COST_CENTRE, {
      organisationId: organisation.id,
      unitId: unit.id,
      code: " hl-4100 ",
      name: "Kansliet",
    });
    expect(costCentreResponse.data?.createCostCentre.errors).toEqual([]);
    costCentre = costCentreResponse.data?.createCostCentre.costCentre as CostCentre;
    expect(costCentre).toMatchObject({ code: "HL-4100", shared: false, unitId: unit.id, unit: { name: "Kansliet" }, version: 1 });
    expect(unit.version).toBe(1);

    const associations = await ok<{ organisations: { nodes: Organisation[] } }>(api, actors.admin, ORGANISATIONS, { kind: "ASSOCIATION" });
    expect(associations.organisations.nodes.map((node) => node.id)).toContain(organisation.id);
    expect(associations.organisations.nodes.every((node) => node.kind === "ASSOCIATION")).toBe(true);
    const units = await ok<{ units: { totalCount: number; nodes: Unit[] } }>(api, actors.admin, UNITS, { organisationId: organisation.id });
    expect(units.units.nodes.map((node) => node.id)).toEqual([unit.id]);
    const costCentres = await ok<{ costCentres: { nodes: CostCentre[] } }>(api, actors.admin, COST_CENTRES, { unitId: unit.id });
    expect(costCentres.costCentres.nodes.map((node) => node.code)).toEqual(["HL-4100"]);
    const one = await ok<{ organisation: Organisation; unit: null; costCentre: null }>(api, actors.admin, ONE, { id: organisation.id });
    expect(one).toEqual({ organisation, unit: null, costCentre: null });

    for (const [type, id, after] of [
      ["Organisation", organisation.id, { name: "Hjärt- och Lungsjukas förening i Kalmar", paysOwnParticipants: true }],
      ["Unit", unit.id, { name: "Kansliet", organisationId: organisation.id }],
      ["CostCentre", costCentre.id, { code: "HL-4100", unitId: unit.id }],
    ] as const) {
      const trail = await auditTrail(api, type, id);
      expect(trail, type).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: "WRITE", actorId: adminStaffId, before: null, after });
    }
  });

  it("keeps a shared cost centre (LPO) free of units and a unit's cost centre within the unit's organisation", async () => {
    const shared = await call<"createCostCentre", "costCentre", CostCentre>(CREATE_COST_CENTRE, {
      organisationId: regionId,
      code: "49-0900",
      name: "Länsgemensamma programområden",
      shared: true,
    });
    expect(shared.data?.createCostCentre.costCentre).toMatchObject({ shared: true, unitId: null, unit: null });

    const before = await counts();
    expectFieldErrors(
      await call(CREATE_COST_CENTRE, { organisationId: organisation.id, unitId: unit.id, code: "HL-4101", name: "Delad", shared: true }),
      [["input.unitId", "NOT_ALLOWED"]],
    );
    expectFieldErrors(
      await call(CREATE_COST_CENTRE, { organisationId: regionId, unitId: unit.id, code: "HL-4102", name: "Fel organisation" }),
      [["input.unitId", "INCONSISTENT"]],
    );
    expectFieldErrors(await call(UPDATE_COST_CENTRE, { id: costCentre.id, expectedVersion: 1, shared: true }), [
      ["input.unitId", "NOT_ALLOWED"],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("changes only what an update names, under the version read, and audits before and after", async () => {
    const renamed = await call<"updateOrganisation", "organisation", Organisation>(UPDATE_ORGANISATION, {
      id: organisation.id,
      expectedVersion: organisation.version,
      paysOwnParticipants: false,
    });
    expect(renamed.data?.updateOrganisation.organisation).toMatchObject({
      name: "Hjärt- och Lungsjukas förening i Kalmar",
      kind: "ASSOCIATION",
      paysOwnParticipants: false,
      version: 2,
    });
    const unitRenamed = await call<"updateUnit", "unit", Unit>(UPDATE_UNIT, {
      id: unit.id,
      expectedVersion: unit.version,
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(unitRenamed.data?.updateUnit.unit).toMatchObject({
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
      version: 2,
    });
    const detached = await call<"updateCostCentre", "costCentre", CostCentre>(UPDATE_COST_CENTRE, {
      id: costCentre.id,
      expectedVersion: costCentre.version,
      unitId: null,
      name: "Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(detached.data?.updateCostCentre.costCentre).toMatchObject({
      code: "HL-4100",
      unitId: null,
      name: "Hjärt- och Lungsjukas förening i Kalmar",
      version: 2,
    });

    const organisationTrail = await auditTrail(api, "Organisation", organisation.id);
    expect(organisationTrail.at(-1)).toMatchObject({
      before: { paysOwnParticipants: true, version: 1 },
      after: { paysOwnParticipants: false, version: 2 },
    });
    const unitTrail = await auditTrail(api, "Unit", unit.id);
    expect(unitTrail.at(-1)).toMatchObject({
      before: { name: "Kansliet" },
      after: { name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar" },
    });
    const costCentreTrail = await auditTrail(api, "CostCentre", costCentre.id);
    expect(costCentreTrail.at(-1)).toMatchObject({ before: { unitId: unit.id }, after: { unitId: null } });

    // Re-saving unchanged values writes nothing: no new version, no audit event.
    const audits = await auditCount(api, "Organisation");
    const unchanged = await call<"updateOrganisation", "organisation", Organisation>(UPDATE_ORGANISATION, {
      id: organisation.id,
      expectedVersion: 2,
      name: "Hjärt- och Lungsjukas förening i Kalmar",
      paysOwnParticipants: false,
    });
    expect(unchanged.data?.updateOrganisation.organisation?.version).toBe(2);
    expect(await auditCount(api, "Organisation")).toBe(audits);
    const reattached = await call<"updateCostCentre", "costCentre", CostCentre>(UPDATE_COST_CENTRE, {
      id: costCentre.id,
      expectedVersion: 2,
      unitId: unit.id,
    });
    expect(reattached.data?.updateCostCentre.costCentre).toMatchObject({ unitId: unit.id, version: 3 });
    organisation = renamed.data?.updateOrganisation.organisation as Organisation;
    unit = unitRenamed.data?.updateUnit.unit as Unit;
    costCentre = reattached.data?.updateCostCentre.costCentre as CostCentre;
  });

  it("refuses a stale version with CONFLICT and writes nothing, for organisations, units and cost centres", async () => {
    const prisma = api.running.database.prisma;
    const rows = () =>
      Promise.all([
        prisma.organisation.findFirst({ where: { id: organisation.id } }),
        prisma.unit.findFirst({ where: { id: unit.id } }),
        prisma.costCentre.findFirst({ where: { id: costCentre.id } }),
        auditCount(api, "Organisation"),
        auditCount(api, "Unit"),
        auditCount(api, "CostCentre"),
      ]);
    const before = await rows();
    const [storedOrganisation, storedUnit, storedCostCentre] = before;
    expect([storedOrganisation?.version, storedUnit?.version, storedCostCentre?.version]).toEqual([2, 2, 3]);
    const stale: Array<[string, Record<string, unknown>]> = [
      [UPDATE_ORGANISATION, { id: organisation.id, expectedVersion: 1, name: "Lost update" }],
      [RETIRE_ORGANISATION, { id: organisation.id, expectedVersion: 1 }],
      [UPDATE_UNIT, { id: unit.id, expectedVersion: 1, name: "Lost update" }],
      [RETIRE_UNIT, { id: unit.id, expectedVersion: 1 }],
      [UPDATE_COST_CENTRE, { id: costCentre.id, expectedVersion: 2, name: "Lost update" }],
      [RETIRE_COST_CENTRE, { id: costCentre.id, expectedVersion: 2 }],
    ];
    for (const [query, input] of stale) {
      const response = await call(query, input);
      expect(errorCode(response), JSON.stringify(response)).toBe("CONFLICT");
      expect(response.data ?? null).toBeNull();
    }
    expect(await rows()).toEqual(before);
    const read = await ok<{ organisation: Organisation }>(api, actors.admin, ONE, { id: organisation.id });
    expect(read.organisation).toMatchObject({ name: "Hjärt- och Lungsjukas förening i Kalmar", version: 2 });
  });

  it("answers NameTaken and CodeTaken for names and codes already in use, and writes nothing", async () => {
    const before = await counts();
    const organisationTaken = await call<"createOrganisation", "organisation", Organisation>(CREATE_ORGANISATION, {
      name: "Region Kalmar län",
      kind: "REGION_UNIT",
    });
    expect(organisationTaken.data?.createOrganisation).toEqual({
      organisation: null,
      errors: [expect.objectContaining({ __typename: "NameTaken", code: "NAME_TAKEN", name: "Region Kalmar län" })],
    });
    const unitTaken = await call<"createUnit", "unit", Unit>(CREATE_UNIT, {
      organisationId: organisation.id,
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(unitTaken.data?.createUnit.errors[0]?.__typename).toBe("NameTaken");
    // The same name in another organisation is a different unit.
    const elsewhere = await call<"createUnit", "unit", Unit>(CREATE_UNIT, {
      organisationId: regionId,
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(elsewhere.data?.createUnit.errors).toEqual([]);
    for (const code of ["10-2410", "kfkl-210", "hl-4100"]) {
      const codeTaken = await call<"createCostCentre", "costCentre", CostCentre>(CREATE_COST_CENTRE, {
        organisationId: regionId,
        code,
        name: "Dubblett",
      });
      expect(codeTaken.data?.createCostCentre.errors, code).toEqual([
        expect.objectContaining({ __typename: "CodeTaken", code: "CODE_TAKEN", costCentreCode: code.toUpperCase() }),
      ]);
    }
    const after = await counts();
    expect(after).toEqual([before[0], (before[1] ?? 0) + 1, before[2]]);
    await call(RETIRE_UNIT, { id: elsewhere.data?.createUnit.unit?.id, expectedVersion: 1 });
  });

  it("refuses invalid input with every field error at once, another tenant's references like missing ones, and writes nothing", async () => {
    const before = await Promise.all([counts(), auditCount(api, "Organisation"), auditCount(api, "Unit"), auditCount(api, "CostCentre")]);
    expectFieldErrors(await call(CREATE_ORGANISATION, { name: " ", kind: "ASSOCIATION" }), [["input.name", "REQUIRED"]]);
    expectFieldErrors(await call(UPDATE_ORGANISATION, { id: organisation.id, expectedVersion: 2, name: null, kind: null }), [
      ["input.name", "REQUIRED"],
      ["input.kind", "REQUIRED"],
    ]);
    const foreignOrganisation = await call(CREATE_UNIT, { organisationId: foreign.organisationId, name: "x".repeat(201) });
    const missingOrganisation = await call(CREATE_UNIT, { organisationId: MISSING_ID, name: "x".repeat(201) });
    expectFieldErrors(foreignOrganisation, [
      ["input.organisationId", "UNKNOWN_REFERENCE"],
      ["input.name", "TOO_LONG"],
    ]);
    expect(foreignOrganisation).toEqual(missingOrganisation);
    expectFieldErrors(await call(CREATE_COST_CENTRE, { organisationId: regionId, unitId: foreign.unitId, code: "ÅÄÖ 1", name: "" }), [
      ["input.unitId", "UNKNOWN_REFERENCE"],
      ["input.code", "INVALID_FORMAT"],
      ["input.name", "REQUIRED"],
    ]);
    expect(await Promise.all([counts(), auditCount(api, "Organisation"), auditCount(api, "Unit"), auditCount(api, "CostCentre")])).toEqual(
      before,
    );
  });

  it("retires in order: cost centres, then units, then the organisation; retired ones stay readable", async () => {
    const blocked = await call<"retireOrganisation", "organisation", Organisation>(RETIRE_ORGANISATION, {
      id: organisation.id,
      expectedVersion: 2,
    });
    expect(blocked.data?.retireOrganisation).toEqual({
      organisation: null,
      errors: [expect.objectContaining({ __typename: "InUse", code: "IN_USE", usedBy: "UNIT", count: 1 })],
    });
    const unitBlocked = await call<"retireUnit", "unit", Unit>(RETIRE_UNIT, { id: unit.id, expectedVersion: 2 });
    expect(unitBlocked.data?.retireUnit.errors).toEqual([
      expect.objectContaining({ __typename: "InUse", usedBy: "COST_CENTRE", count: 1 }),
    ]);

    const retiredCostCentre = await call<"retireCostCentre", "costCentre", CostCentre>(RETIRE_COST_CENTRE, {
      id: costCentre.id,
      expectedVersion: 3,
    });
    expect(retiredCostCentre.data?.retireCostCentre.costCentre?.retiredAt).not.toBeNull();
    expect(retiredCostCentre.data?.retireCostCentre.costCentre?.version).toBe(4);
    const retiredUnit = await call<"retireUnit", "unit", Unit>(RETIRE_UNIT, { id: unit.id, expectedVersion: 2 });
    expect(retiredUnit.data?.retireUnit.unit?.retiredAt).not.toBeNull();
    expect(retiredUnit.data?.retireUnit.unit?.version).toBe(3);
    const retired = await call<"retireOrganisation", "organisation", Organisation>(RETIRE_ORGANISATION, {
      id: organisation.id,
      expectedVersion: 2,
    });
    expect(retired.data?.retireOrganisation.errors).toEqual([]);
    expect(retired.data?.retireOrganisation.organisation?.retiredAt).not.toBeNull();
    expect(retired.data?.retireOrganisation.organisation?.version).toBe(3);
    // Retiring again (with the version now read) changes nothing.
    const again = await call<"retireOrganisation", "organisation", Organisation>(RETIRE_ORGANISATION, {
      id: organisation.id,
      expectedVersion: 3,
    });
    expect(again.data?.retireOrganisation.organisation).toMatchObject({
      retiredAt: retired.data?.retireOrganisation.organisation?.retiredAt,
      version: 3,
    });

    const listed = await ok<{ organisations: { nodes: Organisation[] } }>(api, actors.admin, ORGANISATIONS, {});
    expect(listed.organisations.nodes.map((node) => node.id)).not.toContain(organisation.id);
    const withRetired = await ok<{ organisations: { nodes: Organisation[] } }>(api, actors.admin, ORGANISATIONS, { includeRetired: true });
    expect(withRetired.organisations.nodes.map((node) => node.id)).toContain(organisation.id);
    const units = await ok<{ units: { nodes: Unit[] } }>(api, actors.admin, UNITS, {
      organisationId: organisation.id,
      includeRetired: true,
    });
    expect(units.units.nodes.map((node) => node.retiredAt === null)).toEqual([false]);
    expect((await auditTrail(api, "Organisation", organisation.id)).at(-1)).toMatchObject({
      purpose: "retire",
      before: { retiredAt: null },
    });

    expectFieldErrors(await call(CREATE_UNIT, { organisationId: organisation.id, name: "Ny enhet" }), [
      ["input.organisationId", "NOT_ALLOWED"],
    ]);
    expectFieldErrors(await call(CREATE_COST_CENTRE, { organisationId: regionId, unitId: unit.id, code: "HL-4200", name: "Ny" }), [
      ["input.unitId", "NOT_ALLOWED"],
    ]);
  });
});

describe("organisations across tenants", () => {
  it("another region's organisation, unit and cost centre read exactly like missing ones", async () => {
    for (const id of [foreign.organisationId, foreign.unitId, foreign.costCentreId]) {
      const response = await api.graphql(ONE, { token: actors.admin, variables: { id } });
      expect(response).toEqual(await api.graphql(ONE, { token: actors.admin, variables: { id: MISSING_ID } }));
      expect(response.data).toEqual({ organisation: null, unit: null, costCentre: null });
    }
    const units = await ok<{ units: { totalCount: number } }>(api, actors.admin, UNITS, { organisationId: foreign.organisationId });
    expect(units.units.totalCount).toBe(0);
    const costCentres = await ok<{ costCentres: { nodes: CostCentre[] } }>(api, actors.admin, COST_CENTRES, { includeRetired: true });
    expect(costCentres.costCentres.nodes.map((node) => node.id)).not.toContain(foreign.costCentreId);
    const organisations = await ok<{ organisations: { nodes: Organisation[] } }>(api, actors.admin, ORGANISATIONS, {
      includeRetired: true,
    });
    expect(organisations.organisations.nodes.map((node) => node.id)).not.toContain(foreign.organisationId);
  });

  it("changing or retiring another region's objects answers NotFound, like missing ones, and changes nothing", async () => {
    const prisma = api.running.database.prisma;
    const snapshot = () =>
      Promise.all([
        prisma.organisation.findFirst({ where: { id: foreign.organisationId } }),
        prisma.unit.findFirst({ where: { id: foreign.unitId } }),
        prisma.costCentre.findFirst({ where: { id: foreign.costCentreId } }),
      ]);
    const before = await snapshot();
    const attempts: Array<[string, (id: string) => Record<string, unknown>, string]> = [
      [UPDATE_ORGANISATION, (id) => ({ id, expectedVersion: 1, name: "Kapad" }), foreign.organisationId],
      [RETIRE_ORGANISATION, (id) => ({ id, expectedVersion: 1 }), foreign.organisationId],
      [UPDATE_UNIT, (id) => ({ id, expectedVersion: 1, name: "Kapad" }), foreign.unitId],
      [RETIRE_UNIT, (id) => ({ id, expectedVersion: 1 }), foreign.unitId],
      [UPDATE_COST_CENTRE, (id) => ({ id, expectedVersion: 1, name: "Kapad" }), foreign.costCentreId],
      [RETIRE_COST_CENTRE, (id) => ({ id, expectedVersion: 1 }), foreign.costCentreId],
    ];
    for (const [query, input, id] of attempts) {
      const foreignResponse = await api.graphql(query, { token: actors.admin, variables: { input: input(id) } });
      const missingResponse = await api.graphql(query, { token: actors.admin, variables: { input: input(MISSING_ID) } });
      expect(foreignResponse).toEqual(missingResponse);
      const payload = Object.values(foreignResponse.data ?? {})[0] as { errors: Errors };
      expect(payload.errors.map((error) => error.__typename)).toEqual(["NotFound"]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("organisation permissions", () => {
  it("refuses every organisation, unit and cost centre operation to anyone but a tenant admin", async () => {
    const others = [actors.coordinator, actors.requester, actors.analyst, undefined];
    const id = regionId;
    await expectForbidden(api, others, CREATE_ORGANISATION, { input: { name: "Förbjuden", kind: "ASSOCIATION" } });
    await expectForbidden(api, others, UPDATE_ORGANISATION, { input: { id, expectedVersion: 1, name: "Förbjuden" } });
    await expectForbidden(api, others, RETIRE_ORGANISATION, { input: { id, expectedVersion: 1 } });
    await expectForbidden(api, others, CREATE_UNIT, { input: { organisationId: id, name: "Förbjuden" } });
    await expectForbidden(api, others, UPDATE_UNIT, { input: { id, expectedVersion: 1, name: "Förbjuden" } });
    await expectForbidden(api, others, RETIRE_UNIT, { input: { id, expectedVersion: 1 } });
    await expectForbidden(api, others, CREATE_COST_CENTRE, { input: { organisationId: id, code: "F-1", name: "Förbjuden" } });
    await expectForbidden(api, others, UPDATE_COST_CENTRE, { input: { id, expectedVersion: 1, name: "Förbjuden" } });
    await expectForbidden(api, others, RETIRE_COST_CENTRE, { input: { id, expectedVersion: 1 } });
    await expectForbidden(api, others, ORGANISATIONS, {});
    await expectForbidden(api, others, UNITS, {});
    await expectForbidden(api, others, COST_CENTRES, {});
    for (const field of ["organisation", "unit", "costCentre"]) {
      await expectForbidden(api, others, `query($id: ID!) { ${field}(id: $id) { id } }`, { id });
    }
    const prisma = api.running.database.prisma;
    expect(await prisma.organisation.count({ where: { name: "Förbjuden" } })).toBe(0);
  });
});
