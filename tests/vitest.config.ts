import { defineConfig } from "vitest/config";
import { busyMachineTimeouts, singleGraphql, sourceConditions, testWorkers } from "../vitest.shared.js";

// End-to-end tests: each file starts the whole API on a fresh seeded database and talks to it over HTTP. The
// database is a copy of a template migrated and seeded once per run (globalSetup; @medverkan/api/testing).
export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    // Browser tests have their own config (tests/browser), run by `npm run test:browser`.
    // Scale-out topology tests (real PgBouncer, HAProxy, a replica) have their own: `npm run test:scale-out`.
    exclude: ["node_modules/**", "browser/**", "**/*.topology.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    pool: "forks",
    maxWorkers: testWorkers,
    ...busyMachineTimeouts,
  },
});
