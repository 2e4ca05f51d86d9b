import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { RequestFormQuestionInput, SubmitRequestInput } from "../generated/graphql.js";
import { auditEventsAbout } from "../support/audit-log.js";
import { everyRegionsAdmin } from "../support/configuration-admin.js";
import { errorCode, MISSING_ID } from "../support/configuration-rules.js";
import { type FieldErrorEntry, fieldErrors } from "../support/errors.js";
import { defaultCostCentre, requestCount, requestInput } from "../support/requests.js";

// Issue 16, point 4: a request form is the region's own list of questions. The built-in fields carry their type,
// limits and options; a tenant admin adds typed questions with options, limits and conditions ("if several
// occasions …"), versioned and audited; submitRequest and updateRequest check exactly what the form says and report
// every error at once — references (unit, cost centre) included — in Swedish and English; a request keeps the form
// version and the answers it was given with, whatever later versions say.

graphql(`fragment RegionQuestionsOptionFields on FormQuestionOption { key label labelSv labelEn }`);
graphql(`fragment RegionQuestionsQuestionFields on RequestFormQuestion {
  key type label labelSv labelEn help helpSv helpEn required options { ...RegionQuestionsOptionFields } minLength maxLength
  minValue maxValue maxSelections showWhen { question anyOf } requiredWhen { question anyOf } placeAfter }`);
graphql(`fragment RegionQuestionsAnswerFields on Request {
  requestFormVersion answers { question type label labelSv labelEn text number date choices { ...RegionQuestionsOptionFields } yes } }`);

const PUBLIC_FORM = graphql(`query RegionQuestionsPublicForm($slug: String!) {
  tenant(slug: $slug) { networks(first: 5) { nodes { id slug requestForm { id version
    fields { field required type maxLength minValue maxValue maxItems options { ...RegionQuestionsOptionFields } }
    questions { ...RegionQuestionsQuestionFields } assignmentTypes { key } } } } } }`);
const FORMS = graphql(`query RegionQuestionsForms {
  requestForms(first: 10) { nodes { id version isTenantDefault questions { ...RegionQuestionsQuestionFields } } } }`);
const UPDATE_FORM = graphql(`mutation RegionQuestionsUpdateForm($input: UpdateRequestFormInput!) {
  updateRequestForm(input: $input) {
    requestForm { id version questions { ...RegionQuestionsQuestionFields } } errors { __typename ...PayloadErrorFields } } }`);
const OPTIONS = graphql(`query RegionQuestionsOptions($networkId: ID, $unitId: ID) {
  myRequestOptions(networkId: $networkId, unitId: $unitId) {
    unitId unitName defaultCostCentre costCentres { code name shared unitsOwn } assignmentTypes { key label } } }`);
const READ_REQUEST = graphql(`query RegionQuestionsReadRequest($id: ID!) {
  request(id: $id) { id version title ...RegionQuestionsAnswerFields } }`);
const SUBMIT = graphql(`mutation RegionQuestionsSubmitRequest($input: SubmitRequestInput!) {
  submitRequest(input: $input) { request { id costCentreCode } errors { __typename ...PayloadErrorFields } } }`);
const UPDATE_REQUEST = graphql(`mutation RegionQuestionsUpdateRequest($input: UpdateRequestInput!) {
  updateRequest(input: $input) { request { id version } errors { __typename ...PayloadErrorFields } } }`);

let api: TestApi;
const t: Record<string, string> = {};
let networkId = "";
let formId = "";

