import { createHash, randomBytes } from "node:crypto";

export interface SignInRequest {
  /** The issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** The tenant audience the access token is for. */
  resource: string;
  /** The value picked in "Välj person": a subject, or `new-citizen:<group key>`. */
  person: string;
  /** More fields of the login form, e.g. `{ personal_identity_number: "19850312-9820" }` for a new citizen. */
  form?: Record<string, string>;
  scope?: string;
}

export interface SignInResult {
  accessToken: string;
  idToken: string;
  /** The login page's HTML as the browser saw it. */
  loginPage: string;
}

/**
 * What a browser does, over HTTP only: discovery, the authorization request with PKCE (S256) and `resource`, the login
 * page, picking a person, following the redirects to the callback with a code, and the token request.
 */
export async function signInWithAuthorizationCode(request: SignInRequest): Promise<SignInResult> {
  const discovery = (await (await fetch(`${request.issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(12).toString("base64url");
  const cookies = new Map<string, string>();

  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };

  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: "code",
    scope: request.scope ?? "openid",
    resource: request.resource,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  }).toString();

  let response = await go(authorize.href);
  let loginPage = "";
  let location = response.headers.get("location");
  let base = authorize.href;
  for (let hop = 0; hop < 10 && location; hop++) {
    const url = new URL(location, base);
    if (
      url.href.startsWith(request.redirectUri.split("?")[0] as string) &&
      (url.searchParams.has("code") || url.searchParams.has("error"))
    ) {
      const error = url.searchParams.get("error");
      if (error) throw new Error(`authorization failed: ${error} ${url.searchParams.get("error_description") ?? ""}`);
      if (url.searchParams.get("state") !== state) throw new Error("state mismatch");
      const token = await fetch(discovery.token_endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: url.searchParams.get("code") as string,
          redirect_uri: request.redirectUri,
          client_id: request.clientId,
          code_verifier: verifier,
        }),
      });
      const body = (await token.json()) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`token request failed: ${body.error} ${body.error_description ?? ""}`);
      return { accessToken: body.access_token, idToken: body.id_token ?? "", loginPage };
    }
    response = await go(url.href);
    base = url.href;
    const page = response.status === 200 ? await response.text() : "";
    if (/<form/.test(page)) {
      loginPage = page;
      const action = /<form method="post" action="([^"]+)"/.exec(loginPage)?.[1]?.replace(/&#38;/g, "&");
      if (!action) throw new Error("no login form");
      base = new URL(action, url).href;
      response = await go(base, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...request.form, person: request.person }).toString(),
      });
    }
    location = response.headers.get("location");
    if (!location) throw new Error(`sign-in stopped at ${url.href} with HTTP ${response.status}`);
  }
  throw new Error("sign-in did not reach the redirect URI");
}
