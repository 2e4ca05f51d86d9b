import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type {
  RequestFormFieldInput,
  RequestFormsAssignmentTypeFieldsFragment,
  RequestFormsFormFieldsFragment,
} from "../generated/graphql.js";
import { present } from "../invitations/invitations.js";
import { auditEventCount, auditEventsAbout } from "../support/audit-log.js";
import {
  errorCode,
  expectForeignChangesAnswerLikeMissing,
  type ForeignChangeAttempt,
  MISSING_ID,
  payloadErrors,
} from "../support/configuration-rules.js";
import { fieldErrors } from "../support/errors.js";
import { everyNetworkOfTheTenantNames } from "../support/network-configuration.js";

// Request forms as data (SPEC §2): which fields each region asks for, in its own words in Swedish and English, and
// its own assignment types — public for front ends without a token, changed only by the tenant's admin, audited.

graphql(`fragment RequestFormsAssignmentTypeFields on AssignmentType { id key label labelSv labelEn retiredAt version }`);
graphql(`fragment RequestFormsFormFields on RequestForm {
  id name isTenantDefault version retiredAt
  fields { field label labelSv labelEn required help helpSv helpEn }
  assignmentTypes { ...RequestFormsAssignmentTypeFields } }`);

const PUBLIC_FORMS = graphql(`query RequestFormsPublicForms($slug: String!) {
  tenant(slug: $slug) {
    assignmentTypes(first: 50) { totalCount nodes { ...RequestFormsAssignmentTypeFields } }
    networks(first: 5) { nodes { slug requestForm { ...RequestFormsFormFields } } } } }`);
const FORMS = graphql(`query RequestFormsOfTenant($includeRetired: Boolean) {
  requestForms(first: 10, includeRetired: $includeRetired) { totalCount nodes { ...RequestFormsFormFields } } }`);
const FORM_BY_ID = graphql(`query RequestFormsFormById($id: ID!) { requestForm(id: $id) { ...RequestFormsFormFields } }`);

const CREATE_TYPE = graphql(`mutation RequestFormsCreateAssignmentType($input: CreateAssignmentTypeInput!) {
  createAssignmentType(input: $input) {
    assignmentType { ...RequestFormsAssignmentTypeFields }
    errors { __typename ...PayloadErrorFields ... on AssignmentTypeKeyTaken { assignmentType { key retiredAt } } } } }`);
const UPDATE_TYPE = graphql(`mutation RequestFormsUpdateAssignmentType($input: UpdateAssignmentTypeInput!) {
  updateAssignmentType(input: $input) {
    assignmentType { ...RequestFormsAssignmentTypeFields } errors { __typename ...PayloadErrorFields } } }`);
const RETIRE_TYPE = graphql(`mutation RequestFormsRetireAssignmentType($input: RetireAssignmentTypeInput!) {
  retireAssignmentType(input: $input) {
    assignmentType { ...RequestFormsAssignmentTypeFields }
    errors { __typename ...PayloadErrorFields ... on AssignmentTypeInUse { requestForms { id name } } } } }`);
const CREATE_FORM = graphql(`mutation RequestFormsCreateForm($input: CreateRequestFormInput!) {
  createRequestForm(input: $input) {
    requestForm { ...RequestFormsFormFields } errors { __typename ...PayloadErrorFields ... on RequestFormNameTaken { name } } } }`);
const UPDATE_FORM = graphql(`mutation RequestFormsUpdateForm($input: UpdateRequestFormInput!) {
  updateRequestForm(input: $input) { requestForm { ...RequestFormsFormFields } errors { __typename ...PayloadErrorFields } } }`);
const SET_DEFAULT = graphql(`mutation RequestFormsSetTenantDefault($input: SetTenantDefaultRequestFormInput!) {
  setTenantDefaultRequestForm(input: $input) {
    requestForm { id isTenantDefault version } errors { __typename ...PayloadErrorFields } } }`);
const RETIRE_FORM = graphql(`mutation RequestFormsRetireForm($input: RetireRequestFormInput!) {
  retireRequestForm(input: $input) {
    requestForm { id retiredAt version }
    errors { __typename ...PayloadErrorFields ... on RequestFormInUse { isTenantDefault networks { slug } } } } }`);

