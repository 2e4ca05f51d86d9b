import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { exampleIdentityNumber } from "@medverkan/domain";
import { type IdentityProvider, signInWithAuthorizationCode } from "@medverkan/identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTEST, type Claim, CREATE_EXPORT, csvRows, MY_CLAIMS, type PayrollExport, PREPARE, SUBMIT } from "../fees/fees.js";
import {
  accept,
  contactSharingVersion,
  holdOccasionYesterday,
  INVITE,
  type InvitationView,
  MY_INVITATIONS,
  type MyInvitationView,
  mutate,
  participants,
  query,
  RECORD_ATTENDANCE,
} from "../invitations/invitations.js";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";
import { MARK_OCCASION_HELD, occasionInDays, startMatching, submitRequest } from "../support/requests.js";

// Issue 15, the whole chain through HTTP with the real development OpenID Connect provider the API serves at /idp
// (authorization code + PKCE, the "Välj person" page), in Kalmar's routine (Intressebanken, seeds/003): Kalmar's
// administrator configures a BankID (CITIZEN) and a SITHS (STAFF) provider; a new staff member's first SITHS login is
// linked to their invitation and they send their unit's request; a new citizen signs in with BankID and registers;
// the development leader runs the intake (call, introduction meeting, active), invites, the member accepts with their
// own login and consents, the unit gets the contact details, the occasion is held, the fee claim is prepared, signed
// by the member, attested and exported for payroll. Then the two other ways in: a postal registration that claims its
// account with a code from a letter, and a paper registration with a personnummer whose BankID sign-in is that member.

const CITIZEN_AUDIENCE = "medverkan:kalmar-bankid";
const STAFF_AUDIENCE = "medverkan:kalmar-siths";
const NEW_STAFF_HSA = "SE2321000065-7007";

let api: TestApi;
let devIdp: IdentityProvider;
let redirectUri: string;
let kalmar: PublicTenant;
let intressebanken: string;
const t = { admin: "", coordinator: "", requester: "", citizen: "" };
const chain = { memberId: "", membershipId: "", requestId: "", invitationId: "", assignmentId: "", occasionId: "", claimId: "" };
/** The citizen's personnummer as BankID gives it. */
const citizenNumber = exampleIdentityNumber("1968-05-17", 991);

type Errors = { __typename: string; code?: string; message?: string }[];

/** The browser's way through the development provider's "Välj person" page. */
async function signIn(person: string, audience: string, form?: Record<string, string>): Promise<string> {
  const { accessToken } = await signInWithAuthorizationCode({
    issuer: devIdp.issuer,
    clientId: "medverkan-web",
    redirectUri,
    resource: audience,
    person,
    ...(form ? { form } : {}),
  });
  return accessToken;
}

type Me = {
  kind: string;
  name: string | null;
  roles: { role: string }[];
  member: { id: string; personalIdentityNumber: string | null } | null;
};
async function me(token: string): Promise<Me> {
  return (await query<{ me: Me }>(api, token, `{ me { kind name roles { role } member { id personalIdentityNumber } } }`)).me;
}

const MEMBERSHIP = "id status version";
const TRANSITION = `mutation($input: TransitionMembershipInput!) { transitionMembership(input: $input) { membership { ${MEMBERSHIP} } errors { __typename ... on ErrorResult { code message } } } }`;
const INTRODUCTION = `mutation($input: RecordIntroductionHeldInput!) { recordIntroductionHeld(input: $input) { membership { ${MEMBERSHIP} } errors { __typename ... on ErrorResult { code message } } } }`;

beforeAll(async () => {
  api = await startTestApi({ developmentIdentityProvider: { enabled: true, extraRedirectUris: [] } });
  devIdp = api.running.developmentIdentityProvider as IdentityProvider;
  redirectUri = `${new URL(api.url).origin}/auth/callback`;
  kalmar = await publicTenant(api, "kalmar");
  intressebanken = kalmar.networks.nodes.find((network) => network.slug === "intressebanken")?.id as string;
  t.admin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  t.coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator", network: "intressebanken" });
  // The region's administrator trusts the region's BankID broker and SITHS login, both served by the real provider.
  for (const [kind, audience, name, identifierClaim] of [
    ["CITIZEN", CITIZEN_AUDIENCE, "BankID via Region Kalmar län", "personal_identity_number"],
    ["STAFF", STAFF_AUDIENCE, "SITHS via Region Kalmar län", "hsa_id"],
  ] as const) {
    const added = await mutate<{ errors: Errors }>(
      api,
      t.admin,
      `mutation($input: AddIdentityProviderInput!) { addIdentityProvider(input: $input) { identityProvider { id } errors { __typename ... on ErrorResult { code } } } }`,
      { name, kind, issuer: devIdp.issuer, audience, jwksUrl: `${devIdp.issuer}/jwks`, clientId: "medverkan-web", identifierClaim },
    );
    expect(added.errors).toEqual([]);
  }
}, 180_000);

