#!/usr/bin/env node
// Runs the browser tests (tests/browser) when Chromium is installed; otherwise says so in one line and succeeds,
// so `npm test` works on a machine without it. CI installs Debian's chromium and runs them (.ci/run).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this script only, never by a turbo task
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.log(
    `Browser tests skipped: no Chromium at ${chromium} (install it with \`apt-get install chromium\` or set CHROMIUM_PATH), then run \`npm run test:browser\`.`,
  );
  process.exit(0);
}
const result = spawnSync("npx", ["vitest", "run", "--config", "tests/browser/vitest.config.ts", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
