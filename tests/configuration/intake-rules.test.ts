import { type GraphQLResponse, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { IntakeRuleSetFieldsFragment, IntakeRulesInput } from "../generated/graphql.js";
import { present } from "../invitations/invitations.js";
import { auditEventCount, auditEventsAbout } from "../support/audit-log.js";
import {
  errorCode,
  expectForeignChangesAnswerLikeMissing,
  type ForeignChangeAttempt,
  MISSING_ID,
  stockholmDate,
} from "../support/configuration-rules.js";
import { fieldErrors } from "../support/errors.js";
import { everyNetworkOfTheTenantNames } from "../support/network-configuration.js";
import { publicTenant, REGISTER_MEMBER_TYPED, typedRegistrationInput } from "../support/registration.js";

// Intake rules as data (SPEC §2–§3): each region's routine read back through the API — VGR's mandatory introduction,
// Kalmar's guardian consent below 18 — a public summary for the registration page, and admin changes that are
// validated, audited and take effect for registration at once.

graphql(`fragment IntakeRuleSetFields on IntakeRuleSet {
  id name isTenantDefault version retiredAt
  rules {
    minimumAge guardianConsentBelowAge requireContactCall requireIntroductionMeeting requireTrainingAttended
    allowedMunicipalities recordOrganisationMandate followUpWithinDays
  }
}`);

const RULE_SETS = graphql(`query IntakeRuleSetsOfTenant($includeRetired: Boolean) {
  intakeRuleSets(first: 20, includeRetired: $includeRetired) { totalCount nodes { ...IntakeRuleSetFields } } }`);
const RULE_SET_BY_ID = graphql(`query IntakeRuleSetById($id: ID!) { intakeRuleSet(id: $id) { ...IntakeRuleSetFields } }`);

const PUBLIC_REQUIREMENTS = graphql(`query PublicIntakeRequirements($slug: String!) {
  tenant(slug: $slug) {
    networks(first: 10) {
      nodes {
        slug
        intakeRequirements {
          minimumAge guardianConsentBelowAge contactCallRequired introductionMeetingRequired trainingRequired
          allowedMunicipalities organisationMandateRecorded followUpWithinDays
        } } } } }`);
const NETWORK_RULE_SETS = graphql(`query NetworkIntakeRuleSets($slug: String!) {
  tenant(slug: $slug) { networks(first: 10) { nodes { id slug intakeRuleSet { id name } } } } }`);

const CREATE = graphql(`mutation CreateIntakeRuleSetOfTenant($input: CreateIntakeRuleSetInput!) {
  createIntakeRuleSet(input: $input) {
    intakeRuleSet { ...IntakeRuleSetFields } errors { __typename ...PayloadErrorFields ... on IntakeRuleSetNameTaken { name } } } }`);
const UPDATE = graphql(`mutation UpdateIntakeRuleSetOfTenant($input: UpdateIntakeRuleSetInput!) {
  updateIntakeRuleSet(input: $input) { intakeRuleSet { ...IntakeRuleSetFields } errors { __typename ...PayloadErrorFields } } }`);
const SET_DEFAULT = graphql(`mutation SetTenantDefaultIntakeRuleSetTo($input: SetTenantDefaultIntakeRuleSetInput!) {
  setTenantDefaultIntakeRuleSet(input: $input) { intakeRuleSet { id isTenantDefault version } errors { __typename ...PayloadErrorFields } } }`);
const RETIRE = graphql(`mutation RetireUnusedIntakeRuleSet($input: RetireIntakeRuleSetInput!) {
  retireIntakeRuleSet(input: $input) {
    intakeRuleSet { id retiredAt version }
    errors { __typename ...PayloadErrorFields ... on IntakeRuleSetInUse { isTenantDefault networks { slug } } } } }`);

type RuleSet = IntakeRuleSetFieldsFragment;

const introductionRequired: IntakeRulesInput = {
  minimumAge: 16,
  guardianConsentBelowAge: 18,
  requireContactCall: true,
  requireIntroductionMeeting: true,
  requireTrainingAttended: false,
  recordOrganisationMandate: false,
  followUpWithinDays: 14,
};

let api: TestApi;
const tokens: Record<string, string> = {};
const TENANTS = ["jonkoping", "vgr", "kalmar", "ostergotland"] as const;
/** The four regions' administrators: together they read every audit event a change could have been written to. */
const everyAdmin = () => TENANTS.map((tenant) => tokens[tenant] as string);

async function ruleSets(token: string, includeRetired = false): Promise<RuleSet[]> {
  const response = await api.graphql(RULE_SETS, { token, variables: { includeRetired } });
  if (!response.data?.intakeRuleSets) throw new Error(JSON.stringify(response.errors));
  return response.data.intakeRuleSets.nodes;
}

async function ruleSet(token: string, id: string): Promise<RuleSet> {
  const response = await api.graphql(RULE_SET_BY_ID, { token, variables: { id } });
  if (!response.data?.intakeRuleSet) throw new Error(`No rule set ${id}: ${JSON.stringify(response.errors)}`);
  return response.data.intakeRuleSet;
}

const defaultOf = async (tenant: string) =>
  present(
    (await ruleSets(tokens[tenant] as string)).find((set) => set.isTenantDefault),
    `${tenant}'s default rule set`,
  );

async function requirements(slug: string, headers: Record<string, string> = {}) {
  const response = await api.graphql(PUBLIC_REQUIREMENTS, { variables: { slug }, headers });
  if (!response.data?.tenant) throw new Error(JSON.stringify(response.errors));
  return Object.fromEntries(response.data.tenant.networks.nodes.map((node) => [node.slug, node.intakeRequirements]));
}

beforeAll(async () => {
  api = await startTestApi();
  for (const tenant of TENANTS) tokens[tenant] = await api.tokenFor({ tenant, role: "tenant-admin" });
  tokens.coordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
  tokens.analyst = await api.tokenFor({ tenant: "vgr", role: "analyst" });
});

afterAll(async () => {
  await api?.stop();
});

describe("each region's seeded intake rules, read through the API", () => {
  it("VGR: the digital introduction is mandatory, and representatives' organisation mandates are recorded", async () => {
    const vgr = await defaultOf("vgr");
    expect(vgr.rules).toMatchObject({
      requireTrainingAttended: true,
      recordOrganisationMandate: true,
      minimumAge: null,
      allowedMunicipalities: null,
    });
  });

  it("Kalmar: a guardian's written consent below 18, a call and an introduction meeting, residents of the county", async () => {
    const kalmar = await defaultOf("kalmar");
    expect(kalmar.rules).toMatchObject({ guardianConsentBelowAge: 18, requireContactCall: true, requireIntroductionMeeting: true });
    expect(kalmar.rules.allowedMunicipalities).toHaveLength(12);
    expect(kalmar.rules.allowedMunicipalities).toContain("Mörbylånga");
  });

  it("Jönköping: a conversation and a short training, no age limit", async () => {
    const jonkoping = await defaultOf("jonkoping");
    expect(jonkoping.rules).toMatchObject({
      requireContactCall: true,
      requireTrainingAttended: true,
      minimumAge: null,
      guardianConsentBelowAge: null,
    });
  });

  it("are public as a summary on each network, without a token", async () => {
    expect((await requirements("vgr"))["levande-bibliotek"]).toMatchObject({ trainingRequired: true, organisationMandateRecorded: true });
    expect((await requirements("kalmar")).intressebanken).toMatchObject({
      guardianConsentBelowAge: 18,
      introductionMeetingRequired: true,
      contactCallRequired: true,
      trainingRequired: false,
    });
    const jonkoping = await requirements("jonkoping");
    expect(Object.keys(jonkoping).sort()).toEqual(["levande-bibliotek", "peer"]);
    for (const summary of Object.values(jonkoping)) expect(summary).toMatchObject({ minimumAge: null, trainingRequired: true });
  });

  it("show the full rule set on a network to the tenant's staff only", async () => {
    const kalmar = await defaultOf("kalmar");
    const own = await api.graphql(NETWORK_RULE_SETS, {
      token: tokens.kalmar,
      variables: { slug: "kalmar" },
    });
    expect(own.data?.tenant?.networks.nodes.map((node) => node.intakeRuleSet?.id)).toEqual([kalmar.id]);
    const foreign = await api.graphql(NETWORK_RULE_SETS, {
      token: tokens.vgr,
      variables: { slug: "kalmar" },
    });
    expect(foreign.data?.tenant?.networks.nodes.map((node) => node.intakeRuleSet)).toEqual([null]);
    const anonymous = await api.graphql(NETWORK_RULE_SETS, { variables: { slug: "kalmar" } });
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");
    expect(anonymous.data?.tenant?.networks.nodes).toMatchObject([{ slug: "intressebanken", intakeRuleSet: null }]);
    const requester = await api.graphql(NETWORK_RULE_SETS, {
      token: await api.tokenFor({ tenant: "kalmar", role: "requester" }),
      variables: { slug: "kalmar" },
    });
    expect(errorCode(requester)).toBe("FORBIDDEN");
  });
});

describe("changing intake rules", () => {
  let brukarradet: RuleSet;

  it("refuses an invalid rule set with every field error at once, writing nothing", async () => {
    const before = (await ruleSets(tokens.ostergotland as string, true)).length;
    const response = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: {
        input: {
          name: " ",
          rules: {
            ...introductionRequired,
            minimumAge: 18,
            guardianConsentBelowAge: 16,
            allowedMunicipalities: ["Linköping", "linkoping"],
            followUpWithinDays: 0,
          },
        },
      },
    });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response).map((error) => [error.field, error.code])).toEqual([
      ["input.name", "REQUIRED"],
      ["input.rules.guardianConsentBelowAge", "MUST_BE_GREATER"],
      ["input.rules.allowedMunicipalities[1]", "DUPLICATE"],
      ["input.rules.followUpWithinDays", "OUT_OF_RANGE"],
    ]);
    expect(fieldErrors(response)[1]?.messages).toEqual({
      sv: "Vårdnadshavares samtycke under ålder måste vara större än lägsta ålder.",
      en: "Guardian consent below age must be greater than the minimum age.",
    });
    expect(await ruleSets(tokens.ostergotland as string, true)).toHaveLength(before);
  });

  it("creates a rule set requiring an introduction (the fifth-region scenario), audited", async () => {
    const response = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "Brukarrådet", rules: introductionRequired } },
    });
    expect(response.data?.createIntakeRuleSet?.errors).toEqual([]);
    brukarradet = present(response.data?.createIntakeRuleSet?.intakeRuleSet, "the created rule set");
    expect(brukarradet).toMatchObject({
      name: "Brukarrådet",
      isTenantDefault: false,
      version: 1,
      rules: { ...introductionRequired, allowedMunicipalities: null },
    });
    // Read as Östergötland's administrator: the event is in Östergötland's audit log (the API shows a tenant's own only).
    const [event] = await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id);
    expect(event).toMatchObject({
      action: "WRITE",
      subjectType: "IntakeRuleSet",
      actorType: "STAFF",
      details: { before: null, after: { name: "Brukarrådet", rules: { requireIntroductionMeeting: true, minimumAge: 16 } } },
    });

    const again = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "BRUKARRÅDET", rules: introductionRequired } },
    });
    expect(again.data?.createIntakeRuleSet?.errors).toMatchObject([{ __typename: "IntakeRuleSetNameTaken", code: "NAME_TAKEN" }]);
  });

  it("updates under optimistic concurrency, audited with before and after; a stale version changes nothing", async () => {
    const response = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: {
        input: {
          id: brukarradet.id,
          expectedVersion: brukarradet.version,
          rules: { ...introductionRequired, allowedMunicipalities: ["Linköping", " Norrköping "] },
        },
      },
    });
    const updated = present(response.data?.updateIntakeRuleSet?.intakeRuleSet, "the updated rule set");
    expect(updated).toMatchObject({ version: 2, rules: { allowedMunicipalities: ["Linköping", "Norrköping"] } });
    expect((await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id)).at(-1)?.details).toMatchObject({
      before: { version: 1, rules: { allowedMunicipalities: null } },
      after: { version: 2, rules: { allowedMunicipalities: ["Linköping", "Norrköping"] } },
    });

    const stale = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: 1, name: "Något annat" } },
    });
    expect(errorCode(stale)).toBe("CONFLICT");
    expect(await ruleSet(tokens.ostergotland as string, brukarradet.id)).toEqual(updated);

    // Saving the same rules again writes nothing: no new version, no audit event.
    const events = (await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id)).length;
    const same = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: 2, name: "Brukarrådet" } },
    });
    expect(same.data?.updateIntakeRuleSet?.intakeRuleSet?.version).toBe(2);
    expect(await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id)).toHaveLength(events);
    brukarradet = updated;
  });

  it("takes effect for registration at once: Kalmar's new minimum age refuses a 15-year-old", async () => {
    const kalmar = await defaultOf("kalmar");
    const updated = await api.graphql(UPDATE, {
      token: tokens.kalmar,
      variables: { input: { id: kalmar.id, expectedVersion: kalmar.version, rules: { ...kalmar.rules, minimumAge: 16 } } },
    });
    expect(updated.data?.updateIntakeRuleSet?.errors).toEqual([]);
    expect((await requirements("kalmar")).intressebanken).toMatchObject({ minimumAge: 16, guardianConsentBelowAge: 18 });

    const tenant = await publicTenant(api, "kalmar");
    // 14 or 15 years old, whatever the date: below the new minimum of 16 and below the guardian-consent age of 18.
    const fifteen = `${Number(stockholmDate(0).slice(0, 4)) - 15}-01-01`;
    const response = await api.graphql(REGISTER_MEMBER_TYPED, {
      variables: {
        input: typedRegistrationInput(tenant, {
          birthDate: fifteen,
          guardian: { name: "Greta Förälder", email: "greta@example.se", relation: "mor" },
        }),
      },
    });
    expect(response.data?.registerMember?.errors).toMatchObject([{ __typename: "IntakeRuleNotMet", rule: "BELOW_MINIMUM_AGE" }]);
  });

  it("moves the tenant default, auditing both rule sets", async () => {
    const seeded = await defaultOf("ostergotland");
    const response = await api.graphql(SET_DEFAULT, {
      token: tokens.ostergotland,
      variables: { input: { id: brukarradet.id, expectedVersion: brukarradet.version } },
    });
    expect(response.data?.setTenantDefaultIntakeRuleSet?.intakeRuleSet).toEqual({ id: brukarradet.id, isTenantDefault: true, version: 3 });
    expect((await ruleSets(tokens.ostergotland as string)).filter((set) => set.isTenantDefault).map((set) => set.id)).toEqual([
      brukarradet.id,
    ]);
    expect((await auditEventsAbout(api, tokens.ostergotland as string, seeded.id)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: true },
      after: { isTenantDefault: false },
    });
    expect((await auditEventsAbout(api, tokens.ostergotland as string, brukarradet.id)).at(-1)?.details).toMatchObject({
      before: { isTenantDefault: false },
      after: { isTenantDefault: true },
    });

    // A network that names no rule set of its own follows the tenant default (the administrator clears the network's
    // own rule set with updateNetwork).
    await everyNetworkOfTheTenantNames(api, tokens.ostergotland as string, { intakeRuleSetId: null });
    expect((await requirements("ostergotland"))["levande-bibliotek"]).toMatchObject({
      minimumAge: 16,
      introductionMeetingRequired: true,
      allowedMunicipalities: ["Linköping", "Norrköping"],
      followUpWithinDays: 14,
    });
    await everyNetworkOfTheTenantNames(api, tokens.ostergotland as string, { intakeRuleSetId: seeded.id });
    expect((await requirements("ostergotland"))["levande-bibliotek"]).toMatchObject({
      minimumAge: null,
      introductionMeetingRequired: false,
    });
    brukarradet = await ruleSet(tokens.ostergotland as string, brukarradet.id);
  });

  it("refuses to retire the default or a rule set a network uses; retires an unused one, which is then history", async () => {
    const retire = (target: RuleSet) =>
      api.graphql(RETIRE, {
        token: tokens.ostergotland,
        variables: { input: { id: target.id, expectedVersion: target.version } },
      });
    expect((await retire(brukarradet)).data?.retireIntakeRuleSet?.errors).toMatchObject([
      { __typename: "IntakeRuleSetInUse", isTenantDefault: true, networks: [] },
    ]);
    const seeded = present(
      (await ruleSets(tokens.ostergotland as string)).find((set) => set.id !== brukarradet.id),
      "the seeded rule set",
    );
    expect((await retire(seeded)).data?.retireIntakeRuleSet?.errors).toMatchObject([
      { __typename: "IntakeRuleSetInUse", isTenantDefault: false, networks: [{ slug: "levande-bibliotek" }] },
    ]);

    const created = await api.graphql(CREATE, {
      token: tokens.ostergotland,
      variables: { input: { name: "Utkast", rules: introductionRequired } },
    });
    const draft = present(created.data?.createIntakeRuleSet?.intakeRuleSet, "the draft rule set");
    expect((await retire(draft)).data?.retireIntakeRuleSet?.intakeRuleSet?.retiredAt).not.toBeNull();
    expect((await ruleSets(tokens.ostergotland as string)).map((set) => set.id)).not.toContain(draft.id);
    expect((await ruleSets(tokens.ostergotland as string, true)).map((set) => set.id)).toContain(draft.id);
    const change = await api.graphql(UPDATE, {
      token: tokens.ostergotland,
      variables: { input: { id: draft.id, expectedVersion: 2, name: "Igen" } },
    });
    expect(change.data?.updateIntakeRuleSet?.errors).toMatchObject([{ __typename: "NotFound" }]);
    expect((await auditEventsAbout(api, tokens.ostergotland as string, draft.id)).map((event) => event.purpose)).toEqual([null, "retire"]);
  });
});

