import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { Prisma } from "@medverkan/database";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasNoData } from "../support/errors.js";
import { ME, MEMBERS } from "../support/queries.js";

// SECURITY.md "Tokens": JWKS cached with rotation on unknown `kid`. A tenant whose identity provider publishes its
// keys at a URL: the set is fetched once and cached, a new `kid` (rotation) makes the API refetch, a `kid` that is
// in no set is rejected with 401 and no data, and an unreachable key set answers a retryable 503 without details.

const ISSUER = "https://idp.jwks-rotation.test";
const AUDIENCE = "medverkan:ostergotland";
// Short enough that the test can wait it out; the default (30 s) is what production uses.
const COOLDOWN_MS = 300;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

let api: TestApi;
let jwks: Server;
let jwksUrl: string;
let served: { keys: JWK[] } = { keys: [] };
let fetches = 0;
let keyA: KeyPair;
let keyB: KeyPair;
let subject: string;

async function publicJwk(pair: KeyPair, kid: string): Promise<JWK> {
  return { ...(await exportJWK(pair.publicKey)), kid, alg: "ES256", use: "sig" };
}

function sign(pair: KeyPair, kid: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(pair.privateKey);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [keyA, keyB] = await Promise.all([generateKeyPair("ES256"), generateKeyPair("ES256")]);
  served = { keys: [await publicJwk(keyA, "a")] };
  jwks = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(served));
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;

  api = await startTestApi({ jwksCache: { cooldownMs: COOLDOWN_MS, maxAgeMs: 10 * 60_000 } });
  const seeded = await api.tokenFor({ tenant: "ostergotland", role: "coordinator" });
  subject = JSON.parse(Buffer.from(seeded.split(".")[1] ?? "", "base64url").toString()).sub;
  // The platform API insists on https JWKS URLs; the test's key server is plain http on loopback, so the tenant is
  // pointed at it directly in the database.
  await api.running.database.prisma.tenant.update({
    where: { slug: "ostergotland" },
    data: { tokenIssuer: ISSUER, jwksUrl, publicKeys: Prisma.DbNull },
  });
});

afterAll(async () => {
  await api?.stop();
  if (jwks?.listening) await new Promise((resolve) => jwks.close(resolve));
});

async function expectAccepted(token: string) {
  const response = await api.graphql<{ me: { kind: string; subject: string; tenant: { slug: string } } }>(ME, { token });
  expect(response.status).toBe(200);
  expect(response.errors).toBeUndefined();
  expect(response.data?.me).toMatchObject({ kind: "STAFF", subject, tenant: { slug: "ostergotland" } });
}

async function expectNoData(token: string, status: number, code: string) {
  const response = await api.graphql(MEMBERS, { token, variables: { first: 5 } });
  expect(response.status).toBe(status);
  expect(hasNoData(response)).toBe(true);
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  const text = JSON.stringify(response);
  for (const leak of [jwksUrl, "127.0.0.1", "fetch failed", "ECONNREFUSED", "stack", "jose"]) expect(text).not.toContain(leak);
  return response;
}

describe("remote JWKS with key rotation", () => {
  it("fetches the key set once and caches it", async () => {
    await expectAccepted(await sign(keyA, "a"));
    expect(fetches).toBe(1);
    await expectAccepted(await sign(keyA, "a"));
    await expectAccepted(await sign(keyA, "a"));
    expect(fetches).toBe(1);
  });

  it("refetches when a token names a new kid and accepts the rotated key", async () => {
    served = { keys: [await publicJwk(keyB, "b")] };
    await pause(COOLDOWN_MS + 50);
    await expectAccepted(await sign(keyB, "b"));
    expect(fetches).toBe(2);
    await expectAccepted(await sign(keyB, "b"));
    expect(fetches).toBe(2);
  });

  it("rejects a token signed by a key that rotated out", async () => {
    await pause(COOLDOWN_MS + 50);
    await expectNoData(await sign(keyA, "a"), 401, "UNAUTHENTICATED");
  });

  it("rejects an unknown kid after the refresh, and does not refetch within the cooldown", async () => {
    await pause(COOLDOWN_MS + 50);
    const before = fetches;
    const stranger = await generateKeyPair("ES256");
    await expectNoData(await sign(stranger, "c"), 401, "UNAUTHENTICATED");
    expect(fetches).toBe(before + 1);
    // Invented kids in quick succession cannot make the API hammer the identity provider.
    for (const kid of ["d", "e", "f"]) await expectNoData(await sign(stranger, kid), 401, "UNAUTHENTICATED");
    expect(fetches).toBe(before + 1);
    // A token claiming kid b but signed by another key fails on the signature.
    await expectNoData(await sign(stranger, "b"), 401, "UNAUTHENTICATED");
  });

  it("answers a retryable 503 without details when the key set cannot be fetched, and keeps serving cached keys", async () => {
    await new Promise((resolve) => jwks.close(resolve));
    jwks.closeAllConnections();
    await pause(COOLDOWN_MS + 50);
    // The cached key still verifies: an identity-provider outage does not log everyone out.
    await expectAccepted(await sign(keyB, "b"));
    // A new kid needs the key set, which cannot be fetched: the token may be valid, so not 401, and never a 500.
    const response = await expectNoData(await sign(keyA, "a2"), 503, "SERVICE_UNAVAILABLE");
    expect(response.errors?.[0]?.extensions?.retryable).toBe(true);
  });
});
