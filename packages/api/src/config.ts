import { join } from "node:path";
import type { JSONWebKeySet } from "jose";
import type { PlatformIssuer } from "./auth/platform-issuers.js";
import type { KeySetCacheSettings } from "./auth/token-verifier.js";
import { parsePiiKey } from "./identity/personal-identity-number.crypto.js";
import type { MailSettings } from "./notification/mail-transport.js";
import type { OutboxSettings } from "./notification/notification-runtime.js";
import type { StatisticsWarmupSettings } from "./statistics/statistics-warmer.js";

/** Everything the API reads from its environment, read once at start. */
export interface AppConfig {
  /** The built web app served at `/` (default `packages/web/dist`, when present); `null` serves none. */
  webAppDirectory?: string | null;
  /** Production hardening: no introspection, no explorer, no dev tokens, masked errors. */
  production: boolean;
  host: string;
  port: number;
  /** `null`: embedded PGlite. May be a transaction-mode pooler (PgBouncer; mark it with `?pgbouncer=true`). */
  databaseUrl: string | null;
  /**
   * A connection that keeps session state — migrations' advisory lock, LISTEN/NOTIFY listeners: the server itself or
   * a session-mode pool (`DATABASE_DIRECT_URL`). Unset: `databaseUrl`.
   */
  databaseDirectUrl?: string | null;
  /** A hot standby serving read-only operations (`DATABASE_REPLICA_URL`); unset: every read goes to the primary. */
  databaseReplicaUrl?: string | null;
  /**
   * With a replica: how long a mutation's answer waits for the replica to replay it (read-your-writes on every
   * instance), and the most staleness a read routed to the replica may see (`DATABASE_REPLICA_WAIT_MS`, default 2000).
   */
  replicaWaitMs?: number;
  /** PGlite's folder; `null` keeps the embedded database in memory. */
  embeddedDataDirectory: string | null;
  /** The development signing key's file (dev mode only). */
  devKeyFile: string;
  migrateOnStart: boolean;
  /** Seed the four demo regions on start (default in dev on the embedded database). */
  seedOnStart: boolean;
  /** Who signs platform operators' tokens; with a `clientId`, operators sign in in the web app there too. */
  platformIssuer: PlatformIssuer | null;
  /** Remote JWKS caching (auth/token-verifier.ts): refetch on an unknown `kid` at most once per `cooldownMs`; unset: 30 s / 10 min. */
  jwksCache?: KeySetCacheSettings;
  /** The longest a token may be valid, `exp − iat` (auth/token-verifier.ts); unset: 24 h. */
  tokenMaxLifetimeSeconds?: number;
  bodyLimitBytes: number;
  logLevel: string;
  shutdownGraceMs: number;
  /** Express `trust proxy` (e.g. `1` behind one load balancer), so anonymous rate limits count the real client. */
  trustProxy?: string | number | boolean;
  /** Per-operation rate limits replacing the defaults (server/rate-limit.ts), e.g. `{ registerMember: { points: 5, windowSeconds: 60 } }`. */
  rateLimits?: Readonly<Record<string, { points: number; windowSeconds: number }>>;
  /** Outgoing e-mail (SMTP, or a folder in development); unset: the development folder defaults. */
  mail?: MailSettings;
  /** The in-process outbox worker; unset: enabled with the default timings. */
  outbox?: OutboxSettings;
  /**
   * Development only: serve a real OpenID Connect provider at `/idp` that the seeded tenants trust (issue 15).
   * `extraRedirectUris`: more redirect URIs for its public client `medverkan-web` (e.g. a front end's dev server).
   */
  developmentIdentityProvider?: { enabled: boolean; extraRedirectUris: string[] };
  /** Bounds on database work; each unset value keeps its default (pool 10, connect 5 s, statement 15 s, transaction 10 s, pool wait 15 s, startup wait 60 s). */
  databaseLimits?: DatabaseLimits;
  /**
   * MEDVERKAN_PII_KEY: the secret personal identity numbers are encrypted and indexed with (32 bytes). Required in
   * production; elsewhere unset means the public development key (identity/personal-identity-number.crypto.ts).
   */
  piiKey?: Buffer;
  /** Warming statistics cubes after changes (statistics/statistics-warmer.ts); unset: on, with its defaults; false: off. */
  statisticsWarmup?: StatisticsWarmupSettings | false;
  /** Browser origins (`https://app.example.se`) allowed to call the API cross-origin (CORS); unset or empty: none. */
  corsOrigins?: readonly string[];
}

