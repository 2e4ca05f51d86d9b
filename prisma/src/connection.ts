import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.js";
import { applyMigrations, type MigrationReport, type SqlSession } from "./migrator.js";

/**
 * SQL statements this process has sent through Prisma, so a test or a benchmark can show that statements per
 * request do not grow with page size. Kept on `globalThis` so every copy of this module (built and source) shares it.
 */
const COUNTER_KEY = Symbol.for("medverkan.sqlStatements");
const globals = globalThis as Record<symbol, { count: number } | undefined>;
globals[COUNTER_KEY] ??= { count: 0 };
export const sqlStatementCounter: { count: number } = globals[COUNTER_KEY];

/** Wraps a driver adapter (factory, connection or transaction) so every query it runs is counted. */
function counted<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (...args: unknown[]) => {
          sqlStatementCounter.count += 1;
          return value.apply(object, args);
        };
      }
      if (property === "connect" || property === "startTransaction") {
        return async (...args: unknown[]) => counted(await value.apply(object, args));
      }
      return value.bind(object);
    },
  });
}

export type DatabaseOptions =
  | {
      kind: "postgres";
      url: string;
      /** Upper bound of pooled connections per API instance. */
      poolSize?: number;
      /** Fail fast when the server is unreachable: the bound on opening one connection. */
      connectTimeoutMs?: number;
      /**
       * How long a request waits for a pooled connection while every one is busy (not the database's fault: slow work
       * holds them). Longer than the transaction timeout, so a fast read queued behind slow mutations gets its turn
       * instead of failing; when the server is down, connecting fails at once (or after the connect timeout) anyway.
       */
      poolWaitMs?: number;
      /** Server-side bound on any single statement. */
      statementTimeoutMs?: number;
      /**
       * A session connection for LISTEN (live updates), when `url` goes through a pooler in transaction mode
       * (PgBouncer), which cannot keep a LISTEN: `DATABASE_DIRECT_URL`. Unset: `url`.
       */
      directUrl?: string;
    }
  | {
      kind: "embedded";
      /** Folder that keeps the data between starts; null keeps everything in memory. */
      dataDirectory: string | null;
      /** Start from this data-directory dump (`Database.dumpDataDir()`), e.g. a migrated and seeded test template. */
      loadDataDir?: Blob;
    };

