import { DEV_TOKEN_ISSUER, startTestApi, type TestApi } from "@medverkan/api/testing";
import { generateKeyPair, importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasNoData } from "../support/errors.js";
import { ME, MEMBERS } from "../support/queries.js";

// SECURITY.md "Tokens": an allow-list of algorithms, required exp and sub, issuer and audience checked, and every
// bad token rejected with 401 and no data. Roles come from the server's grants, not from the token.

let api: TestApi;
const audience = "medverkan:kalmar";
let subject: string;

beforeAll(async () => {
  api = await startTestApi();
  const token = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
  subject = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()).sub;
});

afterAll(async () => {
  await api?.stop();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function expectRejected(token: string) {
  const response = await api.graphql(ME, { token });
  expect(response.status).toBe(401);
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
}

describe("token verification", () => {
  it("accepts a valid token and resolves the actor from the server's grants", async () => {
    const token = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });
    const response = await api.graphql<{ me: { kind: string; tenant: { slug: string }; roles: { role: string }[] } }>(ME, { token });
    expect(response.status).toBe(200);
    expect(response.data?.me.kind).toBe("STAFF");
    expect(response.data?.me.tenant.slug).toBe("kalmar");
    expect(response.data?.me.roles.map((role) => role.role)).toContain("COORDINATOR");
  });

  it("rejects alg none", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: subject, exp: now + 600 })}.`;
    await expectRejected(token);
  });

  it("rejects an HMAC token signed with the public key (HS/RS confusion)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const secret = new TextEncoder().encode(JSON.stringify(api.devKey.publicJwk));
    const token = await new SignJWT({ sub: subject })
      .setProtectedHeader({ alg: "HS256", kid: api.devKey.kid })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(audience)
      .setExpirationTime(now + 600)
      .sign(secret);
    await expectRejected(token);
  });

  it("rejects an expired token", async () => {
    await expectRejected(await api.signToken({ subject, audience, expiresIn: "-5m" }));
  });

  it("rejects the wrong audience and the wrong issuer", async () => {
    await expectRejected(await api.signToken({ subject, audience: "medverkan:somewhere-else" }));
    await expectRejected(await api.signToken({ subject, audience, issuer: "https://evil.example" }));
  });

  it("rejects a token signed by an unknown key", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const token = await new SignJWT({ sub: subject })
      .setProtectedHeader({ alg: "ES256", kid: api.devKey.kid })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(audience)
      .setExpirationTime("10m")
      .sign(privateKey);
    await expectRejected(token);
  });

  it("rejects a tampered token", async () => {
    const token = await api.signToken({ subject, audience });
    const [header, , signature] = token.split(".");
    const payload = b64({ iss: DEV_TOKEN_ISSUER, aud: audience, sub: "kalmar-tenant-admin-1", exp: Math.floor(Date.now() / 1000) + 600 });
    await expectRejected(`${header}.${payload}.${signature}`);
  });

  it("rejects a token without exp or without sub", async () => {
    const { privateJwk, kid } = api.devKey;
    const key = await importJWK(privateJwk, "ES256");
    const noExp = await new SignJWT({ sub: subject })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(audience)
      .sign(key);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(audience)
      .setExpirationTime("10m")
      .sign(key);
    await expectRejected(noExp);
    await expectRejected(noSub);
  });

  it("rejects garbage and non-bearer schemes", async () => {
    for (const authorization of ["Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer "]) {
      const response = await api.graphql(ME, { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(response.data ?? null).toBeNull();
    }
  });

  it("ignores roles claimed in the token", async () => {
    // A member's token claiming to be a coordinator gets nothing a coordinator gets.
    const memberToken = await api.tokenFor({ tenant: "kalmar", role: "member" });
    const memberSubject = JSON.parse(Buffer.from(memberToken.split(".")[1] ?? "", "base64url").toString()).sub;
    const claimed = await api.signToken({
      subject: memberSubject,
      audience,
      claims: { roles: ["COORDINATOR", "TENANT_ADMIN"], role: "COORDINATOR" },
    });
    const response = await api.graphql(MEMBERS, { token: claimed, variables: { first: 5 } });
    expect(hasNoData(response)).toBe(true);
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("treats no token as anonymous, not as an error", async () => {
    const response = await api.graphql(ME);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ me: null });
  });

  it("rejects a well-signed token for an audience no tenant trusts", async () => {
    await expectRejected(await api.signToken({ subject, audience: "medverkan:atlantis" }));
  });
});
