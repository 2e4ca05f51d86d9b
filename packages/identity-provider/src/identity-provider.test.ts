import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningIdentityProvider, startIdentityProvider } from "./identity-provider.js";
import { luhnCheckDigit } from "./personal-identity-number.js";
import { signInWithAuthorizationCode } from "./sign-in-flow.js";

const AUDIENCE = "medverkan:kalmar";
let idp: RunningIdentityProvider;
let redirectUri: string;

beforeAll(async () => {
  idp = await startIdentityProvider({
    path: "/idp",
    clients: [{ clientId: "medverkan-web", redirectUris: ["http://127.0.0.1:4199/auth/callback"] }],
    resources: [AUDIENCE],
    groups: [
      {
        key: "kalmar",
        label: "Region Kalmar län",
        newCitizen: true,
        accounts: [
          { subject: "kalmar-member-1", label: "Anna – medlem", claims: { personal_identity_number: "198001012382", name: "Anna" } },
          {
            subject: "kalmar-coordinator-1",
            label: "Karin – samordnare",
            claims: { hsa_id: "SE2321000065-1001", email: "karin@example.se" },
          },
        ],
      },
    ],
  });
  redirectUri = "http://127.0.0.1:4199/auth/callback";
});
afterAll(() => idp.close());

const signIn = (person: string, resource = AUDIENCE) =>
  signInWithAuthorizationCode({ issuer: idp.issuer, clientId: "medverkan-web", redirectUri, resource, person });

describe("the development identity provider", () => {
  it("issues a JWT access token for the requested audience, with the person's claims, through code + PKCE", async () => {
    const { accessToken, loginPage } = await signIn("kalmar-member-1");
    expect(loginPage).toContain('<label for="person">Välj person</label>');
    expect(loginPage).toContain(">Logga in</button>");
    expect(loginPage).toContain('<optgroup label="Region Kalmar län">');
    expect(loginPage).toContain('value="new-citizen:kalmar">Ny medborgare – Region Kalmar län<');
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, { issuer: idp.issuer, audience: AUDIENCE });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toBe("kalmar-member-1");
    expect(payload.personal_identity_number).toBe("198001012382");
  });

  it("signs in a new citizen with a generated subject and a valid personnummer", async () => {
    const { accessToken } = await signIn("new-citizen:kalmar");
    const { payload } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), { audience: AUDIENCE });
    expect(payload.sub).toMatch(/^citizen-/);
    const pin = String(payload.personal_identity_number);
    expect(pin).toMatch(/^\d{12}$/);
    expect(Number(pin.slice(11))).toBe(luhnCheckDigit(pin.slice(2, 11)));
  });

  it("signs in a new citizen with a typed personnummer: that number as the claim, the same subject every time", async () => {
    const number = "19850312-9820";
    const typed = (person: string) =>
      signInWithAuthorizationCode({
        issuer: idp.issuer,
        clientId: "medverkan-web",
        redirectUri,
        resource: AUDIENCE,
        person,
        form: { personal_identity_number: number },
      });
    const first = await typed("new-citizen:kalmar");
    expect(first.loginPage).toContain('<label for="personal_identity_number">');
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload } = await jwtVerify(first.accessToken, jwks, { audience: AUDIENCE });
    expect(payload.personal_identity_number).toBe("198503129820");
    expect(payload.sub).toMatch(/^citizen-pin-/);
    const again = await jwtVerify((await typed("new-citizen:kalmar")).accessToken, jwks, { audience: AUDIENCE });
    expect(again.payload.sub).toBe(payload.sub);
    // A number with a wrong check digit is refused on the page.
    await expect(
      signInWithAuthorizationCode({
        issuer: idp.issuer,
        clientId: "medverkan-web",
        redirectUri,
        resource: AUDIENCE,
        person: "new-citizen:kalmar",
        form: { personal_identity_number: "19850312-9821" },
      }),
    ).rejects.toThrow();
  });

  it("refuses an audience it does not serve and an unknown person", async () => {
    await expect(signIn("kalmar-member-1", "medverkan:elsewhere")).rejects.toThrow(/invalid_target/);
    await expect(signIn("nobody")).rejects.toThrow();
  });

  it("rotates keys mid-way: new tokens carry the new kid, old ones still verify while the old key is published", async () => {
    const before = await signIn("kalmar-coordinator-1");
    const rotation = await idp.rotateKeys();
    const after = await signIn("kalmar-coordinator-1");
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(rotation.kid);
    expect(decodeProtectedHeader(before.accessToken).kid).not.toBe(rotation.kid);
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    await jwtVerify(before.accessToken, jwks, { audience: AUDIENCE });
    const { payload } = await jwtVerify(after.accessToken, jwks, { audience: AUDIENCE });
    expect(payload.hsa_id).toBe("SE2321000065-1001");
    await idp.rotateKeys({ retirePrevious: true });
    await expect(jwtVerify(after.accessToken, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), { audience: AUDIENCE })).rejects.toThrow();
  });
});
