import { defineConfig } from "vitest/config";
import { singleGraphql, sourceConditions } from "../../vitest.shared.js";

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
    fileParallelism: false,
  },
});
