import { defineConfig } from "vitest/config";
import { busyMachineTimeouts, singleGraphql, sourceConditions } from "../../vitest.shared.js";

// The scale-out topology tests (issue 23): real PostgreSQL clusters (a primary and a pg_basebackup standby), PgBouncer
// and HAProxy, started by scripts/scale-out/topology.mjs. Run by `npm run test:scale-out` (which .ci/run calls), not
// by the end-to-end suite: they need those programs and the built API, and one topology at a time.
export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    root: import.meta.dirname,
    include: ["**/*.topology.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    ...busyMachineTimeouts,
  },
});
