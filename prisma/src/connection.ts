import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.js";
import { applyMigrations, type MigrationReport, type SqlSession } from "./migrator.js";

/**
 * SQL statements (`count`) and transactions (`transactions`) this process has run through Prisma, so a test or a
 * benchmark can show that statements per request do not grow with page size and that an operation is one
 * transaction. Kept on `globalThis` so every copy of this module (built and source) shares it.
 */
const COUNTER_KEY = Symbol.for("medverkan.sqlStatements");
const globals = globalThis as Record<symbol, { count: number; transactions?: number } | undefined>;
globals[COUNTER_KEY] ??= { count: 0 };
globals[COUNTER_KEY].transactions ??= 0;
export const sqlStatementCounter = globals[COUNTER_KEY] as { count: number; transactions: number };

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
      if (property === "connect") {
        return async (...args: unknown[]) => counted(await value.apply(object, args));
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => {
          sqlStatementCounter.transactions += 1;
          return counted(releasingDeadConnections(await value.apply(object, args)));
        };
      }
      return value.bind(object);
    },
  });
}

/**
 * A transaction whose connection died under it (the server or PgBouncer went away, as in a failover) must still give
 * its connection back to the pool. The engine ends a transaction by sending COMMIT or ROLLBACK and only then calling
 * `commit()`/`rollback()`, which release the connection; when that last statement fails on a dead connection, the
 * release never came and the pool lost a connection for good (seen in the failover drill: later requests waited the
 * whole pool wait, and closing the pool hung). Here a failed COMMIT/ROLLBACK on a connection that can no longer be
 * queried releases it (the pool then discards it), once; a later `commit()`/`rollback()` does nothing.
 */