describe("tenant isolation and permissions", () => {
  it("another region's rule set reads and answers exactly like one that does not exist", async () => {
    const vgr = await defaultOf("vgr");
    const foreign = await api.graphql(RULE_SET_BY_ID, { token: tokens.jonkoping, variables: { id: vgr.id } });
    const missing = await api.graphql(RULE_SET_BY_ID, { token: tokens.jonkoping, variables: { id: MISSING_ID } });
    expect(foreign).toEqual(missing);
    expect(foreign.data).toEqual({ intakeRuleSet: null });

    const auditBefore = await auditEventCount(api, everyAdmin(), ["IntakeRuleSet"]);
    const token = tokens.jonkoping;
    const attempts: ForeignChangeAttempt[] = [
      [
        "updateIntakeRuleSet",
        (id) =>
          api.graphql(UPDATE, { token, variables: { input: { id, expectedVersion: vgr.version, rules: { ...introductionRequired } } } }),
      ],
      [
        "setTenantDefaultIntakeRuleSet",
        (id) => api.graphql(SET_DEFAULT, { token, variables: { input: { id, expectedVersion: vgr.version } } }),
      ],
      ["retireIntakeRuleSet", (id) => api.graphql(RETIRE, { token, variables: { input: { id, expectedVersion: vgr.version } } })],
    ];
    await expectForeignChangesAnswerLikeMissing(attempts, vgr.id);
    expect(await ruleSet(tokens.vgr as string, vgr.id)).toEqual(vgr);
    expect(await auditEventCount(api, everyAdmin(), ["IntakeRuleSet"])).toBe(auditBefore);
  });

  it("a coordinator reads the rules intake follows, but gets FORBIDDEN for every change; an analyst reads nothing", async () => {
    const vgr = await defaultOf("vgr");
    expect((await ruleSets(tokens.coordinator as string)).map((set) => set.id)).toEqual([vgr.id]);
    const token = tokens.coordinator;
    const own = { id: vgr.id, expectedVersion: vgr.version };
    const mutations: [name: string, mutation: () => Promise<GraphQLResponse<unknown>>][] = [
      [
        "createIntakeRuleSet",
        () => api.graphql(CREATE, { token, variables: { input: { name: "Samordnarens", rules: introductionRequired } } }),
      ],
      ["updateIntakeRuleSet", () => api.graphql(UPDATE, { token, variables: { input: { ...own, name: "Samordnarens" } } })],
      ["setTenantDefaultIntakeRuleSet", () => api.graphql(SET_DEFAULT, { token, variables: { input: own } })],
      ["retireIntakeRuleSet", () => api.graphql(RETIRE, { token, variables: { input: own } })],
    ];
    for (const [name, mutation] of mutations) {
      const response = await mutation();
      expect(errorCode(response), name).toBe("FORBIDDEN");
      expect(response.data).toBeNull();
    }
    expect(errorCode(await api.graphql(RULE_SETS, { token: tokens.analyst }))).toBe("FORBIDDEN");
    expect(await ruleSet(tokens.vgr as string, vgr.id)).toEqual(vgr);
  });
});