export interface Database {
  readonly kind: DatabaseOptions["kind"];
  readonly prisma: PrismaClient;
  /** Where the data lives, for logs (never contains a password). */
  readonly description: string;
  migrate(): Promise<MigrationReport>;
  /**
   * Throws when the database cannot be reached. On PostgreSQL it uses a connection of its own, outside the pool, so a
   * pool busy with slow requests still answers; used by the readiness probe and by the wait at start.
   */
  ping(): Promise<void>;
  /**
   * Calls `onPayload` with each NOTIFY payload on `channel`, from any session (any API instance) once its transaction
   * committed. PostgreSQL: one session connection of its own (the direct URL), reconnected with backoff when cut —
   * `onReconnect` is told, since notifications sent meanwhile were missed. PGlite: its own in-process listen.
   * Resolves when listening; the returned function stops.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /** Embedded only: the whole data directory as a tarball, to open copies of this database with `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, embeddedDirectory: string | null = null): DatabaseOptions {
  const url = env.DATABASE_URL;
  if (url) {
    return {
      kind: "postgres",
      url,
      poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
      connectTimeoutMs: Number(env.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000),
      statementTimeoutMs: Number(env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000),
      ...(env.DATABASE_POOL_WAIT_MS ? { poolWaitMs: Number(env.DATABASE_POOL_WAIT_MS) } : {}),
      ...(env.DATABASE_DIRECT_URL ? { directUrl: env.DATABASE_DIRECT_URL } : {}),
    };
  }
  return { kind: "embedded", dataDirectory: embeddedDirectory };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgres" ? openPostgres(options) : openEmbedded(options);
}

/** Default wait for a busy pool's connection: the default transaction timeout (10 s) and a connect timeout on top. */
export const DEFAULT_POOL_WAIT_MS = 15_000;

function openPostgres(options: Extract<DatabaseOptions, { kind: "postgres" }>): Database {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  // node-postgres uses one setting for two waits: for a free pooled connection (pg-pool) and for a new connection to
  // open (pg's Client). They are different conditions — a busy pool is not a database that is down — so the pool gets
  // the pool wait and each connection, through its own client class, the connect timeout.
  class BoundedConnectClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
    }
  }
  const poolConfig: pg.PoolConfig = {
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    Client: BoundedConnectClient,
  };
  const prisma = new PrismaClient({ adapter: counted(new PrismaPg(poolConfig)) });
  // Readiness asks "can the database be reached?", not "is a pooled connection free?": it has a connection of its own,
  // so a pool busy with slow requests does not take the instance out of rotation.
  const probe = new pg.Pool({
    connectionString: options.url,
    max: 1,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: 2_000,
  });
  probe.on("error", () => {
    // An idle probe connection cut by the server (it restarted): the next ping opens a new one.
  });
  const safeUrl = new URL(options.url);
  safeUrl.password = "";
  return {
    kind: "postgres",
    prisma,
    description: `PostgreSQL ${safeUrl.host}${safeUrl.pathname}`,
    async migrate() {
      // Migrations run on their own connection: they take an advisory lock and run their own transactions.
      const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: connectTimeoutMs });
      await client.connect();
      try {
        const session: SqlSession = {
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async (sql, params) => (await client.query(sql, params)).rows,
        };
        return await applyMigrations(session);
      } finally {
        await client.end();
      }
    },
    async ping() {
      await probe.query("SELECT 1");
    },
    listen: (channel, onPayload, onReconnect) =>
      listenOnSession(options.directUrl ?? options.url, connectTimeoutMs, channel, onPayload, onReconnect),
    async close() {
      await Promise.all([prisma.$disconnect(), probe.end()]);
    },
  };
}

async function openEmbedded(options: Extract<DatabaseOptions, { kind: "embedded" }>): Promise<Database> {
  const pglite = new PGlite({
    ...(options.dataDirectory ? { dataDir: options.dataDirectory } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await pglite.waitReady;
  // pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10; the interface it implements is unchanged
  // in 6.19 (verified by the test suite running on it), so only the nominal types differ.
  const prisma = new PrismaClient({ adapter: counted(new PrismaPGlite(pglite) as unknown as PrismaPg) });
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
  };
  return {
    kind: "embedded",
    prisma,
    description: options.dataDirectory ? `embedded PGlite in ${options.dataDirectory}` : "embedded PGlite in memory",
    migrate: () => applyMigrations(session),
    async ping() {
      await pglite.query("SELECT 1");
    },
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    dumpDataDir: () => pglite.dumpDataDir("none"),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Identifiers for LISTEN cannot be bound as parameters: only plain lower-case names are accepted. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * LISTEN on a session connection of its own (not the pool's: a pooled connection goes back after each transaction,
 * and a pooler in transaction mode drops LISTEN). A cut connection is reopened with backoff (0.25 s doubling to 5 s);
 * `onReconnect` is called after each reopening, because notifications sent while it was down are gone.
 */
async function listenOnSession(
  url: string,
  connectTimeoutMs: number,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let delayMs = 250;

  const open = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on("error", () => {
      // Followed by "end", which reopens.
    });
    next.on("end", () => {
      // Only an established listener is reopened here; a failed first connect is the caller's error.
      if (client !== next) return;
      client = null;
      if (!stopped) scheduleReopen();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (stopped) {
      await next.end();
      return;
    }
    client = next;
    delayMs = 250;
  };
  const scheduleReopen = () => {
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open().then(
        () => onReconnect?.(),
        () => {
          delayMs = Math.min(delayMs * 2, 5_000);
          scheduleReopen();
        },
      );
    }, delayMs);
    retryTimer.unref();
  };

  await open();
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