afterAll(async () => {
  await api?.stop();
});

describe("from a citizen's first BankID sign-in to the fee in the payroll export, in Kalmar's routine", () => {
  it("a new staff member's first SITHS login is linked to their invitation, with exactly the grant they were given", async () => {
    // The unit the new colleague works at: the one a seeded requester of Kalmar acts for (it has its cost centre).
    const staff = await query<{ staffUsers: { nodes: { unitId: string | null }[] } }>(
      api,
      t.admin,
      `{ staffUsers(role: REQUESTER, first: 20) { nodes { unitId } } }`,
    );
    const unitId = staff.staffUsers.nodes.find((node) => node.unitId)?.unitId as string;
    const invited = await mutate<{ staffUser: { id: string } | null; errors: Errors }>(
      api,
      t.admin,
      `mutation($input: InviteStaffUserInput!) { inviteStaffUser(input: $input) { staffUser { id } errors { __typename } } }`,
      { identifier: NEW_STAFF_HSA, name: "Nina Nyström", email: "nina.nystrom@regionkalmar.example", unitId },
    );
    expect(invited.errors).toEqual([]);
    const granted = await mutate<{ errors: Errors }>(
      api,
      t.admin,
      `mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleGrant { id } errors { __typename } } }`,
      { staffUserId: invited.staffUser?.id, role: "REQUESTER", unitId },
    );
    expect(granted.errors).toEqual([]);

    // Her SITHS card at the region's provider (the provider knows her; Medverkan only her invitation).
    devIdp.addAccount({ subject: "siths-nina", label: "Nina Nyström – SITHS", claims: { hsa_id: NEW_STAFF_HSA, name: "Nina Nyström" } });
    t.requester = await signIn("siths-nina", STAFF_AUDIENCE);
    expect(await me(t.requester)).toEqual({ kind: "STAFF", name: "Nina Nyström", roles: [{ role: "REQUESTER" }], member: null });
  });

  it("and it works: she sends her unit's request through Kalmar's form, which the development leader starts matching", async () => {
    chain.requestId = await submitRequest(api, t.requester, {
      networkSlug: "intressebanken",
      title: "Patientberättelse om att komma hem efter sjukhusvård",
      numberOfPersons: 1,
      occasions: [occasionInDays(14, 3)],
    });
    expect((await startMatching(api, t.coordinator, chain.requestId)).status).toBe("MATCHING");
  });

  it("a new citizen signs in with BankID at the region's provider and is no one yet", async () => {
    const number = `${citizenNumber.slice(0, 8)}-${citizenNumber.slice(8)}`;
    t.citizen = await signIn("new-citizen:kalmar", CITIZEN_AUDIENCE, { personal_identity_number: number });
    expect(await me(t.citizen)).toEqual({ kind: "CITIZEN", name: null, roles: [], member: null });
  });

  it("registers to Intressebanken with that login: from the next request on they are the member, their personnummer masked", async () => {
    const registered = await api.graphql<{ registerMember: { registration: { outcome: string } | null; errors: Errors } }>(
      REGISTER_MEMBER,
      {
        token: t.citizen,
        variables: { input: registrationInput(kalmar, { networkIds: [intressebanken], givenName: "Maja", birthDate: "1968-05-17" }) },
      },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerMember).toMatchObject({ registration: { outcome: "REGISTERED" }, errors: [] });
    const member = await me(t.citizen);
    expect(member).toMatchObject({ kind: "MEMBER", member: { personalIdentityNumber: "19680517-****" } });
    chain.memberId = member.member?.id as string;
    const logins = await query<{ myLogins: { method: string; identityProviderName: string }[] }>(
      api,
      t.citizen,
      `{ myLogins { method identityProviderName } }`,
    );
    expect(logins.myLogins).toEqual([{ method: "REGISTRATION", identityProviderName: "BankID via Region Kalmar län" }]);
  });

  it("the development leader finds them in the intake queue, calls, holds the introduction meeting and activates them", async () => {
    const queue = await query<{
      intakeQueue: { nodes: { member: { id: string }; membership: { id: string; status: string; version: number } }[] };
    }>(
      api,
      t.coordinator,
      `query($networkId: ID) { intakeQueue(networkId: $networkId, first: 100) { nodes { member { id } membership { ${MEMBERSHIP} } } } }`,
      { networkId: intressebanken },
    );
    let membership = queue.intakeQueue.nodes.find((node) => node.member.id === chain.memberId)?.membership;
    expect(membership?.status).toBe("REGISTERED");
    chain.membershipId = membership?.id as string;

    const step = async (document: string, input: Record<string, unknown>) => {
      const payload = await mutate<{ membership: { id: string; status: string; version: number } | null; errors: Errors }>(
        api,
        t.coordinator,
        document,
        { membershipId: chain.membershipId, expectedVersion: membership?.version, ...input },
      );
      expect(payload.errors).toEqual([]);
      membership = payload.membership ?? undefined;
    };
    await step(TRANSITION, { to: "CONTACTED", note: "Ringde upp, bokade introduktionsmöte" });
    await step(INTRODUCTION, { note: "Introduktionsmöte på Länssjukhuset" });
    await step(TRANSITION, { to: "ACTIVE", note: "Välkommen i Intressebanken" });
    expect(membership?.status).toBe("ACTIVE");
  });

  it("invites them to the unit's request; the member accepts with their own login and consents to sharing contact details", async () => {
    const invited = await mutate<{ invitations: InvitationView[] }>(api, t.coordinator, INVITE, {
      requestId: chain.requestId,
      memberIds: [chain.memberId],
      message: "Hej Maja! Din erfarenhet passar den här förfrågan.",
    });
    expect(invited.errors).toEqual([]);
    chain.invitationId = invited.invitations[0]?.id as string;
    // Nothing reaches the unit before the member has answered.
    expect(await participants(api, t.requester, chain.requestId)).toEqual([]);

    const mine = await query<{ myInvitations: { nodes: MyInvitationView[] } }>(api, t.citizen, MY_INVITATIONS);
    expect(mine.myInvitations.nodes.map((node) => node.id)).toContain(chain.invitationId);
    const accepted = await accept(api, t.citizen, chain.invitationId, await contactSharingVersion(api, "kalmar"));
    expect(accepted.errors).toEqual([]);
    expect(accepted.invitation).toMatchObject({ status: "ACCEPTED", contactShared: true });
    chain.assignmentId = accepted.invitation?.assignmentId as string;
  });

  it("releases the contact details to the unit: name, e-mail and phone of the member who accepted", async () => {
    const contacts = await participants(api, t.requester, chain.requestId);
    expect(contacts).toEqual([expect.objectContaining({ assignmentId: chain.assignmentId, givenName: "Maja", email: expect.any(String) })]);
    // Never the personnummer.
    expect(JSON.stringify(contacts)).not.toContain(citizenNumber.slice(8));
  });

  it("the occasion is held and attended; the fee claim is prepared, signed by the member, attested and exported for payroll", async () => {
    const occasion = await api.running.database.prisma.occasion.findFirstOrThrow({ where: { requestId: chain.requestId } });
    chain.occasionId = occasion.id;
    // Scenario: the day has come and gone.
    await holdOccasionYesterday(api, chain.occasionId);
    const held = await mutate<{ errors: Errors }>(api, t.requester, MARK_OCCASION_HELD, { occasionId: chain.occasionId });
    expect(held.errors).toEqual([]);
    const attended = await mutate<{ errors: Errors }>(api, t.requester, RECORD_ATTENDANCE, {
      assignmentId: chain.assignmentId,
      occasionId: chain.occasionId,
      attended: true,
      durationMinutes: 180,
      travelMinutes: 40,
    });
    expect(attended.errors).toEqual([]);

    const prepared = await mutate<{ claims: Claim[] }>(api, t.coordinator, PREPARE, { occasionId: chain.occasionId });
    expect(prepared.errors).toEqual([]);
    const draft = prepared.claims.find((claim) => claim.assignmentId === chain.assignmentId) as Claim;
    expect(draft).toMatchObject({ status: "DRAFT", payerName: "Region Kalmar län" });
    chain.claimId = draft.id;

    // The member finds it under their own login and signs it.
    const own = await query<{ myFeeClaims: { nodes: Claim[] } }>(api, t.citizen, MY_CLAIMS, { first: 20 });
    expect(own.myFeeClaims.nodes.map((claim) => claim.id)).toEqual([chain.claimId]);
    const signed = await mutate<{ claim: Claim }>(api, t.citizen, SUBMIT, { id: chain.claimId, expectedVersion: draft.version });
    expect(signed.errors).toEqual([]);
    expect(signed.claim.status).toBe("SUBMITTED");
    // Kalmar's development leader attests.
    const attested = await mutate<{ claim: Claim }>(api, t.coordinator, ATTEST, {
      id: chain.claimId,
      expectedVersion: signed.claim.version,
    });
    expect(attested.errors).toEqual([]);
    expect(attested.claim.status).toBe("ATTESTED");

    // The period around yesterday (wide enough for the tenant's time zone).
    const created = await mutate<{ payrollExport: PayrollExport | null }>(api, t.admin, CREATE_EXPORT, {
      periodFrom: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      periodTo: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    expect(created.errors).toEqual([]);
    expect(created.payrollExport?.claimIds).toContain(chain.claimId);
    const row = csvRows(created.payrollExport?.csv ?? "").find((cells) => cells.at(-1) === chain.claimId);
    expect(row?.[1]).toContain("Maja");
    const exported = await query<{ myFeeClaims: { nodes: Claim[] } }>(api, t.citizen, MY_CLAIMS, { first: 20 });
    expect(exported.myFeeClaims.nodes[0]).toMatchObject({ id: chain.claimId, status: "SENT_TO_PAYROLL" });
  });
});

describe("the other ways in, through the same provider", () => {
  const ON_BEHALF = `mutation($input: RegisterMemberOnBehalfInput!) { registerMemberOnBehalf(input: $input) { member { id personalIdentityNumber } errors { __typename } } }`;

  async function onPaper(overrides: Record<string, unknown>): Promise<string> {
    const { tenantSlug: _slug, ...input } = registrationInput(kalmar, { networkIds: [intressebanken], ...overrides });
    const entered = await mutate<{ member: { id: string } | null }>(api, t.coordinator, ON_BEHALF, { ...input, channel: "POSTAL" });
    expect(entered.errors).toEqual([]);
    return entered.member?.id as string;
  }

  it("a postal registration claims its account with the code from the letter after signing in with BankID", async () => {
    const memberId = await onPaper({ givenName: "Per", familyName: "Postsson" });
    const issued = await mutate<{ claimCode: { letterText: string | null } | null }>(
      api,
      t.coordinator,
      `mutation($input: IssueClaimCodeInput!) { issueClaimCode(input: $input) { claimCode { letterText } errors { __typename } } }`,
      { memberId, channel: "LETTER" },
    );
    expect(issued.errors).toEqual([]);
    const code = /koden ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})/.exec(issued.claimCode?.letterText ?? "")?.[1] as string;
    expect(code).toBeTruthy();

    const token = await signIn("new-citizen:kalmar", CITIZEN_AUDIENCE);
    expect((await me(token)).kind).toBe("CITIZEN");
    const claimed = await api.graphql<{ claimAccount: { login: { method: string } | null; errors: Errors } }>(
      `mutation($code: String!) { claimAccount(code: $code) { login { method } errors { __typename } } }`,
      { token, variables: { code } },
    );
    expect(claimed.data?.claimAccount).toEqual({ login: { method: "CLAIM_CODE" }, errors: [] });
    expect(await me(token)).toMatchObject({ kind: "MEMBER", member: { id: memberId } });
    const memberships = await query<{ myMemberships: { network: { slug: string } | null }[] }>(
      api,
      token,
      `{ myMemberships { network { slug } } }`,
    );
    expect(memberships.myMemberships).toEqual([{ network: { slug: "intressebanken" } }]);
  });

  it("a member registered on paper with their personnummer signs in with BankID and simply is that member", async () => {
    const number = exampleIdentityNumber("1951-09-30", 987);
    const memberId = await onPaper({
      givenName: "Britt",
      familyName: "Bankidsson",
      birthDate: "1951-09-30",
      personalIdentityNumber: `${number.slice(2, 8)}-${number.slice(8)}`,
    });
    const token = await signIn("new-citizen:kalmar", CITIZEN_AUDIENCE, { personal_identity_number: number });
    expect(await me(token)).toMatchObject({ kind: "MEMBER", member: { id: memberId, personalIdentityNumber: "19510930-****" } });
    const logins = await query<{ myLogins: { method: string }[] }>(api, token, `{ myLogins { method } }`);
    expect(logins.myLogins).toEqual([{ method: "IDENTITY_NUMBER" }]);
    // Signing in again (the same BankID, a new token) is the same member: linked once.
    expect((await me(await signIn("new-citizen:kalmar", CITIZEN_AUDIENCE, { personal_identity_number: number }))).member?.id).toBe(
      memberId,
    );
    expect(await api.running.database.prisma.login.count({ where: { memberId } })).toBe(1);
  });

  it("in development, `npm run token -- --personal-identity-number …` signs in the same way", async () => {
    const number = exampleIdentityNumber("1949-02-14", 984);
    const memberId = await onPaper({ givenName: "Tor", familyName: "Tokensson", birthDate: "1949-02-14", personalIdentityNumber: number });
    const token = await api.tokenFor({ tenant: "kalmar", personalIdentityNumber: `${number.slice(0, 8)}-${number.slice(8)}` });
    expect(await me(token)).toMatchObject({ kind: "MEMBER", member: { id: memberId } });
  });
});
