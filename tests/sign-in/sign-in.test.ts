import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { type RunningIdentityProvider, signInWithAuthorizationCode, startIdentityProvider } from "@medverkan/identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Issue 15: real people sign in through their region's identity provider — a real OpenID Connect provider
// (oidc-provider) on 127.0.0.1, authorization code + PKCE, JWT access tokens for the tenant's audience — and each
// login is linked to the right person, through HTTP only.

const KALMAR_AUDIENCE = "https://medverkan.example/kalmar";
const JONKOPING_AUDIENCE = "https://medverkan.example/jonkoping";
const REDIRECT_URI = "http://127.0.0.1:4199/auth/callback";
/** The API keeps a provider's key set this long; a retired key stops working once it is refetched. */
const KEY_SET_MAX_AGE_MS = 1_000;

let api: TestApi;
let kalmarIdp: RunningIdentityProvider;
let jonkopingIdp: RunningIdentityProvider;
let kalmar: PublicTenant;
const tokens: Record<string, string> = {};

type Errors = { __typename: string; code?: string; message?: string; reason?: string }[];

const ME = /* GraphQL */ `{ me { kind member { id } } }`;
const ADD_IDP = /* GraphQL */ `
  mutation Add($input: AddIdentityProviderInput!) {
    addIdentityProvider(input: $input) {
      identityProvider { id name kind issuer audience clientId version }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;
const ON_BEHALF = /* GraphQL */ `
  mutation OnBehalf($input: RegisterMemberOnBehalfInput!) {
    registerMemberOnBehalf(input: $input) { member { id } errors { __typename } }
  }
`;
const ISSUE_CODE = /* GraphQL */ `
  mutation Issue($input: IssueClaimCodeInput!) {
    issueClaimCode(input: $input) {
      claimCode { channel expiresAt letterText }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;
const CLAIM = /* GraphQL */ `
  mutation Claim($code: String!) {
    claimAccount(code: $code) {
      login { id method current identityProviderName }
      errors { __typename ... on ErrorResult { code messageSv messageEn } ... on InvalidClaimCode { reason } }
    }
  }
`;
const MY_LOGINS = /* GraphQL */ `{ myLogins { id method current identityProviderName } }`;
const UNLINK = /* GraphQL */ `
  mutation Unlink($input: UnlinkMemberLoginInput!) {
    unlinkMemberLogin(input: $input) { unlinked errors { __typename } }
  }
`;

async function idp(audience: string): Promise<RunningIdentityProvider> {
  return startIdentityProvider({
    clients: [{ clientId: "medverkan-web", redirectUris: [REDIRECT_URI] }],
    resources: [KALMAR_AUDIENCE, JONKOPING_AUDIENCE],
    groups: [{ key: audience, label: "Region", newCitizen: true, accounts: [] }],
  });
}

/** A fresh citizen through the whole browser flow at the given provider. */
async function signInNewCitizen(provider: RunningIdentityProvider, audience: string, group = KALMAR_AUDIENCE): Promise<string> {
  const { accessToken } = await signInWithAuthorizationCode({
    issuer: provider.issuer,
    clientId: "medverkan-web",
    redirectUri: REDIRECT_URI,
    resource: audience,
    person: `new-citizen:${group}`,
  });
  return accessToken;
}

async function me(token: string) {
  const response = await api.graphql<{ me: { kind: string; member: { id: string } | null } | null }>(ME, { token });
  return response.data?.me ?? null;
}

async function register(token: string, overrides: Record<string, unknown> = {}) {
  const response = await api.graphql<{ registerMember: { registration: { outcome: string } | null; errors: Errors } }>(REGISTER_MEMBER, {
    token,
    variables: { input: registrationInput(kalmar, overrides) },
  });
  expect(response.errors).toBeUndefined();
  return response.data?.registerMember;
}

async function onPaper(): Promise<string> {
  const { tenantSlug: _slug, ...input } = registrationInput(kalmar);
  const response = await api.graphql<{ registerMemberOnBehalf: { member: { id: string } | null } }>(ON_BEHALF, {
    token: tokens.coordinator,
    variables: { input: { ...input, channel: "POSTAL" } },
  });
  const id = response.data?.registerMemberOnBehalf.member?.id;
  if (!id) throw new Error(JSON.stringify(response));
  return id;
}

async function issue(memberId: string, channel = "LETTER", token = tokens.coordinator as string) {
  const response = await api.graphql<{
    issueClaimCode: { claimCode: { letterText: string | null; expiresAt: string } | null; errors: Errors };
  }>(ISSUE_CODE, { token, variables: { input: { memberId, channel } } });
  expect(response.errors).toBeUndefined();
  return response.data?.issueClaimCode;
}

const codeIn = (letter: string | null | undefined) => /koden ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})/.exec(letter ?? "")?.[1] ?? "";

