import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A PostgreSQL cluster of a test's own, made with initdb in a temporary folder, that the test may stop and start under
// a running API (faults: the database went away, the database is not up yet). Used by the outage,
// start-up and outbox fault tests. Unusable (say why with `skipReason`) where PostgreSQL's server binaries are
// not installed, or as root without runuser.

function findBinDirectory(): string | null {
  const candidates = [
    ...(process.env.PG_BIN_DIR ? [process.env.PG_BIN_DIR] : []),
    ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").map((version) => `/usr/lib/postgresql/${version}/bin`) : []),
    "/usr/local/bin",
    "/usr/bin",
  ];
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) ?? null;
}

const binDirectory = findBinDirectory();
const isRoot = process.getuid?.() === 0;
// PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` system user.
const runAsPostgres = isRoot && existsSync("/usr/sbin/runuser");

/** Why a throwaway cluster cannot be made here, or null when it can. */
export const throwawayClusterUnavailable: string | null =
  binDirectory === null
    ? "PostgreSQL's server binaries (initdb, pg_ctl) are not installed"
    : isRoot && !runAsPostgres
      ? "running as root without runuser"
      : null;

function pg(tool: string, args: string[]): string {
  const binary = join(binDirectory ?? "", tool);
  const [command, commandArgs] = runAsPostgres ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  return execFileSync(command, commandArgs as string[], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface ThrowawayCluster {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  start(): void;
  /** Fast shutdown: open connections are cut, as when a server goes away. */
  stop(): void;
  /** Stops the cluster if it runs and deletes its folder. */
  remove(): void;
}

/** Makes (initdb) a cluster; it is not started. */
export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const directory = mkdtempSync(join(tmpdir(), "medverkan-pg-"));
  if (runAsPostgres) {
    const user = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    const group = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
    chownSync(directory, Number(user), Number(group));
  }
  const port = await freePort();
  pg("initdb", ["-D", join(directory, "data"), "-U", "postgres", "--auth=trust", "--no-sync"]);
  const data = join(directory, "data");
  let running = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start() {
      pg("pg_ctl", [
        "-D",
        data,
        "-l",
        join(directory, "log"),
        "-o",
        `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`,
        "-w",
        "-t",
        "60",
        "start",
      ]);
      running = true;
    },
    stop() {
      pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    remove() {
      try {
        if (running) pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
