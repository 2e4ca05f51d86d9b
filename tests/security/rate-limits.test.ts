import { startApiServer, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Issue 8 item 4 (SECURITY.md: per-actor rate limits on sensitive mutations, with a store that works when several API
// instances run): the limit is counted in the shared database, so a second instance on the same database sees the
// first one's count; a refused request gets RATE_LIMITED, HTTP 429, Retry-After and writes nothing.

type ServerOptions = Parameters<typeof startApiServer>[0];
type RunningServer = Awaited<ReturnType<typeof startApiServer>>;

const LIMITS = {
  registerMember: { points: 3, windowSeconds: 120 },
  exportMyData: { points: 2, windowSeconds: 120 },
};

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) { registerMember(input: $input) { registration { outcome } errors { __typename } } }
`;
const EXPORT = /* GraphQL */ `query { exportMyData { format } }`;

let api: TestApi;
let second: RunningServer;
let kalmar: PublicTenant;

async function post(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; forwardedFor?: string } = {},
) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...body };
}

beforeAll(async () => {
  api = await startTestApi({ rateLimits: LIMITS, trustProxy: "loopback" });
  kalmar = await publicTenant(api, "kalmar");
  // A second API instance on the same database, as behind a load balancer.
  const config: ServerOptions["config"] = {
    production: false,
    host: "127.0.0.1",
    port: 0,
    databaseUrl: null,
    embeddedDataDirectory: null,
    devKeyFile: "",
    migrateOnStart: false,
    seedOnStart: false,
    platformIssuer: null,
    bodyLimitBytes: 100_000,
    logLevel: "silent",
    shutdownGraceMs: 1_000,
    rateLimits: LIMITS,
    trustProxy: "loopback",
  };
  second = await startApiServer({ config, database: api.running.database, log: api.running.log });
});

afterAll(async () => {
  await second?.stop();
  await api?.stop();
});

describe("rate limits shared by API instances", () => {
  it("counts anonymous registrations per client across both instances and refuses the excess with 429", async () => {
    const familyNames: string[] = [];
    const register = async (url: string) => {
      const input = registrationInput(kalmar);
      familyNames.push(String(input.familyName));
      return post(url, REGISTER, { variables: { input } });
    };
    expect((await register(api.url)).status).toBe(200);
    expect((await register(second.url)).status).toBe(200);
    expect((await register(api.url)).status).toBe(200);
    const refused = await register(second.url);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryable: true });
    const retryAfterSeconds = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(Number(refused.retryAfter)).toBe(retryAfterSeconds);
    expect(refused.data ?? null).toBeNull();
    // The refused registration wrote nothing.
    const last = familyNames.at(-1);
    expect(await api.running.database.prisma.member.count({ where: { familyName: last } })).toBe(0);
    // Another client (behind the trusted proxy) has its own budget.
    const elsewhere = await post(api.url, REGISTER, { variables: { input: registrationInput(kalmar) }, forwardedFor: "203.0.113.7" });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.errors).toBeUndefined();
  });

  it("counts aliases and root fragments: one document cannot carry the excess past the limit", async () => {
    const member = await api.signToken({ subject: "vgr-member-1", audience: "medverkan:vgr" });
    const aliased = await post(second.url, `query { a: exportMyData { format } b: exportMyData { format } c: exportMyData { format } }`, {
      token: member,
    });
    expect(aliased.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    const other = await api.signToken({ subject: "vgr-member-2", audience: "medverkan:vgr" });
    const viaFragment = await post(
      api.url,
      `query { ...A ...B ... on Query { exportMyData { format } } } fragment A on Query { exportMyData { format } } fragment B on Query { x: exportMyData { format } }`,
      {
        token: other,
      },
    );
    expect(viaFragment.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("counts per actor: one member's use does not limit another's", async () => {
    const first = await api.signToken({ subject: "ostergotland-member-1", audience: "medverkan:ostergotland" });
    const other = await api.signToken({ subject: "ostergotland-member-2", audience: "medverkan:ostergotland" });
    expect((await post(api.url, EXPORT, { token: first })).errors).toBeUndefined();
    expect((await post(second.url, EXPORT, { token: first })).errors).toBeUndefined();
    expect((await post(api.url, EXPORT, { token: first })).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await post(second.url, EXPORT, { token: other })).errors).toBeUndefined();
  });
});