type Form = RequestFormsFormFieldsFragment;
type AssignmentType = RequestFormsAssignmentTypeFieldsFragment;
type Field = Form["fields"][number];

let api: TestApi;
const tokens: Record<string, string> = {};
const TENANTS = ["jonkoping", "vgr", "kalmar", "ostergotland"] as const;
/** The four regions' administrators: together they read every audit event a change could have been written to. */
const everyAdmin = () => TENANTS.map((tenant) => tokens[tenant] as string);

async function publicForms(slug: string, headers: Record<string, string> = {}) {
  const response = await api.graphql(PUBLIC_FORMS, { variables: { slug }, headers });
  if (!response.data?.tenant) throw new Error(JSON.stringify(response.errors));
  return response.data.tenant;
}

async function forms(token: string, includeRetired = false): Promise<Form[]> {
  const response = await api.graphql(FORMS, { token, variables: { includeRetired } });
  if (!response.data?.requestForms) throw new Error(JSON.stringify(response.errors));
  return response.data.requestForms.nodes;
}

const formOf = async (slug: string, network: string): Promise<Form> =>
  present((await publicForms(slug)).networks.nodes.find((node) => node.slug === network)?.requestForm, `${slug}/${network}'s form`);
const required = (form: Form) => form.fields.filter((field) => field.required).map((field) => field.field);
const fieldOf = (form: Form, name: string) => form.fields.find((field) => field.field === name) as Field;
/** Östergötland's administrator: the region whose forms and types these specs change. */
const ostergotland = () => tokens.ostergotland as string;

const minimalFields: RequestFormFieldInput[] = [
  { field: "ASSIGNMENT_TYPE", required: true, helpSv: "Vad gäller det?", helpEn: "What is it about?" },
  { field: "TITLE", required: true },
  { field: "PURPOSE", required: true, helpSv: "Vad vill rådet uppnå?", helpEn: "What does the council want to achieve?" },
];

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of TENANTS) tokens[tenant] = await api.tokenFor({ tenant, role: "tenant-admin" });
  tokens.coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("each region's request form, public without a token", () => {
  it("Jönköping asks for persons, experience, time and place, who else is in the room and how many, and the cost centre", async () => {
    const form = await formOf("jonkoping", "peer");
    expect(required(form)).toEqual(
      expect.arrayContaining([
        "ASSIGNMENT_TYPE",
        "NUMBER_OF_PERSONS",
        "EXPERIENCE_SOUGHT",
        "OCCASIONS",
        "AUDIENCE",
        "AUDIENCE_SIZE",
        "PURPOSE",
        "EXPECTATIONS",
        "COST_CENTRE",
      ]),
    );
    expect(fieldOf(form, "COST_CENTRE")).toMatchObject({
      label: "Ansvarskod",
      labelEn: "Cost centre",
      helpSv: expect.stringContaining("Fakturauppgifter/ansvarskod"),
    });
    expect(form.assignmentTypes.map((type) => type.key)).toEqual([
      "PROJECT_AND_DEVELOPMENT_WORK",
      "DEVELOPMENT_DAY",
      "WORKSHOP",
      "INTRODUCTION_TRAINING",
      "CONFERENCE",
      "PROGRAMME_AREA",
      "WORKING_GROUP",
    ]);
    expect(form.assignmentTypes.find((type) => type.key === "PROGRAMME_AREA")?.label).toBe("Länsgemensamt programområde (LPO)");
    // Both networks use the tenant's form.
    expect((await formOf("jonkoping", "levande-bibliotek")).id).toBe(form.id);
  });

  it("VGR asks about one-off or long, the selection process, compensation and what the representative should add", async () => {
    const form = await formOf("vgr", "levande-bibliotek");
    expect(required(form)).toEqual(
      expect.arrayContaining(["ONE_OFF_OR_LONG", "SELECTION_PROCESS", "COMPENSATION_OFFERED", "EXPECTATIONS", "CONTACT_PERSON"]),
    );
    expect(fieldOf(form, "COST_CENTRE").required).toBe(false);
    expect(form.fields[0]?.field).toBe("CONTACT_PERSON");
  });

  it("Kalmar asks for perspectives and offers development and leadership contexts", async () => {
    const form = await formOf("kalmar", "intressebanken");
    expect(fieldOf(form, "PERSPECTIVES_SOUGHT").required).toBe(true);
    expect(form.assignmentTypes.map((type) => type.key)).toEqual(
      expect.arrayContaining(["USER_AUDIT", "EVENT_ANALYSIS", "LEADERSHIP_STRATEGIC"]),
    );
  });

  it("gives labels and help in the request's language and in both", async () => {
    const english = present(
      (await publicForms("ostergotland", { "accept-language": "en" })).networks.nodes[0]?.requestForm,
      "the English form",
    );
    expect(fieldOf(english, "ASSIGNMENT_TYPE")).toMatchObject({
      label: "Type of assignment",
      labelSv: "Typ av uppdrag",
      help: "How do you want to use the Living Library? Nothing is too big or too small.",
      helpSv: "Hur vill ni använda Levande bibliotek? Inget är för stort eller smått.",
    });
    expect(english.assignmentTypes.find((type) => type.key === "WAITING_ROOM")).toMatchObject({
      label: "The waiting room",
      labelSv: "Väntrummet",
    });
    const tenant = await publicForms("ostergotland");
    expect(tenant.assignmentTypes.nodes.map((type) => type.key).sort()).toEqual(
      ["PATIENT_EDUCATION", "PATIENT_PANEL", "STORY", "TEST_IDEA", "WAITING_ROOM", "WORKSHOP"].sort(),
    );
    expect(tenant.assignmentTypes.nodes.find((type) => type.key === "STORY")?.label).toBe("Berättelse");
  });
});