export interface DatabaseLimits {
  /** PostgreSQL only: pooled connections per API instance. */
  poolSize?: number;
  /** PostgreSQL only: fail fast when the server cannot be reached. */
  connectTimeoutMs?: number;
  /** PostgreSQL only: the server cancels any single statement running longer. */
  statementTimeoutMs?: number;
  /** A tenant transaction running longer is rolled back (a service may ask for more for a known long job). */
  transactionTimeoutMs?: number;
  /**
   * PostgreSQL only: how long a request waits for a pooled connection while all are busy (default 15 s: longer than a
   * transaction may hold one, so a fast read behind slow work waits its turn rather than failing).
   */
  poolWaitMs?: number;
  /**
   * PostgreSQL only: at start, how long to keep trying to reach a database that is not up yet (with backoff, each
   * attempt logged) before giving up; default 60 s, 0: one attempt.
   */
  startupWaitMs?: number;
}

export function projectRoot(): string {
  // packages/api/{src,dist}/config.* → the monorepo root
  return join(import.meta.dirname, "..", "..", "..");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): AppConfig {
  const production = env.NODE_ENV === "production";
  const dataDirectory = env.MEDVERKAN_DATA_DIR ?? join(projectRoot(), ".data");
  const inMemory = argv.includes("--in-memory") || env.MEDVERKAN_IN_MEMORY === "true";
  const databaseUrl = env.DATABASE_URL || null;
  const flag = (value: string | undefined, fallback: boolean) => (value === undefined ? fallback : value === "true");

  const platformKeys = env.MEDVERKAN_PLATFORM_PUBLIC_KEYS ? (JSON.parse(env.MEDVERKAN_PLATFORM_PUBLIC_KEYS) as JSONWebKeySet) : null;
  const platformIssuer = env.MEDVERKAN_PLATFORM_ISSUER
    ? {
        issuer: env.MEDVERKAN_PLATFORM_ISSUER,
        audience: env.MEDVERKAN_PLATFORM_AUDIENCE ?? "medverkan:platform",
        jwksUrl: env.MEDVERKAN_PLATFORM_JWKS_URL ?? null,
        publicKeys: platformKeys,
        clientId: env.MEDVERKAN_PLATFORM_CLIENT_ID || null,
      }
    : null;

  if (production && !env.MEDVERKAN_PII_KEY) {
    throw new Error(
      "MEDVERKAN_PII_KEY is required in production: 32 random bytes, base64 or hex (e.g. `openssl rand -base64 32`), kept secret and backed up — without it no stored personal identity number can be read",
    );
  }

  return {
    production,
    ...(env.MEDVERKAN_PII_KEY ? { piiKey: parsePiiKey(env.MEDVERKAN_PII_KEY) } : {}),
    host: env.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    port: Number(env.PORT ?? 4000),
    databaseUrl,
    databaseDirectUrl: env.DATABASE_DIRECT_URL || null,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || null,
    ...(env.DATABASE_REPLICA_WAIT_MS ? { replicaWaitMs: Number(env.DATABASE_REPLICA_WAIT_MS) } : {}),
    embeddedDataDirectory: inMemory ? null : join(dataDirectory, "pglite"),
    devKeyFile: join(dataDirectory, "dev-signing-key.json"),
    migrateOnStart: flag(env.MIGRATE_ON_START, true),
    seedOnStart: flag(env.SEED_ON_START, !production && databaseUrl === null),
    platformIssuer,
    ...(env.TOKEN_MAX_LIFETIME_SECONDS ? { tokenMaxLifetimeSeconds: Number(env.TOKEN_MAX_LIFETIME_SECONDS) } : {}),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 100_000),
    logLevel: env.LOG_LEVEL ?? (production ? "info" : "info"),
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
    trustProxy: env.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    rateLimits: env.RATE_LIMITS ? (JSON.parse(env.RATE_LIMITS) as AppConfig["rateLimits"]) : undefined,
    mail: mailSettingsFromEnv(env, production, dataDirectory),
    outbox: {
      enabled: flag(env.OUTBOX_WORKER, true),
      ...(env.OUTBOX_POLL_INTERVAL_MS ? { pollIntervalMs: Number(env.OUTBOX_POLL_INTERVAL_MS) } : {}),
    },
    developmentIdentityProvider: {
      enabled: !production && flag(env.MEDVERKAN_DEV_IDP, true),
      extraRedirectUris: [
        ...(env.MEDVERKAN_APP_URL
          ? [`${env.MEDVERKAN_APP_URL.replace(/\/$/, "")}/auth/callback`, `${env.MEDVERKAN_APP_URL.replace(/\/$/, "")}/`]
          : []),
        ...(env.MEDVERKAN_DEV_IDP_REDIRECT_URIS ?? "")
          .split(",")
          .map((uri) => uri.trim())
          .filter(Boolean),
      ],
    },
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    databaseLimits: {
      ...(env.DATABASE_POOL_SIZE ? { poolSize: Number(env.DATABASE_POOL_SIZE) } : {}),
      ...(env.DATABASE_CONNECT_TIMEOUT_MS ? { connectTimeoutMs: Number(env.DATABASE_CONNECT_TIMEOUT_MS) } : {}),
      ...(env.DATABASE_STATEMENT_TIMEOUT_MS ? { statementTimeoutMs: Number(env.DATABASE_STATEMENT_TIMEOUT_MS) } : {}),
      ...(env.DATABASE_TRANSACTION_TIMEOUT_MS ? { transactionTimeoutMs: Number(env.DATABASE_TRANSACTION_TIMEOUT_MS) } : {}),
      ...(env.DATABASE_POOL_WAIT_MS ? { poolWaitMs: Number(env.DATABASE_POOL_WAIT_MS) } : {}),
      ...(env.DATABASE_STARTUP_WAIT_MS ? { startupWaitMs: Number(env.DATABASE_STARTUP_WAIT_MS) } : {}),
    },
  };
}

