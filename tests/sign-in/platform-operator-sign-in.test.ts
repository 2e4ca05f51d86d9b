import { PLATFORM_AUDIENCE, startTestApi, type TestApi } from "@medverkan/api/testing";
import { type IdentityProvider, signInWithAuthorizationCode } from "@medverkan/identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 18: a platform operator signs in the way everyone else does — authorization code + PKCE at an OpenID Connect
// provider — for the platform's own audience. In development that provider is the one the API serves at /idp; the
// API trusts it for the platform audience only for people who are platform operators, and says where to sign in
// through the public `platformSignIn` query so the web app needs no address of its own.

let api: TestApi;
let devIdp: IdentityProvider;
let redirectUri: string;

type Me = { kind: string; name: string | null; tenant: { slug: string } | null } | null;
const ME = /* GraphQL */ `{ me { kind name tenant { slug } } }`;
const TENANTS = /* GraphQL */ `{ tenants(first: 50) { nodes { slug } } }`;
const PLATFORM_SIGN_IN = /* GraphQL */ `{ platformSignIn { issuer audience clientId } }`;

async function signIn(person: string, resource: string): Promise<string> {
  const { accessToken } = await signInWithAuthorizationCode({
    issuer: devIdp.issuer,
    clientId: "medverkan-web",
    redirectUri,
    resource,
    person,
  });
  return accessToken;
}

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  devIdp = api.running.developmentIdentityProvider as IdentityProvider;
  redirectUri = `${new URL(api.url).origin}/auth/callback`;
});

afterAll(async () => {
  await api?.stop();
});

describe("A platform operator's sign-in", () => {
  it("is published before anyone signs in: the development provider, the platform audience and the browser client", async () => {
    const response = await api.graphql<{ platformSignIn: { issuer: string; audience: string; clientId: string } | null }>(PLATFORM_SIGN_IN);
    expect(response.errors).toBeUndefined();
    expect(response.data?.platformSignIn).toEqual({ issuer: devIdp.issuer, audience: PLATFORM_AUDIENCE, clientId: "medverkan-web" });
  });

  it("at the development provider, for the platform audience, makes the seeded operator a platform operator who lists the regions", async () => {
    const token = await signIn("platform-operator", PLATFORM_AUDIENCE);
    const me = await api.graphql<{ me: Me }>(ME, { token });
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({ kind: "PLATFORM_OPERATOR", tenant: null });
    const tenants = await api.graphql<{ tenants: { nodes: { slug: string }[] } }>(TENANTS, { token });
    expect(tenants.errors).toBeUndefined();
    expect(tenants.data?.tenants.nodes.map((tenant) => tenant.slug)).toEqual(
      expect.arrayContaining(["jonkoping", "vgr", "kalmar", "ostergotland"]),
    );
  });

  it("is refused for a person who is not a platform operator, even a region's administrator signed in at the same provider", async () => {
    const token = await signIn("kalmar-admin-1", PLATFORM_AUDIENCE);
    const response = await api.graphql(ME, { token });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("for a region's audience gives no platform rights: the operator's name is not a grant", async () => {
    const token = await signIn("platform-operator", "medverkan:kalmar");
    const me = await api.graphql<{ me: Me }>(ME, { token });
    expect(me.data?.me?.kind).not.toBe("PLATFORM_OPERATOR");
    const tenants = await api.graphql(TENANTS, { token });
    expect(tenants.data?.tenants ?? null).toBeNull();
    expect(tenants.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
