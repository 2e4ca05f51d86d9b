import { defineConfig } from "vitest/config";
import { singleGraphql, sourceConditions, testWorkers } from "../../vitest.shared.js";

// Browser tests: the real API on a fresh seeded database serves the built web app; Chromium (Debian's package)
// clicks through it with playwright-core. Run through `node scripts/browser-tests.mjs`, which skips them in one
// line when there is no Chromium.
export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Two files at a time on two cores (one API, its database and a Chromium each): 182 → 139 s on a quiet 2-core
    // machine; the timeouts above carry them through a busy one (scripts/test-under-load.mjs).
    maxWorkers: testWorkers,
    // Modules stay loaded from one file to the next in a worker (as in tests/vitest.config.ts: no test replaces a
    // module or the environment), so the API's sources are loaded once per worker rather than once per file.
    isolate: false,
  },
});
