import type { PrismaClient } from "@medverkan/database";
import type { JSONWebKeySet } from "jose";
import { AuditWriter } from "../audit/audit-writer.js";
import { serviceUnavailable } from "../common/errors/api-error.js";
import { TenantScope } from "../context/tenant-scope.js";
import type { Actor, Grant, LoginContext } from "./actor.js";
import { findIdentityByLogin, findIdentityProviderForToken, findPlatformOperator } from "./actor.repository.js";
import type { AuthCache } from "./auth-cache.js";
import { linkLoginByIdentityNumber, verifiedPersonalIdentityNumber } from "./identity-number-link.js";
import type { PlatformIssuers } from "./platform-issuers.js";
import { linkInvitedStaffLogin } from "./staff-invitation.js";
import {
  DEFAULT_TOKEN_POLICY,
  type KeySetCacheSettings,
  KeySetUnavailable,
  type TokenPolicy,
  TokenRejected,
  TokenVerifier,
} from "./token-verifier.js";

export interface Authenticator {
  /** The actor behind an `Authorization` header; throws TokenRejected for any token that does not verify. */
  authenticate(authorization: string | undefined): Promise<Actor>;
}

export function createAuthenticator(
  system: PrismaClient,
  platformIssuers: PlatformIssuers,
  keySetCache?: KeySetCacheSettings,
  tokenPolicy: TokenPolicy = DEFAULT_TOKEN_POLICY,
  /** This instance's memory of the provider and identity lookups, emptied on every announced change (auth-cache.ts). */
  cache?: AuthCache,
): Authenticator {
  const providerFor = async (issuer: string, audiences: string[]) => {
    const cached = cache?.provider(issuer, audiences);
    if (cached) return cached;
    const readFrom = cache?.current;
    const provider = await findIdentityProviderForToken(system, issuer, audiences);
    if (provider && readFrom !== undefined) cache?.keepProvider(issuer, audiences, provider, readFrom);
    return provider;
  };

  const verifier = new TokenVerifier(
    async (issuer, audiences) => {
      const platform = platformIssuers.find(issuer, audiences);
      if (platform) {
        return {
          issuer: platform.issuer,
          audience: platform.audience,
          jwksUrl: platform.jwksUrl,
          publicKeys: platform.publicKeys,
          target: { kind: "PLATFORM" },
        };
      }
      const provider = await providerFor(issuer, audiences);
      if (!provider) return null;
      return {
        target: {
          kind: "TENANT",
          tenantId: provider.tenantId,
          identityProviderId: provider.id,
          identityProviderKind: provider.kind,
          identifierClaim: provider.identifierClaim,
        },
        issuer: provider.issuer,
        audience: provider.audience,
        jwksUrl: provider.jwksUrl,
        publicKeys: (provider.publicKeys as JSONWebKeySet | null) ?? null,
      };
    },
    keySetCache,
    tokenPolicy,
  );

  return {
    async authenticate(authorization) {
      if (!authorization) return { kind: "ANONYMOUS" };
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
      if (!match?.[1]) throw new TokenRejected("not a bearer token");
      const token = await verifier.verify(match[1]).catch((error: unknown) => {
        // Retryable 503 with the bilingual message only; the URL and the cause stay in the server log.
        if (error instanceof KeySetUnavailable) throw serviceUnavailable();
        throw error;
      });

      if (token.target.kind === "PLATFORM") {
        const operator = await findPlatformOperator(system, token.subject);
        if (!operator) throw new TokenRejected("unknown platform operator");
        return { kind: "PLATFORM_OPERATOR", subject: token.subject, operatorId: operator.id };
      }

      // Roles come from the server's own grants: read from the database, or from this instance's cache, which every
      // committed change to grants, staff users, logins, members and providers empties at once (auth-cache.ts).
      const { tenantId, identityProviderId, identityProviderKind } = token.target;
      const verifiedNumber = verifiedPersonalIdentityNumber(
        { kind: identityProviderKind, identifierClaim: token.target.identifierClaim },
        token.claims,
      );
      const login = {
        identityProviderId,
        claims: token.claims,
        ...(verifiedNumber ? { verifiedPersonalIdentityNumber: verifiedNumber } : {}),
      };
      const cached = cache?.identity(tenantId, identityProviderId, token.subject);
      if (cached?.staff) return staffActor(cached.staff, tenantId, token.subject, login);
      if (cached?.memberId) return { kind: "MEMBER", tenantId, subject: token.subject, memberId: cached.memberId, ...login };
      const readFrom = cache?.current;
      return new TenantScope(system, tenantId).transaction(async (tx): Promise<Actor> => {
        const found = await findIdentityByLogin(tx, tenantId, identityProviderId, token.subject);
        // Only an identity found as it is is kept; one linked in this transaction is kept from the next request on.
        if (readFrom !== undefined) cache?.keepIdentity(tenantId, identityProviderId, token.subject, found, readFrom);
        let { staff, memberId } = found;
        let invitationLoginId: string | null = null;
        if (!staff && !memberId && identityProviderKind !== "CITIZEN") {
          invitationLoginId = await linkInvitedStaffLogin(tx, tenantId, identityProviderId, token.subject, token.claims);
          if (invitationLoginId) ({ staff, memberId } = await findIdentityByLogin(tx, tenantId, identityProviderId, token.subject));
        }
        if (!staff && !memberId && verifiedNumber) {
          // A member registered on paper with their personnummer who now signs in with BankID is that member.
          const linked = await linkLoginByIdentityNumber(tx, tenantId, identityProviderId, token.subject, verifiedNumber);
          if (linked?.loginId) {
            // Audited as the person signing in, not yet anyone's login: so it is in the member's own access log too.
            const citizen: Actor = { kind: "CITIZEN", tenantId, subject: token.subject, identityProviderKind, ...login };
            await new AuditWriter(citizen).record(tx, tenantId, {
              action: "WRITE",
              subjectType: "Login",
              subjectId: linked.loginId,
              memberId: linked.memberId,
              purpose: "login linked by personal identity number",
              details: { method: "IDENTITY_NUMBER", identityProviderId },
            });
          }
          if (linked) return { kind: "MEMBER", tenantId, subject: token.subject, memberId: linked.memberId, ...login };
        }
        if (staff) {
          const actor = staffActor(staff, tenantId, token.subject, login);
          // The link is audited in its own transaction, as the staff user it was linked to (SECURITY.md).
          if (invitationLoginId) {
            await new AuditWriter(actor).record(tx, tenantId, {
              action: "WRITE",
              subjectType: "Login",
              subjectId: invitationLoginId,
              purpose: "staff login linked by invitation",
              details: { method: "STAFF_INVITATION", staffUserId: staff.id, identityProviderId },
            });
          }
          return actor;
        }
        if (memberId) return { kind: "MEMBER", tenantId, subject: token.subject, memberId, ...login };
        return { kind: "CITIZEN", tenantId, subject: token.subject, identityProviderKind, ...login };
      });
    },
  };
}

/** The staff actor of an identity found by its login (from the database or this instance's cache alike). */
function staffActor(
  staff: { id: string; name: string; unitId: string | null; grants: Grant[] },
  tenantId: string,
  subject: string,
  login: LoginContext,
): Actor {
  return {
    kind: "STAFF",
    tenantId,
    subject,
    staffUserId: staff.id,
    name: staff.name,
    unitId: staff.unitId,
    grants: staff.grants,
    ...login,
  };
}
