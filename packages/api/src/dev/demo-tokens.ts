import { createHash, randomInt, randomUUID } from "node:crypto";
import { demoAudience, demoMemberSubjects, demoStaff } from "@medverkan/database/seed";
import { exampleIdentityNumber, parsePersonalIdentityNumber } from "@medverkan/domain";
import { type DevSigningKey, mintDevToken, PLATFORM_AUDIENCE } from "./dev-keys.js";

export const DEMO_ROLES = ["tenant-admin", "coordinator", "requester", "analyst", "member", "platform-operator"] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

const staffRole: Record<string, string> = {
  "tenant-admin": "TENANT_ADMIN",
  coordinator: "COORDINATOR",
  requester: "REQUESTER",
  analyst: "ANALYST",
};

export interface DemoTokenRequest {
  tenant?: string;
  role?: string;
  /** For coordinators: the slug of the network they coordinate. */
  network?: string;
  expiresIn?: string;
  /** Any subject of the tenant's development provider: a seeded person's, or someone who is not (yet) a member. */
  subject?: string;
  /** A fresh citizen who is not a member: a generated subject and a valid generated personal identity number claim. */
  newCitizen?: boolean;
  /**
   * A citizen whose e-identification vouches for this personnummer (`personal_identity_number` claim): the same number
   * is the same subject every time. At a provider whose identifier claim it is, a member with that number recorded is
   * linked on the first request.
   */
  personalIdentityNumber?: string;
}

export class DemoUserNotFound extends Error {}

/** A development token for a seeded user: `{ tenant: "kalmar", role: "coordinator" }`. */
export async function mintDemoToken(key: DevSigningKey, request: DemoTokenRequest): Promise<{ token: string; subject: string }> {
  if (request.subject || request.newCitizen || request.personalIdentityNumber) {
    const tenant = request.tenant ?? "jonkoping";
    if (!demoStaff[tenant]) throw new DemoUserNotFound(`Unknown tenant "${tenant}". Tenants: ${Object.keys(demoStaff).join(", ")}`);
    let number: string | null = null;
    if (request.personalIdentityNumber) {
      const parsed = parsePersonalIdentityNumber(request.personalIdentityNumber);
      if (!parsed.ok) throw new DemoUserNotFound(`Not a valid personnummer (${parsed.problem}); write it as YYYYMMDD-NNNN.`);
      number = parsed.number.value;
    }
    const subject =
      request.subject ??
      (number ? `citizen-pin-${createHash("sha256").update(`${tenant}:${number}`).digest("hex").slice(0, 24)}` : `citizen-${randomUUID()}`);
    const claims = number
      ? { personal_identity_number: number, name: "Medborgare" }
      : request.newCitizen
        ? { personal_identity_number: randomIdentityNumber(), name: "Ny Medborgare" }
        : {};
    return { subject, token: await mintDevToken(key, { subject, audience: demoAudience(tenant), expiresIn: request.expiresIn, claims }) };
  }
  const role = (request.role ?? "coordinator") as DemoRole;
  if (!DEMO_ROLES.includes(role)) throw new DemoUserNotFound(`Unknown role "${request.role}". Roles: ${DEMO_ROLES.join(", ")}`);
  if (role === "platform-operator") {
    const subject = "platform-operator";
    return { subject, token: await mintDevToken(key, { subject, audience: PLATFORM_AUDIENCE, expiresIn: request.expiresIn }) };
  }
  const tenant = request.tenant ?? "jonkoping";
  const subject = role === "member" ? demoMemberSubjects[tenant]?.[0] : findStaffSubject(tenant, staffRole[role] ?? "", request.network);
  if (!subject) {
    throw new DemoUserNotFound(
      `No seeded ${role} in tenant "${tenant}"${request.network ? ` for network "${request.network}"` : ""}. Tenants: ${Object.keys(demoStaff).join(", ")}`,
    );
  }
  return { subject, token: await mintDevToken(key, { subject, audience: demoAudience(tenant), expiresIn: request.expiresIn }) };
}

function findStaffSubject(tenant: string, role: string, network: string | undefined): string | undefined {
  const staff = demoStaff[tenant] ?? [];
  return staff.find((person) => person.role === role && (network === undefined || person.networkSlug === network))?.subject;
}

/** A valid made-up personnummer of an adult (serial 980–999, as the Tax Agency's test numbers). */
function randomIdentityNumber(): string {
  const date = `${randomInt(1950, 2006)}-${String(randomInt(1, 13)).padStart(2, "0")}-${String(randomInt(1, 29)).padStart(2, "0")}`;
  return exampleIdentityNumber(date, randomInt(980, 1000));
}
