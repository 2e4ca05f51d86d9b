import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { type RunningIdentityProvider, signInWithAuthorizationCode, startIdentityProvider } from "@medverkan/identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PublicTenant, publicTenant } from "../support/registration.js";

// Issue 15, step 4: a tenant admin invites a staff user by HSA-id; the first login from the tenant's staff identity
// provider (a real OpenID Connect provider, authorization code + PKCE) whose `hsa_id` claim equals it is linked to that
// staff user, once, and the person gets exactly the grants the admin gave — never anything from the token.

const STAFF_AUDIENCE = "https://medverkan.example/kalmar-staff";
const CITIZEN_AUDIENCE = "https://medverkan.example/kalmar-citizens";
const REDIRECT_URI = "http://127.0.0.1:4901/auth/callback";
const KARIN_HSA = "SE2321000065-1001";
const OTHER_HSA = "SE2321000065-2002";
const JONKOPING_HSA = "SE2321000065-3003";
const DISABLED_HSA = "SE2321000065-4004";
const ULLA_HSA = "SE2321000065-5005";
const VERA_HSA = "SE2321000065-6006";

let api: TestApi;
let idp: RunningIdentityProvider;
let kalmar: PublicTenant;
const tokens = { kalmarAdmin: "", jonkopingAdmin: "" };

type Errors = { __typename: string; code?: string; message?: string }[];
type Me = { kind: string; name: string | null; roles: { role: string; network: { id: string } | null }[] } | null;

const ADD_IDP = /* GraphQL */ `
  mutation Add($input: AddIdentityProviderInput!) {
    addIdentityProvider(input: $input) { identityProvider { id } errors { __typename ... on ErrorResult { code } } }
  }
`;
const INVITE = /* GraphQL */ `
  mutation Invite($input: InviteStaffUserInput!) {
    inviteStaffUser(input: $input) {
      staffUser { id invitedIdentifier invitationLinkedAt }
      errors { __typename ... on ErrorResult { code message } }
    }
  }
`;
const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantRoleInput!) { grantRole(input: $input) { roleGrant { id } errors { __typename } } }
`;
const STAFF_USER = /* GraphQL */ `query S($id: ID!) { staffUser(id: $id) { id invitationLinkedAt } }`;
const ME = /* GraphQL */ `{ me { kind name roles { role network { id } } } }`;
const AUDIT = /* GraphQL */ `
  query Audit($actorId: ID) { auditEvents(first: 50, filter: { actorId: $actorId }) { nodes { actorType actorId subjectType purpose } } }
`;

const account = (subject: string, hsaId: string) => ({ subject, label: subject, claims: { hsa_id: hsaId, name: subject } });

async function signIn(subject: string, audience = STAFF_AUDIENCE): Promise<string> {
  const { accessToken } = await signInWithAuthorizationCode({
    issuer: idp.issuer,
    clientId: "medverkan-web",
    redirectUri: REDIRECT_URI,
    resource: audience,
    person: subject,
  });
  return accessToken;
}

async function me(token: string): Promise<Me> {
  const response = await api.graphql<{ me: Me }>(ME, { token });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.me ?? null;
}

async function invite(token: string, identifier: string, name: string) {
  const response = await api.graphql<{
    inviteStaffUser: { staffUser: { id: string; invitedIdentifier: string; invitationLinkedAt: string | null } | null; errors: Errors };
  }>(INVITE, { token, variables: { input: { identifier, name, email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.se` } } });
  return response;
}

async function linkedAt(token: string, id: string): Promise<string | null> {
  const response = await api.graphql<{ staffUser: { invitationLinkedAt: string | null } | null }>(STAFF_USER, { token, variables: { id } });
  expect(response.errors).toBeUndefined();
  return response.data?.staffUser?.invitationLinkedAt ?? null;
}

