import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { RegisterMemberInput, RequestFormQuestionInput } from "../generated/graphql.js";
import { auditLog } from "../support/audit-log.js";
import { registrationAnswersStoredFor } from "../support/database-checks.js";
import { fieldErrors } from "../support/errors.js";
import {
  type PublicTenant,
  poolSizeOfEveryRegion,
  publicTenant,
  REGISTER_MEMBER_TYPED,
  typedRegistrationInput,
} from "../support/registration.js";
import { theRegistrantHasSignedIn } from "../support/scenarios.js";

// Issue 16, point 4: "the same mechanism for the registration form's optional questions". Kalmar adds its own questions
// to the public interest registration (how did you hear of us; if "other", where — required then; would you take part
// digitally). The public tenant query shows them, registerMember checks the answers against exactly what the form says
// (every field error at once, Swedish and English), the answers are kept with the form version, and the coordinator
// reads them in the intake queue. A later version of the form changes nothing of what was answered.

const FORM = graphql(`query RegistrationQuestionsForm($slug: String!) { tenant(slug: $slug) { registrationForm { version updatedAt
  questions { key type label labelSv labelEn help required options { key label } maxLength showWhen { question anyOf }
    requiredWhen { question anyOf } placeAfter } } } }`);
const UPDATE = graphql(`mutation RegistrationQuestionsUpdateForm($input: UpdateRegistrationFormInput!) {
  updateRegistrationForm(input: $input) { registrationForm { version questions { key } } errors { __typename } } }`);
const QUEUE = graphql(`query RegistrationQuestionsIntakeQueue { intakeQueue(first: 100) { nodes { member { email } registrationFormVersion
  registrationAnswers { question type label labelSv labelEn text number date choices { key label labelSv labelEn } yes } } } }`);
const EXPORT_MY_DATA = graphql(`query RegistrationQuestionsExportMyData { exportMyData { data } }`);
const ERASE_MEMBER = graphql(`mutation RegistrationQuestionsEraseMember($input: EraseMemberInput!) {
  eraseMember(input: $input) { errors { __typename } } }`);

const QUESTIONS: RequestFormQuestionInput[] = [
  {
    key: "HEARD_OF_US",
    type: "SINGLE_CHOICE",
    labelSv: "Hur fick du höra talas om Intressebanken?",
    labelEn: "How did you hear about Intressebanken?",
    required: true,
    options: [
      { key: "FRIEND", labelSv: "Genom en vän", labelEn: "From a friend" },
      { key: "CARE", labelSv: "Genom vården", labelEn: "Through my care" },
      { key: "OTHER", labelSv: "Annat", labelEn: "Other" },
    ],
  },
  {
    key: "WHERE",
    type: "SHORT_TEXT",
    labelSv: "Var då?",
    labelEn: "Where?",
    maxLength: 40,
    requiredWhen: { question: "HEARD_OF_US", anyOf: ["OTHER"] },
  },
  { key: "DIGITAL", type: "YES_NO", labelSv: "Kan du medverka digitalt?", labelEn: "Can you take part online?" },
];

let api: TestApi;
let kalmar: PublicTenant;
let admin: string;
let coordinator: string;

async function register(overrides: Partial<RegisterMemberInput>, language = "sv") {
  const input = typedRegistrationInput(kalmar, overrides);
  const response = await api.graphql(REGISTER_MEMBER_TYPED, { variables: { input }, headers: { "accept-language": language } });
  return { input, response };
}

