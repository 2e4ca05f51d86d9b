import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from "jose";

/**
 * The development signing key: generated on first start and kept beside the embedded database, so tokens minted
 * by `pnpm token` keep working across restarts. The seeded tenants trust its public half. Never used in production.
 */
export interface DevSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export const DEV_TOKEN_ISSUER = "urn:medverkan:dev-issuer";
export const PLATFORM_AUDIENCE = "medverkan:platform";

export async function createDevSigningKey(): Promise<DevSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
  return { kid, privateJwk, publicJwk };
}

export async function loadOrCreateDevSigningKey(file: string): Promise<DevSigningKey> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSigningKey;
  const key = await createDevSigningKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key, null, 2), { mode: 0o600 });
  return key;
}

export const publicKeySet = (key: DevSigningKey): JSONWebKeySet => ({ keys: [key.publicJwk] });

export interface TokenRequest {
  subject: string;
  audience: string;
  issuer?: string;
  expiresIn?: string;
  claims?: Record<string, unknown>;
}

export async function mintDevToken(key: DevSigningKey, request: TokenRequest): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, "ES256");
  return new SignJWT({ ...request.claims })
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuer(request.issuer ?? DEV_TOKEN_ISSUER)
    .setAudience(request.audience)
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? "8h")
    .sign(privateKey);
}
