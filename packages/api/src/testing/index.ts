import "reflect-metadata";
import { createScratchDatabase, type ScratchDatabase } from "@medverkan/database";
import { type RunningMedverkan, startMedverkan } from "../app.js";
import type { AppConfig } from "../config.js";
import { type DemoTokenRequest, mintDemoToken } from "../dev/demo-tokens.js";
import { createDevSigningKey, type DevSigningKey, mintDevToken, type TokenRequest } from "../dev/dev-keys.js";
import { createLogger } from "../logger.js";

export { API_ERROR_CODES } from "../common/errors/api-error.js";
export { MAX_PAGE_SIZE } from "../common/pagination/connection.js";
export { DEV_TOKEN_ISSUER, PLATFORM_AUDIENCE } from "../dev/dev-keys.js";
export { GRAPHQL_LIMITS, startApiServer } from "../server/create-server.js";

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }>;
}

export interface TestApi {
  url: string;
  running: RunningMedverkan;
  /** A token for a seeded user, e.g. `{ tenant: "kalmar", role: "coordinator" }`. */
  tokenFor(request: DemoTokenRequest): Promise<string>;
  /** A token signed with the seeded tenants' trusted key, with any claims (for token-rejection tests). */
  signToken(request: TokenRequest): Promise<string>;
  devKey: DevSigningKey;
  graphql<Data = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<Data>>;
  stop(): Promise<void>;
}

/**
 * Starts the whole API on a free port, on a fresh database seeded with the four demo regions: in-memory PGlite, or
 * a scratch database on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL (so CI runs the same
 * suite against the real server).
 */
export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let scratch: ScratchDatabase | null = null;
  if (serverUrl) scratch = await createScratchDatabase(serverUrl);
  const devKey = await createDevSigningKey();
  const config: AppConfig = {
    production: false,
    host: "127.0.0.1",
    port: 0,
    databaseUrl: scratch?.url ?? null,
    embeddedDataDirectory: null,
    devKeyFile: "",
    migrateOnStart: true,
    seedOnStart: true,
    platformIssuer: null,
    bodyLimitBytes: 100_000,
    logLevel: process.env.TEST_LOG_LEVEL ?? "silent",
    shutdownGraceMs: 2_000,
    ...overrides,
  };
  const running = await startMedverkan(config, createLogger(config.logLevel), devKey);
  return {
    url: running.url,
    running,
    devKey,
    async tokenFor(request) {
      return (await mintDemoToken(devKey, request)).token;
    },
    signToken: (request) => mintDevToken(devKey, request),
    async graphql(query, options = {}) {
      const response = await fetch(running.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, "status">;
      return { status: response.status, ...body } as GraphQLResponse<never>;
    },
    async stop() {
      await running.stop();
      await scratch?.drop();
    },
  };
}
