import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GRAPHQL_LIMITS, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMatching, submitRequest } from "../support/requests.js";

// Issue 16: what a regional front end on its own origin needs — CORS for the configured origins, GET queries as urql
// and Apollo Client send them (CSRF protection kept), pages that keep what they may show, and a cost limit that fits
// the real pages of each role (tests/front-end/operations) and says so in its own words.

const ALLOWED = "https://medverkan.kalmar.example";
const OTHER = "https://evil.example";

let api: TestApi;
let coordinator: string;
let member: string;
let requester: string;
let requestId: string;

const operations = (role: string) => readFileSync(join(import.meta.dirname, "operations", `${role}.graphql`), "utf8");

beforeAll(async () => {
  api = await startTestApi({ corsOrigins: [ALLOWED] });
  [coordinator, member, requester] = await Promise.all([
    api.tokenFor({ tenant: "kalmar", role: "coordinator" }),
    api.tokenFor({ tenant: "kalmar", role: "member" }),
    api.tokenFor({ tenant: "kalmar", role: "requester" }),
  ]);
  requestId = await submitRequest(api, requester, { title: "Sidan i sin helhet" });
  await startMatching(api, coordinator, requestId);
});

afterAll(async () => {
  await api?.stop();
});

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  extensions?: { cost?: { requested: number; limit: number } };
}

