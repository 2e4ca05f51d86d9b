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
/** The longest a token may be valid (`exp − iat`) unless configured otherwise (AppConfig.tokenMaxLifetimeSeconds). */
export const DEFAULT_TOKEN_MAX_LIFETIME_SECONDS = 24 * 60 * 60;
/** Longest `sub` accepted: identity providers' subjects are opaque ids (OIDC allows 255 ASCII characters). */
export const MAX_SUBJECT_LENGTH = 255;
/** More audiences than this in one token is not a real client's token; refused before any key or database work. */
export const MAX_AUDIENCES = 10;

/** What a token's claims must satisfy beyond its signature, issuer and audience. */
export interface TokenPolicy {
  /** `exp − iat` may be at most this; a token without `iat` may have at most this left (`exp − now`). */
  maxLifetimeSeconds: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxLifetimeSeconds: DEFAULT_TOKEN_MAX_LIFETIME_SECONDS };

// C0 and C1 control characters (NUL, newlines, escapes …), and lone UTF-16 surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_SUBJECT = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The subject is the key every identity lookup uses, so it must be exactly what identity providers issue: a non-empty
 * string of printable characters of sane length. Anything else (an array, a number, an object, an empty string, a NUL)
 * is refused here instead of being handed to a query that might coerce it into someone else's subject.
 */
export function checkSubject(sub: unknown): string {
  if (typeof sub !== "string") throw new TokenRejected("sub is not a string");
  if (sub.length === 0 || sub.trim().length === 0) throw new TokenRejected("sub is empty");
  if (sub.length > MAX_SUBJECT_LENGTH) throw new TokenRejected("sub is too long");
  if (UNSAFE_SUBJECT.test(sub)) throw new TokenRejected("sub has control characters");
  return sub;
}

/**
 * A stolen token must not be good for long: `exp − iat` is bounded, and a token issued in the future (beyond the
 * clock tolerance) is refused. A token without `iat` (some providers omit it) is accepted only while what is left of
 * its life (`exp − now`) is within the bound, so leaving `iat` out never buys a longer-lived token.
 */
export function checkLifetime(payload: JWTPayload, policy: TokenPolicy, nowSeconds: number): void {
  const { exp, iat } = payload;
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw new TokenRejected("exp is not a number");
  if (iat === undefined) {
    if (exp - nowSeconds > policy.maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS) throw new TokenRejected("lifetime too long");
    return;
  }
  if (typeof iat !== "number" || !Number.isFinite(iat)) throw new TokenRejected("iat is not a number");
  if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw new TokenRejected("issued in the future");
  if (exp - iat > policy.maxLifetimeSeconds) throw new TokenRejected("lifetime too long");
}

/** Where a token's signing keys come from and what it must say, as configured for a tenant (or the platform). */
export interface TrustedIssuer {
  /** What the token is for: a tenant, or the platform operators. */
  target:
    | {
        kind: "TENANT";
        tenantId: string;
        identityProviderId: string;
        identityProviderKind: "CITIZEN" | "STAFF" | "ALL";
        /** The claim carrying the person's identifier at this provider (e.g. `personal_identity_number`), if configured. */
        identifierClaim?: string | null;
      }
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
    private readonly policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
  ) {}

  async verify(token: string): Promise<VerifiedToken> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new TokenRejected("malformed");
    }
    if (typeof unverified.iss !== "string") throw new TokenRejected("no issuer");
    const issuer = unverified.iss;
    const audiences = typeof unverified.aud === "string" ? [unverified.aud] : (unverified.aud ?? []);
    if (audiences.length > MAX_AUDIENCES) throw new TokenRejected("too many audiences");
    const stringAudiences = audiences.filter((aud) => typeof aud === "string");
    const trusted = await this.lookupIssuer(issuer, stringAudiences);
    if (!trusted) throw new TokenRejected("unknown issuer or audience");

    try {
      const { payload } = await jwtVerify(token, this.keySetFor(trusted), {
        algorithms: [...ALLOWED_ALGORITHMS],
        issuer: trusted.issuer,
        audience: trusted.audience,
        requiredClaims: ["exp", "sub"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const subject = checkSubject(payload.sub);
      checkLifetime(payload, this.policy, Math.floor(Date.now() / 1000));
      await this.checkSingleTarget(issuer, stringAudiences, trusted);
      return { target: trusted.target, subject, claims: payload };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new TokenRejected(error.code);
      throw error;
    }
  }

  /**
   * A token is for one tenant (or the platform). One whose `aud` also names an audience another tenant trusts from
   * the same issuer is ambiguous — which tenant it was issued for depends on our lookup order — so it is refused.
   * Checked after the signature, so only a genuinely issued token costs these lookups.
   */
  private async checkSingleTarget(issuer: string, audiences: string[], trusted: TrustedIssuer): Promise<void> {
    for (const audience of audiences) {
      if (audience === trusted.audience) continue;
      const other = await this.lookupIssuer(issuer, [audience]);
      if (other && !sameTarget(other.target, trusted.target)) throw new TokenRejected("audiences of more than one tenant");
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

function sameTarget(a: TrustedIssuer["target"], b: TrustedIssuer["target"]): boolean {
  if (a.kind === "PLATFORM" || b.kind === "PLATFORM") return a.kind === b.kind;
  return a.tenantId === b.tenantId;
}