export function releasingDeadConnections<T extends object>(transaction: T): T {
  let released = false;
  const connection = () => (transaction as { client?: { _queryable?: boolean; _ending?: boolean } }).client;
  return new Proxy(transaction, {
    get(object, property) {
      const value = Reflect.get(object, property);
      if (typeof value !== "function") return value;
      if (property === "commit" || property === "rollback") {
        return async (...args: unknown[]) => {
          if (released) return;
          released = true;
          return value.apply(object, args);
        };
      }
      if (property === "executeRaw" || property === "queryRaw") {
        return async (...args: unknown[]) => {
          try {
            return await value.apply(object, args);
          } catch (error) {
            const sql = String((args[0] as { sql?: string } | undefined)?.sql ?? "")
              .trim()
              .toUpperCase();
            const client = connection();
            const dead = client !== undefined && (client._queryable === false || client._ending === true);
            if (!released && dead && (sql === "COMMIT" || sql === "ROLLBACK")) {
              released = true;
              const rollback = Reflect.get(object, "rollback") as (this: T) => Promise<void>;
              await Promise.resolve(rollback.call(object)).catch(() => {});
            }
            throw error;
          }
        };
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
       * A connection that keeps session state (migrations' advisory lock, LISTEN/NOTIFY): the server itself or a
       * session-mode pool. Unset: `url`. Needed when `url` is a transaction-mode pooler (PgBouncer).
       */
      directUrl?: string;
      /** A hot standby (streaming replica) that serves read-only work; unset: none. */
      replicaUrl?: string;
      /**
       * `url` is a transaction-mode pooler (PgBouncer): no session state, and no startup parameters beyond the few it
       * knows, so `statement_timeout` is not sent at connect (set it on the server: `ALTER ROLE … SET statement_timeout`).
       * Unset: true when `url` carries `pgbouncer=true` (Prisma's own marker), which is removed before connecting.
       */
      transactionPooler?: boolean;
    }
  | {
      kind: "embedded";
      /** Folder that keeps the data between starts; null keeps everything in memory. */
      dataDirectory: string | null;
      /** Start from this data-directory dump (`Database.dumpDataDir()`), e.g. a migrated and seeded test template. */
      loadDataDir?: Blob;
    };

/** The streaming replica's side of a database: its own client, and where it stands against the primary. */
export interface ReplicaLink {
  readonly prisma: PrismaClient;
  readonly description: string;
  /** The primary's current WAL position (`pg_current_wal_lsn()`), through the primary's pool path. */
  primaryLsn(): Promise<bigint>;
  /** How far the replica has replayed (`pg_last_wal_replay_lsn()`; its own position once promoted). */
  replayedLsn(): Promise<bigint>;
  close(): Promise<void>;
}

/** `16/B374D848` → a number that orders like the WAL position. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

export interface Database {
  readonly kind: DatabaseOptions["kind"];
  readonly prisma: PrismaClient;
  /** How many connections the client's pool holds at most (PGlite: one, it is a single session). */
  readonly poolSize: number;
  /** PostgreSQL with `replicaUrl` only: the hot standby read-only work may use. */
  readonly replica?: ReplicaLink | null;
  /**
   * PostgreSQL only: where session work connects — LISTEN/NOTIFY listeners, session advisory locks, migrations
   * (`DATABASE_DIRECT_URL`, else the pool's own URL). Never a transaction-mode pooler.
   */
  readonly directUrl?: string;
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
   * `onReconnect` is told, since notifications sent meanwhile were missed; `onLost` is told at once when the connection
   * ends, before it is reopened (a listener that must not act on stale data stops trusting it until `onReconnect`).
   * PGlite: its own in-process listen. Resolves when listening; the returned function stops.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
    onLost?: () => void,
  ): Promise<() => Promise<void>>;
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
      ...(env.DATABASE_REPLICA_URL ? { replicaUrl: env.DATABASE_REPLICA_URL } : {}),
    };
  }
  return { kind: "embedded", dataDirectory: embeddedDirectory };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgres" ? openPostgres(options) : openEmbedded(options);
}

/**
 * Prisma 7 compiles each query shape (the query with its values taken out) into a plan once and keeps the plans in an
 * LRU cache; a miss runs the WebAssembly query compiler again, which is most of the client's CPU for a query. Prisma's
 * default holds 1 000 plans. The API makes its queries from some 570 call sites, many of which give several shapes
 * (optional filters, includes, page sizes), so a long-running instance can use more than 1 000 and the default would
 * keep evicting plans that come back. 5 000 leaves room for the whole API; a plan is a small tree of SQL templates, so
 * the bound also keeps the cache's memory bounded.
 */
export const QUERY_PLAN_CACHE_SIZE = 5_000;

/** How long closing waits for pooled connections to come back before it leaves them. */
const CLOSE_WAIT_MS = 5_000;

/** Default wait for a busy pool's connection: the default transaction timeout (10 s) and a connect timeout on top. */
export const DEFAULT_POOL_WAIT_MS = 15_000;

/** Removes Prisma's `pgbouncer=true` marker (node-postgres does not know it) and says whether it was there. */
export function withoutPoolerMarker(url: string): { url: string; marked: boolean } {
  const parsed = new URL(url);
  const marked = parsed.searchParams.get("pgbouncer") === "true";
  parsed.searchParams.delete("pgbouncer");
  return { url: marked ? parsed.toString() : url, marked };
}

function openPostgres(given: Extract<DatabaseOptions, { kind: "postgres" }>): Database {
  const { url, marked } = withoutPoolerMarker(given.url);
  const options = { ...given, url };
  const pooler = given.transactionPooler ?? marked;
  // Session work (migrations' advisory lock) never goes through a transaction pooler.
  const directUrl = given.directUrl ? withoutPoolerMarker(given.directUrl).url : url;
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
    // PgBouncer refuses unknown startup parameters; behind it the bound is the server's (role or database setting).
    ...(pooler ? {} : { statement_timeout: options.statementTimeoutMs ?? 15_000 }),
    Client: BoundedConnectClient,
  };
  const prisma = new PrismaClient({ adapter: counted(new PrismaPg(poolConfig)), queryPlanCacheMaxSize: QUERY_PLAN_CACHE_SIZE });
  // Readiness asks "can the database be reached?", not "is a pooled connection free?": it has a connection of its own,
  // so a pool busy with slow requests does not take the instance out of rotation.
  const probe = new pg.Pool({
    connectionString: options.url,
    max: 1,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    ...(pooler ? {} : { statement_timeout: 2_000 }),
  });
  probe.on("error", () => {
    // An idle probe connection cut by the server (it restarted): the next ping opens a new one.
  });
  const describe = (target: string) => {
    const safe = new URL(target);
    safe.password = "";
    return `PostgreSQL ${safe.host}${safe.pathname}`;
  };
  const replica = given.replicaUrl ? openReplica(withoutPoolerMarker(given.replicaUrl).url, poolConfig, probe, describe) : null;
  return {
    kind: "postgres",
    prisma,
    poolSize: poolConfig.max ?? 10,
    replica,
    directUrl,
    description: `${describe(options.url)}${pooler ? " (transaction pooler)" : ""}${replica ? `, replica ${replica.description}` : ""}`,
    async migrate() {
      // Migrations run on their own connection: they take an advisory lock (a session's) and run their own
      // transactions, so never through a transaction-mode pooler (DATABASE_DIRECT_URL).
      const client = new pg.Client({ connectionString: directUrl, connectionTimeoutMillis: connectTimeoutMs });
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
    listen: (channel, onPayload, onReconnect, onLost) =>
      listenOnSession(directUrl, connectTimeoutMs, channel, onPayload, onReconnect, onLost),
    async close() {
      // Bounded: a connection lost mid-transaction in a failover (the server or the pooler went away under it) may
      // never be handed back to the pool, and ending the pool would wait for it forever.
      const closed = Promise.all([prisma.$disconnect(), probe.end(), replica?.close()]);
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), CLOSE_WAIT_MS);
        timer.unref();
      });
      await Promise.race([closed, bound]);
      clearTimeout(timer);
    },
  };
}

/**
 * The hot standby: a Prisma client of its own (same pool bounds) for read-only transactions, and a one-connection
 * probe that reads how far it has replayed. The primary's position is read through the primary's probe.
 */
function openReplica(url: string, primaryPool: pg.PoolConfig, primaryProbe: pg.Pool, describe: (url: string) => string): ReplicaLink {
  const prisma = new PrismaClient({
    adapter: counted(new PrismaPg({ ...primaryPool, connectionString: url })),
    queryPlanCacheMaxSize: QUERY_PLAN_CACHE_SIZE,
  });
  const probe = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 30_000 });
  probe.on("error", () => {
    // Cut by a restart or a promotion: the next probe opens a new connection.
  });
  return {
    prisma,
    description: describe(url),
    async primaryLsn() {
      const { rows } = await primaryProbe.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
      return parseLsn(rows[0]?.lsn ?? "0/0");
    },
    async replayedLsn() {
      const { rows } = await probe.query<{ lsn: string | null }>(
        "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn",
      );
      return parseLsn(rows[0]?.lsn ?? "0/0");
    },
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
  const prisma = new PrismaClient({ adapter: counted(new PrismaPGlite(pglite)), queryPlanCacheMaxSize: QUERY_PLAN_CACHE_SIZE });
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
  };
  return {
    kind: "embedded",
    prisma,
    poolSize: 1,
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
  onLost?: () => void,
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
      if (stopped) return;
      onLost?.();
      scheduleReopen();
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
