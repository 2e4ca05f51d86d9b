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
  target:
    | { kind: "TENANT"; tenantId: string; identityProviderId: string; identityProviderKind: "CITIZEN" | "STAFF" | "ALL" }
    | { kind: "PLATFORM" };
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

/**
 * A remote key set is kept for `maxAgeMs`; a token naming a `kid` the cached set lacks triggers a refetch (key
 * rotation at the identity provider), but at most once per `cooldownMs`, so tokens with invented `kid`s cannot make
 * us hammer the provider. Configurable (AppConfig.jwksCache) so tests can rotate keys without waiting.
 */
export interface KeySetCacheSettings {
  cooldownMs: number;
  maxAgeMs: number;
}

export const DEFAULT_KEY_SET_CACHE: KeySetCacheSettings = { cooldownMs: 30_000, maxAgeMs: 10 * 60_000 };

/**
 * The issuer's key set could not be fetched (unreachable, timeout, not 200, not a key set). The token may well be
 * valid, so this is our dependency failing, not the client's credentials: the API answers SERVICE_UNAVAILABLE
 * (retryable), not 401 (which would tell a client to throw its token away).
 */
export class KeySetUnavailable extends Error {
  constructor(
    readonly jwksUrl: string,
    options: { cause: unknown },
  ) {
    super(`Key set unavailable: ${jwksUrl}`, options);
  }
}

/** Errors that say something about the token rather than about fetching the key set. */
const TOKEN_KEY_ERRORS = new Set([
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
  "ERR_JOSE_NOT_SUPPORTED",
  "ERR_JOSE_ALG_NOT_ALLOWED",
]);

function remoteKeySet(jwksUrl: string, cache: KeySetCacheSettings): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: cache.cooldownMs, cacheMaxAge: cache.maxAgeMs });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof joseErrors.JOSEError && TOKEN_KEY_ERRORS.has(error.code)) throw error;
      throw new KeySetUnavailable(jwksUrl, { cause: error });
    }
  };
}

export type IssuerLookup = (issuer: string, audiences: string[]) => Promise<TrustedIssuer | null>;

/**
 * Verifies bearer tokens against the issuer configured for the tenant the token claims to be for. The unverified
 * `iss`/`aud` only select which keys to try; the signature, `exp`, `iss` and `aud` are then checked by jose.
 * Remote key sets are cached, and jose refetches them when a token names an unknown `kid` (key rotation).
 */
export class TokenVerifier {
  private readonly keySets = new LRUCache<string, JWTVerifyGetKey>({ max: 500, ttl: 60 * 60 * 1000 });

  constructor(
    private readonly lookupIssuer: IssuerLookup,
    private readonly keySetCache: KeySetCacheSettings = DEFAULT_KEY_SET_CACHE,
  ) {}

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
        keySet = remoteKeySet(trusted.jwksUrl, this.keySetCache);
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
