import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBERS, REGISTER_MEMBER } from "../support/queries.js";

// Issue 3's promise: a new region is set up through GraphQL alone — a network "Brukarrådet" with its own fee
// schedule from 2026-01-01, an intake rule requiring an introduction, a request form — and the other features work
// with it at once: the public form, registration, the coordinator's pool, fee computation.

let api: TestApi;
let signIn: (subject: string) => Promise<string>;
const issuer = "https://idp.region-sormland.example";

type Ok<K extends string, T> = { [key in K]: T & { errors: { __typename: string; message?: string }[] } };

async function mutate<K extends string, T>(token: string, name: K, document: string, input: unknown): Promise<T> {
  const response = await api.graphql<Ok<K, T>>(document, { token, variables: { input } });
  if (response.errors) throw new Error(`${name}: ${JSON.stringify(response.errors)}`);
  const payload = response.data?.[name];
  if (!payload || payload.errors.length > 0) throw new Error(`${name}: ${JSON.stringify(payload?.errors)}`);
  return payload;
}

beforeAll(async () => {
  api = await startTestApi();
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const publicJwk = { ...(await exportJWK(publicKey)), kid: "idp-1", alg: "ES256" };
  signIn = (subject) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: "idp-1" })
      .setIssuer(issuer)
      .setAudience("medverkan")
      .setSubject(subject)
      .setExpirationTime("10m")
      .sign(privateKey);

  const operator = await api.tokenFor({ role: "platform-operator" });
  await mutate(
    operator,
    "createTenant",
    `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } errors { __typename } } }`,
    {
      slug: "sormland",
      name: "Region Sörmland",
      tokenIssuer: issuer,
      tokenAudience: "medverkan",
      publicKeys: JSON.stringify({ keys: [publicJwk] }),
      firstAdmin: { subject: "admin", name: "Siv Sörmling", email: "siv@example.se" },
    },
  );
});

afterAll(async () => {
  await api?.stop();
});

