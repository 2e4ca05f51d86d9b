import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  documentText,
  type GraphQLDocument,
  type GraphQLRequestOptions,
  type GraphQLResponse,
  startApiServer,
  type TestApi,
  throughPooler,
} from "@medverkan/api/testing";

// A second API instance on the database of a running test API, as behind a load balancer (issue 10, scale-out).
//
// On PostgreSQL (TEST_DATABASE_URL) it is the built entry point (packages/api/dist/main.js, as `npm start` runs it) in
// a Node process of its own, with its own connection pool, its own module memory and, when asked, its own outbox
// worker: nothing but the database is shared, so anything the API kept in process memory would show as a
// disagreement. The embedded PGlite lives inside the test process and cannot be opened by another one, so there the
// second instance is a second HTTP server in this process on the same database (as tests/security/rate-limits.test.ts
// does): separate servers, authenticators and plugins, but module-level memory is shared with the first instance.

export type RateLimits = Readonly<Record<string, { points: number; windowSeconds: number }>>;

export interface SecondInstance {
  /** Talks to the second instance over HTTP; tokens and the database handle (for assertions) are the first's. */
  api: TestApi;
  /** `process`: its own Node process (PostgreSQL); `server`: a second server in this process (embedded PGlite). */
  kind: "process" | "server";
  /** `server` only: how many entries its authentication cache holds (a process keeps its memory to itself). */
  authCacheSize?: () => { providers: number; identities: number };
  stop(): Promise<void>;
}

export interface SecondInstanceOptions {
  /** The same limits the first instance was started with (they replace the defaults per operation). */
  rateLimits?: RateLimits;
  /** Process only: run an outbox worker delivering to this SMTP server. Without it, the instance runs none. */
  outbox?: { smtpUrl: string; pollIntervalMs: number; messageIdDomain: string; fromAddress: string };
}

/** A `graphql` function like TestApi's, for another URL. */
export function graphqlAt(url: string): TestApi["graphql"] {
  const graphql = async (document: GraphQLDocument, options: GraphQLRequestOptions = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query: documentText(document), variables: options.variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, "status">;
    return { status: response.status, ...body } as GraphQLResponse<never>;
  };
  return graphql as TestApi["graphql"];
}

/** The first instance's helpers (tokens, database handle) with requests going to `url`. */
function instanceAt(first: TestApi, url: string, stop: () => Promise<void>): TestApi {
  return { ...first, url, graphql: graphqlAt(url), stop };
}

export async function startSecondInstance(first: TestApi, options: SecondInstanceOptions = {}): Promise<SecondInstance> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return serverUrl ? startProcess(first, serverUrl, options) : startServer(first, options);
}

async function startServer(first: TestApi, options: SecondInstanceOptions): Promise<SecondInstance> {
  if (options.outbox) throw new Error("an in-process second instance runs no outbox worker of its own");
  const server = await startApiServer({
    config: {
      production: false,
      host: "127.0.0.1",
      port: 0,
      databaseUrl: null,
      embeddedDataDirectory: null,
      devKeyFile: "",
      migrateOnStart: false,
      seedOnStart: false,
      platformIssuer: null,
      bodyLimitBytes: 100_000,
      logLevel: "silent",
      shutdownGraceMs: 1_000,
      rateLimits: options.rateLimits,
    },
    database: first.running.database,
    log: first.running.log,
  });
  const stop = () => server.stop();
  return { api: instanceAt(first, server.url, stop), kind: "server", authCacheSize: () => server.authCache.size, stop };
}

async function startProcess(first: TestApi, serverUrl: string, options: SecondInstanceOptions): Promise<SecondInstance> {
  // The scratch database the first instance runs on, on the same server.
  const [{ name }] = await first.running.database.prisma.$queryRaw<[{ name: string }]>`SELECT current_database()::text AS name`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;
  const dataDirectory = mkdtempSync(join(tmpdir(), "medverkan-second-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    // Through PgBouncer when the suite runs through it (TEST_DATABASE_POOLER_URL), like the first instance.
    ...(throughPooler(databaseUrl.toString()).databaseUrl
      ? { DATABASE_URL: throughPooler(databaseUrl.toString()).databaseUrl as string, DATABASE_DIRECT_URL: databaseUrl.toString() }
      : {}),
    HOST: "127.0.0.1",
    PORT: "0",
    MEDVERKAN_DATA_DIR: dataDirectory,
    LOG_LEVEL: "warn",
    // The first instance migrated and seeded the database.
    MIGRATE_ON_START: "false",
    SEED_ON_START: "false",
    DATABASE_POOL_SIZE: "4",
    OUTBOX_WORKER: options.outbox ? "true" : "false",
    ...(options.rateLimits ? { RATE_LIMITS: JSON.stringify(options.rateLimits) } : {}),
    ...(options.outbox
      ? {
          SMTP_URL: options.outbox.smtpUrl,
          OUTBOX_POLL_INTERVAL_MS: String(options.outbox.pollIntervalMs),
          MAIL_MESSAGE_ID_DOMAIN: options.outbox.messageIdDomain,
          MAIL_FROM_ADDRESS: options.outbox.fromAddress,
        }
      : {}),
  };
  delete env.TEST_DATABASE_URL;
  delete env.NODE_ENV;
  const main = join(import.meta.dirname, "..", "..", "packages", "api", "dist", "main.js");
  const child: ChildProcess = spawn(process.execPath, [main], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDirectory, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the second API instance did not start:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Medverkan API\s+(http:\/\/\S+\/graphql)/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the second API instance exited with ${code}:\n${output}`));
      });
    });
    return { api: instanceAt(first, url, stop), kind: "process", stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
