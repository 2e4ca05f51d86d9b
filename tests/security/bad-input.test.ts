import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Issue 22 finding 7: input no client should send must be the client's error — 400 with a clear message in Swedish
// and English — never an INTERNAL_SERVER_ERROR with a stack trace in the log. Before: a NUL in a GET request (in the
// document's text or a variable) and a lone UTF-16 surrogate in any string variable reached the database and failed
// there; a `subscription` document failed in execution.

let api: TestApi;
let logged: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  api = await startTestApi();
  // The error formatter logs every internal error on the API's own logger.
  logged = vi.spyOn(api.running.log, "error");
});

afterAll(async () => {
  await api?.stop();
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(body: string): Promise<Answer> {
  const response = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function get(params: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${api.url}?${new URLSearchParams(params)}`, { headers: { "apollo-require-preflight": "1" } });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

function expectClientError(answer: Answer, code: string, reason: string) {
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code, reason });
  const messages = answer.body.errors?.[0]?.extensions?.messages as { sv?: string; en?: string } | undefined;
  expect(messages?.sv).toBeTruthy();
  expect(messages?.en).toBeTruthy();
  expect(JSON.stringify(answer.body)).not.toMatch(/INTERNAL_SERVER_ERROR|stack|prisma|invalid byte sequence/i);
}

const BY_SLUG = "query Tenant($slug: String!) { tenant(slug: $slug) { id } }";

describe("bad input is a 400, never an internal error", () => {
  it("refuses a NUL in a GET request: in the document's text and in a variable", async () => {
    expectClientError(await get({ query: `{ tenant(slug: "kal\u0000mar") { id } }` }), "BAD_REQUEST", "NUL_CHARACTER");
    expectClientError(await get({ query: BY_SLUG, variables: JSON.stringify({ slug: "kal\u0000mar" }) }), "BAD_REQUEST", "NUL_CHARACTER");
    // The same text as an operation name, and a clean GET still works.
    expectClientError(await get({ query: BY_SLUG, operationName: "Ten\u0000ant" }), "BAD_REQUEST", "NUL_CHARACTER");
    const clean = await get({ query: BY_SLUG, variables: JSON.stringify({ slug: "kalmar" }) });
    expect(clean.status).toBe(200);
    expect(clean.body.errors).toBeUndefined();
  });

  it("refuses a NUL in the query text of a POST", async () => {
    expectClientError(await post(JSON.stringify({ query: `{ tenant(slug: "kal\u0000mar") { id } }` })), "BAD_REQUEST", "NUL_CHARACTER");
    expectClientError(await post(JSON.stringify({ query: "{ __typename \u0000 }" })), "BAD_REQUEST", "NUL_CHARACTER");
  });

  it("refuses a lone UTF-16 surrogate in any string variable, by POST and by GET, nested or not", async () => {
    // JSON.stringify writes a lone surrogate as a \\ud800 escape, which the server's JSON parser turns back into one.
    for (const slug of ["a\ud800b", "\udc00", "x\udbff"]) {
      expectClientError(await post(JSON.stringify({ query: BY_SLUG, variables: { slug } })), "BAD_REQUEST", "UNPAIRED_SURROGATE");
      expectClientError(await get({ query: BY_SLUG, variables: JSON.stringify({ slug }) }), "BAD_REQUEST", "UNPAIRED_SURROGATE");
    }
    const nested = { query: "mutation R($input: RegisterMemberInput!) { registerMember(input: $input) { errors { __typename } } }" };
    const input = { tenantSlug: "kalmar", givenName: "Åsa", competences: ["ok", "bad \ud83d"] };
    expectClientError(await post(JSON.stringify({ ...nested, variables: { input } })), "BAD_REQUEST", "UNPAIRED_SURROGATE");
    // A well-formed pair (an emoji, a mathematical letter) is ordinary text.
    const paired = await post(JSON.stringify({ query: BY_SLUG, variables: { slug: "kalmar😀𝔘" } }));
    expect(paired.status).toBe(200);
    expect(paired.body).toMatchObject({ data: { tenant: null } });
  });

  it("refuses any subscription document with a clear 400: subscriptions run over WebSocket, not HTTP", async () => {
    for (const query of [
      "subscription { __typename }",
      "subscription S { me { kind } }",
      "subscription { inboxNotificationAdded { id } }",
    ]) {
      for (const answer of [await post(JSON.stringify({ query })), await get({ query })]) {
        expect(answer.status).toBe(400);
        const refusal = answer.body.errors?.find((error) => error.extensions?.reason === "SUBSCRIPTION_NOT_SUPPORTED");
        expect(refusal?.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", reason: "SUBSCRIPTION_NOT_SUPPORTED" });
        expect(refusal?.message).toMatch(/subscription.*WebSocket/i);
        expect(JSON.stringify(answer.body)).not.toMatch(/INTERNAL_SERVER_ERROR|Schema is not configured/);
      }
    }
  });

  it("logged no internal error for any of it", () => {
    expect(logged).not.toHaveBeenCalled();
  });
});
