import { DEV_TOKEN_ISSUER, startTestApi, type TestApi } from "@medverkan/api/testing";
import { importJWK, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ME } from "../support/queries.js";

// SECURITY.md "Tokens": a correctly signed token is still refused when its claims are not what an identity provider
// issues — a `sub` that is not a sane string, a lifetime beyond the maximum, an `iat` in the future, or audiences
// of more than one tenant. Each is answered 401 with no data, like a forged token.

let api: TestApi;
const audience = "medverkan:kalmar";
let adminSubject: string;
let coordinatorSubject: string;

const subjectOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()).sub as string;

beforeAll(async () => {
  api = await startTestApi();
  adminSubject = subjectOf(await api.tokenFor({ tenant: "kalmar", role: "tenant-admin" }));
  coordinatorSubject = subjectOf(await api.tokenFor({ tenant: "kalmar", role: "coordinator" }));
});

afterAll(async () => {
  await api?.stop();
});

/** Signs exactly the payload given (with the seeded tenants' trusted key), so claims can be any JSON. */
async function sign(payload: JWTPayload): Promise<string> {
  const key = await importJWK(api.devKey.privateJwk, "ES256");
  return new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: api.devKey.kid, typ: "JWT" }).sign(key);
}

const now = () => Math.floor(Date.now() / 1000);

async function expectRejected(token: string) {
  const response = await api.graphql(ME, { token });
  expect(response.status).toBe(401);
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
}

async function expectAccepted(token: string) {
  const response = await api.graphql<{ me: { kind: string } | null }>(ME, { token });
  expect(response.status).toBe(200);
  expect(response.data?.me?.kind).toBe("STAFF");
}

describe("the sub claim", () => {
  it("is accepted as a plain string (the control for every case below)", async () => {
    await expectAccepted(await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: adminSubject, iat: now(), exp: now() + 600 }));
  });

  it.each([
    ["an array holding an admin's subject", (admin: string) => [admin]],
    ["a number", () => 42],
    ["a boolean", () => true],
    ["an object", (admin: string) => ({ toString: admin })],
    ["null", () => null],
    ["an empty string", () => ""],
    ["whitespace", () => "   "],
    ["a string with NUL", (admin: string) => `${admin}\u0000`],
    ["a string with a newline", (admin: string) => `${admin}\nx`],
    ["a string of 1 000 characters", () => "a".repeat(1000)],
  ])("is refused when it is %s", async (_case, sub) => {
    await expectRejected(
      await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: sub(adminSubject) as never, iat: now(), exp: now() + 600 }),
    );
  });
});

describe("token lifetime", () => {
  it("accepts a token valid for 8 hours, and one without iat that has 10 minutes left", async () => {
    await expectAccepted(await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: coordinatorSubject, iat: now(), exp: now() + 8 * 3600 }));
    await expectAccepted(await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: coordinatorSubject, exp: now() + 600 }));
  });

  it("refuses a token valid for 100 years", async () => {
    await expectRejected(
      await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: coordinatorSubject, iat: now(), exp: now() + 100 * 365 * 24 * 3600 }),
    );
  });

  it("refuses a token valid for 25 hours even though it was issued an hour ago", async () => {
    await expectRejected(
      await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: coordinatorSubject, iat: now() - 3600, exp: now() + 24 * 3600 }),
    );
  });

  it("refuses a token issued in the future (beyond the clock tolerance)", async () => {
    await expectRejected(
      await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: coordinatorSubject, iat: now() + 3600, exp: now() + 7200 }),
    );
  });

  it("refuses a token without iat whose remaining life is beyond the maximum", async () => {
    await expectRejected(await sign({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: coordinatorSubject, exp: now() + 30 * 24 * 3600 }));
  });
});

describe("audiences", () => {
  it("refuses a token whose aud names two tenants' audiences", async () => {
    // Both seeded tenants trust the development issuer: such a token would get into whichever the lookup found first.
    for (const aud of [
      ["medverkan:kalmar", "medverkan:vgr"],
      ["medverkan:vgr", "medverkan:kalmar"],
    ]) {
      await expectRejected(await sign({ iss: DEV_TOKEN_ISSUER, aud, sub: coordinatorSubject, iat: now(), exp: now() + 600 }));
    }
  });

  it("accepts a token whose aud names one tenant and an audience no tenant trusts", async () => {
    await expectAccepted(
      await sign({
        iss: DEV_TOKEN_ISSUER,
        aud: [audience, "https://other-api.example"],
        sub: coordinatorSubject,
        iat: now(),
        exp: now() + 600,
      }),
    );
  });
});
