import "reflect-metadata";
import type { ResultOf, TypedDocumentNode, VariablesOf } from "@graphql-typed-document-node/core";
import { createScratchDatabase, type Database, openDatabase, type ScratchDatabase } from "@medverkan/database";
import { print } from "graphql";
import { type RunningMedverkan, startMedverkan } from "../app.js";
import type { AppConfig } from "../config.js";
import { TenantScope } from "../context/tenant-scope.js";
import { type DemoTokenRequest, mintDemoToken } from "../dev/demo-tokens.js";
import {
  createDevSigningKey,
  DEV_TOKEN_ISSUER,
  type DevSigningKey,
  mintDevToken,
  publicKeySet,
  type TokenRequest,
} from "../dev/dev-keys.js";
import { createLogger } from "../logger.js";
import { readPersonalIdentityNumber } from "../member/personal-identity-number.repository.js";
import { measureSuppressionExtent } from "../statistics/suppression-extent.service.js";
import {
  embeddedFromTemplate,
  scratchFromTemplate,
  type TemplateKind,
  templatesEnabled,
  testServerUrl,
  trustKeys,
} from "./test-template.js";

export { API_ERROR_CODES } from "../common/errors/api-error.js";
export { MAX_PAGE_SIZE } from "../common/pagination/connection.js";
export { DEV_TOKEN_ISSUER, PLATFORM_AUDIENCE } from "../dev/dev-keys.js";
export {
  DEVELOPMENT_PII_KEY,
  decryptPersonalIdentityNumber,
  derivePiiKeys,
  personalIdentityNumberIndex,
} from "../identity/personal-identity-number.crypto.js";
export { GRAPHQL_LIMITS, startApiServer } from "../server/create-server.js";
export { prepareTestTemplates, templatesEnabled } from "./test-template.js";

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }>;
}

export interface GraphQLRequestOptions<Variables = Record<string, unknown>> {
  variables?: Variables;
  token?: string | undefined;
  headers?: Record<string, string>;
}

/**
 * The options of a typed document: `variables` is required when the operation has a required variable, and typed
 * by the operation's variables either way.
 */
export type TypedRequestOptions<Variables> =
  Record<string, never> extends Variables
    ? [options?: GraphQLRequestOptions<Variables>]
    : [options: GraphQLRequestOptions<Variables> & { variables: Variables }];

/** A document from tests/generated (`graphql(...)`), or a plain string as before. */
export type GraphQLDocument = string | TypedDocumentNode<unknown, never>;

export interface TestApi {
  url: string;
  running: RunningMedverkan;
  /** A token for a seeded user, e.g. `{ tenant: "kalmar", role: "coordinator" }`. */
  tokenFor(request: DemoTokenRequest): Promise<string>;
  /** A token signed with the seeded tenants' trusted key, with any claims (for token-rejection tests). */
  signToken(request: TokenRequest): Promise<string>;
  devKey: DevSigningKey;
  /**
   * A typed document (`graphql(...)` from tests/generated) gets its result and variables types from the operation;
   * a string (or a typed document read with a hand-written type, while a file is converted) gets `Data`.
   */
  graphql<Document extends TypedDocumentNode<unknown, never>>(
    document: Document,
    ...options: TypedRequestOptions<VariablesOf<Document>>
  ): Promise<GraphQLResponse<ResultOf<Document>>>;
  graphql<Data = Record<string, unknown>>(query: GraphQLDocument, options?: GraphQLRequestOptions): Promise<GraphQLResponse<Data>>;
  stop(): Promise<void>;
}

/**
 * TEST_DATABASE_POOLER_URL (e.g. `postgresql://postgres@127.0.0.1:6440`, PgBouncer in transaction mode in front of
 * the TEST_DATABASE_URL server, scripts/scale-out): the API's pool goes through the pooler to the same scratch
 * database, and session work (migrations) goes to the server directly, as DATABASE_DIRECT_URL does in production.
 */
export function throughPooler(scratchUrl: string, env: NodeJS.ProcessEnv = process.env): Partial<AppConfig> {
  const pooler = env.TEST_DATABASE_POOLER_URL;
  if (!pooler) return {};
  const pooled = new URL(scratchUrl);
  const via = new URL(pooler);
  pooled.host = via.host;
  pooled.searchParams.set("pgbouncer", "true");
  return { databaseUrl: pooled.toString(), databaseDirectUrl: scratchUrl };
}