beforeAll(async () => {
  api = await startTestApi();
  idp = await startIdentityProvider({
    clients: [{ clientId: "medverkan-web", redirectUris: [REDIRECT_URI] }],
    resources: [STAFF_AUDIENCE, CITIZEN_AUDIENCE],
    accounts: [
      account("karin-siths", KARIN_HSA),
      // Someone else whose token carries Karin's HSA-id (a reissued card, a misconfigured directory).
      account("impostor-siths", KARIN_HSA),
      account("citizen-with-hsa", OTHER_HSA),
      account("jonkoping-person", JONKOPING_HSA),
      account("disabled-person", DISABLED_HSA),
      account("ulla-siths", ULLA_HSA),
      account("ulla-new-card", ULLA_HSA),
      account("vera-siths", VERA_HSA),
      account("vera-new-card", VERA_HSA),
    ],
  });
  kalmar = await publicTenant(api, "kalmar");
  tokens.kalmarAdmin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  tokens.jonkopingAdmin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  for (const [kind, audience] of [
    ["STAFF", STAFF_AUDIENCE],
    ["CITIZEN", CITIZEN_AUDIENCE],
  ] as const) {
    const added = await api.graphql<{ addIdentityProvider: { errors: Errors } }>(ADD_IDP, {
      token: tokens.kalmarAdmin,
      variables: {
        input: {
          name: `${kind} via Region Kalmar län`,
          kind,
          issuer: idp.issuer,
          audience,
          jwksUrl: idp.jwksUri,
          clientId: "medverkan-web",
          identifierClaim: "hsa_id",
        },
      },
    });
    expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
    expect(added.data?.addIdentityProvider.errors).toEqual([]);
  }
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await idp?.close();
});

