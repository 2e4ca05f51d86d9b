import { parsePersonalIdentityNumber } from "@medverkan/domain";
import type { JWTPayload } from "jose";
import { ApiErrorCode, apiError } from "../common/errors/api-error.js";
import type { Tx } from "../context/tenant-scope.js";
import { findLogin, findLoginsOfMember, insertMemberLogin, lockLinking } from "../login/login.repository.js";
import { findMemberIdsByPersonalIdentityNumber, lockPersonalIdentityNumber } from "../member/personal-identity-number.repository.js";

/**
 * The personal identity number a provider vouches for: only a CITIZEN or ALL provider's configured identifier claim
 * (e.g. `personal_identity_number` from BankID or Freja eID through a broker), and only when it is a valid number
 * (format, date, check digit). Anything else — a STAFF provider, another claim, a typed-looking but invalid value — is
 * no identity number at all. Twelve digits, or null.
 */
export function verifiedPersonalIdentityNumber(
  provider: { kind: "CITIZEN" | "STAFF" | "ALL"; identifierClaim?: string | null },
  claims: JWTPayload,
): string | null {
  if (provider.kind === "STAFF" || !provider.identifierClaim) return null;
  const claim = claims[provider.identifierClaim];
  if (typeof claim !== "string") return null;
  const parsed = parsePersonalIdentityNumber(claim);
  return parsed.ok ? parsed.number.value : null;
}

/** Never expected (the blind index is unique per tenant), refused rather than guessed if it ever happens. */
export const identityNumberAmbiguous = () =>
  apiError(
    ApiErrorCode.CONFLICT,
    {
      sv: "Personnumret finns hos mer än en person i regionen, så inloggningen kan inte kopplas. Kontakta samordnaren.",
      en: "The personal identity number is recorded for more than one person in the region, so the sign-in cannot be linked. Contact the coordinator.",
    },
    "sv",
    { reason: "IDENTITY_NUMBER_AMBIGUOUS" },
  );

/**
 * Issue 15: a citizen's first sign-in whose verified identity number equals exactly one member's recorded number is
 * linked to that member (`Login` method IDENTITY_NUMBER), once: never a login already linked to anyone, never a member
 * who already has a login (that person signs in with it, or a coordinator unlinks it first), never a member of another
 * tenant (everything here is in the token's tenant, under RLS). No member with the number: nothing happens, the person
 * is a citizen who may register. Returns the new login's id and the member; or, when a parallel first request of the
 * same person linked it a moment ago, that member with no login id (nothing new to audit); or null.
 */
export async function linkLoginByIdentityNumber(
  tx: Tx,
  tenantId: string,
  identityProviderId: string,
  subject: string,
  personalIdentityNumber: string,
): Promise<{ loginId: string | null; memberId: string } | null> {
  const members = await findMemberIdsByPersonalIdentityNumber(tx, tenantId, personalIdentityNumber);
  if (members.length === 0) return null;
  if (members.length > 1) throw identityNumberAmbiguous();
  const memberId = members[0] as string;
  await lockPersonalIdentityNumber(tx, tenantId, personalIdentityNumber);
  await lockLinking(tx, tenantId, [`login:${identityProviderId}:${subject}`, `member:${memberId}`]);
  // Read again under the locks: a parallel first request of the same person links only once, and is that member too.
  const existing = await findLogin(tx, tenantId, identityProviderId, subject);
  if (existing) return existing.memberId === memberId && !existing.staffUserId ? { loginId: null, memberId } : null;
  const again = await findMemberIdsByPersonalIdentityNumber(tx, tenantId, personalIdentityNumber);
  if (again.length !== 1 || again[0] !== memberId) return null;
  if ((await findLoginsOfMember(tx, tenantId, memberId)).length > 0) return null;
  const login = await insertMemberLogin(tx, tenantId, { identityProviderId, subject, memberId, method: "IDENTITY_NUMBER" });
  return { loginId: login.id, memberId };
}