async function claim(token: string, code: string) {
  const response = await api.graphql<{
    claimAccount: { login: { method: string; current: boolean } | null; errors: Errors };
  }>(CLAIM, { token, variables: { code } });
  return response;
}

beforeAll(async () => {
  api = await startTestApi({
    jwksCache: { cooldownMs: 0, maxAgeMs: KEY_SET_MAX_AGE_MS },
    rateLimits: { claimAccount: { points: 12, windowSeconds: 600 } },
  });
  [kalmarIdp, jonkopingIdp] = await Promise.all([idp(KALMAR_AUDIENCE), idp(JONKOPING_AUDIENCE)]);
  kalmar = await publicTenant(api, "kalmar");
  tokens.kalmarAdmin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  tokens.jonkopingAdmin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  tokens.coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  tokens.jonkopingCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
  // Each region's administrator configures its own identity provider through the API.
  for (const [token, provider, audience, name] of [
    [tokens.kalmarAdmin, kalmarIdp, KALMAR_AUDIENCE, "BankID via Region Kalmar län"],
    [tokens.jonkopingAdmin, jonkopingIdp, JONKOPING_AUDIENCE, "BankID via Region Jönköpings län"],
  ] as const) {
    const added = await api.graphql<{ addIdentityProvider: { identityProvider: { id: string } | null; errors: Errors } }>(ADD_IDP, {
      token,
      variables: {
        input: { name, kind: "CITIZEN", issuer: provider.issuer, audience, jwksUrl: provider.jwksUri, clientId: "medverkan-web" },
      },
    });
    expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
    expect(added.data?.addIdentityProvider.errors).toEqual([]);
  }
});

afterAll(async () => {
  await api?.stop();
  await kalmarIdp?.close();
  await jonkopingIdp?.close();
});

