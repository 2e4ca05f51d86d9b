import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, { type Configuration, errors } from "oidc-provider";
import { renderLoginPage } from "./login-page.js";
import { generatePersonalIdentityNumber, normalisePersonalIdentityNumber } from "./personal-identity-number.js";

/** A person who can sign in: the subject (`sub`) and the claims their tokens carry. */
export interface IdpAccount {
  subject: string;
  /** What the login page shows, e.g. "Karin Lund – samordnare, Intressebanken". */
  label: string;
  /** Extra claims, e.g. `{ personal_identity_number: "19800101…", name: "…" }` or `{ hsa_id: "SE…", email: "…" }`. */
  claims?: Record<string, unknown>;
}

/** People grouped on the login page (one group per region); `newCitizen` adds "Ny medborgare – <label>". */
export interface IdpAccountGroup {
  key: string;
  label: string;
  accounts: IdpAccount[];
  newCitizen?: boolean;
}

/** A public (PKCE, no secret) browser client. */
export interface IdpClient {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export type SigningAlgorithm = "RS256" | "ES256";

export interface IdentityProviderOptions {
  /** The issuer URL; its path (e.g. `/idp`) is where the provider is mounted. */
  issuer: string;
  clients: IdpClient[];
  groups?: IdpAccountGroup[];
  /** Accounts outside any group (tests). */
  accounts?: IdpAccount[];
  /** Audiences an access token may be asked for (`resource=`); a function decides for anything else. */
  resources: readonly string[] | ((resource: string) => boolean);
  /** Access and ID token signing algorithm (default RS256). */
  algorithm?: SigningAlgorithm;
  /** Access token lifetime (default 3600 s). */
  accessTokenTtlSeconds?: number;
}

/** A new key signs from now on; the previous keys stay published (until retired) so tokens already issued verify. */
export interface KeyRotation {
  kid: string;
  publishedKids: string[];
}

export interface IdentityProvider {
  readonly issuer: string;
  readonly jwksUri: string;
  /** A Node request handler; mount it at the issuer's path (`app.use("/idp", idp.handler)`) or serve it alone. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The key id that signs tokens now. */
  readonly currentKid: string;
  rotateKeys(options?: { retirePrevious?: boolean }): Promise<KeyRotation>;
  /** Adds (or replaces) a person; a group key puts them on the login page under that group. */
  addAccount(account: IdpAccount, groupKey?: string): void;
  account(subject: string): IdpAccount | undefined;
}

const NEW_CITIZEN_PREFIX = "new-citizen:";

interface SigningKey {
  kid: string;
  jwk: JWK;
}

async function createSigningKey(algorithm: SigningAlgorithm): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true, ...(algorithm === "RS256" ? { modulusLength: 2048 } : {}) });
  const kid = `idp-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  return { kid, jwk: { ...(await exportJWK(privateKey)), kid, alg: algorithm, use: "sig" } };
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) for development and tests: authorization code with
 * PKCE (S256) for public clients, resource indicators (the token's `aud` is the requested `resource`), JWT access
 * tokens carrying the person's claims, and key rotation. Never use it in production: anyone can pick anyone.
 */
export async function createIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const issuer = options.issuer.replace(/\/$/, "");
  const issuerPath = new URL(issuer).pathname.replace(/\/$/, "");
  const algorithm = options.algorithm ?? "RS256";
  const allowResource =
    typeof options.resources === "function"
      ? options.resources
      : (resource: string) => (options.resources as readonly string[]).includes(resource);

  const accounts = new Map<string, IdpAccount>();
  const groups: IdpAccountGroup[] = (options.groups ?? []).map((group) => ({ ...group, accounts: [...group.accounts] }));
  for (const account of [...(options.accounts ?? []), ...groups.flatMap((group) => group.accounts)]) accounts.set(account.subject, account);

  const cookieKeys = [randomBytes(32).toString("base64url")];
  let keys: SigningKey[] = [await createSigningKey(algorithm)];
  const firstPartyClients = new Set(options.clients.map((client) => client.clientId));
  const allowedOrigins = new Set(options.clients.flatMap((client) => client.redirectUris.map((uri) => new URL(uri).origin)));

  const configuration = (): Configuration => ({
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      token_endpoint_auth_method: "none",
      application_type: "web",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
      id_token_signed_response_alg: algorithm,
    })),
    jwks: { keys: keys.map((key) => key.jwk) },
    cookies: { keys: cookieKeys },
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin) => allowedOrigins.has(origin),
    enabledJWA: { idTokenSigningAlgValues: [algorithm] },
    interactions: { url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf?.[0] ?? oneOf,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (!allowResource(resource)) throw new errors.InvalidTarget();
          return {
            scope: "openid",
            audience: resource,
            accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: algorithm } },
          };
        },
      },
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 120,
      IdToken: 3600,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    claims: { openid: ["sub"], profile: ["name"], email: ["email"] },
    findAccount: async (_ctx, subject) => {
      const account = accounts.get(subject);
      if (!account) return undefined;
      return { accountId: subject, claims: async () => ({ ...account.claims, sub: subject }) };
    },
    // The person's claims (identity number, HSA-id, e-mail, name) travel in the access token the API verifies.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== "AccessToken" || !token.accountId) return undefined;
      const { sub: _sub, ...claims } = accounts.get(token.accountId)?.claims ?? {};
      return claims;
    },
    // First-party development client: no consent screen; the grant covers openid and the requested audience.
    loadExistingGrant: async (ctx) => {
      const oidc = ctx.oidc;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client?.clientId ?? "");
      const client = oidc.client;
      const accountId = oidc.session?.accountId;
      if (!client || !accountId) return undefined;
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (!firstPartyClients.has(client.clientId)) return existing;
      const grant = existing ?? new oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope("openid profile email");
      const resource = oidc.params?.resource;
      for (const indicator of Array.isArray(resource) ? resource : resource ? [resource] : []) {
        if (typeof indicator === "string" && allowResource(indicator)) grant.addResourceScope(indicator, "openid");
      }
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Inloggningen misslyckades / Sign-in failed</title></head><body><main><h1>Inloggningen misslyckades / Sign-in failed</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ""))}</p></main></body></html>`;
    },
  });

  let provider = new Provider(issuer, configuration());
  let providerHandler = provider.callback();

  const rebuild = () => {
    // The memory adapter is shared by every provider in the process, so sessions, codes and grants survive.
    provider = new Provider(issuer, configuration());
    providerHandler = provider.callback();
  };

  const interaction = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?\/?(?:\?.*)?$/;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const match = interaction.exec(req.url ?? "");
    if (!match) {
      providerHandler(req, res);
      return;
    }
    void handleInteraction(req, res, match[1] as string, Boolean(match[2])).catch((error: unknown) => {
      if (res.headersSent) return res.end();
      res.statusCode = error instanceof errors.SessionNotFound ? 400 : 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("Inloggningen har gått ut eller finns inte. Börja om. / The sign-in has expired or does not exist. Start again.");
    });
  };

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, submitted: boolean) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new errors.SessionNotFound("interaction mismatch");
    const english = /^en\b/i.test(String(req.headers["accept-language"] ?? "")) || /[?&]lang=en\b/.test(req.url ?? "");
    const action = `${issuerPath}/interaction/${uid}/login`;

    if (!submitted || req.method !== "POST") {
      res.statusCode = 200;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.setHeader("cache-control", "no-store");
      res.end(renderLoginPage({ action, groups, english, clientId: String(details.params.client_id ?? "") }));
      return;
    }

    const form = new URLSearchParams(await readBody(req));
    const chosen = form.get("person") ?? "";
    const typedNumber = (form.get("personal_identity_number") ?? "").trim();
    let subject = chosen;
    if (chosen.startsWith(NEW_CITIZEN_PREFIX)) {
      const group = groups.find((candidate) => candidate.key === chosen.slice(NEW_CITIZEN_PREFIX.length) && candidate.newCitizen);
      const number = typedNumber ? normalisePersonalIdentityNumber(typedNumber) : generatePersonalIdentityNumber();
      if (!group || !number) subject = "";
      else {
        // A typed number is a person: the same number signs in as the same subject each time, as through a BankID broker.
        subject = typedNumber
          ? `citizen-pin-${createHash("sha256").update(`${issuer}:${number}`).digest("hex").slice(0, 24)}`
          : `citizen-${randomUUID()}`;
        accounts.set(subject, {
          subject,
          label: `Ny medborgare – ${group.label}`,
          claims: { personal_identity_number: number, name: "Ny Medborgare" },
        });
      }
    }
    if (!accounts.has(subject)) {
      res.statusCode = 400;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(renderLoginPage({ action, groups, english, clientId: "", error: true }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
  }

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    handler,
    get currentKid() {
      return (keys[0] as SigningKey).kid;
    },
    async rotateKeys({ retirePrevious = false } = {}) {
      const next = await createSigningKey(algorithm);
      keys = retirePrevious ? [next] : [next, ...keys];
      rebuild();
      return { kid: next.kid, publishedKids: keys.map((key) => key.kid) };
    },
    addAccount(account, groupKey) {
      accounts.set(account.subject, account);
      const group = groupKey ? groups.find((candidate) => candidate.key === groupKey) : undefined;
      if (group) group.accounts = [...group.accounts.filter((existing) => existing.subject !== account.subject), account];
    },
    account: (subject) => accounts.get(subject),
  };
}