describe("staff invitations", () => {
  it("link a new staff member's first login, who gets exactly the grants the admin gave, once", async () => {
    const invited = await invite(tokens.kalmarAdmin, ` ${KARIN_HSA} `, "Karin");
    expect(invited.errors).toBeUndefined();
    const staffUser = invited.data?.inviteStaffUser.staffUser;
    expect(staffUser).toMatchObject({ invitedIdentifier: KARIN_HSA.toLowerCase(), invitationLinkedAt: null });
    const networkId = kalmar.networks.nodes[0]?.id as string;
    const granted = await api.graphql(GRANT, {
      token: tokens.kalmarAdmin,
      variables: { input: { staffUserId: staffUser?.id, role: "COORDINATOR", networkId } },
    });
    expect(granted.errors).toBeUndefined();

    const karin = await signIn("karin-siths");
    expect(await me(karin)).toEqual({ kind: "STAFF", name: "Karin", roles: [{ role: "COORDINATOR", network: { id: networkId } }] });
    expect(await linkedAt(tokens.kalmarAdmin, staffUser?.id as string)).not.toBeNull();
    // A fresh token for the same person keeps signing in as the same staff user.
    expect((await me(await signIn("karin-siths")))?.kind).toBe("STAFF");

    // The link is audited, as the staff user it was linked to.
    const audit = await api.graphql<{ auditEvents: { nodes: { actorId: string; subjectType: string; purpose: string | null }[] } }>(AUDIT, {
      token: tokens.kalmarAdmin,
      variables: { actorId: staffUser?.id },
    });
    expect(audit.errors).toBeUndefined();
    expect(audit.data?.auditEvents.nodes).toContainEqual(
      expect.objectContaining({ actorId: staffUser?.id, subjectType: "Login", purpose: "staff login linked by invitation" }),
    );

    // A second person whose token carries the same HSA-id after the link gets nothing.
    expect(await me(await signIn("impostor-siths"))).toMatchObject({ kind: "CITIZEN", roles: [] });
  });

  it("never link a token from the tenant's citizen provider, even with a matching claim", async () => {
    const invited = await invite(tokens.kalmarAdmin, OTHER_HSA, "Olle");
    const id = invited.data?.inviteStaffUser.staffUser?.id as string;
    expect(await me(await signIn("citizen-with-hsa", CITIZEN_AUDIENCE))).toMatchObject({ kind: "CITIZEN", roles: [] });
    expect(await linkedAt(tokens.kalmarAdmin, id)).toBeNull();
    // The same person through the staff provider is linked: the invitation was still open.
    expect((await me(await signIn("citizen-with-hsa")))?.kind).toBe("STAFF");
  });

  it("never link an identifier invited in another tenant", async () => {
    const invited = await invite(tokens.jonkopingAdmin, JONKOPING_HSA, "Jonna");
    expect(invited.data?.inviteStaffUser.errors).toEqual([]);
    const id = invited.data?.inviteStaffUser.staffUser?.id as string;
    expect(await me(await signIn("jonkoping-person"))).toMatchObject({ kind: "CITIZEN", roles: [] });
    expect(await linkedAt(tokens.jonkopingAdmin, id)).toBeNull();
  });

  it("never link a staff user the admin disabled before the first login", async () => {
    const invited = await invite(tokens.kalmarAdmin, DISABLED_HSA, "Dora");
    const id = invited.data?.inviteStaffUser.staffUser?.id as string;
    const disabled = await api.graphql(
      /* GraphQL */ `mutation D($input: DisableStaffUserInput!) { disableStaffUser(input: $input) { staffUser { disabledAt } } }`,
      { token: tokens.kalmarAdmin, variables: { input: { id, expectedVersion: 1 } } },
    );
    expect(disabled.errors).toBeUndefined();
    expect(await me(await signIn("disabled-person"))).toMatchObject({ kind: "CITIZEN", roles: [] });
    expect(await linkedAt(tokens.kalmarAdmin, id)).toBeNull();
  });

  it("refuse an identifier already invited in the tenant, and a malformed one, in Swedish and English", async () => {
    const again = await invite(tokens.kalmarAdmin, KARIN_HSA.toLowerCase(), "Karin Igen");
    expect(again.data?.inviteStaffUser).toMatchObject({
      staffUser: null,
      errors: [{ __typename: "IdentifierTaken", code: "IDENTIFIER_TAKEN" }],
    });
    const bad = await invite(tokens.kalmarAdmin, "not an id", "Bertil");
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fieldErrors = (bad.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string; messages: { sv: string; en: string } }[];
    expect(fieldErrors).toContainEqual(
      expect.objectContaining({ field: "input.identifier", messages: { sv: expect.any(String), en: expect.any(String) } }),
    );
  });

  it("are for tenant admins only", async () => {
    const coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const response = await invite(coordinator, "someone@example.se", "Someone");
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

const STAFF_LOGINS = /* GraphQL */ `
  query L($id: ID!) { staffUserLogins(staffUserId: $id) { id method current identityProviderName } }
`;
const UNLINK_STAFF = /* GraphQL */ `
  mutation U($input: UnlinkStaffLoginInput!) {
    unlinkStaffLogin(input: $input) {
      unlinked
      invitationReopened
      errors { __typename ... on ErrorResult { code messageSv messageEn } }
    }
  }
`;

type Login = { id: string; method: string; current: boolean; identityProviderName: string };

async function staffLogins(token: string, id: string): Promise<Login[]> {
  const response = await api.graphql<{ staffUserLogins: Login[] }>(STAFF_LOGINS, { token, variables: { id } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data?.staffUserLogins ?? [];
}

async function unlinkStaff(token: string, input: { staffUserId: string; loginId: string; reopenInvitation?: boolean }) {
  return api.graphql<{
    unlinkStaffLogin: { unlinked: boolean; invitationReopened: boolean; errors: { __typename: string; code: string; messageSv: string }[] };
  }>(UNLINK_STAFF, { token, variables: { input } });
}

/** An invited coordinator of Kalmar's first network who has signed in once through the staff provider. */
async function linkedCoordinator(hsaId: string, name: string, subject: string) {
  const id = (await invite(tokens.kalmarAdmin, hsaId, name)).data?.inviteStaffUser.staffUser?.id as string;
  const networkId = kalmar.networks.nodes[0]?.id as string;
  await api.graphql(GRANT, { token: tokens.kalmarAdmin, variables: { input: { staffUserId: id, role: "COORDINATOR", networkId } } });
  const token = await signIn(subject);
  expect((await me(token))?.kind).toBe("STAFF");
  return { id, token, networkId };
}

describe("a tenant admin unlinks a staff user's login", () => {
  it("after which it signs in as no one; the grants stay, the unlink is audited, the used invitation links no new card", async () => {
    const ulla = await linkedCoordinator(ULLA_HSA, "Ulla", "ulla-siths");
    const logins = await staffLogins(tokens.kalmarAdmin, ulla.id);
    expect(logins).toEqual([
      { id: expect.any(String), method: "STAFF_INVITATION", current: false, identityProviderName: "STAFF via Region Kalmar län" },
    ]);
    const loginId = logins[0]?.id as string;

    // Another tenant's admin and a coordinator cannot.
    const foreign = await unlinkStaff(tokens.jonkopingAdmin, { staffUserId: ulla.id, loginId });
    expect(foreign.data?.unlinkStaffLogin).toMatchObject({ unlinked: false, errors: [{ __typename: "NotFound" }] });
    const coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    expect((await unlinkStaff(coordinator, { staffUserId: ulla.id, loginId })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.graphql(STAFF_LOGINS, { token: coordinator, variables: { id: ulla.id } })).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await me(ulla.token))?.kind).toBe("STAFF");

    const unlinked = await unlinkStaff(tokens.kalmarAdmin, { staffUserId: ulla.id, loginId });
    expect(unlinked.data?.unlinkStaffLogin).toEqual({ unlinked: true, invitationReopened: false, errors: [] });
    // The token already issued and a fresh one from the same login: no one, no grants.
    expect(await me(ulla.token)).toMatchObject({ kind: "CITIZEN", roles: [] });
    expect(await me(await signIn("ulla-siths"))).toMatchObject({ kind: "CITIZEN", roles: [] });
    expect(await staffLogins(tokens.kalmarAdmin, ulla.id)).toEqual([]);
    // A new card with the same HSA-id is not linked by the invitation already used.
    expect(await me(await signIn("ulla-new-card"))).toMatchObject({ kind: "CITIZEN", roles: [] });
    // Unlinking again: the login is no longer hers.
    expect((await unlinkStaff(tokens.kalmarAdmin, { staffUserId: ulla.id, loginId })).data?.unlinkStaffLogin.errors).toMatchObject([
      { __typename: "NotFound" },
    ]);

    const grants = await api.graphql<{ staffUser: { roleGrants: { role: string; revokedAt: string | null }[] } }>(
      `query G($id: ID!) { staffUser(id: $id) { roleGrants { role revokedAt } } }`,
      { token: tokens.kalmarAdmin, variables: { id: ulla.id } },
    );
    expect(grants.data?.staffUser.roleGrants).toEqual([{ role: "COORDINATOR", revokedAt: null }]);
    const audit = await api.running.database.prisma.auditEvent.findMany({
      where: { subjectType: "Login", subjectId: loginId },
      select: { purpose: true, actorType: true, details: true },
    });
    expect(audit).toContainEqual(
      expect.objectContaining({
        purpose: "staff login unlinked by a tenant admin",
        actorType: "STAFF",
        details: expect.objectContaining({ staffUserId: ulla.id, invitationReopened: false }),
      }),
    );
  });

  it("can reopen the invitation, so the person's new card is linked to the same staff user with the same grants", async () => {
    const vera = await linkedCoordinator(VERA_HSA, "Vera", "vera-siths");
    const [login] = await staffLogins(tokens.kalmarAdmin, vera.id);
    const unlinked = await unlinkStaff(tokens.kalmarAdmin, { staffUserId: vera.id, loginId: login?.id as string, reopenInvitation: true });
    expect(unlinked.data?.unlinkStaffLogin).toEqual({ unlinked: true, invitationReopened: true, errors: [] });
    expect(await linkedAt(tokens.kalmarAdmin, vera.id)).toBeNull();
    expect(await me(await signIn("vera-new-card"))).toEqual({
      kind: "STAFF",
      name: "Vera",
      roles: [{ role: "COORDINATOR", network: { id: vera.networkId } }],
    });
    expect((await staffLogins(tokens.kalmarAdmin, vera.id)).map((entry) => entry.method)).toEqual(["STAFF_INVITATION"]);
    // The old card stays unlinked.
    expect(await me(await signIn("vera-siths"))).toMatchObject({ kind: "CITIZEN", roles: [] });
  });

  it("never the login the admin is signed in with now", async () => {
    const self = await api.graphql<{ me: { subject: string } }>(`{ me { subject } }`, { token: tokens.kalmarAdmin });
    const admins = await api.graphql<{ staffUsers: { nodes: { id: string; subject: string }[] } }>(
      `{ staffUsers(role: TENANT_ADMIN, first: 20) { nodes { id subject } } }`,
      { token: tokens.kalmarAdmin },
    );
    const adminId = admins.data?.staffUsers.nodes.find((node) => node.subject === self.data?.me.subject)?.id as string;
    const current = (await staffLogins(tokens.kalmarAdmin, adminId)).find((entry) => entry.current);
    expect(current).toBeDefined();
    const refused = await unlinkStaff(tokens.kalmarAdmin, { staffUserId: adminId, loginId: current?.id as string });
    expect(refused.data?.unlinkStaffLogin).toMatchObject({
      unlinked: false,
      errors: [{ __typename: "OwnCurrentLogin", code: "OWN_CURRENT_LOGIN", messageSv: expect.stringContaining("inloggningen") }],
    });
    expect((await me(tokens.kalmarAdmin))?.kind).toBe("STAFF");
  });
});
