#!/usr/bin/env node
// Scale-out parts made of real programs (issue 23): a PostgreSQL 15 primary and a hot standby made with
// pg_basebackup (streaming replication), PgBouncer in transaction mode in front of the primary, and HAProxy in front
// of several API instances. Used by tests/scale-out and by hand:
//
//   node scripts/scale-out/topology.mjs up [--instances 3] [--base-port 5440]   # everything, until Ctrl-C
//   node scripts/scale-out/topology.mjs pgbouncer --upstream 127.0.0.1:5432 --port 6440   # PgBouncer alone
//
// Nothing here touches the system's clusters or their configuration: the clusters are initdb'd in a temporary folder.
// PostgreSQL and PgBouncer refuse to run as root; as root they run as the `postgres` system user (runuser).
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function firstExisting(paths) {
  return paths.find((path) => path && existsSync(path)) ?? null;
}

function postgresBinDirectory() {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse() : [];
  const candidates = [
    process.env.PG_BIN_DIR,
    ...versions.map((version) => `/usr/lib/postgresql/${version}/bin`),
    "/usr/local/bin",
    "/usr/bin",
  ];
  return candidates.find((dir) => dir && ["initdb", "pg_ctl", "pg_basebackup"].every((tool) => existsSync(join(dir, tool)))) ?? null;
}

/** PGBOUNCER_BIN / HAPROXY_BIN name the program (only that one); otherwise Debian's paths. */
const program = (variable, fallbacks) => firstExisting(process.env[variable] ? [process.env[variable]] : fallbacks);

