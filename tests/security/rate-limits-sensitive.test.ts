import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// SECURITY.md "GraphQL surface": per-actor rate limits on sensitive mutations — beyond registration
// (rate-limits.test.ts), the invitation flow (a coordinator inviting, a member answering) and the privacy rights
// (erasure). The limit is counted before anything executes, so the attempts here need not succeed: a refused one
// must answer RATE_LIMITED with HTTP 429 and Retry-After and never reach the resolver, one actor's attempts must
// not use up another's, and aliases in one document must count once each.

const LIMITS = {
  inviteMembers: { points: 2, windowSeconds: 300 },
  respondToInvitation: { points: 2, windowSeconds: 300 },
  eraseMember: { points: 2, windowSeconds: 300 },
};

const INVITE = /* GraphQL */ `
  mutation Invite($input: InviteMembersInput!) { inviteMembers(input: $input) { errors { __typename } } }
`;
const RESPOND = /* GraphQL */ `
  mutation Respond($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { errors { __typename } } }
`;
// `confirm: false` is refused by the API itself (BAD_USER_INPUT), so an attempt that gets through erases nothing.
const ERASE = /* GraphQL */ `mutation { eraseMember(input: { confirm: false }) { errors { __typename } } }`;

let api: TestApi;

type Response = Awaited<ReturnType<typeof post>>;

async function post(query: string, token: string, variables?: Record<string, unknown>) {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...body };
}

const token = (subject: string, tenant: string) => api.signToken({ subject, audience: `medverkan:${tenant}` });
const inviteInput = () => ({ input: { requestId: randomUUID(), memberIds: [randomUUID()] } });
const respondInput = () => ({ input: { invitationId: randomUUID(), accept: false } });

/** The resolver ran: it answered with its payload, or (erasure without `confirm`) with its own input error. */
function expectServed(response: Response, ownError?: string) {
  expect(response.status).toBe(200);
  if (ownError) {
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual([ownError]);
  } else {
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
  }
}

function expectRateLimited(response: Response, windowSeconds: number) {
  expect(response.status).toBe(429);
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryable: true });
  const retryAfterSeconds = response.errors?.[0]?.extensions?.retryAfterSeconds as number;
  expect(retryAfterSeconds).toBeGreaterThan(0);
  expect(retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
  expect(Number(response.retryAfter)).toBe(retryAfterSeconds);
  // Refused before execution: no payload at all.
  expect(response.data ?? null).toBeNull();
}

beforeAll(async () => {
  api = await startTestApi({ rateLimits: LIMITS });
});

afterAll(async () => {
  await api?.stop();
});

describe("per-actor rate limits on sensitive mutations", () => {
  it("limits a coordinator's invitations, and not another coordinator's", async () => {
    const first = await token("vgr-coordinator-1", "vgr");
    const second = await token("vgr-coordinator-2", "vgr");
    expectServed(await post(INVITE, first, inviteInput()));
    expectServed(await post(INVITE, first, inviteInput()));
    expectRateLimited(await post(INVITE, first, inviteInput()), 300);
    expectServed(await post(INVITE, second, inviteInput()));
  });

  it("limits a member's answers to invitations, and not another member's", async () => {
    const first = await token("kalmar-member-1", "kalmar");
    const second = await token("kalmar-member-2", "kalmar");
    expectServed(await post(RESPOND, first, respondInput()));
    expectServed(await post(RESPOND, first, respondInput()));
    expectRateLimited(await post(RESPOND, first, respondInput()), 300);
    expectServed(await post(RESPOND, second, respondInput()));
  });

  it("limits erasure requests per member, and not another member's", async () => {
    const first = await token("jonkoping-member-1", "jonkoping");
    const second = await token("jonkoping-member-2", "jonkoping");
    expectServed(await post(ERASE, first), "BAD_USER_INPUT");
    expectServed(await post(ERASE, first), "BAD_USER_INPUT");
    expectRateLimited(await post(ERASE, first), 300);
    expectServed(await post(ERASE, second), "BAD_USER_INPUT");
  });

  it("counts every alias: one document cannot carry more attempts than the limit", async () => {
    const coordinator = await token("kalmar-coordinator-1", "kalmar");
    const invite = (alias: string) =>
      `${alias}: inviteMembers(input: { requestId: "${randomUUID()}", memberIds: ["${randomUUID()}"] }) { errors { __typename } }`;
    expectRateLimited(await post(`mutation { ${["a", "b", "c"].map(invite).join(" ")} }`, coordinator), 300);

    // Two aliases use up both points at once, so the next single attempt is refused.
    const member = await token("ostergotland-member-1", "ostergotland");
    const respond = (alias: string) =>
      `${alias}: respondToInvitation(input: { invitationId: "${randomUUID()}", accept: false }) { errors { __typename } }`;
    expectServed(await post(`mutation { ${["a", "b"].map(respond).join(" ")} }`, member));
    expectRateLimited(await post(RESPOND, member, respondInput()), 300);

    const erasing = await token("vgr-member-1", "vgr");
    const erase = (alias: string) => `${alias}: eraseMember(input: { confirm: false }) { errors { __typename } }`;
    expectRateLimited(await post(`mutation { ${["a", "b", "c"].map(erase).join(" ")} }`, erasing), 300);
  });
});
