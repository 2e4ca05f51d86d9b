/** A role grant as read from the server's own RoleGrant rows (never from token claims). */
export interface Grant {
  role: "TENANT_ADMIN" | "COORDINATOR" | "REQUESTER" | "ANALYST";
  /** Null: tenant-wide. */
  networkId: string | null;
  /** The unit a requester acts for. */
  unitId: string | null;
}

/**
 * The login a tenant actor signed in with: the identity provider and the verified token's claims (identity number,
 * HSA-id, e-mail). Optional so code that builds actors by hand (tests, jobs) need not invent one.
 */
export interface LoginContext {
  identityProviderId?: string;
  claims?: Readonly<Record<string, unknown>>;
  /**
   * The personal identity number (twelve digits) the identity provider vouches for: its configured identifier claim at
   * a CITIZEN or ALL provider, when that claim is a valid number (auth/identity-number-link.ts). Never logged.
   */
  verifiedPersonalIdentityNumber?: string;
}

/** Who is calling, established once per request from the verified token and the database. */
export type Actor =
  | { kind: "ANONYMOUS" }
  | ({
      kind: "STAFF";
      tenantId: string;
      subject: string;
      staffUserId: string;
      name: string;
      unitId: string | null;
      grants: Grant[];
    } & LoginContext)
  | ({ kind: "MEMBER"; tenantId: string; subject: string; memberId: string } & LoginContext)
  /** A verified person of the tenant's identity provider who has no account yet (e.g. about to register). */
  | ({ kind: "CITIZEN"; tenantId: string; subject: string; identityProviderKind?: "CITIZEN" | "STAFF" | "ALL" } & LoginContext)
  | { kind: "PLATFORM_OPERATOR"; subject: string; operatorId: string };

export type TenantActor = Extract<Actor, { tenantId: string }>;

export const isTenantActor = (actor: Actor): actor is TenantActor => "tenantId" in actor;

export function hasRole(actor: Actor, role: Grant["role"], networkId?: string): boolean {
  if (actor.kind !== "STAFF") return false;
  return actor.grants.some(
    (grant) => grant.role === role && (networkId === undefined || grant.networkId === null || grant.networkId === networkId),
  );
}

/**
 * The networks whose members' personal data a coordinator may read: "members of the networks they coordinate only"
 * (SPEC §1). `"ALL"` for a tenant-wide coordinator grant.
 */
export function coordinatedNetworks(actor: Actor): "ALL" | string[] {
  if (actor.kind !== "STAFF") return [];
  const grants = actor.grants.filter((grant) => grant.role === "COORDINATOR");
  if (grants.some((grant) => grant.networkId === null)) return "ALL";
  return grants.map((grant) => grant.networkId).filter((id): id is string => id !== null);
}
