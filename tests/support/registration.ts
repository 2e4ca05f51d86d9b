import type { TestApi } from "@medverkan/api/testing";
import { exampleIdentityNumber } from "@medverkan/domain";
import { graphql } from "../generated/gql.js";
import type { PublicTenantForRegistrationQuery, RegisterMemberInput } from "../generated/graphql.js";

const PUBLIC_TENANT = graphql(`query PublicTenantForRegistration($slug: String!) {
  tenant(slug: $slug) { id slug networks(first: 20) { totalCount nodes { id slug name } } currentConsentText(kind: PROCESSING) { version } } }`);
const POOL_SIZE = graphql(`query PoolSizeOfNetwork($networkId: ID) { members(networkId: $networkId, first: 1) { totalCount } }`);

/** What a registration page reads of a tenant without a token: its networks and its current processing consent text. */
export type PublicTenant = NonNullable<PublicTenantForRegistrationQuery["tenant"]>;

export async function publicTenant(api: TestApi, slug: string): Promise<PublicTenant> {
  const response = await api.graphql(PUBLIC_TENANT, { variables: { slug } });
  if (!response.data?.tenant) throw new Error(`No tenant ${slug}: ${JSON.stringify(response.errors)}`);
  return response.data.tenant;
}

/**
 * How many members the four demo regions' pools hold together, as the coordinator of each network counts its pool
 * (every membership status, registrations still in intake too): unchanged after a refused registration. A member
 * whose processing is restricted, or who is erased, is in no pool.
 */
export async function poolSizeOfEveryRegion(api: TestApi): Promise<number> {
  let size = 0;
  for (const tenant of ["jonkoping", "vgr", "kalmar", "ostergotland"]) {
    for (const network of (await publicTenant(api, tenant)).networks.nodes) {
      const coordinator = await api.tokenFor({ tenant, role: "coordinator", network: network.slug });
      const response = await api.graphql(POOL_SIZE, { token: coordinator, variables: { networkId: network.id } });
      const pool = response.data?.members;
      if (!pool) throw new Error(`${tenant}/${network.slug}'s pool is not readable: ${JSON.stringify(response.errors)}`);
      size += pool.totalCount;
    }
  }
  return size;
}

let counter = 0;

/** A new person's answers to the registration form, unique per call (family name and e-mail). */
function aNewPerson() {
  counter += 1;
  const unique = `${Date.now().toString(36)}${counter}`;
  return {
    givenName: "Testa",
    familyName: `Testsson-${unique}`,
    email: `testa.${unique}@example.se`,
    phone: "070-123 45 67",
    birthDate: "1968-05-17",
    municipality: "Kalmar",
    perspectives: ["PATIENT" as const],
    languages: ["sv"],
  };
}

/** A valid registration input for the tenant's first network, unique per call unless `overrides` say otherwise. */
export function registrationInput(tenant: PublicTenant, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenantSlug: tenant.slug,
    networkIds: [tenant.networks.nodes[0]?.id],
    ...aNewPerson(),
    consent: { textVersion: tenant.currentConsentText?.version, accepted: true },
    ...overrides,
  };
}

/**
 * The same input, typed from the schema (for the files converted to typed documents): `overrides` are checked against
 * `RegisterMemberInput`, so a renamed input field fails the type check.
 */
export function typedRegistrationInput(tenant: PublicTenant, overrides: Partial<RegisterMemberInput> = {}): RegisterMemberInput {
  const networkId = tenant.networks.nodes[0]?.id;
  const version = tenant.currentConsentText?.version;
  if (!networkId || !version) throw new Error(`${tenant.slug} has no network or no processing consent text to register with`);
  return {
    tenantSlug: tenant.slug,
    networkIds: [networkId],
    ...aNewPerson(),
    consent: { textVersion: version, accepted: true },
    ...overrides,
  };
}

/** `registerMember` as the registration page sends it, typed (the outcome, and every refusal with its details). */
export const REGISTER_MEMBER_TYPED = graphql(`mutation RegisterMemberFromPage($input: RegisterMemberInput!) {
  registerMember(input: $input) {
    registration { outcome receivedAt message }
    errors {
      __typename
      ... on ErrorResult { code message messageSv messageEn }
      ... on IntakeRuleNotMet { rule missing }
      ... on ConsentRequired { kind currentVersion } } } }`);

let citizens = 0;

/**
 * A new citizen signed in through the region's BankID provider, as a token carrying their verified personal identity
 * number, and the birth date that number gives: a registration with that token must give that date (the age rules are
 * decided on it), so pass `{ birthDate }` with the registration. Each call is another person.
 */
export async function newCitizen(api: TestApi, tenant: string): Promise<{ token: string; birthDate: string }> {
  citizens += 1;
  const born = new Date(Date.UTC(1960, 0, 1) + citizens * 86_400_000);
  const birthDate = born.toISOString().slice(0, 10);
  return { token: await api.tokenFor({ tenant, personalIdentityNumber: exampleIdentityNumber(birthDate, 982) }), birthDate };
}
