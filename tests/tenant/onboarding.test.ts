import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../support/errors.js";
import { ME, PUBLIC_TENANT } from "../support/queries.js";

// A platform operator adds a region and its first administrator, who then signs in with the region's own identity
// provider (here: a key pair this test holds) and publishes the consent text the public registration form shows.

const CREATE_TENANT = /* GraphQL */ `
  mutation CreateTenant($input: CreateTenantInput!) {
    createTenant(input: $input) {
      tenant { id slug name locale timeZone currency }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;

const PUBLISH_CONSENT_TEXT = /* GraphQL */ `
  mutation Publish($input: PublishConsentTextInput!) {
    publishConsentText(input: $input) {
      consentText { kind version text }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;

const TENANTS = /* GraphQL */ `query { tenants(first: 100) { totalCount nodes { slug } } }`;

let api: TestApi;
let operator: string;
let idp: { privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"]; publicJwk: Record<string, unknown> };
const issuer = "https://login.regionsormland.example";

function tenantInput(overrides: Record<string, unknown> = {}) {
  return {
    slug: "sormland",
    name: "Region Sörmland",
    tokenIssuer: issuer,
    tokenAudience: "medverkan",
    publicKeys: JSON.stringify({ keys: [idp.publicJwk] }),
    firstAdmin: { subject: "sormland-admin", name: "Siv Sörmling", email: "siv@example.se" },
    ...overrides,
  };
}

const signIn = (subject: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: "sormland-1" })
    .setIssuer(issuer)
    .setAudience("medverkan")
    .setSubject(subject)
    .setExpirationTime("10m")
    .sign(idp.privateKey);

beforeAll(async () => {
  api = await startTestApi();
  operator = await api.tokenFor({ role: "platform-operator" });
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  idp = { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: "sormland-1", alg: "ES256" } };
});

afterAll(async () => {
  await api?.stop();
});

describe("creating a tenant", () => {
  it("refuses invalid settings with field errors and writes nothing", async () => {
    const before = await api.graphql<{ tenants: { totalCount: number } }>(TENANTS, { token: operator });
    const response = await api.graphql(CREATE_TENANT, {
      token: operator,
      variables: { input: tenantInput({ slug: "Sörmland!", publicKeys: JSON.stringify({ keys: [{ kty: "oct", k: "c2VjcmV0" }] }) }) },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(
      fieldErrors(response)
        .map((error) => error.field)
        .sort(),
    ).toEqual(["input.publicKeys", "input.slug"]);
    const after = await api.graphql<{ tenants: { totalCount: number } }>(TENANTS, { token: operator });
    expect(after.data?.tenants.totalCount).toBe(before.data?.tenants.totalCount);
  });

  it("is for platform operators only", async () => {
    for (const token of [
      await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" }),
      await api.tokenFor({ tenant: "kalmar", role: "coordinator" }),
    ]) {
      const response = await api.graphql(CREATE_TENANT, { token, variables: { input: tenantInput({ slug: "intruder" }) } });
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const listing = await api.graphql(TENANTS, { token: await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" }) });
    expect(listing.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("creates the region; its first admin signs in with the region's own keys", async () => {
    const response = await api.graphql<{ createTenant: { tenant: { slug: string; currency: string } | null; errors: unknown[] } }>(
      CREATE_TENANT,
      {
        token: operator,
        variables: { input: tenantInput() },
      },
    );
    expect(response.data?.createTenant.errors).toEqual([]);
    expect(response.data?.createTenant.tenant).toMatchObject({ slug: "sormland", currency: "SEK" });

    const me = await api.graphql<{ me: { kind: string; tenant: { slug: string }; roles: { role: string; network: null }[] } }>(ME, {
      token: await signIn("sormland-admin"),
    });
    expect(me.data?.me).toMatchObject({ kind: "STAFF", tenant: { slug: "sormland" }, roles: [{ role: "TENANT_ADMIN", network: null }] });

    const audit = await api.running.database.prisma.auditEvent.findMany({ where: { subjectType: "Tenant", action: "WRITE" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "PLATFORM_OPERATOR", details: { before: null, after: { slug: "sormland" } } });

    // The dev key trusted by the seeded regions is not trusted by the new one.
    const forged = await api.signToken({ subject: "sormland-admin", audience: "medverkan", issuer });
    expect((await api.graphql(ME, { token: forged })).status).toBe(401);
  });

  it("refuses a second tenant with the same slug, or the same issuer and audience", async () => {
    const sameSlug = await api.graphql<{ createTenant: { errors: { __typename: string }[] } }>(CREATE_TENANT, {
      token: operator,
      variables: { input: tenantInput({ tokenAudience: "other" }) },
    });
    expect(sameSlug.data?.createTenant.errors[0]?.__typename).toBe("TenantSlugTaken");
    const sameIssuer = await api.graphql<{ createTenant: { errors: { __typename: string }[] } }>(CREATE_TENANT, {
      token: operator,
      variables: { input: tenantInput({ slug: "sormland-two" }) },
    });
    expect(sameIssuer.data?.createTenant.errors[0]?.__typename).toBe("IssuerAudienceTaken");
  });

  it("lets the new admin publish the consent text the public form shows, never rewriting a version", async () => {
    const admin = await signIn("sormland-admin");
    const input = { kind: "PROCESSING", version: "2026-1", textSv: "Jag samtycker till …", textEn: "I consent to …" };
    const published = await api.graphql<{ publishConsentText: { consentText: { version: string } | null; errors: unknown[] } }>(
      PUBLISH_CONSENT_TEXT,
      {
        token: admin,
        variables: { input },
      },
    );
    expect(published.data?.publishConsentText).toEqual({
      consentText: { kind: "PROCESSING", version: "2026-1", text: "Jag samtycker till …" },
      errors: [],
    });

    const again = await api.graphql<{ publishConsentText: { errors: { __typename: string }[] } }>(PUBLISH_CONSENT_TEXT, {
      token: admin,
      variables: { input: { ...input, textSv: "Ändrad text" } },
    });
    expect(again.data?.publishConsentText.errors[0]?.__typename).toBe("ConsentTextVersionExists");

    const shown = await api.graphql<{ tenant: { currentConsentText: { version: string; textSv: string } } }>(PUBLIC_TENANT, {
      variables: { slug: "sormland" },
    });
    expect(shown.data?.tenant.currentConsentText).toMatchObject({ version: "2026-1", textSv: "Jag samtycker till …" });

    const coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const forbidden = await api.graphql(PUBLISH_CONSENT_TEXT, { token: coordinator, variables: { input: { ...input, version: "x" } } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