async function send(document: string, operationName: string, token: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

describe("CORS (CORS_ORIGINS)", () => {
  const preflight = (origin: string) =>
    fetch(api.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, idempotency-key, accept-language",
      },
    });

  it("answers a preflight from an allowed origin with the headers a client needs", async () => {
    const response = await preflight(ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    const allowedHeaders = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const header of ["authorization", "content-type", "idempotency-key", "accept-language", "apollo-require-preflight"]) {
      expect(allowedHeaders).toContain(header);
    }
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a preflight from any other origin, so the browser never sends the request", async () => {
    const response = await preflight(OTHER);
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets an allowed origin read the answer and Retry-After, and no other origin", async () => {
    const request = (origin: string) =>
      fetch(api.url, {
        method: "POST",
        headers: { origin, "content-type": "application/json", authorization: `Bearer ${member}` },
        body: JSON.stringify({ query: "{ me { kind } }" }),
      });
    const allowed = await request(ALLOWED);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect((allowed.headers.get("access-control-expose-headers") ?? "").toLowerCase()).toContain("retry-after");
    expect(allowed.headers.get("vary")?.toLowerCase()).toContain("origin");
    const other = await request(OTHER);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no origin unless configured", async () => {
    const plain = await startTestApi();
    try {
      const response = await fetch(plain.url, {
        method: "OPTIONS",
        headers: { origin: ALLOWED, "access-control-request-method": "POST" },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});

describe("queries over GET, as common clients send them", () => {
  const url = (query: string, variables?: Record<string, unknown>) =>
    `${api.url}?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ""}`;

  it("runs urql's default GET (no content type, a token)", async () => {
    const response = await fetch(url("query Me { me { kind } }"), {
      headers: {
        origin: ALLOWED,
        accept: "application/graphql-response+json, application/graphql+json, application/json",
        authorization: `Bearer ${member}`,
      },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Body).data).toEqual({ me: { kind: "MEMBER" } });
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("runs Apollo Client's GET (content-type application/json), with variables", async () => {
    const response = await fetch(url("query T($slug: String!) { tenant(slug: $slug) { slug } }", { slug: "kalmar" }), {
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Body).data).toEqual({ tenant: { slug: "kalmar" } });
  });

  it("still refuses a simple GET (CSRF), in Swedish and English", async () => {
    for (const [language, pattern] of [
      ["sv", /förfalskad begäran/],
      ["en", /cross-site request forgery/],
    ] as const) {
      const response = await fetch(url("{ me { kind } }"), { headers: { accept: "application/json", "accept-language": language } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as Body;
      expect(body.errors?.[0]?.message).toMatch(pattern);
      expect(body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
      expect(body.errors?.[0]?.extensions?.messages).toMatchObject({ sv: expect.any(String), en: expect.any(String) });
    }
  });

  it("never runs a mutation over GET, token or not", async () => {
    const mutation = `mutation { cancelRequest(input: { requestId: "${requestId}", reason: "GET" }) { request { status } } }`;
    const response = await fetch(url(mutation), { headers: { authorization: `Bearer ${requester}`, "content-type": "application/json" } });
    expect(response.status).toBe(405);
    const after = await send("query R($id: ID!) { request(id: $id) { status } }", "R", coordinator, { id: requestId });
    expect(after.body.data?.request).toEqual({ status: "MATCHING" });
  });

  it("refuses a form POST (a simple request) even with a token-less body", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "text/plain", "accept-language": "sv" },
      body: JSON.stringify({ query: "{ me { kind } }" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Body).errors?.[0]?.message).toMatch(/CSRF/);
  });
});

describe("composable pages", () => {
  it("keeps the rest of the page when one root field is refused", async () => {
    const { body } = await send(
      "query Page { me { kind } myFeeClaims(first: 5) { totalCount } members(first: 5) { totalCount } }",
      "Page",
      member,
    );
    expect(body.data?.me).toEqual({ kind: "MEMBER" });
    expect(body.data?.myFeeClaims).toMatchObject({ totalCount: expect.any(Number) });
    expect(body.data?.members).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ path: ["members"], extensions: { code: "FORBIDDEN" } });
  });
});

describe("query cost", () => {
  it("reports its cost on every response", async () => {
    const { body } = await send("query Me { me { kind name } }", "Me", member);
    expect(body.extensions?.cost).toEqual({ requested: 3, limit: GRAPHQL_LIMITS.maxCost });
    const denied = await send("query M { members(first: 5) { totalCount } }", "M", member);
    expect(denied.body.extensions?.cost?.requested).toBe(2);
  });

  it("counts pages: the same selection costs more for a larger page, from a variable too", async () => {
    const document = "query P($first: Int) { myFeeClaims(first: $first) { nodes { id status } } }";
    const small = await send(document, "P", member, { first: 10 });
    const large = await send(document, "P", member, { first: 100 });
    expect(small.body.extensions?.cost?.requested).toBe(2 + 10 * 2);
    expect(large.body.extensions?.cost?.requested).toBe(2 + 100 * 2);
  });

  it.each([
    ["coordinator", "CoordinatorRequestPage", () => ({ id: requestId })],
    ["coordinator", "CoordinatorRequests", () => ({})],
    ["coordinator", "CoordinatorMembers", () => ({})],
    ["member", "MyFeeClaims", () => ({})],
    ["member", "MyStartPage", () => ({})],
    ["requester", "MyUnitRequests", () => ({})],
    ["requester", "UnitRequestPage", () => ({ id: requestId })],
  ] as const)("fits the %s's page %s (tests/front-end/operations)", async (role, operationName, variables) => {
    const token = { coordinator, member, requester }[role];
    const { status, body } = await send(operations(role), operationName, token, variables());
    expect(status).toBe(200);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const cost = body.extensions?.cost;
    expect(cost?.limit).toBe(GRAPHQL_LIMITS.maxCost);
    expect(cost?.requested).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxCost);
  });

  it("the largest real pages are within the limit with room to spare, and not trivially", async () => {
    const page = await send(operations("coordinator"), "CoordinatorRequestPage", coordinator, { id: requestId });
    const claims = await send(operations("member"), "MyFeeClaims", member);
    for (const cost of [page.body.extensions?.cost?.requested ?? 0, claims.body.extensions?.cost?.requested ?? 0]) {
      expect(cost).toBeGreaterThan(2_000);
      expect(cost * 1.5).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxCost);
    }
  });

  it("refuses an over-limit query with its own code, in Swedish and English", async () => {
    // 100 requests × 100 invitations each: a list in a list multiplies the work.
    const nested = `query Nested { requests(first: 100) { nodes { id invitations(first: 100) { nodes { id status invitedAt invitee { id givenName familyName } } } } } }`;
    for (const [language, pattern] of [
      ["sv", /för omfattande/],
      ["en", /too complex/],
    ] as const) {
      const response = await api.graphql(nested, { token: coordinator, headers: { "accept-language": language } });
      expect(response.status).toBe(400);
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.message).toMatch(pattern);
      expect(response.errors?.[0]?.message).not.toMatch(/Syntax Error/);
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: "QUERY_TOO_COMPLEX",
        cost: { limit: GRAPHQL_LIMITS.maxCost },
        messages: { sv: expect.any(String), en: expect.any(String) },
      });
    }
  });
});

