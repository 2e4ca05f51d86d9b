import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { parseKeySet } from "../tenant/tenant-settings.js";
import { checkOneOf, checkText } from "../validation/checks.js";

// An OpenID Connect issuer a tenant trusts (issue 15): checked here so a mistyped issuer or key set is refused at
// once, not discovered when every sign-in fails.

export const IDENTITY_PROVIDER_KINDS = ["CITIZEN", "STAFF", "ALL"] as const;
export type IdentityProviderKind = (typeof IDENTITY_PROVIDER_KINDS)[number];

/** Claims that may carry the person's identifier; a staff issuer names an HSA-id or e-mail, a citizen one the identity number. */
export const IDENTIFIER_CLAIMS = ["personal_identity_number", "hsa_id", "email"] as const;

export interface IdentityProviderInput {
  readonly name?: string | null;
  readonly kind?: string | null;
  readonly issuer?: string | null;
  readonly audience?: string | null;
  readonly jwksUrl?: string | null;
  /** A JSON Web Key Set as JSON text, for providers without a JWKS endpoint. */
  readonly publicKeys?: string | null;
  readonly clientId?: string | null;
  readonly identifierClaim?: string | null;
}

export interface IdentityProviderSettings {
  readonly name: string;
  readonly kind: IdentityProviderKind;
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string | null;
  readonly publicKeys: { keys: Record<string, unknown>[] } | null;
  readonly clientId: string | null;
  readonly identifierClaim: string | null;
}

export const IDENTITY_PROVIDER_LABELS = {
  name: { sv: "Namn", en: "Name" },
  kind: { sv: "Vem som loggar in", en: "Who signs in" },
  issuer: { sv: "Utfärdare (iss)", en: "Issuer (iss)" },
  audience: { sv: "Mottagare (aud)", en: "Audience (aud)" },
  jwksUrl: { sv: "Adress till nyckeluppsättning (JWKS)", en: "Key set URL (JWKS)" },
  publicKeys: { sv: "Publika nycklar (JWKS)", en: "Public keys (JWKS)" },
  clientId: { sv: "Klient-id", en: "Client id" },
  identifierClaim: { sv: "Anspråk med personens identitet", en: "Claim with the person's identifier" },
  identityProvider: { sv: "Inloggningstjänsten", en: "The identity provider" },
} as const satisfies Record<string, LocalizedText>;

const L = IDENTITY_PROVIDER_LABELS;

/**
 * An issuer URL: https, or http on the local machine only outside production (the development provider). No query or
 * fragment, as OpenID Connect requires.
 */
export function isIssuerUrl(value: string, production: boolean): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash) return false;
    if (url.protocol === "https:") return true;
    return !production && url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

export function validateIdentityProvider(
  input: IdentityProviderInput,
  options: { production: boolean },
  path = "input",
): { ok: true; value: IdentityProviderSettings } | { ok: false; errors: readonly FieldError[] } {
  const errors: FieldError[] = [];
  const at = (name: string) => `${path}.${name}`;
  const name = checkText(errors, at("name"), L.name, input.name, { required: true, maxLength: 120 });
  const kind = checkOneOf(errors, at("kind"), L.kind, input.kind, IDENTITY_PROVIDER_KINDS) ? (input.kind as IdentityProviderKind) : null;
  const issuer = checkText(errors, at("issuer"), L.issuer, input.issuer, { required: true, maxLength: 500 });
  if (issuer !== null && !isIssuerUrl(issuer, options.production)) {
    errors.push(
      fieldError(at("issuer"), "INVALID_FORMAT", L.issuer, {
        hint: { sv: "En https-adress, t.ex. https://login.regionkalmar.se.", en: "An https URL, e.g. https://login.regionkalmar.se." },
      }),
    );
  }
  const audience = checkText(errors, at("audience"), L.audience, input.audience, { required: true, maxLength: 500 });
  const jwksUrl = checkText(errors, at("jwksUrl"), L.jwksUrl, input.jwksUrl, { required: false, maxLength: 2000 });
  if (jwksUrl !== null && !isIssuerUrl(jwksUrl, options.production)) errors.push(fieldError(at("jwksUrl"), "INVALID_FORMAT", L.jwksUrl));
  const publicKeys = parseKeySet(errors, at("publicKeys"), input.publicKeys);
  if (jwksUrl === null && publicKeys === null && !errors.some((error) => error.field === at("publicKeys"))) {
    errors.push(
      fieldError(at("jwksUrl"), "REQUIRED", L.jwksUrl, {
        hint: { sv: "Ange en JWKS-adress eller publika nycklar.", en: "Give a JWKS URL or public keys." },
      }),
    );
  }
  const clientId = checkText(errors, at("clientId"), L.clientId, input.clientId, { required: false, maxLength: 200 });
  const claim = input.identifierClaim ?? null;
  const identifierClaim =
    claim === null || claim === ""
      ? null
      : checkOneOf(errors, at("identifierClaim"), L.identifierClaim, claim, IDENTIFIER_CLAIMS)
        ? claim
        : null;
  if (errors.length > 0 || !name || !kind || !issuer || !audience) return { ok: false, errors };
  return {
    ok: true,
    value: { name, kind, issuer, audience, jwksUrl, publicKeys, clientId, identifierClaim },
  };
}
