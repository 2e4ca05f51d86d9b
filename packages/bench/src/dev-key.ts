// The development signing key, as the API keeps it (`.data/dev-signing-key.json`, see packages/api/src/dev): the
// generator lets every generated tenant trust its public half, and the benchmark mints its users' tokens with it,
// so `pnpm token` and the explorer keep working on the generated database too. Never for production.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

/** The issuer of development tokens; the API's `DEV_TOKEN_ISSUER`. */
export const DEV_TOKEN_ISSUER = "urn:medverkan:dev-issuer";

export interface DevSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export const projectRoot = join(import.meta.dirname, "..", "..", "..");

export function devKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.MEDVERKAN_DATA_DIR ?? join(projectRoot, ".data"), "dev-signing-key.json");
}

export async function loadOrCreateDevKey(file = devKeyFile()): Promise<DevSigningKey> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSigningKey;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const key: DevSigningKey = {
    kid,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "ES256" },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key, null, 2), { mode: 0o600 });
  return key;
}

export async function mintToken(key: DevSigningKey, subject: string, audience: string, expiresIn = "2h"): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(key.privateJwk, "ES256"));
}

export const DEFAULT_BENCH_DATABASE = "postgresql://postgres@127.0.0.1:5432/medverkan_bench";
