import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ME, MEMBERS, REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Scenario 1 (SPEC §4): anyone can register to a network, with consent to processing; bad input gets field-level
// errors and writes nothing; the same person registering twice is not doubled; a minor is held for a guardian.

let api: TestApi;
let kalmar: PublicTenant;
let coordinatorToken: string;
let networkId: string;

type Payload = {
  registerMember: {
    registration: { outcome: string; message: string } | null;
    errors: Array<{ __typename: string; code: string; message: string; rule?: string; currentVersion?: string }>;
  };
};

async function poolSize(): Promise<number> {
  const response = await api.graphql<{ members: { totalCount: number } }>(MEMBERS, {
    token: coordinatorToken,
    variables: { networkId, first: 1 },
  });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.members.totalCount;
}

const register = (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.graphql<Payload>(REGISTER_MEMBER, { variables: { input }, headers });

beforeAll(async () => {
  api = await startTestApi();
  kalmar = await publicTenant(api, "kalmar");
  coordinatorToken = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  const me = await api.graphql<{ me: { roles: { role: string; network: { slug: string } | null }[] } }>(ME, { token: coordinatorToken });
  const slug = me.data?.me.roles.find((grant) => grant.role === "COORDINATOR")?.network?.slug;
  const network = kalmar.networks.nodes.find((candidate) => candidate.slug === slug) ?? kalmar.networks.nodes[0];
  if (!network) throw new Error("Kalmar has no network");
  networkId = network.id;
  kalmar = { ...kalmar, networks: { ...kalmar.networks, nodes: [network] } };
});

afterAll(async () => {
  await api?.stop();
});

describe("registerMember", () => {
  it("stores a valid registration once and acknowledges it", async () => {
    const before = await poolSize();
    const response = await register(registrationInput(kalmar));
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerMember.errors).toEqual([]);
    expect(response.data?.registerMember.registration?.outcome).toBe("REGISTERED");
    expect(await poolSize()).toBe(before + 1);
  });

  it("returns every field error at once, in Swedish and English, and writes nothing", async () => {
    const before = await poolSize();
    const response = await register(
      registrationInput(kalmar, { givenName: "  ", email: "not-an-email", phone: "12", birthDate: "2999-01-01", perspectives: [] }),
      { "accept-language": "en" },
    );
    expect(response.data?.registerMember ?? null).toBeNull();
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields =
      (error?.extensions?.fieldErrors as Array<{ field: string; code: string; message: string; messages: { sv: string; en: string } }>) ??
      [];
    expect(fields.map((field) => field.field)).toEqual(
      expect.arrayContaining(["input.givenName", "input.email", "input.phone", "input.birthDate", "input.perspectives"]),
    );
    for (const field of fields) {
      expect(field.messages.sv.length).toBeGreaterThan(0);
      expect(field.messages.en.length).toBeGreaterThan(0);
      expect(field.message).toBe(field.messages.en);
    }
    expect(await poolSize()).toBe(before);
  });

  it("answers in Swedish by default", async () => {
    const response = await register(registrationInput(kalmar, { email: "fel" }));
    const fields = response.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string; message: string; messages: { sv: string } }>;
    const email = fields.find((field) => field.field === "input.email");
    expect(email?.message).toBe(email?.messages.sv);
  });

  it("does not double a person who registers again, and does not reveal that they are known", async () => {
    const input = registrationInput(kalmar);
    const first = await register(input);
    const before = await poolSize();
    const again = await register({ ...input, email: String(input.email).toUpperCase(), givenName: " testa " });
    expect(again.data?.registerMember.errors).toEqual([]);
    expect(again.data?.registerMember.registration?.outcome).toBe(first.data?.registerMember.registration?.outcome);
    expect(again.data?.registerMember.registration?.message).toBe(first.data?.registerMember.registration?.message);
    expect(await poolSize()).toBe(before);
  });

  it("keeps a probable duplicate (shared family e-mail) as a new person", async () => {
    const parent = registrationInput(kalmar);
    await register(parent);
    const before = await poolSize();
    const relative = registrationInput(kalmar, { email: parent.email, givenName: "Annan", birthDate: "1999-02-03" });
    const response = await register(relative);
    expect(response.data?.registerMember.errors).toEqual([]);
    expect(await poolSize()).toBe(before + 1);
  });

  it("holds a minor's registration until a guardian consents (Kalmar)", async () => {
    const minor = registrationInput(kalmar, {
      birthDate: "2012-06-01",
      guardian: { name: "Vera Vårdnadshavare", email: "vera@example.se", relation: "mamma" },
    });
    const response = await register(minor);
    expect(response.data?.registerMember.errors).toEqual([]);
    expect(response.data?.registerMember.registration?.outcome).toBe("AWAITING_GUARDIAN_CONSENT");
  });

  it("requires a guardian to be named for a minor (Kalmar)", async () => {
    const before = await poolSize();
    const response = await register(registrationInput(kalmar, { birthDate: "2012-06-01" }));
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = response.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string }>;
    expect(fields.some((field) => field.field.startsWith("input.guardian"))).toBe(true);
    expect(await poolSize()).toBe(before);
  });

  it("returns ConsentRequired, and stores nothing, when consent is missing or to an outdated text", async () => {
    const before = await poolSize();
    const notAccepted = await register(
      registrationInput(kalmar, { consent: { textVersion: kalmar.currentConsentText?.version, accepted: false } }),
    );
    const outdated = await register(registrationInput(kalmar, { consent: { textVersion: "0.0-outdated", accepted: true } }));
    for (const response of [notAccepted, outdated]) {
      expect(response.data?.registerMember.registration).toBeNull();
      expect(response.data?.registerMember.errors[0]?.__typename).toBe("ConsentRequired");
      expect(response.data?.registerMember.errors[0]?.code).toBe("CONSENT_REQUIRED");
      expect(response.data?.registerMember.errors[0]?.currentVersion).toBe(kalmar.currentConsentText?.version);
    }
    expect(await poolSize()).toBe(before);
  });

  it("refuses an unknown tenant and an unknown network with field errors", async () => {
    const unknownTenant = await register(registrationInput(kalmar, { tenantSlug: "atlantis" }));
    expect(unknownTenant.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknownNetwork = await register(registrationInput(kalmar, { networkIds: ["00000000-0000-7000-8000-000000000000"] }));
    const fields = unknownNetwork.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string; code: string }>;
    expect(fields.some((field) => field.field.startsWith("input.networkIds") && field.code === "UNKNOWN_REFERENCE")).toBe(true);
  });
});
