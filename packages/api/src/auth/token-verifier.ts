import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { LRUCache } from "lru-cache";

/** Asymmetric algorithms only: `none` and HMAC (and with it HS/RS key confusion) can never verify. */
export const ALLOWED_ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const;
/** Tolerated clock skew between the identity provider and us. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** Where a token's signing keys come from and what it must say, as configured for a tenant (or the platform). */
export interface TrustedIssuer {
  /** What the token is for: a tenant, or the platform operators. */
  target: { kind: "TENANT"; tenantId: string } | { kind: "PLATFORM" };
  issuer: string;
  audience: string;
  jwksUrl: string | null;
  publicKeys: JSONWebKeySet | null;
}

export interface VerifiedToken {
  target: TrustedIssuer["target"];
  subject: string;
  claims: JWTPayload;
}

/** Thrown for every token that must not be trusted; the API answers 401 without saying more. */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`Token rejected: ${reason}`);
  }
}

export type IssuerLookup = (issuer: string, audiences: string[]) => Promise<TrustedIssuer | null>;

/**
 * Verifies bearer tokens against the issuer configured for the tenant the token claims to be for. The unverified
 * `iss`/`aud` only select which keys to try; the signature, `exp`, `iss` and `aud` are then checked by jose.
 * Remote key sets are cached, and jose refetches them when a token names an unknown `kid` (key rotation).
 */
export class TokenVerifier {
  private readonly keySets = new LRUCache<string, JWTVerifyGetKey>({ max: 500, ttl: 60 * 60 * 1000 });

  constructor(private readonly lookupIssuer: IssuerLookup) {}

  async verify(token: string): Promise<VerifiedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new TokenRejected("malformed");
    }
    if (typeof unverified.iss !== "string") throw new TokenRejected("no issuer");
    const audiences = typeof unverified.aud === "string" ? [unverified.aud] : (unverified.aud ?? []);
    const trusted = await this.lookupIssuer(
      unverified.iss,
      audiences.filter((aud) => typeof aud === "string"),
    );
    if (!trusted) throw new TokenRejected("unknown issuer or audience");

    try {
      const { payload } = await jwtVerify(token, this.keySetFor(trusted), {
        algorithms: [...ALLOWED_ALGORITHMS],
        issuer: trusted.issuer,
        audience: trusted.audience,
        requiredClaims: ["exp", "sub"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return { target: trusted.target, subject: payload.sub as string, claims: payload };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new TokenRejected(error.code);
      throw error;
    }
  }

  private keySetFor(trusted: TrustedIssuer): JWTVerifyGetKey {
    const cacheKey = JSON.stringify([trusted.issuer, trusted.audience, trusted.jwksUrl, trusted.publicKeys]);
    let keySet = this.keySets.get(cacheKey);
    if (!keySet) {
      if (trusted.jwksUrl) {
        keySet = createRemoteJWKSet(new URL(trusted.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
      } else if (trusted.publicKeys) {
        keySet = createLocalJWKSet(trusted.publicKeys);
      } else {
        throw new TokenRejected("issuer has no keys configured");
      }
      this.keySets.set(cacheKey, keySet);
    }
    return keySet;
  }
}
