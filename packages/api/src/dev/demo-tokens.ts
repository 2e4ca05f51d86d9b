import { demoAudience, demoMemberSubjects, demoStaff } from "@medverkan/database/seed";
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
}

export class DemoUserNotFound extends Error {}

/** A development token for a seeded user: `{ tenant: "kalmar", role: "coordinator" }`. */
export async function mintDemoToken(key: DevSigningKey, request: DemoTokenRequest): Promise<{ token: string; subject: string }> {
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
