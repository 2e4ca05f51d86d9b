import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The README's promise: the built API starts on the embedded database with the seeded regions and prints where the
// explorer is; it drains and exits cleanly on SIGTERM. Runs the real entry point, as `npm start` does.

const root = join(import.meta.dirname, "..", "..");
const dataDirectory = mkdtempSync(join(tmpdir(), "medverkan-start-"));
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDirectory, { recursive: true, force: true });
});

function start(): Promise<{ url: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", MEDVERKAN_DATA_DIR: dataDirectory, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  // As `npm start` runs it: vitest's NODE_ENV=test would switch off Apollo's own signal handling, which once held
  // the process for half a minute after SIGTERM.
  delete env.NODE_ENV;
  env.SHUTDOWN_GRACE_MS = "2000";
  child = spawn(process.execPath, [join(root, "packages/api/dist/main.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Medverkan API\s+(http:\/\/\S+\/graphql)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output });
      }
    };
    child?.stdout?.on("data", onData);
    child?.stderr?.on("data", onData);
    child?.on("exit", (code) => reject(new Error(`API exited with ${code}:\n${output}`)));
  });
}

describe("the start command", () => {
  it("serves the seeded regions, prints the explorer, and shuts down cleanly", async () => {
    const { url, output } = await start();
    expect(output()).toMatch(/GraphQL explorer\s+http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(output()).toContain("embedded PGlite");

    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          '{ a: tenant(slug: "jonkoping") { name } b: tenant(slug: "vgr") { name } c: tenant(slug: "kalmar") { name } d: tenant(slug: "ostergotland") { name } }',
      }),
    });
    const body = (await response.json()) as { data: Record<string, { name: string }> };
    expect(Object.values(body.data).map((tenant) => tenant.name)).toEqual([
      "Region Jönköpings län",
      "Västra Götalandsregionen",
      "Region Kalmar län",
      "Region Östergötland",
    ]);
    expect((await fetch(new URL("/readyz", url))).status).toBe(200);

    // Drained and gone well within the grace period plus closing the database, not after some other timer.
    const exited = new Promise<number | null | "still running">((resolve) => {
      const hung = setTimeout(() => resolve("still running"), 10_000);
      child?.once("exit", (code) => {
        clearTimeout(hung);
        resolve(code);
      });
    });
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
    child = null;
  });
});
