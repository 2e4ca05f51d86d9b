// Who can sign in to the demo: the token command (`pnpm token`) looks people up here by tenant, role and network.
// Subjects are readable and stable (`kalmar-coordinator-1`, `vgr-requester-1`, `jonkoping-member-1`), so tokens
// minted once keep working after the database is re-seeded.
import type { StaffRole } from "../src/index.js";
import { DEMO_TENANTS } from "./tenants/index.js";

/** The audience (`aud`) a token for a demo tenant must carry; stored as the tenant's `tokenAudience`. */
export function demoAudience(slug: string): string {
  return `medverkan:${slug}`;
}

/** The platform operator's subject (audience `medverkan:platform`). */
export const PLATFORM_OPERATOR_SUBJECT = "platform-operator";

export interface DemoStaffUser {
  readonly subject: string;
  readonly name: string;
  readonly role: StaffRole;
  /** For a coordinator, the network of the grant (one entry per network coordinated); null otherwise. */
  readonly networkSlug: string | null;
  readonly unitName: string | null;
}

function unitNames(slug: string): Map<string, string> {
  const tenant = DEMO_TENANTS.find((candidate) => candidate.slug === slug);
  return new Map((tenant?.organisations ?? []).flatMap((organisation) => organisation.units.map((unit) => [unit.key, unit.name] as const)));
}

/** Staff of every demo tenant, by tenant slug: at least one per role. */
export const demoStaff: Readonly<Record<string, readonly DemoStaffUser[]>> = Object.fromEntries(
  DEMO_TENANTS.map((tenant) => {
    const units = unitNames(tenant.slug);
    const people = tenant.staff.flatMap((person) =>
      (person.role === "COORDINATOR" ? (person.networks ?? []) : [null]).map((networkSlug) => ({
        subject: person.subject,
        name: person.name,
        role: person.role,
        networkSlug,
        unitName: person.unit ? (units.get(person.unit) ?? null) : null,
      })),
    );
    return [tenant.slug, people];
  }),
);

/**
 * Members with an account, by tenant slug; the first of each is an active member with assignments and fee claims.
 * Kalmar's fifth and sixth are minors (guardian consent given / still awaited).
 */
export const demoMemberSubjects: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  DEMO_TENANTS.map((tenant) => [tenant.slug, tenant.demoMembers.map((_, index) => `${tenant.slug}-member-${index + 1}`)]),
);
