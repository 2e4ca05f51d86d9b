import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmDirectBooking, RECORD_DIRECT_BOOKING, requestInput, SUBMIT_REQUEST } from "../support/requests.js";

// A unit's client that lost the answer to a submission (or whose user clicked twice) retries with the same
// Idempotency-Key: one request is created and both calls get the same answer. The same key with other input is refused.

let api: TestApi;
let requester: string;
const prisma = () => api.running.database.prisma;
const requestsTitled = (title: string) => prisma().request.count({ where: { title } });

type Submitted = { submitRequest: { request: { id: string; title: string; status: string } | null; errors: unknown[] } };
type Booked = { recordDirectBooking: { request: { id: string; status: string } | null; errors: unknown[] } };

beforeAll(async () => {
  api = await startTestApi();
  requester = await api.tokenFor({ tenant: "jonkoping", role: "requester" });
});

afterAll(async () => {
  await api?.stop();
});

describe("Idempotency-Key on submitRequest", () => {
  it("creates one request for two calls with the same key and input, and answers both alike", async () => {
    const title = `Retried submission ${randomUUID().slice(0, 8)}`;
    const input = await requestInput(api, requester, { networkSlug: "levande-bibliotek", title });
    const headers = { "Idempotency-Key": randomUUID() };
    const first = await api.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input }, headers });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    expect(first.data?.submitRequest.request?.status).toBe("SUBMITTED");
    const retry = await api.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input }, headers });
    expect(retry.data).toEqual(first.data);
    expect(await requestsTitled(title)).toBe(1);

    // Without a key the same submission is a new request: the key is what prevented the second one.
    await api.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input } });
    expect(await requestsTitled(title)).toBe(2);
  });

  it("refuses the same key with a different input, bilingually, and writes nothing", async () => {
    const headers = { "Idempotency-Key": randomUUID() };
    const input = await requestInput(api, requester, { networkSlug: "levande-bibliotek", title: `First ${randomUUID().slice(0, 8)}` });
    await api.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input }, headers });
    const otherTitle = `Other ${randomUUID().slice(0, 8)}`;
    const reused = await api.graphql(SUBMIT_REQUEST, { token: requester, variables: { input: { ...input, title: otherTitle } }, headers });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", reason: "IDEMPOTENCY_KEY_REUSED" });
    expect(reused.errors?.[0]?.extensions?.messages).toMatchObject({ sv: expect.any(String), en: expect.any(String) });
    expect(await requestsTitled(otherTitle)).toBe(0);
  });

  it("keeps no answer for refused input: the corrected retry with the same key is created", async () => {
    const headers = { "Idempotency-Key": randomUUID() };
    const title = `Corrected ${randomUUID().slice(0, 8)}`;
    const input = await requestInput(api, requester, { networkSlug: "levande-bibliotek", title });
    const refused = await api.graphql(SUBMIT_REQUEST, {
      token: requester,
      variables: { input: { ...input, numberOfPersons: 0 } },
      headers,
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await requestsTitled(title)).toBe(0);
    // The same key with other (corrected) input: nothing was stored for the refused call, so this is no reuse.
    const created = await api.graphql<Submitted>(SUBMIT_REQUEST, { token: requester, variables: { input }, headers });
    expect(created.data?.submitRequest.request?.title).toBe(title);
  });
});

describe("Idempotency-Key on recordDirectBooking", () => {
  it("records the participation once for two calls with the same key", async () => {
    const member = await prisma().member.findFirstOrThrow({
      where: {
        tenant: { slug: "jonkoping" },
        email: { not: null },
        erasedAt: null,
        restrictedAt: null,
        AND: [
          { memberships: { some: { status: "ACTIVE", network: { slug: "levande-bibliotek" } } } },
          { memberships: { none: { network: { slug: "peer" } } } },
        ],
      },
      orderBy: { id: "asc" },
      select: { id: true, familyName: true, email: true },
    });
    const network = await prisma().network.findFirstOrThrow({ where: { tenant: { slug: "jonkoping" }, slug: "levande-bibliotek" } });
    const start = new Date(Date.now() - 30 * 3_600_000);
    const title = `Direct ${randomUUID().slice(0, 8)}`;
    const input = {
      networkId: network.id,
      assignmentType: "WORKSHOP",
      title,
      purpose: "Enheten bjöd in en levande bok den kände till.",
      occasions: [{ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(), place: "Qulturum" }],
      participants: [{ familyName: member.familyName, email: member.email }],
    };
    const headers = { "Idempotency-Key": randomUUID() };
    const first = await api.graphql<Booked>(RECORD_DIRECT_BOOKING, { token: requester, variables: { input }, headers });
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    expect(first.data?.recordDirectBooking.request?.status).toBe("CARRIED_OUT");
    const retry = await api.graphql<Booked>(RECORD_DIRECT_BOOKING, { token: requester, variables: { input }, headers });
    expect(retry.data).toEqual(first.data);
    expect(await requestsTitled(title)).toBe(1);
    expect(await prisma().directBookingParticipant.count({ where: { memberId: member.id, request: { title } } })).toBe(1);
    await confirmDirectBooking(api, first.data?.recordDirectBooking.request?.id as string);
    expect(await prisma().assignment.count({ where: { memberId: member.id, request: { title } } })).toBe(1);
  });
});