/**
 * Starts the whole API on a free port, on a fresh database seeded with the four demo regions: in-memory PGlite, or
 * a scratch database on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL (so CI runs the same
 * suite against the real server). The database is a copy of a prepared template (test-template.ts) — migrated, or
 * migrated and seeded, as `migrateOnStart` / `seedOnStart` ask — with the seeded tenants trusting this API's own
 * development key; a test that names its own database (`databaseUrl`, `embeddedDataDirectory`) gets exactly that.
 */
export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const serverUrl = testServerUrl();
  const devKey = await createDevSigningKey();
  const defaults: AppConfig = {
    production: false,
    host: "127.0.0.1",
    port: 0,
    databaseUrl: null,
    embeddedDataDirectory: null,
    devKeyFile: "",
    migrateOnStart: true,
    seedOnStart: true,
    platformIssuer: null,
    bodyLimitBytes: 100_000,
    logLevel: process.env.TEST_LOG_LEVEL ?? "silent",
    shutdownGraceMs: 2_000,
  };
  const asked: AppConfig = { ...defaults, ...overrides };
  // Production never seeds: startMedverkan refuses, as it did before templates.
  const kind: TemplateKind | null =
    !templatesEnabled() || !asked.migrateOnStart || (asked.seedOnStart && asked.production)
      ? null
      : asked.seedOnStart
        ? "seeded"
        : "migrated";
  const ownServerDatabase = serverUrl !== null && overrides.databaseUrl === undefined;
  const ownEmbeddedDatabase = !ownServerDatabase && asked.databaseUrl === null && !asked.embeddedDataDirectory;

  let scratch: ScratchDatabase | null = null;
  let given: Database | undefined;
  let config = asked;
  try {
    if (ownServerDatabase) {
      scratch = kind ? await scratchFromTemplate(serverUrl, kind) : await createScratchDatabase(serverUrl);
      config = { ...config, databaseUrl: scratch.url, ...throughPooler(scratch.url) };
      if (kind === "seeded") {
        const database = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 1 });
        try {
          await trustKeys(database, DEV_TOKEN_ISSUER, publicKeySet(devKey));
        } finally {
          await database.close();
        }
      }
    } else if (ownEmbeddedDatabase && kind) {
      given = await embeddedFromTemplate(kind);
      if (kind === "seeded") await trustKeys(given, DEV_TOKEN_ISSUER, publicKeySet(devKey));
    }
    // The copy is already seeded (and migrated: startMedverkan's migrate only checks that nothing is missing).
    if (kind === "seeded" && (scratch || given)) config = { ...config, seedOnStart: false };
  } catch (error) {
    await given?.close();
    await scratch?.drop();
    throw error;
  }
  const running = await startMedverkan(config, createLogger(config.logLevel), devKey, given).catch(async (error: unknown) => {
    await scratch?.drop();
    throw error;
  });
  return {
    url: running.url,
    running,
    devKey,
    async tokenFor(request) {
      return (await mintDemoToken(devKey, request)).token;
    },
    signToken: (request) => mintDevToken(devKey, request),
    async graphql(document: GraphQLDocument, options: GraphQLRequestOptions = {}) {
      const query = documentText(document);
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

/**
 * The text sent for a document: a string as it is, a generated document printed. An empty object is what the generated
 * `graphql()` returns for a text codegen has not seen yet.
 */
export function documentText(document: GraphQLDocument): string {
  if (typeof document === "string") return document;
  if (!("kind" in document)) throw new Error("not a generated document: run `npm run generate` (tests/generated is out of date)");
  return print(document);
}

/**
 * What server-side code (the payroll export, later) gets from the repository: the member's full personal identity
 * number, decrypted with the running API's key, in the member's tenant under row-level security.
 */
export function readPersonalIdentityNumberAsServer(api: TestApi, tenantId: string, memberId: string): Promise<string | null> {
  return new TenantScope(api.running.database.prisma, tenantId).transaction((tx) => readPersonalIdentityNumber(tx, tenantId, memberId));
}

/** What `npm run report:suppression` measures, for a tenant of the running API (counts of cells, never a figure). */
export function measureSuppressionAsServer(api: TestApi, tenantId: string, year: number) {
  return new TenantScope(api.running.database.prisma, tenantId).transaction((tx) => measureSuppressionExtent(tx, tenantId, year), {
    timeoutMs: 300_000,
  });
}
