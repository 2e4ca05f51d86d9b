import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Database } from "@medverkan/database";
import { resolveLocale } from "@medverkan/domain";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { AuthCache } from "../auth/auth-cache.js";
import { type Authenticator, createAuthenticator } from "../auth/authenticate.js";
import { PlatformIssuers } from "../auth/platform-issuers.js";
import { TokenRejected } from "../auth/token-verifier.js";
import { serviceUnavailable, unauthenticated, wwwAuthenticate } from "../common/errors/api-error.js";
import { createErrorFormatter, isDatabaseUnavailable } from "../common/errors/format-error.js";
import { attachIdempotencyKey, IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from "../common/idempotency/idempotency-key.js";
import type { AppConfig } from "../config.js";
import { OperationSharingSlots } from "../context/operation-transaction.js";
import { DEFAULT_REPLICA_WAIT_MS, newReadRoute, ReplicaRouter } from "../context/replica-router.js";
import { createRequestContext, type RequestContext } from "../context/request-context.js";
import { downloadRoutes, redactDownloadSecret } from "../document/download.routes.js";
import { LiveEventHub } from "../live/live-event.js";
import { buildApiSchema } from "../schema/build-schema.js";
import { createLoaders } from "../schema/loaders.js";
import { StatisticsWarmer } from "../statistics/statistics-warmer.js";
import { cors, csrfPrevention, PREFLIGHT_HEADERS } from "./browser-access.js";
import { withClientErrorStatus } from "./client-error-status.js";
import { type ExplorerTokenMinter, explorerRoutes } from "./explorer.routes.js";
import { healthRoutes } from "./health.routes.js";
import { loginChallengePlugin } from "./login-challenge.js";
import { noStorePlugin } from "./no-store.js";
import { operationTransactionPlugin } from "./operation-transaction.js";
import { operationsInFlightPlugin } from "./operations-in-flight.js";
import { MAX_QUERY_COST, queryCostPlugin } from "./query-cost.js";
import { attachClientAddress, rateLimitPlugin } from "./rate-limit.js";
import { replicaRoutingPlugin } from "./replica-routing.js";
import { serviceUnavailableStatus } from "./service-unavailable-status.js";
import { refuseSubscriptions } from "./subscriptions.js";
import { refuseUnstorableText } from "./unstorable-text.js";
import { webAppRoutes } from "./web-app.routes.js";
import { type RunningLiveServer, startLiveServer } from "./websocket.js";

export interface ApiServerOptions {
  config: AppConfig;
  database: Database;
  log: Logger;
  /** Development only: mints a token for the explorer's `?tenant=&role=` shortcut. */
  explorerTokenMinter?: ExplorerTokenMinter;
  /**
   * Development only: the OpenID Connect provider served at `/idp`. Its issuer names the port the server listens on,
   * so it is created after listening and handed in here (`handler` stays null until then; never set in production).
   */
  developmentIdentityProvider?: { handler: ((req: Request, res: Response) => void) | null };
}

export interface RunningApiServer {
  url: string;
  httpServer: Server;
  /** Subscriptions over WebSocket at the same path (graphql-ws). */
  live: RunningLiveServer;
  /** This instance's memory of authentication's lookups (for tests). */
  authCache: AuthCache;
  /** Null when `statisticsWarmup` is false. */
  statisticsWarmer: StatisticsWarmer | null;
  /** This instance's LISTEN on the database, fanned out to its subscriptions. */
  liveEvents: LiveEventHub;
  /** With a replica (DATABASE_REPLICA_URL): its router, whose counters tests and benchmarks read. */
  replicaRouter: ReplicaRouter | null;
  /** Who may sign platform operators' tokens; the development provider is added once it listens (app.ts). */
  platformIssuers: PlatformIssuers;
  /** Stops taking requests, lets those in flight finish (up to the grace period), then closes. */
  stop(): Promise<void>;
}

/** GraphQL limits (OWASP GraphQL cheat sheet); generous for real clients, tight for abuse. */
export const GRAPHQL_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2_000,
  /** Estimated fields resolved, pages counted (query-cost.ts); calibrated on tests/front-end/operations. */
  maxCost: MAX_QUERY_COST,
} as const;