describe("labels", () => {
  it("gives every value of every enum its Swedish and English label in one query, to anyone", async () => {
    type Entry = { enum: string; value: string; label: string; labelSv: string; labelEn: string };
    const response = await api.graphql<{ vocabulary: Entry[] }>("{ vocabulary { enum value label labelSv labelEn } }", {
      headers: { "accept-language": "en" },
    });
    expect(response.errors).toBeUndefined();
    const entries = response.data?.vocabulary ?? [];
    const introspection = await api.graphql<{
      __schema: { types: { kind: string; name: string; enumValues: { name: string }[] | null }[] };
    }>("{ __schema { types { kind name enumValues { name } } } }");
    const expected = (introspection.data?.__schema.types ?? [])
      .filter((type) => type.kind === "ENUM" && !type.name.startsWith("__"))
      .flatMap((type) => (type.enumValues ?? []).map((value) => `${type.name}.${value.name}`))
      .sort();
    expect(entries.map((entry) => `${entry.enum}.${entry.value}`).sort()).toEqual(expected);
    for (const entry of entries) {
      expect(entry.label).toBe(entry.labelEn);
      expect(entry.labelSv, `${entry.enum}.${entry.value}`).not.toBe(entry.value);
    }
    expect(entries.find((entry) => entry.enum === "InvitationStatus" && entry.value === "WAITLISTED")).toMatchObject({
      labelSv: "Reserv",
      labelEn: "Waitlisted",
    });
    const swedish = await api.graphql<{ vocabulary: Entry[] }>('{ vocabulary(enums: ["Perspective"]) { value label } }', {
      headers: { "accept-language": "sv" },
    });
    expect(swedish.data?.vocabulary).toEqual([
      { value: "PATIENT", label: "Patient" },
      { value: "RELATIVE", label: "Närstående" },
      { value: "SERVICE_USER", label: "Brukare" },
    ]);
  });
});

describe("connections for client caches", () => {
  it("give edges with cursors beside nodes, and a page continues after any edge", async () => {
    type Page = {
      members: { nodes: { id: string }[]; edges: { cursor: string; node: { id: string } }[]; pageInfo: { endCursor: string } };
    };
    const document =
      "query P($after: String) { members(first: 3, after: $after) { nodes { id } edges { cursor node { id } } pageInfo { endCursor } } }";
    const first = await api.graphql<Page>(document, { token: coordinator });
    const page = first.data?.members;
    expect(page?.edges.map((edge) => edge.node.id)).toEqual(page?.nodes.map((node) => node.id));
    expect(page?.edges.at(-1)?.cursor).toBe(page?.pageInfo.endCursor);
    const next = await api.graphql<Page>(document, { token: coordinator, variables: { after: page?.edges[0]?.cursor } });
    expect(next.data?.members.nodes.slice(0, 2)).toEqual(page?.nodes.slice(1, 3));
  });
});

describe("node(id:) and nodes(ids:)", () => {
  const NODE = `query N($id: ID!) { node(id: $id) { __typename id ... on Request { title status } ... on Member { givenName } } }`;

  it("reads an object by its id alone, as its own field would", async () => {
    const response = await api.graphql<{ node: { __typename: string; id: string; title: string } | null }>(NODE, {
      token: coordinator,
      variables: { id: requestId },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.node).toEqual({ __typename: "Request", id: requestId, title: "Sidan i sin helhet", status: "MATCHING" });
    const members = await api.graphql<{ members: { nodes: { id: string; givenName: string }[] } }>(
      "{ members(first: 1) { nodes { id givenName } } }",
      { token: coordinator },
    );
    const member = members.data?.members.nodes[0];
    const asNode = await api.graphql<{ node: unknown }>(NODE, { token: coordinator, variables: { id: member?.id } });
    expect(asNode.data?.node).toEqual({ __typename: "Member", id: member?.id, givenName: member?.givenName });
  });

  it("answers a foreign tenant's id, a forbidden id and a missing id alike: null", async () => {
    const vgrRequester = await api.tokenFor({ tenant: "vgr", role: "requester" });
    const vgrCoordinator = await api.tokenFor({ tenant: "vgr", role: "coordinator" });
    const foreignRequest = await submitRequest(api, vgrRequester, { title: "Västra Götalands" });
    const missing = "0190f000-0000-7000-8000-000000000000";
    const answers = await Promise.all([
      api.graphql(NODE, { token: coordinator, variables: { id: foreignRequest } }),
      api.graphql(NODE, { token: coordinator, variables: { id: missing } }),
      // A member may not read a request by id (request(id:) refuses members), so neither may node(id:).
      api.graphql(NODE, { token: member, variables: { id: requestId } }),
      api.graphql(NODE, { token: vgrCoordinator, variables: { id: requestId } }),
    ]);
    for (const answer of answers) {
      expect(answer.data).toEqual({ node: null });
      expect(answer.errors).toBeUndefined();
    }
    const many = await api.graphql<{ nodes: ({ id: string } | null)[] }>("query M($ids: [ID!]!) { nodes(ids: $ids) { id } }", {
      token: coordinator,
      variables: { ids: [foreignRequest, requestId, missing, "not-an-id"] },
    });
    expect(many.data?.nodes).toEqual([null, { id: requestId }, null, null]);
  });

  it("is for signed-in callers only", async () => {
    const anonymous = await api.graphql(NODE, { variables: { id: requestId } });
    expect(anonymous.data).toEqual({ node: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
