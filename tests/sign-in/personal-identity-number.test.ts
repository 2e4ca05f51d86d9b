import { randomBytes } from "node:crypto";
import {
  DEVELOPMENT_PII_KEY,
  decryptPersonalIdentityNumber,
  derivePiiKeys,
  readPersonalIdentityNumberAsServer,
  startTestApi,
  type TestApi,
} from "@medverkan/api/testing";
import { exampleIdentityNumber } from "@medverkan/domain";
import { type RunningIdentityProvider, signInWithAuthorizationCode, startIdentityProvider } from "@medverkan/identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTER_MEMBER } from "../support/queries.js";
import { type PublicTenant, publicTenant, registrationInput } from "../support/registration.js";

// Issue 15: the personal identity number (personnummer / samordningsnummer) on a member — checked by the domain rule,
// stored encrypted with a blind index unique per tenant, only ever shown masked — and a citizen's first sign-in
// through the region's BankID provider (a real OpenID Connect provider, authorization code + PKCE) whose verified
// number is a member's number is linked to that member. Through HTTP only, except where the database itself is the
// point (no plaintext at rest).

const CITIZEN_AUDIENCE = "https://medverkan.example/kalmar-bankid";
const STAFF_AUDIENCE = "https://medverkan.example/kalmar-siths";
const JONKOPING_AUDIENCE = "https://medverkan.example/jonkoping-bankid";
const REDIRECT_URI = "http://127.0.0.1:4198/auth/callback";

let api: TestApi;
let idp: RunningIdentityProvider;
let kalmar: PublicTenant;
let jonkoping: PublicTenant;
const tokens = { kalmarAdmin: "", jonkopingAdmin: "", coordinator: "", jonkopingCoordinator: "" };

type Errors = { __typename: string; code?: string; messageSv?: string; messageEn?: string; problem?: string }[];
type Me = { kind: string; member: { id: string; personalIdentityNumber: string | null; version: number } | null } | null;

const ME = /* GraphQL */ `{ me { kind member { id personalIdentityNumber version } } }`;
const ADD_IDP = /* GraphQL */ `
  mutation Add($input: AddIdentityProviderInput!) {
    addIdentityProvider(input: $input) { identityProvider { id } errors { __typename ... on ErrorResult { code } } }
  }
`;
const ERRORS = /* GraphQL */ `
  __typename
  ... on ErrorResult { code messageSv messageEn }
  ... on InvalidPersonalIdentityNumber { problem }
`;
const ON_BEHALF = /* GraphQL */ `
  mutation OnBehalf($input: RegisterMemberOnBehalfInput!) {
    registerMemberOnBehalf(input: $input) {
      member { id personalIdentityNumber birthDate }
      alreadyRegistered
      errors { ${ERRORS} }
    }
  }
`;
const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) {
    registerMember(input: $input) { registration { outcome } errors { ${ERRORS} } }
  }
`;
const UPDATE_PROFILE = /* GraphQL */ `
  mutation Update($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) { member { personalIdentityNumber version } errors { ${ERRORS} } }
  }
