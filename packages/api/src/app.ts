import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Database, openDatabase } from "@medverkan/database";
import { seedDemoData } from "@medverkan/database/seed";
import type { IdentityProvider } from "@medverkan/identity-provider";
import type { Logger } from "pino";
import type { AppConfig } from "./config.js";
import { DemoUserNotFound, mintDemoToken } from "./dev/demo-tokens.js";
import { DEV_TOKEN_ISSUER, type DevSigningKey, loadOrCreateDevSigningKey, PLATFORM_AUDIENCE, publicKeySet } from "./dev/dev-keys.js";
import { usePiiKey } from "./identity/personal-identity-number.crypto.js";
import { createLogger } from "./logger.js";
import { developmentMailSettings, type NotificationRuntime, startNotifications } from "./notification/notification-runtime.js";
import { type ApiServerOptions, type RunningApiServer, startApiServer } from "./server/create-server.js";
import { type ExplorerTokenMinter, ExplorerUserUnknown } from "./server/explorer.routes.js";
import { waitForDatabase } from "./server/wait-for-database.js";

export interface RunningMedverkan {
  url: string;
  database: Database;
  /** Development only. */
  devKey: DevSigningKey | null;
  log: Logger;
  server: RunningApiServer;
  /** The outbox worker running in this process (tests drive it with `worker.runOnce()`). */
  notifications: NotificationRuntime;
  /** Development only: the OpenID Connect provider at `<origin>/idp` the seeded tenants trust (null otherwise). */
  developmentIdentityProvider: IdentityProvider | null;
  stop(): Promise<void>;
}

/**
 * Opens the database (embedded PGlite unless DATABASE_URL is set), migrates, seeds the demo regions in development,
 * and serves the API. Used by `main.ts` and by the end-to-end tests alike.
 */
export async function startMedverkan(
  config: AppConfig,
  log: Logger = createLogger(config.logLevel),
  /** Tests bring their own key instead of the one kept in `.data/`. */
  givenDevKey?: DevSigningKey,
  /** Tests may bring a database already opened (a copy of a prepared template); it is closed on stop like our own. */
  givenDatabase?: Database,
): Promise<RunningMedverkan> {
  if (config.embeddedDataDirectory && !config.databaseUrl && !givenDatabase) mkdirSync(config.embeddedDataDirectory, { recursive: true });
  const database =
    givenDatabase ??
    (await openDatabase(
      config.databaseUrl
        ? {
            kind: "postgres",
            url: config.databaseUrl,
            poolSize: config.databaseLimits?.poolSize,
            connectTimeoutMs: config.databaseLimits?.connectTimeoutMs,
            statementTimeoutMs: config.databaseLimits?.statementTimeoutMs,
            poolWaitMs: config.databaseLimits?.poolWaitMs,
            ...(config.databaseDirectUrl ? { directUrl: config.databaseDirectUrl } : {}),
            ...(config.databaseReplicaUrl ? { replicaUrl: config.databaseReplicaUrl } : {}),
          }
        : { kind: "embedded", dataDirectory: config.embeddedDataDirectory },
    ));
  try {
    // Personal identity numbers are never written with the public development key in production (config.ts).
    if (config.production && !config.piiKey) throw new Error("MEDVERKAN_PII_KEY is required in production");
    if (config.piiKey) usePiiKey(config.piiKey);
    // A server started together with its database (a container platform, a reboot) must not exit because the
    // database is a few seconds slower to come up.
    if (database.kind === "postgres") await waitForDatabase(database, log, { maxWaitMs: config.databaseLimits?.startupWaitMs });
    if (config.migrateOnStart) {
      const report = await database.migrate();
      log.info({ applied: report.applied, alreadyApplied: report.alreadyApplied }, "migrations");
    }

    let devKey: DevSigningKey | null = null;
    if (!config.production) {
      devKey = givenDevKey ?? (await loadOrCreateDevSigningKey(config.devKeyFile));
    }
    if (config.seedOnStart) {
      if (!devKey) throw new Error("Demo data is for development only; it is never seeded in production.");
      const summary = await seedDemoData(database.prisma, { tokenIssuer: DEV_TOKEN_ISSUER, publicKeys: publicKeySet(devKey) });
      log.info({ summary }, "demo data seeded");
    }

    const platformIssuer =
      config.platformIssuer ??
      (devKey ? { issuer: DEV_TOKEN_ISSUER, audience: PLATFORM_AUDIENCE, jwksUrl: null, publicKeys: publicKeySet(devKey) } : null);
    const key = devKey;
    const notifications = startNotifications({
      prisma: database.prisma,
      mail: config.mail ?? developmentMailSettings(config.embeddedDataDirectory ? dirname(config.embeddedDataDirectory) : null),
      outbox: config.outbox ?? { enabled: true },
      production: config.production,
      log,
    });
    const devIdpSlot: NonNullable<ApiServerOptions["developmentIdentityProvider"]> = { handler: null };
    const devIdpWanted = !config.production && devKey !== null && (config.developmentIdentityProvider?.enabled ?? false);
    const server = await startApiServer({
      config: { ...config, platformIssuer },
      database,
      log,
      explorerTokenMinter: key ? explorerTokenMinter(key) : undefined,
      ...(devIdpWanted ? { developmentIdentityProvider: devIdpSlot } : {}),
    }).catch(async (error: unknown) => {
      await notifications.stop();
      throw error;
    });
    let developmentIdentityProvider: IdentityProvider | null = null;
    if (devIdpWanted) {
      try {
        const dev = await import("./dev/development-identity-provider.js");
        const origin = new URL(server.url).origin;
        developmentIdentityProvider = await dev.createDevelopmentIdentityProvider(
          origin,
          config.developmentIdentityProvider?.extraRedirectUris,
        );
        devIdpSlot.handler = developmentIdentityProvider.handler as NonNullable<typeof devIdpSlot.handler>;
        // Platform operators sign in at the same local provider, for the platform's own audience.
        server.platformIssuers.trust({
          issuer: developmentIdentityProvider.issuer,
          audience: PLATFORM_AUDIENCE,
          jwksUrl: developmentIdentityProvider.jwksUri,
          publicKeys: null,
          clientId: dev.DEVELOPMENT_CLIENT_ID,
        });
        const tenants = await dev.trustDevelopmentIdentityProvider(database.prisma, developmentIdentityProvider);
        log.info({ issuer: developmentIdentityProvider.issuer, tenants }, "development identity provider");
      } catch (error) {
        await server.stop();
        await notifications.stop();
        throw error;
      }
    }
    return {
      url: server.url,
      database,
      devKey,
      log,
      server,
      notifications,
      developmentIdentityProvider,
      async stop() {
        await server.stop();
        // After the last request (which may have queued a message), before the database goes.
        await notifications.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The explorer's `?tenant=&role=` shortcut: a seeded user's token, or a message naming what exists. */
function explorerTokenMinter(key: DevSigningKey): ExplorerTokenMinter {
  return async (query) => {
    if (!query.tenant && !query.role) return null;
    try {
      return (await mintDemoToken(key, query)).token;
    } catch (error) {
      if (error instanceof DemoUserNotFound) throw new ExplorerUserUnknown(error.message);
      throw error;
    }
  };
}
