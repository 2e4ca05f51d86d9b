import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEventsFor,
  countAuditEvents,
  ERROR_FIELDS,
  errorCode,
  MISSING_ID,
  payloadErrors,
  tenantId,
} from "../support/configuration-rules.js";
import { fieldErrors } from "../support/errors.js";

// Request forms as data (SPEC §2): which fields each region asks for, in its own words in Swedish and English, and
// its own assignment types — public for front ends without a token, changed only by the tenant's admin, audited.

const FIELD = /* GraphQL */ `field label labelSv labelEn required help helpSv helpEn`;
const TYPE = /* GraphQL */ `id key label labelSv labelEn retiredAt version`;
const FORM = /* GraphQL */ `id name isTenantDefault version retiredAt fields { ${FIELD} } assignmentTypes { ${TYPE} }`;

const PUBLIC_FORMS = /* GraphQL */ `
  query PublicForms($slug: String!) {
    tenant(slug: $slug) {
      assignmentTypes(first: 50) { totalCount nodes { key label labelSv labelEn } }
      networks(first: 5) { nodes { slug requestForm { ${FORM} } } }
    }
  }
`;
const FORMS = /* GraphQL */ `
  query Forms($includeRetired: Boolean) { requestForms(first: 10, includeRetired: $includeRetired) { totalCount nodes { ${FORM} } } }
`;
const FORM_BY_ID = /* GraphQL */ `query Form($id: ID!) { requestForm(id: $id) { ${FORM} } }`;

const CREATE_TYPE = /* GraphQL */ `
  mutation CreateType($input: CreateAssignmentTypeInput!) {
    createAssignmentType(input: $input) {
      assignmentType { ${TYPE} }
      errors { ${ERROR_FIELDS} ... on AssignmentTypeKeyTaken { assignmentType { key retiredAt } } }
    }
  }
`;
const UPDATE_TYPE = /* GraphQL */ `
  mutation UpdateType($input: UpdateAssignmentTypeInput!) {
    updateAssignmentType(input: $input) { assignmentType { ${TYPE} } errors { ${ERROR_FIELDS} } }
  }
`;
const RETIRE_TYPE = /* GraphQL */ `
  mutation RetireType($input: RetireAssignmentTypeInput!) {
    retireAssignmentType(input: $input) {
      assignmentType { ${TYPE} }
      errors { ${ERROR_FIELDS} ... on AssignmentTypeInUse { requestForms { id name } } }
    }
  }
`;
const CREATE_FORM = /* GraphQL */ `
  mutation CreateForm($input: CreateRequestFormInput!) {
    createRequestForm(input: $input) { requestForm { ${FORM} } errors { ${ERROR_FIELDS} ... on RequestFormNameTaken { name } } }
  }
`;
const UPDATE_FORM = /* GraphQL */ `
  mutation UpdateForm($input: UpdateRequestFormInput!) {
    updateRequestForm(input: $input) { requestForm { ${FORM} } errors { ${ERROR_FIELDS} } }
  }
`;
const SET_DEFAULT = /* GraphQL */ `
  mutation SetDefault($input: SetTenantDefaultRequestFormInput!) {
    setTenantDefaultRequestForm(input: $input) { requestForm { id isTenantDefault version } errors { ${ERROR_FIELDS} } }
  }
`;
const RETIRE_FORM = /* GraphQL */ `
  mutation RetireForm($input: RetireRequestFormInput!) {
    retireRequestForm(input: $input) {
      requestForm { id retiredAt version }
      errors { ${ERROR_FIELDS} ... on RequestFormInUse { isTenantDefault networks { slug } } }
    }
  }
`;

interface Field {
  field: string;
  label: string;
  labelSv: string;
  labelEn: string;
  required: boolean;
  help: string | null;
  helpSv: string | null;
  helpEn: string | null;
}
interface AssignmentType {
  id: string;
  key: string;
  label: string;
  labelSv: string;
  labelEn: string;
  retiredAt: string | null;
  version: number;
}
interface Form {
  id: string;
  name: string;
  isTenantDefault: boolean;
  version: number;
  retiredAt: string | null;
  fields: Field[];
  assignmentTypes: AssignmentType[];
}
interface PublicForms {
  assignmentTypes: { totalCount: number; nodes: { key: string; label: string; labelSv: string; labelEn: string }[] };
  networks: { nodes: { slug: string; requestForm: Form | null }[] };
}

