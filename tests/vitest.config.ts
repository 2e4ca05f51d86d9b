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
    // Each worker keeps the modules it has loaded from one file to the next. Every file imports the whole API from
    // its TypeScript sources; loading it afresh for each of ~90 files was most of the run (import 214 of 366 s on a
    // quiet 2-core machine, 20 s without). Safe because no test replaces a module or the environment (no vi.mock,
    // vi.stubEnv), every file starts and stops its own API and database, and the counters tests read are deltas.
    isolate: false,
    maxWorkers: testWorkers,
    ...busyMachineTimeouts,
  },
});
