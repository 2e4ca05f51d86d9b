import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type {
  CostCentreFieldsFragment,
  CreateCostCentreInput,
  CreateOrganisationInput,
  CreateUnitInput,
  OrganisationFieldsFragment,
  OrganisationsCostCentresQueryVariables,
  OrganisationsListQueryVariables,
  OrganisationsUnitsQueryVariables,
  RetireCostCentreInput,
  RetireOrganisationInput,
  RetireUnitInput,
  UnitFieldsFragment,
  UpdateCostCentreInput,
  UpdateOrganisationInput,
  UpdateUnitInput,
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

// SPEC §3 and §4.10: organisations (region, municipalities, federation, associations), their units and their cost
// centres (ansvarskoder, unique per tenant; a shared one such as Jönköping's LPO belongs to no unit), configured by
// the tenant admin, validated and audited. Everything is read through the API: the lists and objects as each region's
// administrator, the audit trail through `auditEvents` (tests/support/audit-log.ts).

graphql(`fragment OrganisationFields on Organisation { id name kind paysOwnParticipants createdAt retiredAt version }`);
graphql(`fragment UnitFields on Unit { id name organisationId retiredAt version organisation { id name } }`);
graphql(`fragment CostCentreFields on CostCentre {
  id code name shared organisationId unitId retiredAt version organisation { id name } unit { id name }
}`);

const CREATE_ORGANISATION = graphql(`mutation OrganisationsCreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    organisation { ...OrganisationFields } errors { __typename ...PayloadErrorFields ... on NameTaken { name } } } }`);
const UPDATE_ORGANISATION = graphql(`mutation OrganisationsUpdateOrganisation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { ...OrganisationFields } errors { __typename ...PayloadErrorFields ... on NameTaken { name } } } }`);
const RETIRE_ORGANISATION = graphql(`mutation OrganisationsRetireOrganisation($input: RetireOrganisationInput!) {
  retireOrganisation(input: $input) {
    organisation { ...OrganisationFields } errors { __typename ...PayloadErrorFields ... on InUse { usedBy count } } } }`);
const CREATE_UNIT = graphql(`mutation OrganisationsCreateUnit($input: CreateUnitInput!) {
  createUnit(input: $input) { unit { ...UnitFields } errors { __typename ...PayloadErrorFields ... on NameTaken { name } } } }`);
const UPDATE_UNIT = graphql(`mutation OrganisationsUpdateUnit($input: UpdateUnitInput!) {
  updateUnit(input: $input) { unit { ...UnitFields } errors { __typename ...PayloadErrorFields ... on NameTaken { name } } } }`);
const RETIRE_UNIT = graphql(`mutation OrganisationsRetireUnit($input: RetireUnitInput!) {
  retireUnit(input: $input) { unit { ...UnitFields } errors { __typename ...PayloadErrorFields ... on InUse { usedBy count } } } }`);
const CREATE_COST_CENTRE = graphql(`mutation OrganisationsCreateCostCentre($input: CreateCostCentreInput!) {
  createCostCentre(input: $input) {
    costCentre { ...CostCentreFields } errors { __typename ...PayloadErrorFields ... on CodeTaken { costCentreCode } } } }`);
const UPDATE_COST_CENTRE = graphql(`mutation OrganisationsUpdateCostCentre($input: UpdateCostCentreInput!) {
  updateCostCentre(input: $input) { costCentre { ...CostCentreFields } errors { __typename ...PayloadErrorFields } } }`);
const RETIRE_COST_CENTRE = graphql(`mutation OrganisationsRetireCostCentre($input: RetireCostCentreInput!) {
  retireCostCentre(input: $input) { costCentre { ...CostCentreFields } errors { __typename ...PayloadErrorFields } } }`);

const ORGANISATIONS = graphql(`query OrganisationsList($kind: OrganisationKind, $includeRetired: Boolean! = false, $first: Int = 100) {
  organisations(kind: $kind, includeRetired: $includeRetired, first: $first) {
    totalCount pageInfo { hasNextPage } nodes { ...OrganisationFields } } }`);
const UNITS = graphql(`query OrganisationsUnits($organisationId: ID, $includeRetired: Boolean! = false, $first: Int = 100) {
  units(organisationId: $organisationId, includeRetired: $includeRetired, first: $first) {
    totalCount pageInfo { hasNextPage } nodes { ...UnitFields } } }`);
const COST_CENTRES =
  graphql(`query OrganisationsCostCentres($organisationId: ID, $unitId: ID, $includeRetired: Boolean! = false, $first: Int = 100) {
  costCentres(organisationId: $organisationId, unitId: $unitId, includeRetired: $includeRetired, first: $first) {
    totalCount pageInfo { hasNextPage } nodes { ...CostCentreFields } } }`);
const ONE = graphql(`query OrganisationsAnyById($id: ID!) {
  organisation(id: $id) { ...OrganisationFields } unit(id: $id) { ...UnitFields } costCentre(id: $id) { ...CostCentreFields } }`);
const ORGANISATION_ID_ONLY = graphql(`query OrganisationsOrganisationIdOnly($id: ID!) { organisation(id: $id) { id } }`);
const UNIT_ID_ONLY = graphql(`query OrganisationsUnitIdOnly($id: ID!) { unit(id: $id) { id } }`);
const COST_CENTRE_ID_ONLY = graphql(`query OrganisationsCostCentreIdOnly($id: ID!) { costCentre(id: $id) { id } }`);

type Organisation = OrganisationFieldsFragment;
type Unit = UnitFieldsFragment;
type CostCentre = CostCentreFieldsFragment;
type Errors = Array<{ __typename: string }>;

let api: TestApi;
let actors: ConfigurationActors;
/** Every region's administrator: together they see the organisations, units, cost centres and audit events of all tenants. */
let everyAdmin: string[];
let adminStaffId: string;
let regionId: string;
let foreign: { organisationId: string; unitId: string; costCentreId: string };

const as = (token = actors.admin) => ({ token });
const createOrganisation = (input: CreateOrganisationInput) => api.graphql(CREATE_ORGANISATION, { ...as(), variables: { input } });
const updateOrganisation = (input: UpdateOrganisationInput) => api.graphql(UPDATE_ORGANISATION, { ...as(), variables: { input } });
const retireOrganisation = (input: RetireOrganisationInput) => api.graphql(RETIRE_ORGANISATION, { ...as(), variables: { input } });
const createUnit = (input: CreateUnitInput) => api.graphql(CREATE_UNIT, { ...as(), variables: { input } });
const updateUnit = (input: UpdateUnitInput) => api.graphql(UPDATE_UNIT, { ...as(), variables: { input } });
const retireUnit = (input: RetireUnitInput) => api.graphql(RETIRE_UNIT, { ...as(), variables: { input } });
const createCostCentre = (input: CreateCostCentreInput) => api.graphql(CREATE_COST_CENTRE, { ...as(), variables: { input } });
const updateCostCentre = (input: UpdateCostCentreInput) => api.graphql(UPDATE_COST_CENTRE, { ...as(), variables: { input } });
const retireCostCentre = (input: RetireCostCentreInput) => api.graphql(RETIRE_COST_CENTRE, { ...as(), variables: { input } });

const organisations = async (variables: OrganisationsListQueryVariables = {}, token = actors.admin) =>
  present((await query(api, token, ORGANISATIONS, variables)).organisations, "the organisations");
const units = async (variables: OrganisationsUnitsQueryVariables = {}, token = actors.admin) =>
  present((await query(api, token, UNITS, variables)).units, "the units");
const costCentres = async (variables: OrganisationsCostCentresQueryVariables = {}, token = actors.admin) =>
  present((await query(api, token, COST_CENTRES, variables)).costCentres, "the cost centres");
const one = (id: string, token = actors.admin) => query(api, token, ONE, { id });

/** How many organisations, units and cost centres all tenants hold together, retired ones too. */
async function counts(): Promise<[organisations: number, units: number, costCentres: number]> {
  const total: [number, number, number] = [0, 0, 0];
  for (const token of everyAdmin) {
    total[0] += (await organisations({ includeRetired: true, first: 1 }, token)).totalCount;
    total[1] += (await units({ includeRetired: true, first: 1 }, token)).totalCount;
    total[2] += (await costCentres({ includeRetired: true, first: 1 }, token)).totalCount;
  }
  return total;
}
/** The audit events about one Kalmar subject of this type, oldest first, with the before and after of each change. */
async function auditTrail(subjectType: string, subjectId: string) {
  return (await auditEventsAbout(api, actors.admin, subjectId))
    .filter((event) => event.subjectType === subjectType)
    .map((event) => {
      const details = (event.details ?? {}) as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
      return { ...event, before: details.before ?? null, after: details.after ?? null };
    });
}
/** How many audit events about this subject type all tenants hold: unchanged after a refused change. */
const auditCount = (subjectType: string) => auditEventCount(api, everyAdmin, [subjectType]);

beforeAll(async () => {
  api = await startTestApi();
  actors = await configurationActors(api);
  everyAdmin = await everyRegionsAdmin(api);
  adminStaffId = await staffUserIdSeenBy(api, actors.admin, "kalmar-admin-1");
  const region = (await organisations({ kind: "REGION_UNIT" })).nodes[0];
  const vgrCostCentre = (await costCentres({}, actors.foreignAdmin)).nodes.find((node) => node.unitId !== null);
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
    const created = await createOrganisation({
      name: " Hjärt- och Lungsjukas  förening i Kalmar ",
      kind: "ASSOCIATION",
      paysOwnParticipants: true,
    });
    expect(created.data?.createOrganisation.errors).toEqual([]);
    organisation = present(created.data?.createOrganisation.organisation, "the new organisation");
    expect(organisation).toMatchObject({
      name: "Hjärt- och Lungsjukas förening i Kalmar",
      kind: "ASSOCIATION",
      paysOwnParticipants: true,
      retiredAt: null,
      version: 1,
    });

    const unitResponse = await createUnit({ organisationId: organisation.id, name: "Kansliet" });
    expect(unitResponse.data?.createUnit.errors).toEqual([]);
    unit = present(unitResponse.data?.createUnit.unit, "the new unit");
    expect(unit).toMatchObject({
      name: "Kansliet",
      organisationId: organisation.id,
      organisation: { name: "Hjärt- och Lungsjukas förening i Kalmar" },
    });

    const costCentreResponse = await createCostCentre({
      organisationId: organisation.id,
      unitId: unit.id,
      code: " hl-4100 ",
      name: "Kansliet",
    });
    expect(costCentreResponse.data?.createCostCentre.errors).toEqual([]);
    costCentre = present(costCentreResponse.data?.createCostCentre.costCentre, "the new cost centre");
    expect(costCentre).toMatchObject({ code: "HL-4100", shared: false, unitId: unit.id, unit: { name: "Kansliet" }, version: 1 });
    expect(unit.version).toBe(1);

    const associations = await organisations({ kind: "ASSOCIATION" });
    expect(associations.nodes.map((node) => node.id)).toContain(organisation.id);
    expect(associations.nodes.every((node) => node.kind === "ASSOCIATION")).toBe(true);
    expect((await units({ organisationId: organisation.id })).nodes.map((node) => node.id)).toEqual([unit.id]);
    expect((await costCentres({ unitId: unit.id })).nodes.map((node) => node.code)).toEqual(["HL-4100"]);
    expect(await one(organisation.id)).toEqual({ organisation, unit: null, costCentre: null });

    for (const [type, id, after] of [
      ["Organisation", organisation.id, { name: "Hjärt- och Lungsjukas förening i Kalmar", paysOwnParticipants: true }],
      ["Unit", unit.id, { name: "Kansliet", organisationId: organisation.id }],
      ["CostCentre", costCentre.id, { code: "HL-4100", unitId: unit.id }],
    ] as const) {
      const trail = await auditTrail(type, id);
      expect(trail, type).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: "WRITE", actorId: adminStaffId, before: null, after });
    }
  });

  it("keeps a shared cost centre (LPO) free of units and a unit's cost centre within the unit's organisation", async () => {
    const shared = await createCostCentre({
      organisationId: regionId,
      code: "49-0900",
      name: "Länsgemensamma programområden",
      shared: true,
    });
    expect(shared.data?.createCostCentre.costCentre).toMatchObject({ shared: true, unitId: null, unit: null });

    const before = await counts();
    expectFieldErrors(
      await createCostCentre({ organisationId: organisation.id, unitId: unit.id, code: "HL-4101", name: "Delad", shared: true }),
      [["input.unitId", "NOT_ALLOWED"]],
    );
    expectFieldErrors(await createCostCentre({ organisationId: regionId, unitId: unit.id, code: "HL-4102", name: "Fel organisation" }), [
      ["input.unitId", "INCONSISTENT"],
    ]);
    expectFieldErrors(await updateCostCentre({ id: costCentre.id, expectedVersion: 1, shared: true }), [["input.unitId", "NOT_ALLOWED"]]);
    expect(await counts()).toEqual(before);
  });

  it("changes only what an update names, under the version read, and audits before and after", async () => {
    const renamed = await updateOrganisation({
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
    const unitRenamed = await updateUnit({
      id: unit.id,
      expectedVersion: unit.version,
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(unitRenamed.data?.updateUnit.unit).toMatchObject({
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
      version: 2,
    });
    const detached = await updateCostCentre({
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

    const organisationTrail = await auditTrail("Organisation", organisation.id);
    expect(organisationTrail.at(-1)).toMatchObject({
      before: { paysOwnParticipants: true, version: 1 },
      after: { paysOwnParticipants: false, version: 2 },
    });
    const unitTrail = await auditTrail("Unit", unit.id);
    expect(unitTrail.at(-1)).toMatchObject({
      before: { name: "Kansliet" },
      after: { name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar" },
    });
    const costCentreTrail = await auditTrail("CostCentre", costCentre.id);
    expect(costCentreTrail.at(-1)).toMatchObject({ before: { unitId: unit.id }, after: { unitId: null } });

    // Re-saving unchanged values writes nothing: no new version, no audit event.
    const audits = await auditCount("Organisation");
    const unchanged = await updateOrganisation({
      id: organisation.id,
      expectedVersion: 2,
      name: "Hjärt- och Lungsjukas förening i Kalmar",
      paysOwnParticipants: false,
    });
    expect(unchanged.data?.updateOrganisation.organisation?.version).toBe(2);
    expect(await auditCount("Organisation")).toBe(audits);
    const reattached = await updateCostCentre({ id: costCentre.id, expectedVersion: 2, unitId: unit.id });
    expect(reattached.data?.updateCostCentre.costCentre).toMatchObject({ unitId: unit.id, version: 3 });
    organisation = present(renamed.data?.updateOrganisation.organisation, "the updated organisation");
    unit = present(unitRenamed.data?.updateUnit.unit, "the updated unit");
    costCentre = present(reattached.data?.updateCostCentre.costCentre, "the updated cost centre");
  });

  it("refuses a stale version with CONFLICT and writes nothing, for organisations, units and cost centres", async () => {
    // What the administrator reads of the three objects, and the audit events about their types.
    const stored = () =>
      Promise.all([
        one(organisation.id).then((data) => data.organisation),
        one(unit.id).then((data) => data.unit),
        one(costCentre.id).then((data) => data.costCentre),
        auditCount("Organisation"),
        auditCount("Unit"),
        auditCount("CostCentre"),
      ]);
    const before = await stored();
    const [storedOrganisation, storedUnit, storedCostCentre] = before;
    expect([storedOrganisation?.version, storedUnit?.version, storedCostCentre?.version]).toEqual([2, 2, 3]);
    const stale: Array<() => Promise<GraphQLResponse<unknown>>> = [
      () => updateOrganisation({ id: organisation.id, expectedVersion: 1, name: "Lost update" }),
      () => retireOrganisation({ id: organisation.id, expectedVersion: 1 }),
      () => updateUnit({ id: unit.id, expectedVersion: 1, name: "Lost update" }),
      () => retireUnit({ id: unit.id, expectedVersion: 1 }),
      () => updateCostCentre({ id: costCentre.id, expectedVersion: 2, name: "Lost update" }),
      () => retireCostCentre({ id: costCentre.id, expectedVersion: 2 }),
    ];
    for (const attempt of stale) {
      const response = await attempt();
      expect(errorCode(response), JSON.stringify(response)).toBe("CONFLICT");
      expect(response.data ?? null).toBeNull();
    }
    expect(await stored()).toEqual(before);
    expect((await one(organisation.id)).organisation).toMatchObject({ name: "Hjärt- och Lungsjukas förening i Kalmar", version: 2 });
  });

  it("answers NameTaken and CodeTaken for names and codes already in use, and writes nothing", async () => {
    const before = await counts();
    const organisationTaken = await createOrganisation({ name: "Region Kalmar län", kind: "REGION_UNIT" });
    expect(organisationTaken.data?.createOrganisation).toEqual({
      organisation: null,
      errors: [expect.objectContaining({ __typename: "NameTaken", code: "NAME_TAKEN", name: "Region Kalmar län" })],
    });
    const unitTaken = await createUnit({
      organisationId: organisation.id,
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(unitTaken.data?.createUnit.errors[0]?.__typename).toBe("NameTaken");
    // The same name in another organisation is a different unit.
    const elsewhere = await createUnit({
      organisationId: regionId,
      name: "Socialförvaltningen, Hjärt- och Lungsjukas förening i Kalmar",
    });
    expect(elsewhere.data?.createUnit.errors).toEqual([]);
    for (const code of ["10-2410", "kfkl-210", "hl-4100"]) {
      const codeTaken = await createCostCentre({ organisationId: regionId, code, name: "Dubblett" });
      expect(codeTaken.data?.createCostCentre.errors, code).toEqual([
        expect.objectContaining({ __typename: "CodeTaken", code: "CODE_TAKEN", costCentreCode: code.toUpperCase() }),
      ]);
    }
    const after = await counts();
    expect(after).toEqual([before[0], before[1] + 1, before[2]]);
    await retireUnit({ id: present(elsewhere.data?.createUnit.unit, "the unit elsewhere").id, expectedVersion: 1 });
  });

  it("refuses invalid input with every field error at once, another tenant's references like missing ones, and writes nothing", async () => {
    const written = () => Promise.all([counts(), auditCount("Organisation"), auditCount("Unit"), auditCount("CostCentre")]);
    const before = await written();
    expectFieldErrors(await createOrganisation({ name: " ", kind: "ASSOCIATION" }), [["input.name", "REQUIRED"]]);
    expectFieldErrors(await updateOrganisation({ id: organisation.id, expectedVersion: 2, name: null, kind: null }), [
      ["input.name", "REQUIRED"],
      ["input.kind", "REQUIRED"],
    ]);
    const foreignOrganisation = await createUnit({ organisationId: foreign.organisationId, name: "x".repeat(201) });
    const missingOrganisation = await createUnit({ organisationId: MISSING_ID, name: "x".repeat(201) });
    expectFieldErrors(foreignOrganisation, [
      ["input.organisationId", "UNKNOWN_REFERENCE"],
      ["input.name", "TOO_LONG"],
    ]);
    expect(foreignOrganisation).toEqual(missingOrganisation);
    expectFieldErrors(await createCostCentre({ organisationId: regionId, unitId: foreign.unitId, code: "ÅÄÖ 1", name: "" }), [
      ["input.unitId", "UNKNOWN_REFERENCE"],
      ["input.code", "INVALID_FORMAT"],
      ["input.name", "REQUIRED"],
    ]);
    expect(await written()).toEqual(before);
  });

  it("retires in order: cost centres, then units, then the organisation; retired ones stay readable", async () => {
    const blocked = await retireOrganisation({ id: organisation.id, expectedVersion: 2 });
    expect(blocked.data?.retireOrganisation).toEqual({
      organisation: null,
      errors: [expect.objectContaining({ __typename: "InUse", code: "IN_USE", usedBy: "UNIT", count: 1 })],
    });
    const unitBlocked = await retireUnit({ id: unit.id, expectedVersion: 2 });
    expect(unitBlocked.data?.retireUnit.errors).toEqual([
      expect.objectContaining({ __typename: "InUse", usedBy: "COST_CENTRE", count: 1 }),
    ]);

    const retiredCostCentre = await retireCostCentre({ id: costCentre.id, expectedVersion: 3 });
    expect(retiredCostCentre.data?.retireCostCentre.costCentre?.retiredAt).not.toBeNull();
    expect(retiredCostCentre.data?.retireCostCentre.costCentre?.version).toBe(4);
    const retiredUnit = await retireUnit({ id: unit.id, expectedVersion: 2 });
    expect(retiredUnit.data?.retireUnit.unit?.retiredAt).not.toBeNull();
    expect(retiredUnit.data?.retireUnit.unit?.version).toBe(3);
    const retired = await retireOrganisation({ id: organisation.id, expectedVersion: 2 });
    expect(retired.data?.retireOrganisation.errors).toEqual([]);
    expect(retired.data?.retireOrganisation.organisation?.retiredAt).not.toBeNull();
    expect(retired.data?.retireOrganisation.organisation?.version).toBe(3);
    // Retiring again (with the version now read) changes nothing.
    const again = await retireOrganisation({ id: organisation.id, expectedVersion: 3 });
    expect(again.data?.retireOrganisation.organisation).toMatchObject({
      retiredAt: retired.data?.retireOrganisation.organisation?.retiredAt,
      version: 3,
    });

    expect((await organisations()).nodes.map((node) => node.id)).not.toContain(organisation.id);
    expect((await organisations({ includeRetired: true })).nodes.map((node) => node.id)).toContain(organisation.id);
    const retiredUnits = await units({ organisationId: organisation.id, includeRetired: true });
    expect(retiredUnits.nodes.map((node) => node.retiredAt === null)).toEqual([false]);
    expect((await auditTrail("Organisation", organisation.id)).at(-1)).toMatchObject({
      purpose: "retire",
      before: { retiredAt: null },
    });

    expectFieldErrors(await createUnit({ organisationId: organisation.id, name: "Ny enhet" }), [["input.organisationId", "NOT_ALLOWED"]]);
    expectFieldErrors(await createCostCentre({ organisationId: regionId, unitId: unit.id, code: "HL-4200", name: "Ny" }), [
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
    expect((await units({ organisationId: foreign.organisationId })).totalCount).toBe(0);
    expect((await costCentres({ includeRetired: true })).nodes.map((node) => node.id)).not.toContain(foreign.costCentreId);
    expect((await organisations({ includeRetired: true })).nodes.map((node) => node.id)).not.toContain(foreign.organisationId);
  });

  it("changing or retiring another region's objects answers NotFound, like missing ones, and changes nothing", async () => {
    // What VGR's administrator reads of their objects: it must be just as it was after Kalmar's attempts.
    const snapshot = () =>
      Promise.all([
        one(foreign.organisationId, actors.foreignAdmin).then((data) => data.organisation),
        one(foreign.unitId, actors.foreignAdmin).then((data) => data.unit),
        one(foreign.costCentreId, actors.foreignAdmin).then((data) => data.costCentre),
      ]);
    const before = await snapshot();
    expect(before.map((object) => object?.id)).toEqual([foreign.organisationId, foreign.unitId, foreign.costCentreId]);
    const attempts: Array<[(id: string) => Promise<GraphQLResponse<unknown>>, string]> = [
      [(id) => updateOrganisation({ id, expectedVersion: 1, name: "Kapad" }), foreign.organisationId],
      [(id) => retireOrganisation({ id, expectedVersion: 1 }), foreign.organisationId],
      [(id) => updateUnit({ id, expectedVersion: 1, name: "Kapad" }), foreign.unitId],
      [(id) => retireUnit({ id, expectedVersion: 1 }), foreign.unitId],
      [(id) => updateCostCentre({ id, expectedVersion: 1, name: "Kapad" }), foreign.costCentreId],
      [(id) => retireCostCentre({ id, expectedVersion: 1 }), foreign.costCentreId],
    ];
    for (const [mutate, id] of attempts) {
      const foreignResponse = await mutate(id);
      const missingResponse = await mutate(MISSING_ID);
      expect(foreignResponse).toEqual(missingResponse);
      const payload = Object.values((foreignResponse.data ?? {}) as Record<string, unknown>)[0] as { errors: Errors };
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
    for (const document of [ORGANISATION_ID_ONLY, UNIT_ID_ONLY, COST_CENTRE_ID_ONLY]) await expectForbidden(api, others, document, { id });
    // No tenant's administrator finds an organisation named "Förbjuden", retired or not.
    for (const token of everyAdmin) {
      const all = await organisations({ includeRetired: true }, token);
      expect(all.pageInfo.hasNextPage).toBe(false);
      expect(all.nodes.map((node) => node.name)).not.toContain("Förbjuden");
    }
  });
});