let api: TestApi;
const tokens: Record<string, string> = {};

async function publicForms(slug: string, headers: Record<string, string> = {}): Promise<PublicForms> {
  const response = await api.graphql<{ tenant: PublicForms }>(PUBLIC_FORMS, { variables: { slug }, headers });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.tenant;
}

async function forms(token: string, includeRetired = false): Promise<Form[]> {
  const response = await api.graphql<{ requestForms: { nodes: Form[] } }>(FORMS, { token, variables: { includeRetired } });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.requestForms.nodes;
}

const formOf = async (slug: string, network: string) =>
  (await publicForms(slug)).networks.nodes.find((node) => node.slug === network)?.requestForm as Form;
const required = (form: Form) => form.fields.filter((field) => field.required).map((field) => field.field);
const fieldOf = (form: Form, name: string) => form.fields.find((field) => field.field === name) as Field;

const minimalFields = [
  { field: "ASSIGNMENT_TYPE", required: true, helpSv: "Vad gäller det?", helpEn: "What is it about?" },
  { field: "TITLE", required: true },
  { field: "PURPOSE", required: true, helpSv: "Vad vill rådet uppnå?", helpEn: "What does the council want to achieve?" },
];

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of ["jonkoping", "vgr", "kalmar", "ostergotland"])
    tokens[tenant] = await api.tokenFor({ tenant, role: "tenant-admin" });
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
    const english = (await publicForms("ostergotland", { "accept-language": "en" })).networks.nodes[0]?.requestForm as Form;
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
      token: tokens.ostergotland,
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
    const created = await api.graphql<{ createAssignmentType: { assignmentType: AssignmentType; errors: unknown[] } }>(CREATE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { key: "COUNCIL_MEETING", labelSv: " Brukarrådsmöte ", labelEn: "User council meeting" } },
    });
    expect(created.data?.createAssignmentType.errors).toEqual([]);
    panel = created.data?.createAssignmentType.assignmentType as AssignmentType;
    expect(panel).toMatchObject({
      key: "COUNCIL_MEETING",
      label: "Brukarrådsmöte",
      labelEn: "User council meeting",
      retiredAt: null,
      version: 1,
    });
    expect((await publicForms("ostergotland")).assignmentTypes.nodes.map((type) => type.key)).toContain("COUNCIL_MEETING");
    expect(await auditEventsFor(api, panel.id)).toMatchObject([
      { subjectType: "AssignmentType", details: { before: null, after: { key: "COUNCIL_MEETING", labelSv: "Brukarrådsmöte" } } },
    ]);
    const again = await api.graphql(CREATE_TYPE, {
      token: tokens.ostergotland,
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
    const response = await api.graphql<{ updateAssignmentType: { assignmentType: AssignmentType } }>(UPDATE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { id: panel.id, expectedVersion: panel.version, labelEn: "Meeting of the user council" } },
    });
    expect(response.data?.updateAssignmentType.assignmentType).toMatchObject({
      key: "COUNCIL_MEETING",
      labelSv: "Brukarrådsmöte",
      labelEn: "Meeting of the user council",
      version: 2,
    });
    expect((await auditEventsFor(api, panel.id)).at(-1)?.details).toMatchObject({
      before: { labelEn: "User council meeting", version: 1 },
      after: { labelEn: "Meeting of the user council", version: 2 },
    });
    const cleared = await api.graphql(UPDATE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { id: panel.id, expectedVersion: 2, labelSv: null } },
    });
    expect(fieldErrors(cleared).map((error) => error.field)).toEqual(["input.labelSv"]);

    // Saving the same labels again changes nothing: no new version, no audit event.
    const audits = await countAuditEvents(api, ["AssignmentType"]);
    const again = await api.graphql<{ updateAssignmentType: { assignmentType: AssignmentType } }>(UPDATE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { id: panel.id, expectedVersion: 2, labelEn: "Meeting of the user council" } },
    });
    expect(again.data?.updateAssignmentType.assignmentType.version).toBe(2);
    expect(await countAuditEvents(api, ["AssignmentType"])).toBe(audits);
    panel = response.data?.updateAssignmentType.assignmentType as AssignmentType;
  });

  it("refuse a stale version with CONFLICT and write nothing", async () => {
    const stored = () =>
      Promise.all([
        api.running.database.prisma.assignmentType.findFirst({ where: { id: panel.id } }),
        countAuditEvents(api, ["AssignmentType"]),
      ]);
    const before = await stored();
    expect(before[0]?.version).toBe(2);
    for (const [document, input] of [
      [UPDATE_TYPE, { id: panel.id, expectedVersion: 1, labelEn: "Lost update" }],
      [RETIRE_TYPE, { id: panel.id, expectedVersion: 1 }],
    ] as const) {
      const response = await api.graphql(document, { token: tokens.ostergotland, variables: { input } });
      expect(errorCode(response), JSON.stringify(response)).toBe("CONFLICT");
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
    const before = (await forms(tokens.ostergotland as string, true)).length;
    const response = await api.graphql(CREATE_FORM, {
      token: tokens.ostergotland,
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
    expect(await forms(tokens.ostergotland as string, true)).toHaveLength(before);
  });

  it("are created with the region's own fields and types, audited", async () => {
    const response = await api.graphql<{ createRequestForm: { requestForm: Form; errors: unknown[] } }>(CREATE_FORM, {
      token: tokens.ostergotland,
      variables: { input: { name: "Brukarrådets förfrågan", assignmentTypeKeys: ["COUNCIL_MEETING", "WORKSHOP"], fields: minimalFields } },
    });
    expect(response.data?.createRequestForm.errors).toEqual([]);
    council = response.data?.createRequestForm.requestForm as Form;
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
    expect(await auditEventsFor(api, council.id)).toMatchObject([
      { subjectType: "RequestForm", details: { before: null, after: { assignmentTypeKeys: ["COUNCIL_MEETING", "WORKSHOP"] } } },
    ]);
    const again = await api.graphql(CREATE_FORM, {
      token: tokens.ostergotland,
      variables: { input: { name: "brukarrådets FÖRFRÅGAN", assignmentTypeKeys: ["WORKSHOP"], fields: minimalFields } },
    });
    expect(payloadErrors(again, "createRequestForm")).toMatchObject([{ __typename: "RequestFormNameTaken" }]);
  });

  it("are updated under optimistic concurrency, audited; a stale version changes nothing", async () => {
    const response = await api.graphql<{ updateRequestForm: { requestForm: Form } }>(UPDATE_FORM, {
      token: tokens.ostergotland,
      variables: {
        input: {
          id: council.id,
          expectedVersion: council.version,
          fields: [...minimalFields, { field: "COST_CENTRE", required: true, helpSv: "Ansvarskod", helpEn: "Cost centre" }],
        },
      },
    });
    const updated = response.data?.updateRequestForm.requestForm as Form;
    expect(updated.version).toBe(2);
    expect(required(updated)).toEqual(["ASSIGNMENT_TYPE", "TITLE", "PURPOSE", "COST_CENTRE"]);
    expect(updated.assignmentTypes.map((type) => type.key)).toEqual(["COUNCIL_MEETING", "WORKSHOP"]);
    const [, change] = await auditEventsFor(api, council.id);
    const details = change?.details as { before: { fields: unknown[] }; after: { fields: unknown[] } };
    expect(details.before.fields).toHaveLength(3);
    expect(details.after.fields).toHaveLength(4);

    const stale = await api.graphql(UPDATE_FORM, {
      token: tokens.ostergotland,
      variables: { input: { id: council.id, expectedVersion: 1, name: "Annat namn" } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    const [reread] = (await forms(tokens.ostergotland as string)).filter((form) => form.id === council.id);
    expect(reread).toEqual(updated);
    council = updated;
  });

  it("follow the network: its own form, or the tenant's default when it names none", async () => {
    const seeded = (await forms(tokens.ostergotland as string)).find((form) => form.isTenantDefault) as Form;
    const ostergotland = await tenantId(api, "ostergotland");
    const prisma = api.running.database.prisma;
    // Assigning forms to networks is the network feature's mutation; the test arranges the assignment directly.
    await prisma.network.updateMany({ where: { tenantId: ostergotland }, data: { requestFormId: council.id } });
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(council.id);
    await prisma.network.updateMany({ where: { tenantId: ostergotland }, data: { requestFormId: null } });
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(seeded.id);

    const response = await api.graphql<{ setTenantDefaultRequestForm: { requestForm: { isTenantDefault: boolean } } }>(SET_DEFAULT, {
      token: tokens.ostergotland,
      variables: { input: { id: council.id, expectedVersion: council.version } },
    });
    expect(response.data?.setTenantDefaultRequestForm.requestForm.isTenantDefault).toBe(true);
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(council.id);
    expect((await auditEventsFor(api, seeded.id)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: true },
      after: { isTenantDefault: false },
    });

    await prisma.network.updateMany({ where: { tenantId: ostergotland }, data: { requestFormId: seeded.id } });
    expect((await formOf("ostergotland", "levande-bibliotek")).id).toBe(seeded.id);
    council = (await forms(tokens.ostergotland as string)).find((form) => form.id === council.id) as Form;
  });

  it("keep their assignment types: a type a form offers is not retired until the form stops offering it", async () => {
    const types = (await publicForms("ostergotland")).assignmentTypes.nodes;
    const councilType = council.assignmentTypes.find((type) => type.key === "COUNCIL_MEETING") as AssignmentType;
    const refused = await api.graphql(RETIRE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { id: councilType.id, expectedVersion: councilType.version } },
    });
    expect(payloadErrors(refused, "retireAssignmentType")).toMatchObject([
      { __typename: "AssignmentTypeInUse", code: "IN_USE", requestForms: [{ id: council.id }] },
    ]);

    const trimmed = await api.graphql<{ updateRequestForm: { requestForm: Form } }>(UPDATE_FORM, {
      token: tokens.ostergotland,
      variables: { input: { id: council.id, expectedVersion: council.version, assignmentTypeKeys: ["WORKSHOP"] } },
    });
    council = trimmed.data?.updateRequestForm.requestForm as Form;
    const retired = await api.graphql<{ retireAssignmentType: { assignmentType: AssignmentType } }>(RETIRE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { id: councilType.id, expectedVersion: councilType.version } },
    });
    expect(retired.data?.retireAssignmentType.assignmentType.retiredAt).not.toBeNull();
    expect(retired.data?.retireAssignmentType.assignmentType.version).toBe(councilType.version + 1);
    expect((await publicForms("ostergotland")).assignmentTypes.nodes).toHaveLength(types.length - 1);
    const reuse = await api.graphql(CREATE_TYPE, {
      token: tokens.ostergotland,
      variables: { input: { key: "COUNCIL_MEETING", labelSv: "Nytt", labelEn: "New" } },
    });
    expect(payloadErrors(reuse, "createAssignmentType")).toMatchObject([
      { __typename: "AssignmentTypeKeyTaken", assignmentType: { key: "COUNCIL_MEETING", retiredAt: expect.any(String) } },
    ]);
    const offerRetired = await api.graphql(UPDATE_FORM, {
      token: tokens.ostergotland,
      variables: { input: { id: council.id, expectedVersion: council.version, assignmentTypeKeys: ["COUNCIL_MEETING"] } },
    });
    expect(fieldErrors(offerRetired).map((error) => [error.field, error.code])).toEqual([
      ["input.assignmentTypeKeys[0]", "UNKNOWN_REFERENCE"],
    ]);
  });

  it("refuse retiring the default or a form a network uses; retire an unused one", async () => {
    const retire = (form: Form) =>
      api.graphql(RETIRE_FORM, { token: tokens.ostergotland, variables: { input: { id: form.id, expectedVersion: form.version } } });
    expect(payloadErrors(await retire(council), "retireRequestForm")).toMatchObject([
      { __typename: "RequestFormInUse", isTenantDefault: true, networks: [] },
    ]);
    const seeded = (await forms(tokens.ostergotland as string)).find((form) => form.id !== council.id) as Form;
    expect(payloadErrors(await retire(seeded), "retireRequestForm")).toMatchObject([
      { __typename: "RequestFormInUse", isTenantDefault: false, networks: [{ slug: "levande-bibliotek" }] },
    ]);
    const draft = (
      await api.graphql<{ createRequestForm: { requestForm: Form } }>(CREATE_FORM, {
        token: tokens.ostergotland,
        variables: { input: { name: "Utkast", assignmentTypeKeys: ["WORKSHOP"], fields: minimalFields } },
      })
    ).data?.createRequestForm.requestForm as Form;
    expect(payloadErrors(await retire(draft), "retireRequestForm")).toEqual([]);
    expect((await forms(tokens.ostergotland as string)).map((form) => form.id)).not.toContain(draft.id);
    expect((await forms(tokens.ostergotland as string, true)).map((form) => form.id)).toContain(draft.id);
    expect((await auditEventsFor(api, draft.id)).map((event) => event.purpose)).toEqual([null, "retire"]);
  });
});