describe("a fifth region, configured through the API alone", () => {
  let networkId: string;
  let feeScheduleId: string;

  it("starts from the platform's consent texts in its own name, so public registration needs nothing written first", async () => {
    const response = await api.graphql<{
      tenant: Record<"processing" | "contactSharing" | "guardian", { version: string; textSv: string; textEn: string }>;
    }>(
      `{ tenant(slug: "sormland") {
          processing: currentConsentText(kind: PROCESSING) { version textSv textEn }
          contactSharing: currentConsentText(kind: CONTACT_SHARING) { version textSv textEn }
          guardian: currentConsentText(kind: GUARDIAN) { version textSv textEn }
        } }`,
    );
    expect(response.errors).toBeUndefined();
    const texts = response.data?.tenant;
    expect(texts?.processing).toMatchObject({ version: "1" });
    expect(texts?.processing.textSv).toContain("Jag samtycker till att Region Sörmland behandlar mina personuppgifter");
    expect(texts?.processing.textEn).toContain("I consent to Region Sörmland processing my personal data");
    expect(texts?.contactSharing.version).toBe("1");
    expect(texts?.contactSharing.textSv).toContain("namn, min e-postadress och mitt telefonnummer");
    expect(texts?.guardian).toMatchObject({ version: "1" });
    expect(texts?.guardian.textSv).toContain("vårdnadshavare");
  });

  it("is configured by its own tenant admin", async () => {
    const admin = await signIn("admin");
    await mutate(
      admin,
      "publishConsentText",
      `mutation($input: PublishConsentTextInput!) { publishConsentText(input: $input) { errors { __typename } } }`,
      {
        kind: "PROCESSING",
        version: "2026-1",
        textSv: "Jag samtycker till att Region Sörmland behandlar mina uppgifter.",
        textEn: "I consent to Region Sörmland processing my data.",
      },
    );
    const rules = await mutate<"createIntakeRuleSet", { intakeRuleSet: { id: string } }>(
      admin,
      "createIntakeRuleSet",
      `mutation($input: CreateIntakeRuleSetInput!) { createIntakeRuleSet(input: $input) { intakeRuleSet { id } errors { __typename } } }`,
      {
        name: "Brukarrådets intag",
        rules: {
          minimumAge: 16,
          requireContactCall: true,
          requireIntroductionMeeting: true,
          requireTrainingAttended: false,
          recordOrganisationMandate: true,
        },
      },
    );
    const schedule = await mutate<"createFeeSchedule", { feeSchedule: { id: string } }>(
      admin,
      "createFeeSchedule",
      `mutation($input: CreateFeeScheduleInput!) { createFeeSchedule(input: $input) { feeSchedule { id } errors { __typename } } }`,
      {
        name: "Sörmlands arvoden 2026",
        firstVersion: {
          validFrom: "2026-01-01",
          basis: "FIXED_AMOUNTS",
          categories: [
            { category: "SHORT", upToMinutes: 120, value: 50_000 },
            { category: "HALF_DAY", upToMinutes: 240, value: 90_000 },
            { category: "FULL_DAY", value: 180_000 },
          ],
          travelTimeCounts: false,
          rounding: "NEAREST_KRONA_HALF_UP",
          mileageOrePerKm: 250,
          preparationPaid: false,
          payoutMethod: "FEE",
          withholdingBasisPoints: 0,
        },
      },
    );
    feeScheduleId = schedule.feeSchedule.id;
    await mutate(
      admin,
      "createAssignmentType",
      `mutation($input: CreateAssignmentTypeInput!) { createAssignmentType(input: $input) { errors { __typename } } }`,
      {
        key: "USER_COUNCIL_MEETING",
        labelSv: "Brukarrådsmöte",
        labelEn: "User council meeting",
      },
    );
    const form = await mutate<"createRequestForm", { requestForm: { id: string } }>(
      admin,
      "createRequestForm",
      `mutation($input: CreateRequestFormInput!) { createRequestForm(input: $input) { requestForm { id } errors { __typename } } }`,
      {
        name: "Förfrågan till Brukarrådet",
        assignmentTypeKeys: ["USER_COUNCIL_MEETING"],
        fields: [
          { field: "ASSIGNMENT_TYPE", required: true },
          { field: "TITLE", required: true },
          { field: "PURPOSE", required: true, helpSv: "Vad ska mötet leda till?", helpEn: "What should the meeting lead to?" },
          { field: "NUMBER_OF_PERSONS", required: true },
          { field: "OCCASIONS", required: true },
          { field: "COST_CENTRE", required: true },
        ],
      },
    );
    const network = await mutate<"createNetwork", { network: { id: string } }>(
      admin,
      "createNetwork",
      `mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } errors { __typename } } }`,
      {
        slug: "brukarradet",
        name: "Brukarrådet",
        careDomain: "SOCIAL_SERVICES",
        contactEmail: "brukarradet@example.se",
        intakeRuleSetId: rules.intakeRuleSet.id,
        feeScheduleId,
        requestFormId: form.requestForm.id,
      },
    );
    networkId = network.network.id;
    const coordinator = await mutate<"createStaffUser", { staffUser: { id: string } }>(
      admin,
      "createStaffUser",
      `mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { staffUser { id } errors { __typename } } }`,
      { subject: "coordinator", name: "Kim Samordnare", email: "kim@example.se" },
    );
    await mutate(admin, "grantRole", `mutation($input: GrantRoleInput!) { grantRole(input: $input) { errors { __typename } } }`, {
      staffUserId: coordinator.staffUser.id,
      role: "COORDINATOR",
      networkId,
    });
  });

  it("shows front ends the network's form and intake requirements without a token", async () => {
    const response = await api.graphql<{
      tenant: {
        networks: {
          nodes: {
            name: string;
            intakeRequirements: Record<string, unknown>;
            requestForm: { fields: { field: string; required: boolean }[]; assignmentTypes: { key: string }[] };
          }[];
        };
        currentConsentText: { version: string };
      };
    }>(
      `{ tenant(slug: "sormland") {
          currentConsentText(kind: PROCESSING) { version }
          networks { nodes { name intakeRequirements { minimumAge introductionMeetingRequired } requestForm { fields { field required } assignmentTypes { key } } } }
        } }`,
    );
    const [network] = response.data?.tenant.networks.nodes ?? [];
    expect(network?.name).toBe("Brukarrådet");
    expect(network?.intakeRequirements).toEqual({ minimumAge: 16, introductionMeetingRequired: true });
    expect(network?.requestForm.assignmentTypes.map((type) => type.key)).toEqual(["USER_COUNCIL_MEETING"]);
    expect(network?.requestForm.fields.filter((field) => field.required).map((field) => field.field)).toContain("COST_CENTRE");
    expect(response.data?.tenant.currentConsentText.version).toBe("2026-1");
  });

  it("takes registrations under its own rules, into its own coordinator's pool", async () => {
    const input = {
      tenantSlug: "sormland",
      networkIds: [networkId],
      givenName: "Nora",
      familyName: "Nyköping",
      email: "nora@example.se",
      birthDate: "1980-02-02",
      perspectives: ["SERVICE_USER"],
      consent: { textVersion: "2026-1", accepted: true },
    };
    const tooYoung = await api.graphql<{ registerMember: { errors: { __typename: string; rule: string }[] } }>(REGISTER_MEMBER, {
      variables: { input: { ...input, email: "young@example.se", birthDate: "2013-01-01" } },
    });
    expect(tooYoung.errors, JSON.stringify(tooYoung.errors)).toBeUndefined();
    expect(tooYoung.data?.registerMember.errors[0]).toMatchObject({ __typename: "IntakeRuleNotMet", rule: "BELOW_MINIMUM_AGE" });

    const registered = await api.graphql<{ registerMember: { registration: { outcome: string }; errors: unknown[] } }>(REGISTER_MEMBER, {
      variables: { input },
    });
    expect(registered.data?.registerMember).toMatchObject({ registration: { outcome: "REGISTERED" }, errors: [] });

    const pool = await api.graphql<{ members: { nodes: { givenName: string; memberships: { status: string }[] }[] } }>(MEMBERS, {
      token: await signIn("coordinator"),
      variables: { networkId },
    });
    expect(pool.data?.members.nodes).toEqual([
      expect.objectContaining({ givenName: "Nora", memberships: [expect.objectContaining({ status: "REGISTERED" })] }),
    ]);
  });

  it("computes fees from its own schedule, valid from 2026-01-01", async () => {
    const admin = await signIn("admin");
    const preview = (occasionDate: string) =>
      api.graphql<{
        feePreview: {
          preview: { category: string; fee: { amountOre: number; currency: string } } | null;
          errors: { __typename: string }[];
        };
      }>(
        `query($input: FeePreviewInput!) { feePreview(input: $input) { preview { category fee { amountOre currency } } errors { __typename } } }`,
        { token: admin, variables: { input: { feeScheduleId, occasionDate, durationMinutes: 180 } } },
      );
    const inForce = await preview("2026-03-10");
    expect(inForce.data?.feePreview.preview).toEqual({ category: "HALF_DAY", fee: { amountOre: 90_000, currency: "SEK" } });
    const before = await preview("2025-12-31");
    expect(before.data?.feePreview.preview).toBeNull();
    expect(before.data?.feePreview.errors[0]?.__typename).toBeDefined();
  });

  it("stays invisible to the other regions", async () => {
    const kalmarAdmin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
    const response = await api.graphql<{ network: null }>(`query($id: ID!) { network(id: $id) { id } }`, {
      token: kalmarAdmin,
      variables: { id: networkId },
    });
    expect(response.data).toEqual({ network: null });
  });
});