describe("assignment types", () => {
  let panel: AssignmentType;

  it("are checked (key format, both labels) with every error at once", async () => {
    const response = await api.graphql(CREATE_TYPE, {
      token: ostergotland(),
      variables: { input: { key: "brukarråd", labelSv: "", labelEn: "x".repeat(101) } },
    });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.key", "INVALID_FORMAT"],
      ["input.labelSv", "REQUIRED"],
      ["input.labelEn", "TOO_LONG"],
    ]);
    expect((await publicForms("ostergotland")).assignmentTypes.totalCount).toBe(6);
  });

  it("are created, audited and listed publicly; a key is never reused", async () => {
    const created = await api.graphql(CREATE_TYPE, {
      token: ostergotland(),
      variables: { input: { key: "COUNCIL_MEETING", labelSv: " Brukarrådsmöte ", labelEn: "User council meeting" } },
    });
    expect(created.data?.createAssignmentType.errors).toEqual([]);
    panel = present(created.data?.createAssignmentType.assignmentType, "the created assignment type");
    expect(panel).toMatchObject({
      key: "COUNCIL_MEETING",
      label: "Brukarrådsmöte",
      labelEn: "User council meeting",
      retiredAt: null,
      version: 1,
    });
    expect((await publicForms("ostergotland")).assignmentTypes.nodes.map((type) => type.key)).toContain("COUNCIL_MEETING");
    expect(await auditEventsAbout(api, ostergotland(), panel.id)).toMatchObject([
      { subjectType: "AssignmentType", details: { before: null, after: { key: "COUNCIL_MEETING", labelSv: "Brukarrådsmöte" } } },
    ]);
    const again = await api.graphql(CREATE_TYPE, {
      token: ostergotland(),
      variables: { input: { key: "WORKSHOP", labelSv: "Verkstad", labelEn: "Workshop" } },
    });
    expect(payloadErrors(again, "createAssignmentType")).toMatchObject([
      { __typename: "AssignmentTypeKeyTaken", assignmentType: { key: "WORKSHOP" } },
    ]);
    // Other tenants have their own keys.
    const elsewhere = await api.graphql(CREATE_TYPE, {
      token: tokens.kalmar,
      variables: { input: { key: "COUNCIL_MEETING", labelSv: "Råd", labelEn: "Council" } },
    });
    expect(payloadErrors(elsewhere, "createAssignmentType")).toEqual([]);
  });

  it("are relabelled (the key stays) under the version read, audited with before and after", async () => {
    const response = await api.graphql(UPDATE_TYPE, {
      token: ostergotland(),
      variables: { input: { id: panel.id, expectedVersion: panel.version, labelEn: "Meeting of the user council" } },
    });
    expect(response.data?.updateAssignmentType.assignmentType).toMatchObject({
      key: "COUNCIL_MEETING",
      labelSv: "Brukarrådsmöte",
      labelEn: "Meeting of the user council",
      version: 2,
    });
    expect((await auditEventsAbout(api, ostergotland(), panel.id)).at(-1)?.details).toMatchObject({
      before: { labelEn: "User council meeting", version: 1 },
      after: { labelEn: "Meeting of the user council", version: 2 },
    });
    const cleared = await api.graphql(UPDATE_TYPE, {
      token: ostergotland(),
      variables: { input: { id: panel.id, expectedVersion: 2, labelSv: null } },
    });
    expect(fieldErrors(cleared).map((error) => error.field)).toEqual(["input.labelSv"]);

    // Saving the same labels again changes nothing: no new version, no audit event.
    const audits = await auditEventCount(api, everyAdmin(), ["AssignmentType"]);
    const again = await api.graphql(UPDATE_TYPE, {
      token: ostergotland(),
      variables: { input: { id: panel.id, expectedVersion: 2, labelEn: "Meeting of the user council" } },
    });
    expect(again.data?.updateAssignmentType.assignmentType?.version).toBe(2);
    expect(await auditEventCount(api, everyAdmin(), ["AssignmentType"])).toBe(audits);
    panel = present(response.data?.updateAssignmentType.assignmentType, "the relabelled assignment type");
  });

  it("refuse a stale version with CONFLICT and write nothing", async () => {
    // What an administrator can see of the type: the type itself (all its fields, its version) and the audit trail.
    const stored = async () =>
      Promise.all([
        (await publicForms("ostergotland")).assignmentTypes.nodes.find((type) => type.id === panel.id),
        auditEventCount(api, everyAdmin(), ["AssignmentType"]),
      ]);
    const before = await stored();
    expect(before[0]?.version).toBe(2);
    const attempts: [field: string, attempt: () => Promise<GraphQLResponse<unknown>>][] = [
      [
        "updateAssignmentType",
        () =>
          api.graphql(UPDATE_TYPE, {
            token: ostergotland(),
            variables: { input: { id: panel.id, expectedVersion: 1, labelEn: "Lost update" } },
          }),
      ],
      [
        "retireAssignmentType",
        () => api.graphql(RETIRE_TYPE, { token: ostergotland(), variables: { input: { id: panel.id, expectedVersion: 1 } } }),
      ],
    ];
    for (const [field, attempt] of attempts) {
      const response = await attempt();
      expect(errorCode(response), `${field}: ${JSON.stringify(response)}`).toBe("CONFLICT");
      expect(response.data ?? null).toBeNull();
    }
    expect(await stored()).toEqual(before);
    expect((await publicForms("ostergotland")).assignmentTypes.nodes).toContainEqual(
      expect.objectContaining({ key: "COUNCIL_MEETING", labelEn: "Meeting of the user council" }),
    );
  });
});

