import { GRAPHQL_LIMITS, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Issue 8 item 7: the running server attacked over HTTP as an outsider would. Injection in every text field and
// filter is stored or searched literally (never a 500, never a leak); foreign ids through the privacy mutations look
// like missing ones and change nothing; oversized documents are refused before they run.

const INJECTIONS = [
  `Robert'); DROP TABLE "Member";--`,
  `' OR '1'='1`,
  `%_\\`,
  `<script>alert(1)</script>`,
  "$" + "{7*7}{{7*7}}#{7*7}",
  `{"$ne": null}`,
  "Åsa 𝔘𝔫𝔦 ✓",
];

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) { registerMember(input: $input) { registration { outcome } errors { __typename } } }
`;
const POOL = /* GraphQL */ `
  query Pool($filter: MemberSearchInput, $networkId: ID) {
    members(filter: $filter, networkId: $networkId, first: 100) { totalCount nodes { id givenName familyName } }
  }
`;

let api: TestApi;
let jonkoping: PublicTenant;
let kalmar: PublicTenant;
let kalmarCoordinator: string;
const prisma = () => api.running.database.prisma;

/** Nothing internal in any answer: no SQL, no stack, no driver or table names. */
function expectNoLeak(response: unknown) {
  expect(JSON.stringify(response)).not.toMatch(/prisma|postgres|syntax error|SELECT |INSERT |stack|\.ts:\d+|relation "/i);
}

beforeAll(async () => {
  api = await startTestApi({ rateLimits: { registerMember: { points: 1_000, windowSeconds: 60 } } });
  jonkoping = await publicTenant(api, "jonkoping");
  kalmar = await publicTenant(api, "kalmar");
  kalmarCoordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("injection in every text field of registration", () => {
  it.each(INJECTIONS)("stores %s literally or refuses it field by field, never a 500", async (payload) => {
    const input = registrationInput(jonkoping, {
      givenName: payload,
      municipality: payload,
      experienceText: payload,
      competences: [payload],
      accessibilityNeeds: payload,
      availabilityNote: payload,
      organisationRepresented: payload,
    });
    const response = await api.graphql<{ registerMember: { registration: unknown } }>(REGISTER, { variables: { input } });
    expect(response.status).toBe(200);
    expectNoLeak(response);
    if (response.errors) {
      expect(response.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(fieldErrors(response).length).toBeGreaterThan(0);
      return;
    }
    const stored = await prisma().member.findFirstOrThrow({ where: { familyName: String(input.familyName) } });
    expect(stored).toMatchObject({
      givenName: payload,
      municipality: payload,
      experienceText: payload,
      competences: [payload],
      accessibilityNeeds: payload,
      availabilityNote: payload,
      organisationRepresented: payload,
    });
    expect(await prisma().member.count()).toBeGreaterThan(10);
  });

  it("refuses a NUL byte (which no text column can hold) with a clear 400 instead of failing in the database", async () => {
    const input = registrationInput(jonkoping, { givenName: "Nul\u0000Byte", experienceText: "a\u0000b" });
    const response = await api.graphql(REGISTER, { variables: { input } });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", reason: "NUL_CHARACTER" });
    expect(await prisma().member.count({ where: { familyName: String(input.familyName) } })).toBe(0);
    expectNoLeak(response);
    const inQuery = await api.graphql(`query { tenant(slug: "kal\u0000mar") { id } }`);
    expect(inQuery.status).toBe(400);
  });
});

describe("injection in every filter of the pool search", () => {
  it("treats LIKE wildcards and quotes in a name as literal characters", async () => {
    const familyName = `Procent%Under_Score'${Date.now()}`;
    await api.graphql(REGISTER, { variables: { input: registrationInput(kalmar, { familyName }) } });
    for (const name of ["%", "_", "t%Under_S", "Under_Score'"]) {
      const response = await api.graphql<{ members: { totalCount: number; nodes: { familyName: string }[] } }>(POOL, {
        token: kalmarCoordinator,
        variables: { filter: { name } },
      });
      expect(response.errors, name).toBeUndefined();
      expect(
        response.data?.members.nodes.map((node) => node.familyName),
        name,
      ).toEqual([familyName]);
    }
  });

  it.each(INJECTIONS)("searches for %s in every filter without error or leak", async (payload) => {
    const filters = [
      { name: payload },
      { municipalities: [payload] },
      { languages: [payload] },
      { experienceTagKeys: [payload] },
      { networkId: payload },
    ];
    for (const filter of filters) {
      const response = await api.graphql<{ members: { totalCount: number } }>(POOL, { token: kalmarCoordinator, variables: { filter } });
      expect(response.status, JSON.stringify(filter)).toBe(200);
      expectNoLeak(response);
      const code = response.errors?.[0]?.extensions?.code;
      if (code) expect(code, JSON.stringify(filter)).toBe("BAD_USER_INPUT");
      else expect(response.data?.members.totalCount, JSON.stringify(filter)).toBe(0);
    }
    const topLevel = await api.graphql<{ members: { totalCount: number } }>(POOL, {
      token: kalmarCoordinator,
      variables: { networkId: payload },
    });
    expect(topLevel.errors).toBeUndefined();
    expect(topLevel.data?.members.totalCount).toBe(0);
    if (payload.includes("%")) {
      const wildcard = await api.graphql<{ members: { totalCount: number } }>(POOL, {
        token: kalmarCoordinator,
        variables: { filter: { municipalities: ["%"] } },
      });
      expect(wildcard.data?.members.totalCount).toBe(0);
    }
    const tenant = await api.graphql<{ tenant: unknown }>(`query T($slug: String!) { tenant(slug: $slug) { id } }`, {
      variables: { slug: payload },
    });
    expect(tenant.data?.tenant).toBeNull();
  });

  it("answers malformed ids in the privacy and audit filters with an empty list", async () => {
    const admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
    for (const payload of INJECTIONS) {
      const audit = await api.graphql<{ auditEvents: { totalCount: number } }>(
        `query A($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount } }`,
        { token: admin, variables: { f: { memberId: payload, actorId: payload } } },
      );
      expect(audit.data?.auditEvents.totalCount).toBe(0);
      const log = await api.graphql<{ dataSubjectRequests: { totalCount: number } }>(
        `query L($f: DataSubjectRequestFilter) { dataSubjectRequests(filter: $f) { totalCount } }`,
        { token: admin, variables: { f: { memberId: payload } } },
      );
      expect(log.data?.dataSubjectRequests.totalCount).toBe(0);
      expectNoLeak([audit, log]);
    }
  });
});

