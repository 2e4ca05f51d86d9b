import { join } from "node:path";
import type { JSONWebKeySet } from "jose";

/** Everything the API reads from its environment, read once at start. */
export interface AppConfig {
  /** Production hardening: no introspection, no explorer, no dev tokens, masked errors. */
  production: boolean;
  host: string;
  port: number;
  /** `null`: embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite's folder; `null` keeps the embedded database in memory. */
  embeddedDataDirectory: string | null;
  /** The development signing key's file (dev mode only). */
  devKeyFile: string;
  migrateOnStart: boolean;
  /** Seed the four demo regions on start (default in dev on the embedded database). */
  seedOnStart: boolean;
  platformIssuer: { issuer: string; audience: string; jwksUrl: string | null; publicKeys: JSONWebKeySet | null } | null;
  bodyLimitBytes: number;
  logLevel: string;
  shutdownGraceMs: number;
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
      }
    : null;

  return {
    production,
    host: env.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    port: Number(env.PORT ?? 4000),
    databaseUrl,
    embeddedDataDirectory: inMemory ? null : join(dataDirectory, "pglite"),
    devKeyFile: join(dataDirectory, "dev-signing-key.json"),
    migrateOnStart: flag(env.MIGRATE_ON_START, true),
    seedOnStart: flag(env.SEED_ON_START, !production && databaseUrl === null),
    platformIssuer,
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 100_000),
    logLevel: env.LOG_LEVEL ?? (production ? "info" : "info"),
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
  };
}
