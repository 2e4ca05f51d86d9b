import type { TestApi } from "@medverkan/api/testing";
import { exampleIdentityNumber } from "@medverkan/domain";
import { graphql } from "../generated/gql.js";
import type { RegisterMemberInput } from "../generated/graphql.js";
import { PUBLIC_TENANT } from "./queries.js";

export interface PublicTenant {
  id: string;
  slug: string;
  networks: { totalCount: number; nodes: { id: string; slug: string; name: string }[] };
  currentConsentText: { version: string } | null;
}

export async function publicTenant(api: TestApi, slug: string): Promise<PublicTenant> {
  const response = await api.graphql<{ tenant: PublicTenant }>(PUBLIC_TENANT, { variables: { slug } });
  if (!response.data?.tenant) throw new Error(`No tenant ${slug}: ${JSON.stringify(response.errors)}`);
  return response.data.tenant;
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
