import { defineConfig } from "vitest/config";
import { busyMachineTimeouts, singleGraphql, sourceConditions, testWorkers } from "../../vitest.shared.js";

export default defineConfig({
  resolve: { conditions: sourceConditions, alias: singleGraphql },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ["src/**/*.test.ts"],
    setupFiles: ["./src/testing/vitest-setup.ts"],
    // Integration tests open copies of the prepared test databases (src/testing/test-template.ts).
    globalSetup: ["./src/testing/global-setup.ts"],
    pool: "forks",
    // Modules stay loaded from one file to the next in a worker (as in tests/vitest.config.ts: no test replaces a
    // module or the environment), so the API's sources are loaded once per worker rather than once per file.
    isolate: false,
    maxWorkers: testWorkers,
    ...busyMachineTimeouts,
  },
});
