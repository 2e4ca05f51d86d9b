// Development only: a real OpenID Connect provider mounted at /idp (issuer `<api origin>/idp`), trusted by the seeded
// tenants as one of their identity providers. Never imported in production (app.ts loads it dynamically).
import { Prisma, type PrismaClient } from "@medverkan/database";
import { demoAudience, demoMemberSubjects, demoStaff, PLATFORM_OPERATOR_SUBJECT } from "@medverkan/database/seed";
import { REGION_SEEDS } from "@medverkan/domain";
import type { IdentityProvider, IdpAccountGroup } from "@medverkan/identity-provider";

/** The public browser client id at the development provider (authorization code + PKCE, no secret). */
export const DEVELOPMENT_CLIENT_ID = "medverkan-web";
export const DEVELOPMENT_PROVIDER_NAME = "Utvecklingsinloggning (OpenID Connect)";

const ROLE_LABEL: Record<string, string> = {
  TENANT_ADMIN: "administratör",
  COORDINATOR: "samordnare",
  REQUESTER: "beställare",
  ANALYST: "analytiker",
};

/** The seeded people of every seeded tenant, grouped by region (staff by role, then members), then the platform's operator. */
export function developmentAccountGroups(): IdpAccountGroup[] {
  return [...regionGroups(), platformGroup()];
}

/** The seeded platform operator, who signs in for the platform's audience (`medverkan:platform`), not a region's. */
function platformGroup(): IdpAccountGroup {
  return {
    key: "platform",
    label: "Plattformen",
    accounts: [{ subject: PLATFORM_OPERATOR_SUBJECT, label: "Plattformsoperatör (demo)", claims: { name: "Plattformsoperatör (demo)" } }],
  };
}

function regionGroups(): IdpAccountGroup[] {
  return Object.keys(demoStaff).map((slug) => {
    const region = REGION_SEEDS.find((seed) => seed.tenant.slug === slug);
    const label = region?.tenant.name ?? slug;
    const staff = new Map<string, { name: string; role: string; networks: string[]; unit: string | null }>();
    for (const person of demoStaff[slug] ?? []) {
      const known = staff.get(person.subject);
      if (known) {
        if (person.networkSlug) known.networks.push(person.networkSlug);
      } else {
        staff.set(person.subject, {
          name: person.name,
          role: person.role,
          networks: person.networkSlug ? [person.networkSlug] : [],
          unit: person.unitName,
        });
      }
    }
    const staffAccounts = [...staff].map(([subject, person]) => ({
      subject,
      label: `${person.name} – ${ROLE_LABEL[person.role] ?? person.role}${person.networks.length ? ` (${person.networks.join(", ")})` : person.unit ? ` (${person.unit})` : ""}`,
      claims: { name: person.name, hsa_id: `SE2321000000-${subject}`, email: `${subject}@${slug}.medverkan.localhost` },
    }));
    const memberAccounts = (demoMemberSubjects[slug] ?? []).map((subject, index) => ({
      subject,
      label: `Medlem ${index + 1} – ${subject}`,
      claims: { name: `Medlem ${index + 1}` },
    }));
    return { key: slug, label, newCitizen: true, accounts: [...staffAccounts, ...memberAccounts] };
  });
}

export function developmentRedirectUris(origin: string, extra: readonly string[] = []): string[] {
  return [...new Set([`${origin}/auth/callback`, `${origin}/`, `${origin}/graphql`, ...extra])];
}

/** Creates the provider for an API listening at `origin`; its issuer is `<origin>/idp`. */
export async function createDevelopmentIdentityProvider(
  origin: string,
  extraRedirectUris: readonly string[] = [],
): Promise<IdentityProvider> {
  const { createIdentityProvider } = await import("@medverkan/identity-provider");
  const groups = developmentAccountGroups();
  const audiences = new Set(groups.map((group) => demoAudience(group.key)));
  return createIdentityProvider({
    issuer: `${origin}/idp`,
    clients: [{ clientId: DEVELOPMENT_CLIENT_ID, redirectUris: developmentRedirectUris(origin, extraRedirectUris) }],
    groups,
    resources: (resource) => audiences.has(resource) || /^medverkan:[a-z0-9-]+$/.test(resource),
  });
}

/**
 * Makes every seeded tenant trust the development provider (kind ALL, audience `medverkan:<slug>`) and links each
 * seeded person's login there to the same person as at the tenant's primary (development token) provider.
 */
export async function trustDevelopmentIdentityProvider(
  prisma: PrismaClient,
  provider: { issuer: string; jwksUri: string },
): Promise<number> {
  let tenants = 0;
  for (const slug of Object.keys(demoStaff)) {
    const tenant = await prisma.tenant.findUnique({ where: { slug }, select: { id: true } });
    if (!tenant) continue;
    tenants++;
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenant.id}, true)`;
      const audience = demoAudience(slug);
      const row = await tx.identityProvider.upsert({
        where: { tenantId_issuer_audience: { tenantId: tenant.id, issuer: provider.issuer, audience } },
        create: {
          tenantId: tenant.id,
          name: DEVELOPMENT_PROVIDER_NAME,
          kind: "ALL",
          issuer: provider.issuer,
          audience,
          jwksUrl: provider.jwksUri,
          clientId: DEVELOPMENT_CLIENT_ID,
          identifierClaim: "personal_identity_number",
        },
        update: { jwksUrl: provider.jwksUri, clientId: DEVELOPMENT_CLIENT_ID, disabledAt: null },
        select: { id: true },
      });
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO "Login" ("tenantId", "id", "identityProviderId", "subject", "memberId", "staffUserId", "method", "createdAt")
        SELECT l."tenantId", gen_random_uuid(), ${row.id}::uuid, l."subject", l."memberId", l."staffUserId", 'ADMINISTRATOR', now()
        FROM "Login" l
        JOIN "IdentityProvider" p ON p."tenantId" = l."tenantId" AND p."id" = l."identityProviderId" AND p."isPrimary"
        WHERE l."tenantId" = ${tenant.id}::uuid AND l."subject" LIKE ${`${slug}-%`}
        ON CONFLICT ("tenantId", "identityProviderId", "subject") DO NOTHING`);
      // Development tokens (`npm run token -- --personal-identity-number …`) are the primary provider's: its
      // identifier claim is the personnummer too, so a member with that number recorded is linked on the first request.
      await tx.identityProvider.updateMany({
        where: { tenantId: tenant.id, isPrimary: true, identifierClaim: null },
        data: { identifierClaim: "personal_identity_number", version: { increment: 1 } },
      });
    });
  }
  return tenants;
}