`;
const MEMBER = /* GraphQL */ `query M($id: ID!) { member(id: $id) { id personalIdentityNumber } }`;
const MY_LOGINS = /* GraphQL */ `{ myLogins { method current identityProviderName } }`;

let personCounter = 0;
/** A person at the provider whose BankID (verified) carries this number; a fresh subject each time. */
function bankIdPerson(number: string, claims: Record<string, unknown> = {}): string {
  personCounter += 1;
  const subject = `bankid-${personCounter}-${randomBytes(4).toString("hex")}`;
  idp.addAccount({ subject, label: subject, claims: { personal_identity_number: number, name: "Test Person", ...claims } });
  return subject;
}

async function signIn(subject: string, audience = CITIZEN_AUDIENCE): Promise<string> {
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

/** A valid number born on the given day, serial from the Tax Agency's test range (980–999), counting up. */
let serial = 980;
function newNumber(birthDate = "1985-03-12"): string {
  serial = serial >= 999 ? 980 : serial + 1;
  return exampleIdentityNumber(birthDate, serial);
}

async function onPaper(number: string | null, overrides: Record<string, unknown> = {}, token = tokens.coordinator, tenant = kalmar) {
  const { tenantSlug: _slug, ...input } = registrationInput(tenant, { birthDate: "1985-03-12", ...overrides });
  return api.graphql<{
    registerMemberOnBehalf: {
      member: { id: string; personalIdentityNumber: string | null } | null;
      alreadyRegistered: boolean;
      errors: Errors;
    };
  }>(ON_BEHALF, { token, variables: { input: { ...input, channel: "POSTAL", ...(number ? { personalIdentityNumber: number } : {}) } } });
}

beforeAll(async () => {
  api = await startTestApi();
  idp = await startIdentityProvider({
    clients: [{ clientId: "medverkan-web", redirectUris: [REDIRECT_URI] }],
    resources: [CITIZEN_AUDIENCE, STAFF_AUDIENCE, JONKOPING_AUDIENCE],
    accounts: [],
  });
  [kalmar, jonkoping] = await Promise.all([publicTenant(api, "kalmar"), publicTenant(api, "jonkoping")]);
  tokens.kalmarAdmin = await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" });
  tokens.jonkopingAdmin = await api.tokenFor({ tenant: "jonkoping", role: "tenant-admin" });
  tokens.coordinator = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  tokens.jonkopingCoordinator = await api.tokenFor({ tenant: "jonkoping", role: "coordinator" });
  for (const [token, kind, audience, name] of [
    [tokens.kalmarAdmin, "CITIZEN", CITIZEN_AUDIENCE, "BankID via Region Kalmar län"],
    [tokens.kalmarAdmin, "STAFF", STAFF_AUDIENCE, "SITHS via Region Kalmar län"],
    [tokens.jonkopingAdmin, "CITIZEN", JONKOPING_AUDIENCE, "BankID via Region Jönköpings län"],
  ] as const) {
    const added = await api.graphql<{ addIdentityProvider: { errors: Errors } }>(ADD_IDP, {
      token,
      variables: {
        input: {
          name,
          kind,
          issuer: idp.issuer,
          audience,
          jwksUrl: idp.jwksUri,
          clientId: "medverkan-web",
          identifierClaim: "personal_identity_number",
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

describe("a member's personal identity number", () => {
  it("is stored encrypted (no plaintext in the row, another key cannot read it), shown masked, and its setting audited", async () => {
    const number = newNumber();
    const registered = await onPaper(`${number.slice(2, 8)}-${number.slice(8)}`);
    expect(registered.errors).toBeUndefined();
    const member = registered.data?.registerMemberOnBehalf.member;
    expect(member?.personalIdentityNumber).toBe(`${number.slice(0, 8)}-****`);
    // Read through the API, the full number is nowhere: not in the member, not in the coordinator's view of them.
    const read = await api.graphql(MEMBER, { token: tokens.coordinator, variables: { id: member?.id } });
    expect(JSON.stringify(read)).not.toContain(number.slice(8));
    expect(JSON.stringify(registered)).not.toContain(number.slice(8));

    const row = await api.running.database.prisma.member.findFirstOrThrow({ where: { id: member?.id } });
    const rowText = JSON.stringify(row);
    expect(rowText).not.toContain(number);
    expect(rowText).not.toContain(number.slice(2));
    expect(row.personalIdentityNumberEncrypted).toMatch(/^v1\./);
    expect(row.personalIdentityNumberIndex).toMatch(/^[0-9a-f]{64}$/);
    expect(row.personalIdentityNumberMasked).toBe(`${number.slice(0, 8)}-****`);
    // The configured key (here the development key) reads it; any other key cannot.
    const encrypted = row.personalIdentityNumberEncrypted as string;
    expect(decryptPersonalIdentityNumber(kalmar.id, encrypted, derivePiiKeys(DEVELOPMENT_PII_KEY))).toBe(number);
    expect(() => decryptPersonalIdentityNumber(kalmar.id, encrypted, derivePiiKeys(randomBytes(32)))).toThrow();
    // Server-side code reads it through the repository (in the member's tenant only); GraphQL never does.
    expect(await readPersonalIdentityNumberAsServer(api, kalmar.id, member?.id as string)).toBe(number);
    expect(await readPersonalIdentityNumberAsServer(api, jonkoping.id, member?.id as string)).toBeNull();

    const audit = await api.running.database.prisma.auditEvent.findMany({
      where: { memberId: member?.id, subjectType: "Member" },
      select: { purpose: true, details: true },
    });
    expect(audit).toContainEqual({
      purpose: "personal identity number set (registration (postal))",
      details: { field: "personalIdentityNumber", change: "SET" },
    });
    expect(JSON.stringify(await api.running.database.prisma.auditEvent.findMany({ where: { memberId: member?.id } }))).not.toContain(
      number.slice(2),
    );
  });

  it("is refused with a typed error in Swedish and English when malformed — nothing is written, never an internal error", async () => {
    const before = await api.running.database.prisma.member.count();
    const valid = newNumber();
    const wrongCheck = `${valid.slice(0, 11)}${(Number(valid[11]) + 1) % 10}`;
    for (const [typed, problem] of [
      ["12345", "INVALID_FORMAT"],
      ["19850230-9801", "INVALID_DATE"],
      [wrongCheck, "INVALID_CHECK_DIGIT"],
    ] as const) {
      const paper = await onPaper(typed);
      expect(paper.errors).toBeUndefined();
      expect(paper.data?.registerMemberOnBehalf).toMatchObject({
        member: null,
        errors: [
          {
            __typename: "InvalidPersonalIdentityNumber",
            code: "INVALID_PERSONAL_IDENTITY_NUMBER",
            problem,
            messageSv: expect.stringContaining("Personnumre"),
            messageEn: expect.stringContaining("personal identity number"),
          },
        ],
      });
      // The message never repeats what was typed.
      expect(JSON.stringify(paper.data)).not.toContain(typed);
      const web = await api.graphql<{ registerMember: { registration: unknown; errors: Errors } }>(REGISTER, {
        variables: { input: registrationInput(kalmar, { personalIdentityNumber: typed }) },
      });
      expect(web.errors).toBeUndefined();
      expect(web.data?.registerMember).toMatchObject({ registration: null, errors: [{ problem }] });
    }
    expect(await api.running.database.prisma.member.count()).toBe(before);
  });

  it("decides the age rules on the number's own birth date: another date or year typed beside it is refused at its field", async () => {
    // A fifteen-year-old's number beside an adult's birth date would pass Kalmar's guardian rule; the date must agree.
    const fifteen = `${new Date().getUTCFullYear() - 15}-02-03`;
    const number = newNumber(fifteen);
    const before = await api.running.database.prisma.member.count();
    for (const birth of [{ birthDate: "1990-02-03" }, { birthDate: null, birthYear: 1990 }]) {
      const refused = await api.graphql(REGISTER, {
        variables: { input: registrationInput(kalmar, { personalIdentityNumber: number, ...birth }) },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const field = "birthYear" in birth ? "input.birthYear" : "input.birthDate";
      expect(refused.errors?.[0]?.extensions?.fieldErrors).toMatchObject([
        {
          field,
          code: "INCONSISTENT",
          messages: {
            sv: expect.stringContaining("stämmer inte med personnumret"),
            en: expect.stringContaining("does not match the personal identity number"),
          },
        },
      ]);
    }
    const onPaperToo = await onPaper(number, { birthDate: "1990-02-03" });
    expect(onPaperToo.errors?.[0]?.extensions?.fieldErrors).toMatchObject([{ field: "input.birthDate", code: "INCONSISTENT" }]);
    expect(await api.running.database.prisma.member.count()).toBe(before);
    // With the number's own date she registers, and waits for her guardian's consent like any fifteen-year-old.
    const guardian = { name: "Vera Vårdnadshavare", relation: "Mamma", phone: "070-123 45 67" };
    const accepted = await api.graphql<{ registerMember: { registration: { outcome: string } | null; errors: Errors } }>(REGISTER, {
      variables: { input: registrationInput(kalmar, { personalIdentityNumber: number, birthDate: fifteen, guardian }) },
    });
    expect(accepted.data?.registerMember).toEqual({ registration: { outcome: "AWAITING_GUARDIAN_CONSENT" }, errors: [] });
  });

  it("is optional per region: a region that does not record numbers says so publicly and refuses one, writing nothing", async () => {
    const SETTINGS = `query { tenantSettings { collectsPersonalIdentityNumbers version } }`;
    const UPDATE = `mutation($input: UpdateTenantSettingsInput!) {
      updateTenantSettings(input: $input) { settings { collectsPersonalIdentityNumbers version } errors { __typename } } }`;
    const PUBLIC = `query($slug: String!) { tenant(slug: $slug) { collectsPersonalIdentityNumbers } }`;
    const set = async (value: boolean) => {
      const read = await api.graphql<{ tenantSettings: { version: number } }>(SETTINGS, { token: tokens.jonkopingAdmin });
      const changed = await api.graphql<{ updateTenantSettings: { settings: { collectsPersonalIdentityNumbers: boolean } } }>(UPDATE, {
        token: tokens.jonkopingAdmin,
        variables: { input: { expectedVersion: read.data?.tenantSettings.version, collectsPersonalIdentityNumbers: value } },
      });
      expect(changed.data?.updateTenantSettings.settings.collectsPersonalIdentityNumbers).toBe(value);
    };
    await set(false);
    try {
      const shown = await api.graphql<{ tenant: { collectsPersonalIdentityNumbers: boolean } }>(PUBLIC, {
        variables: { slug: "jonkoping" },
      });
      expect(shown.data?.tenant.collectsPersonalIdentityNumbers).toBe(false);
      const before = await api.running.database.prisma.member.count();
      const refused = await api.graphql<{ registerMember: { registration: unknown; errors: Errors } }>(REGISTER, {
        variables: { input: registrationInput(jonkoping, { personalIdentityNumber: newNumber() }) },
      });
      expect(refused.errors).toBeUndefined();
      expect(refused.data?.registerMember).toMatchObject({
        registration: null,
        errors: [
          {
            __typename: "InvalidPersonalIdentityNumber",
            code: "INVALID_PERSONAL_IDENTITY_NUMBER",
            problem: "NOT_COLLECTED",
            messageSv: "Regionen registrerar inte personnummer. Lämna fältet tomt.",
            messageEn: "The region does not record personal identity numbers. Leave the field empty.",
          },
        ],
      });
      expect(await api.running.database.prisma.member.count()).toBe(before);
      // Without a number the same registration goes through.
      const accepted = await api.graphql<{ registerMember: { registration: { outcome: string } | null; errors: Errors } }>(REGISTER, {
        variables: { input: registrationInput(jonkoping) },
      });
      expect(accepted.data?.registerMember.errors).toEqual([]);
    } finally {
      await set(true);
    }
    const back = await api.graphql<{ tenant: { collectsPersonalIdentityNumbers: boolean } }>(PUBLIC, { variables: { slug: "jonkoping" } });
    expect(back.data?.tenant.collectsPersonalIdentityNumbers).toBe(true);
  });

  it("is unique per tenant: the same number on paper again is the same person; another tenant may hold it", async () => {
    const number = newNumber();
    const first = await onPaper(number);
    const again = await onPaper(number, { givenName: "Annat", familyName: "Namn", email: "annat.namn@example.se" });
    expect(again.data?.registerMemberOnBehalf).toMatchObject({
      alreadyRegistered: true,
      member: { id: first.data?.registerMemberOnBehalf.member?.id },
    });
    // The public form with the same number: the same receipt as for anyone, and no second person.
    const count = await api.running.database.prisma.member.count();
    const web = await api.graphql<{ registerMember: { registration: { outcome: string } | null; errors: Errors } }>(REGISTER, {
      variables: { input: registrationInput(kalmar, { personalIdentityNumber: number, birthDate: "1985-03-12", givenName: "Tredje" }) },
    });
    expect(web.data?.registerMember).toEqual({ registration: { outcome: "REGISTERED" }, errors: [] });
    expect(await api.running.database.prisma.member.count()).toBe(count);
    const elsewhere = await onPaper(number, {}, tokens.jonkopingCoordinator, jonkoping);
    expect(elsewhere.data?.registerMemberOnBehalf).toMatchObject({ alreadyRegistered: false, errors: [] });
    expect(elsewhere.data?.registerMemberOnBehalf.member?.id).not.toBe(first.data?.registerMemberOnBehalf.member?.id);
  });
});

describe("a citizen's first sign-in with a verified personal identity number", () => {
  it("links a member registered on paper with that number: they sign in with BankID and are that member, linked once and audited", async () => {
    const number = newNumber("1962-11-04");
    const paper = await onPaper(number, { birthDate: "1962-11-04" });
    const memberId = paper.data?.registerMemberOnBehalf.member?.id as string;
    expect(memberId).toBeTruthy();

    const person = bankIdPerson(number);
    const token = await signIn(person);
    // A front end's first page asks several things at once: every one of them is that member.
    const first = await Promise.all([me(token), me(token), me(token)]);
    for (const answer of first) {
      expect(answer).toMatchObject({ kind: "MEMBER", member: { id: memberId, personalIdentityNumber: "19621104-****" } });
    }
    // The next sign-in (a new token for the same person) is the same member; the link was made once.
    expect((await me(await signIn(person)))?.member?.id).toBe(memberId);
    const logins = await api.graphql<{ myLogins: unknown[] }>(MY_LOGINS, { token });
    expect(logins.data?.myLogins).toEqual([
      { method: "IDENTITY_NUMBER", current: true, identityProviderName: "BankID via Region Kalmar län" },
    ]);
    const links = await api.running.database.prisma.auditEvent.findMany({
      where: { memberId, subjectType: "Login", purpose: "login linked by personal identity number" },
      select: { actorType: true, actorId: true, details: true },
    });
    expect(links).toHaveLength(1);
    // As the person signing in (no one's login yet), so it is listed among what others did with the member's data.
    expect(links[0]).toMatchObject({ actorType: "MEMBER", actorId: null, details: { method: "IDENTITY_NUMBER" } });
    // The member sees it in their own log.
    const log = await api.graphql<{ myDataAccessLog: { nodes: { subjectType: string; purpose: string }[] } }>(
      `{ myDataAccessLog(first: 50) { nodes { subjectType purpose } } }`,
      { token },
    );
    expect(log.data?.myDataAccessLog.nodes).toContainEqual({ subjectType: "Login", purpose: "login linked by personal identity number" });
  });

  it("without a member holding the number behaves as before: a citizen, who registers and records the verified number", async () => {
    const number = newNumber("1990-06-15");
    const token = await signIn(bankIdPerson(number));
    expect(await me(token)).toEqual({ kind: "CITIZEN", member: null });
    // Typing another number than the verified one is refused; leaving it out records the verified one.
    const other = await api.graphql<{ registerMember: { errors: Errors } }>(REGISTER, {
      token,
      variables: { input: registrationInput(kalmar, { birthDate: "1990-06-15", personalIdentityNumber: newNumber("1990-06-15") }) },
    });
    expect(other.data?.registerMember.errors).toMatchObject([{ problem: "DIFFERS_FROM_SIGN_IN" }]);
    expect((await me(token))?.kind).toBe("CITIZEN");
    const registered = await api.graphql<{ registerMember: { errors: Errors } }>(REGISTER_MEMBER, {
      token,
      variables: { input: registrationInput(kalmar, { birthDate: "1990-06-15" }) },
    });
    expect(registered.data?.registerMember.errors).toEqual([]);
    expect(await me(token)).toMatchObject({ kind: "MEMBER", member: { personalIdentityNumber: "19900615-****" } });
  });

  it("never links a member who already has a login, a STAFF provider's token, or another tenant's member", async () => {
    // Already linked: the member signs in with the login they have; a second person with the number gets nothing.
    const number = newNumber("1970-01-20");
    await onPaper(number, { birthDate: "1970-01-20" });
    const owner = await signIn(bankIdPerson(number));
    expect((await me(owner))?.kind).toBe("MEMBER");
    expect(await me(await signIn(bankIdPerson(number)))).toEqual({ kind: "CITIZEN", member: null });

    // A STAFF provider vouches for staff, not for citizens' numbers.
    const staffNumber = newNumber("1975-05-05");
    await onPaper(staffNumber, { birthDate: "1975-05-05" });
    expect(await me(await signIn(bankIdPerson(staffNumber), STAFF_AUDIENCE))).toEqual({ kind: "CITIZEN", member: null });

    // Jönköping's member with a number is no one in Kalmar, and Kalmar's provider never signs in to Jönköping.
    const jonkopingNumber = newNumber("1980-08-08");
    await onPaper(jonkopingNumber, { birthDate: "1980-08-08" }, tokens.jonkopingCoordinator, jonkoping);
    expect(await me(await signIn(bankIdPerson(jonkopingNumber)))).toEqual({ kind: "CITIZEN", member: null });
    expect((await me(await signIn(bankIdPerson(jonkopingNumber), JONKOPING_AUDIENCE)))?.kind).toBe("MEMBER");

    // A claim that is not a valid number links no one.
    const invalid = `${jonkopingNumber.slice(0, 11)}${(Number(jonkopingNumber[11]) + 1) % 10}`;
    expect(await me(await signIn(bankIdPerson(invalid), JONKOPING_AUDIENCE))).toEqual({ kind: "CITIZEN", member: null });
  });
});

describe("the member's own profile", () => {
  it("sets and corrects the number (audited, masked), refuses a malformed one and one another member holds", async () => {
    const number = newNumber("1988-02-28");
    await onPaper(number, { birthDate: "1988-02-28" });
    // A member whose own login carries no verified number (the development issuer) sets theirs.
    const token = await api.tokenFor({ tenant: "kalmar", role: "member" });
    const before = await me(token);
    const malformed = await api.graphql<{ updateMyProfile: { member: unknown; errors: Errors } }>(UPDATE_PROFILE, {
      token,
      variables: { input: { expectedVersion: before?.member?.version, personalIdentityNumber: "19880228-0000" } },
    });
    expect(malformed.errors).toBeUndefined();
    expect(malformed.data?.updateMyProfile).toMatchObject({ member: null, errors: [{ problem: "INVALID_CHECK_DIGIT" }] });
    const taken = await api.graphql<{ updateMyProfile: { member: unknown; errors: Errors } }>(UPDATE_PROFILE, {
      token,
      variables: { input: { expectedVersion: before?.member?.version, personalIdentityNumber: number } },
    });
    expect(taken.data?.updateMyProfile).toMatchObject({
      member: null,
      errors: [{ __typename: "PersonalIdentityNumberTaken", code: "PERSONAL_IDENTITY_NUMBER_TAKEN", messageSv: expect.any(String) }],
    });
    const own = newNumber("1979-12-24");
    const set = await api.graphql<{ updateMyProfile: { member: { personalIdentityNumber: string; version: number } } }>(UPDATE_PROFILE, {
      token,
      variables: { input: { expectedVersion: before?.member?.version, personalIdentityNumber: own } },
    });
    expect(set.data?.updateMyProfile.member.personalIdentityNumber).toBe("19791224-****");
    const corrected = newNumber("1979-12-25");
    const changed = await api.graphql<{ updateMyProfile: { member: { personalIdentityNumber: string } } }>(UPDATE_PROFILE, {
      token,
      variables: { input: { expectedVersion: set.data?.updateMyProfile.member.version, personalIdentityNumber: corrected } },
    });
    expect(changed.data?.updateMyProfile.member.personalIdentityNumber).toBe("19791225-****");
    // A corrected birth must be the number's: a minor's date is refused at its field; the number's own is taken.
    const version = (await me(token))?.member?.version;
    const minorYear = new Date().getUTCFullYear() - 15;
    const younger = await api.graphql(UPDATE_PROFILE, {
      token,
      variables: { input: { expectedVersion: version, birthDate: `${minorYear}-12-25`, birthYear: minorYear } },
    });
    expect(younger.errors?.[0]?.extensions?.fieldErrors).toMatchObject([{ field: "input.birthDate", code: "INCONSISTENT" }]);
    const ownBirth = await api.graphql<{ updateMyProfile: { errors: Errors } }>(UPDATE_PROFILE, {
      token,
      variables: { input: { expectedVersion: version, birthDate: "1979-12-25", birthYear: 1979 } },
    });
    expect(ownBirth.data?.updateMyProfile.errors).toEqual([]);
    const purposes = (
      await api.running.database.prisma.auditEvent.findMany({
        where: { memberId: before?.member?.id, subjectType: "Member", purpose: { startsWith: "personal identity number" } },
        select: { purpose: true },
      })
    ).map((event) => event.purpose);
    expect(purposes).toEqual(
      expect.arrayContaining([
        "personal identity number set (own profile correction)",
        "personal identity number changed (own profile correction)",
      ]),
    );
    // Never in the profile's revision history.
    const revisions = await api.running.database.prisma.memberRevision.findMany({ where: { memberId: before?.member?.id } });
    expect(JSON.stringify(revisions)).not.toContain(own.slice(8));
  });
});

describe("erasure", () => {
  it("clears the encrypted number, its index and its mask, so the number can be recorded anew", async () => {
    const number = newNumber("1966-06-06");
    const memberId = (await onPaper(number, { birthDate: "1966-06-06" })).data?.registerMemberOnBehalf.member?.id as string;
    const token = await signIn(bankIdPerson(number));
    expect((await me(token))?.member?.id).toBe(memberId);
    const erased = await api.graphql<{ eraseMember: { errors: Errors } }>(
      `mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { __typename } } }`,
      { token, variables: { input: { confirm: true } } },
    );
    expect(erased.errors).toBeUndefined();
    expect(erased.data?.eraseMember.errors).toEqual([]);
    const row = await api.running.database.prisma.member.findFirstOrThrow({ where: { id: memberId } });
    expect(row).toMatchObject({
      personalIdentityNumberEncrypted: null,
      personalIdentityNumberIndex: null,
      personalIdentityNumberMasked: null,
    });
    const again = await onPaper(number, { birthDate: "1966-06-06" });
    expect(again.data?.registerMemberOnBehalf).toMatchObject({ alreadyRegistered: false, errors: [] });
  });
});
