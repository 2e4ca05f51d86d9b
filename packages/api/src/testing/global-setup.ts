import { spawn } from "node:child_process";
import { join } from "node:path";

/**
 * vitest globalSetup: builds the prepared test databases (test-template.ts) once before any test file starts, so no
 * file's start-up pays for migrating and seeding. Shared by this package's tests and the end-to-end suite.
 *
 * The build runs in a child process on the TypeScript sources (`@medverkan/source`, through tsx): vitest loads a
 * global setup's workspace imports from their built `dist/`, which may be older than the sources the tests run.
 */
export default async function setup(): Promise<void> {
  if (process.env.MEDVERKAN_TEST_TEMPLATES === "off") return;
  const script = join(import.meta.dirname, "prepare-templates.ts");
  // tsx is the workspace root's; `--import` resolves it from the working directory.
  const root = join(import.meta.dirname, "..", "..", "..", "..");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=@medverkan/source", "--import", "tsx", script], { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`preparing the test database templates failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}
