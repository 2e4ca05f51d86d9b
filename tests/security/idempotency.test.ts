import { randomUUID } from "node:crypto";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Issue 8 item 6 (SECURITY.md, reliability): a client that retries a create with the same Idempotency-Key gets the
// first answer and nothing is written twice, even when the retries arrive at the same moment.

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) {
    registerMember(input: $input) {
      registration { outcome receivedAt message }
      errors { __typename ... on ErrorResult { code } }
    }
  }
`;
const REGISTER_ON_BEHALF = /* GraphQL */ `
  mutation OnBehalf($input: RegisterMemberOnBehalfInput!) {
    registerMemberOnBehalf(input: $input) { member { id } alreadyRegistered errors { __typename } }
  }
`;

type Receipt = { registerMember: { registration: { receivedAt: string } | null; errors: unknown[] } };

let api: TestApi;
let kalmar: PublicTenant;
const prisma = () => api.running.database.prisma;

async function writesFor(familyName: string) {
  const members = await prisma().member.findMany({ where: { familyName }, select: { id: true } });
  const ids = members.map((member) => member.id);
  const [consents, audits] = await Promise.all([
    prisma().consent.count({ where: { memberId: { in: ids } } }),
    prisma().auditEvent.count({ where: { memberId: { in: ids }, action: "WRITE" } }),
  ]);
  return { members: ids.length, consents, audits };
}

beforeAll(async () => {
  api = await startTestApi();
  kalmar = await publicTenant(api, "kalmar");
});

afterAll(async () => {
  await api?.stop();
});

describe("Idempotency-Key on registerMember", () => {
  it("answers a retry with the stored receipt and writes nothing the second time", async () => {
    const input = registrationInput(kalmar);
    const key = randomUUID();
    const first = await api.graphql<Receipt>(REGISTER, { variables: { input }, headers: { "Idempotency-Key": key } });
    expect(first.data?.registerMember.errors).toEqual([]);
    const afterFirst = await writesFor(String(input.familyName));
    expect(afterFirst).toEqual({ members: 1, consents: 1, audits: 1 });

    const retry = await api.graphql<Receipt>(REGISTER, { variables: { input }, headers: { "Idempotency-Key": key } });
    expect(retry.data).toEqual(first.data);
    expect(await writesFor(String(input.familyName))).toEqual(afterFirst);

    // Without the key the same submission is a new act: a second consent is recorded (so the key is what prevented it).
    await api.graphql<Receipt>(REGISTER, { variables: { input } });
    expect((await writesFor(String(input.familyName))).consents).toBe(2);
  });

  it("refuses the same key with a different input, and writes nothing", async () => {
    const key = randomUUID();
    const input = registrationInput(kalmar);
    await api.graphql<Receipt>(REGISTER, { variables: { input }, headers: { "Idempotency-Key": key } });
    const other = registrationInput(kalmar);
    const reused = await api.graphql(REGISTER, { variables: { input: other }, headers: { "Idempotency-Key": key } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", reason: "IDEMPOTENCY_KEY_REUSED" });
    expect(reused.errors?.[0]?.extensions?.messages).toMatchObject({ sv: expect.any(String), en: expect.any(String) });
    expect(await writesFor(String(other.familyName))).toEqual({ members: 0, consents: 0, audits: 0 });
  });

  it("lets concurrent identical requests write once and all get the same answer", async () => {
    const key = randomUUID();
    const input = registrationInput(kalmar);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.graphql<Receipt>(REGISTER, { variables: { input }, headers: { "Idempotency-Key": key } })),
    );
    const receipts = new Set(responses.map((response) => response.data?.registerMember.registration?.receivedAt));
    expect(responses.every((response) => response.errors === undefined)).toBe(true);
    expect(receipts.size).toBe(1);
    expect(await writesFor(String(input.familyName))).toEqual({ members: 1, consents: 1, audits: 1 });
  });

  it("refuses a malformed key with 400 instead of silently running unprotected", async () => {
    for (const key of ["has space", "x".repeat(256), "åäö"]) {
      const input = registrationInput(kalmar);
      const response = await api.graphql(REGISTER, { variables: { input }, headers: { "Idempotency-Key": key } });
      expect(response.status, key).toBe(400);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", reason: "INVALID_IDEMPOTENCY_KEY" });
      expect(await writesFor(String(input.familyName))).toEqual({ members: 0, consents: 0, audits: 0 });
    }
  });
});

describe("Idempotency-Key on registerMemberOnBehalf", () => {
  it("returns the same member for a retried paper registration and records one consent", async () => {
    const coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const { tenantSlug: _slug, ...details } = registrationInput(kalmar);
    const input = { ...details, channel: "POSTAL" };
    const key = randomUUID();
    type Payload = { registerMemberOnBehalf: { member: { id: string } | null; errors: unknown[] } };
    const first = await api.graphql<Payload>(REGISTER_ON_BEHALF, {
      token: coordinator,
      variables: { input },
      headers: { "Idempotency-Key": key },
    });
    expect(first.errors).toBeUndefined();
    const retry = await api.graphql<Payload>(REGISTER_ON_BEHALF, {
      token: coordinator,
      variables: { input },
      headers: { "Idempotency-Key": key },
    });
    expect(retry.data?.registerMemberOnBehalf.member?.id).toBe(first.data?.registerMemberOnBehalf.member?.id);
    expect((await writesFor(String(details.familyName))).consents).toBe(1);
  });
});

describe("Idempotency-Key on createTenant", () => {
  const CREATE_TENANT = /* GraphQL */ `
    mutation CreateTenant($input: CreateTenantInput!) {
      createTenant(input: $input) { tenant { id slug } errors { __typename ... on ErrorResult { code } } }
    }
  `;
  type Created = { createTenant: { tenant: { id: string; slug: string } | null; errors: { code: string }[] } };

  async function tenantInput(slug: string) {
    const { publicKey } = await generateKeyPair("ES256");
    return {
      slug,
      name: `Region ${slug}`,
      tokenIssuer: `https://login.${slug}.example`,
      tokenAudience: "medverkan",
      publicKeys: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: slug, alg: "ES256" }] }),
      firstAdmin: { subject: `${slug}-admin`, name: "Ada Admin", email: `admin@${slug}.example` },
    };
  }

  it("answers a retried (and a concurrent) creation with the same tenant, created once", async () => {
    const operator = await api.tokenFor({ role: "platform-operator" });
    const input = await tenantInput("idempotenta");
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 3 }, () =>
        api.graphql<Created>(CREATE_TENANT, { token: operator, variables: { input }, headers: { "Idempotency-Key": key } }),
      ),
    );
    const retry = await api.graphql<Created>(CREATE_TENANT, { token: operator, variables: { input }, headers: { "Idempotency-Key": key } });
    for (const response of [...responses, retry]) {
      expect(response.errors).toBeUndefined();
      expect(response.data?.createTenant.errors).toEqual([]);
    }
    expect(new Set([...responses, retry].map((response) => response.data?.createTenant.tenant?.id)).size).toBe(1);
    expect(await prisma().tenant.count({ where: { slug: "idempotenta" } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { subjectType: "Tenant", subjectId: retry.data?.createTenant.tenant?.id } })).toBe(1);

    // Without the key, or with a key of another creation, the slug is simply taken.
    const plain = await api.graphql<Created>(CREATE_TENANT, { token: operator, variables: { input } });
    expect(plain.data?.createTenant.errors[0]?.code).toBe("SLUG_TAKEN");
    const otherKey = await api.graphql<Created>(CREATE_TENANT, {
      token: operator,
      variables: { input },
      headers: { "Idempotency-Key": randomUUID() },
    });
    expect(otherKey.data?.createTenant.errors[0]?.code).toBe("SLUG_TAKEN");
  });
});