describe("foreign ids through the privacy mutations", () => {
  it("answers another tenant's member exactly like a missing one, and changes nothing", async () => {
    const vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
    const victim = await prisma().member.findFirstOrThrow({ where: { subject: "kalmar-member-1" } });
    const missing = "01900000-0000-7000-8000-000000000000";
    const mutations = [
      ["restrictProcessing", "RestrictProcessingInput", {}],
      ["liftRestriction", "LiftRestrictionInput", {}],
      ["eraseMember", "EraseMemberInput", { confirm: true }],
      ["recordDataSubjectRequest", "RecordDataSubjectRequestInput", { kind: "ACCESS" }],
      ["exportMemberData", "ExportMemberDataInput", {}],
    ] as const;
    for (const [field, type, extra] of mutations) {
      const document = `mutation M($input: ${type}!) { ${field}(input: $input) { errors { __typename ... on ErrorResult { code message } } } }`;
      const foreign = await api.graphql<Record<string, unknown>>(document, {
        token: vgrCoordinator,
        variables: { input: { memberId: victim.id, channel: "PHONE", ...extra } },
      });
      const absent = await api.graphql<Record<string, unknown>>(document, {
        token: vgrCoordinator,
        variables: { input: { memberId: missing, channel: "PHONE", ...extra } },
      });
      expect(foreign.data, field).toEqual(absent.data);
      expect(JSON.stringify(foreign.data), field).toContain("NOT_FOUND");
    }
    const after = await prisma().member.findFirstOrThrow({ where: { id: victim.id } });
    expect(after).toMatchObject({ restrictedAt: null, erasedAt: null, givenName: victim.givenName });
    expect(await prisma().dataSubjectRequest.count({ where: { memberId: victim.id } })).toBe(0);
  });
});

describe("oversized and malicious documents", () => {
  it(`refuses more than ${GRAPHQL_LIMITS.maxDirectives} directives`, async () => {
    const directives = Array.from({ length: GRAPHQL_LIMITS.maxDirectives + 2 }, () => "@include(if: true)").join(" ");
    const response = await api.graphql(`query { __typename ${directives} }`);
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.data ?? null).toBeNull();
  });

  it(`refuses a document of more than ${GRAPHQL_LIMITS.maxTokens} tokens before parsing it whole`, async () => {
    const fields = Array.from({ length: GRAPHQL_LIMITS.maxTokens + 10 }, () => "__typename").join(" ");
    const response = await api.graphql(`query { ${fields} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.data ?? null).toBeNull();
  });

  it(`refuses a query whose cost exceeds ${GRAPHQL_LIMITS.maxCost} (fragments multiplying work in few tokens)`, async () => {
    const leaf = `fragment F0 on Query { tenant(slug: "kalmar") { id slug name locale timeZone currency } }`;
    // Three levels of twenty spreads: 8 000 tenants in some 140 tokens, within the depth limit, so the cost refuses it.
    const levels = Array.from({ length: 3 }, (_, index) => `fragment F${index + 1} on Query { ${`...F${index} `.repeat(20)}}`);
    const document = `query { ...F3 } ${leaf} ${levels.join(" ")}`;
    const response = await api.graphql(document);
    expect(response.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(response.errors?.[0]?.extensions?.cost).toMatchObject({ requested: expect.any(Number), limit: GRAPHQL_LIMITS.maxCost });
    expect(response.data ?? null).toBeNull();
  });

  it("refuses circular fragments before they can recurse", async () => {
    const circular = await api.graphql(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
    expect(circular.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(circular.data ?? null).toBeNull();
  });
});