export const binaries = {
  postgres: postgresBinDirectory(),
  pgbouncer: program("PGBOUNCER_BIN", ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"]),
  haproxy: program("HAPROXY_BIN", ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"]),
};

const isRoot = process.getuid?.() === 0;
const runAsPostgres = isRoot && existsSync("/usr/sbin/runuser");

/** Why the scale-out parts cannot run here (one line), or null when they can. */
export function scaleOutUnavailable() {
  const missing = [];
  if (!binaries.postgres) missing.push("PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup)");
  if (!binaries.pgbouncer) missing.push("pgbouncer (apt-get install pgbouncer)");
  if (!binaries.haproxy) missing.push("haproxy (apt-get install haproxy)");
  if (isRoot && !runAsPostgres) missing.push("runuser (to run PostgreSQL as postgres when root)");
  return missing.length === 0 ? null : `not installed here: ${missing.join(", ")}`;
}

/** Runs as the postgres system user when we are root (PostgreSQL and PgBouncer refuse root). */
function asPostgres(command, args) {
  return runAsPostgres ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

function pgTool(tool, args) {
  const [command, commandArgs] = asPostgres(join(binaries.postgres ?? "", tool), args);
  return execFileSync(command, commandArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function ownedByPostgres(directory) {
  if (!runAsPostgres) return;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  chownSync(directory, uid, gid);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A folder for one topology's clusters, configuration and logs (owned by postgres when we are root). */
export function makeWorkDirectory(prefix = "medverkan-scale-") {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  ownedByPostgres(directory);
  return directory;
}

function pgCluster(directory, name, port) {
  const data = join(directory, name);
  const log = join(directory, `${name}.log`);
  let running = false;
  const cluster = {
    name,
    port,
    data,
    log,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    start() {
      pgTool("pg_ctl", ["-D", data, "-l", log, "-o", `-p ${port} -k ${directory}`, "-w", "-t", "60", "start"]);
      running = true;
    },
    /** `immediate` is a crash (nothing flushed, connections cut); `fast` a clean shutdown. */
    stop(mode = "fast") {
      if (!running) return;
      pgTool("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
      running = false;
    },
    /** A standby becomes a primary (pg_ctl promote waits until it accepts writes). */
    promote() {
      pgTool("pg_ctl", ["-D", data, "-w", "-t", "60", "promote"]);
    },
    get running() {
      return running;
    },
  };
  return cluster;
}

/**
 * A primary ready for streaming replication: initdb (trust on 127.0.0.1, replication connections allowed), WAL for
 * a standby, fsync off (a test cluster; a crash of the machine loses it, a crash of the server does not).
 */
export function createPrimary(directory, port) {
  const cluster = pgCluster(directory, "primary", port);
  pgTool("initdb", ["-D", cluster.data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  writeFileSync(
    join(cluster.data, "postgresql.auto.conf"),
    [
      "listen_addresses = '127.0.0.1'",
      "wal_level = replica",
      "max_wal_senders = 5",
      "wal_keep_size = '256MB'",
      "hot_standby = on",
      "fsync = off",
      "max_connections = 200",
      // PgBouncer sends no statement_timeout at connect (it does not pass startup parameters): the server's own bound.
      "statement_timeout = '15s'",
      "",
    ].join("\n"),
  );
  return cluster;
}

/** A hot standby of a running primary: pg_basebackup with `-R` (standby.signal and primary_conninfo), streaming. */
export function createReplica(directory, primary, port) {
  const cluster = pgCluster(directory, "replica", port);
  pgTool("pg_basebackup", [
    "-h",
    "127.0.0.1",
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    cluster.data,
    "-R",
    "-X",
    "stream",
    "-c",
    "fast",
  ]);
  return cluster;
}

/** Spawns a long-running program and keeps its output in a log file; `stop()` ends it by its pid. */
function supervise(name, command, args, logFile, env = process.env) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    writeFileSync(logFile, output);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    name,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForPort(port, what, child) {
  const started = Date.now();
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = createServer().listen(port, "127.0.0.1");
      socket.once("listening", () => socket.close(() => resolve(false)));
      socket.once("error", () => resolve(true));
    });
    if (open) return;
    if (child && (child.child.exitCode !== null || child.child.signalCode !== null)) {
      throw new Error(`${what} exited:\n${child.output()}`);
    }
    if (Date.now() - started > 20_000) throw new Error(`${what} did not listen on ${port}:\n${child?.output() ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * PgBouncer in transaction mode (the API's pool: DATABASE_URL) and, per database, a session-mode alias
 * `<database>_session` (for session work: migrations' advisory lock, LISTEN — DATABASE_DIRECT_URL) — both pointing
 * at `upstream`. `repoint(upstream)` rewrites the configuration and reloads it (SIGHUP): how a failover reaches the
 * API without restarting it. `*` passes any other database name through in transaction mode (the test suite's
 * scratch databases).
 */
export async function startPgBouncer(directory, { port, upstream, databases = [], queryWaitTimeoutSeconds = 5 }) {
  const ini = join(directory, "pgbouncer.ini");
  const pidFile = join(directory, "pgbouncer.pid");
  const write = (target) => {
    const server = `host=${target.host} port=${target.port} user=postgres`;
    writeFileSync(
      ini,
      [
        "[databases]",
        ...databases.flatMap((database) => [
          `${database} = ${server} dbname=${database} pool_mode=transaction`,
          `${database}_session = ${server} dbname=${database} pool_mode=session`,
        ]),
        `* = ${server}`,
        "",
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${port}`,
        `unix_socket_dir = ${directory}`,
        `pidfile = ${pidFile}`,
        // Test clusters trust 127.0.0.1; a deployment uses auth_type = scram-sha-256 with an auth_file or auth_query.
        "auth_type = any",
        "pool_mode = transaction",
        "max_client_conn = 500",
        "default_pool_size = 20",
        "max_db_connections = 60",
        // Fail fast while the server is away (a failover): clients get an error, not a long queue.
        `query_wait_timeout = ${queryWaitTimeoutSeconds}`,
        "server_connect_timeout = 2",
        "server_login_retry = 1",
        "server_check_delay = 1",
        // node-postgres may send it; a transaction pooler cannot keep it per client (the server's setting applies).
        "ignore_startup_parameters = extra_float_digits,statement_timeout",
        "log_connections = 0",
        "log_disconnections = 0",
        "",
      ].join("\n"),
    );
    ownedByPostgres(ini);
  };
  write(upstream);
  const [command, args] = asPostgres(binaries.pgbouncer, [ini]);
  const process_ = supervise("pgbouncer", command, args, join(directory, "pgbouncer.log"));
  await waitForPort(port, "pgbouncer", process_);
  return {
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}?pgbouncer=true`,
    sessionUrl: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}_session`,
    /** Points every pool at another server and reloads; connections to the old one are closed as they come free. */
    repoint(target) {
      write(target);
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      process.kill(pid, "SIGHUP");
    },
    stop: () => process_.stop(),
  };
}

/**
 * HAProxy in front of API instances: round robin, health-checked on /healthz (the instance's own liveness — a
 * database away is everyone's condition, and each instance answers it itself with a typed, retryable 503; a check on
 * /readyz would take every instance out and leave clients HAProxy's untyped 503 page), forwarded-for, and WebSocket
 * upgrades passed through (HTTP mode tunnels an upgraded connection; `timeout tunnel` keeps a quiet subscription open:
 * once upgraded, `timeout client` and `timeout server` no longer apply). Each response names the server that answered
 * it (`X-Served-By: api1`…, in the order of `backends`). `timeouts` overrides those of `defaults` (tests use it to
 * show a subscription outliving short client and server timeouts); `name` names the configuration file.
 */
export async function startHaproxy(directory, { port, backends, timeouts = {}, name = "haproxy" }) {
  const config = join(directory, `${name}.cfg`);
  const timeout = { connect: "2s", client: "60s", server: "60s", tunnel: "1h", "http-keep-alive": "10s", ...timeouts };
  writeFileSync(
    config,
    [
      "global",
      "  maxconn 2000",
      "defaults",
      "  mode http",
      "  option forwardfor",
      "  option redispatch",
      "  retries 2",
      ...Object.entries(timeout).map(([kind, value]) => `  timeout ${kind} ${value}`),
      "frontend medverkan",
      `  bind 127.0.0.1:${port}`,
      "  default_backend api",
      "backend api",
      "  balance roundrobin",
      "  option httpchk GET /healthz",
      "  http-check expect status 200",
      "  http-response set-header X-Served-By %[srv_name]",
      ...backends.map((backend, index) => `  server api${index + 1} ${backend.host}:${backend.port} check inter 1s fall 2 rise 1`),
      "",
    ].join("\n"),
  );
  execFileSync(binaries.haproxy, ["-c", "-q", "-f", config]);
  const process_ = supervise(name, binaries.haproxy, ["-db", "-f", config], join(directory, `${name}.log`));
  await waitForPort(port, name, process_);
  return { port, url: `http://127.0.0.1:${port}/graphql`, config, stop: () => process_.stop() };
}

/**
 * One API instance: the built entry point (packages/api/dist/main.js, as `npm start` runs it) in its own process.
 * `env` adds to (and overrides) a development configuration on `port`.
 */
export async function startApiInstance(directory, { name, port, env }) {
  const dataDirectory = join(directory, `${name}-data`);
  mkdirSync(dataDirectory, { recursive: true });
  const main = join(ROOT, "packages", "api", "dist", "main.js");
  const childEnv = {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    MEDVERKAN_DATA_DIR: dataDirectory,
    LOG_LEVEL: "warn",
    TRUST_PROXY: "1",
    ...env,
  };
  delete childEnv.TEST_DATABASE_URL;
  delete childEnv.NODE_ENV;
  delete childEnv.VITEST;
  const instance = supervise(name, process.execPath, [main], join(directory, `${name}.log`), childEnv);
  const started = Date.now();
  while (!/Medverkan API\s+http/.test(instance.output())) {
    if (instance.child.exitCode !== null) throw new Error(`API instance ${name} exited:\n${instance.output()}`);
    if (Date.now() - started > 180_000) throw new Error(`API instance ${name} did not start:\n${instance.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ...instance, url: `http://127.0.0.1:${port}/graphql` };
}

/** Tears down whatever of a topology was started, in reverse order, and deletes its folder. */
export async function teardown(directory, parts) {
  for (const part of [...parts].reverse()) {
    const started = Date.now();
    try {
      if (part.kind === "cluster") part.value.stop("immediate");
      else await Promise.race([part.value.stop(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    } catch {
      // keep going: everything else must still be stopped
    }
    if (process.env.SCALE_OUT_DEBUG) console.log(`teardown: ${part.value.name ?? part.kind} ${Date.now() - started} ms`);
  }
  if (directory && !process.env.SCALE_OUT_KEEP) rmSync(directory, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      upstream: { type: "string", default: "127.0.0.1:5432" },
      port: { type: "string", default: "6440" },
    },
  });
  const unavailable = scaleOutUnavailable();
  if (unavailable) {
    console.error(`scale-out: ${unavailable}`);
    process.exit(2);
  }
  if (positionals[0] === "pgbouncer") {
    const directory = makeWorkDirectory("medverkan-pgbouncer-");
    const [host, upstreamPort] = values.upstream.split(":");
    const bouncer = await startPgBouncer(directory, { port: Number(values.port), upstream: { host, port: Number(upstreamPort) } });
    console.log(`PgBouncer (transaction mode) on 127.0.0.1:${bouncer.port} → ${values.upstream}; Ctrl-C stops it`);
    const stop = async () => {
      await teardown(directory, [{ kind: "process", value: bouncer }]);
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } else {
    console.error("usage: node scripts/scale-out/topology.mjs pgbouncer [--upstream host:port] [--port 6440]");
    process.exit(1);
  }
}
