import { defineConfig } from "vitest/config";
import { singleGraphql, sourceConditions } from "../vitest.shared.js";

// End-to-end tests: each file starts the whole API on a fresh seeded database and talks to it over HTTP.
export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    // Browser tests have their own config (tests/browser), run by `npm run test:browser`.
    exclude: ["node_modules/**", "browser/**"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