beforeAll(async () => {
  api = await startTestApi();
  kalmar = await publicTenant(api, "kalmar");
  admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("a region's own registration questions", () => {
  it("are none until the region saves some, and registering then works as before", async () => {
    const form = await api.graphql(FORM, { variables: { slug: "kalmar" } });
    expect(form.data?.tenant?.registrationForm).toEqual({ version: 0, updatedAt: null, questions: [] });
    const { response } = await register({});
    expect(response.data?.registerMember?.errors).toEqual([]);
  });

  it("are saved by the tenant admin only, checked as a whole (both languages), versioned and audited", async () => {
    const requester = await api.tokenFor({ tenant: "kalmar", role: "requester" });
    const refused = await api.graphql(UPDATE, { token: requester, variables: { input: { expectedVersion: 0, questions: QUESTIONS } } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const bad = await api.graphql(UPDATE, {
      token: admin,
      variables: {
        input: {
          expectedVersion: 0,
          questions: [
            { key: "a", type: "YES_NO", labelSv: "Fråga", labelEn: "" },
            { key: "B", type: "YES_NO", labelSv: "Fråga", labelEn: "Question", showWhen: { question: "assignmentType", anyOf: ["X"] } },
            { key: "C", type: "SHORT_TEXT", labelSv: "Fråga", labelEn: "Question", placeAfter: "TITLE" },
          ],
        },
      },
    });
    const badQuestions = fieldErrors(bad);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(badQuestions.map((error) => [error.field, error.code])).toEqual([
      ["input.questions[0].key", "INVALID_FORMAT"],
      ["input.questions[0].labelEn", "REQUIRED"],
      ["input.questions[1].showWhen.question", "UNKNOWN_REFERENCE"],
      ["input.questions[2].placeAfter", "UNKNOWN_REFERENCE"],
    ]);
    for (const error of badQuestions) expect(error.messages.sv).not.toBe(error.messages.en);

    const saved = await api.graphql(UPDATE, {
      token: admin,
      variables: { input: { expectedVersion: 0, questions: QUESTIONS } },
    });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.updateRegistrationForm).toEqual({
      registrationForm: { version: 1, questions: [{ key: "HEARD_OF_US" }, { key: "WHERE" }, { key: "DIGITAL" }] },
      errors: [],
    });
    // A second editor working from the empty form loses, with CONFLICT, and nothing changes.
    const stale = await api.graphql(UPDATE, { token: admin, variables: { input: { expectedVersion: 0, questions: [] } } });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const audit = (await auditLog(api, admin)).find((event) => event.subjectType === "RegistrationForm");
    expect(audit).toMatchObject({ action: "WRITE" });
    // Another tenant's form is its own (and still empty).
    const vgr = await api.graphql(FORM, { variables: { slug: "vgr" } });
    expect(vgr.data?.tenant?.registrationForm.questions).toEqual([]);
  });

  it("are shown on the public form, in the caller's language", async () => {
    const form = await api.graphql(FORM, { variables: { slug: "kalmar" }, headers: { "accept-language": "en" } });
    expect(form.errors).toBeUndefined();
    const [heard, where, digital] = form.data?.tenant?.registrationForm.questions ?? [];
    expect(form.data?.tenant?.registrationForm.version).toBe(1);
    expect(heard).toMatchObject({
      key: "HEARD_OF_US",
      type: "SINGLE_CHOICE",
      label: "How did you hear about Intressebanken?",
      required: true,
    });
    expect(heard?.options).toEqual([
      { key: "FRIEND", label: "From a friend" },
      { key: "CARE", label: "Through my care" },
      { key: "OTHER", label: "Other" },
    ]);
    expect(where).toMatchObject({ requiredWhen: { question: "HEARD_OF_US", anyOf: ["OTHER"] }, maxLength: 40, placeAfter: null });
    expect(digital).toMatchObject({ type: "YES_NO", required: false, labelSv: "Kan du medverka digitalt?" });
  });

  it("are answered in registerMember: every error at once with the built-in details, in Swedish and English, and nothing stored", async () => {
    const before = await poolSizeOfEveryRegion(api);
    const { response } = await register(
      {
        givenName: "",
        answers: [
          { question: "HEARD_OF_US", choice: "OTHER" },
          { question: "DIGITAL", text: "ja" },
          { question: "SHOE_SIZE", number: 42 },
        ],
      },
      "en",
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const answerErrors = fieldErrors(response);
    expect(answerErrors.map((error) => [error.field, error.code]).sort()).toEqual(
      [
        ["input.givenName", "REQUIRED"],
        ["input.answers[2].question", "UNKNOWN_REFERENCE"],
        ["input.answers.WHERE", "REQUIRED"],
        ["input.answers.DIGITAL", "INVALID_FORMAT"],
      ].sort(),
    );
    const where = answerErrors.find((error) => error.field === "input.answers.WHERE");
    expect(where?.message).toBe(where?.messages.en);
    expect(where?.messages.en).toContain("Where?");
    expect(where?.messages.sv).toContain("Var då?");
    expect(await poolSizeOfEveryRegion(api)).toBe(before);

    const missingRequired = await register({ answers: [] });
    const requiredErrors = fieldErrors(missingRequired.response);
    expect(requiredErrors.map((error) => error.field)).toEqual(["input.answers.HEARD_OF_US"]);
  });

  it("are kept with the form version and shown to the coordinator at intake; a later version changes none of it", async () => {
    const { input, response } = await register({
      answers: [
        { question: "HEARD_OF_US", choice: "OTHER" },
        { question: "WHERE", text: "  Affisch på biblioteket " },
        { question: "DIGITAL", yes: true },
      ],
    });
    expect(response.data?.registerMember?.errors).toEqual([]);

    // The region rewrites its question afterwards.
    const changed = await api.graphql(UPDATE, {
      token: admin,
      variables: {
        input: {
          expectedVersion: 1,
          questions: [{ ...QUESTIONS[0], labelSv: "Var hörde du om oss?", labelEn: "Where did you hear of us?" }],
        },
      },
    });
    expect(changed.errors).toBeUndefined();

    const queue = await api.graphql(QUEUE, { token: coordinator });
    expect(queue.errors).toBeUndefined();
    const item = queue.data?.intakeQueue?.nodes.find((node) => node.member.email === input.email);
    expect(item?.registrationFormVersion).toBe(1);
    expect(item?.registrationAnswers).toEqual([
      {
        question: "HEARD_OF_US",
        type: "SINGLE_CHOICE",
        label: "Hur fick du höra talas om Intressebanken?",
        labelSv: "Hur fick du höra talas om Intressebanken?",
        labelEn: "How did you hear about Intressebanken?",
        text: null,
        number: null,
        date: null,
        choices: [{ key: "OTHER", label: "Annat", labelSv: "Annat", labelEn: "Other" }],
        yes: null,
      },
      {
        question: "WHERE",
        type: "SHORT_TEXT",
        label: "Var då?",
        labelSv: "Var då?",
        labelEn: "Where?",
        text: "Affisch på biblioteket",
        number: null,
        date: null,
        choices: [],
        yes: null,
      },
      {
        question: "DIGITAL",
        type: "YES_NO",
        label: "Kan du medverka digitalt?",
        labelSv: "Kan du medverka digitalt?",
        labelEn: "Can you take part online?",
        text: null,
        number: null,
        date: null,
        choices: [],
        yes: true,
      },
    ]);
    // Another tenant's coordinator does not see the registration at all.
    const vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
    const vgrQueue = await api.graphql(QUEUE, { token: vgrCoordinator });
    expect(vgrQueue.data?.intakeQueue?.nodes.some((node) => node.member.email === input.email)).toBe(false);
  });

  it("are the person's own data: in their export, and gone with erasure", async () => {
    const restored = await api.graphql(UPDATE, { token: admin, variables: { input: { expectedVersion: 2, questions: QUESTIONS } } });
    expect(restored.errors).toBeUndefined();
    const { input, response } = await register({
      answers: [
        { question: "HEARD_OF_US", choice: "OTHER" },
        { question: "WHERE", text: "Mottagningen på Ölands vårdcentral" },
      ],
    });
    expect(response.data?.registerMember?.errors).toEqual([]);
    const member = await theRegistrantHasSignedIn(api, "kalmar", coordinator, input.email as string);
    const exported = await api.graphql(EXPORT_MY_DATA, { token: member.token });
    expect(exported.errors).toBeUndefined();
    expect(JSON.stringify(exported.data?.exportMyData?.data)).toContain("Mottagningen på Ölands vårdcentral");

    const erased = await api.graphql(ERASE_MEMBER, { token: member.token, variables: { input: { confirm: true } } });
    expect(erased.data?.eraseMember?.errors).toEqual([]);
    // No caller of the API sees an erased person's memberships: what they still store is read as a named check.
    const stored = await registrationAnswersStoredFor(api, member.memberId);
    expect(stored.length).toBeGreaterThan(0);
    for (const answers of stored) expect(answers).toEqual([]);
  });
});