describe("request forms", () => {
  let council: Form;

  it("are checked as a whole against the tenant's assignment types, every error at once, nothing written", async () => {
    const before = (await forms(ostergotland(), true)).length;
    const response = await api.graphql(CREATE_FORM, {
      token: ostergotland(),
      variables: {
        input: {
          name: "Brukarrådets förfrågan",
          assignmentTypeKeys: ["COUNCIL_MEETING", "SEMINAR", "COUNCIL_MEETING"],
          fields: [
            { field: "ASSIGNMENT_TYPE", required: true, helpSv: "Bara svenska" },
            { field: "TITLE", required: false },
            { field: "ASSIGNMENT_TYPE", required: true },
          ],
        },
      },
    });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.assignmentTypeKeys[1]", "UNKNOWN_REFERENCE"],
      ["input.assignmentTypeKeys[2]", "DUPLICATE"],
      ["input.fields[0].helpEn", "REQUIRED"],
      ["input.fields[2].field", "DUPLICATE"],
      ["input.fields", "REQUIRED"],
    ]);
    // "SEMINAR" is VGR's: another tenant's assignment type is as unknown as one that does not exist.
    expect(fieldErrors(response)[0]?.messages.en).toBe("Assignment type 2 refers to something that does not exist.");
    expect(await forms(ostergotland(), true)).toHaveLength(before);
  });

  it("are created with the region's own fields and types, audited", async () => {
    const response = await api.graphql(CREATE_FORM, {
      token: ostergotland(),
      variables: { input: { name: "Brukarrådets förfrågan", assignmentTypeKeys: ["COUNCIL_MEETING", "WORKSHOP"], fields: minimalFields } },
    });
    expect(response.data?.createRequestForm.errors).toEqual([]);
    council = present(response.data?.createRequestForm.requestForm, "the created form");
    expect(council).toMatchObject({ name: "Brukarrådets förfrågan", isTenantDefault: false, version: 1 });
    expect(council.fields.map((field) => [field.field, field.required, field.help])).toEqual([
      ["ASSIGNMENT_TYPE", true, "Vad gäller det?"],
      ["TITLE", true, null],
      ["PURPOSE", true, "Vad vill rådet uppnå?"],
    ]);
    expect(council.assignmentTypes.map((type) => [type.key, type.label])).toEqual([
      ["COUNCIL_MEETING", "Brukarrådsmöte"],
      ["WORKSHOP", "Workshop"],
    ]);
    expect(await auditEventsAbout(api, ostergotland(), council.id)).toMatchObject([
      { subjectType: "RequestForm", details: { before: null, after: { assignmentTypeKeys: ["COUNCIL_MEETING", "WORKSHOP"] } } },
    ]);
    const again = await api.graphql(CREATE_FORM, {
      token: ostergotland(),
      variables: { input: { name: "brukarrådets FÖRFRÅGAN", assignmentTypeKeys: ["WORKSHOP"], fields: minimalFields } },
    });
    expect(payloadErrors(again, "createRequestForm")).toMatchObject([{ __typename: "RequestFormNameTaken" }]);
  });

  it("are updated under optimistic concurrency, audited; a stale version changes nothing", async () => {
    const response = await api.graphql(UPDATE_FORM, {
      token: ostergotland(),
      variables: {
        input: {
          id: council.id,
          expectedVersion: council.version,
          fields: [...minimalFields, { field: "COST_CENTRE", required: true, helpSv: "Ansvarskod", helpEn: "Cost centre" }],
        },
      },
    });
    const updated = present(response.data?.updateRequestForm.requestForm, "the updated form");
    expect(updated.version).toBe(2);
    expect(required(updated)).toEqual(["ASSIGNMENT_TYPE", "TITLE", "PURPOSE", "COST_CENTRE"]);
    expect(updated.assignmentTypes.map((type) => type.key)).toEqual(["COUNCIL_MEETING", "WORKSHOP"]);
    const [, change] = await auditEventsAbout(api, ostergotland(), council.id);
    const details = change?.details as { before: { fields: unknown[] }; after: { fields: unknown[] } };
    expect(details.before.fields).toHaveLength(3);
    expect(details.after.fields).toHaveLength(4);

    const stale = await api.graphql(UPDATE_FORM, {
      token: ostergotland(),
      variables: { input: { id: council.id, expectedVersion: 1, name: "Annat namn" } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    const [reread] = (await forms(ostergotland())).filter((form) => form.id === council.id);
    expect(reread).toEqual(updated);
    council = updated;
  });

  it("follow the network: its own form, or the tenant's default when it names none", async () => {
    const seeded = present(
      (await forms(ostergotland())).find((form) => form.isTenantDefault),
      "the seeded default form",
    );
    // Pointing a network at a form is the network feature's mutation (updateNetwork), as the administrator does it.
    await everyNetworkOfTheTenantNames(api, ostergotland(), { requestFormId: council.id });
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(council.id);
    await everyNetworkOfTheTenantNames(api, ostergotland(), { requestFormId: null });
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(seeded.id);

    const response = await api.graphql(SET_DEFAULT, {
      token: ostergotland(),
      variables: { input: { id: council.id, expectedVersion: council.version } },
    });
    expect(response.data?.setTenantDefaultRequestForm.requestForm?.isTenantDefault).toBe(true);
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(council.id);
    expect((await auditEventsAbout(api, ostergotland(), seeded.id)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: true },
      after: { isTenantDefault: false },
    });

    await everyNetworkOfTheTenantNames(api, ostergotland(), { requestFormId: seeded.id });
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(seeded.id);
    council = present(
      (await forms(ostergotland())).find((form) => form.id === council.id),
      "the council form",
    );
  });

  it("keep their assignment types: a type a form offers is not retired until the form stops offering it", async () => {
    const types = (await publicForms("ostergotland")).assignmentTypes.nodes;
    const councilType = present(
      council.assignmentTypes.find((type) => type.key === "COUNCIL_MEETING"),
      "COUNCIL_MEETING",
    );
    const refused = await api.graphql(RETIRE_TYPE, {
      token: ostergotland(),
      variables: { input: { id: councilType.id, expectedVersion: councilType.version } },
    });
    expect(payloadErrors(refused, "retireAssignmentType")).toMatchObject([
      { __typename: "AssignmentTypeInUse", code: "IN_USE", requestForms: [{ id: council.id }] },
    ]);

    const trimmed = await api.graphql(UPDATE_FORM, {
      token: ostergotland(),
      variables: { input: { id: council.id, expectedVersion: council.version, assignmentTypeKeys: ["WORKSHOP"] } },
    });
    council = present(trimmed.data?.updateRequestForm.requestForm, "the trimmed form");
    const retired = await api.graphql(RETIRE_TYPE, {
      token: ostergotland(),
      variables: { input: { id: councilType.id, expectedVersion: councilType.version } },
    });
    const retiredType = present(retired.data?.retireAssignmentType.assignmentType, "the retired assignment type");
    expect(retiredType.retiredAt).not.toBeNull();
    expect(retiredType.version).toBe(councilType.version + 1);
    expect((await publicForms("ostergotland")).assignmentTypes.nodes).toHaveLength(types.length - 1);
    const reuse = await api.graphql(CREATE_TYPE, {
      token: ostergotland(),
      variables: { input: { key: "COUNCIL_MEETING", labelSv: "Nytt", labelEn: "New" } },
    });
    expect(payloadErrors(reuse, "createAssignmentType")).toMatchObject([
      { __typename: "AssignmentTypeKeyTaken", assignmentType: { key: "COUNCIL_MEETING", retiredAt: expect.any(String) } },
    ]);
    const offerRetired = await api.graphql(UPDATE_FORM, {
      token: ostergotland(),
      variables: { input: { id: council.id, expectedVersion: council.version, assignmentTypeKeys: ["COUNCIL_MEETING"] } },
    });
    expect(fieldErrors(offerRetired).map((error) => [error.field, error.code])).toEqual([
      ["input.assignmentTypeKeys[0]", "UNKNOWN_REFERENCE"],
    ]);
  });

  it("refuse retiring the default or a form a network uses; retire an unused one", async () => {
    const retire = (form: Form) =>
      api.graphql(RETIRE_FORM, { token: ostergotland(), variables: { input: { id: form.id, expectedVersion: form.version } } });
    expect(payloadErrors(await retire(council), "retireRequestForm")).toMatchObject([
      { __typename: "RequestFormInUse", isTenantDefault: true, networks: [] },
    ]);
    const seeded = present(
      (await forms(ostergotland())).find((form) => form.id !== council.id),
      "the seeded form",
    );
    expect(payloadErrors(await retire(seeded), "retireRequestForm")).toMatchObject([
      { __typename: "RequestFormInUse", isTenantDefault: false, networks: [{ slug: "levande-bibliotek" }] },
    ]);
    const created = await api.graphql(CREATE_FORM, {
      token: ostergotland(),
      variables: { input: { name: "Utkast", assignmentTypeKeys: ["WORKSHOP"], fields: minimalFields } },
    });
    const draft = present(created.data?.createRequestForm.requestForm, "the draft form");
    expect(payloadErrors(await retire(draft), "retireRequestForm")).toEqual([]);
    expect((await forms(ostergotland())).map((form) => form.id)).not.toContain(draft.id);
    expect((await forms(ostergotland(), true)).map((form) => form.id)).toContain(draft.id);
    expect((await auditEventsAbout(api, ostergotland(), draft.id)).map((event) => event.purpose)).toEqual([null, "retire"]);
  });
});