describe("identity providers as configuration", () => {
  it("are listed publicly for a front end to start a sign-in, with the contract's fields", async () => {
    const response = await api.graphql<{
      tenant: { identityProviders: { name: string; kind: string; issuer: string; audience: string; clientId: string | null }[] };
    }>(`{ tenant(slug: "kalmar") { identityProviders { id name kind issuer audience clientId } } }`);
    expect(response.data?.tenant.identityProviders).toContainEqual(
      expect.objectContaining({
        name: "BankID via Region Kalmar län",
        kind: "CITIZEN",
        issuer: kalmarIdp.issuer,
        audience: KALMAR_AUDIENCE,
        clientId: "medverkan-web",
      }),
    );
    // The tenant's own token settings are its first (primary) provider, so existing tokens keep working.
    expect(response.data?.tenant.identityProviders[0]).toMatchObject({ kind: "ALL", audience: "medverkan:kalmar" });
  });

  it("refuses a malformed issuer, a private key and an issuer/audience pair another tenant trusts, in Swedish and English", async () => {
    const bad = await api.graphql(ADD_IDP, {
      token: tokens.kalmarAdmin,
      variables: {
        input: { name: "X", kind: "CITIZEN", issuer: "not a url", audience: "a", publicKeys: '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}' },
      },
      headers: { "accept-language": "sv" },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = ((bad.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string; messages: { sv: string; en: string } }[]).map(
      (error) => error.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["input.issuer", "input.publicKeys"]));
    const taken = await api.graphql<{ addIdentityProvider: { errors: Errors } }>(ADD_IDP, {
      token: tokens.kalmarAdmin,
      variables: {
        input: {
          name: "Stolen",
          kind: "CITIZEN",
          issuer: jonkopingIdp.issuer,
          audience: JONKOPING_AUDIENCE,
          jwksUrl: jonkopingIdp.jwksUri,
        },
      },
    });
    expect(taken.data?.addIdentityProvider.errors.map((error) => error.code)).toEqual(["ISSUER_AUDIENCE_TAKEN"]);
  });

  it("is configured by tenant admins only", async () => {
    const response = await api.graphql(ADD_IDP, {
      token: tokens.coordinator,
      variables: {
        input: { name: "X", kind: "CITIZEN", issuer: "https://idp.example", audience: "x", jwksUrl: "https://idp.example/jwks" },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("a citizen signs in through the region's real identity provider", () => {
  it("registers with that login, is that member from the next request on, and registering again is the same person", async () => {
    const token = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    expect(await me(token)).toMatchObject({ kind: "CITIZEN", member: null });
    expect((await register(token))?.registration?.outcome).toBe("REGISTERED");
    const member = await me(token);
    expect(member?.kind).toBe("MEMBER");
    expect((await api.graphql<{ myLogins: unknown[] }>(MY_LOGINS, { token })).data?.myLogins).toEqual([
      { id: expect.any(String), method: "REGISTRATION", current: true, identityProviderName: "BankID via Region Kalmar län" },
    ]);
    // Different details the second time: still the same person, not a duplicate.
    await register(token, { givenName: "Annan", email: "annan.adress@example.se", phone: "070-999 88 77" });
    expect((await me(token))?.member?.id).toBe(member?.member?.id);
  });

  it("keeps working across a key rotation at the provider; a retired key's tokens are refused with a challenge", async () => {
    const before = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    await kalmarIdp.rotateKeys();
    const after = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    expect((await me(after))?.kind).toBe("CITIZEN");
    expect((await me(before))?.kind).toBe("CITIZEN");
    await kalmarIdp.rotateKeys({ retirePrevious: true });
    await new Promise((resolve) => setTimeout(resolve, KEY_SET_MAX_AGE_MS + 500));
    const refused = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${after}` },
      body: JSON.stringify({ query: ME }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await me(await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE)))?.kind).toBe("CITIZEN");
  });

  it("refuses a token from another tenant's issuer made out for this tenant's audience", async () => {
    // Jönköping's provider is trusted by Jönköping for Jönköping's audience only.
    const forged = await signInNewCitizen(jonkopingIdp, KALMAR_AUDIENCE, JONKOPING_AUDIENCE);
    const response = await api.graphql(ME, { token: forged });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // Its own audience signs in to Jönköping, never to Kalmar.
    const own = await signInNewCitizen(jonkopingIdp, JONKOPING_AUDIENCE, JONKOPING_AUDIENCE);
    const registered = await api.graphql<{ registerMember: { errors: Errors } }>(REGISTER_MEMBER, {
      token: own,
      variables: { input: registrationInput(kalmar) },
    });
    expect(registered.data?.registerMember.errors ?? []).toEqual([]);
    expect((await me(own))?.kind).toBe("CITIZEN");
  });
});

describe("a postal registration claims its account with a code", () => {
  it("links the citizen's login once; wrong, reused and expired codes are refused, nothing is linked, every attempt audited", async () => {
    const memberId = await onPaper();
    const issued = await issue(memberId);
    const code = codeIn(issued?.claimCode?.letterText);
    expect(code).not.toBe("");
    // The code is stored only as a hash.
    const stored = await api.running.database.prisma.claimCode.findFirstOrThrow({ where: { memberId } });
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ""));
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const citizen = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    const wrong = await claim(citizen, "AAAA-BBBB-CC");
    expect(wrong.data?.claimAccount.errors).toMatchObject([{ code: "INVALID_CLAIM_CODE", reason: "WRONG" }]);
    expect(wrong.data?.claimAccount.errors[0]).toMatchObject({
      messageSv: expect.stringContaining("Koden"),
      messageEn: expect.stringContaining("code"),
    });
    expect((await me(citizen))?.kind).toBe("CITIZEN");

    const claimed = await claim(citizen, code.toLowerCase());
    expect(claimed.data?.claimAccount).toMatchObject({ login: { method: "CLAIM_CODE", current: true }, errors: [] });
    expect(await me(citizen)).toEqual({ kind: "MEMBER", member: { id: memberId } });

    // Used once: another person cannot take the account with the same code.
    const intruder = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    expect((await claim(intruder, code)).data?.claimAccount.errors).toMatchObject([{ reason: "USED" }]);
    expect((await me(intruder))?.kind).toBe("CITIZEN");
    // A member already linked gets no second login this way, and a linked login cannot claim anyone else.
    expect((await issue(memberId))?.errors).toMatchObject([{ code: "MEMBER_ALREADY_LINKED" }]);
    const other = await onPaper();
    const otherCode = codeIn((await issue(other))?.claimCode?.letterText);
    expect((await claim(citizen, otherCode)).data?.claimAccount.errors).toMatchObject([{ code: "LOGIN_ALREADY_LINKED" }]);

    // Expired.
    await api.running.database.prisma.claimCode.updateMany({
      where: { memberId: other },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await claim(intruder, otherCode)).data?.claimAccount.errors).toMatchObject([{ reason: "EXPIRED" }]);
    expect((await me(intruder))?.kind).toBe("CITIZEN");

    const attempts = await api.running.database.prisma.auditEvent.findMany({
      where: { subjectType: "ClaimCode", purpose: "claim code attempt refused" },
      select: { details: true },
    });
    expect(attempts.map((event) => (event.details as { reason: string }).reason)).toEqual(
      expect.arrayContaining(["WRONG", "USED", "LOGIN_ALREADY_LINKED", "EXPIRED"]),
    );
  });

  it("sends an e-mailed code through the outbox; a newer code replaces the older one", async () => {
    const memberId = await onPaper();
    const first = codeIn((await issue(memberId))?.claimCode?.letterText);
    const emailed = await issue(memberId, "EMAIL");
    expect(emailed?.claimCode?.letterText).toBeNull();
    const message = await api.running.database.prisma.outboxMessage.findFirstOrThrow({ where: { memberId, kind: "ACCOUNT_CLAIM_CODE" } });
    expect(message).toBeTruthy();
    const citizen = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    expect((await claim(citizen, first)).data?.claimAccount.errors).toMatchObject([{ reason: "USED" }]);
  });

  it("is rate limited", async () => {
    const citizen = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    let limited = false;
    for (let attempt = 0; attempt < 14 && !limited; attempt++) {
      const response = await claim(citizen, `ZZZZ-ZZZZ-${attempt}Z`);
      limited = response.errors?.[0]?.extensions?.code === "RATE_LIMITED";
    }
    expect(limited).toBe(true);
  });

  it("only a coordinator of the member's networks issues codes and unlinks; the member sees the unlink", async () => {
    const memberId = await onPaper();
    expect((await issue(memberId, "LETTER", tokens.jonkopingCoordinator))?.errors).toMatchObject([{ __typename: "NotFound" }]);
    const citizen = await signInNewCitizen(kalmarIdp, KALMAR_AUDIENCE);
    await claim(citizen, codeIn((await issue(memberId))?.claimCode?.letterText));
    const logins = (await api.graphql<{ myLogins: { id: string }[] }>(MY_LOGINS, { token: citizen })).data?.myLogins ?? [];
    expect(logins).toHaveLength(1);
    const loginId = logins[0]?.id;
    const foreign = await api.graphql<{ unlinkMemberLogin: { unlinked: boolean } }>(UNLINK, {
      token: tokens.jonkopingCoordinator,
      variables: { input: { memberId, loginId } },
    });
    expect(foreign.data?.unlinkMemberLogin.unlinked).toBe(false);
    expect((await me(citizen))?.kind).toBe("MEMBER");
    const log = await api.graphql<{ myDataAccessLog: { nodes: { subjectType: string; purpose: string }[] } }>(
      `{ myDataAccessLog(first: 50) { nodes { subjectType purpose } } }`,
      { token: citizen },
    );
    const unlinked = await api.graphql<{ unlinkMemberLogin: { unlinked: boolean } }>(UNLINK, {
      token: tokens.coordinator,
      variables: { input: { memberId, loginId } },
    });
    expect(unlinked.data?.unlinkMemberLogin.unlinked).toBe(true);
    expect((await me(citizen))?.kind).toBe("CITIZEN");
    expect(log.data?.myDataAccessLog.nodes).toContainEqual({ subjectType: "ClaimCode", purpose: "claim code issued" });
    const events = await api.running.database.prisma.auditEvent.findMany({
      where: { memberId, subjectType: "Login" },
      select: { purpose: true },
    });
    expect(events.map((event) => event.purpose)).toEqual(
      expect.arrayContaining(["login linked with a claim code", "login unlinked by a coordinator"]),
    );
  });
});

describe("anonymous and expired callers", () => {
  it("get UNAUTHENTICATED (not FORBIDDEN) with a WWW-Authenticate challenge on a field that needs a login", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: MY_LOGINS }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string; reason: string } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "LOGIN_REQUIRED" });
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="medverkan"');
  });

  it("are told when the token has expired", async () => {
    const expired = await api.signToken({ subject: "kalmar-member-1", audience: "medverkan:kalmar", expiresIn: "-5m" });
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${expired}` },
      body: JSON.stringify({ query: ME }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error_description="The access token expired"');
    const body = (await response.json()) as { errors: { extensions: { reason: string } }[] };
    expect(body.errors[0]?.extensions.reason).toBe("TOKEN_EXPIRED");
  });
});