describe("tenant isolation and permissions", () => {
  it("another region's form and assignment types read and answer exactly like ones that do not exist", async () => {
    const vgrForm = await formOf("vgr", "levande-bibliotek");
    const vgrType = vgrForm.assignmentTypes[0] as AssignmentType;
    const foreign = await api.graphql(FORM_BY_ID, { token: tokens.jonkoping, variables: { id: vgrForm.id } });
    const missing = await api.graphql(FORM_BY_ID, { token: tokens.jonkoping, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ requestForm: null });

    const auditBefore = await countAuditEvents(api, ["RequestForm", "AssignmentType"]);
    const attempts: [string, string, (id: string) => Record<string, unknown>][] = [
      [UPDATE_FORM, "updateRequestForm", (id) => ({ id, expectedVersion: vgrForm.version, name: "Kapat" })],
      [SET_DEFAULT, "setTenantDefaultRequestForm", (id) => ({ id, expectedVersion: vgrForm.version })],
      [RETIRE_FORM, "retireRequestForm", (id) => ({ id, expectedVersion: vgrForm.version })],
    ];
    for (const [document, field, input] of attempts) {
      const foreignChange = await api.graphql(document, { token: tokens.jonkoping, variables: { input: input(vgrForm.id) } });
      const missingChange = await api.graphql(document, { token: tokens.jonkoping, variables: { input: input(MISSING_ID) } });
      expect(foreignChange, field).toEqual(missingChange);
      expect(payloadErrors(foreignChange, field), field).toMatchObject([{ __typename: "NotFound" }]);
    }
    for (const [document, field, input] of [
      [UPDATE_TYPE, "updateAssignmentType", (id: string) => ({ id, expectedVersion: vgrType.version, labelSv: "Kapad" })],
      [RETIRE_TYPE, "retireAssignmentType", (id: string) => ({ id, expectedVersion: vgrType.version })],
    ] as const) {
      const foreignChange = await api.graphql(document, { token: tokens.jonkoping, variables: { input: input(vgrType.id) } });
      const missingChange = await api.graphql(document, { token: tokens.jonkoping, variables: { input: input(MISSING_ID) } });
      expect(foreignChange, field).toEqual(missingChange);
      expect(payloadErrors(foreignChange, field), field).toMatchObject([{ __typename: "NotFound" }]);
    }
    expect(await formOf("vgr", "levande-bibliotek")).toEqual(vgrForm);
    expect(await countAuditEvents(api, ["RequestForm", "AssignmentType"])).toBe(auditBefore);
  });

  it("a coordinator gets FORBIDDEN for every change and for the admin's list of forms", async () => {
    const form = await formOf("jonkoping", "peer");
    const type = form.assignmentTypes[0] as AssignmentType;
    const mutations: [string, Record<string, unknown>][] = [
      [CREATE_TYPE, { key: "COORDINATED", labelSv: "Samordnat", labelEn: "Coordinated" }],
      [UPDATE_TYPE, { id: type.id, expectedVersion: type.version, labelSv: "Samordnat" }],
      [RETIRE_TYPE, { id: type.id, expectedVersion: type.version }],
      [CREATE_FORM, { name: "Samordnarens", assignmentTypeKeys: [type.key], fields: minimalFields }],
      [UPDATE_FORM, { id: form.id, expectedVersion: form.version, name: "Samordnarens" }],
      [SET_DEFAULT, { id: form.id, expectedVersion: form.version }],
      [RETIRE_FORM, { id: form.id, expectedVersion: form.version }],
    ];
    for (const [document, input] of mutations) {
      const response = await api.graphql(document, { token: tokens.coordinator, variables: { input } });
      expect(errorCode(response)).toBe("FORBIDDEN");
      expect(response.data).toBeNull();
    }
    expect(errorCode(await api.graphql(FORMS, { token: tokens.coordinator }))).toBe("FORBIDDEN");
    expect(errorCode(await api.graphql(FORMS))).toBe("UNAUTHENTICATED");
    expect(await formOf("jonkoping", "peer")).toEqual(form);
  });
});