beforeAll(async () => {
  api = await startTestApi();
  t.admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  t.requester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
  t.coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  t.jkpRequester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
  const form = await publicForm("kalmar");
  networkId = form.networkId;
  formId = form.id;
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

async function publicForm(slug: string, headers: Record<string, string> = {}) {
  const response = await api.graphql(PUBLIC_FORM, { variables: { slug }, headers });
  const network = response.data?.tenant?.networks.nodes[0];
  if (!network?.requestForm) throw new Error(JSON.stringify(response.errors));
  return { networkId: network.id, ...network.requestForm };
}

async function adminForm() {
  const response = await api.graphql(FORMS, { token: t.admin });
  const form = response.data?.requestForms?.nodes.find((node) => node.id === formId);
  if (!form) throw new Error(JSON.stringify(response.errors));
  return form;
}

async function submit(overrides: Partial<SubmitRequestInput>, token = t.requester as string, headers: Record<string, string> = {}) {
  const input = await requestInput(api, token, { networkSlug: "intressebanken", ...overrides });
  return api.graphql(SUBMIT, { token, variables: { input }, headers });
}

async function read(id: string, headers: Record<string, string> = {}) {
  const response = await api.graphql(READ_REQUEST, { token: t.requester, variables: { id }, headers });
  if (!response.data?.request) throw new Error(JSON.stringify(response.errors));
  return response.data.request;
}

/** A refused input: BAD_USER_INPUT, nothing written, and exactly these fields — every one at once, in both languages. */
function expectFieldErrors(response: GraphQLResponse<unknown>, expected: [string, string][]): FieldErrorEntry[] {
  expect(errorCode(response), JSON.stringify(response.errors)).toBe("BAD_USER_INPUT");
  const errors = fieldErrors(response);
  expect(errors.map((error) => [error.field, error.code]).sort()).toEqual([...expected].sort());
  for (const error of errors) {
    expect(error.messages.sv, error.field).not.toBe("");
    expect(error.messages.en, error.field).not.toBe("");
    expect(error.messages.sv, error.field).not.toBe(error.messages.en);
  }
  return errors;
}

/** Every request in every region, as the regions' administrators count them: a refused submission adds none. */
const requestsInEveryRegion = async () => requestCount(api, await everyRegionsAdmin(api));

describe("the form as a front end renders it", () => {
  it("gives every built-in field its type, limits and options, and Kalmar's seeded region questions", async () => {
    const form = await publicForm("kalmar");
    const field = (name: string) => form.fields.find((entry) => entry.field === name);
    expect(field("COST_CENTRE")).toMatchObject({ required: true, type: "COST_CENTRE", maxLength: 50 });
    expect(field("TITLE")).toMatchObject({ type: "SHORT_TEXT", maxLength: 200 });
    expect(field("OCCASIONS")).toMatchObject({ type: "OCCASIONS", maxItems: 100 });
    expect(field("ONE_OFF_OR_LONG")?.options.map((option) => option.key)).toEqual(["ONE_OFF", "LONG_TERM"]);
    expect(field("PERSPECTIVES_SOUGHT")).toMatchObject({ type: "MULTIPLE_CHOICE" });
    expect(form.questions.map((question) => [question.key, question.type, question.required, question.placeAfter])).toEqual([
      ["FEEDBACK_FORM", "SINGLE_CHOICE", false, "CONTACT_PERSON"],
      ["AGREEMENT_SIGNER", "SHORT_TEXT", false, "ONE_OFF_OR_LONG"],
    ]);
    expect(form.questions[1]?.showWhen).toEqual({ question: "oneOffOrLong", anyOf: ["LONG_TERM"] });
    const english = await publicForm("kalmar", { "accept-language": "en" });
    expect(english.questions[0]?.label).toBe("How will you give the participant feedback afterwards?");
    expect(form.questions[0]?.label).toBe("Hur återkopplar ni till den medverkande efteråt?");
  });
});

describe("what a requester may choose", () => {
  it("lists the cost centres the unit may bill and the assignment types the network's form offers", async () => {
    const form = await publicForm("kalmar");
    const response = await api.graphql(OPTIONS, { token: t.requester, variables: { networkId } });
    expect(response.errors).toBeUndefined();
    const options = response.data?.myRequestOptions;
    expect(options?.assignmentTypes.map((type) => type.key)).toEqual(form.assignmentTypes.map((type) => type.key));
    expect(options?.defaultCostCentre).not.toBeNull();
    const own = options?.costCentres.filter((costCentre) => costCentre.unitsOwn).map((costCentre) => costCentre.code);
    expect(own).toEqual([options?.defaultCostCentre]);
    // Jönköping's requester sees its shared LPO cost centre, and never another tenant's.
    const jkp = await api.graphql(OPTIONS, { token: t.jkpRequester });
    const codes = jkp.data?.myRequestOptions?.costCentres ?? [];
    expect(codes.some((costCentre) => costCentre.code === "490900" && costCentre.shared)).toBe(true);
    expect(codes.map((costCentre) => costCentre.code)).not.toContain(options?.defaultCostCentre);
  });

  it("is for requesters of their own units only", async () => {
    const coordinator = await api.graphql(OPTIONS, { token: t.coordinator, variables: {} });
    expect(coordinator.data?.myRequestOptions ?? null).toBeNull();
    expect(errorCode(coordinator)).toBe("FORBIDDEN");
    const foreignUnit = await api.graphql(OPTIONS, {
      token: t.requester,
      variables: { unitId: MISSING_ID },
    });
    expect(foreignUnit.data?.myRequestOptions ?? null).toBeNull();
    expect(errorCode(foreignUnit)).toBe("BAD_USER_INPUT");
  });
});

describe("submitRequest checks exactly what the form says, every error at once", () => {
  it("Kalmar's form requires the cost centre: a submit without one is refused (the unit's own is no silent default)", async () => {
    const before = await requestsInEveryRegion();
    const response = await submit({ costCentre: null });
    expectFieldErrors(response, [["input.costCentre", "REQUIRED"]]);
    expect(await requestsInEveryRegion()).toBe(before);
    // VGR's form leaves it optional: the unit's own is used.
    const vgr = await api.tokenFor({ tenant: "vgr", role: "requester" });
    const own = await defaultCostCentre(api, vgr);
    expect(own).not.toBeNull();
    const optional = await api.graphql(SUBMIT, {
      token: vgr,
      variables: { input: await requestInput(api, vgr, { costCentre: null }) },
    });
    expect(optional.data?.submitRequest?.request?.costCentreCode, JSON.stringify(optional.errors)).toBe(own);
  });

  it("reports a bad cost centre, a foreign unit and a bad answer together with the other field errors", async () => {
    const response = await submit({
      title: "",
      numberOfPersons: 0,
      costCentre: "000000",
      unitId: MISSING_ID,
      answers: [{ question: "FEEDBACK_FORM", choice: "FAX" }],
    });
    expectFieldErrors(response, [
      ["input.unitId", "NOT_ALLOWED"],
      ["input.title", "REQUIRED"],
      ["input.numberOfPersons", "OUT_OF_RANGE"],
      ["input.answers.FEEDBACK_FORM", "NOT_ALLOWED"],
    ]);
    const sameUnit = await submit({ title: "", costCentre: "000000", answers: [{ question: "NO_SUCH_QUESTION", text: "?" }] });
    const errors = expectFieldErrors(sameUnit, [
      ["input.title", "REQUIRED"],
      ["input.costCentre", "UNKNOWN_REFERENCE"],
      ["input.answers[0].question", "UNKNOWN_REFERENCE"],
    ]);
    expect(errors.find((error) => error.field === "input.costCentre")?.messages).toEqual({
      sv: "Ansvarskod hänvisar till något som inte finns.",
      en: "Cost centre refers to something that does not exist.",
    });
  });

  it("keeps the seeded answers, drops one to a question not asked, and shows them in the reader's language", async () => {
    const response = await submit({
      answers: [
        { question: "FEEDBACK_FORM", choice: "PHONE" },
        { question: "AGREEMENT_SIGNER", text: "Enhetschefen" },
      ],
    });
    const id = response.data?.submitRequest?.request?.id as string;
    expect(id, JSON.stringify(response.errors)).toBeTruthy();
    const request = await read(id, { "accept-language": "en" });
    const form = await adminForm();
    expect(request.requestFormVersion).toBe(form.version);
    // A one-off assignment: "who signs the agreement" is not asked, so its answer is not kept.
    expect(request.answers).toEqual([
      {
        question: "FEEDBACK_FORM",
        type: "SINGLE_CHOICE",
        label: "How will you give the participant feedback afterwards?",
        labelSv: "Hur återkopplar ni till den medverkande efteråt?",
        labelEn: "How will you give the participant feedback afterwards?",
        text: null,
        number: null,
        date: null,
        choices: [{ key: "PHONE", label: "Phone", labelSv: "Telefon", labelEn: "Phone" }],
        yes: null,
      },
    ]);
  });
});

describe("a tenant admin adds questions; requests are checked against them", () => {
  const questions: RequestFormQuestionInput[] = [
    {
      key: "SEVERAL_OCCASIONS",
      type: "YES_NO",
      labelSv: "Gäller uppdraget flera tillfällen?",
      labelEn: "Does the assignment have several occasions?",
      required: true,
    },
    {
      key: "MEETING_FREQUENCY",
      type: "SINGLE_CHOICE",
      labelSv: "Hur ofta träffas ni?",
      labelEn: "How often do you meet?",
      helpSv: "Om flera tillfällen.",
      helpEn: "If several occasions.",
      required: true,
      options: [
        { key: "WEEKLY", labelSv: "Varje vecka", labelEn: "Every week" },
        { key: "MONTHLY", labelSv: "Varje månad", labelEn: "Every month" },
      ],
      showWhen: { question: "SEVERAL_OCCASIONS", anyOf: ["YES"] },
      placeAfter: "OCCASIONS",
    },
    {
      key: "HOURS",
      type: "NUMBER",
      labelSv: "Ungefär hur många timmar?",
      labelEn: "About how many hours?",
      minValue: 1,
      maxValue: 40,
    },
    {
      key: "TOPICS",
      type: "MULTIPLE_CHOICE",
      labelSv: "Ämnen",
      labelEn: "Topics",
      options: [
        { key: "CARE", labelSv: "Vård", labelEn: "Care" },
        { key: "SUPPORT", labelSv: "Stöd", labelEn: "Support" },
        { key: "HOUSING", labelSv: "Boende", labelEn: "Housing" },
      ],
      maxSelections: 2,
      requiredWhen: { question: "oneOffOrLong", anyOf: ["LONG_TERM"] },
    },
  ];
  let firstVersion = 0;
  let firstRequest = "";

  it("refuses a badly defined question with every problem at once, in both languages, writing nothing", async () => {
    const form = await adminForm();
    const response = await api.graphql(UPDATE_FORM, {
      token: t.admin,
      variables: {
        input: {
          id: formId,
          expectedVersion: form.version,
          questions: [
            { key: "one choice", type: "SINGLE_CHOICE", labelSv: "Val", labelEn: "", options: [{ key: "A", labelSv: "A", labelEn: "A" }] },
            {
              key: "LATER",
              type: "SHORT_TEXT",
              labelSv: "Sen",
              labelEn: "Later",
              showWhen: { question: "NOT_YET", anyOf: ["YES"] },
              minValue: 3,
            },
          ],
        },
      },
    });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.questions[0].key", "INVALID_FORMAT"],
      ["input.questions[0].labelEn", "REQUIRED"],
      ["input.questions[0].options", "TOO_FEW"],
      ["input.questions[1].minValue", "NOT_ALLOWED"],
      ["input.questions[1].showWhen.question", "UNKNOWN_REFERENCE"],
    ]);
    expect((await adminForm()).version).toBe(form.version);
  });

  it("saves the questions as a new version of the form, audited, and refuses a stale version", async () => {
    const form = await adminForm();
    firstVersion = form.version;
    const response = await api.graphql(UPDATE_FORM, {
      token: t.admin,
      variables: { input: { id: formId, expectedVersion: form.version, questions } },
    });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const saved = response.data?.updateRequestForm?.requestForm;
    expect(saved?.version).toBe(form.version + 1);
    expect(saved?.questions.map((question) => question.key)).toEqual(["SEVERAL_OCCASIONS", "MEETING_FREQUENCY", "HOURS", "TOPICS"]);
    expect((await publicForm("kalmar")).questions[1]).toMatchObject({
      key: "MEETING_FREQUENCY",
      showWhen: { question: "SEVERAL_OCCASIONS", anyOf: ["YES"] },
      placeAfter: "OCCASIONS",
      options: [
        { key: "WEEKLY", label: "Varje vecka" },
        { key: "MONTHLY", label: "Varje månad" },
      ],
    });
    const audit = (await auditEventsAbout(api, t.admin as string, formId)).at(-1);
    expect(JSON.stringify(audit?.details?.before)).toContain("FEEDBACK_FORM");
    expect(JSON.stringify(audit?.details?.after)).toContain("MEETING_FREQUENCY");

    const stale = await api.graphql(UPDATE_FORM, {
      token: t.admin,
      variables: { input: { id: formId, expectedVersion: form.version, questions: [] } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect((await adminForm()).questions).toHaveLength(4);
  });

  it("requires answers the form requires, and checks types and limits, all at once and bilingual", async () => {
    const missing = await submit({ answers: [] });
    const errors = expectFieldErrors(missing, [["input.answers.SEVERAL_OCCASIONS", "REQUIRED"]]);
    expect(errors[0]?.messages).toEqual({
      sv: "Gäller uppdraget flera tillfällen? måste fyllas i.",
      en: "Does the assignment have several occasions? is required.",
    });

    const wrong = await submit({
      title: "",
      answers: [
        { question: "SEVERAL_OCCASIONS", yes: true },
        { question: "HOURS", number: 100 },
        { question: "TOPICS", choices: ["CARE", "SUPPORT", "HOUSING"] },
      ],
    });
    expectFieldErrors(wrong, [
      ["input.title", "REQUIRED"],
      ["input.answers.MEETING_FREQUENCY", "REQUIRED"],
      ["input.answers.HOURS", "OUT_OF_RANGE"],
      ["input.answers.TOPICS", "TOO_MANY"],
    ]);

    const wrongType = await submit({ answers: [{ question: "SEVERAL_OCCASIONS", text: "ja" }] });
    expectFieldErrors(wrongType, [["input.answers.SEVERAL_OCCASIONS", "INVALID_FORMAT"]]);
  });

  it("asks a conditional question only when its condition holds", async () => {
    // No several occasions: the frequency is not asked, and an answer to it is not kept.
    const no = await submit({
      answers: [
        { question: "SEVERAL_OCCASIONS", yes: false },
        { question: "MEETING_FREQUENCY", choice: "WEEKLY" },
      ],
    });
    const noId = no.data?.submitRequest?.request?.id as string;
    expect(noId, JSON.stringify(no.errors)).toBeTruthy();
    expect((await read(noId)).answers.map((answer) => [answer.question, answer.yes])).toEqual([["SEVERAL_OCCASIONS", false]]);

    // A long assignment makes the topics required.
    const long = await submit({ oneOffOrLong: "LONG_TERM", answers: [{ question: "SEVERAL_OCCASIONS", yes: false }] });
    expectFieldErrors(long, [["input.answers.TOPICS", "TOO_FEW"]]);

    const yes = await submit({
      answers: [
        { question: "SEVERAL_OCCASIONS", yes: true },
        { question: "MEETING_FREQUENCY", choice: "MONTHLY" },
        { question: "HOURS", number: 12.5 },
      ],
    });
    firstRequest = yes.data?.submitRequest?.request?.id as string;
    expect(firstRequest, JSON.stringify(yes.errors)).toBeTruthy();
    const request = await read(firstRequest);
    expect(request.requestFormVersion).toBe(firstVersion + 1);
    expect(request.answers.map((answer) => [answer.question, answer.yes ?? answer.number ?? answer.choices[0]?.labelSv])).toEqual([
      ["SEVERAL_OCCASIONS", true],
      ["MEETING_FREQUENCY", "Varje månad"],
      ["HOURS", 12.5],
    ]);
  });

  it("a new version of the form does not change a request already submitted; an update answers the form as it is now", async () => {
    const form = await adminForm();
    const relabelled = questions
      .filter((question) => question.key !== "HOURS")
      .map((question) =>
        question.key === "MEETING_FREQUENCY"
          ? {
              ...question,
              labelSv: "Hur ofta ses ni?",
              options: [
                { key: "WEEKLY", labelSv: "Veckovis", labelEn: "Weekly" },
                { key: "MONTHLY", labelSv: "Månadsvis", labelEn: "Monthly" },
              ],
            }
          : question,
      );
    const response = await api.graphql(UPDATE_FORM, {
      token: t.admin,
      variables: { input: { id: formId, expectedVersion: form.version, questions: relabelled } },
    });
    expect(response.data?.updateRequestForm?.requestForm?.version).toBe(form.version + 1);

    const kept = await read(firstRequest);
    expect(kept.requestFormVersion).toBe(form.version);
    expect(kept.answers.find((answer) => answer.question === "MEETING_FREQUENCY")).toMatchObject({
      labelSv: "Hur ofta träffas ni?",
      choices: [{ key: "MONTHLY", labelSv: "Varje månad" }],
    });
    expect(kept.answers.map((answer) => answer.question)).toContain("HOURS");

    // Changing the title only: the answers the form still asks are kept, on the new version's labels.
    const update = await api.graphql(UPDATE_REQUEST, {
      token: t.requester,
      variables: { input: { requestId: firstRequest, expectedVersion: kept.version, title: "Ny rubrik" } },
    });
    expect(update.errors, JSON.stringify(update.errors)).toBeUndefined();
    const updated = await read(firstRequest);
    expect(updated.requestFormVersion).toBe(form.version + 1);
    expect(updated.answers.map((answer) => [answer.question, answer.choices[0]?.labelSv ?? answer.yes])).toEqual([
      ["SEVERAL_OCCASIONS", true],
      ["MEETING_FREQUENCY", "Månadsvis"],
    ]);

    // Answers sent replace them all, and are checked like a submission.
    const refused = await api.graphql(UPDATE_REQUEST, {
      token: t.requester,
      variables: {
        input: { requestId: firstRequest, expectedVersion: updated.version, answers: [{ question: "SEVERAL_OCCASIONS", yes: true }] },
      },
    });
    expectFieldErrors(refused, [["input.answers.MEETING_FREQUENCY", "REQUIRED"]]);
    const replaced = await api.graphql(UPDATE_REQUEST, {
      token: t.requester,
      variables: {
        input: { requestId: firstRequest, expectedVersion: updated.version, answers: [{ question: "SEVERAL_OCCASIONS", yes: false }] },
      },
    });
    expect(replaced.errors, JSON.stringify(replaced.errors)).toBeUndefined();
    expect((await read(firstRequest)).answers.map((answer) => [answer.question, answer.yes])).toEqual([["SEVERAL_OCCASIONS", false]]);
  });
});