/** `CORS_ORIGINS=https://a.example.se,https://b.example.se`: exact origins, no wildcards (a token is a credential). */
export function parseCorsOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((origin) => origin.trim().replace(/\/+$/, ""))
    .filter((origin) => origin !== "")
    .map((origin) => {
      const url = new URL(origin);
      if (url.origin !== origin) throw new Error(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path)`);
      return url.origin;
    });
}

/**
 * SMTP_URL (`smtp://user:password@host:587`, `smtps://…:465`) sends real e-mail; without it, development writes each
 * message to `<data dir>/mail/` and production keeps messages in the outbox until SMTP is configured.
 */
function mailSettingsFromEnv(env: NodeJS.ProcessEnv, production: boolean, dataDirectory: string): MailSettings {
  const fromAddress = env.MAIL_FROM_ADDRESS ?? "noreply@medverkan.localhost";
  return {
    smtpUrl: env.SMTP_URL || null,
    defaultFromAddress: fromAddress,
    defaultFromName: env.MAIL_FROM_NAME ?? "Medverkan",
    devMailDirectory: production ? null : join(dataDirectory, "mail"),
    messageIdDomain: env.MAIL_MESSAGE_ID_DOMAIN ?? fromAddress.slice(fromAddress.lastIndexOf("@") + 1),
    appBaseUrl: env.MEDVERKAN_APP_URL ?? null,
  };
}
