import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 8 item 6 (SECURITY.md: fail fast with a clear retryable error when the database is down, recover when it
// returns): a throwaway PostgreSQL cluster of its own, stopped and started under a running API. Skipped (with the
// reason) where PostgreSQL's server binaries are not installed.

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
const usable = binDirectory !== null && (!isRoot || runAsPostgres);

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

let directory = "";
let port = 0;
let api: TestApi;
const startCluster = () =>
  pg("pg_ctl", [
    "-D",
    join(directory, "data"),
    "-l",
    join(directory, "log"),
    "-o",
    `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "-w",
    "-t",
    "30",
    "start",
  ]);
const stopCluster = () => pg("pg_ctl", ["-D", join(directory, "data"), "-m", "fast", "-w", "stop"]);

const PUBLIC = /* GraphQL */ `query { tenant(slug: "kalmar") { slug } }`;

describe.skipIf(!usable)("database outage", () => {
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "medverkan-pg-"));
    if (runAsPostgres) {
      const user = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
      const group = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
      chownSync(directory, Number(user), Number(group));
    }
    port = await freePort();
    pg("initdb", ["-D", join(directory, "data"), "-U", "postgres", "--auth=trust", "--no-sync"]);
    startCluster();
    api = await startTestApi({ databaseUrl: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  });

  afterAll(async () => {
    try {
      startCluster();
    } catch {
      // already running
    }
    await api?.stop();
    try {
      stopCluster();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("fails fast with SERVICE_UNAVAILABLE while the database is down and recovers by itself when it returns", async () => {
    expect((await api.graphql<{ tenant: { slug: string } }>(PUBLIC)).data?.tenant.slug).toBe("kalmar");
    const token = await api.tokenFor({ tenant: "kalmar", role: "coordinator" });

    stopCluster();
    const started = Date.now();
    const down = await api.graphql(PUBLIC);
    const authenticated = await api.graphql(`query { me { kind } }`, { token });
    expect(Date.now() - started).toBeLessThan(8_000);
    for (const response of [down, authenticated]) {
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryable: true });
      expect(JSON.stringify(response)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    }
    expect(authenticated.status).toBe(503);
    const ready = await fetch(api.url.replace("/graphql", "/readyz"));
    expect(ready.status).toBe(503);

    startCluster();
    let recovered = false;
    for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
      const response = await api.graphql<{ tenant: { slug: string } }>(PUBLIC);
      recovered = response.data?.tenant?.slug === "kalmar";
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    expect((await api.graphql<{ me: { kind: string } }>(`query { me { kind } }`, { token })).data?.me.kind).toBe("STAFF");
    expect((await fetch(api.url.replace("/graphql", "/readyz"))).status).toBe(200);
  });
});