export async function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const { config, database, log } = options;
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client's address (anonymous rate limits) is in X-Forwarded-For; trust only that hop.
  if (config.trustProxy) app.set("trust proxy", config.trustProxy);
  const httpServer = createServer(app);
  const state = { shuttingDown: false };
  const replicaRouter = database.replica ? new ReplicaRouter(database.replica, log, config.replicaWaitMs ?? DEFAULT_REPLICA_WAIT_MS) : null;
  replicaRouter?.start();

  const platformIssuers = new PlatformIssuers(config.platformIssuer ? [config.platformIssuer] : []);
  // Emptied by every committed change to what authentication reads, announced by the database to every instance.
  const authCache = await AuthCache.start(database, log);
  // Recomputes the annual report's cubes in the background after a tenant's statistics data changed.
  const statisticsWarmer = config.statisticsWarmup === false ? null : await StatisticsWarmer.start(database, log, config.statisticsWarmup);
  const authenticator: Authenticator = createAuthenticator(
    database.prisma,
    platformIssuers,
    config.jwksCache,
    config.tokenMaxLifetimeSeconds ? { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds } : undefined,
    authCache,
  );
  // Subscriptions check the token again before each change they deliver, woken by the live channel; the cache's
  // announcements come over another connection and could arrive after that wake-up. So live connections read the
  // grants afresh every time, and a revoked grant ends a subscription at the next change as before the cache.
  const freshAuthenticator: Authenticator = createAuthenticator(
    database.prisma,
    platformIssuers,
    config.jwksCache,
    config.tokenMaxLifetimeSeconds ? { maxLifetimeSeconds: config.tokenMaxLifetimeSeconds } : undefined,
  );

  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
    // Cost is ours (query-cost.ts): counted with variables, its own error code, and reported on every response.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();

  const schema = await buildApiSchema();
  const formatError = createErrorFormatter(log);
  // With a replica, reads keep a transaction per call (TenantScope.onReplica), so no operation takes a slot.
  const sharingSlots = replicaRouter ? null : OperationSharingSlots.for(database);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !config.production,
    // The process's own signal handlers (main.ts) stop the server, the outbox worker and the database in order;
    // Apollo's would stop the server alone and then re-raise the signal into them.
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    // browser-access.ts answers first (in Swedish and English); this is the same rule kept as a second guard.
    csrfPrevention: { requestHeaders: [...PREFLIGHT_HEADERS] },
    formatError,
    validationRules: [...protection.validationRules, refuseSubscriptions],
    plugins: [
      // graphql-armor types its plugins against Apollo's CommonJS build; they are the same at run time.
      ...(protection.plugins as unknown as ApolloServerPlugin<RequestContext>[]).map(withClientErrorStatus),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      // After the HTTP drain (connections whose clients stay), before the database closes (operations whose clients left).
      operationsInFlightPlugin(config.shutdownGraceMs),
      ...(config.production || !options.explorerTokenMinter ? [ApolloServerPluginLandingPageDisabled()] : []),
      queryCostPlugin(GRAPHQL_LIMITS.maxCost),
      operationTransactionPlugin(formatError),
      rateLimitPlugin(database.prisma, log, config.rateLimits),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      // Before the status plugin: an unconfirmed write becomes a SERVICE_UNAVAILABLE answer.
      ...(replicaRouter ? [replicaRoutingPlugin()] : []),
      serviceUnavailableStatus(),
      loginChallengePlugin(),
    ],
  });
  await apollo.start();

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req) => (typeof req.headers["x-request-id"] === "string" ? req.headers["x-request-id"] : randomUUID()),
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
      serializers: { req: (req: { url: string }) => ({ ...req, url: redactDownloadSecret(req.url) }) },
    }),
  );
  app.use(healthRoutes(database, state));
  const devIdp = options.developmentIdentityProvider;
  if (!config.production && devIdp) {
    app.use("/idp", (req: Request, res: Response, next: NextFunction) => (devIdp.handler ? devIdp.handler(req, res) : next()));
  }
  app.use("/graphql", cors(config.corsOrigins ?? []));
  if (!config.production && options.explorerTokenMinter) app.use(explorerRoutes(options.explorerTokenMinter));
  app.use(
    "/graphql",
    // Draining: requests already in flight finish; a new one on a kept-alive connection is turned away, retryable.
    (_req: Request, res: Response, next: NextFunction) => {
      if (!state.shuttingDown) return next();
      res.setHeader("connection", "close");
      res.setHeader("retry-after", "1");
      res.status(503).json({
        errors: [
          {
            message: "The service is shutting down. Please retry.",
            extensions: { code: "SERVICE_UNAVAILABLE", retryable: true },
          },
        ],
      });
    },
    csrfPrevention,
    express.json({ limit: config.bodyLimitBytes }),
    refuseUnstorableText,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const locale = resolveLocale(req.headers["accept-language"]);
        try {
          const idempotencyKey = parseIdempotencyKey(req.headers[IDEMPOTENCY_KEY_HEADER], locale);
          const actor = await authenticator.authenticate(req.headers.authorization);
          const context = createRequestContext({
            requestId: String(req.id),
            locale,
            actor,
            prisma: database.prisma,
            log: req.log,
            transactionTimeoutMs: config.databaseLimits?.transactionTimeoutMs,
            poolWaitMs: config.databaseLimits?.poolWaitMs,
            replica: replicaRouter ? { router: replicaRouter, route: newReadRoute() } : null,
            platformSignIn: platformIssuers.browserSignIn(),
            createLoaders,
            sharingSlots,
          });
          attachIdempotencyKey(context, idempotencyKey);
          attachClientAddress(context, req.ip);
          return context;
        } catch (error) {
          if (error instanceof TokenRejected) {
            req.log.info({ reason: error.reason }, "token rejected");
            const reason = error.reason === "ERR_JWT_EXPIRED" ? "TOKEN_EXPIRED" : "TOKEN_INVALID";
            res.setHeader("www-authenticate", wwwAuthenticate(reason));
            throw unauthenticated(locale, reason);
          }
          if (isDatabaseUnavailable(error)) throw serviceUnavailable(locale);
          throw error;
        }
      },
    }),
  );
  // Documents behind short-lived download links (createDownloadLink): PDF, iCalendar, CSV.
  app.use(downloadRoutes(database, createLoaders, config.databaseLimits));
  // Medverkan's own web app at `/` (packages/web), when it has been built; `/graphql` stays the API.
  const webApp = config.webAppDirectory === null ? null : webAppRoutes(config.webAppDirectory);
  if (webApp) app.use(webApp);
  // Body too large, malformed JSON and the like: a clear 4xx without internals.
  app.use((error: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: error }, "unhandled HTTP error");
    res.status(status).json({
      errors: [
        {
          message: status === 413 ? "Request body too large" : status === 500 ? "Internal server error" : "Bad request",
          extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" },
        },
      ],
    });
  });

  // Subscriptions: the same server and path, upgraded to WebSocket; the same schema, token checks and validation limits.
  const liveEvents = await LiveEventHub.start(database, log);
  const live = startLiveServer({
    httpServer,
    schema,
    database,
    authenticator: freshAuthenticator,
    hub: liveEvents,
    log,
    validationRules: protection.validationRules,
    maxPayloadBytes: config.bodyLimitBytes,
    corsOrigins: config.corsOrigins ?? [],
    transactionTimeoutMs: config.databaseLimits?.transactionTimeoutMs,
    poolWaitMs: config.databaseLimits?.poolWaitMs,
    shuttingDown: () => state.shuttingDown,
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const address = httpServer.address() as AddressInfo;
  const host = config.host === "0.0.0.0" ? "localhost" : config.host;
  return {
    url: `http://${host}:${address.port}/graphql`,
    httpServer,
    live,
    authCache,
    statisticsWarmer,
    liveEvents,
    replicaRouter,
    platformIssuers,
    async stop() {
      state.shuttingDown = true;
      // Subscriptions end first (1001 Going away): they would otherwise hold the server open past the grace period.
      await live.stop();
      await liveEvents.stop();
      await apollo.stop();
      await authCache.stop();
      await statisticsWarmer?.stop();
      replicaRouter?.stop();
    },
  };
}