describe("tenant isolation and permissions", () => {
  it("another region's form and assignment types read and answer exactly like ones that do not exist", async () => {
    const vgrForm = await formOf("vgr", "levande-bibliotek");
    const vgrType = present(vgrForm.assignmentTypes[0], "VGR's first assignment type");
    const token = tokens.jonkoping;
    const foreign = await api.graphql(FORM_BY_ID, { token, variables: { id: vgrForm.id } });
    const missing = await api.graphql(FORM_BY_ID, { token, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ requestForm: null });

    const auditBefore = await auditEventCount(api, everyAdmin(), ["RequestForm", "AssignmentType"]);
    const attempts: ForeignChangeAttempt[] = [
      [
        "updateRequestForm",
        (id) => api.graphql(UPDATE_FORM, { token, variables: { input: { id, expectedVersion: vgrForm.version, name: "Kapat" } } }),
      ],
      [
        "setTenantDefaultRequestForm",
        (id) => api.graphql(SET_DEFAULT, { token, variables: { input: { id, expectedVersion: vgrForm.version } } }),
      ],
      ["retireRequestForm", (id) => api.graphql(RETIRE_FORM, { token, variables: { input: { id, expectedVersion: vgrForm.version } } })],
    ];
    await expectForeignChangesAnswerLikeMissing(attempts, vgrForm.id);
    const typeAttempts: ForeignChangeAttempt[] = [
      [
        "updateAssignmentType",
        (id) => api.graphql(UPDATE_TYPE, { token, variables: { input: { id, expectedVersion: vgrType.version, labelSv: "Kapad" } } }),
      ],
      ["retireAssignmentType", (id) => api.graphql(RETIRE_TYPE, { token, variables: { input: { id, expectedVersion: vgrType.version } } })],
    ];
    await expectForeignChangesAnswerLikeMissing(typeAttempts, vgrType.id);
    expect(await formOf("vgr", "levande-bibliotek")).toEqual(vgrForm);
    expect(await auditEventCount(api, everyAdmin(), ["RequestForm", "AssignmentType"])).toBe(auditBefore);
  });

  it("a coordinator gets FORBIDDEN for every change and for the admin's list of forms", async () => {
    const form = await formOf("jonkoping", "peer");
    const type = present(form.assignmentTypes[0], "Jönköping's first assignment type");
    const token = tokens.coordinator;
    const ownType = { id: type.id, expectedVersion: type.version };
    const ownForm = { id: form.id, expectedVersion: form.version };
    const mutations: [name: string, mutation: () => Promise<GraphQLResponse<unknown>>][] = [
      [
        "createAssignmentType",
        () =>
          api.graphql(CREATE_TYPE, {
            token,
            variables: { input: { key: "COORDINATED", labelSv: "Samordnat", labelEn: "Coordinated" } },
          }),
      ],
      ["updateAssignmentType", () => api.graphql(UPDATE_TYPE, { token, variables: { input: { ...ownType, labelSv: "Samordnat" } } })],
      ["retireAssignmentType", () => api.graphql(RETIRE_TYPE, { token, variables: { input: ownType } })],
      [
        "createRequestForm",
        () =>
          api.graphql(CREATE_FORM, {
            token,
            variables: { input: { name: "Samordnarens", assignmentTypeKeys: [type.key], fields: minimalFields } },
          }),
      ],
      ["updateRequestForm", () => api.graphql(UPDATE_FORM, { token, variables: { input: { ...ownForm, name: "Samordnarens" } } })],
      ["setTenantDefaultRequestForm", () => api.graphql(SET_DEFAULT, { token, variables: { input: ownForm } })],
      ["retireRequestForm", () => api.graphql(RETIRE_FORM, { token, variables: { input: ownForm } })],
    ];
    for (const [name, mutation] of mutations) {
      const response = await mutation();
      expect(errorCode(response), name).toBe("FORBIDDEN");
      expect(response.data, name).toBeNull();
    }
    expect(errorCode(await api.graphql(FORMS, { token }))).toBe("FORBIDDEN");
    expect(errorCode(await api.graphql(FORMS, {}))).toBe("UNAUTHENTICATED");
    expect(await formOf("jonkoping", "peer")).toEqual(form);
  });
});
