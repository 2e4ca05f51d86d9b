import * as oauth from "oauth4webapi";

// OpenID Connect authorization code flow with PKCE against the tenant's identity provider (oauth4webapi). The
// provider's discovery document names its endpoints; the access token is asked for the API's audience (`resource`).

export interface IdentityProvider {
  id: string;
  issuer: string;
  audience: string;
  clientId: string;
}

interface PendingSignIn {
  tenant: string;
  provider: IdentityProvider;
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

const PENDING_KEY = "medverkan.pendingSignIn";
export const redirectUri = (): string => `${window.location.origin}/auth/callback`;

/** Plain http only for a provider on this machine (the development provider); everything else must be https. */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
}

async function discover(provider: IdentityProvider): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(provider.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", [oauth.allowInsecureRequests]: insecureAllowed(issuer) });
  return oauth.processDiscoveryResponse(issuer, response);
}

export async function beginSignIn(tenant: string, provider: IdentityProvider, returnTo = "/"): Promise<void> {
  const as = await discover(provider);
  if (!as.authorization_endpoint) throw new Error("the identity provider has no authorization endpoint");
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const pending: PendingSignIn = { tenant, provider, state, codeVerifier, nonce, returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", "openid");
  url.searchParams.set("resource", provider.audience);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  // Signing out here ends the app's session only; asking the provider to authenticate again means the next person
  // on a shared computer chooses who they are instead of inheriting the provider's session.
  url.searchParams.set("prompt", "login");
  window.location.assign(url.href);
}

export interface CompletedSignIn {
  tenant: string;
  accessToken: string;
  expiresAt: number;
  idToken?: string;
  endSessionEndpoint?: string;
  returnTo: string;
}

/** Exchanges the code on /auth/callback for tokens; throws with a readable reason when anything does not match. */
export async function completeSignIn(currentUrl: URL): Promise<CompletedSignIn> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  if (!raw) throw new Error("no sign-in was started in this tab");
  sessionStorage.removeItem(PENDING_KEY);
  const pending = JSON.parse(raw) as PendingSignIn;
  const as = await discover(pending.provider);
  const client: oauth.Client = { client_id: pending.provider.clientId };
  const auth = oauth.None();
  const params = oauth.validateAuthResponse(as, client, currentUrl, pending.state);
  const options = {
    [oauth.allowInsecureRequests]: insecureAllowed(new URL(pending.provider.issuer)),
    additionalParameters: { resource: pending.provider.audience },
  };
  const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri(), pending.codeVerifier, options);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: false,
  });
  return {
    tenant: pending.tenant,
    accessToken: result.access_token,
    expiresAt: Date.now() + (result.expires_in ?? 3600) * 1000,
    ...(result.id_token ? { idToken: result.id_token } : {}),
    ...(as.end_session_endpoint ? { endSessionEndpoint: as.end_session_endpoint } : {}),
    returnTo: pending.returnTo,
  };
}