export interface RunningIdentityProvider extends IdentityProvider {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a provider alone on 127.0.0.1 (port 0: any free port); the issuer is `http://127.0.0.1:<port><path>`. */
export async function startIdentityProvider(
  options: Omit<IdentityProviderOptions, "issuer" | "clients"> & {
    port?: number;
    path?: string;
    /** Clients; a redirect URI may use `{issuer}` or `{origin}` for the provider's own address. */
    clients: IdpClient[];
  },
): Promise<RunningIdentityProvider> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const path = (options.path ?? "").replace(/\/$/, "");
  const server: Server = createServer((req, res) => {
    if (!handle) {
      res.statusCode = 503;
      res.end();
      return;
    }
    if (path) {
      const url = req.url ?? "/";
      if (!url.startsWith(path)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      // As Express does when mounting: the provider sees the path below its mount point and finds the rest here.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = url.slice(path.length) || "/";
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}${path}`;
  const idp = await createIdentityProvider({
    ...options,
    issuer,
    clients: options.clients.map((client) => ({
      ...client,
      redirectUris: client.redirectUris.map((uri) => uri.replace("{issuer}", issuer).replace("{origin}", origin)),
    })),
  });
  handle = idp.handler;
  return Object.assign(idp, {
    url: issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  }) as RunningIdentityProvider;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
