import type { TrustedIssuer } from "./token-verifier.js";

/** An issuer whose tokens for its audience are platform operators' (`MEDVERKAN_PLATFORM_ISSUER`, the dev provider). */
export interface PlatformIssuer extends Omit<TrustedIssuer, "target"> {
  /** The public browser client at this issuer (code flow with PKCE), when operators sign in with a browser there. */
  clientId?: string | null;
}

/** Where a browser sends a platform operator to sign in: public, like a tenant's identity providers. */
export interface PlatformSignIn {
  issuer: string;
  audience: string;
  clientId: string;
}

/**
 * Who may sign platform-operator tokens. Production has one issuer (config); development trusts the development
 * token key and, once it is listening, the local OpenID Connect provider too, so an operator signs in the same way
 * as every other person. Only issuers listed here are ever trusted for the platform audience.
 */
export class PlatformIssuers {
  readonly #issuers: PlatformIssuer[];

  constructor(issuers: readonly PlatformIssuer[]) {
    this.#issuers = [...issuers];
  }

  /** Adds an issuer (the development provider, known only after the server listens); replaces one with its name. */
  trust(issuer: PlatformIssuer): void {
    const index = this.#issuers.findIndex((known) => known.issuer === issuer.issuer);
    if (index >= 0) this.#issuers[index] = issuer;
    else this.#issuers.push(issuer);
  }

  /** The issuer a token names, if it is a platform issuer and the token is for that issuer's platform audience. */
  find(issuer: string, audiences: readonly string[]): PlatformIssuer | null {
    return this.#issuers.find((known) => known.issuer === issuer && audiences.includes(known.audience)) ?? null;
  }

  /** The first issuer with a browser client (the configured one before the development provider). */
  browserSignIn(): PlatformSignIn | null {
    const issuer = this.#issuers.find((known) => known.clientId);
    return issuer?.clientId ? { issuer: issuer.issuer, audience: issuer.audience, clientId: issuer.clientId } : null;
  }
}
