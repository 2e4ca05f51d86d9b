import { API_ERROR_CODES, GRAPHQL_LIMITS, type GraphQLResponse, MAX_PAGE_SIZE, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import { MEMBERS } from "../support/queries.js";

// SPEC §5 and SECURITY.md "GraphQL surface": page size ≤ 100, a closed list of error codes, limits on depth and
// aliases, no batching, CSRF prevention, body size limit, health and readiness, the explorer served offline.

let api: TestApi;
let origin: string;
let coordinator: string;

beforeAll(async () => {
  api = await startTestApi();
  origin = new URL(api.url).origin;
  coordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
});

afterAll(async () => {
  await api?.stop();
});

describe("pagination", () => {
  it(`refuses more than ${MAX_PAGE_SIZE} items a page with a field error`, async () => {
    const response = await api.graphql(MEMBERS, { token: coordinator, variables: { first: MAX_PAGE_SIZE + 1 } });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldErrors(response)[0]?.field).toBe("first");
  });

  it("walks a connection page by page without gaps or repeats", async () => {
    type Page = { members: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] } };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 50; guard += 1) {
      const response: GraphQLResponse<Page> = await api.graphql<Page>(MEMBERS, {
        token: coordinator,
        variables: { first: 7, after },
      });
      const page: Page["members"] | undefined = response.data?.members;
      if (!page) throw new Error(JSON.stringify(response.errors));
      total = page.totalCount;
      seen.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("refuses a forged cursor", async () => {
    const response = await api.graphql(MEMBERS, { token: coordinator, variables: { after: "bm90LWEtY3Vyc29y" } });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("errors", () => {
  it("uses only codes from the closed list", async () => {
    const responses = await Promise.all([
      api.graphql("{ nope }"),
      api.graphql("{ members { totalCount } }"),
      api.graphql("query {", {}),
      api.graphql(MEMBERS, { token: coordinator, variables: { first: 0 } }),
    ]);
    for (const response of responses) {
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors ?? []) expect(API_ERROR_CODES).toContain(error.extensions?.code);
    }
  });

  it("denies what the permission map does not allow, without data", async () => {
    const response = await api.graphql("{ members(first: 1) { totalCount } }");
    expect(response.data).toEqual({ members: null });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const member = await api.graphql("{ members(first: 1) { totalCount } }", {
      token: await api.tokenFor({ tenant: "kalmar", role: "member" }),
    });
    expect(member.data).toEqual({ members: null });
    expect(member.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("limits", () => {
  it("refuses queries deeper than the limit", async () => {
    const levels = GRAPHQL_LIMITS.maxDepth + 2;
    // The experience taxonomy is a tree, so a client can nest `parent` as deep as it likes — unless limited.
    const deep = `{ me { member { experiences { ${"parent { ".repeat(levels)} key ${"} ".repeat(levels)} } } } }`;
    const response = await api.graphql(deep);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
  });

  it("answers a document that does not parse or validate with 400, never 500", async () => {
    const unknownArgument = await api.graphql("query { me(x: 1) { kind } }");
    expect(unknownArgument.status).toBe(400);
    expect(unknownArgument.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const unparsable = await api.graphql("query { me(x) }");
    expect(unparsable.status).toBe(400);
    expect(unparsable.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses too many aliases", async () => {
    const aliases = Array.from({ length: GRAPHQL_LIMITS.maxAliases + 5 }, (_, index) => `a${index}: tenant(slug: "kalmar") { id }`).join(
      " ",
    );
    const response = await api.graphql(`{ ${aliases} }`);
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("does not execute batched requests", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ me { kind } }" }, { query: "{ me { kind } }" }]),
    });
    expect(response.status).toBe(400);
  });

  it("refuses a body over the size limit with 413", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ me { kind } } # ${"x".repeat(200_000)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
  });
});

describe("CSRF prevention", () => {
  it("refuses a GET without a preflight-forcing header (or a token)", async () => {
    const response = await fetch(`${api.url}?query=${encodeURIComponent("{ me { kind } }")}`, { headers: { accept: "application/json" } });
    expect(response.status).toBe(400);
  });

  it("never runs a mutation over GET", async () => {
    const mutation = `mutation { registerMember(input: { tenantSlug: "kalmar", networkIds: [], givenName: "X", familyName: "Y", perspectives: [PATIENT], consent: { textVersion: "1", accepted: true } }) { errors { __typename } } }`;
    const response = await fetch(`${api.url}?query=${encodeURIComponent(mutation)}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(response.status).toBe(405);
  });

  it("refuses a form-encoded POST (a simple request)", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=%7B%20me%20%7B%20kind%20%7D%20%7D",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});

describe("operations", () => {
  it("answers health and readiness", async () => {
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "ok" });
  });

  it("serves the explorer and its assets from the package, not a CDN", async () => {
    const page = await fetch(api.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn\./i);
    const asset = /(\/explorer-assets\/[\w.-]+\.js)/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${origin}${asset}`);
    expect(script.status).toBe(200);
  });

  it("prefills the explorer with a development token on request", async () => {
    const page = await fetch(`${api.url}?tenant=kalmar&role=coordinator`, { headers: { accept: "text/html" } });
    expect(await page.text()).toContain("Bearer ey");
  });

  it("keeps the development token in every new explorer tab (Ruru's default headers)", async () => {
    const html = await (await fetch(`${api.url}?tenant=kalmar&role=member`, { headers: { accept: "text/html" } })).text();
    const config = JSON.parse(/const RURU_CONFIG = (\{[\s\S]*?\n\});/.exec(html)?.[1] ?? "{}") as Record<string, string>;
    expect(config.defaultHeaders).toContain("Bearer ey");
    expect(config.defaultHeaders).toBe(config.initialHeaders);
  });

  it("answers a misspelt tenant or role in the explorer's address with a page naming what exists, not a 500", async () => {
    for (const query of ["tenant=kalmr&role=coordinator", "tenant=kalmar&role=coordinater"]) {
      const page = await fetch(`${api.url}?${query}`, { headers: { accept: "text/html" } });
      expect(page.status, query).toBe(404);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toMatch(/kalmr|coordinater/);
      expect(html).toContain('href="/graphql?tenant=kalmar&amp;role=coordinator"');
      expect(html).not.toContain("<script");
    }
  });

  it("serves a favicon (no console error in the browser)", async () => {
    const html = await (await fetch(api.url, { headers: { accept: "text/html" } })).text();
    expect(html).toContain('rel="icon"');
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const icon = await fetch(`${origin}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("content-type")).toMatch(/image\/svg\+xml/);
    }
  });
});
